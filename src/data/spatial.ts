/**
 * Geometry in metres: GeoSPARQL WKT literals (any CRS the WKT module knows)
 * brought into RD New (EPSG:28992) for measuring and comparing, into CRS84 for
 * GeoJSON, and the GeoSPARQL functions evaluated on them with JTS (jsts).
 *
 * Projection: proj4 with EPSG's definition of EPSG:28992 — oblique stereographic
 * on the Bessel 1841 ellipsoid, and the datum shift Amersfoort → WGS 84 as the
 * 7-parameter transformation EPSG:15739 (the `towgs84` values below). Accuracy:
 * that transformation approximates the official RDNAPTRANS™ to within about a
 * metre in the Netherlands (at Amersfoort it is 0.3 m off; the test checks
 * reference points to 1 m); RD New's own scale error is at most about 1 in 10 000
 * (10 cm per km) inside the Netherlands, so distances, buffers and areas computed
 * in RD New are good to that — fine for "within 250 m", not for cadastral surveys.
 * Geometries already in RD New are used as written (no transformation at all), so
 * topology between RD New geometries is exact; a CRS84 geometry is projected
 * vertex by vertex (its straight edges stay straight in RD New, a deviation of
 * millimetres over the lengths of municipal objects).
 */
import proj4 from 'proj4';
import GeometryFactory from 'jsts/org/locationtech/jts/geom/GeometryFactory.js';
import GeoJSONReader from 'jsts/org/locationtech/jts/io/GeoJSONReader.js';
import GeoJSONWriter from 'jsts/org/locationtech/jts/io/GeoJSONWriter.js';
import BufferOp from 'jsts/org/locationtech/jts/operation/buffer/BufferOp.js';
import DistanceOp from 'jsts/org/locationtech/jts/operation/distance/DistanceOp.js';
import RelateOp from 'jsts/org/locationtech/jts/operation/relate/RelateOp.js';
import { CRS84, KNOWN_CRS, RD_NEW, parseWkt, wktProblem, type ParsedWkt, type Position, type WktGeometry } from './wkt.js';

/** EPSG:28992 as EPSG defines it (projection) with the datum shift EPSG:15739 to WGS 84. */
export const RD_NEW_PROJ4 =
  '+proj=sterea +lat_0=52.15616055555555 +lon_0=5.38763888888889 +k=0.9999079 +x_0=155000 +y_0=463000 ' +
  '+ellps=bessel +towgs84=565.417,50.3319,465.552,-0.398957,0.343988,-1.8774,4.0725 +units=m +no_defs';
const rdToWgs84 = proj4(RD_NEW_PROJ4, 'WGS84');

/** Longitude, latitude (WGS 84) of an RD New position. */
export function rdToLonLat(p: Position): Position {
  return rdToWgs84.forward([p[0]!, p[1]!]);
}
/** RD New x, y of a longitude, latitude (WGS 84). */
export function lonLatToRd(p: Position): Position {
  return rdToWgs84.inverse([p[0]!, p[1]!]);
}

function mapPositions(g: WktGeometry, f: (p: Position) => Position): WktGeometry {
  switch (g.type) {
    case 'Point':
      return { type: 'Point', coordinates: g.coordinates.length ? f(g.coordinates as Position) : [] };
    case 'LineString':
    case 'MultiPoint':
      return { type: g.type, coordinates: g.coordinates.map(f) } as WktGeometry;
    case 'Polygon':
    case 'MultiLineString':
      return { type: g.type, coordinates: g.coordinates.map((r) => r.map(f)) } as WktGeometry;
    case 'MultiPolygon':
      return { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map((r) => r.map(f))) };
    case 'GeometryCollection':
      return { type: 'GeometryCollection', geometries: g.geometries.map((x) => mapPositions(x, f)) };
  }
}

/** Longitude-first 2D position of a position in a CRS's own axis order. */
function lonLatOf(crs: string): (p: Position) => Position {
  const axes = KNOWN_CRS.get(crs)?.axes;
  if (axes === 'latlon') return (p) => [p[1]!, p[0]!];
  if (axes === 'lonlat') return (p) => [p[0]!, p[1]!];
  if (axes === 'xy') return rdToLonLat;
  throw new Error(`unknown coordinate reference system <${crs}>`);
}

