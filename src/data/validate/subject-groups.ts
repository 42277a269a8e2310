// Groups a quad stream by subject, whatever the order of its triples, so that
// a validation batch always holds every triple of its focus nodes (a subject
// split over two batches gives false sh:minCount / sh:maxCount results, and a
// duplicate value at the end of the file would slip through).
//
// Every subject is assigned to one of BUCKETS buckets by a hash of its IRI;
// buckets are read in bucket order, their subjects in code-point order, so
// the batches (and therefore the results) depend only on the set of triples,
// not on their order, syntax or the input's size. Small inputs are bucketed
// in memory; beyond `memoryQuads` quads every bucket is spilled to its own
// temporary file (a disk partition of the input), and memory holds one
// bucket at a time: about 1/256 of the input.
//
// Blank node subjects (Turtle's `[ ]`, lists) go with the IRI subject that
// refers to them (through chains of blank nodes); a blank node nobody refers
// to is a group of its own. Only the blank nodes referred to are remembered
// while reading (one map entry per blank object).
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Quad, Term } from '@rdfjs/types';
import { DataFactory } from 'n3';

/** Number of buckets (disk partitions when spilled). Fixed: batch composition must not depend on the input's size. */
export const BUCKETS = 256;

export interface SubjectGroupOptions {
  /** Quads held in memory before the buckets are spilled to temporary files (default 1 000 000). */
  memoryQuads?: number;
  /** Folder for the temporary bucket files (default: the system's temporary folder). */
  tmpDir?: string;
  /** Called after the input has been read, with the number of quads and whether they were spilled to disk. */
  onRead?: (info: { quads: number; spilled: boolean }) => void;
}

/** FNV-1a over the UTF-16 code units: fast, stable, spreads IRIs that differ only at the end. */
function bucketOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % BUCKETS;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The key of a subject: IRIs and blank nodes kept apart. */
const subjectKey = (term: Term) => (term.termType === 'BlankNode' ? `_:${term.value}` : term.value);

// ---- compact line encoding of quads for the bucket files --------------------------------

function encodeTerm(term: Term): string {
  switch (term.termType) {
    case 'NamedNode': return 'I' + term.value;
    case 'BlankNode': return 'B' + term.value;
    case 'DefaultGraph': return '';
    case 'Literal': return (term.language ? '@' + term.language : 'L' + term.datatype.value) + '\u0000' + term.value;
    default: throw new Error(`cannot group a quad with a ${term.termType} term`);
  }
}

function decodeTerm(text: string): Quad['subject'] & Quad['object'] & Quad['graph'] {
  switch (text[0]) {
    // The kinds are kept apart by the encoding; the cast only satisfies the one return type.
    case undefined: return DataFactory.defaultGraph() as never;
    case 'I': return DataFactory.namedNode(text.slice(1)) as never;
    case 'B': return DataFactory.blankNode(text.slice(1)) as never;
    default: {
      const cut = text.indexOf('\u0000');
      const value = text.slice(cut + 1);
      return (text[0] === '@' ? DataFactory.literal(value, text.slice(1, cut)) : DataFactory.literal(value, DataFactory.namedNode(text.slice(1, cut)))) as never;
    }
  }
}

const encodeQuad = (q: Quad) => JSON.stringify([encodeTerm(q.subject), q.predicate.value, encodeTerm(q.object), encodeTerm(q.graph)]) + '\n';

function decodeQuad(line: string): Quad {
  const [s, p, o, g] = JSON.parse(line) as [string, string, string, string];
  return DataFactory.quad(decodeTerm(s), DataFactory.namedNode(p), decodeTerm(o), decodeTerm(g));
}

/** Bucket files on disk, written through small buffers. */
class SpilledBuckets {
  readonly dir: string;
  private readonly fds: number[] = [];
  private readonly buffers: string[][] = [];
  private readonly sizes: number[] = [];

  constructor(tmp: string, readonly count = BUCKETS) {
    this.dir = mkdtempSync(path.join(tmp, 'ggm-validate-'));
    for (let i = 0; i < count; i++) {
      this.fds.push(openSync(this.file(i), 'w'));
      this.buffers.push([]);
      this.sizes.push(0);
    }
  }

  file(i: number): string {
    return path.join(this.dir, `bucket-${String(i).padStart(3, '0')}.jsonl`);
  }

  add(i: number, quad: Quad): void {
    const line = encodeQuad(quad);
    this.buffers[i]!.push(line);
    this.sizes[i]! += line.length;
    if (this.sizes[i]! > 65_536) this.flush(i);
  }

  flush(i: number): void {
    if (this.buffers[i]!.length === 0) return;
    writeSync(this.fds[i]!, this.buffers[i]!.join(''));
    this.buffers[i] = [];
    this.sizes[i] = 0;
  }

  close(): void {
    for (let i = 0; i < this.count; i++) {
      this.flush(i);
      closeSync(this.fds[i]!);
    }
  }

