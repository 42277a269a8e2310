/**
 * SELECT / ASK / CONSTRUCT through the SparqlStore interface, answers turned
 * into RDF/JS terms (n3). Blank-node labels are consistent within one answer.
 */
import { DataFactory, Parser, type Quad, type Term } from 'n3';
import type { SparqlStore } from '../store/types.js';

const { namedNode, literal, blankNode } = DataFactory;

export type Row = Record<string, Term | undefined>;

/** Time limit of the queries the service runs itself to build a page. */
export const PAGE_QUERY_TIMEOUT_MS = 20_000;

interface JsonTerm {
  type: 'uri' | 'literal' | 'typed-literal' | 'bnode' | 'triple';
  value: string;
  'xml:lang'?: string;
  datatype?: string;
}

function toTerm(t: JsonTerm): Term | undefined {
  switch (t.type) {
    case 'uri':
      return namedNode(t.value);
    case 'bnode':
      return blankNode(t.value);
    case 'literal':
    case 'typed-literal':
      return t['xml:lang'] ? literal(t.value, t['xml:lang']) : literal(t.value, t.datatype ? namedNode(t.datatype) : undefined);
    default:
      return undefined; // quoted triples are not used by the service
  }
}

export async function select(store: SparqlStore, sparql: string): Promise<Row[]> {
  const answer = await store.query(sparql, { mediaType: 'application/sparql-results+json', timeoutMs: PAGE_QUERY_TIMEOUT_MS });
  const json = JSON.parse(answer.body) as { results?: { bindings: Record<string, JsonTerm>[] } };
  return (json.results?.bindings ?? []).map((b) => {
    const row: Row = {};
    for (const [k, v] of Object.entries(b)) row[k] = toTerm(v);
    return row;
  });
}

export async function ask(store: SparqlStore, sparql: string): Promise<boolean> {
  const answer = await store.query(sparql, { mediaType: 'application/sparql-results+json', timeoutMs: PAGE_QUERY_TIMEOUT_MS });
  return (JSON.parse(answer.body) as { boolean?: boolean }).boolean === true;
}

/** CONSTRUCT answer as quads, all placed in `graph` (CONSTRUCT has no graphs of its own). */
export async function construct(store: SparqlStore, sparql: string, graph?: string): Promise<Quad[]> {
  const answer = await store.query(sparql, { mediaType: 'application/n-triples', timeoutMs: PAGE_QUERY_TIMEOUT_MS });
  const triples = new Parser({ format: 'application/n-triples' }).parse(answer.body);
  if (graph === undefined) return triples;
  const g = namedNode(graph);
  return triples.map((q) => DataFactory.quad(q.subject, q.predicate, q.object, g));
}

/** An IRI written for a query: store/sparql-text.ts writes every IRI the project puts into SPARQL. */
export { sparqlIri } from '../store/sparql-text.js';

/** Text of a row value, '' when unbound. */
export function text(row: Row, key: string): string {
  return row[key]?.value ?? '';
}
