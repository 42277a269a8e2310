/**
 * What the page of a named graph lists: for the ontology its domains with
 * their classes, for the code lists graph the code lists, for the shapes graph
 * the node shapes, for any other graph the types used with their counts.
 */
import { NS } from '../../iri/index.js';
import type { SparqlStore } from '../../store/types.js';
import { select, sparqlIri, text } from '../store-query.js';

export interface ListedItem {
  iri: string;
  label: string;
  /** Grouping key (the domain of a class), with its label. */
  group?: string;
  groupLabel?: string;
  /** A number shown with the item (values in a code list, instances of a type). */
  count?: number;
  /** A related IRI (the target class of a shape). */
  related?: string;
  relatedLabel?: string;
}

export interface GraphView {
  graph: string;
  triples: number;
  /** The owl:Ontology (or other) metadata subject's own triples are shown by the page from the description. */
  items: ListedItem[];
  itemKind: 'klassen' | 'codelijsten' | 'shapes' | 'typen';
}

const LABEL = `OPTIONAL { ?x <${NS.rdfs}label>|<${NS.skos}prefLabel> ?label }`;

function items(rows: Awaited<ReturnType<typeof select>>): ListedItem[] {
  const out = new Map<string, ListedItem>();
  for (const r of rows) {
    const iri = text(r, 'x');
    const existing = out.get(iri);
    if (existing && (existing.label !== '' || text(r, 'label') === '')) continue;
    out.set(iri, {
      iri,
      label: text(r, 'label'),
      group: text(r, 'group') || undefined,
      groupLabel: text(r, 'groupLabel') || undefined,
      count: r.n ? Number(text(r, 'n')) : undefined,
      related: text(r, 'related') || undefined,
      relatedLabel: text(r, 'relatedLabel') || undefined,
    });
  }
  return [...out.values()].sort((a, b) => (a.label || a.iri).localeCompare(b.label || b.iri, 'nl'));
}

export async function loadGraphView(store: SparqlStore, graph: string, triples: number): Promise<GraphView> {
  const g = sparqlIri(graph);
  const [classes, schemes, shapes] = await Promise.all([
    select(store, `SELECT (COUNT(?x) AS ?n) WHERE { GRAPH ${g} { ?x a <${NS.owl}Class> } }`),
    select(store, `SELECT (COUNT(?x) AS ?n) WHERE { GRAPH ${g} { ?x a <${NS.skos}ConceptScheme> } }`),
    select(store, `SELECT (COUNT(?x) AS ?n) WHERE { GRAPH ${g} { ?x a <${NS.sh}NodeShape> } }`),
  ]);
  const n = (rows: typeof classes) => Number(text(rows[0] ?? {}, 'n') || 0);
  if (n(classes) > 0) {
    const rows = await select(
      store,
      `SELECT ?x ?label ?group ?groupLabel WHERE { GRAPH ${g} { ?x a <${NS.owl}Class> . FILTER(isIRI(?x)) ${LABEL}
        OPTIONAL { ?x <${NS.dcterms}isPartOf> ?group OPTIONAL { ?group <${NS.rdfs}label> ?groupLabel } } } }`,
    );
    return { graph, triples, items: items(rows), itemKind: 'klassen' };
  }
  if (n(schemes) > 0) {
    const rows = await select(
      store,
      `SELECT ?x ?label (COUNT(?c) AS ?n) WHERE { GRAPH ${g} { ?x a <${NS.skos}ConceptScheme> ${LABEL} OPTIONAL { ?c <${NS.skos}inScheme> ?x } } } GROUP BY ?x ?label`,
    );
    return { graph, triples, items: items(rows), itemKind: 'codelijsten' };
  }
  if (n(shapes) > 0) {
    const rows = await select(
      store,
      `SELECT ?x ?label ?related WHERE { GRAPH ${g} { ?x a <${NS.sh}NodeShape> . FILTER(isIRI(?x)) OPTIONAL { ?x <${NS.sh}targetClass> ?related } OPTIONAL { ?x <${NS.sh}name>|<${NS.rdfs}label> ?label } } }`,
    );
    return { graph, triples, items: items(rows), itemKind: 'shapes' };
  }
  const rows = await select(
    store,
    `SELECT ?x (SAMPLE(?l) AS ?label) (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ${g} { ?s a ?x } OPTIONAL { GRAPH ?lg { ?x <${NS.rdfs}label> ?l } } } GROUP BY ?x`,
  );
  return { graph, triples, items: items(rows), itemKind: 'typen' };
}
