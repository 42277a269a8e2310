/**
 * Everything the page of a domain (mim:Domein, /def/ggm/domein/…) shows, read
 * from the store: where it sits in the model's package tree (the MIM graph's
 * mim:bevatModelelement, from the release's packages), its subdomains, its
 * classes with definitions, attributes and demo-data counts, the relations and
 * generalisations among them and into other domains, its code lists.
 */
import { NS, ggmNamespaces, type IriConfig } from '../../iri/index.js';
import type { SparqlStore } from '../../store/types.js';
import { select, sparqlIri, text } from '../store-query.js';

export interface DomainClass {
  iri: string;
  label: string;
  definition?: string;
  attributes: { iri: string; label: string }[];
  instances: number;
}

export interface DomainEdge {
  kind: 'relatie' | 'generalisatie';
  from: string;
  to: string;
  label: string;
  property?: string;
}

export interface DomainView {
  iri: string;
  label: string;
  definition?: string;
  /** From the top of the tree down to the parent. */
  parents: { iri: string; label: string }[];
  subdomains: { iri: string; label: string; classes: number }[];
  classes: DomainClass[];
  codelists: { iri: string; label: string }[];
  /** Edges among this domain's classes, and to classes elsewhere (with their domain). */
  edges: DomainEdge[];
  outside: Map<string, { label: string; domain?: string; domainLabel?: string }>;
  /** Questions of the query library about this domain or a domain below it (by the labels in their header). */
  queries: DomainQuestion[];
  /** Questions of the library about all domains at once. */
  generalQueries: DomainQuestion[];
}

/** What the domain page needs of a library query. */
export interface DomainQuestion {
  name: string;
  nl: string;
  domeinen: string[];
}

/** The label a library query's header uses for a question about every domain. */
export const ALL_DOMAINS = 'alle domeinen';

