/**
 * The SPARQL 1.1 Protocol endpoint (mounted at /sparql): queries by GET and
 * POST, updates by POST with a bearer credential, the service description for
 * GET without a query. Every query is parsed first (syntax errors with line and
 * column, SERVICE allowlist), answered by the store in the negotiated format.
 *
 * Errors are thrown as GgmError (with their status) and answered by the one
 * error mapping (../error-response.ts, plain text first). Status codes: 400
 * bad query / request, 403 update without the credential,
 * 405 method, 406 no acceptable format (lists the offered types), 413 query too
 * large, 415 content type, 422 answer larger than the result cap, 501 feature
 * the store does not have, 502 the store refused the query (its error named),
 * 503 query time limit passed, store unreachable or the caller's heavy
 * queries at their limit (with Retry-After).
 *
 * Every query goes to the store as the caller's (role and address), marked
 * heavy when inspection finds it so: the embedded store runs it in its heavy lane.
 */
import { timingSafeEqual } from 'node:crypto';
import express, { type NextFunction, type Request, type Response } from 'express';
import type sparqljs from 'sparqljs';
import { GgmError } from '../../core/errors.js';
import type { Logger } from '../../core/log.js';
import { errorHandler } from '../error-response.js';
import type { SparqlStore } from '../../store/types.js';
import { currentCaller, currentRole, denied } from '../../store/access.js';
import { nestingProblem } from '../access/nesting-limit.js';
import { HTML, RDF_FORMATS, RDF_OFFERS } from '../formats.js';
import { Offers } from '../negotiate.js';
import { offersFor } from './formats.js';
import { GEOJSON, graphAsGeoJson, selectAsGeoJson } from '../geojson.js';
import { inspectQuery, inspectUpdate, refusedServices, withUsingGraphs } from './inspect.js';
import { readProtocolRequest } from './protocol-request.js';
import { serviceDescription } from './service-description.js';

export interface SparqlEndpointConfig {
  /** Time limit of one query or update (default 10 000 ms). */
  timeoutMs: number;
  /** Most solutions / triples one answer may have (default 10 000). */
  resultCap: number;
  /** Most bytes one answer may have (default 8 MiB). */
  resultBytes: number;
  /** Hosts (host[:port]) that SERVICE may call; default none. */
  serviceAllowlist: string[];
  /** Bearer credential that allows updates; undefined (default) turns updates off. */
  updateCredential?: string;
  /** Largest query or update text accepted, in bytes (default 256 KiB). */
  maxQueryBytes: number;
  /** Without a dataset in the request or query, query the union of all graphs (the service turns this on; the W3C tests off). */
  unionDefaultGraph?: boolean;
  /** The endpoint's public URL (base IRI of queries, sd:endpoint); default: taken from the request. */
  endpointUrl?: string;
  /** The store is an AccessStore: it decides who may update (by role), not updateCredential. */
  accessControlled?: boolean;
}

export interface SparqlRouterOptions extends Partial<SparqlEndpointConfig> {
  store: SparqlStore;
  /** Where store failures (5xx) are logged; default: nowhere. */
  logger?: Logger;
}

export const SPARQL_DEFAULTS: SparqlEndpointConfig = {
  timeoutMs: 10_000,
  resultCap: 10_000,
  resultBytes: 8 * 1024 * 1024,
  serviceAllowlist: [],
  maxQueryBytes: 256 * 1024,
};

/** The service description's formats, and the query page (HTML) when a client prefers it. */
const DESCRIPTION_OR_PAGE = new Offers([...RDF_FORMATS, HTML]);

/** GET without query or update that prefers HTML: the query page (YASGUI), not the protocol. */
export function isQueryPageRequest(req: Request): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const params = new URL(req.originalUrl, 'http://endpoint').searchParams;
  if (params.has('query') || params.has('update')) return false;
  return DESCRIPTION_OR_PAGE.choose(req.get('accept')) === HTML && !!req.get('accept');
}

