/**
 * The lexical check behind sh:datatype, the same in both SHACL engines: a
 * literal of a datatype the service knows must be well-formed for it. XSD
 * datatypes are checked by rdf-validation (what shacl-engine itself applies),
 * geo:wktLiteral by the project's WKT module (src/data/wkt.ts). shacl-engine
 * builds its own XSD-only check per shape, so it gets this one through its
 * `validations` option (shaclEngineValidations).
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

/** The well-formedness check of a datatype's lexical forms, or undefined when any lexical form is accepted. */
export function lexicalCheck(datatype: Term): LexicalCheck | undefined {
  if (datatype.termType === 'NamedNode' && datatype.value === WKT_LITERAL) return wkt;
  return xsd.validations.get(datatype);
}

const SH = 'http://www.w3.org/ns/shacl#';
const shDatatype = DataFactory.namedNode(`${SH}datatype`);
const datatypeComponent = DataFactory.namedNode(`${SH}DatatypeConstraintComponent`);

interface EngineShape {
  ptr: { out(path: Term[]): { term: Term } };
}
interface EngineContext {
  valueOrNode: { term: Term };
  factory: { literal(value: string): Literal };
  test(result: boolean, component: Term, options: { args: Record<string, Term>; message: Literal[]; value: unknown }): void;
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

/** For shacl-engine's Validator option `validations`. */
export const shaclEngineValidations: ReadonlyArray<[Term, typeof compileDatatype]> = [[shDatatype, compileDatatype]];
