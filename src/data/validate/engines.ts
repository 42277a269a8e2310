// The two SHACL engines behind one small interface, so the W3C suite runner
// and the benchmark can measure them side by side. The project's validate()
// uses the engine chosen in index.ts.
import type { DatasetCore, Quad } from '@rdfjs/types';
import { DataFactory, Store } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import { Validator as ShaclEngineValidator, type ShaclEngineFactory } from 'shacl-engine';

/** The raw outcome of one engine run: sh:conforms and the sh:ValidationReport as quads. */
export interface EngineReport {
  conforms: boolean;
  quads: Quad[];
}

/** A shapes graph compiled by an engine, ready to validate any number of data graphs. */
export interface PreparedShapes {
  validate(data: DatasetCore): Promise<EngineReport>;
}

export interface ShaclEngine {
  readonly name: string;
  prepare(shapes: DatasetCore): PreparedShapes;
}

const shaclEngineFactory: ShaclEngineFactory = { ...DataFactory, dataset: () => new Store() };

/** shacl-engine (rdf-ext), core constraint components only. */
export const shaclEngine: ShaclEngine = {
  name: 'shacl-engine',
  prepare(shapes) {
    const validator = new ShaclEngineValidator(shapes, { factory: shaclEngineFactory });
    return {
      async validate(data) {
        const report = await validator.validate({ dataset: data });
        return { conforms: report.conforms, quads: [...(report.dataset as Iterable<Quad>)] };
      },
    };
  },
};

/** rdf-validate-shacl (Zazuko). */
export const rdfValidateShacl: ShaclEngine = {
  name: 'rdf-validate-shacl',
  prepare(shapes) {
    const validator = new SHACLValidator(shapes);
    return {
      async validate(data) {
        const report = await validator.validate(data);
        return { conforms: report.conforms, quads: [...(report.dataset as unknown as Iterable<Quad>)] };
      },
    };
  },
};

export const engines: readonly ShaclEngine[] = [shaclEngine, rdfValidateShacl];
