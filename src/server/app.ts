/**
 * The linked-data service as an express app: home page, dereferencing of
 * /def/…, /id/… (303) and /doc/…, the JSON-LD context, VoID, search, the
 * SPARQL query page and — when it is there — the SPARQL protocol router.
 */
import type { RequestListener } from 'node:http';
import { fileURLToPath } from 'node:url';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { iriConfig, type IriConfig } from '../iri/index.js';
import { QueryTimeoutError, StoreRefusedError, StoreUnavailableError, type SparqlStore } from '../store/types.js';
import { documentHandler, idRedirectHandler, HttpError, sendFromCache } from './dereference.js';
import { HTML, splitExtension } from './formats.js';
import { CACHE_CONTROL, cors, corsHeaders, logRequest, notModified, strongEtag } from './http-headers.js';
import { negotiate } from './negotiate.js';
import { jsonldContext, servicePrefixes } from './prefixes.js';
import { ResponseCache } from './response-cache.js';
import { VersionedStore } from './versioned-store.js';
import { renderHomePage } from './pages/home-page.js';
import { renderErrorPage, renderNotFoundPage } from './pages/message-page.js';
import { SEARCH_LIMIT, renderSearchPage, suggestions } from './pages/search-page.js';
import { SearchIndex } from './views/search-index.js';
import { hrefFor } from './pages/links.js';
import { renderSparqlPage } from './pages/sparql-page.js';
import { queryLibraryRouter } from './pages/query-library-page.js';
import { crossDomainRouter } from './pages/cross-domain-page.js';
import { loadQueryLibrary } from '../data/queries/library.js';
import { voidHandler } from './void.js';
import { createSparqlRouter, isQueryPageRequest, type SparqlRouterOptions } from './sparql/router.js';
import { createValidateRouter } from './validate-route.js';
import type { AccessPolicy } from './access/policy.js';
import { serveAsCaller } from './access/request-caller.js';
import { Admission, RETRY_AFTER_SECONDS } from './access/admission.js';
import type { BrokenFile } from './published-graphs.js';
import { subjectForPath } from './resolve.js';

export interface AppOptions {
  store: SparqlStore;
  iri?: IriConfig;
  /** Byte budget of the response cache (default 256 MB); 0 turns it off. */
  cacheBytes?: number;
  /** Settings of the SPARQL endpoint at /sparql (time limit, result cap, update credential …). */
  sparql?: Omit<SparqlRouterOptions, 'store'>;
  /** Where the request log goes (one JSON line per request); false for none. */
  log?: ((line: string) => void) | false;
  /** Access control by named graph (the store must be an AccessStore); undefined: everything public. */
  access?: AccessPolicy;
  /** Requests worked on at once (cache hits not counted); more get 503 + Retry-After (default 256). */
  maxConcurrent?: number;
  /** Published files left out at start-up: the home page lists them, their graphs answer 503 saying why. */
  brokenData?: BrokenFile[];
}

const DEFAULT_MAX_CONCURRENT = 256;

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function wantsHtml(req: Request): boolean {
  return negotiate(req.get('accept')) === HTML;
}

/** A small page answered with ETag, conditional GET and caching. */
function sendPage(req: Request, res: Response, body: string, contentType = HTML.contentType, vary = true): void {
  const etag = strongEtag(body);
  res.setHeader('ETag', etag);
  res.setHeader('Cache-Control', CACHE_CONTROL);
  if (vary) res.setHeader('Vary', 'Accept');
  res.type(contentType);
  if (notModified(req, etag)) {
    res.status(304).end();
    return;
  }
  res.send(body);
}

export interface Service {
  app: Express;
  /** The request listener to serve: cached documents straight from memory, everything else through the app. */
  listener: RequestListener;
}

export async function createApp(options: AppOptions): Promise<Express> {
  return (await createService(options)).app;
}

