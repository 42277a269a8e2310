/**
 * The linked-data service as an express app: home page, dereferencing of
 * /def/…, /id/… (303) and /doc/…, the JSON-LD context, VoID, search, the
 * SPARQL query page and — when it is there — the SPARQL protocol router.
 */
import type { RequestListener } from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { GgmError, NotFoundError } from '../core/errors.js';
import { silentLogger, type Logger } from '../core/log.js';
import { iriConfig, type IriConfig } from '../iri/index.js';
import type { SparqlStore } from '../store/types.js';
import { documentHandler, idRedirectHandler, normaliseUnreserved, seeOtherHandler, sendFromCache } from './dereference.js';
import { errorHandler } from './error-response.js';
import { HTML, splitExtension } from './formats.js';
import { cors, corsHeaders, sendCacheable } from './http-headers.js';
import { assignRequestId, logWhenDone } from './request-log.js';
import { jsonldContext, servicePrefixes } from './prefixes.js';
import { ResponseCache } from './response-cache.js';
import { VersionedStore } from './versioned-store.js';
import { renderHomePage } from './pages/home-page.js';
import { SEARCH_LIMIT, renderSearchPage, suggestions } from './pages/search-page.js';
import { SearchIndex } from './views/search-index.js';
import { hrefFor } from './pages/links.js';
import { renderSparqlPage } from './pages/sparql-page.js';
import { queryLibraryRouter } from './routes/query-library.js';
import { crossDomainRouter } from './routes/cross-domain.js';
import { qualityRouter } from './routes/quality.js';
import { modelIndexRouter } from './routes/model-index.js';
import { loadQueryLibrary } from '../data/queries/library.js';
import { voidHandler } from './void.js';
import { createSparqlRouter, isQueryPageRequest, type SparqlRouterOptions } from './sparql/router.js';
import { createValidateRouter } from './validate-route.js';
import { createGraphStoreRouter } from './graph-store.js';
import type { AccessPolicy } from './access/policy.js';
import { serveAsCaller } from './access/request-caller.js';
import { Admission } from './access/admission.js';
import type { BrokenFile } from './published-graphs.js';
import { subjectForPath } from './resolve.js';
import { SpatialStore } from '../store/spatial.js';
import { loadReleases, releaseDocumentHandler } from './releases.js';

export interface AppOptions {
  store: SparqlStore;
  /**
   * The project folder the service publishes (`ggm serve --root`): reports/, alignments/, queries/,
   * and the shapes and ontology /validate checks against.
   */
  root: string;
  /** The static assets of the pages (the project's public/ folder). */
  publicDir: string;
  iri?: IriConfig;
  /** Byte budget of the response cache (default 256 MB); 0 turns it off. */
  cacheBytes?: number;
  /** Settings of the SPARQL endpoint at /sparql (time limit, result cap, update credential …). */
  /** The SPARQL endpoint; graphStoreBytes: the largest Graph Store Protocol body (/store, default 64 MiB). */
  sparql?: Omit<SparqlRouterOptions, 'store'> & { graphStoreBytes?: number };
  /** Where the access log (one line per request) and errors go; default: nowhere. */
  logger?: Logger;
  /** Access control by named graph (the store must be an AccessStore); undefined: everything public. */
  access?: AccessPolicy;
  /** Requests worked on at once (cache hits not counted); more get 503 + Retry-After (default 256). */
  maxConcurrent?: number;
  /** Published files left out at start-up: the home page lists them, their graphs answer 503 saying why. */
  brokenData?: BrokenFile[];
}

const DEFAULT_MAX_CONCURRENT = 256;

/** YASGUI's browser build, found as its package is found. */
const YASGUI_BUILD = path.join(path.dirname(createRequire(import.meta.url).resolve('@zazuko/yasgui/package.json')), 'build');

export interface Service {
  app: Express;
  /** The request listener to serve: cached documents straight from memory, everything else through the app. */
  listener: RequestListener;
}

