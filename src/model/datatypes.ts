/**
 * Datatype resolution: every spelling of a primitive type in the GGM release
 * → a MIM primitive and its XSD / GeoSPARQL datatype, following the GGM
 * cookbook's table (docs/cookbook/modelelementen.md, "Ondersteunde primitieve
 * datatypes"). Spellings outside the table are either a documented guess
 * (reported) or unresolved (reported as an error) — never a silent xsd:string.
 */
import type { Attribuutsoort, MimPrimitive, ResolvedType } from './types.js';

const XSD = 'http://www.w3.org/2001/XMLSchema#';
const GEO = 'http://www.opengis.net/ont/geosparql#';

/** The cookbook table: MIM primitive → the variants the GGM accepts (case-insensitive). */
export const COOKBOOK_VARIANTS: ReadonlyArray<[MimPrimitive, string[]]> = [
  ['CharacterString', ['characterstring', 'string', 'text', 'memo', 'char', 'varchar', 'character varying', 'string text']],
  ['Integer', ['integer', 'int', 'number', 'short', 'long']],
  ['Decimal', ['decimal', 'float', 'double', 'real', 'decimaal']],
  ['Boolean', ['boolean', 'bool', 'ja/nee', 'ja nee', 'ja/neen', 'yes no', 'indic', 'stdindjn']],
  ['Date', ['date', 'datum']],
  ['DateTime', ['datetime', 'datumtijd']],
  ['Time', ['time', 'tijd']],
  ['URI', ['uri', 'url', 'link']],
  ['Bedrag', ['bedrag', 'currency', 'monetair', 'geldbedrag']],
  ['Email', ['email', 'e-mail']],
  ['Blob', ['blob', 'binary', 'byte']],
  ['OnvolledigeDatum', ['onvolledigedatum', 'onvolledige_datum']],
  [
    'Geometrie',
    ['gm_point', 'punt', 'point', 'coordinate', 'coördinaat', 'geopunt', 'coordinaat', 'gml', 'locatie', 'spatial', 'geometrie'],
  ],
  ['GUID', ['guid']],
];

const XSD_OF: Record<MimPrimitive, string> = {
  CharacterString: `${XSD}string`,
  Integer: `${XSD}integer`,
  Decimal: `${XSD}decimal`,
  Boolean: `${XSD}boolean`,
  Date: `${XSD}date`,
  DateTime: `${XSD}dateTime`,
  Time: `${XSD}time`,
  URI: `${XSD}anyURI`,
  Bedrag: `${XSD}decimal`,
  Email: `${XSD}string`,
  Blob: `${XSD}base64Binary`,
  OnvolledigeDatum: `${XSD}date`,
  GUID: `${XSD}string`,
  Year: `${XSD}gYear`,
  Geometrie: `${GEO}wktLiteral`,
};

export const WKT_LITERAL = `${GEO}wktLiteral`;
export const GUID_PATTERN = '^\\{?[0-9A-Fa-f]{8}-?[0-9A-Fa-f]{4}-?[0-9A-Fa-f]{4}-?[0-9A-Fa-f]{4}-?[0-9A-Fa-f]{12}\\}?$';
export const EMAIL_PATTERN = '^[^@\\s]+@[^@\\s]+$';

const VARIANT_INDEX = new Map<string, MimPrimitive>();
for (const [mim, vs] of COOKBOOK_VARIANTS) for (const v of vs) VARIANT_INDEX.set(v, mim);

/**
 * Spellings not in the cookbook table whose meaning is clear enough to map,
 * each with the reason. Reported in the quality report as guesses.
 */
const GUESSES: Record<string, { mim: MimPrimitive; geometry?: string; maxLength?: number; why: string }> = {
  vlak: { mim: 'Geometrie', geometry: 'Surface', why: '"Vlak" is Dutch for surface (GM_Surface family)' },
  lijn: { mim: 'Geometrie', geometry: 'Curve', why: '"Lijn" is Dutch for line (GM_Curve family)' },
  jaar: { mim: 'Year', why: '"Jaar" is a year: xsd:gYear' },
  tekst: { mim: 'CharacterString', why: '"Tekst" is Dutch for text' },
  an: { mim: 'CharacterString', why: '"AN" without a length: alphanumeric of unspecified length' },
  a1: { mim: 'CharacterString', maxLength: 1, why: '"A1" read as alphanumeric of length 1 (AN1)' },
  image: { mim: 'Blob', why: '"Image" is binary content (Blob family)' },
  iban: { mim: 'CharacterString', maxLength: 34, why: 'an IBAN is an alphanumeric code of at most 34 characters' },
  telefoonnummer: { mim: 'CharacterString', why: 'a telephone number is a character string' },
  nen3610id: {
    mim: 'CharacterString',
    why: 'NEN3610ID is a structured identifier (namespace, lokaalID, versie); published as its string form',
  },
};

