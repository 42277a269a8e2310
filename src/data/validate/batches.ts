// Validation of large inputs one batch at a time, so memory stays bounded by
// the batch size (plus the kept results), not by the input size.
//
// A batch must hold ALL triples of its focus nodes: a quad stream is first
// grouped by subject (subject-groups.ts: in memory, or in disk partitions
// for large inputs), so the results do not depend on the order of the
// triples (batchBySubject cuts a stream that is known to be grouped).
// The results are sorted (focus node, path, constraint, value), and with
// maxResults the first ones in that order are kept: the same report for
// any order, syntax or size of the same triples.
// Constraints that look beyond the batch see only what the batch holds.
// sh:class works across batches through `typeIndex`: the rdf:type triples of
// nodes a batch refers to but does not describe are looked up there and
// added to the batch (results about these borrowed nodes are dropped: they
// are validated in their own batch); the rdfs:subClassOf hierarchy that
// sh:class follows must come in `sharedQuads`. Not supported across batches:
// sh:node / sh:qualifiedValueShape on values described in another batch,
// inverse or multi-step paths into other batches, and sh:targetObjectsOf
// when the referring triple is in another batch than the object.
import type { DatasetCore, NamedNode, Quad, Term } from '@rdfjs/types';
import { DataFactory, Store } from 'n3';
import { pathTexts, prepareShapes, type ValidateOptions, type ValidationOutcome } from './validate.js';
import { asDataset, buildReport, readReport, resultNodes, resultSubgraph, termText, type ResultSubgraph, type ValidationResult } from './report.js';
import { groupedBatches, subjectGroups, type SubjectGroupOptions } from './subject-groups.js';

const rdfType = DataFactory.namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type');
const SH_FOCUS_NODE = 'http://www.w3.org/ns/shacl#focusNode';

export interface BatchOptions extends ValidateOptions, SubjectGroupOptions {
  /** The rdf:type triples (collectTypes(), or any store holding them) of nodes referred to from other batches; used by sh:class. */
  typeIndex?: TypeIndex | DatasetCore | Quad[];
  /** Quads added to every batch, e.g. the rdfs:subClassOf hierarchy that sh:class follows. */
  sharedQuads?: Quad[];
  /** When the input is a quad stream: IRI subjects per batch (default 1000). */
  subjectsPerBatch?: number;
  /** Keep at most this many results in `results`/`report` (default 10 000; the first in sorted order); all are counted in `resultCount`. */
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

/**
 * Validates batch after batch against one compiled shapes graph and
 * aggregates the results. `input` is either batches (quad arrays or
 * datasets) or a subject-grouped quad stream, which is cut into batches of
 * `subjectsPerBatch` subjects (default 1000; 1 validates per focus node).
 */
export async function validateInBatches(
  input: AsyncIterable<Batch | Quad> | Iterable<Batch | Quad>,
  shapes: DatasetCore | Quad[],
  options: BatchOptions = {},
): Promise<BatchValidationOutcome> {
  const prepared = prepareShapes(shapes, options);
  const typesOf = typeLookup(options.typeIndex);
  const maxResults = options.maxResults ?? 10_000;
  type Kept = { sortKey: string; result: BatchValidationOutcome['results'][number]; part: ResultSubgraph };
  let kept: Kept[] = [];
  const byKey = (a: Kept, b: Kept) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0);
  let batchCount = 0;
  let triples = 0;
  let resultCount = 0;

