/**
 * GeoSPARQL WKT literals (geo:wktLiteral): parsing and well-formedness, one
 * module for everything that reads WKT — the importers (a broken geometry is
 * rejected at import), the SHACL engines (sh:datatype geo:wktLiteral checks the
 * lexical form, as rdf-validation does for XSD) and the spatial functions of the
 * store border.
 *
 * A literal is `[<crs-iri>] WKT` (GeoSPARQL 1.1, 8.5.1): without a CRS IRI the
 * coordinates are CRS84 (longitude, latitude). Coordinates come back as GeoJSON
 * nesting (positions in the CRS's axis order as written), so the same structure
 * feeds GeoJSON output and the geometry library.
 *
 * Well-formed here means: the WKT grammar (ISO 13249-3 / OGC 06-103r4, the seven
 * simple-feature types, optional Z/M/ZM), a coordinate reference system this
 * service knows, coordinates inside that CRS's area of use, lines of at least two
 * points, rings closed with at least four points, polygons valid in the OGC
 * sense (no self-intersection, holes inside their shell — JTS's IsValidOp), and
 * not EMPTY (a GGM attribute without a geometry is left out, not written empty).
 * EWKT's `SRID=n;` prefix is PostGIS's, not GeoSPARQL's, and is refused with the
 * IRI to write instead.
 */
import GeometryFactory from 'jsts/org/locationtech/jts/geom/GeometryFactory.js';
import GeoJSONReader from 'jsts/org/locationtech/jts/io/GeoJSONReader.js';
import IsValidOp from 'jsts/org/locationtech/jts/operation/valid/IsValidOp.js';

export const WKT_LITERAL = 'http://www.opengis.net/ont/geosparql#wktLiteral';
export const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
export const RD_NEW = 'http://www.opengis.net/def/crs/EPSG/0/28992';
const EPSG = 'http://www.opengis.net/def/crs/EPSG/0/';

/** The coordinate reference systems the service reads, with their axis order and area of use. */
export interface CrsInfo {
  iri: string;
  label: string;
  /** 'lonlat' (CRS84), 'latlon' (EPSG:4326, 4258: latitude first), 'xy' (projected, metres). */
  axes: 'lonlat' | 'latlon' | 'xy';
  /** Area of use in the CRS's own axis order: [min first, min second, max first, max second]. */
  bounds: [number, number, number, number];
}

export const KNOWN_CRS: ReadonlyMap<string, CrsInfo> = new Map(
  [
    { iri: CRS84, label: 'CRS84 (WGS 84, lengtegraad/breedtegraad)', axes: 'lonlat', bounds: [-180, -90, 180, 90] },
    { iri: `${EPSG}4326`, label: 'EPSG:4326 (WGS 84, breedtegraad/lengtegraad)', axes: 'latlon', bounds: [-90, -180, 90, 180] },
    { iri: `${EPSG}4258`, label: 'EPSG:4258 (ETRS89, breedtegraad/lengtegraad)', axes: 'latlon', bounds: [-90, -180, 90, 180] },
    // RD New's area of use (EPSG): the Netherlands, onshore and offshore.
    { iri: RD_NEW, label: 'EPSG:28992 (RD New, Amersfoort / RD New)', axes: 'xy', bounds: [-7_000, 289_000, 300_000, 629_000] },
    { iri: `${EPSG}7415`, label: 'EPSG:7415 (RD New + NAP-hoogte)', axes: 'xy', bounds: [-7_000, 289_000, 300_000, 629_000] },
  ].map((c) => [c.iri, c as CrsInfo]),
);

export type Position = number[];
export type WktGeometry =
  | { type: 'Point'; coordinates: Position | [] }
  | { type: 'LineString'; coordinates: Position[] }
  | { type: 'Polygon'; coordinates: Position[][] }
  | { type: 'MultiPoint'; coordinates: Position[] }
  | { type: 'MultiLineString'; coordinates: Position[][] }
  | { type: 'MultiPolygon'; coordinates: Position[][][] }
  | { type: 'GeometryCollection'; geometries: WktGeometry[] };

export type GeometryType = WktGeometry['type'];

export interface ParsedWkt {
  /** The CRS IRI: the one written, or CRS84 when none is. */
  crs: string;
  /** Whether the literal names its CRS. */
  crsGiven: boolean;
  geometry: WktGeometry;
  /** Coordinates per position (2, 3 with Z or M, 4 with ZM). */
  dimension: number;
  empty: boolean;
}