function geometryName(spelling: string): string {
  const s = spelling.replace(/^gm_/i, '');
  const known: Record<string, string> = {
    point: 'Point',
    punt: 'Point',
    geopunt: 'Point',
    coordinate: 'Point',
    coordinaat: 'Point',
    coördinaat: 'Point',
    curve: 'Curve',
    surface: 'Surface',
    solid: 'Solid',
    multipoint: 'MultiPoint',
    multicurve: 'MultiCurve',
    multisurface: 'MultiSurface',
    multisolid: 'MultiSolid',
    polygon: 'Polygon',
    linestring: 'LineString',
    multipolygon: 'MultiPolygon',
    multilinestring: 'MultiLineString',
  };
  return known[s.toLowerCase()] ?? 'Geometry';
}

/** GM_ family members and their usual short spellings (Surface, MultiSurface, Curve …), case-insensitive. */
const GEOMETRY_VARIANTS = /^(gm_[a-z]+|(multi)?(point|curve|surface|solid|polygon|linestring))$/i;

function primitive(mim: MimPrimitive, extra: Partial<Extract<ResolvedType, { kind: 'primitive' }>> = {}): ResolvedType {
  const base: Extract<ResolvedType, { kind: 'primitive' }> = { kind: 'primitive', mim, xsd: XSD_OF[mim], ...extra };
  if (mim === 'OnvolledigeDatum') base.union = [`${XSD}date`, `${XSD}gYearMonth`, `${XSD}gYear`];
  if (mim === 'GUID' && !base.pattern) base.pattern = GUID_PATTERN;
  if (mim === 'Email' && !base.pattern) base.pattern = EMAIL_PATTERN;
  return base;
}

/**
 * Resolve a primitive spelling. Returns undefined when the spelling is not a
 * primitive at all (then it may be an objecttype or enumeratie name).
 */
export function resolvePrimitive(spellingRaw: string): ResolvedType | undefined {
  const spelling = spellingRaw.trim();
  const key = spelling.toLowerCase();
  if (key === '') return undefined;
  // AN<n>: alphanumeric with maximum length n.
  const an = /^an(\d+)$/i.exec(spelling);
  if (an) return primitive('CharacterString', { maxLength: Number(an[1]) });
  // N<n> → integer with n digits; N<p,s> / N<p.s> → decimal with p digits, s after the point.
  const n = /^n(\d+)(?:[.,](\d+))?$/i.exec(spelling);
  if (n) {
    if (n[2] !== undefined) return primitive('Decimal', { totalDigits: Number(n[1]), fractionDigits: Number(n[2]) });
    return primitive('Integer', { totalDigits: Number(n[1]) });
  }
  const mim = VARIANT_INDEX.get(key);
  if (mim === 'Geometrie') return { kind: 'geometry', geometry: geometryName(key), xsd: WKT_LITERAL };
  if (mim) return primitive(mim);
  if (GEOMETRY_VARIANTS.test(spelling)) return { kind: 'geometry', geometry: geometryName(key), xsd: WKT_LITERAL };
  const g = GUESSES[key];
  if (g) {
    if (g.mim === 'Geometrie') return { kind: 'geometry', geometry: g.geometry ?? 'Geometry', xsd: WKT_LITERAL, guessed: g.why };
    return primitive(g.mim, { guessed: g.why, ...(g.maxLength ? { maxLength: g.maxLength } : {}) });
  }
  return undefined;
}

/** The most characters a literal value of the attribute may have (its type's length and its own lengte, the smaller): sh:maxLength. */
export function maxLengthOf(a: Attribuutsoort): number | undefined {
  const t = a.type;
  if (t.kind !== 'primitive' && t.kind !== 'geometry') return undefined;
  const lengths = [t.kind === 'primitive' ? t.maxLength : undefined, a.lengte].filter((n): n is number => n !== undefined && n > 0);
  return lengths.length ? Math.min(...lengths) : undefined;
}

/** A lexical-form pattern for N<n> (integer digits) and N<p,s> (decimal digits). */
export function digitsPattern(t: Extract<ResolvedType, { kind: 'primitive' }>): string | undefined {
  if (t.totalDigits === undefined) return undefined;
  const s = t.fractionDigits ?? 0;
  if (s === 0) return `^-?[0-9]{1,${t.totalDigits}}$`;
  const intDigits = Math.max(1, t.totalDigits - s);
  return `^-?[0-9]{1,${intDigits}}(\\.[0-9]{1,${s}})?$`;
}
