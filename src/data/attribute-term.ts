/**
 * The RDF object for one attribuutsoort value, by the attribute's resolved type:
 * a typed literal (primitive, geometry), a code-list concept (enumeratie, matched
 * on the value's name or alias), an instance IRI (objecttype-typed attribute), or
 * a plain string (unresolved type). Shared by every importer.
 */
import type { Attribuutsoort } from '../model/types.js';
import { instanceIri, type GgmIris } from '../iri/index.js';
import type { ModelIndex } from './model-index.js';
import { iri, literal } from './rdf-writer.js';
import { convertValue, primitiveConverter } from './typed-value.js';
import { digitsPattern, maxLengthOf } from '../model/datatypes.js';
import { defaultGeometry } from '../model/geometry.js';
import { NS } from '../iri/index.js';
import { GEO_FEATURE, geometryTriples, type Triple } from './geometry-triples.js';

export type TermResult = { term: string } | { error: string };

export function attributeTerm(a: Attribuutsoort, value: string, index: ModelIndex, iris: GgmIris, srid?: number): TermResult {
  const t = a.type;
  switch (t.kind) {
    case 'primitive':
    case 'geometry': {
      const c = convertValue(value, t, srid);
      if ('error' in c) return c;
      const wrong = outsideFacets(a)?.(c.lexical);
      return wrong ? { error: wrong } : { term: literal(c.lexical, c.datatype) };
    }
    case 'enumeratie': {
      const e = index.model.enumeraties.get(t.guid);
      const w = e && index.waarde(e, value);
      if (!e || !w) return { error: `not a value of codelijst ${e?.name ?? t.guid}${e ? ` (${e.waarden.map((x) => x.name).join(', ')})` : ''}` };
      return { term: iri(iris.waarde(e.guid, w.guid)) };
    }
    case 'objecttype':
      return { term: iri(instanceIri(iris.config, iris.objecttypeLocal(t.guid), value)) };
    case 'unresolved':
      return { term: literal(value) };
  }
}

/**
 * The same conversion, prepared once per attribute for the import's hot loop
 * (converter and datatype resolved up front).
 */
export function compileAttributeTerm(a: Attribuutsoort, index: ModelIndex, iris: GgmIris): (value: string, srid?: number) => TermResult {
  const t = a.type;
  const outside = outsideFacets(a);
  if (t.kind === 'primitive' && !t.union && t.xsd === XSD_STRING) {
    return (v) => {
      const s = v.trim();
      const wrong = outside?.(s);
      return wrong ? { error: wrong } : { term: literal(s) };
    };
  }
  if (t.kind === 'primitive') {
    const convert = primitiveConverter(t);
    return (v) => {
      const c = convert(v);
      if ('error' in c) return c;
      const wrong = outside?.(c.lexical);
      return wrong ? { error: wrong } : { term: literal(c.lexical, c.datatype) };
    };
  }
  return (v, srid) => attributeTerm(a, v, index, iris, srid);
}

/**
 * The length and digit limits the shapes put on the attribute's literals (sh:maxLength, the N<n> / N<p,s>
 * sh:pattern), as a check of a lexical form: the reason it is outside them, or undefined.
 */
function outsideFacets(a: Attribuutsoort): FacetCheck | undefined {
  if (!facetChecks.has(a)) facetChecks.set(a, facetCheck(a));
  return facetChecks.get(a);
}

type FacetCheck = (lexical: string) => string | undefined;
const facetChecks = new WeakMap<Attribuutsoort, FacetCheck | undefined>();

function facetCheck(a: Attribuutsoort): FacetCheck | undefined {
  const t = a.type;
  const max = maxLengthOf(a);
  const digits = t.kind === 'primitive' ? digitsPattern(t) : undefined;
  const pattern = digits ? new RegExp(digits) : undefined;
  if (max === undefined && !pattern) return undefined;
  const spelling = t.kind === 'primitive' ? `N${t.totalDigits}${t.fractionDigits ? `,${t.fractionDigits}` : ''}` : '';
  return (lexical) => {
    const length = lexical.length > (max ?? Infinity) ? [...lexical].length : 0;
    if (max !== undefined && length > max) return `${length} characters, the model allows ${max}`;
    if (pattern && !pattern.test(lexical)) return `more digits than ${spelling} allows`;
    return undefined;
  };
}

const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';

const RDF_TYPE = iri(`${NS.rdf}type`);
const defaultGeometries = new WeakMap<ModelIndex, Map<string, string | undefined>>();

/**
 * The triples that publish one attribute value of an instance of class `classGuid` (`subject` an
 * N-Triples IRI term, `term` what attributeTerm gave): one triple, or for a geometry the
 * geo:Feature / geo:Geometry triples of model/geometry.ts — the same as the demo generator writes.
 */
export function valueTriples(index: ModelIndex, iris: GgmIris, classGuid: string, subject: string, a: Attribuutsoort, term: string): Triple[] {
  if (a.type.kind !== 'geometry') return [[subject, iri(iris.attribuut(a.guid)), term]];
  let defaults = defaultGeometries.get(index);
  if (!defaults) defaultGeometries.set(index, (defaults = new Map<string, string | undefined>()));
  if (!defaults.has(classGuid)) {
    const classes = index.lineage(classGuid).map((g) => index.model.objecttypen.get(g)!).filter(Boolean);
    defaults.set(classGuid, defaultGeometry(classes)?.guid);
  }
  // The literal's lexical form (N-Triples escapes are JSON's).
  const lexical = JSON.parse(term.slice(0, term.lastIndexOf('"^^') + 1)) as string;
  return [
    [subject, RDF_TYPE, GEO_FEATURE],
    ...geometryTriples(subject.slice(1, -1), iris.attribuut(a.guid), iris.names.attribuut.get(a.guid)!, lexical, defaults.get(classGuid) === a.guid),
  ];
}
