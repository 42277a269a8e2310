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
  }

  export class Validator {
    constructor(shapes: DatasetCore, options: { factory: ShaclEngineFactory; debug?: boolean; details?: boolean });
    validate(data: { dataset: DatasetCore; terms?: Iterable<Term> }, shapes?: Array<{ terms: Term[] }>): Promise<ShaclEngineReport>;
  }
}
