/**
 * The SPARQL 1.1 Protocol endpoint (mounted at /sparql): queries by GET and
 * POST, updates by POST with a bearer credential, the service description for
 * GET without a query. Every query is parsed first (syntax errors with line and
 * column, SERVICE allowlist), answered by the store in the negotiated format.
 *
 * Status codes: 400 bad query / request, 403 update without the credential,
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
import {
  HeavyQueryLimitError,
  QueryResultCapError,
  QuerySyntaxError,
  QueryTimeoutError,
  StoreRefusedError,
  StoreUnavailableError,
  type SparqlStore,
} from '../../store/types.js';
import { AccessDeniedError, currentCaller, currentRole, denied } from '../../store/access.js';
import { nestingProblem } from '../access/nesting-limit.js';
import { RDF_OFFERS, negotiate, offeredTypes, offersFor } from './formats.js';
import { inspectQuery, inspectUpdate, refusedServices, withUsingGraphs } from './inspect.js';
import { ProtocolError, readProtocolRequest } from './protocol-request.js';
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
}

export const SPARQL_DEFAULTS: SparqlEndpointConfig = {
  timeoutMs: 10_000,
  resultCap: 10_000,
  resultBytes: 8 * 1024 * 1024,
  serviceAllowlist: [],
  maxQueryBytes: 256 * 1024,
};

/** GET without query or update that prefers HTML: the query page (YASGUI), not the protocol. */
export function isQueryPageRequest(req: Request): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const params = new URL(req.originalUrl, 'http://endpoint').searchParams;
  if (params.has('query') || params.has('update')) return false;
  const html = { accept: 'text/html', mediaType: 'text/html' };
  return negotiate(req.get('accept'), [...RDF_OFFERS, html]) === html && !!req.get('accept');
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
function checkUpdateRights(req: Request, config: SparqlEndpointConfig): void {
  if (config.accessControlled) {
    const caller = currentCaller();
    if (caller && !caller.writes) throw denied(caller, 'updates need write rights');
    return;
  }
  if (!config.updateCredential) throw new ProtocolError(403, 'updates are turned off on this endpoint');
  if (!credentialMatches(req, config.updateCredential))
    throw new ProtocolError(403, 'updates need an Authorization: Bearer credential that this endpoint accepts');
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
    throw new ProtocolError(413, `the query is larger than ${config.maxQueryBytes} bytes`);
  const tooDeep = nestingProblem(text);
  if (tooDeep) throw new ProtocolError(400, tooDeep);
}

function checkServices(services: string[], config: SparqlEndpointConfig): void {
  const refused = refusedServices(services, config.serviceAllowlist);
  if (refused.length === 0) return;
  const allowed = config.serviceAllowlist.length
    ? `only these hosts are allowed: ${config.serviceAllowlist.join(', ')}`
    : 'this endpoint calls no other services';
  throw new ProtocolError(400, `SERVICE ${refused.map((s) => (s.startsWith('?') ? s : `<${s}>`)).join(', ')} refused: ${allowed}`);
}

function sendError(res: Response, e: unknown): void {
  let status = 500;
  let message = e instanceof Error ? e.message : String(e);
  let retryAfter = 1;
  if (e instanceof ProtocolError) {
    status = e.status;
    for (const [name, value] of Object.entries(e.headers)) res.setHeader(name, value);
  } else if (e instanceof QuerySyntaxError) {
    status = 400;
    const at = e.line !== undefined ? ` at line ${e.line}${e.column !== undefined ? `, column ${e.column}` : ''}` : '';
    message = `syntax error${at}: ${e.message}`;
  } else if (e instanceof AccessDeniedError) status = e.status;
  else if (e instanceof HeavyQueryLimitError) [status, retryAfter] = [503, e.retryAfterSeconds];
  else if (e instanceof QueryResultCapError) status = 422;
  else if (e instanceof QueryTimeoutError || e instanceof StoreUnavailableError) status = 503;
  else if (e instanceof StoreRefusedError) status = 502;
  else if (/not supported|not implemented/i.test(message)) status = 501;
  else message = `the store failed: ${message}`;
  if (status >= 500 && status !== 503 && status !== 501)
    process.stderr.write(`${JSON.stringify({ event: 'sparql-error', error: String(e) })}\n`);
  if (res.headersSent) return void res.end();
  if (status === 503) res.setHeader('Retry-After', String(retryAfter));
  res.status(status).type('text/plain; charset=utf-8').send(`${status} ${message}\n`);
}

export function createSparqlRouter(options: SparqlRouterOptions): express.Router {
  const { store, ...given } = options;
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
        const offer = negotiate(req.get('accept'), RDF_OFFERS);
        if (!offer) throw new ProtocolError(406, `no acceptable format; offered: ${offeredTypes(RDF_OFFERS).join(', ')}`);
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
        const offer = negotiate(req.get('accept'), offers);
        if (!offer)
          throw new ProtocolError(406, `no acceptable format for a ${inspected.form} answer; offered: ${offeredTypes(offers).join(', ')}`);
        const answer = await store.query(request.text, {
          form: inspected.form,
          mediaType: offer.mediaType,
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
        res.type(`${answer.mediaType}; charset=utf-8`).send(answer.body);
        return;
      }
      const inspected = inspectUpdate(request.text, endpoint);
      checkServices(inspected.services, config);
      if (inspected.parsed.updates.some((op) => 'type' in op && op.type === 'load'))
        throw new ProtocolError(
          501,
          'LOAD is not supported: the service fetches no data from elsewhere; publish a file with `ggm publish` (or replace the graph) instead',
        );
      if (changesNothing(inspected.parsed)) return void res.status(204).end();
      const text =
        request.usingGraphs.length || request.usingNamedGraphs.length
          ? withUsingGraphs(inspected, request.usingGraphs, request.usingNamedGraphs)
          : request.text;
      await store.update(text, { timeoutMs: config.timeoutMs, baseIri: endpoint });
      res.status(204).end();
    } catch (e) {
      sendError(res, e);
    }
  });
  return router;
}
