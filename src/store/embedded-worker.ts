/**
 * One replica of the embedded store: an Oxigraph store inside a worker thread.
 * Oxigraph calls are synchronous, so each replica runs one operation at a time;
 * the main thread (embedded.ts) keeps several replicas and terminates one whose
 * query runs past its time limit. Messages: EmbeddedRequest in, EmbeddedReply out.
 * A replica of the heavy lane (workerData.lowPriority) lowers its thread's CPU
 * priority, so heavy queries and its rebuilds yield to the shared lane.
 */
import { readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import oxigraph from 'oxigraph';
import { countSolutions } from './count-results.js';
import { sparqlGraph } from './sparql-text.js';
import type { QueryForm } from './types.js';

export type EmbeddedRequest =
  | {
      id: number;
      op: 'query';
      sparql: string;
      form: QueryForm;
      mediaType: string;
      defaultGraphs?: string[];
      namedGraphs?: string[];
      unionDefaultGraph?: boolean;
      resultCap?: number;
      resultBytes?: number;
      baseIri?: string;
    }
  | { id: number; op: 'update'; sparql: string; baseIri?: string }
  /** Write the whole store as N-Quads to a file (a snapshot that replaces the journal). */
  | { id: number; op: 'dump'; path: string }
  /** add: load the file into the graph; replace: parse it completely, then swap it in for the graph's content. */
  | {
      id: number;
      op: 'load';
      mode: 'add' | 'replace';
      path: string;
      mediaType: string;
      graph: string;
      baseIri?: string;
      budget: number;
      trusted: boolean;
    };

export interface WorkerError {
  name: string;
  message: string;
  line?: number;
  column?: number;
  /** The replica's state is no longer the journal's: replace the worker. */
  poisoned?: boolean;
  cap?: number;
  unit?: 'results' | 'bytes';
}

export type EmbeddedReply = { id: number; ok: true; body?: string; count?: number } | { id: number; ok: false; error: WorkerError };

/** Nice value of the heavy lane's threads (0 normal, 19 lowest). */
const HEAVY_LANE_NICE = 10;

if ((workerData as { lowPriority?: boolean } | null)?.lowPriority) {
  try {
    // On Linux the nice value belongs to a thread; /proc/thread-self names this worker's thread id.
    setPriority(Number(readlinkSync('/proc/thread-self').split('/').pop()), HEAVY_LANE_NICE);
  } catch {
    // Elsewhere the heavy lane runs at normal priority.
  }
}

const store = new oxigraph.Store();

function graphTerm(graph: string) {
  return graph === '' ? oxigraph.defaultGraph() : oxigraph.namedNode(graph);
}

function runQuery(request: Extract<EmbeddedRequest, { op: 'query' }>): EmbeddedReply {
  const options: Parameters<typeof store.query>[1] = request.baseIri ? { base_iri: request.baseIri } : {};
  if (request.defaultGraphs?.length) options.default_graph = request.defaultGraphs.map(graphTerm);
  if (request.namedGraphs?.length) options.named_graphs = request.namedGraphs.map((g) => oxigraph.namedNode(g));
  if (request.defaultGraphs?.length && !request.namedGraphs?.length) options.named_graphs = [];
  if (request.namedGraphs?.length && !request.defaultGraphs?.length) options.default_graph = [];
  if (request.unionDefaultGraph && !request.defaultGraphs?.length && !request.namedGraphs?.length)
    options.use_default_graph_as_union = true;
  const cap = request.resultCap;
  if (request.form === 'SELECT' || request.form === 'ASK') {
    const body = store.query(request.sparql, { ...options, results_format: request.mediaType }) as string;
    if (cap !== undefined && request.form === 'SELECT' && countSolutions(body, request.mediaType) > cap)
      return capExceeded(request.id, cap);
    return bounded(request, { id: request.id, ok: true, body });
  }
  // CONSTRUCT / DESCRIBE: the engine writes duplicates; a graph is a set, so collect the triples in a store first.
  const triples = store.query(request.sparql, { ...options, results_format: 'application/n-triples' }) as string;
  const graph = new oxigraph.Store();
  try {
    graph.load(triples, { format: 'application/n-triples', lenient: true, no_transaction: true });
    if (cap !== undefined && graph.size > cap) return capExceeded(request.id, cap);
    return bounded(request, {
      id: request.id,
      ok: true,
      body: graph.dump({ format: request.mediaType, from_graph_name: oxigraph.defaultGraph() }),
      count: graph.size,
    });
  } finally {
    (graph as unknown as { free?: () => void }).free?.();
  }
}

function capExceeded(id: number, cap: number, unit: 'results' | 'bytes' = 'results'): EmbeddedReply {
  return { id, ok: false, error: { name: 'QueryResultCapError', message: `more than ${cap} ${unit}`, cap, unit } };
}

/** The answer, unless it is larger than the byte cap. */
function bounded(request: Extract<EmbeddedRequest, { op: 'query' }>, reply: EmbeddedReply & { ok: true }): EmbeddedReply {
  const cap = request.resultBytes;
  return cap !== undefined && Buffer.byteLength(reply.body ?? '') > cap ? capExceeded(request.id, cap, 'bytes') : reply;
}

function triplesIn(graph: string): number {
  if (graph === '') return store.match(null, null, null, oxigraph.defaultGraph()).length;
  const body = store.query(`SELECT (COUNT(*) AS ?n) WHERE { GRAPH ${sparqlGraph(graph)} { ?s ?p ?o } }`, {
    results_format: 'text/tab-separated-values',
  }) as string;
  return Number(/"?(\d+)/.exec(body.split('\n')[1] ?? '')?.[1] ?? 0);
}

function budgetError(id: number, budget: number, message: string, poisoned: boolean): EmbeddedReply {
  return { id, ok: false, error: { name: 'TripleBudgetError', message, cap: budget, poisoned } };
}

function runLoad(request: Extract<EmbeddedRequest, { op: 'load' }>): EmbeddedReply {
  const data = readFileSync(request.path);
  const to_graph_name = graphTerm(request.graph);
  const base_iri = request.baseIri;
  // Replacing an empty graph is adding: a failed (transactional) load leaves nothing behind.
  if (request.mode === 'add' || (!request.trusted && triplesIn(request.graph) === 0)) {
    const before = store.size;
    store.load(data, { format: request.mediaType, base_iri, to_graph_name, lenient: request.trusted, no_transaction: request.trusted });
    const added = store.size - before;
    if (store.size > request.budget)
      return budgetError(request.id, request.budget, `loading ${added} triples would make ${store.size} triples`, true);
    return { id: request.id, ok: true, count: added };
  }
  // replace: parse everything aside first, so a syntax error or the budget leaves the old graph serving.
  let count: number;
  if (request.trusted) {
    count = -1;
  } else {
    const parsed = new oxigraph.Store();
    try {
      parsed.load(data, { format: request.mediaType, base_iri, to_graph_name, no_transaction: true });
      count = parsed.size;
    } finally {
      (parsed as unknown as { free?: () => void }).free?.();
    }
    const after = store.size - triplesIn(request.graph) + count;
    if (after > request.budget)
      return budgetError(
        request.id,
        request.budget,
        `replacing graph <${request.graph}> with ${count} triples would make ${after} triples`,
        false,
      );
  }
  if (request.graph === '') store.update('DROP SILENT DEFAULT');
  else store.update(`DROP SILENT GRAPH ${sparqlGraph(request.graph)}`);
  store.load(data, { format: request.mediaType, base_iri, to_graph_name, lenient: true, no_transaction: true });
  return { id: request.id, ok: true, count: count < 0 ? triplesIn(request.graph) : count };
}

function errorOf(e: unknown): WorkerError {
  const message = e instanceof Error ? e.message : String(e);
  const position = /at (?:line )?(\d+)[:,]? ?(?:column |between columns )?(\d+)/.exec(message);
  return { name: 'Error', message, line: position ? Number(position[1]) : undefined, column: position ? Number(position[2]) : undefined };
}

function handle(request: EmbeddedRequest): EmbeddedReply {
  try {
    switch (request.op) {
      case 'query':
        return runQuery(request);
      case 'update':
        store.update(request.sparql, request.baseIri ? { base_iri: request.baseIri } : {});
        return { id: request.id, ok: true };
      case 'load':
        return runLoad(request);
      case 'dump':
        writeFileSync(request.path, store.dump({ format: 'application/n-quads' }));
        return { id: request.id, ok: true, count: store.size };
    }
  } catch (e) {
    const error = errorOf(e);
    // A trap (out-of-bounds access, a Rust panic's `unreachable`) or a stack overflow inside the engine leaves
    // its WebAssembly instance in an undefined state: the replica must not answer again.
    if (e instanceof WebAssembly.RuntimeError || e instanceof RangeError || /memory|unreachable|stack/i.test(error.message))
      error.poisoned = true;
    if (request.op !== 'load' && /^(syntax )?error at \d+:\d+/i.test(error.message)) error.name = 'QuerySyntaxError';
    // Oxigraph names what it cannot do (SERVICE without a service handler) only in its message text.
    else if (request.op !== 'load' && /\bis not supported\b/.test(error.message)) error.name = 'StoreUnsupportedError';
    return { id: request.id, ok: false, error };
  }
}

parentPort!.on('message', (request: EmbeddedRequest) => parentPort!.postMessage(handle(request)));