  *read(i: number): Generator<Quad> {
    const text = readFileSync(this.file(i), 'utf8');
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; start = end + 1, end = text.indexOf('\n', start)) yield decodeQuad(text.slice(start, end));
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * The quads of the input grouped by subject (blank node structures with the
 * subject that refers to them), in an order that depends only on the set of
 * quads: one array per group.
 */
export async function* subjectGroups(quads: AsyncIterable<Quad> | Iterable<Quad>, options: SubjectGroupOptions = {}): AsyncGenerator<Quad[]> {
  const memoryQuads = options.memoryQuads ?? 1_000_000;
  let memory: Quad[][] | undefined = Array.from({ length: BUCKETS }, () => []);
  let spilled: SpilledBuckets | undefined;
  // Blank node subjects wait until every reference is known.
  const blankQuads: Quad[] = [];
  let blankSpill: SpilledBuckets | undefined;
  // Blank node → the subject referring to it (an IRI is preferred; else the smallest key).
  const referrer = new Map<string, string>();
  let count = 0;

  const place = (bucket: number, quad: Quad) => {
    if (spilled) spilled.add(bucket, quad);
    else memory![bucket]!.push(quad);
  };

  try {
    for await (const q of quads) {
      count++;
      if (q.object.termType === 'BlankNode') {
        const from = subjectKey(q.subject);
        const known = referrer.get(q.object.value);
        if (known === undefined || better(from, known)) referrer.set(q.object.value, detach(from));
      }
      if (q.subject.termType === 'BlankNode') {
        if (blankSpill) blankSpill.add(0, q);
        else blankQuads.push(q);
      } else {
        place(bucketOf(q.subject.value), q);
      }
      if (!spilled && count > memoryQuads) {
        spilled = new SpilledBuckets(options.tmpDir ?? tmpdir());
        for (let i = 0; i < BUCKETS; i++) for (const m of memory![i]!) spilled.add(i, m);
        memory = undefined;
        blankSpill = new SpilledBuckets(options.tmpDir ?? tmpdir(), 1);
        for (const b of blankQuads.splice(0)) blankSpill.add(0, b);
      }
    }

    // The group of a blank node: follow referrers up to an IRI (or the end of the chain).
    const rootOf = (blank: string): string => {
      const seen = new Set<string>();
      let key = `_:${blank}`;
      for (;;) {
        if (!key.startsWith('_:')) return key;
        const label = key.slice(2);
        if (seen.has(label)) return `_:${[...seen].sort(compare)[0]}`; // a cycle of blank nodes: its smallest label
        seen.add(label);
        const next = referrer.get(label);
        if (next === undefined) return key;
        key = next;
      }
    };
    const roots = new Map<string, string>();
    const placeBlank = (q: Quad) => {
      let root = roots.get(q.subject.value);
      if (root === undefined) roots.set(q.subject.value, (root = rootOf(q.subject.value)));
      place(bucketOf(root), q);
    };
    if (blankSpill) {
      blankSpill.close();
      for (const q of blankSpill.read(0)) placeBlank(q);
    } else for (const q of blankQuads.splice(0)) placeBlank(q);
    spilled?.close();
    options.onRead?.({ quads: count, spilled: spilled !== undefined });

    for (let i = 0; i < BUCKETS; i++) {
      const groups = new Map<string, Quad[]>();
      const items = spilled ? spilled.read(i) : memory![i]!;
      for (const q of items) {
        const key = q.subject.termType === 'BlankNode' ? roots.get(q.subject.value)! : q.subject.value;
        const group = groups.get(key);
        if (group) group.push(q);
        else groups.set(key, [q]);
      }
      if (memory) memory[i] = [];
      for (const key of [...groups.keys()].sort(compare)) {
        // The IRI subject's own triples first, then its blank node structures.
        const group = groups.get(key)!;
        yield group.sort((a, b) => Number(a.subject.termType === 'BlankNode') - Number(b.subject.termType === 'BlankNode'));
      }
    }
  } finally {
    spilled?.remove();
    blankSpill?.remove();
  }
}

/** Is subject key `a` a better referrer than `b`: IRIs before blank nodes, then the smaller key. */
function better(a: string, b: string): boolean {
  const aBlank = a.startsWith('_:');
  const bBlank = b.startsWith('_:');
  if (aBlank !== bBlank) return bBlank;
  return a < b;
}

function detach(text: string): string {
  return (' ' + text).slice(1);
}

/** Cuts subject groups into batches of `subjectsPerBatch` groups. */
export async function* groupedBatches(groups: AsyncIterable<Quad[]>, subjectsPerBatch: number): AsyncGenerator<Quad[]> {
  if (!(subjectsPerBatch >= 1)) throw new Error(`subjectsPerBatch must be at least 1, got ${subjectsPerBatch}`);
  let batch: Quad[] = [];
  let n = 0;
  for await (const group of groups) {
    for (const q of group) batch.push(q);
    if (++n === subjectsPerBatch) {
      yield batch;
      batch = [];
      n = 0;
    }
  }
  if (batch.length) yield batch;
}
