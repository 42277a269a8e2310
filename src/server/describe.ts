/**
 * The description of one resource, built with SELECT queries through the
 * SparqlStore interface: its own triples (blank nodes resolved recursively, so
 * SHACL property shapes and RDF lists come along), labels of what it links to,
 * and incoming links. Links are capped per page; `hasNextPage` says when a
 * resource has more (a code list with hundreds of values, a class with
 * thousands of instances) and ?page=2 … gives the rest.
 */
import { DataFactory, type Quad, type Term } from 'n3';
import { NS } from '../iri/index.js';
import type { SparqlStore } from '../store/types.js';
import { ask, construct, select, sparqlIri, type Row } from './store-query.js';

const { namedNode, quad } = DataFactory;

export const DEFAULT_PAGE_SIZE = 500;
const MAX_BLANK_NODE_TRIPLES = 10_000;
const LABEL_PREDICATES = [`${NS.rdfs}label`, `${NS.skos}prefLabel`];
const ANY_PATH = '(<urn:x-ggm:none>|!<urn:x-ggm:none>)*';

export interface Description {
  iri: string;
  page: number;
  pageSize: number;
  /** Triples with the resource as subject, plus the triples of the blank nodes it reaches and of its own geometry nodes. */
  outgoing: Quad[];
  /** Triples with the resource as object (subjects are IRIs). */
  incoming: Quad[];
  /** For a code list: the triples of its values on this page. */
  members: Quad[];
  /** rdfs:label / skos:prefLabel of every IRI the other triples mention. */
  labels: Quad[];
  hasNextPage: boolean;
}

export interface DescribeOptions {
  page?: number;
  pageSize?: number;
  /** Also describe the skos:Concepts in this scheme (paged). */
  conceptScheme?: boolean;
}

function toQuad(row: Row, s: string, p: string, o: string): Quad | undefined {
  const subject = row[s];
  const predicate = row[p];
  const object = row[o];
  const graph = row.g;
  if (!subject || !predicate || !object || subject.termType === 'Literal' || predicate.termType !== 'NamedNode') return undefined;
  return quad(subject as Quad['subject'], predicate, object as Quad['object'], graph as Quad['graph'] | undefined);
}

function defined<T>(xs: (T | undefined)[]): T[] {
  return xs.filter((x): x is T => x !== undefined);
}

/** Keep only the blank-node triples reachable from the resource through blank nodes alone. */
function reachableThroughBlankNodes(iri: string, quads: Quad[]): Quad[] {
  const bySubject = new Map<string, Quad[]>();
  for (const q of quads) {
    const key = `${q.subject.termType}:${q.subject.value}`;
    const list = bySubject.get(key) ?? [];
    list.push(q);
    bySubject.set(key, list);
  }
  const out: Quad[] = [];
  const seen = new Set<string>();
  const queue = [`NamedNode:${iri}`];
  while (queue.length > 0) {
    const key = queue.pop()!;
    if (seen.has(key)) continue;
    seen.add(key);
    for (const q of bySubject.get(key) ?? []) {
      out.push(q);
      if (q.object.termType === 'BlankNode') queue.push(`BlankNode:${q.object.value}`);
    }
  }
  return out;
}

async function outgoingTriples(store: SparqlStore, iri: string, offset: number, limit: number, conceptScheme: boolean): Promise<Quad[]> {
  // A code list's skos:hasTopConcept links come with the values on each page (members).
  const skip = conceptScheme ? `FILTER(?p != <${NS.skos}hasTopConcept>)` : '';
  const rows = await select(
    store,
    `SELECT ?g ?p ?o WHERE { GRAPH ?g { ${sparqlIri(iri)} ?p ?o } FILTER(!isBlank(?o)) ${skip} } ORDER BY ?p ?o ?g LIMIT ${limit} OFFSET ${offset}`,
  );
  const s = namedNode(iri);
  return defined(rows.map((r) => toQuad({ ...r, s }, 's', 'p', 'o')));
}

// VALUES, not BIND, for the resource: Virtuoso 7 fails to compile the UNION with BIND (SP031 sparp_gp_deprecate).
async function blankNodeTriples(store: SparqlStore, iri: string): Promise<Quad[]> {
  const s = sparqlIri(iri);
  // Most resources link no blank node: skip the path query, which Virtuoso evaluates slowly (seconds) even then.
  if (!(await ask(store, `ASK { GRAPH ?g { ${s} ?p ?b } FILTER(isBlank(?b)) }`))) return [];
  const rows = await select(
    store,
    `SELECT ?g ?s ?p ?o WHERE {
      { VALUES ?s { ${s} } GRAPH ?g { ?s ?p ?o } FILTER(isBlank(?o)) }
      UNION
      { GRAPH ?g { ${s} ?p0 ?b . FILTER(isBlank(?b)) ?b ${ANY_PATH} ?s . ?s ?p ?o } FILTER(isBlank(?s)) }
    } LIMIT ${MAX_BLANK_NODE_TRIPLES}`,
  );
  return reachableThroughBlankNodes(iri, defined(rows.map((r) => toQuad(r, 's', 'p', 'o'))));
}

/**
 * The triples of the resource's own geometry nodes (GeoSPARQL: `{iri}/{attribute}`, typed geo:Geometry,
 * see model/geometry.ts): part of the feature's document, as blank nodes would be.
 */
async function geometryNodeTriples(store: SparqlStore, iri: string): Promise<Quad[]> {
  const s = sparqlIri(iri);
  const rows = await select(
    store,
    `SELECT ?g ?s ?p ?o WHERE { GRAPH ?h { ${s} <${NS.geo}hasGeometry> ?s } FILTER(STRSTARTS(STR(?s), ${JSON.stringify(`${iri}/`)})) GRAPH ?g { ?s ?p ?o } } ORDER BY ?s ?p ?o LIMIT ${MAX_BLANK_NODE_TRIPLES}`,
  );
  return defined(rows.map((r) => toQuad(r, 's', 'p', 'o')));
}

