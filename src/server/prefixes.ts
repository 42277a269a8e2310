/**
 * The prefixes the service writes: Turtle/TriG output, the published JSON-LD
 * context, the SPARQL query page and compact names on HTML pages.
 */
import { NS, ggmNamespaces, type IriConfig } from '../iri/index.js';

export function servicePrefixes(iri: IriConfig): Record<string, string> {
  const ns = ggmNamespaces(iri.vocabBase);
  return {
    ggm: ns.ggm,
    codelijst: ns.codelijst,
    shape: ns.shape,
    id: `${iri.instanceBase}id/`,
    rdf: NS.rdf,
    rdfs: NS.rdfs,
    owl: NS.owl,
    xsd: NS.xsd,
    skos: NS.skos,
    sh: NS.sh,
    dcterms: NS.dcterms,
    dcat: NS.dcat,
    vann: NS.vann,
    prov: NS.prov,
    geo: NS.geo,
    mim: NS.mim,
    void: NS.void,
    foaf: NS.foaf,
    schema: NS.schema,
  };
}

/** "ggm:Zaak" for an IRI under a known namespace, else undefined. Longest namespace wins. */
export function compactIri(iri: string, prefixes: Record<string, string>): string | undefined {
  let best: [string, string] | undefined;
  for (const [p, ns] of Object.entries(prefixes)) {
    if (iri.startsWith(ns) && iri.length > ns.length && (!best || ns.length > best[1].length)) best = [p, ns];
  }
  if (!best) return undefined;
  const local = iri.slice(best[1].length);
  return /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(local) && !local.endsWith('.') ? `${best[0]}:${local}` : undefined;
}

/** The JSON-LD context published at /def/ggm/context.jsonld and used to compact JSON-LD documents. */
export function jsonldContext(iri: IriConfig): Record<string, unknown> {
  return { '@context': servicePrefixes(iri) };
}
