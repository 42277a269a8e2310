// Minimal types for the untyped `shacl-engine` package (only what engines.ts uses).
declare module 'shacl-engine' {
  import type { DatasetCore, DataFactory, Term } from '@rdfjs/types';

  export interface ShaclEngineFactory extends DataFactory {
    dataset(): DatasetCore;
  }

  export interface ShaclEngineReport {
    readonly conforms: boolean;
    readonly dataset: DatasetCore;
    readonly term: Term;
    readonly results: unknown[];
  }

  export class Validator {
    constructor(
      shapes: DatasetCore,
      options: { factory: ShaclEngineFactory; debug?: boolean; details?: boolean; validations?: Iterable<readonly [Term, unknown]> },
    );
    /** The shapes found at construction (targets, sh:NodeShape, sh:PropertyShape), then every shape compiled since. */
    readonly shapes: Map<Term, unknown>;
    readonly options: object;
    validate(data: { dataset: DatasetCore; terms?: Iterable<Term> }, shapes?: Array<{ terms: Term[] }>): Promise<ShaclEngineReport>;
  }
}

// rdf-validation: shacl-engine's lexical-form checks (sh:datatype), used by compiled.ts to decide alike.
declare module 'rdf-validation' {
  import type { Literal, Term } from '@rdfjs/types';

  export class XsdValidation {
    readonly validations: { get(datatype: Term): { validateSimple(term: Literal): boolean } | undefined };
  }
}
