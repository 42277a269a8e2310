/**
 * Request path → the IRI it is about (NL URI strategy): /def/… is the
 * vocabulary IRI {vocabBase}def/…, /doc/{type}/{ref} describes the thing
 * {instanceBase}id/{type}/{ref}, /graph/… is an instance-data graph. Then what the IRI is: a named graph (a
 * document of its own), a resource with its types, or unknown.
 */
import { NS, type IriConfig } from '../iri/index.js';
import type { VersionedStore } from './versioned-store.js';
import { isIriRef } from '../store/sparql-text.js';
import { ask, select, sparqlIri, text } from './store-query.js';

export function subjectForPath(path: string, config: IriConfig): string | undefined {
  if (/%(?![0-9A-Fa-f]{2})/.test(path)) return undefined; // broken percent-encoding: no IRI (and no store query) can have it
  if (path.startsWith('/def/')) return config.vocabBase + path.slice(1);
  if (path.startsWith('/doc/') && path.length > 5) return `${config.instanceBase}id/${path.slice(5)}`;
  if (path.startsWith('/graph/') && path.length > 7) return config.instanceBase + path.slice(1); // named graphs of instance data
  return undefined;
}

export type Target =
  { kind: 'graph'; iri: string; triples: number } | { kind: 'class' | 'property' | 'codelist' | 'resource'; iri: string; types: string[] };

const CLASS_TYPES = [`${NS.owl}Class`, `${NS.rdfs}Class`];
const PROPERTY_TYPES = [`${NS.owl}ObjectProperty`, `${NS.owl}DatatypeProperty`, `${NS.owl}AnnotationProperty`, `${NS.rdf}Property`];

export async function resolveTarget(store: VersionedStore, iri: string): Promise<Target | undefined> {
  if (!isIriRef(iri)) return undefined; // cannot be an IRI, so nothing is known about it
  const graph = (await store.graphs()).find((g) => g.iri === iri);
  if (graph) return { kind: 'graph', iri, triples: graph.triples };
  const s = sparqlIri(iri);
  const types = (await select(store, `SELECT DISTINCT ?t WHERE { GRAPH ?g { ${s} a ?t } FILTER(isIRI(?t)) } ORDER BY ?t`)).map((r) =>
    text(r, 't'),
  );
  if (types.length === 0 && !(await ask(store, `ASK { GRAPH ?g { { ${s} ?p ?o } UNION { ?x ?q ${s} } } }`))) return undefined;
  const kind = types.some((t) => CLASS_TYPES.includes(t))
    ? 'class'
    : types.some((t) => PROPERTY_TYPES.includes(t))
      ? 'property'
      : types.includes(`${NS.skos}ConceptScheme`)
        ? 'codelist'
        : 'resource';
  return { kind, iri, types };
}
