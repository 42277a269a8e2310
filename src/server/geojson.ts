/**
 * GeoJSON (RFC 7946, application/geo+json) of spatial query answers, for GIS
 * tools (QGIS reads it as a layer): a SELECT with exactly one geometry column
 * (geo:wktLiteral) gives one Feature per solution, the other columns as its
 * properties; a CONSTRUCT gives one Feature per subject with a geometry
 * (geo:hasDefaultGeometry, else geo:hasGeometry → geo:asWKT, or geo:asWKT on the
 * subject itself), its other values as properties.
 *
 * CRS: GeoJSON is WGS 84 longitude/latitude by definition (RFC 7946 §4, no "crs"
 * member), so RD New and every other CRS is transformed with proj4
 * (src/data/spatial.ts: EPSG:15739 datum shift, within about a metre of
 * RDNAPTRANS™); positions are rounded to 7 decimals (about 1 cm); exterior rings
 * run counter-clockwise and holes clockwise (the right-hand rule, §3.1.6).
 */
import N3 from 'n3';
import { GgmError } from '../core/errors.js';
import { toCrs84 } from '../data/spatial.js';
import { parseWkt, type Position, type WktGeometry } from '../data/wkt.js';

export const GEOJSON = 'application/geo+json';
const GEO = 'http://www.opengis.net/ont/geosparql#';
const WKT_LITERAL = `${GEO}wktLiteral`;

export interface GeoJsonFeature {
  type: 'Feature';
  id?: string;
  geometry: WktGeometry;
  properties: Record<string, string | string[]>;
}

const round = (p: Position): Position => [Math.round(p[0]! * 1e7) / 1e7, Math.round(p[1]! * 1e7) / 1e7];
const signedArea = (r: Position[]) => r.reduce((a, p, i) => (i ? a + (r[i - 1]![0]! * p[1]! - p[0]! * r[i - 1]![1]!) : a), 0) / 2;
const oriented = (r: Position[], ccw: boolean) => (signedArea(r) > 0 === ccw ? r : [...r].reverse());
const polygon = (rings: Position[][]) => rings.map((r, i) => oriented(r.map(round), i === 0));

function rfc7946(g: WktGeometry): WktGeometry {
  switch (g.type) {
    case 'Point':
      return { type: 'Point', coordinates: g.coordinates.length ? round(g.coordinates as Position) : [] };
    case 'LineString':
    case 'MultiPoint':
      return { type: g.type, coordinates: g.coordinates.map(round) } as WktGeometry;
    case 'MultiLineString':
      return { type: g.type, coordinates: g.coordinates.map((l) => l.map(round)) };
    case 'Polygon':
      return { type: 'Polygon', coordinates: polygon(g.coordinates) };
    case 'MultiPolygon':
      return { type: 'MultiPolygon', coordinates: g.coordinates.map(polygon) };
    case 'GeometryCollection':
      return { type: 'GeometryCollection', geometries: g.geometries.map(rfc7946) };
  }
}

/** A WKT literal as an RFC 7946 geometry (WGS 84 longitude, latitude). */
export function geoJsonGeometry(wkt: string): WktGeometry {
  return rfc7946(toCrs84(parseWkt(wkt)));
}

function collection(features: GeoJsonFeature[]): string {
  return `${JSON.stringify({ type: 'FeatureCollection', features })}\n`;
}

type JsonTerm = { type: string; value: string; datatype?: string };

/** A SPARQL JSON results body (SELECT) as a FeatureCollection; 406 unless exactly one column holds geometry. */
export function selectAsGeoJson(body: string): string {
  const json = JSON.parse(body) as { head: { vars?: string[] }; results?: { bindings: Record<string, JsonTerm>[] } };
  const vars = json.head.vars ?? [];
  const rows = json.results?.bindings ?? [];
  const geometryColumns = vars.filter((v) => rows.some((r) => r[v]?.datatype === WKT_LITERAL));
  if (geometryColumns.length !== 1)
    throw new GgmError(
      406,
      'not-acceptable',
      `GeoJSON needs exactly one geometry column (geo:wktLiteral) in the answer; this one has ${geometryColumns.length ? geometryColumns.map((v) => `?${v}`).join(', ') : 'none'}: ask for application/sparql-results+json instead`,
    );
  const [column] = geometryColumns as [string];
  return collection(
    rows.flatMap((r) => {
      const g = r[column];
      if (!g || g.datatype !== WKT_LITERAL) return [];
      const properties: Record<string, string> = {};
      for (const v of vars) if (v !== column && r[v]) properties[v] = r[v].value;
      const id = vars.map((v) => r[v]).find((t) => t?.type === 'uri')?.value;
      return [{ type: 'Feature' as const, ...(id ? { id } : {}), geometry: geoJsonGeometry(g.value), properties }];
    }),
  );
}

/** N-Triples (a CONSTRUCT answer) as a FeatureCollection of the subjects that have a geometry. */
export function graphAsGeoJson(nTriples: string): string {
  const store = new N3.Store(new N3.Parser({ format: 'application/n-triples' }).parse(nTriples));
  const wktOf = (node: N3.Term) => store.getObjects(node, `${GEO}asWKT`, null).find((o) => o.termType === 'Literal')?.value;
  const features: GeoJsonFeature[] = [];
  for (const subject of store.getSubjects(null, null, null).sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))) {
    const nodes = [...store.getObjects(subject, `${GEO}hasDefaultGeometry`, null), ...store.getObjects(subject, `${GEO}hasGeometry`, null)];
    const wkt = nodes.map(wktOf).find((w) => w !== undefined) ?? (nodes.length ? undefined : wktOf(subject));
    if (wkt === undefined) continue;
    if (
      !nodes.length &&
      store
        .getSubjects(null, subject, null)
        .some((s) =>
          store.has(N3.DataFactory.quad(s as N3.Quad_Subject, N3.DataFactory.namedNode(`${GEO}hasGeometry`), subject as N3.Quad_Object)),
        )
    )
      continue; // a geometry node of a feature in the answer: drawn with its feature
    const properties: Record<string, string | string[]> = {};
    for (const q of store.getQuads(subject, null, null, null)) {
      const p = q.predicate.value;
      if (p === `${GEO}asWKT` || p === `${GEO}hasGeometry` || p === `${GEO}hasDefaultGeometry`) continue;
      const prior = properties[p];
      properties[p] = prior === undefined ? q.object.value : [...(Array.isArray(prior) ? prior : [prior]), q.object.value].sort();
    }
    features.push({
      type: 'Feature',
      ...(subject.termType === 'NamedNode' ? { id: subject.value } : {}),
      geometry: geoJsonGeometry(wkt),
      properties,
    });
  }
  return collection(features);
}