  for await (const batch of asBatches(input, options.subjectsPerBatch ?? 1000, options)) {
    batchCount++;
    // The batch as one quad array (the engine merges named graphs into one data graph).
    const quads: Quad[] = [];
    const subjects = new Set<string>();
    for (const q of batch as Iterable<Quad>) {
      quads.push(q);
      subjects.add(key(q.subject));
      triples++;
    }
    if (options.sharedQuads) quads.push(...options.sharedQuads);
    const borrowed = new Set<string>();
    if (typesOf) {
      const described = quads.length;
      for (let i = 0; i < described; i++) {
        const object = quads[i]!.object;
        if (object.termType === 'Literal' || subjects.has(key(object)) || borrowed.has(key(object))) continue;
        const types = typesOf(object);
        if (types.length) {
          borrowed.add(key(object));
          for (const type of types) quads.push(DataFactory.quad(object as Quad['subject'], rdfType, type as Quad['object']));
        }
      }
    }
    const report = await prepared.validate(quads, { skipFocusNodes: borrowed });
    if (report.conforms) continue;
    // Results about borrowed nodes only (they lack their own triples here): nothing to read.
    if (!report.quads.some((q) => q.predicate.value === SH_FOCUS_NODE && !borrowed.has(key(q.object)))) continue;
    const dataset = new Store(report.quads);
    const pathText = pathTexts(dataset, shapes);
    const nodes = resultNodes(dataset);
    readReport(dataset).results.forEach((result: ValidationResult, i) => {
      if (borrowed.has(key(result.focusNode))) return;
      resultCount++;
      const detached = { ...result, focusNode: detachTerm(result.focusNode), ...(result.value ? { value: detachTerm(result.value) } : {}) };
      const record = result.path ? { ...detached, pathText: pathText(result.path) } : detached;
      const { node, quads } = resultSubgraph(dataset, nodes[i]!);
      const part = { node, quads: quads.map((q) => DataFactory.quad(detachTerm(q.subject), q.predicate, detachTerm(q.object))) };
      kept.push({ sortKey: sortKeyOf(record), result: record, part });
      // Keep the first maxResults in sorted order, whatever order the batches come in.
      if (kept.length >= 2 * maxResults + 1000) kept = kept.sort(byKey).slice(0, maxResults);
    });
  }
  kept = kept.sort(byKey).slice(0, maxResults);
  const results = kept.map((k) => k.result);
  const parts = kept.map((k) => k.part);

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

/** Results in a fixed order: focus node, path, constraint, value, shape, message. */
function sortKeyOf(r: ValidationResult & { pathText?: string }): string {
  const shape = r.sourceShape.termType === 'BlankNode' ? '' : r.sourceShape.value;
  return [termText(r.focusNode), r.pathText ?? (r.path ? termText(r.path) : ''), r.constraint.value, r.value ? termText(r.value) : '', shape, r.message ?? ''].join('\u0001');
}

function isQuad(x: Batch | Quad): x is Quad {
  return (x as Quad).termType === 'Quad' || ((x as Quad).subject !== undefined && (x as Quad).predicate !== undefined);
}

/** Passes batches through, or groups a quad stream by subject and cuts it into batches (decided by the first item). */
async function* asBatches(
  input: AsyncIterable<Batch | Quad> | Iterable<Batch | Quad>,
  subjectsPerBatch: number,
  options: SubjectGroupOptions,
): AsyncGenerator<Batch> {
  const iterator = Symbol.asyncIterator in input ? input[Symbol.asyncIterator]() : (input as Iterable<Batch | Quad>)[Symbol.iterator]();
  const first = await iterator.next();
  if (first.done) return;
  async function* rest(): AsyncGenerator<Batch | Quad> {
    yield first.value;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  if (isQuad(first.value)) yield* groupedBatches(subjectGroups(rest() as AsyncGenerator<Quad>, options), subjectsPerBatch);
  else yield* rest() as AsyncGenerator<Batch>;
}

/**
 * Cuts a quad stream that is already grouped by subject into batches of `subjectsPerBatch`
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

/** The rdf:type statements of many nodes, kept compactly (about 150 bytes per node). */
export class TypeIndex {
  private readonly types = new Map<string, string[]>();
  private readonly iris = new Map<string, NamedNode>();

  add(node: Term, type: Term): void {
    if (type.termType !== 'NamedNode') return;
    let iri = this.iris.get(type.value);
    if (!iri) {
      iri = DataFactory.namedNode(detach(type.value));
      this.iris.set(iri.value, iri);
    }
    const k = key(node);
    const known = this.types.get(k);
    if (!known) this.types.set(detach(k), [iri.value]);
    else if (!known.includes(iri.value)) known.push(iri.value);
  }

  typesOf(node: Term): NamedNode[] {
    return (this.types.get(key(node)) ?? []).map((iri) => this.iris.get(iri)!);
  }

  get size(): number {
    return this.types.size;
  }
}

/** Collects the rdf:type triples of a quad stream: the typeIndex for validateInBatches. */
export async function collectTypes(quads: AsyncIterable<Quad> | Iterable<Quad>): Promise<TypeIndex> {
  const index = new TypeIndex();
  for await (const q of quads) if (q.predicate.equals(rdfType)) index.add(q.subject, q.object);
  return index;
}

/**
 * A copy of a string that does not share memory with the string it was cut
 * from: parsers hand out slices of their input chunks, and keeping a slice
 * keeps the whole chunk alive.
 */
function detach(text: string): string {
  return (' ' + text).slice(1);
}

/** A term that keeps no parser input chunk alive (see detach). */
function detachTerm<T extends Term>(term: T): T {
  switch (term.termType) {
    case 'NamedNode': return DataFactory.namedNode(detach(term.value)) as unknown as T;
    case 'BlankNode': return DataFactory.blankNode(detach(term.value)) as unknown as T;
    case 'Literal': return DataFactory.literal(detach(term.value), term.language ? detach(term.language) : detachTerm(term.datatype)) as unknown as T;
    default: return term;
  }
}

function typeLookup(index: BatchOptions['typeIndex']): ((node: Term) => Term[]) | undefined {
  if (!index) return undefined;
  if (index instanceof TypeIndex) return (node) => index.typesOf(node);
  const dataset = asDataset(index);
  return (node) => [...dataset.match(node as Quad['subject'], rdfType)].map((q) => q.object);
}
