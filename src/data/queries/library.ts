/**
 * The analyst query library: named SPARQL queries in queries/NN-name.rq, each
 * opening with a header of comment lines
 *
 *   # name: stadspas-en-energietoeslag
 *   # nl: Welke inwoners hebben een stadspas …?
 *   # en: Which residents have a city pass …?
 *   # domeinen: Sociaal Domein Generiek, Model Inkomen, Personen (RSGBPlus)
 *
 * followed by the query. Queries are written for the default vocabulary base
 * and expect the union of the named graphs as their default graph (as the
 * service's /sparql endpoint offers it).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sparqljs from 'sparqljs';
import { DEFAULT_VOCAB_BASE } from '../../iri/index.js';

export interface LibraryQuery {
  /** Short name used in URLs (/queries/{name}). */
  name: string;
  /** The question in Dutch. */
  nl: string;
  /** The question in English. */
  en: string;
  /** The GGM domains the question crosses. */
  domeinen: string[];
  /** The query text (prefixes and query, without the header). */
  sparql: string;
  /** File name, for messages. */
  file: string;
}

const FIELDS = ['name', 'nl', 'en', 'domeinen'] as const;

export class QueryLibraryError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'QueryLibraryError';
  }
}

/** One .rq file's text as a library query; throws QueryLibraryError naming the file. */
export function parseLibraryQuery(file: string, text: string, vocabBase = DEFAULT_VOCAB_BASE): LibraryQuery {
  const lines = text.split(/\r?\n/);
  const header: Record<string, string> = {};
  let i = 0;
  for (; i < lines.length && lines[i]!.startsWith('#'); i++) {
    const m = /^#\s*([a-z]+)\s*:\s*(.*?)\s*$/.exec(lines[i]!);
    if (m) header[m[1]!] = m[2]!;
  }
  for (const field of FIELDS) {
    if (!header[field]) throw new QueryLibraryError(file, `the header lacks "# ${field}: …"`);
  }
  if (!/^[a-z0-9-]+$/.test(header.name!)) throw new QueryLibraryError(file, `name "${header.name}" must be lower case letters, digits and hyphens`);
  const expectedFile = new RegExp(`^(\\d+-)?${header.name}\\.rq$`);
  if (!expectedFile.test(file)) throw new QueryLibraryError(file, `the file of query "${header.name}" is named NN-${header.name}.rq`);
  const body = lines.slice(i).join('\n').trim();
  const sparql = `${vocabBase === DEFAULT_VOCAB_BASE ? body : body.split(DEFAULT_VOCAB_BASE).join(vocabBase)}\n`;
  try {
    new sparqljs.Parser().parse(sparql);
  } catch (e) {
    throw new QueryLibraryError(file, `the query does not parse: ${(e as Error).message}`);
  }
  return {
    name: header.name!,
    nl: header.nl!,
    en: header.en!,
    domeinen: header.domeinen!.split(',').map((d) => d.trim()).filter((d) => d !== ''),
    sparql,
    file,
  };
}

/** All queries in {root}/queries, in file-name order; names must be unique. */
/** The library in {root}/queries; a root without a queries/ folder has an empty library. */
export function loadQueryLibrary(root: string, vocabBase = DEFAULT_VOCAB_BASE): LibraryQuery[] {
  const dir = join(root, 'queries');
  if (!existsSync(dir)) return [];
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.rq'))
    .sort();
  const queries: LibraryQuery[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    const q = parseLibraryQuery(file, readFileSync(join(dir, file), 'utf8'), vocabBase);
    const earlier = seen.get(q.name);
    if (earlier) throw new QueryLibraryError(file, `name "${q.name}" is already used by ${earlier}`);
    seen.set(q.name, file);
    queries.push(q);
  }
  return queries;
}
