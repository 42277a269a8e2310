/**
 * The analyst query library's answers: a library query run over the union of
 * every named graph (what the queries expect as their default graph), and its
 * SPARQL JSON answer as a table of n3 terms (pages/query-library-page.ts renders it).
 */
import { DataFactory, type Term } from 'n3';
import type { LibraryQuery } from '../../data/queries/library.js';
import type { QueryAnswer, SparqlStore } from '../../store/types.js';
import { PAGE_QUERY_TIMEOUT_MS } from '../store-query.js';

/** Most rows a library answer may have on a page or in a download. */
export const LIBRARY_RESULT_CAP = 5_000;

export const RESULT_TYPES = { csv: 'text/csv', json: 'application/sparql-results+json' } as const;

/** Run a library query with the union of every named graph as default graph. */
export async function runLibraryQuery(
  store: SparqlStore,
  query: Pick<LibraryQuery, 'sparql'>,
  mediaType: string = RESULT_TYPES.json,
): Promise<QueryAnswer> {
  const graphs = (await store.graphs()).map((g) => g.iri);
  return store.query(query.sparql, {
    mediaType,
    defaultGraphs: graphs,
    namedGraphs: graphs,
    timeoutMs: PAGE_QUERY_TIMEOUT_MS,
    resultCap: LIBRARY_RESULT_CAP,
  });
}

interface JsonTerm {
  type: 'uri' | 'literal' | 'typed-literal' | 'bnode' | 'triple';
  value: string;
  'xml:lang'?: string;
  datatype?: string;
}

export interface ResultTable {
  vars: string[];
  rows: Record<string, Term | undefined>[];
}

function toTerm(t: JsonTerm): Term {
  if (t.type === 'uri') return DataFactory.namedNode(t.value);
  if (t.type === 'bnode') return DataFactory.blankNode(t.value);
  return DataFactory.literal(t.value, t['xml:lang'] || (t.datatype ? DataFactory.namedNode(t.datatype) : undefined));
}

/** A SPARQL JSON results body as a table of n3 terms. */
export function resultTable(body: string): ResultTable {
  const json = JSON.parse(body) as { head: { vars?: string[] }; results?: { bindings: Record<string, JsonTerm>[] }; boolean?: boolean };
  if (json.boolean !== undefined) return { vars: ['antwoord'], rows: [{ antwoord: DataFactory.literal(String(json.boolean)) }] };
  const vars = json.head.vars ?? [];
  return {
    vars,
    rows: (json.results?.bindings ?? []).map((b) => Object.fromEntries(vars.map((v) => [v, b[v] ? toTerm(b[v]) : undefined]))),
  };
}
