/**
 * The list of GGM releases the project compiles and publishes (`releases/releases.yaml`):
 * for each its version, source file, issue date (from a trustworthy place: the release's git
 * tag, not the export's root package) and the file it was derived from. Newest first.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

export const RELEASES_FILE = 'releases/releases.yaml';

/** The files of an earlier release (`releases/<version>/…`): that release's ontology and code lists. */
export const releaseFiles = (version: string) => ({
  ontology: `releases/${version}/ggm.ttl`,
  codelijsten: `releases/${version}/codelijsten.ttl`,
});

export interface ReleaseInfo {
  version: string;
  /** Path of the crunch_uml export, relative to the shared folder. */
  source: string;
  /** xsd:date of the release. */
  issued: string;
  tag?: string;
  /** IRI of the file in the GGM repository the source is a copy of. */
  derivedFrom: string;
}

const VERSION = /^\d+\.\d+\.\d+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Parse and check the releases file; errors name the file and the entry. */
export function parseReleases(text: string, file = RELEASES_FILE): ReleaseInfo[] {
  const doc = YAML.parse(text, { schema: 'failsafe' }) as { releases?: unknown } | null;
  if (!doc || !Array.isArray(doc.releases) || doc.releases.length === 0)
    throw new Error(`${file}: expected a list "releases" with at least one entry`);
  const seen = new Set<string>();
  const out = doc.releases.map((r: unknown, i: number): ReleaseInfo => {
    const at = `${file}: releases[${i}]`;
    if (!r || typeof r !== 'object') throw new Error(`${at}: expected a mapping`);
    const e = r as Record<string, unknown>;
    const known = ['version', 'source', 'issued', 'tag', 'derivedFrom'];
    for (const k of Object.keys(e)) if (!known.includes(k)) throw new Error(`${at}: unknown key "${k}" (known: ${known.join(', ')})`);
    const str = (k: string, re?: RegExp, what?: string): string => {
      const v = e[k];
      if (typeof v !== 'string' || v.trim() === '') throw new Error(`${at}: "${k}" is missing`);
      if (re && !re.test(v)) throw new Error(`${at}: "${k}" must be ${what}, got "${v}"`);
      return v;
    };
    const version = str('version', VERSION, 'a release number such as 2.5.1');
    if (seen.has(version)) throw new Error(`${at}: version ${version} is listed twice`);
    seen.add(version);
    const issued = str('issued', DATE, 'a date YYYY-MM-DD');
    if (Number.isNaN(Date.parse(`${issued}T00:00:00Z`))) throw new Error(`${at}: "issued" is not a date: ${issued}`);
    const source = str('source');
    if (path.isAbsolute(source) || source.split(/[\\/]/).includes('..'))
      throw new Error(`${at}: "source" must be a path inside the shared folder`);
    const derivedFrom = str('derivedFrom', /^https?:\/\/[^\s<>"{}|\\^`]+$/, 'an http(s) IRI');
    const tag = e.tag === undefined ? undefined : str('tag');
    return { version, source, issued, derivedFrom, ...(tag ? { tag } : {}) };
  });
  // newest first, whatever the order in the file
  return out.sort((a, b) => compareVersions(b.version, a.version));
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** The releases of a project folder, or [] when it has no releases file. */
export function readReleases(root: string): ReleaseInfo[] {
  const file = path.join(root, RELEASES_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  return parseReleases(text, file);
}

/** The release before `version` in the list (its owl:priorVersion), if any. */
export function priorRelease(releases: ReleaseInfo[], version: string): ReleaseInfo | undefined {
  return releases.filter((r) => compareVersions(r.version, version) < 0).sort((a, b) => compareVersions(b.version, a.version))[0];
}
