/**
 * Local deviations from the GGM's own DDL, in a YAML or JSON file:
 *
 * ```yaml
 * tables:
 *   mijn_zaken:                 # a renamed table
 *     objecttype: Zaak          # objecttype name, "Naam@Domein", or EA GUID
 *     key: zaaknummer           # the column that identifies a row (default: the primary key)
 *     ignore: [intern_kenmerk]  # extra local columns, not published
 *     columns:
 *       omschr: omschrijving    # a renamed column → attribuutsoort name
 *       zaaktype_ref: { references: zaaktype, role: IS_VAN }  # a foreign key without the GGM's naming
 *   audit_log: skip             # a local table, not published
 * ```
 */
import { readFile } from 'node:fs/promises';
import YAML from 'yaml';

export interface ColumnOverride {
  attribuut?: string;
  references?: string;
  role?: string;
}

export interface TableOverride {
  skip?: boolean;
  objecttype?: string;
  key?: string;
  ignore?: string[];
  columns?: Record<string, ColumnOverride>;
}

export interface Overrides {
  tables: Record<string, TableOverride>;
}

export class OverrideError extends Error {
  constructor(file: string, where: string, message: string) {
    super(`${file}: ${where}: ${message}`);
    this.name = 'OverrideError';
  }
}

export async function loadOverrides(file: string): Promise<Overrides> {
  const text = await readFile(file, 'utf8');
  let doc: unknown;
  try {
    doc = /\.json$/i.test(file) ? JSON.parse(text) : YAML.parse(text);
  } catch (e) {
    throw new OverrideError(file, 'syntax', (e as Error).message);
  }
  return parseOverrides(doc, file);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function parseOverrides(doc: unknown, file = '(overrides)'): Overrides {
  if (doc === null || doc === undefined) return { tables: {} };
  if (!isObject(doc)) throw new OverrideError(file, 'top level', 'expected a mapping with "tables"');
  for (const k of Object.keys(doc)) if (k !== 'tables') throw new OverrideError(file, k, 'unknown key (expected "tables")');
  const tables: Record<string, TableOverride> = {};
  const raw = doc.tables ?? {};
  if (!isObject(raw)) throw new OverrideError(file, 'tables', 'expected a mapping of table name → settings');
  for (const [table, v] of Object.entries(raw)) {
    const where = `tables.${table}`;
    if (v === 'skip') {
      tables[table.toLowerCase()] = { skip: true };
      continue;
    }
    if (!isObject(v)) throw new OverrideError(file, where, 'expected "skip" or a mapping');
    const t: TableOverride = {};
    for (const [k, x] of Object.entries(v)) {
      if (k === 'objecttype' || k === 'key') {
        if (typeof x !== 'string' || !x.trim()) throw new OverrideError(file, `${where}.${k}`, 'expected a non-empty string');
        t[k] = k === 'key' ? x.toLowerCase() : x;
      } else if (k === 'skip') t.skip = x === true;
      else if (k === 'ignore') {
        if (!Array.isArray(x) || x.some((c) => typeof c !== 'string')) throw new OverrideError(file, `${where}.ignore`, 'expected a list of column names');
        t.ignore = (x as string[]).map((c) => c.toLowerCase());
      } else if (k === 'columns') {
        if (!isObject(x)) throw new OverrideError(file, `${where}.columns`, 'expected a mapping of column → attribuutsoort');
        t.columns = {};
        for (const [col, c] of Object.entries(x)) {
          if (typeof c === 'string') t.columns[col.toLowerCase()] = { attribuut: c };
          else if (isObject(c) && (typeof c.attribuut === 'string' || typeof c.references === 'string')) {
            t.columns[col.toLowerCase()] = {
              attribuut: typeof c.attribuut === 'string' ? c.attribuut : undefined,
              references: typeof c.references === 'string' ? c.references.toLowerCase() : undefined,
              role: typeof c.role === 'string' ? c.role : undefined,
            };
          } else throw new OverrideError(file, `${where}.columns.${col}`, 'expected an attribuutsoort name or { attribuut } or { references, role }');
        }
      } else throw new OverrideError(file, `${where}.${k}`, 'unknown key (expected objecttype, key, ignore, columns, skip)');
    }
    tables[table.toLowerCase()] = t;
  }
  return { tables };
}
