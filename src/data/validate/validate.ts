// validate(): data graph + shapes graph -> ValidationOutcome, through the
// engine chosen by measurement (see index.ts).
import type { DatasetCore, Quad, Term } from '@rdfjs/types';
import { Store } from 'n3';
import { compiledEngine } from './compiled.js';
import type { PreparedShapes, ShaclEngine } from './engines.js';
import { asDataset, buildReport, pathText, readReport, resultNodes, resultSubgraph, type ValidationResult } from './report.js';

export interface ValidationOutcome {
  conforms: boolean;
  /** One record per sh:result, in report order; `pathText` renders complex paths. */
  results: Array<ValidationResult & { pathText?: string }>;
  /** The sh:ValidationReport as quads, with stable blank node labels, ready to serialise. */
  report: Quad[];
}

export interface ValidateOptions {
  /** Defaults to the compiled shapes (compiled.ts), which fall back to shacl-engine for shapes outside their subset. */
  engine?: ShaclEngine;
}

export const defaultEngine: ShaclEngine = compiledEngine;

/** Compiles a shapes graph once, for validating many data graphs. */
export function prepareShapes(shapes: DatasetCore | Quad[], options: ValidateOptions = {}): PreparedShapes {
  return (options.engine ?? defaultEngine).prepare(shapes);
}

/** Validates a data graph against a shapes graph. Quad arrays are merged into one graph; a dataset is used as given. */
export async function validate(data: DatasetCore | Quad[], shapes: DatasetCore | Quad[], options: ValidateOptions = {}): Promise<ValidationOutcome> {
  return outcomeOf(await prepareShapes(shapes, options).validate(data), shapes);
}

/** Reads an engine report into a ValidationOutcome; `shapes` is read only for complex result paths. */
export function outcomeOf(engineReport: { conforms: boolean; quads: Quad[] }, shapes?: DatasetCore | Quad[]): ValidationOutcome {
  const dataset = new Store(engineReport.quads);
  const read = readReport(dataset);
  const text = pathTexts(dataset, shapes);
  return {
    conforms: read.conforms,
    results: read.results.map((result) => (result.path ? { ...result, pathText: text(result.path) } : result)),
    report: buildReport(read.conforms, resultNodes(dataset).map((node) => resultSubgraph(dataset, node))),
  };
}


/** Renders result paths, looking complex ones up in the report, then the shapes graph (made a dataset on first need). */
export function pathTexts(report: DatasetCore, shapes?: DatasetCore | Quad[]): (path: Term) => string {
  let shapesGraph: DatasetCore | undefined;
  return (path) => {
    if (path.termType === 'NamedNode' || !shapes) return pathText(path, report);
    shapesGraph ??= asDataset(shapes);
    return pathText(path, report, shapesGraph);
  };
}
