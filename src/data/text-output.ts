/**
 * Buffered text output with back-pressure, shared by the streaming RDF
 * writers (importers: src/data/rdf-writer.ts; demo data: src/data/demo/writers.ts),
 * and atomic files: written to a temporary sibling, renamed into place on close().
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type { Writable } from 'node:stream';

const CHUNK = 1 << 16;

export abstract class BufferedTextOutput {
  protected buf = '';
  private failed: Error | undefined;

  constructor(protected readonly out: Writable) {
    out.on('error', (e) => (this.failed = e));
  }

  /** Text that ends the document (closing brackets …), added by close(). */
  protected finish(): void {}

  protected flushIfFull(): void {
    if (this.buf.length > CHUNK) this.flush();
  }

  private flush(): void {
    if (this.failed) throw this.failed;
    if (this.buf) this.out.write(this.buf);
    this.buf = '';
  }

  /** Resolves when the consumer has taken what was buffered (call it now and then: back-pressure). */
  drain(): Promise<void> {
    this.flush();
    if (!this.out.writableNeedDrain) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const onDrain = () => {
        this.out.off('error', onError);
        resolve();
      };
      const onError = (e: Error) => {
        this.out.off('drain', onDrain);
        reject(e);
      };
      this.out.once('drain', onDrain);
      this.out.once('error', onError);
    });
  }

  /** Finish the output. */
  async close(): Promise<void> {
    this.finish();
    this.flush();
    await new Promise<void>((resolve, reject) => {
      this.out.once('error', reject);
      this.out.end(() => resolve());
    });
    if (this.failed) throw this.failed;
  }

  /** Abandon the output. */
  async abort(): Promise<void> {
    this.buf = '';
    this.out.destroy();
  }
}

interface Closable {
  close(): Promise<void>;
  abort(): Promise<void>;
}

/**
 * An output made by `make` on a temporary sibling of `file`: nothing appears
 * at `file` until close() succeeds; abort() or a failed close() removes the
 * temporary file and leaves `file` as it was.
 */
export function atomicFileOutput<S extends Closable>(file: string, make: (out: WriteStream) => S): S {
  const tmp = `${file}.tmp-${process.pid}-${Date.now()}`;
  const stream = createWriteStream(tmp, { highWaterMark: 1 << 20 });
  // The temporary file may still be opening when the output is abandoned: remove it only after the stream has closed.
  const closed = new Promise<void>((resolve) => stream.once('close', () => resolve()));
  const output = make(stream);
  const close = output.close.bind(output);
  const abort = output.abort.bind(output);
  output.close = async () => {
    try {
      await close();
    } catch (e) {
      stream.destroy();
      await closed;
      await rm(tmp, { force: true });
      throw e;
    }
    await rename(tmp, file);
  };
  output.abort = async () => {
    await abort();
    await closed;
    await rm(tmp, { force: true });
  };
  return output;
}
