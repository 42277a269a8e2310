/**
 * Streaming quad writers for the demo data: N-Quads (one line per quad) and
 * TriG (graph blocks, subjects grouped, prefixed names where they are safe).
 * Files are written atomically: to a temporary sibling, renamed on close().
 */
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Writable } from 'node:stream';
import type { QuadSink } from './generate.js';

export interface ClosableSink extends QuadSink {
  close(): Promise<void>;
  abort(): Promise<void>;
}

const CHUNK = 1 << 16;
const PN_LOCAL = /^[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_-])?$/;
const PN_PREFIX = /^[A-Za-z]([A-Za-z0-9_.-]*[A-Za-z0-9_-])?$/;

abstract class TextSink implements ClosableSink {
  triples = 0;
  protected buf = '';
  private failed: Error | undefined;
  constructor(protected readonly out: Writable) {
    out.on('error', (e) => (this.failed = e));
  }
  abstract add(s: string, p: string, o: string, g: string): void;
  protected finish(): void {}
  protected flushIfFull(): void {
    if (this.buf.length > CHUNK) this.flush();
  }
  private flush(): void {
    if (this.failed) throw this.failed;
    if (this.buf) this.out.write(this.buf);
    this.buf = '';
  }
  drain(): Promise<void> {
    this.flush();
    if (!this.out.writableNeedDrain) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const done = () => {
        this.out.off('error', fail);
        resolve();
      };
      const fail = (e: Error) => {
        this.out.off('drain', done);
        reject(e);
      };
      this.out.once('drain', done);
      this.out.once('error', fail);
    });
  }
  async close(): Promise<void> {
    this.finish();
    this.flush();
    await new Promise<void>((resolve, reject) => {
      this.out.once('error', reject);
      this.out.end(() => resolve());
    });
    if (this.failed) throw this.failed;
  }
  async abort(): Promise<void> {
    this.buf = '';
    this.out.destroy();
  }
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
  const tmp = `${file}.tmp-${process.pid}-${Date.now()}`;
  const inner = streamSink(createWriteStream(tmp, { highWaterMark: 1 << 20 }), formatOf(file), options);
  return {
    add: (s, p, o, g) => inner.add(s, p, o, g),
    drain: () => inner.drain(),
    get triples() {
      return inner.triples;
    },
    async close() {
      try {
        await inner.close();
      } catch (e) {
        await rm(tmp, { force: true });
        throw e;
      }
      await rename(tmp, file);
    },
    async abort() {
      await inner.abort();
      await rm(tmp, { force: true });
    },
  };
}
