/**
 * Dereferencing, as a short chain (as in Trifid, with the HTTP details done
 * properly): pick the format (extension, ?format=, Accept) → find what the IRI
 * is → describe it → serialise or render → ETag, Link, Vary, conditional GET.
 * /id/… answers 303 See Other to the /doc/… that describes it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

import { GgmError, NotFoundError } from '../core/errors.js';
import { DOCUMENT_OFFERS, FORMATS, formatByName, splitExtension, type Format } from './formats.js';
import { CACHE_CONTROL, alternateLinks, send, strongEtag } from './http-headers.js';
import { renderDocument, type RenderContext } from './render.js';
import { resolveTarget, subjectForPath, type Target } from './resolve.js';
import type { CachedResponse, ResponseCache } from './response-cache.js';
import type { VersionedStore } from './versioned-store.js';

export interface DereferenceContext extends RenderContext {
  store: VersionedStore;
  cache: ResponseCache;
}

const OFFERED = DOCUMENT_OFFERS.mediaTypes().join(', ');

/** The format asked for: an extension or ?format= wins over Accept. `stem` is the document path (for the Link header of a 406). */
export function requestedFormat(req: Request, extension: Format | undefined, stem: string): { format: Format; negotiated: boolean } {
  if (extension) return { format: extension, negotiated: false };
  const q = req.query.format;
  if (q !== undefined) {
    const f = typeof q === 'string' ? formatByName(q) : undefined;
    if (!f)
      throw new GgmError(
        400,
        'unknown-format',
        `unknown format ${JSON.stringify(q)}; offered: ${FORMATS.map((x) => x.extension).join(', ')} (or a media type: ${OFFERED})`,
        { headers: { Link: alternateLinks(stem) } },
      );
    return { format: f, negotiated: false };
  }
  const f = DOCUMENT_OFFERS.choose(req.get('accept'));
  if (!f)
    throw new GgmError(
      406,
      'not-acceptable',
      `none of the offered media types is acceptable; offered: ${OFFERED} (or an extension: ${FORMATS.map((x) => `${stem}.${x.extension}`).join(', ')})`,
      { headers: { Link: alternateLinks(stem) } },
    );
  return { format: f, negotiated: true };
}

function pageOf(req: Request): number {
  const p = req.query.page;
  if (p === undefined) return 1;
  if (typeof p !== 'string' || !/^[1-9][0-9]{0,6}$/.test(p))
    throw new GgmError(400, 'bad-page', `page must be a positive whole number, got ${JSON.stringify(p)}`);
  return Number(p);
}

export function cacheKey(version: string, path: string, format: Format, negotiated: boolean, page: number): string {
  return `${version}\n${path}\n${format.extension}\n${negotiated ? 'n' : 'x'}\n${page}`;
}

/**
 * The fast path in front of express: a GET/HEAD of /def/… or /doc/… (without
 * query) whose response is cached is answered straight from the cache.
 * Returns false when the request must go through the full chain.
 */
export function sendFromCache(ctx: DereferenceContext, req: IncomingMessage, res: ServerResponse): boolean {
  const url = req.url ?? '';
  if (
    (req.method !== 'GET' && req.method !== 'HEAD') ||
    !(url.startsWith('/def/') || url.startsWith('/doc/') || url.startsWith('/graph/')) ||
    url.includes('?')
  )
    return false;
  const { format: extension } = splitExtension(url);
  const format = extension ?? DOCUMENT_OFFERS.choose(req.headers.accept);
  if (!format) return false;
  const hit = ctx.cache.get(cacheKey(ctx.store.version, url, format, !extension, 1));
  if (!hit) return false;
  send(req, res, hit);
  return true;
}

