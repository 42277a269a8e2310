/**
 * One interface for every store backend: the embedded Oxigraph store (default)
 * and a remote SPARQL 1.1 endpoint (query, update, graph store protocol).
 * The server only talks to this interface.
 */

export type RdfMediaType =
  'text/turtle' | 'application/n-triples' | 'application/n-quads' | 'application/trig' | 'application/rdf+xml' | 'application/ld+json';

export type ResultsMediaType =
  'application/sparql-results+json' | 'application/sparql-results+xml' | 'text/csv' | 'text/tab-separated-values';

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

export class QueryTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`query stopped: it ran longer than the time limit of ${timeoutMs} ms`);
    this.name = 'QueryTimeoutError';
  }
}

export class QueryResultCapError extends Error {
  constructor(
    readonly cap: number,
    /** What the cap counts: solutions / triples, or bytes of the serialised answer. */
    readonly unit: 'results' | 'bytes' = 'results',
  ) {
    super(
      unit === 'bytes'
        ? `query stopped: the answer is larger than ${cap} bytes (the byte cap); select fewer or shorter values, or add a LIMIT`
        : `query stopped: the answer has more than ${cap} results (the result cap); add a LIMIT`,
    );
    this.name = 'QueryResultCapError';
  }
}

export class QuerySyntaxError extends Error {
  constructor(
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
    this.name = 'QuerySyntaxError';
  }
}

/** The caller already has as many heavy queries running or waiting (or queries waiting) as it may (503 + Retry-After). */
export class HeavyQueryLimitError extends Error {
  constructor(
    readonly limit: number,
    readonly retryAfterSeconds: number,
    what: 'heavy' | 'waiting' = 'heavy',
  ) {
    super(
      what === 'waiting'
        ? `this caller already has ${limit} costly queries waiting for the store; retry when they have finished`
        : `this caller already has ${limit} heavy ${limit === 1 ? 'query' : 'queries'} running or waiting; retry when ${limit === 1 ? 'it has' : 'they have'} finished`,
    );
    this.name = 'HeavyQueryLimitError';
  }
}

export class StoreUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreUnavailableError';
  }
}

/**
 * The store answered with an error (HTTP 4xx/5xx other than 502–504): it refused a query
 * our parser accepted, an update or a graph. The service answers 502 Bad Gateway with this message.
 */
export class StoreRefusedError extends Error {
  constructor(
    readonly what: 'query' | 'update' | 'graph',
    readonly storeStatus: number,
    /** The store's error text, without its URL or the query it echoes. */
    readonly storeMessage: string,
  ) {
    super(`the SPARQL store refused the ${what} (HTTP ${storeStatus}): ${storeMessage}`);
    this.name = 'StoreRefusedError';
  }
}

/** A load would take the embedded store past its triple budget (its WebAssembly heap stops at 4 GiB). */
export class TripleBudgetError extends Error {
  constructor(
    readonly budget: number,
    detail: string,
  ) {
    super(
      `load refused: ${detail}; the embedded store holds at most ${budget} triples ` +
        '(its WebAssembly heap stops at 4 GiB); use a remote SPARQL store (ggm serve --store <url>) for more data',
    );
    this.name = 'TripleBudgetError';
  }
}