export async function createService(options: AppOptions): Promise<Service> {
  const config = options.iri ?? iriConfig();
  const store = options.store instanceof VersionedStore ? options.store : new VersionedStore(options.store);
  const prefixes = servicePrefixes(config);
  const context = jsonldContext(config);
  const ctx = {
    store,
    iri: config,
    prefixes,
    cache: new ResponseCache(options.cacheBytes ?? 256 * 1024 * 1024),
    serializeOptions: { prefixes, jsonldContext: prefixes },
  };
  const linkBase = { iri: config, prefixes, labels: new Map<string, string>() };

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');
  app.use(cors);
  app.use('/assets/yasgui', express.static(`${ROOT}node_modules/@zazuko/yasgui/build`, { maxAge: '1d', index: false }));
  app.use('/assets', express.static(`${ROOT}public`, { maxAge: '1h', index: false }));
  app.get('/favicon.ico', (_req, res) => res.sendFile(`${ROOT}public/favicon.ico`, { maxAge: '1d' }));
  // The build's other outputs: SSSOM mapping sets and the reports (quality, alignment coverage, cross-domain).
  const textFiles = {
    maxAge: '1h',
    index: false,
    dotfiles: 'deny' as const,
    setHeaders: (res: Response, file: string) => {
      if (file.endsWith('.tsv')) res.setHeader('Content-Type', 'text/tab-separated-values; charset=utf-8');
      else if (file.endsWith('.md')) res.setHeader('Content-Type', 'text/markdown; charset=utf-8');
    },
  };
  app.use('/alignments', express.static(`${ROOT}alignments`, textFiles));
  app.use('/reports', express.static(`${ROOT}reports`, textFiles));

  app.get('/', async (req, res, next) => {
    try {
      sendPage(req, res, renderHomePage(await store.graphs(), linkBase, options.brokenData).value, HTML.contentType, false);
    } catch (e) {
      next(e);
    }
  });
  app.get('/def/ggm/context.jsonld', (req, res) =>
    sendPage(req, res, `${JSON.stringify(context, null, 2)}\n`, 'application/ld+json; charset=utf-8', false),
  );
  const searchIndex = new SearchIndex(store, config);
  searchIndex.warm();
  const searchFor = async (req: Request, limit: number) => {
    const q = typeof req.query.q === 'string' ? req.query.q : '';
    const readable = new Set((await store.graphs()).map((g) => g.iri));
    return { q, hits: await searchIndex.search(q, readable, limit) };
  };
  app.get('/zoeken', async (req, res, next) => {
    try {
      const { q, hits } = await searchFor(req, SEARCH_LIMIT);
      sendPage(req, res, renderSearchPage(q, hits, linkBase).value, HTML.contentType, false);
    } catch (e) {
      next(e);
    }
  });
  app.get('/zoeken/suggesties', async (req, res, next) => {
    try {
      const { hits } = await searchFor(req, 30);
      sendPage(req, res, JSON.stringify(suggestions(hits, (iri) => hrefFor(iri, config))), 'application/json; charset=utf-8', false);
    } catch (e) {
      next(e);
    }
  });
  app.get('/.well-known/void', voidHandler(ctx));
  app.use(createValidateRouter({ root: ROOT, serializeOptions: ctx.serializeOptions }));
  const library = loadQueryLibrary(ROOT, config.vocabBase);
  app.use(queryLibraryRouter({ store, iri: config, prefixes, root: ROOT, library }));
  app.use(crossDomainRouter({ store, iri: config, prefixes, root: ROOT, queries: library }));
  app.get('/sparql', (req, res, next) => {
    if (!isQueryPageRequest(req)) return next();
    sendPage(req, res, renderSparqlPage(prefixes, config).value);
  });
  app.use('/sparql', createSparqlRouter({ unionDefaultGraph: true, ...options.sparql, accessControlled: !!options.access, store }));

  const brokenGraphs = new Map((options.brokenData ?? []).flatMap((b) => b.graphs.map((g) => [g, b] as const)));
  if (brokenGraphs.size)
    app.get(/^\/graph\/.+/, (req: Request, res: Response, next: NextFunction) => {
      const broken = brokenGraphs.get(subjectForPath(splitExtension(req.path).stem, config) ?? '');
      if (!broken) return next();
      const message = `this graph is not served: its file was left out at start-up (${broken.error})`;
      res.status(503).setHeader('Cache-Control', 'no-store');
      if (wantsHtml(req)) res.type(HTML.contentType).send(renderErrorPage(503, message).value);
      else res.type('text/plain; charset=utf-8').send(`503 ${message}\n`);
    });
  app.get(/^\/id\/.+/, idRedirectHandler());
  app.get(/^\/(def|doc|graph)\/.+/, documentHandler(ctx));
  // Documents are read-only: other methods are 405 naming the allowed ones (OPTIONS is CORS's).
  app.all(/^\/(def|doc|graph|id)\/.+/, (req: Request, res: Response, next: NextFunction) => {
    if (req.method === 'OPTIONS') return next();
    res.status(405).setHeader('Allow', 'GET, HEAD, OPTIONS');
    res
      .type('text/plain; charset=utf-8')
      .send(`405 ${req.method} is not allowed on ${req.path}: documents are read-only (GET, HEAD); data is published with ggm publish\n`);
  });

  app.use((req: Request, res: Response) => {
    res.status(404).setHeader('Vary', 'Accept');
    if (wantsHtml(req)) res.type(HTML.contentType).send(renderNotFoundPage(undefined, req.path).value);
    else res.type('text/plain; charset=utf-8').send(`404 not found: ${req.path}\n`);
  });
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const status =
      err instanceof HttpError
        ? err.status
        : err instanceof QueryTimeoutError || err instanceof StoreUnavailableError
          ? 503
          : err instanceof StoreRefusedError
            ? 502
            : ((err as { status?: number }).status ?? 500);
    const storeError = err instanceof QueryTimeoutError || err instanceof StoreUnavailableError || err instanceof StoreRefusedError;
    const message = status >= 500 && !storeError ? 'internal error' : (err as Error).message;
    if (status >= 500)
      process.stderr.write(
        `${JSON.stringify({ time: new Date().toISOString(), error: (err as Error).stack ?? String(err), path: req.originalUrl })}\n`,
      );
    if (res.headersSent) return res.end();
    if (status === 503) res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    res.status(status);
    if (wantsHtml(req)) res.type(HTML.contentType).send(renderErrorPage(status, message).value);
    else res.type('text/plain; charset=utf-8').send(`${status} ${message}\n`);
  });
  const log = options.log === false ? undefined : (options.log ?? ((l: string) => process.stdout.write(l)));
  const admission = new Admission(options.maxConcurrent ?? DEFAULT_MAX_CONCURRENT);
  const serveRequest: RequestListener = (req, res) => {
    const start = process.hrtime.bigint();
    corsHeaders(res);
    if (sendFromCache(ctx, req, res)) {
      if (log) logRequest(log, req, res, start);
      return;
    }
    if (log) res.once('finish', () => logRequest(log, req, res, start));
    admission.admit(req, res, () => void app(req, res));
  };
  const access = options.access;
  const listener: RequestListener = access ? (req, res) => serveAsCaller(access, req, res, () => serveRequest(req, res)) : serveRequest;
  return { app, listener };
}
