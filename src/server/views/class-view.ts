/**
 * Everything a class page shows, read from the store: the class's own
 * description, its superclasses (transitively) and subclasses, its attributes
 * and relations (own and inherited) with multiplicity from the SHACL shapes,
 * incoming relations, MIM metadata and alignments.
 */
import type { Quad } from 'n3';
import { NS, ggmNamespaces, type IriConfig } from '../../iri/index.js';
import type { SparqlStore } from '../../store/types.js';
import { describe, labelsOf, type Description } from '../describe.js';
import { select, sparqlIri, text } from '../store-query.js';
import { constraintsFor, type PropertyConstraint } from './shape-constraints.js';
import { LIST_CELLS, assembleLists } from './rdf-lists.js';

export interface ClassProperty {
  iri: string;
  kind: 'attribuut' | 'relatie';
  /** The class that declares it (the class itself or a superclass). */
  owner: string;
  /** The range, when it is an IRI. */
  range?: string;
  /** The member datatypes of a range that is a union (owl:unionOf, e.g. onvolledige datum: xsd:date, xsd:gYearMonth, xsd:gYear). */
  rangeUnion?: string[];
  inverse?: string;
  definition?: string;
  constraint?: PropertyConstraint;
}

export interface IncomingRelation {
  iri: string;
  source: string;
  /** The relation this one is the published inverse of (owl:inverseOf). */
  inverse?: string;
}

export interface ClassView {
  description: Description;
  /** Superclasses, nearest first. */
  superclasses: string[];
  subclasses: string[];
  properties: ClassProperty[];
  incomingRelations: IncomingRelation[];
  /** The class's own node shapes' property constraints. */
  constraints: PropertyConstraint[];
  /** Triples about the class in the MIM graph. */
  /** The MIM metadata: statements about the model element (mimElement) in the MIM graph. */
  mim: Quad[];
  mimElement: string;
  alignments: Quad[];
  instanceCount: number;
  /** Labels of everything the view mentions. */
  labels: Quad[];
  /** The classes next to this one (super, sub, relations either way; itself too) with their domain. */
  neighbours: Map<string, { domain?: { iri: string; label: string } }>;
}

export const ALIGNMENT_PREDICATES = [
  `${NS.skos}exactMatch`,
  `${NS.skos}closeMatch`,
  `${NS.skos}broadMatch`,
  `${NS.skos}narrowMatch`,
  `${NS.skos}relatedMatch`,
  `${NS.owl}equivalentClass`,
  `${NS.owl}equivalentProperty`,
  `${NS.rdfs}seeAlso`,
];

async function superclassesOf(store: SparqlStore, iri: string): Promise<string[]> {
  const rows = await select(
    store,
    `SELECT DISTINCT ?a ?b WHERE { GRAPH ?g { ${sparqlIri(iri)} <${NS.rdfs}subClassOf>* ?a . ?a <${NS.rdfs}subClassOf> ?b } FILTER(isIRI(?b)) } LIMIT 1000`,
  );
  // Breadth-first from the class: nearest superclasses first.
  const edges = new Map<string, string[]>();
  for (const r of rows) edges.set(text(r, 'a'), [...(edges.get(text(r, 'a')) ?? []), text(r, 'b')].sort());
  const out: string[] = [];
  const queue = [iri];
  while (queue.length > 0) {
    for (const b of edges.get(queue.shift()!) ?? []) {
      if (b !== iri && !out.includes(b)) {
        out.push(b);
        queue.push(b);
      }
    }
  }
  return out;
}

async function propertiesOf(store: SparqlStore, owners: string[]): Promise<ClassProperty[]> {
  const rows = await select(
    store,
    `SELECT ?owner ?prop ?kind ?range ?inverse ?definition WHERE {
      VALUES ?owner { ${owners.map(sparqlIri).join(' ')} }
      VALUES ?kind { <${NS.owl}DatatypeProperty> <${NS.owl}ObjectProperty> }
      GRAPH ?g { ?prop <${NS.rdfs}domain> ?owner ; a ?kind .
        OPTIONAL { ?prop <${NS.rdfs}range> ?range } OPTIONAL { ?prop <${NS.owl}inverseOf> ?inverse }
        OPTIONAL { ?prop <${NS.skos}definition> ?definition } }
    } ORDER BY ?prop LIMIT 5000`,
  );
  const unions = await rangeUnions(store, owners);
  const out = new Map<string, ClassProperty>();
  for (const r of rows) {
    const iri = text(r, 'prop');
    if (out.has(iri)) continue;
    out.set(iri, {
      iri,
      kind: text(r, 'kind') === `${NS.owl}ObjectProperty` ? 'relatie' : 'attribuut',
      owner: text(r, 'owner'),
      range: r.range?.termType === 'NamedNode' ? r.range.value : undefined,
      rangeUnion: unions.get(iri),
      inverse: text(r, 'inverse') || undefined,
      definition: text(r, 'definition') || undefined,
    });
  }
  return [...out.values()];
}

/** Per property of the owners whose range is a blank node with owl:unionOf: the members, in list order. */
export async function rangeUnions(store: SparqlStore, owners: string[]): Promise<Map<string, string[]>> {
  if (owners.length === 0) return new Map();
  const rows = await select(
    store,
    `SELECT ?prop ?head ?cell ?next ?member WHERE {
      VALUES ?owner { ${owners.map(sparqlIri).join(' ')} }
      GRAPH ?g { ?prop <${NS.rdfs}domain> ?owner ; <${NS.rdfs}range> ?r . FILTER(isBlank(?r)) ?r <${NS.owl}unionOf> ?head . ${LIST_CELLS} }
    } LIMIT 20000`,
  );
  return assembleLists(rows, 'prop', (r) => (r.member?.termType === 'NamedNode' ? r.member.value : undefined));
}