function credentialMatches(req: Request, credential: string | undefined): boolean {
  if (!credential) return false;
  const given = /^Bearer\s+(.+)$/i.exec(req.get('authorization') ?? '')?.[1]?.trim();
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(credential);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * An update needs write rights before anything else happens (no parse, no store, no cache flush):
 * under access control the caller's role must write some graph (which graphs, the store checks);
 * otherwise the endpoint's update credential is needed.
 */
export function checkUpdateRights(req: Request, config: Pick<SparqlEndpointConfig, 'accessControlled' | 'updateCredential'>): void {
  if (config.accessControlled) {
    const caller = currentCaller();
    if (caller && !caller.writes) throw denied(caller, 'updates need write rights');
    return;
  }
  if (!config.updateCredential) throw new GgmError(403, 'updates-off', 'updates are turned off on this endpoint');
  if (!credentialMatches(req, config.updateCredential))
    throw new GgmError(403, 'forbidden', 'updates need an Authorization: Bearer credential that this endpoint accepts');
}

/** An update that changes nothing: no operations, or only INSERT DATA / DELETE DATA without quads. */
function changesNothing(update: sparqljs.Update): boolean {
  const quads = (groups: sparqljs.Quads[]) => groups.reduce((n, g) => n + g.triples.length, 0);
  return update.updates.every(
    (op) =>
      'updateType' in op &&
      ((op.updateType === 'insert' && quads(op.insert) === 0) || (op.updateType === 'delete' && quads(op.delete) === 0)),
  );
}

function checkSize(text: string, config: SparqlEndpointConfig): void {
  if (Buffer.byteLength(text) > config.maxQueryBytes)
    throw new GgmError(413, 'query-too-large', `the query is larger than ${config.maxQueryBytes} bytes`);
  const tooDeep = nestingProblem(text);
  if (tooDeep) throw new GgmError(400, 'query-too-deep', tooDeep);
}

function checkServices(services: string[], config: SparqlEndpointConfig): void {
  const refused = refusedServices(services, config.serviceAllowlist);
  if (refused.length === 0) return;
  const allowed = config.serviceAllowlist.length
    ? `only these hosts are allowed: ${config.serviceAllowlist.join(', ')}`
    : 'this endpoint calls no other services';
  throw new GgmError(
    400,
    'service-refused',
    `SERVICE ${refused.map((s) => (s.startsWith('?') ? s : `<${s}>`)).join(', ')} refused: ${allowed}`,
  );
}

export function createSparqlRouter(options: SparqlRouterOptions): express.Router {
  const { store, logger, ...given } = options;
  const config: SparqlEndpointConfig = {
    ...SPARQL_DEFAULTS,
    ...Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)),
  };
  const router = express.Router();

  router.all('/', async (req: Request, res: Response, next: NextFunction) => {
    try {
      if (isQueryPageRequest(req)) return next();
      // A direct update is refused without rights before its body is read.
      if (req.method === 'POST' && /^application\/sparql-update\b/i.test(req.get('content-type') ?? '')) checkUpdateRights(req, config);
      const request = await readProtocolRequest(req, config.maxQueryBytes);
      const endpoint = config.endpointUrl ?? `${req.protocol}://${req.get('host')}${req.baseUrl || '/sparql'}`;
      res.setHeader('Vary', 'Accept');
      if (request.kind === 'description') {
        const offer = RDF_OFFERS.choose(req.get('accept'));
        if (!offer) throw new GgmError(406, 'not-acceptable', `no acceptable format; offered: ${RDF_OFFERS.mediaTypes().join(', ')}`);
        const graphs = await store.graphs();
        const features = {
          endpoint,
          updates: !!config.updateCredential || !!config.accessControlled,
          federation: config.serviceAllowlist.length > 0,
          unionDefaultGraph: !!config.unionDefaultGraph,
          graphs,
        };
        res.type(`${offer.mediaType}; charset=utf-8`).send(serviceDescription(features, offer.mediaType));
        return;
      }
      if (request.kind === 'update') checkUpdateRights(req, config);
      checkSize(request.text, config);
      if (request.kind === 'query') {
        const inspected = inspectQuery(request.text, endpoint);
        checkServices(inspected.services, config);
        const offers = offersFor(inspected.form);
        const offer = offers.choose(req.get('accept'));
        if (!offer)
          throw new GgmError(
            406,
            'not-acceptable',
            `no acceptable format for a ${inspected.form} answer; offered: ${offers.mediaTypes().join(', ')}`,
          );
        // GeoJSON is made here from SPARQL JSON results (SELECT) or N-Triples (CONSTRUCT): ../geojson.ts
        const geoJson = offer.mediaType === GEOJSON;
        const answer = await store.query(request.text, {
          form: inspected.form,
          mediaType: geoJson
            ? inspected.form === 'SELECT'
              ? 'application/sparql-results+json'
              : 'application/n-triples'
            : offer.mediaType,
          defaultGraphs: request.defaultGraphs,
          namedGraphs: request.namedGraphs,
          unionDefaultGraph: config.unionDefaultGraph && !inspected.hasDataset,
          timeoutMs: config.timeoutMs,
          resultCap: config.resultCap,
          resultBytes: config.resultBytes,
          baseIri: endpoint,
          schedule: {
            caller: `${currentRole() ?? 'anonymous'}@${req.socket.remoteAddress ?? ''}`,
            heavy: inspected.heavy !== undefined,
            anchored: inspected.anchored,
          },
        });
        if (geoJson) {
          res
            .type(`${GEOJSON}; charset=utf-8`)
            .send(inspected.form === 'SELECT' ? selectAsGeoJson(answer.body) : graphAsGeoJson(answer.body));
          return;
        }
        res.type(`${answer.mediaType}; charset=utf-8`).send(answer.body);
        return;
      }
      const inspected = inspectUpdate(request.text, endpoint);
      checkServices(inspected.services, config);
      if (inspected.parsed.updates.some((op) => 'type' in op && op.type === 'load'))
        throw new GgmError(
          501,
          'not-implemented',
          'LOAD is not supported: the service fetches no data from elsewhere; publish a file with `ggm publish` (or replace the graph) instead',
          { expose: true },
        );
      if (changesNothing(inspected.parsed)) return void res.status(204).end();
      const text =
        request.usingGraphs.length || request.usingNamedGraphs.length
          ? withUsingGraphs(inspected, request.usingGraphs, request.usingNamedGraphs)
          : request.text;
      await store.update(text, { timeoutMs: config.timeoutMs, baseIri: endpoint });
      res.status(204).end();
    } catch (e) {
      next(e);
    }
  });
  router.use(errorHandler({ logger }, 'plain'));
  return router;
}
