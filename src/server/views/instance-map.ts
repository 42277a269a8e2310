/**
 * The map of an instance page (#14.7): the instance's own geometries (its
 * geometry nodes are part of its description) and the default geometries of
 * the objects the page links to or from, for pages/geometry-map.ts.
 */
import type { Quad } from 'n3';
import { NS } from '../../iri/index.js';
import type { SparqlStore } from '../../store/types.js';
import { select, sparqlIri } from '../store-query.js';
import type { MapFeature } from '../pages/geometry-map.js';

const AS_WKT = `${NS.geo}asWKT`;
/** Most neighbouring objects whose geometry is asked for (the page's links are paged anyway). */
const NEIGHBOURS = 200;

export interface InstanceMap {
  features: MapFeature[];
}

/** Undefined when the instance has no geometry of its own. */
export async function loadInstanceMap(
  store: SparqlStore,
  iri: string,
  outgoing: Quad[],
  incoming: Quad[],
  name: (iri: string) => string,
  href: (iri: string) => string | undefined,
): Promise<InstanceMap | undefined> {
  const wktOf = new Map(outgoing.filter((q) => q.predicate.value === AS_WKT).map((q) => [q.subject.value, q.object.value]));
  const own = outgoing.filter(
    (q) =>
      q.subject.value === iri &&
      wktOf.has(q.object.value) &&
      q.predicate.value !== `${NS.geo}hasGeometry` &&
      q.predicate.value !== `${NS.geo}hasDefaultGeometry`,
  );
  if (!own.length) return undefined;
  const features: MapFeature[] = own.map((q) => ({
    wkt: wktOf.get(q.object.value)!,
    layer: name(q.predicate.value),
    label: name(iri),
    focus: true,
  }));
  const neighbours = [
    ...new Set([
      ...outgoing
        .filter((q) => q.subject.value === iri && q.object.termType === 'NamedNode' && !wktOf.has(q.object.value))
        .map((q) => q.object.value),
      ...incoming.filter((q) => q.subject.termType === 'NamedNode').map((q) => q.subject.value),
    ]),
  ]
    .filter((n) => n !== iri)
    .sort()
    .slice(0, NEIGHBOURS);
  if (neighbours.length) {
    const rows = await select(
      store,
      `SELECT DISTINCT ?o ?w WHERE { VALUES ?o { ${neighbours.map(sparqlIri).join(' ')} } GRAPH ?g { ?o <${NS.geo}hasDefaultGeometry> ?geometrie } GRAPH ?h { ?geometrie <${AS_WKT}> ?w } } ORDER BY ?o`,
    );
    for (const r of rows) {
      const o = r.o?.value;
      const w = r.w?.value;
      if (o && w) features.push({ wkt: w, layer: 'gekoppelde objecten', label: name(o), href: href(o) });
    }
  }
  return { features };
}