/** A literal that is not well-formed WKT; `position` is the character offset in the literal. */
export class WktError extends Error {
  constructor(
    readonly reason: string,
    readonly position?: number,
  ) {
    super(position === undefined ? reason : `${reason} (at character ${position + 1})`);
    this.name = 'WktError';
  }
}

const TYPES: Record<string, GeometryType> = {
  POINT: 'Point',
  LINESTRING: 'LineString',
  POLYGON: 'Polygon',
  MULTIPOINT: 'MultiPoint',
  MULTILINESTRING: 'MultiLineString',
  MULTIPOLYGON: 'MultiPolygon',
  GEOMETRYCOLLECTION: 'GeometryCollection',
};
const OTHER_TYPES = /^(CIRCULARSTRING|COMPOUNDCURVE|CURVEPOLYGON|MULTICURVE|MULTISURFACE|POLYHEDRALSURFACE|TIN|TRIANGLE)$/;
const NUMBER = /[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/y;
const WORD = /[A-Za-z]+/y;

class Reader {
  pos = 0;
  dimension = 0;
  constructor(readonly text: string) {}

  fail(reason: string, at = this.pos): never {
    throw new WktError(reason, at);
  }
  space(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos]!)) this.pos++;
  }
  peek(): string {
    this.space();
    return this.text[this.pos] ?? '';
  }
  expect(ch: string, what: string): void {
    if (this.peek() !== ch) this.fail(`expected "${ch}" ${what}, found ${this.found()}`);
    this.pos++;
  }
  found(): string {
    const rest = this.text.slice(this.pos);
    return rest === '' ? 'the end of the text' : `"${rest.slice(0, 12)}${rest.length > 12 ? '…' : ''}"`;
  }
  word(): string | undefined {
    this.space();
    WORD.lastIndex = this.pos;
    const m = WORD.exec(this.text);
    if (!m) return undefined;
    this.pos += m[0].length;
    return m[0].toUpperCase();
  }
  number(): number {
    this.space();
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.text);
    if (!m) this.fail(`expected a number, found ${this.found()}`);
    const end = this.pos + m[0].length;
    if (!/^[\s,)]?$/.test(this.text[end] ?? '')) this.fail(`expected a number, found ${this.found()}`);
    this.pos = end;
    const n = Number(m[0]);
    if (!Number.isFinite(n)) this.fail(`number out of range: ${m[0]}`, end - m[0].length);
    return n;
  }
  /** "x y [z [m]]" with the dimension fixed by the first position (or the Z/M tag). */
  position(): Position {
    const start = this.pos;
    const p = [this.number(), this.number()];
    while (/^[+\-.\d]$/.test(this.peek())) p.push(this.number());
    if (this.dimension === 0) this.dimension = p.length;
    if (p.length !== this.dimension) this.fail(`a position with ${p.length} coordinates where the geometry has ${this.dimension}`, start);
    if (p.length > 4) this.fail('a position has at most 4 coordinates (x y z m)', start);
    return p;
  }
  /** "(" item ("," item)* ")" */
  list<T>(item: () => T, what: string): T[] {
    this.expect('(', `to open ${what}`);
    const out = [item()];
    while (this.peek() === ',') {
      this.pos++;
      out.push(item());
    }
    this.expect(')', `to close ${what}`);
    return out;
  }
  empty(): boolean {
    this.space();
    if (/^EMPTY\b/i.test(this.text.slice(this.pos, this.pos + 6))) {
      this.pos += 5;
      return true;
    }
    return false;
  }

  geometry(): { geometry: WktGeometry; empty: boolean } {
    const start = this.pos;
    const keyword = this.word();
    if (!keyword) this.fail(`expected a geometry type (POINT, LINESTRING, POLYGON, MULTI…), found ${this.found()}`);
    const type = TYPES[keyword];
    if (!type) {
      if (keyword === 'SRID')
        this.fail('an EWKT "SRID=…;" prefix is not GeoSPARQL WKT: write the CRS as an IRI, e.g. <http://www.opengis.net/def/crs/EPSG/0/28992> POINT(…)', start);
      if (OTHER_TYPES.test(keyword)) this.fail(`geometry type ${keyword} is not supported (only the simple-feature types)`, start);
      this.fail(`unknown geometry type ${keyword}`, start);
    }
    const save = this.pos;
    const tag = this.word();
    if (tag === 'Z' || tag === 'M') this.expectDimension(3);
    else if (tag === 'ZM') this.expectDimension(4);
    else if (tag === 'EMPTY') this.pos = save;
    else if (tag !== undefined) this.fail(`unexpected ${tag} after ${keyword}`, save);
    if (this.empty()) return { geometry: emptyOf(type), empty: true };
    const ring = () => this.list(() => this.position(), 'a ring');
    switch (type) {
      case 'Point':
        this.expect('(', 'to open the point');
        {
          const p = this.position();
          this.expect(')', 'to close the point');
          return { geometry: { type, coordinates: p }, empty: false };
        }
      case 'LineString':
        return { geometry: { type, coordinates: this.list(() => this.position(), 'the line') }, empty: false };
      case 'Polygon':
        return { geometry: { type, coordinates: this.list(ring, 'the polygon') }, empty: false };
      case 'MultiPoint':
        // Both MULTIPOINT((1 2), (3 4)) and MULTIPOINT(1 2, 3 4) occur.
        return {
          geometry: {
            type,
            coordinates: this.list(() => {
              if (this.peek() !== '(') return this.position();
              this.pos++;
              const p = this.position();
              this.expect(')', 'to close a point');
              return p;
            }, 'the points'),
          },
          empty: false,
        };
      case 'MultiLineString':
        return { geometry: { type, coordinates: this.list(() => this.list(() => this.position(), 'a line'), 'the lines') }, empty: false };
      case 'MultiPolygon':
        return { geometry: { type, coordinates: this.list(() => this.list(ring, 'a polygon'), 'the polygons') }, empty: false };
      case 'GeometryCollection': {
        const parts = this.list(() => this.geometry(), 'the collection');
        return { geometry: { type, geometries: parts.map((p) => p.geometry) }, empty: parts.every((p) => p.empty) };
      }
    }
  }
  private expectDimension(n: number): void {
    if (this.dimension !== 0 && this.dimension !== n) this.fail(`dimension ${n} inside a geometry of dimension ${this.dimension}`);
    this.dimension = n;
  }
}

