// Validation of large inputs one batch at a time, so memory stays bounded by
// the batch size (plus the kept results), not by the input size.
//
// A batch must hold ALL triples of its focus nodes (batchBySubject groups a
// subject-grouped stream, as Turtle/N-Triples writers and our importers
// produce it). Constraints that look beyond the batch see only what the batch
// holds. sh:class is supported across batches through `typeIndex`: the
// rdf:type triples of nodes a batch refers to but does not describe are
// looked up there and added to the batch (results about these borrowed nodes
// are dropped: they are validated in their own batch). Not supported across
// batches: sh:node / sh:qualifiedValueShape / sh:property on nodes described
// in another batch, inverse paths to such nodes, sh:targetObjectsOf whose
// referring triple is in a different batch than the object, and
// sh:uniqueLang/sh:disjoint/sh:equals over values split between batches.
import type { DatasetCore, Quad, Term } from '@rdfjs/types';
import { DataFactory, Store } from 'n3';
import { prepareShapes, type ValidateOptions, type ValidationOutcome } from './validate.js';
import { asDataset, buildReport, pathText, readReport, resultNodes, type ValidationResult } from './report.js';

const rdfType = DataFactory.namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type');

export interface BatchOptions extends ValidateOptions {
  /** rdf:type triples (or any store holding them) for nodes referred to from other batches; used by sh:class. */
  typeIndex?: DatasetCore | Quad[];
  /** Quads added to every batch, e.g. the rdfs:subClassOf hierarchy that sh:class follows. */
  sharedQuads?: Quad[];
  /** Keep at most this many results in `results`/`report`; all are counted in `resultCount`. */
  maxResults?: number;
}

export interface BatchValidationOutcome extends ValidationOutcome {
  batches: number;
  /** Data triples validated (not counting borrowed type triples or shared quads). */
  triples: number;
  resultCount: number;
  /** True when more than maxResults results were found. */
  truncated: boolean;
}

type Batch = Quad[] | DatasetCore;

const key = (term: Term) => `${term.termType}:${term.value}`;

/** Validates batch after batch against one compiled shapes graph and aggregates the results. */
export async function validateInBatches(
  batches: AsyncIterable<Batch> | Iterable<Batch>,
  shapes: DatasetCore | Quad[],
  options: BatchOptions = {},
): Promise<BatchValidationOutcome> {
  const shapesDataset = asDataset(shapes);
  const prepared = prepareShapes(shapesDataset, options);
  const typeIndex = options.typeIndex ? asDataset(options.typeIndex) : undefined;
  const maxResults = options.maxResults ?? Infinity;
  const results: BatchValidationOutcome['results'] = [];
  const parts: Array<{ dataset: DatasetCore; node: Term }> = [];
  let batchCount = 0;
  let triples = 0;
  let resultCount = 0;

  for await (const batch of batches) {
    batchCount++;
    const store = new Store();
    const subjects = new Set<string>();
    for (const q of batch as Iterable<Quad>) {
      store.addQuad(q);
      subjects.add(key(q.subject));
      triples++;
    }
    if (options.sharedQuads) store.addQuads(options.sharedQuads);
    const borrowed = new Set<string>();
    if (typeIndex) {
      for (const object of store.getObjects(null, null, null)) {
        if (object.termType === 'Literal' || subjects.has(key(object)) || borrowed.has(key(object))) continue;
        const types = [...typeIndex.match(object as Quad['subject'], rdfType)];
        if (types.length) {
          borrowed.add(key(object));
          store.addQuads(types);
        }
      }
    }
    const report = await prepared.validate(store);
    if (report.conforms) continue;
    const dataset = new Store(report.quads);
    const nodes = resultNodes(dataset);
    readReport(dataset).results.forEach((result: ValidationResult, i) => {
      if (borrowed.has(key(result.focusNode))) return;
      resultCount++;
      if (results.length >= maxResults) return;
      results.push(result.path ? { ...result, pathText: pathText(result.path, dataset, shapesDataset) } : result);
      parts.push({ dataset, node: nodes[i]! });
    });
  }

  return {
    conforms: resultCount === 0,
    results,
    report: buildReport(resultCount === 0, parts),
    batches: batchCount,
    triples,
    resultCount,
    truncated: resultCount > results.length,
  };
}

/**
 * Groups a subject-grouped quad stream into batches of `subjectsPerBatch`
 * IRI subjects. Quads with a blank node subject stay with the IRI subject
 * before them (Turtle's nested `[ ]` and lists), so keep those contiguous.
 */
export async function* batchBySubject(quads: AsyncIterable<Quad> | Iterable<Quad>, subjectsPerBatch = 1000): AsyncGenerator<Quad[]> {
  if (!(subjectsPerBatch >= 1)) throw new Error(`subjectsPerBatch must be at least 1, got ${subjectsPerBatch}`);
  let batch: Quad[] = [];
  let subjectCount = 0;
  let current: string | undefined;
  for await (const q of quads) {
    if (q.subject.termType === 'NamedNode' && q.subject.value !== current) {
      if (subjectCount === subjectsPerBatch) {
        yield batch;
        batch = [];
        subjectCount = 0;
      }
      current = q.subject.value;
      subjectCount++;
    }
    batch.push(q);
  }
  if (batch.length) yield batch;
}

/** Collects the rdf:type triples of a quad stream: the typeIndex for validateInBatches. */
export async function collectTypes(quads: AsyncIterable<Quad> | Iterable<Quad>): Promise<Store> {
  const types = new Store();
  for await (const q of quads) if (q.predicate.equals(rdfType)) types.addQuad(q);
  return types;
}
