/**
 * What a code list's page shows besides its own triples, read from the store:
 * the attributes that take their values from it (rdfs:seeAlso from the
 * attribute in the ontology, mim:type in the MIM graph) with their class and
 * domain, the domain the list belongs to with its beleidsdomein, and how often
 * the instance data use each value.
 */
import { NS, type IriConfig } from '../../iri/index.js';
import type { SparqlStore } from '../../store/types.js';
import { select, sparqlIri, text } from '../store-query.js';

export interface CodelistUser {
  /** The attribute (property) and its label. */
  iri: string;
  label: string;
  /** The class it belongs to, and that class's domain. */
  owner?: { iri: string; label: string };
  domain?: { iri: string; label: string };
}

export interface CodelistView {
  users: CodelistUser[];
  /** The list's own domain, and the beleidsdomein above it (when it is not itself one). */
  domain?: { iri: string; label: string; beleidsdomein?: { iri: string; label: string } };
  /** Per value: how many times instance data (/id/…) use it. */
  usage: Map<string, number>;
}

export async function loadCodelistView(store: SparqlStore, iri: string, config: IriConfig): Promise<CodelistView> {
  const s = sparqlIri(iri);
  const things = JSON.stringify(`${config.instanceBase}id/`);
  const [users, domain, usage] = await Promise.all([
    select(
      store,
      `SELECT DISTINCT ?p (SAMPLE(?pl) AS ?label) (SAMPLE(?c) AS ?owner) (SAMPLE(?cl) AS ?ownerLabel) (SAMPLE(?d) AS ?domain) (SAMPLE(?dl) AS ?domainLabel) WHERE {
        { GRAPH ?g { ?p <${NS.rdfs}seeAlso> ${s} } } UNION { GRAPH ?g { ?p <${NS.mim}type> ${s} } }
        GRAPH ?h { ?p a ?kind ; <${NS.rdfs}label> ?pl } VALUES ?kind { <${NS.owl}DatatypeProperty> <${NS.owl}ObjectProperty> }
        OPTIONAL { GRAPH ?i { ?p <${NS.rdfs}domain> ?c OPTIONAL { ?c <${NS.rdfs}label> ?cl } OPTIONAL { ?c <${NS.dcterms}isPartOf> ?d OPTIONAL { ?d <${NS.rdfs}label> ?dl } } } }
      } GROUP BY ?p LIMIT 2000`,
    ),
    select(
      store,
      `SELECT ?d ?dl ?top ?tl WHERE { GRAPH ?g { ${s} <${NS.dcterms}isPartOf> ?d } OPTIONAL { GRAPH ?h { ?d <${NS.rdfs}label> ?dl } }
        OPTIONAL { GRAPH ?i { ?d <${NS.dcterms}isPartOf>+ ?top . ?top a <${NS.mim}Domein> FILTER NOT EXISTS { ?top <${NS.dcterms}isPartOf> ?up . ?up a <${NS.mim}Domein> } OPTIONAL { ?top <${NS.rdfs}label> ?tl } } } } LIMIT 1`,
    ),
    select(
      store,
      `SELECT ?v (COUNT(?x) AS ?n) WHERE { GRAPH ?g { ?v <${NS.skos}inScheme> ${s} } GRAPH ?h { ?x ?p ?v } FILTER(STRSTARTS(STR(?x), ${things})) } GROUP BY ?v`,
    ),
  ]);
  const d = domain[0];
  return {
    users: users
      .map((r) => ({
        iri: text(r, 'p'),
        label: text(r, 'label'),
        owner: text(r, 'owner')
          ? { iri: text(r, 'owner'), label: text(r, 'ownerLabel') || text(r, 'owner').replace(/.*\//, '') }
          : undefined,
        domain: text(r, 'domain') ? { iri: text(r, 'domain'), label: text(r, 'domainLabel') || text(r, 'domain') } : undefined,
      }))
      .sort((a, b) => (a.owner?.label ?? '').localeCompare(b.owner?.label ?? '', 'nl') || a.label.localeCompare(b.label, 'nl')),
    domain: d
      ? {
          iri: text(d, 'd'),
          label: text(d, 'dl') || text(d, 'd').replace(/.*\//, ''),
          beleidsdomein: text(d, 'top') ? { iri: text(d, 'top'), label: text(d, 'tl') || text(d, 'top') } : undefined,
        }
      : undefined,
    usage: new Map(usage.map((r) => [text(r, 'v'), Number(text(r, 'n'))])),
  };
}
