/**
 * The GGM's geometry attributes as GeoSPARQL 1.1 models them (decided here,
 * used by the ontology, the shapes, the importers and the demo alike):
 *
 *   <pand> a ggm:Pand, geo:Feature ;
 *     ggm:pand.geometrieBovenaanzicht <pand/geometrieBovenaanzicht> ;   # the GGM attribute: ⊑ geo:hasGeometry
 *     geo:hasGeometry <pand/geometrieBovenaanzicht> ;                   # materialised for clients without reasoning
 *     geo:hasDefaultGeometry <pand/geometrieBovenaanzicht> .            # one per feature (defaultGeometry below)
 *   <pand/geometrieBovenaanzicht> a geo:Geometry, sf:Polygon ;
 *     geo:asWKT "<http://www.opengis.net/def/crs/EPSG/0/28992> POLYGON((…))"^^geo:wktLiteral .
 *
 * Each GGM attribute keeps its own property (definition, GUID, MIM metadata),
 * now an object property from the feature to its geo:Geometry. The geometry is
 * typed with its Simple Features class (sf:Point, sf:Polygon …), so the shapes
 * can check the ISO 19107 type of the attribute (Surface → sf:Polygon) with
 * sh:class, per focus node, without looking into another node.
 */
import type { Attribuutsoort, Objecttype } from './types.js';

/** Simple Features classes of GeoSPARQL 1.1 (http://www.opengis.net/ont/sf#) for the WKT types the service reads. */
export type SfClass = 'Point' | 'LineString' | 'Polygon' | 'MultiPoint' | 'MultiLineString' | 'MultiPolygon' | 'GeometryCollection';

/**
 * The Simple Features classes a value of an ISO 19107 geometry type may have
 * ([] = any geometry). A Multi… type also accepts its single form (a
 * MultiSurface of one surface is often written as a POLYGON).
 */
export function sfClassesFor(iso: string): SfClass[] {
  switch (iso.toLowerCase()) {
    case 'point':
      return ['Point'];
    case 'multipoint':
      return ['MultiPoint', 'Point'];
    case 'curve':
    case 'linestring':
      return ['LineString'];
    case 'multicurve':
    case 'multilinestring':
      return ['MultiLineString', 'LineString'];
    case 'surface':
    case 'polygon':
      return ['Polygon'];
    case 'multisurface':
    case 'multipolygon':
      return ['MultiPolygon', 'Polygon'];
    default:
      return [];
  }
}

/** Whether an attribute holds a geometry. */
export function isGeometryAttribute(a: Attribuutsoort): boolean {
  return a.type.kind === 'geometry';
}

const AREAL = /surface|polygon/i;

/**
 * The geometry attribute that is an instance's geo:hasDefaultGeometry, among
 * the geometry attributes of its classes (given nearest class first): the
 * nearest class that has any decides; within it an attribute named
 * "geometrie", else the first areal one that is not a LOD0 footprint, else the
 * first areal one, else the first.
 */
export function defaultGeometry(classes: Objecttype[]): Attribuutsoort | undefined {
  for (const ot of classes) {
    const own = ot.attributen.filter(isGeometryAttribute);
    if (own.length === 0) continue;
    const geometry = (a: Attribuutsoort) => (a.type.kind === 'geometry' ? a.type.geometry : '');
    return (
      own.find((a) => a.name.toLowerCase() === 'geometrie') ??
      own.find((a) => AREAL.test(geometry(a)) && !/^lod0/i.test(a.name)) ??
      own.find((a) => AREAL.test(geometry(a))) ??
      own[0]
    );
  }
  return undefined;
}
