/**
 * Streaming RDF output for importers: N-Quads (or N-Triples) and Turtle, written
 * to a file atomically (a temporary sibling renamed into place on success,
 * removed on failure), or to any writable stream (e.g. a pipe into the store).
 * Terms are passed as ready N-Triples term strings (see `iri` and `literal`),
 * which keeps the hot loop free of object allocation.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { atomicFileOutput, BufferedTextOutput } from './text-output.js';
import { ggmNamespaces, NS, type IriConfig } from '../iri/index.js';

const ESC: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };

/** An IRI as an N-Triples term. Characters not allowed in IRIREF are %-encoded. */
export function iri(value: string): string {
  return /[\x00-\x20<>"{}|^`\\]/.test(value)
    ? `<${value.replace(/[\x00-\x20<>"{}|^`\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)}>`
    : `<${value}>`;
}

const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';
const datatypeTerms = new Map<string, string>();
function datatypeTerm(datatype: string): string {
  let t = datatypeTerms.get(datatype);
  if (t === undefined) datatypeTerms.set(datatype, (t = iri(datatype)));
  return t;
}

/** The N-Triples term of an instance IRI: a checked prefix plus an encodeURIComponent-encoded reference (no further escaping needed). */
export function iriWithEncodedRef(checkedPrefix: string, ref: string): string {
  return `<${checkedPrefix}${encodeURIComponent(ref)}>`;
}

/** A literal as an N-Triples term (xsd:string without explicit datatype, language-tagged when `lang`). */
export function literal(lexical: string, datatype: string = XSD_STRING, lang?: string): string {
  const body = /["\\\n\r\t\b\f\x00-\x1f\x7f]/.test(lexical)
    ? lexical.replace(/["\\\n\r\t\b\f]|[\x00-\x1f\x7f]/g, (c) => ESC[c] ?? `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`)
    : lexical;
  if (lang) return `"${body}"@${lang}`;
  return datatype === XSD_STRING ? `"${body}"` : `"${body}"^^${datatypeTerm(datatype)}`;
}

export type RdfFormat = 'nquads' | 'turtle';

export interface RdfSink {
  /** Add one triple (in `graph` when given and the format is N-Quads). Terms from `iri()` / `literal()`. */
  add(subject: string, predicate: string, object: string): void;
  /** Resolves when the consumer has taken what was buffered (call it now and then: back-pressure). */
  drain(): Promise<void>;
  readonly triples: number;
  /** Finish the output (rename the temporary file into place). */
  close(): Promise<void>;
  /** Abandon the output (the temporary file is removed; the target is left untouched). */
  abort(): Promise<void>;
}

export interface SinkOptions {
  format?: RdfFormat;
  /** Named graph for N-Quads. */
  graph?: string;
  /**
   * N-Quads: the graph of each triple, given where it would go ('' = the default graph): the
   * placement of personal data (data/personal-placement.ts) moves personal triples to a restricted graph.
   */
  place?: (subject: string, object: string, graph: string) => string;
  /** Prefixes for Turtle output. */
  prefixes?: Record<string, string>;
}

class StreamSink extends BufferedTextOutput implements RdfSink {
  triples = 0;
  private lastSubject: string | undefined;
  private readonly graph: string;
  private readonly prefixes: [string, string][];

  constructor(out: Writable, private readonly options: SinkOptions) {
    super(out);
    this.graph = options.graph && options.format !== 'turtle' ? ` ${iri(options.graph)}` : '';
    this.prefixes = Object.entries(options.prefixes ?? {}).sort((a, b) => b[1].length - a[1].length);
    if (options.format === 'turtle') {
      for (const [p, ns] of Object.entries(options.prefixes ?? {}).sort()) this.buf += `@prefix ${p}: ${iri(ns)} .\n`;
      this.buf += '\n';
    }
  }

  add(s: string, p: string, o: string): void {
    this.triples++;
    if (this.options.format === 'turtle') {
      const ps = this.compact(p);
      const os = o.startsWith('<') ? this.compact(o) : this.compactDatatype(o);
      if (s === this.lastSubject) this.buf += ` ;\n    ${ps} ${os}`;
      else {
        this.buf += `${this.lastSubject === undefined ? '' : ' .\n'}${this.compact(s)} ${ps} ${os}`;
        this.lastSubject = s;
      }
    } else if (this.options.place) {
      const base = this.options.graph ?? '';
      const g = this.options.place(s, o, base);
      this.buf += `${s} ${p} ${o}${g === base ? this.graph : ` ${iri(g)}`} .\n`;
    } else this.buf += `${s} ${p} ${o}${this.graph} .\n`;
    this.flushIfFull();
  }

  private compact(term: string): string {
    if (!term.startsWith('<')) return term;
    const v = term.slice(1, -1);
    for (const [p, ns] of this.prefixes) {
      if (v.startsWith(ns)) {
        const local = v.slice(ns.length);
        if (/^[A-Za-z_]([A-Za-z0-9_.-]*[A-Za-z0-9_-])?$/.test(local)) return `${p}:${local}`;
      }
    }
    return term;
  }

  private compactDatatype(o: string): string {
    const i = o.lastIndexOf('^^<');
    return i < 0 ? o : `${o.slice(0, i)}^^${this.compact(o.slice(i + 2))}`;
  }

  protected override finish(): void {
    if (this.options.format === 'turtle' && this.lastSubject !== undefined) this.buf += ' .\n';
  }
}

/** A sink writing to `file` atomically: nothing appears at `file` until close() succeeds. */
export function fileSink(file: string, options: SinkOptions = {}): RdfSink {
  const dir = path.dirname(path.resolve(file));
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`cannot write ${file}: the folder ${dir} does not exist`);
  return atomicFileOutput(file, (out) => new StreamSink(out, options));
}

/** A sink writing to a stream (a pipe into the store, stdout …). */
export function streamSink(out: Writable, options: SinkOptions = {}): RdfSink {
  return new StreamSink(out, options);
}

/** The format for a file name: .ttl → Turtle, anything else N-Quads. */
export function formatFor(file: string): RdfFormat {
  return /\.ttl$/i.test(file) ? 'turtle' : 'nquads';
}

/** The prefixes of imported instance data (Turtle output). */
export function instancePrefixes(c: IriConfig): Record<string, string> {
  const ns = ggmNamespaces(c.vocabBase);
  return { rdf: NS.rdf, xsd: NS.xsd, geo: NS.geo, ggm: ns.ggm, codelijst: ns.codelijst, id: `${c.instanceBase}id/` };
}

/** Run `work` on a sink: close it (publish the output) when the work succeeds, abort it when the work fails. */
export async function writeInto<T>(sink: RdfSink, work: (sink: RdfSink) => Promise<T>): Promise<T> {
  try {
    const result = await work(sink);
    await sink.close();
    return result;
  } catch (e) {
    await sink.abort();
    throw e;
  }
}