async function incomingTriples(store: SparqlStore, iri: string, offset: number, limit: number, conceptScheme: boolean): Promise<Quad[]> {
  // A code list's values come with their own triples (members); their links to the list are not repeated here.
  const skip = conceptScheme ? `FILTER(?p NOT IN (<${NS.skos}inScheme>, <${NS.skos}topConceptOf>))` : '';
  const rows = await select(
    store,
    `SELECT ?g ?s ?p WHERE { GRAPH ?g { ?s ?p ${sparqlIri(iri)} } FILTER(!isBlank(?s)) ${skip} } ORDER BY ?p ?s ?g LIMIT ${limit} OFFSET ${offset}`,
  );
  const o = namedNode(iri);
  return defined(rows.map((r) => toQuad({ ...r, o }, 's', 'p', 'o')));
}

async function conceptTriples(
  store: SparqlStore,
  scheme: string,
  offset: number,
  limit: number,
): Promise<{ quads: Quad[]; more: boolean }> {
  const concepts = await select(
    store,
    `SELECT DISTINCT ?c WHERE { GRAPH ?g { ?c <${NS.skos}inScheme> ${sparqlIri(scheme)} } FILTER(isIRI(?c)) } ORDER BY ?c LIMIT ${limit + 1} OFFSET ${offset}`,
  );
  const iris = concepts.map((r) => r.c!.value);
  const more = iris.length > limit;
  const page = iris.slice(0, limit);
  if (page.length === 0) return { quads: [], more };
  const values = `VALUES ?c { ${page.map(sparqlIri).join(' ')} }`;
  const rows = await select(
    store,
    `SELECT ?g ?s ?p ?o WHERE { ${values} { GRAPH ?g { ?c ?p ?o } FILTER(!isBlank(?o)) BIND(?c AS ?s) }
      UNION { GRAPH ?g { ${sparqlIri(scheme)} <${NS.skos}hasTopConcept> ?c } BIND(${sparqlIri(scheme)} AS ?s) BIND(<${NS.skos}hasTopConcept> AS ?p) BIND(?c AS ?o) } }`,
  );
  return { quads: defined(rows.map((r) => toQuad(r, 's', 'p', 'o'))), more };
}

/** Labels of the given IRIs, as quads in the graphs they come from. */
export async function labelsOf(store: SparqlStore, iris: Iterable<string>): Promise<Quad[]> {
  // Only IRIs have labels here: a blank node's id (a shape's sh:node [ … ]) is no IRI to ask about.
  const unique = [...new Set(iris)].filter((i) => /^[a-z][a-z0-9+.-]*:/i.test(i));
  const out: Quad[] = [];
  for (let i = 0; i < unique.length; i += 400) {
    const chunk = unique.slice(i, i + 400);
    const rows = await select(
      store,
      // One UNION branch per label predicate: much faster in Oxigraph than a VALUES ?p block.
      `SELECT ?g ?s ?p ?o WHERE { VALUES ?s { ${chunk.map(sparqlIri).join(' ')} } ${LABEL_PREDICATES.map(
        (p) => `{ GRAPH ?g { ?s ${sparqlIri(p)} ?o } BIND(${sparqlIri(p)} AS ?p) }`,
      ).join(' UNION ')} }`,
    );
    out.push(...defined(rows.map((r) => toQuad(r, 's', 'p', 'o'))));
  }
  return out;
}

function mentionedIris(quads: Quad[]): Set<string> {
  const iris = new Set<string>();
  const add = (t: Term) => {
    if (t.termType === 'NamedNode') iris.add(t.value);
  };
  for (const q of quads) {
    add(q.subject);
    add(q.predicate);
    add(q.object);
  }
  return iris;
}

export async function describe(store: SparqlStore, iri: string, options: DescribeOptions = {}): Promise<Description> {
  const page = options.page ?? 1;
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const offset = (page - 1) * pageSize;
  const [out, blank, inc, members] = await Promise.all([
    outgoingTriples(store, iri, offset, pageSize + 1, options.conceptScheme === true),
    page === 1
      ? Promise.all([blankNodeTriples(store, iri), geometryNodeTriples(store, iri)]).then(([b, g]) => [...b, ...g])
      : Promise.resolve([]),
    incomingTriples(store, iri, offset, pageSize + 1, options.conceptScheme === true),
    options.conceptScheme ? conceptTriples(store, iri, offset, pageSize) : Promise.resolve({ quads: [], more: false }),
  ]);
  const hasNextPage = out.length > pageSize || inc.length > pageSize || members.more;
  const outgoing = [...out.slice(0, pageSize), ...blank];
  const incoming = inc.slice(0, pageSize);
  const mentioned = mentionedIris([...outgoing, ...incoming, ...members.quads]);
  mentioned.delete(iri);
  const labels = await labelsOf(store, mentioned);
  return { iri, page, pageSize, outgoing, incoming, members: members.quads, labels, hasNextPage };
}

/** Every quad of a description, for serialising it. */
export function descriptionQuads(d: Description): Quad[] {
  return [...d.outgoing, ...d.incoming, ...d.members, ...d.labels];
}

/** A whole named graph (the ontology, the shapes graph …) as quads in that graph. */
export async function describeGraph(store: SparqlStore, graph: string): Promise<Quad[]> {
  return construct(store, `CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ${sparqlIri(graph)} { ?s ?p ?o } }`, graph);
}
