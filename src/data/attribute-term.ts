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

export type TermResult = { term: string } | { error: string };

export function attributeTerm(a: Attribuutsoort, value: string, index: ModelIndex, iris: GgmIris, srid?: number): TermResult {
  const t = a.type;
  switch (t.kind) {
    case 'primitive':
    case 'geometry': {
      const c = convertValue(value, t, srid);
      return 'error' in c ? c : { term: literal(c.lexical, c.datatype) };
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
  if (t.kind === 'primitive' && !t.union && t.xsd === XSD_STRING) return (v) => ({ term: literal(v.trim()) });
  if (t.kind === 'primitive') {
    const convert = primitiveConverter(t);
    return (v) => {
      const c = convert(v);
      return 'error' in c ? c : { term: literal(c.lexical, c.datatype) };
    };
  }
  return (v, srid) => attributeTerm(a, v, index, iris, srid);
}

const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';
