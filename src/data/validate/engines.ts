// SHACL engines behind one small interface, so the W3C suite runner and the
// benchmark can measure them side by side (the tests add rdf-validate-shacl,
// test/support/rdf-validate-shacl.ts). The project's validate() uses the engine
// chosen in index.ts.
import type { DatasetCore, Quad } from '@rdfjs/types';
import { DataFactory, Store } from 'n3';
import { Validator as ShaclEngineValidator, type ShaclEngineFactory, type ShaclEngineReport } from 'shacl-engine';
import { shaclEngineValidations } from './literal-forms.js';
import { asDataset } from './report.js';

/** The raw outcome of one engine run: sh:conforms and the sh:ValidationReport as quads. */
export interface EngineReport {
  conforms: boolean;
  quads: Quad[];
}

/** A shapes graph compiled by an engine, ready to validate any number of data graphs. */
export interface PreparedShapes {
  /** Which engine validates, when an engine may hand over to another (compiled.ts falls back to shacl-engine). */
  readonly engine?: string;
  /**
   * The data graph: a dataset, or quads (merged into one graph). An engine may
   * leave out results about the nodes in `options.skipFocusNodes` (keys as
   * `termType:value`; callers drop such results anyway).
   */
  validate(data: DatasetCore | Quad[], options?: { skipFocusNodes?: ReadonlySet<string> }): Promise<EngineReport>;
}

export interface ShaclEngine {
  readonly name: string;
  /** The shapes graph: a dataset, or quads (merged into one graph). */
  prepare(shapes: DatasetCore | Quad[]): PreparedShapes;
}

const shaclEngineFactory: ShaclEngineFactory = { ...DataFactory, dataset: () => new Store() };
const shaclEngineOptions = { factory: shaclEngineFactory, validations: shaclEngineValidations };

const rdfsSubClassOf = DataFactory.namedNode('http://www.w3.org/2000/01/rdf-schema#subClassOf');
const SH = 'http://www.w3.org/ns/shacl#';
const rdfType = DataFactory.namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type');
const shResult = DataFactory.namedNode(`${SH}result`);

/**
 * One sh:ValidationReport from the reports of several runs (each report's own
 * node is replaced by one new node; the result nodes are blank nodes of the
 * one factory, so they never clash). Uses only what a report publishes.
 */
function mergeReports(reports: ShaclEngineReport[]): EngineReport {
  const node = DataFactory.blankNode();
  const conforms = reports.every((r) => r.conforms);
  const quads: Quad[] = [
    DataFactory.quad(node, rdfType, DataFactory.namedNode(`${SH}ValidationReport`)),
    DataFactory.quad(
      node,
      DataFactory.namedNode(`${SH}conforms`),
      DataFactory.literal(String(conforms), DataFactory.namedNode('http://www.w3.org/2001/XMLSchema#boolean')),
    ),
  ];
  for (const report of reports)
    for (const q of report.results.length ? (report.dataset as Iterable<Quad>) : []) {
      if (!q.subject.equals(report.term)) quads.push(q);
      else if (q.predicate.equals(shResult)) quads.push(DataFactory.quad(node, shResult, q.object));
    }
  return { conforms, quads };
}

/**
 * shacl-engine (rdf-ext), core constraint components only.
 *
 * shacl-engine 1.1.2 follows rdfs:subClassOf in the SHAPES graph for
 * sh:class and sh:targetClass, where SHACL says the DATA graph (the W3C suite
 * does not notice: its data and shapes graphs are mostly the same file). So
 * the data graph's rdfs:subClassOf triples are added to the shapes graph
 * before validating; the extended validator is reused while they stay the same.
 *
 * Within one run, shacl-engine validates a (shape, focus node) pair once and
 * afterwards replays only the results of that shape itself, not those of its
 * property shapes: a node that is a target of shape S and also reaches S
 * through sh:node (a GGM subclass instance: its class's shape has sh:node to
 * the superclass's shape, which targets it too) loses either S's property
 * results or the sh:NodeConstraintComponent result, depending on shape order.
 * So every shape found in the shapes graph gets a run of its own, and the
 * results are merged into one report.
 */
export const shaclEngine: ShaclEngine = {
  name: 'shacl-engine',
  prepare(shapesInput) {
    const shapes = asDataset(shapesInput);
    const plain = new ShaclEngineValidator(shapes, shaclEngineOptions);
    let extended: { key: string; validator: ShaclEngineValidator } | undefined;
    const validatorFor = (data: DatasetCore): ShaclEngineValidator => {
      const hierarchy = [...data.match(null, rdfsSubClassOf)].filter((q) => !shapes.has(q));
      if (hierarchy.length === 0) return plain;
      const key = hierarchy.map((q) => `${q.subject.termType}:${q.subject.value} ${q.object.termType}:${q.object.value}`).sort().join('\n');
      if (extended?.key !== key) {
        const combined = new Store([...(shapes as Iterable<Quad>)]);
        combined.addQuads(hierarchy);
        extended = { key, validator: new ShaclEngineValidator(combined, shaclEngineOptions) };
      }
      return extended.validator;
    };
    const topLevel = [...plain.shapes.keys()];
    return {
      async validate(dataInput) {
        const data = asDataset(dataInput);
        const validator = validatorFor(data);
        const reports: ShaclEngineReport[] = [];
        for (const shape of topLevel) reports.push(await validator.validate({ dataset: data }, [{ terms: [shape] }]));
        return mergeReports(reports);
      },
    };
  },
};
