/**
 * SPARQL 1.1 Graph Store HTTP Protocol, the writing half, at /store?graph=<iri>
 * (indirect graph identification):
 *   PUT  — replace the graph with the body (atomic: the old content serves until the new is complete);
 *   POST — add the body's triples to the graph.
 * Bodies are N-Triples or Turtle, UTF-8, at most `maxBytes` (default 64 MiB,
 * `serve --store-bytes`); larger → 413 before the body is read when it is
 * declared. Write rights are those of the update endpoint (the update
 * credential, or under an access policy a role that writes the graph — the
 * AccessStore decides per graph). `ggm publish` sends a large file as POSTs
 * of chunks into a temporary graph and moves it over the target in one update,
 * so the target changes at once or not at all.
 * Reading (GET) is the SPARQL endpoint's and the /graph/ documents' task.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import { Parser, Writer } from 'n3';
import type { Logger } from 'pino';
import { GgmError } from '../core/errors.js';
import { isAbsoluteIri, sparqlGraph } from '../store/sparql-text.js';
import type { SparqlStore } from '../store/types.js';
import { errorHandler } from './error-response.js';
import { readBody } from './sparql/protocol-request.js';
import { checkUpdateRights } from './sparql/router.js';

export interface GraphStoreOptions {
  store: SparqlStore;
  /** Bearer credential that allows writing (as the update endpoint's); undefined: writing off. */
  updateCredential?: string;
  /** The store is an AccessStore: it decides who may write which graph. */
  accessControlled?: boolean;
  /** Largest body accepted, in bytes (default 64 MiB). */
  maxBytes?: number;
  /** Time limit of one write (default 10 minutes). */
  timeoutMs?: number;
  logger?: Logger;
}

export const GRAPH_STORE_DEFAULT_BYTES = 64 * 1024 * 1024;

const MEDIA_TYPES: Record<string, 'application/n-triples' | 'text/turtle'> = {
  'application/n-triples': 'application/n-triples',
  'text/plain': 'application/n-triples',
  'text/turtle': 'text/turtle',
  'application/x-turtle': 'text/turtle',
};

/** An absolute IRI that can stand between < and > in SPARQL. */
function graphParameter(req: Request): string {
  const graphs = new URL(req.originalUrl, 'http://store').searchParams.getAll('graph');
  if (graphs.length !== 1)
    throw new GgmError(400, 'bad-request', 'name exactly one graph: /store?graph=<iri> (the default graph is not written here)');
  const graph = graphs[0]!;
  if (!isAbsoluteIri(graph)) throw new GgmError(400, 'bad-request', `graph=${graph} is not an absolute IRI`);
  return graph;
}

export function createGraphStoreRouter(options: GraphStoreOptions): express.Router {
  const maxBytes = options.maxBytes ?? GRAPH_STORE_DEFAULT_BYTES;
  const timeoutMs = options.timeoutMs ?? 600_000;
  const router = express.Router();
  router.all('/', async (req: Request, res: Response, next: NextFunction) => {
    try {
      if (req.method !== 'PUT' && req.method !== 'POST')
        throw new GgmError(405, 'method-not-allowed', `${req.method} is not supported on /store: PUT or POST a graph (read with /sparql)`, {
          headers: { Allow: 'PUT, POST' },
        });
      // Rights before anything else: no body is read without them.
      checkUpdateRights(req, options);
      const graph = graphParameter(req);
      const type = (req.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      const mediaType = MEDIA_TYPES[type];
      if (!mediaType)
        throw new GgmError(415, 'unsupported-media-type', `send application/n-triples or text/turtle (got ${type || 'no Content-Type'})`);
      const body = await readBody(req, maxBytes);
      // Parsed here first: bad data is a 400 naming the line, and never reaches the store.
      const parsed = (() => {
        try {
          return new Parser({ format: mediaType, baseIRI: graph }).parse(body);
        } catch (e) {
          throw new GgmError(400, 'bad-request', `the body is not valid ${mediaType}: ${(e as Error).message}`, { expose: true });
        }
      })();
      const triples = parsed.length;
      if (req.method === 'PUT') await options.store.replaceGraph(graph, body, mediaType);
      else if (triples > 0) {
        const writer = new Writer({ format: 'N-Triples' });
        const lines = parsed.map((q) => writer.quadToString(q.subject, q.predicate, q.object)).join('');
        await options.store.update(`INSERT DATA { GRAPH ${sparqlGraph(graph)} {\n${lines}} }`, { timeoutMs });
      }
      options.logger?.info({ event: 'graph-store', method: req.method, graph, triples }, `${req.method} <${graph}>: ${triples} triples`);
      res.status(req.method === 'PUT' ? 200 : 204);
      if (req.method === 'PUT') res.type('text/plain; charset=utf-8').send(`${triples} triples in <${graph}>\n`);
      else res.end();
    } catch (e) {
      next(e);
    }
  });
  router.use(errorHandler({ logger: options.logger }, 'plain'));
  return router;
}