export async function createService(options: AppOptions): Promise<Service> {
  const config = options.iri ?? iriConfig();
  const logger = options.logger ?? silentLogger;
  const root = options.root;
  const store = options.store instanceof VersionedStore ? options.store : new VersionedStore(new SpatialStore(options.store));
  const prefixes = servicePrefixes(config);
  const context = jsonldContext(config);
  const library = loadQueryLibrary(root, config.vocabBase);
  const ctx = {
    store,
    library,
    iri: config,
    prefixes,
    cache: new ResponseCache(options.cacheBytes ?? 256 * 1024 * 1024),
    serializeOptions: { prefixes, jsonldContext: prefixes },
    changedAt: () => store.changedAt,
  };
  const linkBase = { iri: config, prefixes, labels: new Map<string, string>() };
  const errors = { logger, serializeOptions: ctx.serializeOptions };

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');
  app.use(cors);
  app.use('/assets/yasgui', express.static(YASGUI_BUILD, { maxAge: '1d', index: false }));
  app.use('/assets', express.static(options.publicDir, { maxAge: '1h', index: false }));
  app.get('/favicon.ico', (_req, res) => res.sendFile(path.join(options.publicDir, 'favicon.ico'), { maxAge: '1d' }));
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
  app.use('/alignments', express.static(path.join(root, 'alignments'), textFiles));
  app.use('/reports', express.static(path.join(root, 'reports'), textFiles));

  app.get('/', async (req, res, next) => {
    try {
      sendCacheable(req, res, renderHomePage(await store.graphs(), linkBase, options.brokenData).value, HTML.contentType);
    } catch (e) {
      next(e);
    }
  });
  app.get('/def/ggm/context.jsonld', (req, res) =>
    sendCacheable(req, res, `${JSON.stringify(context, null, 2)}\n`, 'application/ld+json; charset=utf-8'),
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
      sendCacheable(req, res, renderSearchPage(q, hits, linkBase).value, HTML.contentType);
    } catch (e) {
      next(e);
    }
  });
  app.get('/zoeken/suggesties', async (req, res, next) => {
    try {
      const { hits } = await searchFor(req, 30);
      sendCacheable(req, res, JSON.stringify(suggestions(hits, (iri) => hrefFor(iri, config))), 'application/json; charset=utf-8');
    } catch (e) {
      next(e);
    }
  });
  app.get('/.well-known/void', voidHandler(ctx));
  app.use(createValidateRouter({ root, iri: config, serializeOptions: ctx.serializeOptions }));
  app.use(queryLibraryRouter({ store, iri: config, prefixes, root, library }));
  app.use(crossDomainRouter({ store, iri: config, prefixes, root, queries: library }));
  app.use(qualityRouter({ root }));
  app.use(modelIndexRouter({ store, iri: config, prefixes, search: searchIndex }));
  app.get('/sparql', (req, res, next) => {
    if (!isQueryPageRequest(req)) return next();
    sendCacheable(req, res, renderSparqlPage(prefixes, config).value, HTML.contentType, { vary: true });
  });
  const { graphStoreBytes, ...sparqlOptions } = options.sparql ?? {};
  app.use('/sparql', createSparqlRouter({ unionDefaultGraph: true, ...sparqlOptions, accessControlled: !!options.access, store, logger }));
  app.use(
    '/store',
    createGraphStoreRouter({
      store,
      updateCredential: sparqlOptions.updateCredential,
      accessControlled: !!options.access,
      maxBytes: graphStoreBytes,
      logger,
    }),
  );

  const brokenGraphs = new Map((options.brokenData ?? []).flatMap((b) => b.graphs.map((g) => [g, b] as const)));
  if (brokenGraphs.size)
    app.get(/^\/graph\/.+/, (req: Request, res: Response, next: NextFunction) => {
      const broken = brokenGraphs.get(subjectForPath(splitExtension(req.path).stem, config) ?? '');
      if (!broken) return next();
      const message = `this graph is not served: its file was left out at start-up (${broken.error})`;
      next(new GgmError(503, 'graph-not-served', message, { headers: { 'Cache-Control': 'no-store' }, expose: true }));
    });
  app.get(/^\/id\/.+/, idRedirectHandler(ctx));
  app.get(/^\/def\/ggm\/\d+\.\d+\.\d+(?:[./].*)?$/, releaseDocumentHandler(ctx, loadReleases(root, config)));
  app.get(/^\/def\/.+/, seeOtherHandler(ctx, root));
  app.get(/^\/(def|doc|graph)\/.+/, documentHandler(ctx));
  // Documents are read-only: other methods are 405 naming the allowed ones (OPTIONS is CORS's).
  app.all(/^\/(def|doc|graph|id)\/.+/, (req: Request, res: Response, next: NextFunction) => {
    if (req.method === 'OPTIONS') return next();
    const message = `${req.method} is not allowed on ${req.path}: documents are read-only (GET, HEAD); data is published with ggm publish`;
    next(new GgmError(405, 'method-not-allowed', message, { headers: { Allow: 'GET, HEAD, OPTIONS' } }));
  });

  app.use((req, _res, next) => next(new NotFoundError(`no such page: ${req.path}`)));
  app.use(errorHandler(errors));
  const admission = new Admission(options.maxConcurrent ?? DEFAULT_MAX_CONCURRENT);
  const serveRequest: RequestListener = (req, res) => {
    req.url = normaliseUnreserved(req.url ?? '/');
    assignRequestId(req, res);
    logWhenDone(logger, req, res);
    corsHeaders(res);
    if (sendFromCache(ctx, req, res)) return;
    admission.admit(req, res, () => void app(req, res));
  };
  const access = options.access;
  const listener: RequestListener = access ? (req, res) => serveAsCaller(access, req, res, () => serveRequest(req, res)) : serveRequest;
  return { app, listener };
}