export async function loadDomainView(
  store: SparqlStore,
  iri: string,
  config: IriConfig,
  library: DomainQuestion[] = [],
): Promise<DomainView> {
  const ns = ggmNamespaces(config.vocabBase);
  const d = sparqlIri(iri);
  const mim = sparqlIri(ns.mimGraph);
  const [self, tree, members] = await Promise.all([
    select(
      store,
      `SELECT ?label ?def WHERE { GRAPH ?g { ${d} <${NS.rdfs}label> ?label } OPTIONAL { GRAPH ?h { ${d} <${NS.mim}definitie>|<${NS.skos}definition> ?def } } } LIMIT 1`,
    ),
    select(
      store,
      `SELECT ?parent ?child ?label WHERE { GRAPH ${mim} { ?parent <${NS.mim}bevatModelelement> ?child . ?child a <${NS.mim}Domein> } OPTIONAL { GRAPH ?g { ?child <${NS.rdfs}label> ?label } } }`,
    ),
    select(
      store,
      `SELECT ?x ?t WHERE { GRAPH ${mim} { ${d} <${NS.mim}bevatModelelement> ?m } GRAPH ?g { ?x <${NS.mim}equivalent> ?m ; a ?t } VALUES ?t { <${NS.owl}Class> <${NS.skos}ConceptScheme> } }`,
    ),
  ]);
  const labels = new Map<string, string>();
  const parentOf = new Map<string, string>();
  const childrenOf = new Map<string, string[]>();
  for (const r of tree) {
    parentOf.set(text(r, 'child'), text(r, 'parent'));
    childrenOf.set(text(r, 'parent'), [...(childrenOf.get(text(r, 'parent')) ?? []), text(r, 'child')]);
    if (text(r, 'label')) labels.set(text(r, 'child'), text(r, 'label'));
  }
  const parents: { iri: string; label: string }[] = [];
  for (let at = parentOf.get(iri); at && parents.length < 20; at = parentOf.get(at))
    parents.unshift({ iri: at, label: labels.get(at) ?? at });
  const classIris = members.filter((r) => text(r, 't') === `${NS.owl}Class`).map((r) => text(r, 'x'));
  const schemeIris = members.filter((r) => text(r, 't') === `${NS.skos}ConceptScheme`).map((r) => text(r, 'x'));
  const values = (iris: string[]) => iris.map(sparqlIri).join(' ');
  const [classRows, attrRows, counts, relRows, genRows, schemeRows, subCounts] = await Promise.all([
    classIris.length
      ? select(
          store,
          `SELECT ?c (SAMPLE(?l) AS ?label) (SAMPLE(?def) AS ?d) WHERE { VALUES ?c { ${values(classIris)} } GRAPH ?g { ?c <${NS.rdfs}label> ?l OPTIONAL { ?c <${NS.skos}definition> ?def } } } GROUP BY ?c`,
        )
      : [],
    classIris.length
      ? select(
          store,
          `SELECT ?c ?p ?l WHERE { VALUES ?c { ${values(classIris)} } GRAPH ?g { ?p <${NS.rdfs}domain> ?c ; a <${NS.owl}DatatypeProperty> ; <${NS.rdfs}label> ?l } } ORDER BY ?c ?l`,
        )
      : [],
    classIris.length
      ? select(store, `SELECT ?c (COUNT(DISTINCT ?x) AS ?n) WHERE { VALUES ?c { ${values(classIris)} } GRAPH ?g { ?x a ?c } } GROUP BY ?c`)
      : [],
    classIris.length
      ? select(
          store,
          `SELECT ?p ?from ?to ?l WHERE { GRAPH ?g { ?p a <${NS.owl}ObjectProperty> ; <${NS.rdfs}domain> ?from ; <${NS.rdfs}range> ?to ; <${NS.rdfs}label> ?l }
            { VALUES ?from { ${values(classIris)} } } UNION { VALUES ?to { ${values(classIris)} } } FILTER NOT EXISTS { GRAPH ?h { ?p <${NS.owl}inverseOf> ?q . ?q <${NS.rdfs}domain> ?to } FILTER(STR(?q) < STR(?p)) } }`,
        )
      : [],
    classIris.length
      ? select(
          store,
          `SELECT ?from ?to WHERE { GRAPH ?g { ?from <${NS.rdfs}subClassOf> ?to FILTER(isIRI(?to)) } { VALUES ?from { ${values(classIris)} } } UNION { VALUES ?to { ${values(classIris)} } } }`,
        )
      : [],
    schemeIris.length
      ? select(
          store,
          `SELECT ?s (SAMPLE(?l) AS ?label) WHERE { VALUES ?s { ${values(schemeIris)} } GRAPH ?g { ?s <${NS.skos}prefLabel>|<${NS.rdfs}label> ?l } } GROUP BY ?s`,
        )
      : [],
    select(
      store,
      `SELECT ?sub (COUNT(DISTINCT ?c) AS ?n) WHERE { GRAPH ${mim} { ${d} <${NS.mim}bevatModelelement> ?sub . ?sub a <${NS.mim}Domein> . OPTIONAL { ?sub <${NS.mim}bevatModelelement>|<${NS.mim}bevatModelelement>/<${NS.mim}bevatModelelement>|<${NS.mim}bevatModelelement>/<${NS.mim}bevatModelelement>/<${NS.mim}bevatModelelement> ?c . ?c a <${NS.mim}Objecttype> } } } GROUP BY ?sub`,
    ),
  ]);
  const attrs = new Map<string, { iri: string; label: string }[]>();
  for (const r of attrRows) attrs.set(text(r, 'c'), [...(attrs.get(text(r, 'c')) ?? []), { iri: text(r, 'p'), label: text(r, 'l') }]);
  const count = new Map(counts.map((r) => [text(r, 'c'), Number(text(r, 'n'))]));
  const classes = classRows
    .map((r) => ({
      iri: text(r, 'c'),
      label: text(r, 'label'),
      definition: text(r, 'd') || undefined,
      attributes: attrs.get(text(r, 'c')) ?? [],
      instances: count.get(text(r, 'c')) ?? 0,
    }))
    .sort((a, b) => a.label.localeCompare(b.label, 'nl'));
  const inside = new Set(classIris);
  const edges: DomainEdge[] = [
    ...relRows.map((r) => ({
      kind: 'relatie' as const,
      from: text(r, 'from'),
      to: text(r, 'to'),
      label: text(r, 'l'),
      property: text(r, 'p'),
    })),
    ...genRows.map((r) => ({ kind: 'generalisatie' as const, from: text(r, 'from'), to: text(r, 'to'), label: 'is een' })),
  ].sort((a, b) => (a.from + a.to + a.label < b.from + b.to + b.label ? -1 : 1));
  const others = [...new Set(edges.flatMap((e) => [e.from, e.to]).filter((c) => !inside.has(c)))];
  const outside = new Map<string, { label: string; domain?: string; domainLabel?: string }>();
  if (others.length) {
    const rows = await select(
      store,
      `SELECT ?c (SAMPLE(?l) AS ?label) (SAMPLE(?dom) AS ?domain) (SAMPLE(?dl) AS ?domainLabel) WHERE { VALUES ?c { ${values(others)} } GRAPH ?g { ?c <${NS.rdfs}label> ?l OPTIONAL { ?c <${NS.dcterms}isPartOf> ?dom OPTIONAL { ?dom <${NS.rdfs}label> ?dl } } } } GROUP BY ?c`,
    );
    for (const r of rows)
      outside.set(text(r, 'c'), {
        label: text(r, 'label'),
        domain: text(r, 'domain') || undefined,
        domainLabel: text(r, 'domainLabel') || undefined,
      });
  }
  const subCount = new Map(subCounts.map((r) => [text(r, 'sub'), Number(text(r, 'n'))]));
  const label = text(self[0] ?? {}, 'label') || iri.replace(/.*\//, '');
  // This domain and every domain below it, by label (library headers name domains by label).
  const below = new Set([label]);
  for (let todo = [iri], n = 0; todo.length && n < 1000; n++) {
    const at = todo.shift()!;
    for (const c of childrenOf.get(at) ?? []) {
      below.add(labels.get(c) ?? c);
      todo.push(c);
    }
  }
  return {
    iri,
    label,
    definition: text(self[0] ?? {}, 'def') || undefined,
    parents,
    subdomains: (childrenOf.get(iri) ?? [])
      .map((c) => ({ iri: c, label: labels.get(c) ?? c, classes: subCount.get(c) ?? 0 }))
      .sort((a, b) => a.label.localeCompare(b.label, 'nl', { numeric: true })),
    classes,
    codelists: schemeRows.map((r) => ({ iri: text(r, 's'), label: text(r, 'label') })).sort((a, b) => a.label.localeCompare(b.label, 'nl')),
    edges,
    outside,
    queries: library.filter((q) => q.domeinen.some((d) => below.has(d))),
    generalQueries: library.filter((q) => q.domeinen.includes(ALL_DOMAINS)),
  };
}
