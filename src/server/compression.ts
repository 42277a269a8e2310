/**
 * Compressed answers (RFC 9110 §12.5.3): brotli or gzip, negotiated on
 * Accept-Encoding with negotiator (q-values, identity, *), for bodies of
 * 1 KB and more. Each finished response keeps its encoded forms next to it,
 * so a cached document is compressed once, not per request; the compression
 * itself runs on libuv's thread pool (node:zlib), never on the event loop.
 * Every encoded form has its own strong ETag; responses that could be
 * compressed say `Vary: Accept-Encoding`.
 */
import type { IncomingMessage } from 'node:http';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import Negotiator from 'negotiator';

export type Encoding = 'br' | 'gzip';

/** Smaller bodies are sent as they are: the headers would outweigh the gain. */
export const MIN_COMPRESSED_BYTES = 1024;

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** The encoding the client prefers among br, gzip and identity (undefined: send as is). */
export function chooseEncoding(req: IncomingMessage): Encoding | undefined {
  const header = req.headers['accept-encoding'];
  if (!header) return undefined;
  const chosen = new Negotiator(req).encodings(['br', 'gzip', 'identity'])[0];
  return chosen === 'br' || chosen === 'gzip' ? chosen : undefined;
}

/** The ETag of an encoded form: the identity ETag with the encoding inside the quotes. */
export function encodedEtag(etag: string, encoding: Encoding): string {
  return etag.replace(/"$/, `-${encoding}"`);
}

/** Brotli at quality 5 (close to gzip's speed, ~15 % smaller); gzip at level 6. */
export function compress(body: Buffer, encoding: Encoding): Promise<Buffer> {
  return encoding === 'br'
    ? brotli(body, {
        params: {
          [zlib.constants.BROTLI_PARAM_QUALITY]: 5,
          [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
        },
      })
    : gzip(body, { level: 6 });
}

/** "Accept" + "Accept-Encoding" (or the value given) merged into a Vary header without duplicates. */
export function varyWith(vary: string | undefined, name = 'Accept-Encoding'): string {
  const names = (vary ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (!names.some((n) => n.toLowerCase() === name.toLowerCase())) names.push(name);
  return names.join(', ');
}