/** GET/HEAD on /def/…, /doc/… and /graph/…: the document describing the IRI. */
export function documentHandler(ctx: DereferenceContext): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const path = req.path;
    const { stem, format: extension } = splitExtension(path);
    let chosen: { format: Format; negotiated: boolean };
    let page: number;
    try {
      chosen = requestedFormat(req, extension, stem);
      page = pageOf(req);
    } catch (e) {
      return next(e);
    }
    const key = cacheKey(ctx.store.version, path, chosen.format, chosen.negotiated, page);
    const hit = ctx.cache.get(key);
    if (hit) return send(req, res, hit);
    try {
      let documentPath = stem;
      let cacheable = true;
      let format = chosen.format;
      let negotiated = chosen.negotiated;
      let iri = subjectForPath(stem, ctx.iri);
      let target: Target | undefined = iri ? await resolveTarget(ctx.store, iri) : undefined;
      if (!target && extension) {
        // "…/zaak.html" may itself be a name: then the extension is no extension.
        const whole = subjectForPath(path, ctx.iri);
        const t = whole ? await resolveTarget(ctx.store, whole) : undefined;
        if (t) {
          ({ format, negotiated } = requestedFormat(req, undefined, path));
          [target, iri, documentPath, cacheable] = [t, whole, path, false];
        }
      }
      if (!target) throw new NotFoundError(`nothing is known about ${iri ?? path}`, iri);
      const rendered = await renderDocument(ctx, target, format, { iri: target.iri, documentPath, page });
      const query = page > 1 ? `?page=${page}` : '';
      const links = [alternateLinks(documentPath, query)];
      if (rendered.hasNextPage) links.push(`<${documentPath}?page=${page + 1}>; rel="next"`);
      if (page > 1) links.push(`<${page === 2 ? documentPath : `${documentPath}?page=${page - 1}`}>; rel="prev"`);
      if (format.mediaType === 'application/ld+json')
        links.push('</def/ggm/context.jsonld>; rel="http://www.w3.org/ns/json-ld#context"; type="application/ld+json"');
      const body = Buffer.from(rendered.body, 'utf8');
      const etag = strongEtag(body);
      const headers: Record<string, string> = {
        'Content-Type': format.contentType,
        'Content-Length': String(body.length),
        ETag: etag,
        'Cache-Control': CACHE_CONTROL,
        Link: links.join(', '),
        'Content-Location': `${documentPath}.${format.extension}${query}`,
        'Last-Modified': ctx.store.changedAt.toUTCString(),
      };
      if (negotiated) headers.Vary = 'Accept';
      const response: CachedResponse = { status: 200, body, etag, headers };
      if (cacheable) ctx.cache.set(key, response);
      send(req, res, response);
    } catch (e) {
      next(e);
    }
  };
}

function seeOther(req: Request, res: Response, location: string): void {
  res.status(303);
  res.setHeader('Location', location);
  res.setHeader('Vary', 'Accept');
  res.setHeader('Cache-Control', CACHE_CONTROL);
  res.type('text/plain; charset=utf-8').end(req.method === 'HEAD' ? undefined : `303 See Other: ${location}\n`);
}

/** GET/HEAD on /id/…: 303 See Other to the describing /doc/… document, when something is known about the thing (else 404). */
export function idRedirectHandler(ctx: DereferenceContext): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const doc = `/doc/${req.path.slice('/id/'.length)}`;
      const iri = subjectForPath(doc, ctx.iri);
      if (!iri || !(await resolveTarget(ctx.store, iri))) throw new NotFoundError(`nothing is known about ${iri ?? req.path}`, iri);
      const q = req.originalUrl.indexOf('?');
      seeOther(req, res, `${doc}${q >= 0 ? req.originalUrl.slice(q) : ''}`);
    } catch (e) {
      next(e);
    }
  };
}

/**
 * IRIs under /def/ that name something described elsewhere answer 303 See Other to its document:
 * the namespace …/def/ggm/ → the ontology (as the W3C recipes for slash namespaces do), the VoID
 * dataset …/def/ggm/dataset → /.well-known/void, an SSSOM mapping_set_id
 * …/def/ggm/alignments/{name}.sssom.tsv → the mapping file. Anything else goes on to the documents.
 */
export function seeOtherHandler(ctx: DereferenceContext, root: string): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const path = req.path;
      if (path === '/def/ggm/dataset') return seeOther(req, res, '/.well-known/void');
      const mappingSet = /^\/def\/ggm\/alignments\/([A-Za-z0-9._-]+\.sssom\.tsv)$/.exec(path)?.[1];
      if (mappingSet && existsSync(join(root, 'alignments', mappingSet))) return seeOther(req, res, `/alignments/${mappingSet}`);
      if (path.endsWith('/') && path.length > '/def/'.length) {
        // A namespace IRI ending in a slash: its document is the graph or term without it.
        const stem = path.replace(/\/+$/, '');
        const iri = subjectForPath(stem, ctx.iri);
        if (iri && (await resolveTarget(ctx.store, iri))) return seeOther(req, res, stem);
      }
      next();
    } catch (e) {
      next(e);
    }
  };
}

const UNRESERVED = /%(2[DdEe]|5[Ff]|7[Ee]|3[0-9]|[46][1-9A-Fa-f]|[57][0-9Aa])/g;

/** RFC 3986 §6.2.2.2: percent-encoded unreserved characters (A–Z a–z 0–9 - . _ ~) decoded, so /def/ggm/Za%61k is /def/ggm/Zaak. */
export function normaliseUnreserved(url: string): string {
  return url.includes('%') ? url.replace(UNRESERVED, (m) => String.fromCharCode(parseInt(m.slice(1), 16))) : url;
}
