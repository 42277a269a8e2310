/**
 * Streaming quad writers for the demo data: N-Quads (one line per quad) and
 * TriG (graph blocks, subjects grouped, prefixed names where they are safe).
 * Files are written atomically: to a temporary sibling, renamed on close().
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { atomicFileOutput, BufferedTextOutput } from '../text-output.js';
import type { QuadSink } from './generate.js';

export interface ClosableSink extends QuadSink {
  close(): Promise<void>;
  abort(): Promise<void>;
}

const PN_LOCAL = /^[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_-])?$/;
const PN_PREFIX = /^[A-Za-z]([A-Za-z0-9_.-]*[A-Za-z0-9_-])?$/;

abstract class TextSink extends BufferedTextOutput implements ClosableSink {
  triples = 0;
  abstract add(s: string, p: string, o: string, g: string): void;
}

class NQuadsSink extends TextSink {
  add(s: string, p: string, o: string, g: string): void {
    this.triples++;
    this.buf += `${s} ${p} ${o} ${g} .\n`;
    this.flushIfFull();
  }
}

class TrigSink extends TextSink {
  private graph: string | undefined;
  private subject: string | undefined;
  /** namespace → prefix */
  private readonly prefixes: Map<string, string>;

  constructor(out: Writable, prefixes: Record<string, string>, header: string) {
    super(out);
    this.prefixes = new Map(Object.entries(prefixes).filter(([p]) => PN_PREFIX.test(p)).map(([p, ns]) => [ns, p]));
    this.buf += header.split('\n').map((l) => `# ${l}`.trimEnd()).join('\n') + '\n';
    for (const [ns, p] of [...this.prefixes].sort((a, b) => (a[1] < b[1] ? -1 : 1))) this.buf += `@prefix ${p}: <${ns}> .\n`;
  }

  private compact(term: string): string {
    if (term.charCodeAt(0) !== 60 /* < */) {
      const i = term.lastIndexOf('^^<');
      return i < 0 ? term : `${term.slice(0, i)}^^${this.compact(term.slice(i + 2))}`;
    }
    const v = term.slice(1, -1);
    const cut = v.lastIndexOf('/') + 1;
    const p = this.prefixes.get(v.slice(0, cut));
    if (p !== undefined) {
      const local = v.slice(cut);
      if (PN_LOCAL.test(local)) return `${p}:${local}`;
    }
    return term;
  }

  add(s: string, p: string, o: string, g: string): void {
    this.triples++;
    const ps = p === '<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>' ? 'a' : this.compact(p);
    if (g !== this.graph) {
      this.buf += `${this.graph === undefined ? '' : ' .\n}\n'}\n${g} {\n`;
      this.graph = g;
      this.subject = undefined;
    }
    if (s === this.subject) this.buf += ` ;\n    ${ps} ${this.compact(o)}`;
    else {
      this.buf += `${this.subject === undefined ? '' : ' .\n'}${this.compact(s)} ${ps} ${this.compact(o)}`;
      this.subject = s;
    }
    this.flushIfFull();
  }

  protected override finish(): void {
    if (this.graph !== undefined) this.buf += ' .\n}\n';
  }
}

export type DemoFormat = 'nquads' | 'trig';

export function formatOf(file: string): DemoFormat {
  if (/\.trig$/i.test(file)) return 'trig';
  if (/\.nq$/i.test(file)) return 'nquads';
  throw new Error(`${file}: demo data is written as TriG (.trig) or N-Quads (.nq)`);
}

export interface WriterOptions {
  prefixes?: Record<string, string>;
  header?: string;
}

/** A sink on any stream (a string collector in tests, stdout …). */
export function streamSink(out: Writable, format: DemoFormat, options: WriterOptions = {}): ClosableSink {
  return format === 'trig' ? new TrigSink(out, options.prefixes ?? {}, options.header ?? '') : new NQuadsSink(out);
}

/** A sink writing `file` atomically: nothing appears at `file` until close() succeeds. */
export async function fileSink(file: string, options: WriterOptions = {}): Promise<ClosableSink> {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  const format = formatOf(file);
  return atomicFileOutput(file, (out) => streamSink(out, format, options));
}
