/**
 * SSSOM 1.0 mapping-set TSV: a YAML metadata block (every line prefixed with
 * "#") followed by a tab-separated table, one mapping per row.
 * https://mapping-commons.github.io/sssom/spec-model/
 */
import YAML from 'yaml';

export const SSSOM_COLUMNS = [
  'subject_id',
  'subject_label',
  'predicate_id',
  'object_id',
  'object_label',
  'object_type',
  'object_source',
  'mapping_justification',
  'author_id',
  'mapping_provider',
  'confidence',
  'comment',
] as const;

export type SssomColumn = (typeof SSSOM_COLUMNS)[number];
export type SssomRow = Record<SssomColumn, string>;

export interface SssomMetadata {
  curie_map: Record<string, string>;
  sssom_version?: string;
  mapping_set_id: string;
  mapping_set_title?: string;
  mapping_set_description?: string;
  mapping_set_version?: string;
  license: string;
  mapping_date?: string;
  mapping_tool?: string;
  [key: string]: unknown;
}

export interface SssomSet {
  metadata: SssomMetadata;
  rows: SssomRow[];
}

const cell = (s: string) =>
  s
    .replace(/[\t\r\n]+/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();

/** Serialise a mapping set; rows are written in the given order, metadata keys in a fixed order. */
export function writeSssom(set: SssomSet): string {
  const { curie_map, ...rest } = set.metadata;
  const ordered: Record<string, unknown> = {};
  for (const k of Object.keys(rest).sort()) if (rest[k] !== undefined) ordered[k] = rest[k];
  ordered.curie_map = Object.fromEntries(Object.entries(curie_map).sort((a, b) => (a[0] < b[0] ? -1 : 1)));
  const yaml = YAML.stringify(ordered, { lineWidth: 0 });
  const header = yaml
    .trimEnd()
    .split('\n')
    .map((l) => `#${l ? ` ${l}` : ''}`)
    .join('\n');
  const lines = [SSSOM_COLUMNS.join('\t'), ...set.rows.map((r) => SSSOM_COLUMNS.map((c) => cell(r[c] ?? '')).join('\t'))];
  return `${header}\n${lines.join('\n')}\n`;
}

/** Parse an SSSOM TSV; errors name the file and line. */
export function parseSssom(text: string, file = 'mapping set'): SssomSet {
  const lines = text.split(/\r?\n/);
  const meta: string[] = [];
  let i = 0;
  for (; i < lines.length && lines[i].startsWith('#'); i++) meta.push(lines[i].replace(/^# ?/, ''));
  let metadata: SssomMetadata;
  try {
    metadata = YAML.parse(meta.join('\n')) as SssomMetadata;
  } catch (e) {
    throw new Error(`${file}: metadata block is not valid YAML: ${(e as Error).message}`);
  }
  if (!metadata || typeof metadata !== 'object') throw new Error(`${file}: no metadata block`);
  const headerLine = lines[i];
  if (headerLine === undefined) throw new Error(`${file}: no table header after the metadata block`);
  const columns = headerLine.split('\t');
  const rows: SssomRow[] = [];
  for (let j = i + 1; j < lines.length; j++) {
    if (lines[j] === '') continue;
    const cells = lines[j].split('\t');
    if (cells.length !== columns.length) throw new Error(`${file}:${j + 1}: ${cells.length} cells, the header has ${columns.length}`);
    rows.push(Object.fromEntries(columns.map((c, k) => [c, cells[k]])) as SssomRow);
  }
  return { metadata, rows };
}
