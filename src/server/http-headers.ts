/**
 * HTTP details every document response shares: strong ETags and conditional
 * GET, caching, CORS (with preflight), Link headers to the alternate formats;
 * `sendCacheable` for every page or file-like answer made in memory.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { MIN_COMPRESSED_BYTES, chooseEncoding, compress, encodedEtag, varyWith } from './compression.js';
import { FORMATS } from './formats.js';
import type { CachedResponse } from './response-cache.js';

export const CACHE_CONTROL = 'public, max-age=300';

export function strongEtag(body: Buffer | string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
}

/** If-None-Match against an ETag (weak comparison, as RFC 9110 §13.1.2 requires for this header). */
export function notModified(req: IncomingMessage, etag: string): boolean {
  const header = req.headers['if-none-match'];
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = (t: string) => t.trim().replace(/^W\//, '');
  return header.split(',').some((t) => opaque(t) === opaque(etag));
}

/** Link: <…/Zaak.ttl>; rel="alternate"; type="text/turtle", … for every format. */
export function alternateLinks(documentPath: string, query = ''): string {
  return FORMATS.map((f) => `<${documentPath}.${f.extension}${query}>; rel="alternate"; type="${f.mediaType}"`).join(', ');
}

export function corsHeaders(res: ServerResponse): void {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Expose-Headers', 'Link, Content-Location, ETag, Vary, Location, X-Request-Id');
}

export function cors(req: Request, res: Response, next: NextFunction): void {
  corsHeaders(res);
  if (req.method === 'OPTIONS') {
    res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD, POST, OPTIONS');
    res.setHeader('Access-Control-Allow-Headers', req.headers['access-control-request-headers'] ?? 'Accept, Content-Type, If-None-Match');
    res.setHeader('Access-Control-Max-Age', '86400');
    res.setHeader('Vary', 'Origin, Access-Control-Request-Headers');
    res.status(204).end();
    return;
  }
  next();
}

/** A body made in memory (a page, the JSON-LD context, a query answer), with a strong ETag, conditional GET, caching and compression. */
export function sendCacheable(req: Request, res: Response, body: string, contentType: string, options: { vary?: boolean } = {}): void {
  const bytes = Buffer.from(body, 'utf8');
  const etag = strongEtag(bytes);
  const headers: Record<string, string> = {
    'Content-Type': contentType.includes('charset') ? contentType : `${contentType}; charset=utf-8`,
    'Content-Length': String(bytes.length),
    ETag: etag,
    'Cache-Control': CACHE_CONTROL,
  };
  if (options.vary) headers.Vary = 'Accept';
  send(req, res, { status: 200, body: bytes, etag, headers });
}

/** If-Modified-Since (only without If-None-Match, RFC 9110 §13.1.3) at or after the response's Last-Modified. */
function unmodifiedSince(req: IncomingMessage, lastModified: string | undefined): boolean {
  const since = req.headers['if-modified-since'];
  if (!since || !lastModified || req.headers['if-none-match']) return false;
  const t = Date.parse(since);
  return Number.isFinite(t) && t >= Date.parse(lastModified);
}

/**
 * A finished response, compressed when the client accepts br or gzip (and the body is worth it),
 * with conditional GET on the ETag of the form sent and on Last-Modified.
 */
export function send(req: IncomingMessage, res: ServerResponse, r: CachedResponse): void {
  const compressible = r.status === 200 && r.body.length >= MIN_COMPRESSED_BYTES;
  const encoding = compressible ? chooseEncoding(req) : undefined;
  const headers: Record<string, string> = compressible ? { ...r.headers, Vary: varyWith(r.headers.Vary) } : { ...r.headers };
  if (encoding) {
    headers['Content-Encoding'] = encoding;
    headers.ETag = encodedEtag(r.etag, encoding);
  }
  if (r.status === 200 && (notModified(req, headers.ETag ?? r.etag) || unmodifiedSince(req, r.headers['Last-Modified']))) {
    const { 'Content-Length': _length, 'Content-Encoding': _encoding, ...rest } = headers;
    res.writeHead(304, rest);
    res.end();
    return;
  }
  if (!encoding) {
    res.writeHead(r.status, headers);
    res.end(req.method === 'HEAD' ? undefined : r.body);
    return;
  }
  const encoded = ((r.encoded ??= {})[encoding] ??= compress(r.body, encoding));
  encoded.then(
    (body) => {
      headers['Content-Length'] = String(body.length);
      res.writeHead(r.status, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
    },
    (error: unknown) => res.destroy(error instanceof Error ? error : new Error(String(error))),
  );
}