/** The geometry in RD New metres (2D). */
export function toRdNew(parsed: ParsedWkt): WktGeometry {
  const axes = KNOWN_CRS.get(parsed.crs)?.axes;
  if (axes === 'xy') return mapPositions(parsed.geometry, (p) => [p[0]!, p[1]!]);
  const lonLat = lonLatOf(parsed.crs);
  return mapPositions(parsed.geometry, (p) => lonLatToRd(lonLat(p)));
}

/** The geometry in CRS84 (longitude, latitude; 2D), as GeoJSON (RFC 7946) wants it. */
export function toCrs84(parsed: ParsedWkt): WktGeometry {
  return mapPositions(parsed.geometry, lonLatOf(parsed.crs));
}

/** A geometry in RD New metres written in the given CRS (buffers are computed in RD New). */
export function fromRdNew(g: WktGeometry, crs: string): WktGeometry {
  const axes = KNOWN_CRS.get(crs)?.axes;
  if (axes === 'xy') return g;
  if (axes === 'lonlat') return mapPositions(g, rdToLonLat);
  if (axes === 'latlon')
    return mapPositions(g, (p) => {
      const [lon, lat] = rdToLonLat(p);
      return [lat!, lon!];
    });
  throw new Error(`unknown coordinate reference system <${crs}>`);
}

// ---- WKT text of a geometry --------------------------------------------------

const num = (v: number) => String(Math.round(v * 1e9) / 1e9);
const pos = (p: Position) => p.map(num).join(' ');
const list = (ps: Position[]) => `(${ps.map(pos).join(', ')})`;
function wktBody(g: WktGeometry): string {
  switch (g.type) {
    case 'Point':
      return g.coordinates.length ? `POINT(${pos(g.coordinates as Position)})` : 'POINT EMPTY';
    case 'LineString':
      return `LINESTRING${list(g.coordinates)}`;
    case 'MultiPoint':
      return `MULTIPOINT(${g.coordinates.map((p) => `(${pos(p)})`).join(', ')})`;
    case 'Polygon':
      return `POLYGON(${g.coordinates.map(list).join(', ')})`;
    case 'MultiLineString':
      return `MULTILINESTRING(${g.coordinates.map(list).join(', ')})`;
    case 'MultiPolygon':
      return `MULTIPOLYGON(${g.coordinates.map((p) => `(${p.map(list).join(', ')})`).join(', ')})`;
    case 'GeometryCollection':
      return `GEOMETRYCOLLECTION(${g.geometries.map(wktBody).join(', ')})`;
  }
}

/** A GeoSPARQL WKT literal's lexical form: the CRS IRI first unless the CRS is CRS84. */
export function wktLiteralOf(g: WktGeometry, crs: string): string {
  return crs === CRS84 ? wktBody(g) : `<${crs}> ${wktBody(g)}`;
}

// ---- JTS ----------------------------------------------------------------------

/** The JTS geometry methods used (monkey-patched by jsts, not all in its types). */
export interface JtsGeometry {
  getArea(): number;
  isEmpty(): boolean;
  getEnvelopeInternal(): { getMinX(): number; getMaxX(): number; getMinY(): number; getMaxY(): number };
}

const factory = new GeometryFactory();
const reader = new GeoJSONReader(factory);
const writer = new GeoJSONWriter();

/** A geometry read from a WKT literal, in RD New metres. */
export interface MetricGeometry {
  lexical: string;
  crs: string;
  jts: JtsGeometry;
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** A literal argument of a spatial function that is no well-formed WKT (the message says why). */
export class SpatialArgumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SpatialArgumentError';
  }
}

const CACHE_SIZE = 50_000;
const cache = new Map<string, MetricGeometry>();

/**
 * The literal as JTS geometry in RD New metres (remembered: the same literals come back query after query).
 * `checked`: the full well-formedness check (OGC validity of polygons, ~0.5 ms each) — for literals written in a
 * query; the store's own literals were checked when they were published (SHACL, importers), so only their grammar
 * and CRS are.
 */
