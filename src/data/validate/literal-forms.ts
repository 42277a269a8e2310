/**
 * The lexical check behind sh:datatype, the same in both SHACL engines: a
 * literal of a datatype the service knows must be well-formed for it. XSD
 * datatypes are checked by rdf-validation (what shacl-engine itself applies),
 * geo:wktLiteral by the project's WKT module (src/data/wkt.ts). shacl-engine
 * builds its own XSD-only check per shape, so it gets this one through its
 * `validations` option (shaclEngineValidations).
 *
 * Beyond rdf-validation: a date must exist in the calendar ("2024-02-30" and
 * "2023-02-29" are refused in xsd:date, xsd:dateTime and xsd:dateTimeStamp),
 * and sh:minLength / sh:maxLength count characters (Unicode code points, as
 * SHACL and XPath's string-length do), not UTF-16 units: "Melding via app 👍"
 * has 17 characters, "𠮷" one.
 */
import type { Literal, Term } from '@rdfjs/types';
import { DataFactory } from 'n3';
import { XsdValidation } from 'rdf-validation';
import { WKT_LITERAL, isWellFormedWkt } from '../wkt.js';

export interface LexicalCheck {
  validateSimple(term: Literal): boolean;
}

const xsd = new XsdValidation();
const wkt: LexicalCheck = { validateSimple: (term) => isWellFormedWkt(term.value) };
const XSD = 'http://www.w3.org/2001/XMLSchema#';
const DATED = new Set([`${XSD}date`, `${XSD}dateTime`, `${XSD}dateTimeStamp`]);

/** Whether the date at the start of an XSD date/dateTime lexical form exists (day within its month, 29 February in leap years). */
export function isCalendarDate(lexical: string): boolean {
  const m = /^(-?\d{4,})-(\d{2})-(\d{2})/.exec(lexical);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days;
}

/** Characters of a string as SHACL counts them: Unicode code points (a surrogate pair is one). */
export function characterCount(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** The well-formedness check of a datatype's lexical forms, or undefined when any lexical form is accepted. */
export function lexicalCheck(datatype: Term): LexicalCheck | undefined {
  if (datatype.termType === 'NamedNode' && datatype.value === WKT_LITERAL) return wkt;
  const check = xsd.validations.get(datatype);
  if (check && datatype.termType === 'NamedNode' && DATED.has(datatype.value))
    return { validateSimple: (term) => check.validateSimple(term) && isCalendarDate(term.value) };
  return check;
}

const SH = 'http://www.w3.org/ns/shacl#';
const shDatatype = DataFactory.namedNode(`${SH}datatype`);
const datatypeComponent = DataFactory.namedNode(`${SH}DatatypeConstraintComponent`);
const shMaxLength = DataFactory.namedNode(`${SH}maxLength`);
const shMinLength = DataFactory.namedNode(`${SH}minLength`);
const maxLengthComponent = DataFactory.namedNode(`${SH}MaxLengthConstraintComponent`);
const minLengthComponent = DataFactory.namedNode(`${SH}MinLengthConstraintComponent`);

interface EngineShape {
  ptr: { out(path: Term[]): { term: Term } };
}
interface EngineContext {
  valueOrNode: { term: Term; value: string };
  factory: { literal(value: string): Literal };
  test(result: boolean, component: Term, options: { args: Record<string, unknown>; message: Literal[]; value: unknown }): void;
}

/** shacl-engine's sh:datatype (lib/validations/type.js) with lexicalCheck in place of its XSD-only check. */
function compileDatatype(shape: EngineShape): { generic: (context: EngineContext) => void } {
  const datatype = shape.ptr.out([shDatatype]).term;
  const check = lexicalCheck(datatype);
  return {
    generic: (context) => {
      const term = context.valueOrNode.term;
      const result = term.termType === 'Literal' && datatype.equals(term.datatype) && (!check || check.validateSimple(term));
      context.test(result, datatypeComponent, {
        args: { datatype },
        message: [context.factory.literal('Value does not have datatype {$datatype}')],
        value: context.valueOrNode,
      });
    },
  };
}

/** shacl-engine's sh:maxLength / sh:minLength (lib/validations/string.js), counting code points. */
function compileLength(kind: 'max' | 'min'): (shape: EngineShape) => { generic: (context: EngineContext) => void } {
  return (shape) => {
    const limit = parseInt(shape.ptr.out([kind === 'max' ? shMaxLength : shMinLength]).term.value);
    return {
      generic: (context) => {
        const term = context.valueOrNode.term;
        const n = characterCount(context.valueOrNode.value);
        const result = term.termType !== 'BlankNode' && (kind === 'max' ? n <= limit : n >= limit);
        context.test(result, kind === 'max' ? maxLengthComponent : minLengthComponent, {
          args: kind === 'max' ? { maxLength: limit } : { minLength: limit },
          message: [context.factory.literal(kind === 'max' ? 'Value has more than {$maxLength} characters' : 'Value has less than {$minLength} characters')],
          value: context.valueOrNode,
        });
      },
    };
  };
}

/** For shacl-engine's Validator option `validations`. */
export const shaclEngineValidations: ReadonlyArray<[Term, (shape: EngineShape) => { generic: (context: EngineContext) => void }]> = [
  [shDatatype, compileDatatype],
  [shMaxLength, compileLength('max')],
  [shMinLength, compileLength('min')],
];
