/**
 * Parse untrusted RDF text (request bodies, uploads) off the main thread.
 *
 * A hostile document can make a parser recurse until its stack breaks (a broken
 * Oxigraph WebAssembly instance stays broken), allocate gigabytes (entity
 * expansion, deep nesting) or spin for minutes. So each parse runs in a worker
 * thread with its own heap limit (resourceLimits) and a time limit, after the
 * checks of input-limits.ts (nesting, XML entities) and counting triples and
 * literal lengths as it goes. A worker that failed in any way — a syntax error
 * included — is terminated and never reused; one that succeeded waits for the
 * next parse. At most `concurrency` parses run at once, a few more wait; past
 * that the caller is told to come back (503). The main thread's own Oxigraph
 * (used to write RDF/XML and read remote answers) never sees untrusted text.
 */
import { GgmError } from '../../core/errors.js';
import { Worker } from 'node:worker_threads';
import type { Quad, Quad_Graph, Quad_Object, Quad_Predicate, Quad_Subject } from '@rdfjs/types';
import { DataFactory } from 'n3';
import { RDF_INPUT_LIMITS, type RdfInputLimits } from './input-limits.js';
import type { ParseReply, ParseRequest } from './untrusted-worker.js';

/** Why untrusted RDF was refused, with the HTTP status that tells it: 400 syntax, 413 a limit, 503 busy or too slow. */
export class UntrustedRdfError extends GgmError {
  constructor(status: 400 | 413 | 503, message: string) {
    super(status, status === 400 ? 'bad-rdf' : status === 413 ? 'rdf-too-large' : 'rdf-parser-busy', message, {
      headers: status === 503 ? { 'Retry-After': '1' } : {},
      expose: true,
    });
    this.name = 'UntrustedRdfError';
  }
}

export interface UntrustedParserOptions {
  limits?: Partial<RdfInputLimits>;
  /** Parses at once (default 2). */
  concurrency?: number;
  /** Parses that may wait for a worker (default 8); more are refused with 503. */
  waiting?: number;
}

interface Job {
  request: ParseRequest;
  resolve: (quads: Quad[]) => void;
  reject: (e: Error) => void;
}

function decode(terms: string[]): Quad[] {
  const quads: Quad[] = [];
  let i = 0;
  const next = (): Quad_Subject | Quad_Predicate | Quad_Object | Quad_Graph => {
    const t = terms[i++]!;
    switch (t[0]) {
      case 'I':
        return DataFactory.namedNode(t.slice(1));
      case 'B':
        return DataFactory.blankNode(t.slice(1));
      case 'D':
        return DataFactory.defaultGraph();
      default: {
        const extra = terms[i++]!;
        return DataFactory.literal(t.slice(1), extra[0] === '@' ? extra.slice(1) : DataFactory.namedNode(extra.slice(1)));
      }
    }
  };
  while (i < terms.length)
    quads.push(DataFactory.quad(next() as Quad_Subject, next() as Quad_Predicate, next() as Quad_Object, next() as Quad_Graph));
  return quads;
}

export class UntrustedRdfParser {
  readonly limits: RdfInputLimits;
  private readonly concurrency: number;
  private readonly maxWaiting: number;
  private idle?: Worker;
  private running = 0;
  private readonly queue: Job[] = [];
  /** Workers thrown away so far (failed parses, time and memory limits). */
  discarded = 0;

  constructor(options: UntrustedParserOptions = {}) {
    this.limits = { ...RDF_INPUT_LIMITS, ...options.limits };
    this.concurrency = options.concurrency ?? 2;
    this.maxWaiting = options.waiting ?? 8;
  }

  /** The quads of `text` (default-graph and named-graph quads as written); UntrustedRdfError when refused. */
  parse(text: string, mediaType: string, options: { baseIri: string; source: string }): Promise<Quad[]> {
    return new Promise((resolve, reject) => {
      if (this.running >= this.concurrency && this.queue.length >= this.maxWaiting)
        return reject(new UntrustedRdfError(503, `${this.running} RDF documents are being parsed and ${this.queue.length} wait; retry shortly`));
      this.queue.push({ request: { text, mediaType, ...options, limits: this.limits }, resolve, reject });
      this.next();
    });
  }

  /** Stop the idle worker (running parses finish on theirs). */
  close(): void {
    void this.idle?.terminate();
    this.idle = undefined;
  }

  private next(): void {
    while (this.running < this.concurrency && this.queue.length > 0) {
      const job = this.queue.shift()!;
      this.running++;
      void this.run(job).finally(() => {
        this.running--;
        this.next();
      });
    }
  }

  /** Start a worker for the next parse (it loads its parsers meanwhile), without keeping the process alive. */
  private warm(): void {
    const worker = this.spawn();
    worker.unref();
    worker.on('error', () => undefined);
    worker.once('exit', () => this.idle === worker && (this.idle = undefined));
    this.idle = worker;
  }

  private spawn(): Worker {
    return new Worker(new URL('./untrusted-worker.js', import.meta.url), {
      resourceLimits: { maxOldGenerationSizeMb: this.limits.memoryMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
    });
  }

  private worker(): Worker {
    const reused = this.idle;
    this.idle = undefined;
    if (reused) {
      for (const event of ['error', 'exit']) reused.removeAllListeners(event);
      reused.ref();
      return reused;
    }
    return this.spawn();
  }

  private run(job: Job): Promise<void> {
    const worker = this.worker();
    const { limits } = job.request;
    return new Promise<void>((done) => {
      let settled = false;
      const finish = (outcome: { quads: Quad[] } | { error: UntrustedRdfError }) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        for (const event of ['message', 'error', 'exit']) worker.removeAllListeners(event); // (not Worker's own listeners)
        if ('quads' in outcome && !this.idle) {
          worker.unref();
          worker.on('error', () => undefined);
          worker.once('exit', () => this.idle === worker && (this.idle = undefined));
          this.idle = worker;
        } else if ('quads' in outcome) {
          void worker.terminate();
        } else {
          this.discarded++;
          void worker.terminate();
          if (!this.idle) this.warm();
        }
        if ('quads' in outcome) job.resolve(outcome.quads);
        else job.reject(outcome.error);
        done();
      };
      const timer = setTimeout(
        () =>
          finish({
            error: new UntrustedRdfError(503, `${job.request.source} took longer than ${limits.timeoutMs} ms to parse (time limit); nothing was kept`),
          }),
        limits.timeoutMs,
      );
      worker.on('message', (reply: ParseReply) => {
        if (reply.ok) finish({ quads: decode(reply.terms) });
        else finish({ error: new UntrustedRdfError(reply.kind === 'limit' ? 413 : 400, reply.message) });
      });
      worker.on('error', (e: Error & { code?: string }) =>
        finish({
          error:
            e.code === 'ERR_WORKER_OUT_OF_MEMORY'
              ? new UntrustedRdfError(413, `${job.request.source} needs more than ${limits.memoryMb} MB to parse (memory limit)`)
              : new UntrustedRdfError(400, `${job.request.source} could not be parsed: ${e.message}`),
        }),
      );
      worker.on('exit', () => finish({ error: new UntrustedRdfError(503, `the parser of ${job.request.source} stopped unexpectedly`) }));
      worker.postMessage(job.request);
    });
  }
}
