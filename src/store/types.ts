/**
 * One interface for every store backend: the embedded Oxigraph store (default)
 * and a remote SPARQL 1.1 endpoint (query, update, graph store protocol).
 * The server only talks to this interface.
 */
import { GgmError } from '../core/errors.js';

export type RdfMediaType =
  'text/turtle' | 'application/n-triples' | 'application/n-quads' | 'application/trig' | 'application/rdf+xml' | 'application/ld+json';

export interface QueryOptions {
  /**
   * When no dataset is given (no defaultGraphs/namedGraphs, no FROM in the query), the default graph
   * is the union of all graphs — as Virtuoso does, and Fuseki with unionDefaultGraph. Off: the store's own default graph.
   */
  unionDefaultGraph?: boolean;
  /** default-graph-uri parameters of the SPARQL protocol. */
  defaultGraphs?: string[];
  /** named-graph-uri parameters of the SPARQL protocol. */
  namedGraphs?: string[];
  /** Media type of the serialised answer: a results type for SELECT/ASK, an RDF type for CONSTRUCT/DESCRIBE. */
  mediaType: string;
  /** Hard limit; the query is stopped and QueryTimeoutError thrown when it runs longer. */
  timeoutMs: number;
  /** Maximum number of solutions / triples returned; QueryResultCapError when exceeded. */
  resultCap?: number;
  /** Maximum size of the serialised answer in bytes (UTF-8); QueryResultCapError (unit bytes) when exceeded. */
  resultBytes?: number;
  /** Base IRI against which relative IRIs in the query resolve (the protocol's endpoint URL). */
  baseIri?: string;
  /** The query form when the caller already parsed the query (saves the store a scan). */
  form?: QueryForm;
  /**
   * A caller's own query (the SPARQL endpoint), not one the service writes itself. The embedded
   * store runs it in its heavy lane when `heavy`, moves it there when it runs too long on the
   * shared lane, and limits the heavy queries of each `caller`; other stores ignore it.
   */
  schedule?: QuerySchedule;
}

export interface QuerySchedule {
  /** Who sent it (role and address): the unit of the per-caller limit on heavy queries. */
  caller: string;
  /** Inspection found it heavy (a cartesian product, an unbounded path between variables …). */
  heavy: boolean;
  /** Inspection found it anchored (a fixed subject …): cheap by its shape, never held back (fair-share.ts). */
  anchored?: boolean;
}

export type QueryForm = 'SELECT' | 'ASK' | 'CONSTRUCT' | 'DESCRIBE';

export interface UpdateOptions {
  timeoutMs: number;
  /** Base IRI against which relative IRIs in the update resolve. */
  baseIri?: string;
}

export interface QueryAnswer {
  form: QueryForm;
  mediaType: string;
  body: string;
}

export interface GraphInfo {
  iri: string;
  triples: number;
}

export interface SparqlStore {
  readonly kind: 'embedded' | 'remote';
  /** Run a query and serialise the answer in the requested media type. */
  query(sparql: string, options: QueryOptions): Promise<QueryAnswer>;
  /** SPARQL 1.1 Update. */
  update(sparql: string, options: UpdateOptions): Promise<void>;
  /** Replace one named graph atomically with the given RDF (old content serves until the new is complete). */
  replaceGraph(graph: string, data: string, mediaType: RdfMediaType): Promise<number>;
  /** Named graphs with their triple counts. */
  graphs(): Promise<GraphInfo[]>;
  close(): Promise<void>;
}

/** Seconds a client is asked to wait before retrying a 503. */
export const RETRY_AFTER_SECONDS = 1;

export class QueryTimeoutError extends GgmError {
  constructor(readonly timeoutMs: number) {
    super(503, 'query-timeout', `query stopped: it ran longer than the time limit of ${timeoutMs} ms`, {
      headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) },
      expose: true,
    });
    this.name = 'QueryTimeoutError';
  }
}

export class QueryResultCapError extends GgmError {
  constructor(
    readonly cap: number,
    /** What the cap counts: solutions / triples, or bytes of the serialised answer. */
    readonly unit: 'results' | 'bytes' = 'results',
  ) {
    super(
      422,
      'result-cap',
      unit === 'bytes'
        ? `query stopped: the answer is larger than ${cap} bytes (the byte cap); select fewer or shorter values, or add a LIMIT`
        : `query stopped: the answer has more than ${cap} results (the result cap); add a LIMIT`,
    );
    this.name = 'QueryResultCapError';
  }
}

/** A query or update that does not parse; the message names line and column where known. */
export class QuerySyntaxError extends GgmError {
  constructor(
    /** What the parser said, without the position. */
    readonly reason: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    const at = line !== undefined ? ` at line ${line}${column !== undefined ? `, column ${column}` : ''}` : '';
    super(400, 'query-syntax', `syntax error${at}: ${reason}`);
    this.name = 'QuerySyntaxError';
  }
}

/** The store cannot do what the query asks (e.g. SERVICE in the embedded engine): 501. */
export class StoreUnsupportedError extends GgmError {
  constructor(message: string) {
    super(501, 'not-implemented', message, { expose: true });
    this.name = 'StoreUnsupportedError';
  }
}

/** The caller already has as many heavy queries running or waiting (or queries waiting) as it may (503 + Retry-After). */
export class HeavyQueryLimitError extends GgmError {
  constructor(
    readonly limit: number,
    readonly retryAfterSeconds: number,
    what: 'heavy' | 'waiting' = 'heavy',
  ) {
    super(
      503,
      'heavy-query-limit',
      what === 'waiting'
        ? `this caller already has ${limit} costly queries waiting for the store; retry when they have finished`
        : `this caller already has ${limit} heavy ${limit === 1 ? 'query' : 'queries'} running or waiting; retry when ${limit === 1 ? 'it has' : 'they have'} finished`,
      { headers: { 'Retry-After': String(retryAfterSeconds) }, expose: true },
    );
    this.name = 'HeavyQueryLimitError';
  }
}

export class StoreUnavailableError extends GgmError {
  /**
   * @param retryAfterMs the pause a remote store asked for before the same request may be
   *   sent again (its 503's Retry-After), when it named one
   */
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(503, 'store-unavailable', message, { headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) }, expose: true });
    this.name = 'StoreUnavailableError';
  }
}

/**
 * The store answered with an error (HTTP 4xx/5xx other than 502–504): it refused a query
 * our parser accepted, an update or a graph. The service answers 502 Bad Gateway with this message.
 */
export class StoreRefusedError extends GgmError {
  constructor(
    readonly what: 'query' | 'update' | 'graph',
    readonly storeStatus: number,
    /** The store's error text, without its URL or the query it echoes. */
    readonly storeMessage: string,
  ) {
    super(502, 'store-refused', `the SPARQL store refused the ${what} (HTTP ${storeStatus}): ${storeMessage}`, { expose: true });
    this.name = 'StoreRefusedError';
  }
}

/** A load would take the embedded store past its triple budget (its WebAssembly heap stops at 4 GiB). */
export class TripleBudgetError extends GgmError {
  constructor(
    readonly budget: number,
    detail: string,
  ) {
    super(
      500,
      'triple-budget',
      `load refused: ${detail}; the embedded store holds at most ${budget} triples ` +
        '(its WebAssembly heap stops at 4 GiB); use a remote SPARQL store (ggm serve --store <url>) for more data',
      { expose: true },
    );
    this.name = 'TripleBudgetError';
  }
}
