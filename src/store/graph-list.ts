/**
 * The named graphs of a store with their triple counts, by one SPARQL query:
 * the same for every backend.
 */
import type { GraphInfo, SparqlStore } from './types.js';

export async function listGraphs(store: Pick<SparqlStore, 'query'>): Promise<GraphInfo[]> {
  const answer = await store.query('SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g', {
    form: 'SELECT',
    mediaType: 'application/sparql-results+json',
    timeoutMs: 60_000,
  });
  const json = JSON.parse(answer.body) as { results: { bindings: { g: { value: string }; n: { value: string } }[] } };
  return json.results.bindings.map((b) => ({ iri: b.g.value, triples: Number(b.n.value) }));
}