function emptyOf(type: GeometryType): WktGeometry {
  return type === 'GeometryCollection' ? { type, geometries: [] } : ({ type, coordinates: [] } as WktGeometry);
}

/** The syntax of a WKT literal: CRS, geometry, dimension. Throws WktError naming the position. */
export function parseWkt(lexical: string): ParsedWkt {
  const r = new Reader(lexical);
  r.space();
  let crs = CRS84;
  let crsGiven = false;
  if (lexical[r.pos] === '<') {
    const end = lexical.indexOf('>', r.pos);
    if (end < 0) r.fail('the CRS IRI is not closed with ">"');
    crs = lexical.slice(r.pos + 1, end);
    if (!/^[a-z][a-z0-9+.-]*:[^\s<>"{}|\\^`]*$/i.test(crs)) r.fail(`not an IRI: <${crs}>`);
    crsGiven = true;
    r.pos = end + 1;
    if (!/\s/.test(lexical[r.pos] ?? '')) r.fail('expected a space after the CRS IRI');
  }
  const { geometry, empty } = r.geometry();
  r.space();
  if (r.pos < lexical.length) r.fail(`unexpected text after the geometry: ${r.found()}`);
  return { crs, crsGiven, geometry, dimension: r.dimension || 2, empty };
}

export interface WktCheckOptions {
  /** Accept EMPTY geometries (default: no — a GGM value without a geometry is left out). */
  allowEmpty?: boolean;
}

/** Every position of a geometry. */
export function* positions(g: WktGeometry): Generator<Position> {
  switch (g.type) {
    case 'Point':
      if (g.coordinates.length) yield g.coordinates as Position;
      return;
    case 'LineString':
    case 'MultiPoint':
      yield* g.coordinates;
      return;
    case 'Polygon':
    case 'MultiLineString':
      for (const r of g.coordinates) yield* r;
      return;
    case 'MultiPolygon':
      for (const p of g.coordinates) for (const r of p) yield* r;
      return;
    case 'GeometryCollection':
      for (const x of g.geometries) yield* positions(x);
  }
}

function structureProblem(g: WktGeometry): string | undefined {
  const line = (l: Position[], what: string) => (l.length < 2 ? `${what} has ${l.length} point; a line needs at least 2` : undefined);
  const ring = (r: Position[], what: string) => {
    if (r.length < 4) return `${what} has ${r.length} points; a ring needs at least 4 (the first repeated at the end)`;
    const a = r[0]!;
    const b = r[r.length - 1]!;
    if (a.some((v, i) => v !== b[i])) return `${what} is not closed: it starts at (${a.join(' ')}) and ends at (${b.join(' ')})`;
    return undefined;
  };
  const polygon = (p: Position[][], what: string) => {
    for (let i = 0; i < p.length; i++) {
      const bad = ring(p[i]!, `${what}${i === 0 ? 'the outer ring' : `ring ${i + 1}`}`);
      if (bad) return bad;
    }
    return undefined;
  };
  switch (g.type) {
    case 'Point':
    case 'MultiPoint':
      return undefined;
    case 'LineString':
      return line(g.coordinates, 'the line');
    case 'MultiLineString':
      for (let i = 0; i < g.coordinates.length; i++) {
        const bad = line(g.coordinates[i]!, `line ${i + 1}`);
        if (bad) return bad;
      }
      return undefined;
    case 'Polygon':
      return polygon(g.coordinates, '');
    case 'MultiPolygon':
      for (let i = 0; i < g.coordinates.length; i++) {
        const bad = polygon(g.coordinates[i]!, `polygon ${i + 1}: `);
        if (bad) return bad;
      }
      return undefined;
    case 'GeometryCollection':
      for (const x of g.geometries) {
        const bad = structureProblem(x);
        if (bad) return bad;
      }
      return undefined;
  }
}

const geoJsonReader = new GeoJSONReader(new GeometryFactory());

/** OGC validity (self-intersections, holes outside their shell, overlapping parts of a multipolygon) of areal geometries. */
function validityProblem(g: WktGeometry): string | undefined {
  if (g.type === 'GeometryCollection') {
    for (const x of g.geometries) {
      const bad = validityProblem(x);
      if (bad) return bad;
    }
    return undefined;
  }
  if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') return undefined;
  const op = new IsValidOp(geoJsonReader.read(g));
  if (op.isValid()) return undefined;
  const e = op.getValidationError();
  const c = e.getCoordinate() as { x: number; y: number } | null; // (jsts declares it `any`)
  const at = c ? ` near (${c.x} ${c.y})` : '';
  return `invalid ${g.type === 'Polygon' ? 'polygon' : 'multipolygon'}: ${e.getMessage().toLowerCase()}${at}`;
}

/**
 * Why a lexical form is not a well-formed GeoSPARQL WKT literal for this
 * service, or undefined when it is. The message names the position or
 * coordinate at fault.
 */
export function wktProblem(lexical: string, options: WktCheckOptions = {}): string | undefined {
  let parsed: ParsedWkt;
  try {
    parsed = parseWkt(lexical);
  } catch (e) {
    if (e instanceof WktError) return `not WKT: ${e.message}`;
    throw e;
  }
  const crs = KNOWN_CRS.get(parsed.crs);
  if (!crs) return `unknown coordinate reference system <${parsed.crs}> (known: ${[...KNOWN_CRS.values()].map((c) => c.label).join('; ')})`;
  if (parsed.empty && !options.allowEmpty) return `empty geometry (${lexical.trim()}): leave the value out instead`;
  const [x0, y0, x1, y1] = crs.bounds;
  for (const p of positions(parsed.geometry)) {
    if (p[0]! < x0 || p[0]! > x1 || p[1]! < y0 || p[1]! > y1) {
      const hint = crs.iri === CRS84 && (Math.abs(p[0]!) > 180 || Math.abs(p[1]!) > 90) ? '; without a CRS IRI the coordinates are CRS84 degrees — RD New needs <http://www.opengis.net/def/crs/EPSG/0/28992>' : '';
      return `coordinate (${p.join(' ')}) lies outside the area of ${crs.label} [${x0} ${y0}, ${x1} ${y1}]${hint}`;
    }
  }
  return structureProblem(parsed.geometry) ?? validityProblem(parsed.geometry);
}

/** Whether the lexical form is well-formed (wktProblem finds nothing). */
export function isWellFormedWkt(lexical: string): boolean {
  return wktProblem(lexical) === undefined;
}
