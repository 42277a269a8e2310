/**
 * A source value (text as PostgreSQL or a CSV cell gives it) → the lexical form
 * of the literal the ontology expects, or the reason it cannot be one.
 * PostgreSQL's text output is accepted as is (timestamps with a space, 't'/'f').
 */
import type { ResolvedType } from '../model/types.js';
import { wktProblem } from './wkt.js';

const XSD = 'http://www.w3.org/2001/XMLSchema#';
const WKT = 'http://www.opengis.net/ont/geosparql#wktLiteral';

export type Converted = { lexical: string; datatype: string } | { error: string };

const DATE = /^-?\d{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?$/;
const TZ = /(Z|[+-]\d{2}(:?\d{2})?)$/;

function fixTz(s: string): string {
  const m = /([+-])(\d{2})(:?)(\d{2})?$/.exec(s);
  if (!m || /Z$/.test(s)) return s;
  return `${s.slice(0, m.index)}${m[1]}${m[2]}:${m[4] ?? '00'}`;
}

/** The literal for a primitive or geometry type; `srid` adds a CRS IRI to WKT (GeoSPARQL). */
export function convertValue(raw: string, type: Extract<ResolvedType, { kind: 'primitive' | 'geometry' }>, srid?: number): Converted {
  const v = raw.trim();
  if (type.kind === 'geometry') {
    // Already a GeoSPARQL literal, CRS IRI first (as the service publishes it): taken as written.
    if (v.startsWith('<')) {
      const problem = wktProblem(v);
      return problem ? { error: problem } : { lexical: v, datatype: WKT };
    }
    if (!/^(SRID=\d+;)?\s*(POINT|LINESTRING|POLYGON|MULTIPOINT|MULTILINESTRING|MULTIPOLYGON|GEOMETRYCOLLECTION|CIRCULARSTRING|COMPOUNDCURVE|CURVEPOLYGON|MULTICURVE|MULTISURFACE|POLYHEDRALSURFACE|TIN|TRIANGLE)\s*(Z|M|ZM)?\s*(\(|EMPTY)/i.test(v)) {
      return { error: `not a WKT geometry (expected e.g. POINT(155000 463000))` };
    }
    const ewkt = /^SRID=(\d+);\s*/i.exec(v);
    const wkt = ewkt ? v.slice(ewkt[0].length) : v;
    const crs = srid ?? (ewkt ? Number(ewkt[1]) : undefined);
    const prefix = crs && crs !== 4326 && crs > 0 ? `<http://www.opengis.net/def/crs/EPSG/0/${crs}> ` : '';
    const lexical = `${prefix}${wkt}`;
    const problem = wktProblem(lexical);
    return problem ? { error: `${problem}${crs === 0 ? ' (SRID 0: the geometry has no coordinate reference system)' : ''}` } : { lexical, datatype: WKT };
  }
  return primitiveConverter(type)(v);
}

const converters = new WeakMap<object, (v: string) => Converted>();

/** A converter for one primitive type, made once per attribute (the import's hot loop calls it per value). */
export function primitiveConverter(type: Extract<ResolvedType, { kind: 'primitive' }>): (v: string) => Converted {
  let f = converters.get(type);
  if (f) return f;
  const candidates = type.union ?? [type.xsd];
  if (candidates.length === 1) {
    const dt = candidates[0]!;
    const local = dt.slice(XSD.length);
    f = (v) => convertTo(v.trim(), dt, local);
  } else {
    const locals = candidates.map((c) => c.slice(XSD.length));
    const message = `not a ${candidates.map((c) => c.replace(XSD, 'xsd:')).join(' or ')}`;
    f = (raw) => {
      const v = raw.trim();
      for (let i = 0; i < candidates.length; i++) {
        const r = convertTo(v, candidates[i]!, locals[i]!);
        if (!('error' in r)) return r;
      }
      return { error: message };
    };
  }
  converters.set(type, f);
  return f;
}

function convertTo(v: string, dt: string, local: string): Converted {
  const ok = (lexical: string): Converted => ({ lexical, datatype: dt });
  switch (local) {
    case 'string':
    case 'normalizedString':
    case 'token':
      return ok(v);
    case 'integer':
    case 'int':
    case 'long':
    case 'nonNegativeInteger':
    case 'positiveInteger':
      if (/^[+-]?\d+$/.test(v)) return ok(v.replace(/^\+/, ''));
      if (/^[+-]?\d+\.0*$/.test(v)) return ok(v.replace(/^\+/, '').replace(/\.0*$/, ''));
      return { error: 'not an integer' };
    case 'decimal':
      if (/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(v)) return ok(v.replace(/^\+/, ''));
      if (/^[+-]?\d{1,3}(\.\d{3})*,\d+$/.test(v) || /^[+-]?\d+,\d+$/.test(v)) return { error: 'not a decimal (decimal comma; use a point)' };
      return { error: 'not a decimal' };
    case 'double':
    case 'float':
      return /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$|^(NaN|-?INF)$/.test(v) ? ok(v) : { error: `not a ${dt.slice(XSD.length)}` };
    case 'boolean': {
      const b = v.toLowerCase();
      if (['t', 'true', '1', 'ja', 'j', 'yes', 'y'].includes(b)) return ok('true');
      if (['f', 'false', '0', 'nee', 'n', 'no'].includes(b)) return ok('false');
      return { error: 'not a boolean (true/false, t/f, ja/nee, 1/0)' };
    }
    case 'date': {
      if (v.length === 10 && DATE.test(v) && validDay(v)) return ok(v);
      const d = v.replace(/[T ]00:00(:00(\.0+)?)?([+-]\d{2}(:?\d{2})?|Z)?$/, '');
      if (DATE.test(d) && validDay(d)) return ok(d);
      return { error: 'not a date (YYYY-MM-DD)' };
    }
    case 'dateTime': {
      const m = /^(-?\d{4,}-\d{2}-\d{2})[T ](\d{2}:\d{2}(:\d{2}(\.\d+)?)?)(Z|[+-]\d{2}(:?\d{2})?)?$/.exec(v);
      if (m && DATE.test(m[1]!) && validDay(m[1]!)) {
        const time = m[3] ? m[2]! : `${m[2]}:00`;
        if (!TIME.test(time)) return { error: 'not a dateTime (time out of range)' };
        return ok(`${m[1]}T${time}${m[5] ? fixTz(m[5]) : ''}`);
      }
      if (DATE.test(v) && validDay(v)) return ok(`${v}T00:00:00`);
      return { error: 'not a dateTime (YYYY-MM-DDThh:mm:ss)' };
    }
    case 'time': {
      const t = v.replace(TZ, '');
      const full = /^\d{2}:\d{2}$/.test(t) ? `${t}:00` : t;
      return TIME.test(full) ? ok(`${full}${v !== t ? fixTz(v.slice(t.length)) : ''}`) : { error: 'not a time (hh:mm:ss)' };
    }
    case 'gYear':
      return /^-?\d{4,}$/.test(v) ? ok(v) : { error: 'not a year (YYYY)' };
    case 'gYearMonth':
      return /^-?\d{4,}-(0[1-9]|1[0-2])$/.test(v) ? ok(v) : { error: 'not a year-month (YYYY-MM)' };
    case 'anyURI':
      return /^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>"{}|\\^`]*$/.test(v) ? ok(v) : { error: 'not an absolute URI' };
    case 'base64Binary':
      return /^[A-Za-z0-9+/\s]*={0,2}$/.test(v) ? ok(v.replace(/\s/g, '')) : { error: 'not base64' };
    default:
      return ok(v);
  }
}

function validDay(d: string): boolean {
  // d matches DATE: [-]YYYY…-MM-DD
  const n = d.length;
  const day = (d.charCodeAt(n - 2) - 48) * 10 + (d.charCodeAt(n - 1) - 48);
  if (day <= 28) return true;
  const mo = (d.charCodeAt(n - 5) - 48) * 10 + (d.charCodeAt(n - 4) - 48);
  const y = Number(d.slice(0, n - 6));
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1]!;
  return day <= days;
}
