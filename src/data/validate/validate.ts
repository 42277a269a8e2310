// validate(): data graph + shapes graph -> ValidationOutcome, through the
// engine chosen by measurement (see index.ts).
import type { DatasetCore, Quad } from '@rdfjs/types';
import { Store } from 'n3';
import { shaclEngine, type PreparedShapes, type ShaclEngine } from './engines.js';
import { asDataset, buildReport, pathText, readReport, resultNodes, resultSubgraph, type ValidationResult } from './report.js';

export interface ValidationOutcome {
  conforms: boolean;
  /** One record per sh:result, in report order; `pathText` renders complex paths. */
  results: Array<ValidationResult & { pathText?: string }>;
  /** The sh:ValidationReport as quads, with stable blank node labels, ready to serialise. */
  report: Quad[];
}

export interface ValidateOptions {
  /** Defaults to shacl-engine, the engine chosen by measurement. */
  engine?: ShaclEngine;
}

export const defaultEngine: ShaclEngine = shaclEngine;

/** Compiles a shapes graph once, for validating many data graphs. */
export function prepareShapes(shapes: DatasetCore | Quad[], options: ValidateOptions = {}): PreparedShapes {
  return (options.engine ?? defaultEngine).prepare(asDataset(shapes));
}

/** Validates a data graph against a shapes graph. Quad arrays are merged into one graph; a dataset is used as given. */
export async function validate(data: DatasetCore | Quad[], shapes: DatasetCore | Quad[], options: ValidateOptions = {}): Promise<ValidationOutcome> {
  const shapesGraph = asDataset(shapes);
  return outcomeOf(await prepareShapes(shapesGraph, options).validate(asDataset(data)), shapesGraph);
}

/** Reads an engine report into a ValidationOutcome. */
export function outcomeOf(engineReport: { conforms: boolean; quads: Quad[] }, shapes?: DatasetCore): ValidationOutcome {
  const dataset = new Store(engineReport.quads);
  const read = readReport(dataset);
  const sources = shapes ? [dataset, shapes] : [dataset];
  return {
    conforms: read.conforms,
    results: read.results.map((result) => (result.path ? { ...result, pathText: pathText(result.path, ...sources) } : result)),
    report: buildReport(read.conforms, resultNodes(dataset).map((node) => resultSubgraph(dataset, node))),
  };
}