export function metricGeometry(lexical: string, checked = true): MetricGeometry {
  const hit = cache.get(lexical);
  if (hit) return hit;
  // Grammar and CRS only: the full check (wktProblem: OGC validity …) costs ~0.7 ms a literal, and the store's
  // data was checked when it was published; an invalid polygon makes JTS throw, reported the same way.
  const refuse = (why: string): never => {
    throw new SpatialArgumentError(`"${lexical.length > 80 ? `${lexical.slice(0, 80)}…` : lexical}" is no usable WKT: ${why}`);
  };
  let parsed: ParsedWkt;
  try {
    parsed = parseWkt(lexical);
  } catch (e) {
    return refuse(e instanceof Error ? e.message : String(e));
  }
  if (!KNOWN_CRS.has(parsed.crs)) refuse(wktProblem(lexical) ?? `unknown coordinate reference system <${parsed.crs}>`);
  const shape = checked ? wktProblem(lexical, { allowEmpty: true }) : undefined;
  if (shape) refuse(shape);
  let jts: JtsGeometry;
  try {
    jts = reader.read(toRdNew(parsed)) as unknown as JtsGeometry;
  } catch (e) {
    return refuse(e instanceof Error ? e.message : String(e));
  }
  const e = jts.getEnvelopeInternal();
  const g: MetricGeometry = { lexical, crs: parsed.crs, jts, minX: e.getMinX(), minY: e.getMinY(), maxX: e.getMaxX(), maxY: e.getMaxY() };
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(lexical, g);
  return g;
}

/** The simple-feature relations of GeoSPARQL (geof:sf…), by their DE-9IM meaning as JTS implements it. */
export const SF_RELATIONS = ['sfEquals', 'sfDisjoint', 'sfIntersects', 'sfTouches', 'sfCrosses', 'sfWithin', 'sfContains', 'sfOverlaps'] as const;
export type SfRelation = (typeof SF_RELATIONS)[number];

export function sfRelation(relation: SfRelation, a: MetricGeometry, b: MetricGeometry): boolean {
  const m = RelateOp.relate(a.jts as never, b.jts as never) as unknown as {
    isEquals(da: number, db: number): boolean;
    isDisjoint(): boolean;
    isIntersects(): boolean;
    isTouches(da: number, db: number): boolean;
    isCrosses(da: number, db: number): boolean;
    isWithin(): boolean;
    isContains(): boolean;
    isOverlaps(da: number, db: number): boolean;
  };
  const da = (a.jts as unknown as { getDimension(): number }).getDimension();
  const db = (b.jts as unknown as { getDimension(): number }).getDimension();
  switch (relation) {
    case 'sfEquals':
      return m.isEquals(da, db);
    case 'sfDisjoint':
      return m.isDisjoint();
    case 'sfIntersects':
      return m.isIntersects();
    case 'sfTouches':
      return m.isTouches(da, db);
    case 'sfCrosses':
      return m.isCrosses(da, db);
    case 'sfWithin':
      return m.isWithin();
    case 'sfContains':
      return m.isContains();
    case 'sfOverlaps':
      return m.isOverlaps(da, db);
  }
}

/** Shortest distance in metres (RD New). */
export function distanceMetres(a: MetricGeometry, b: MetricGeometry): number {
  return DistanceOp.distance(a.jts as never, b.jts as never) as number;
}

/** Area in square metres (RD New); 0 for points and lines. */
export function areaSquareMetres(a: MetricGeometry): number {
  return a.jts.getArea();
}

/** The buffer of a geometry by `metres` (computed in RD New), its literal written in the geometry's own CRS. */
export function bufferGeometry(a: MetricGeometry, metres: number): MetricGeometry {
  const jts = BufferOp.bufferOp(a.jts as never, metres) as unknown as JtsGeometry;
  const g = writer.write(jts as never) as unknown as WktGeometry;
  const e = jts.getEnvelopeInternal();
  const lexical = jts.isEmpty() ? wktLiteralOf({ type: 'Polygon', coordinates: [] }, a.crs).replace('POLYGON()', 'POLYGON EMPTY') : wktLiteralOf(fromRdNew(g, a.crs), a.crs);
  return { lexical, crs: a.crs, jts, minX: e.getMinX(), minY: e.getMinY(), maxX: e.getMaxX(), maxY: e.getMaxY() };
}

/** The envelope test of the spatial index: bounding boxes closer than `margin` metres. */
export function envelopesNear(a: MetricGeometry, b: MetricGeometry, margin: number): boolean {
  return a.minX - margin <= b.maxX && b.minX - margin <= a.maxX && a.minY - margin <= b.maxY && b.minY - margin <= a.maxY;
}

export { RD_NEW, CRS84 };