async function incomingRelationsOf(store: SparqlStore, iri: string): Promise<IncomingRelation[]> {
  const rows = await select(
    store,
    `SELECT DISTINCT ?prop ?source ?inverse WHERE { GRAPH ?g { ?prop <${NS.rdfs}range> ${sparqlIri(iri)} ; a <${NS.owl}ObjectProperty> ; <${NS.rdfs}domain> ?source OPTIONAL { ?prop <${NS.owl}inverseOf> ?inverse } } } ORDER BY ?source ?prop LIMIT 2000`,
  );
  return rows.map((r) => ({ iri: text(r, 'prop'), source: text(r, 'source'), inverse: text(r, 'inverse') || undefined }));
}

/** Which of the IRIs are classes, each with its domain (dcterms:isPartOf) where the model gives one. */
async function classesWithDomain(store: SparqlStore, iris: string[]): Promise<ClassView['neighbours']> {
  const out: ClassView['neighbours'] = new Map();
  if (iris.length === 0) return out;
  const rows = await select(
    store,
    `SELECT ?c ?dom ?label WHERE { VALUES ?c { ${iris.map(sparqlIri).join(' ')} } GRAPH ?g { ?c a <${NS.owl}Class> OPTIONAL { ?c <${NS.dcterms}isPartOf> ?dom OPTIONAL { ?dom <${NS.rdfs}label> ?label } } } } LIMIT 5000`,
  );
  for (const r of rows) {
    const dom = text(r, 'dom');
    if (!out.get(text(r, 'c'))?.domain) out.set(text(r, 'c'), { domain: dom ? { iri: dom, label: text(r, 'label') || dom } : undefined });
  }
  return out;
}

async function instanceCount(store: SparqlStore, iri: string): Promise<number> {
  const rows = await select(store, `SELECT (COUNT(?x) AS ?n) WHERE { GRAPH ?g { ?x a ${sparqlIri(iri)} } }`);
  return Number(text(rows[0] ?? {}, 'n') || 0);
}

export async function loadClassView(store: SparqlStore, iri: string, config: IriConfig, page: number): Promise<ClassView> {
  const mimGraph = ggmNamespaces(config.vocabBase).mimGraph;
  const [description, superclasses, subclassRows, incomingRelations, count] = await Promise.all([
    describe(store, iri, { page }),
    superclassesOf(store, iri),
    // Not from the description's incoming links: those are paged, and a class with many instances would lose its subclasses.
    select(store, `SELECT DISTINCT ?s WHERE { GRAPH ?g { ?s <${NS.rdfs}subClassOf> ${sparqlIri(iri)} } FILTER(isIRI(?s)) } LIMIT 2000`),
    incomingRelationsOf(store, iri),
    instanceCount(store, iri),
  ]);
  const owners = [iri, ...superclasses];
  // One after the other: both walk RDF lists with rdf:rest*, which a remote store behind this service's
  // /sparql counts as heavy queries, of which one caller may run one at a time.
  const properties = await propertiesOf(store, owners);
  const constraints = await constraintsFor(store, owners);
  const byPath = new Map<string, PropertyConstraint>();
  for (const c of constraints) if (!byPath.has(c.path)) byPath.set(c.path, c);
  for (const p of properties) p.constraint = byPath.get(p.iri);
  const rank = new Map(owners.map((o, i) => [o, i]));
  properties.sort((a, b) => rank.get(a.owner)! - rank.get(b.owner)! || (a.iri < b.iri ? -1 : 1));
  const subclasses = subclassRows.map((r) => text(r, 's')).sort();
  const own = description.outgoing.filter((q) => q.subject.value === iri);
  // The MIM model element the class is derived from (mim:equivalent, MIM 1.2 Metamodel in Linked Data) holds its MIM metadata.
  const mimElement = own.find((q) => q.predicate.value === `${NS.mim}equivalent`)?.object.value;
  const mimQuads = mimElement
    ? (await describe(store, mimElement)).outgoing.filter((q) => q.subject.value === mimElement && q.graph.value === mimGraph)
    : own.filter((q) => q.graph.value === mimGraph);
  const mentioned = [
    ...owners,
    ...properties.flatMap((p) => [p.iri, p.owner, p.range, p.inverse, ...(p.rangeUnion ?? [])]),
    ...incomingRelations.flatMap((r) => [r.iri, r.source]),
    ...constraints.flatMap((c) => [c.datatype, c.class, c.node, ...c.in, ...c.orDatatypes, ...c.orClasses]),
  ].filter((x): x is string => x !== undefined);
  const nearby = [
    iri,
    ...subclasses,
    ...description.outgoing
      .filter((q) => q.subject.value === iri && q.predicate.value === `${NS.rdfs}subClassOf`)
      .map((q) => q.object.value),
    ...properties.flatMap((p) => (p.kind === 'relatie' && p.range ? [p.range] : [])),
    ...incomingRelations.map((r) => r.source),
  ];
  const [labels, neighbours] = await Promise.all([
    labelsOf(store, mentioned).then((l) => [...description.labels, ...l]),
    classesWithDomain(store, [...new Set(nearby)]),
  ]);
  return {
    description,
    superclasses,
    subclasses: [...new Set(subclasses)],
    properties,
    incomingRelations,
    constraints: constraints.filter((c) => c.targetClass === iri),
    mim: mimQuads,
    mimElement: mimElement ?? iri,
    alignments: own.filter((q) => ALIGNMENT_PREDICATES.includes(q.predicate.value)),
    instanceCount: count,
    labels,
    neighbours,
  };
}
