/**
 * The GGM's own structure as one tree, read from the store: the model's
 * package tree as published (every mim:Domein with dcterms:isPartOf its parent:
 * the numbered beleidsdomeinen at the top, domains and subdomains below), with
 * the classes and code lists each domain holds (dcterms:isPartOf). The domain
 * tree page, the ontology index and the cross-domain page all group by it, so
 * a domain is called and placed the same everywhere.
 */
import { NS } from '../../iri/index.js';
import type { SparqlStore } from '../../store/types.js';
import { select, text } from '../store-query.js';

export interface TreeDomain {
  iri: string;
  label: string;
  definition?: string;
  /** Depth below the top (a beleidsdomein is 0). */
  depth: number;
  children: TreeDomain[];
  classes: { iri: string; label: string }[];
  codelists: { iri: string; label: string }[];
}

export interface ModelTree {
  /** The beleidsdomeinen (domains without a parent domain), in the model's numeric order. */
  roots: TreeDomain[];
  /** Every domain by IRI. */
  byIri: Map<string, TreeDomain>;
}

const byLabel = <T extends { label: string }>(a: T, b: T) => a.label.localeCompare(b.label, 'nl', { numeric: true });

export async function loadModelTree(store: SparqlStore): Promise<ModelTree> {
  const [domains, members] = await Promise.all([
    select(
      store,
      `SELECT ?d (SAMPLE(?l) AS ?label) (SAMPLE(?p) AS ?parent) (SAMPLE(?def) AS ?definition) WHERE { GRAPH ?g { ?d a <${NS.mim}Domein> ; <${NS.rdfs}label> ?l OPTIONAL { ?d <${NS.dcterms}isPartOf> ?p } } OPTIONAL { GRAPH ?h { ?d <${NS.mim}definitie> ?def } } } GROUP BY ?d`,
    ),
    select(
      store,
      `SELECT ?x ?t (SAMPLE(?l) AS ?label) (SAMPLE(?d) AS ?domain) WHERE { VALUES ?t { <${NS.owl}Class> <${NS.skos}ConceptScheme> } GRAPH ?g { ?x a ?t ; <${NS.dcterms}isPartOf> ?d OPTIONAL { ?x <${NS.rdfs}label>|<${NS.skos}prefLabel> ?l } } FILTER(isIRI(?x)) } GROUP BY ?x ?t`,
    ),
  ]);
  const byIri = new Map<string, TreeDomain>();
  for (const r of domains)
    byIri.set(text(r, 'd'), {
      iri: text(r, 'd'),
      label: text(r, 'label'),
      definition: text(r, 'definition') || undefined,
      depth: 0,
      children: [],
      classes: [],
      codelists: [],
    });
  const roots: TreeDomain[] = [];
  for (const r of domains) {
    const d = byIri.get(text(r, 'd'))!;
    const parent = byIri.get(text(r, 'parent'));
    if (parent && parent !== d) parent.children.push(d);
    else roots.push(d);
  }
  for (const r of members) {
    const d = byIri.get(text(r, 'domain'));
    if (!d) continue;
    const item = { iri: text(r, 'x'), label: text(r, 'label') || text(r, 'x').replace(/.*\//, '') };
    (text(r, 't') === `${NS.owl}Class` ? d.classes : d.codelists).push(item);
  }
  const settle = (d: TreeDomain, depth: number, seen: Set<TreeDomain>) => {
    if (seen.has(d)) return; // a cycle in broken data: stop here
    seen.add(d);
    d.depth = depth;
    d.children.sort(byLabel);
    d.classes.sort(byLabel);
    d.codelists.sort(byLabel);
    for (const c of d.children) settle(c, depth + 1, seen);
  };
  roots.sort(byLabel);
  const seen = new Set<TreeDomain>();
  for (const r of roots) settle(r, 0, seen);
  return { roots, byIri };
}

/** The domain and all below it. */
export function subtree(d: TreeDomain): TreeDomain[] {
  return [d, ...d.children.flatMap(subtree)];
}
