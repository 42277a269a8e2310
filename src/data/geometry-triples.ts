/**
 * The triples of one geometry attribute value, as src/model/geometry.ts models
 * it (GeoSPARQL 1.1): the feature points at a geo:Geometry node by the GGM
 * attribute's own property and by geo:hasGeometry (plus geo:hasDefaultGeometry
 * for its default geometry); the node carries geo:Geometry, its Simple
 * Features class and the WKT literal. Every importer and the demo generator
 * write geometry through here, so they all publish the same shape.
 * Terms are N-Triples term strings (rdf-writer.ts).
 */
import { NS, geometryIri } from '../iri/index.js';
import { iri, literal } from './rdf-writer.js';
import { WKT_LITERAL } from './wkt.js';

const RDF_TYPE = iri(`${NS.rdf}type`);
export const GEO_FEATURE = iri(`${NS.geo}Feature`);
const GEO_GEOMETRY = iri(`${NS.geo}Geometry`);
const HAS_GEOMETRY = iri(`${NS.geo}hasGeometry`);
const HAS_DEFAULT_GEOMETRY = iri(`${NS.geo}hasDefaultGeometry`);
const AS_WKT = iri(`${NS.geo}asWKT`);

const SF_CLASS: Record<string, string> = {
  POINT: iri(`${NS.sf}Point`),
  LINESTRING: iri(`${NS.sf}LineString`),
  POLYGON: iri(`${NS.sf}Polygon`),
  MULTIPOINT: iri(`${NS.sf}MultiPoint`),
  MULTILINESTRING: iri(`${NS.sf}MultiLineString`),
  MULTIPOLYGON: iri(`${NS.sf}MultiPolygon`),
  GEOMETRYCOLLECTION: iri(`${NS.sf}GeometryCollection`),
};
const KEYWORD = /^\s*(?:<[^>]*>\s+)?([A-Za-z]+)/;

/** The Simple Features class term of a WKT lexical form, from its type keyword (undefined when it has none we know). */
export function sfClassTerm(wkt: string): string | undefined {
  const m = KEYWORD.exec(wkt);
  return m ? SF_CLASS[m[1]!.toUpperCase()] : undefined;
}

export type Triple = [subject: string, predicate: string, object: string];

/**
 * The triples for `feature` (an instance IRI) having `wkt` as the value of the
 * geometry attribute `attribute` (its property IRI; `attributeLocal` its local
 * name, which names the geometry node). The feature's own `rdf:type geo:Feature`
 * is the caller's (once per instance, with its other types).
 */
export function geometryTriples(feature: string, attribute: string, attributeLocal: string, wkt: string, isDefault: boolean): Triple[] {
  const f = iri(feature);
  const g = iri(geometryIri(feature, attributeLocal));
  const out: Triple[] = [
    [f, iri(attribute), g],
    [f, HAS_GEOMETRY, g],
  ];
  if (isDefault) out.push([f, HAS_DEFAULT_GEOMETRY, g]);
  out.push([g, RDF_TYPE, GEO_GEOMETRY]);
  const sf = sfClassTerm(wkt);
  if (sf) out.push([g, RDF_TYPE, sf]);
  out.push([g, AS_WKT, literal(wkt, WKT_LITERAL)]);
  return out;
}
