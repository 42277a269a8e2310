/**
 * HTTP details every document response shares: strong ETags and conditional
 * GET, caching, CORS (with preflight), Link headers to the alternate formats;
 * `sendCacheable` for every page or file-like answer made in memory.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { FORMATS } from './formats.js';

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

/** A body made in memory (a page, the JSON-LD context, a query answer), with a strong ETag, conditional GET and caching. */
export function sendCacheable(req: Request, res: Response, body: string, contentType: string, options: { vary?: boolean } = {}): void {
  const etag = strongEtag(body);
  res.setHeader('ETag', etag);
  res.setHeader('Cache-Control', CACHE_CONTROL);
  if (options.vary) res.setHeader('Vary', 'Accept');
  res.type(contentType);
  if (notModified(req, etag)) {
    res.status(304).end();
    return;
  }
  res.send(body);
}
