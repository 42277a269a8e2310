/**
 * Access control by named graph, as a SparqlStore decorator. The caller of the
 * request being served (set with `asCaller`, carried by AsyncLocalStorage
 * through every await of that request) decides what the store shows:
 *
 *  - queries run on a dataset forced to the graphs the caller may read: the
 *    protocol dataset (default-graph-uri / named-graph-uri, which override FROM
 *    and FROM NAMED) is always sent, intersected with what the caller may read;
 *  - graphs() lists only readable graphs (VoID, home page, service description);
 *  - updates and graph replacements need write rights on every graph they touch.
 *
 * Outside a request (loading the published files at start-up) the store is not
 * restricted.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import sparqljs from 'sparqljs';
import { GgmError } from '../core/errors.js';
import {
  QuerySyntaxError,
  type GraphInfo,
  type QueryAnswer,
  type QueryOptions,
  type RdfMediaType,
  type SparqlStore,
  type UpdateOptions,
} from './types.js';

/** Who is asking, and which graphs that role may read and write. */
export interface Caller {
  /** Role name; 'anonymous' without a credential. Part of cache keys. */
  role: string;
  canRead(graph: string): boolean;
  canWrite(graph: string): boolean;
  /** Has write rights on some graph: without them any update is refused before it is even parsed. */
  writes: boolean;
}

/** The caller lacks the rights: 401 without a credential, 403 with one. */
export class AccessDeniedError extends GgmError {
  constructor(status: 401 | 403, message: string) {
    super(status, status === 401 ? 'unauthorized' : 'forbidden', message);
    this.name = 'AccessDeniedError';
  }
}

/** A graph no store has: stands in for an empty list, so a store never falls back to "all graphs". */
export const NO_GRAPH = 'urn:x-ggm:access:no-graph';
const GRAPH_LIST_MS = 5_000;

const callers = new AsyncLocalStorage<Caller>();

/** Run `work` (and everything it awaits) as `caller`. */
export function asCaller<T>(caller: Caller, work: () => T): T {
  return callers.run(caller, work);
}

/** The role of the current request, or undefined outside a request. */
export function currentRole(): string | undefined {
  return callers.getStore()?.role;
}

/** The caller of the current request, or undefined outside a request (or without access control). */
export function currentCaller(): Caller | undefined {
  return callers.getStore();
}

interface QueryDataset {
  default: string[];
  named: string[];
  given: boolean;
}

const parser = new sparqljs.Parser();
const generator = new sparqljs.Generator();

/**
 * Some stores (Virtuoso) answer GRAPH <iri> for any graph, whatever the protocol's
 * named-graph-uri says: GRAPH <iri> on a graph the caller may not read (or outside
 * the query's dataset) becomes GRAPH <NO_GRAPH>, which is always in the dataset and
 * empty (outside the dataset Virtuoso counts one solution, and a pattern without
 * solutions would make Oxigraph drop an aggregate's row).
 * Returns undefined when the query names no such graph (then it is sent as it is).
 */
function withoutUnreadableGraphs(parsed: sparqljs.SparqlQuery, canRead: (g: string) => boolean): string | undefined {
  let changed = false;
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const n = node as { type?: string; name?: { termType?: string; value: string }; patterns?: unknown[] };
    if (n.type === 'graph' && n.name?.termType === 'NamedNode' && !canRead(n.name.value)) {
      n.name = { termType: 'NamedNode', value: NO_GRAPH };
      changed = true;
    }
    for (const value of Object.values(node)) if (value && typeof value === 'object') visit(value);
  };
  visit(parsed);
  // The dataset goes by the protocol; Virtuoso would let FROM / FROM NAMED in the text win over it.
  if ('from' in parsed && parsed.from) {
    delete parsed.from;
    changed = true;
  }
  if (!changed) return undefined;
  delete (parsed as { base?: string }).base; // IRIs are resolved already; some stores refuse a second BASE
  return generator.stringify(parsed);
}

/** The parsed query; one that does not parse is refused (the dataset it would read cannot be known). */
function parseQuery(sparql: string, baseIri: string | undefined): sparqljs.SparqlQuery {
  try {
    return (baseIri ? new sparqljs.Parser({ baseIRI: baseIri }) : parser).parse(sparql) as sparqljs.SparqlQuery;
  } catch (e) {
    throw new QuerySyntaxError((e as Error).message.split('\n')[0] ?? 'syntax error');
  }
}

/** FROM / FROM NAMED of a query; given=false when it names none. */
function queryDataset(parsed: sparqljs.SparqlQuery): QueryDataset {
  const from = 'from' in parsed ? parsed.from : undefined;
  const d = (from?.default ?? []).map((t) => t.value);
  const n = (from?.named ?? []).map((t) => t.value);
  return { default: d, named: n, given: d.length + n.length > 0 };
}

type GraphTarget = { graph: string } | { every: true };

/** Every graph an update writes, and whether it reads through a WHERE clause. */
function updateTargets(sparql: string, baseIri: string | undefined): { writes: GraphTarget[]; reads: GraphTarget[] } {
  const parsed = new sparqljs.Parser({ baseIRI: baseIri }).parse(sparql) as sparqljs.Update;
  const writes: GraphTarget[] = [];
  const reads: GraphTarget[] = [];
  const of = (
    g: { type?: string; name?: { value: string }; default?: boolean; named?: boolean; all?: boolean } | undefined,
  ): GraphTarget => (g?.name ? { graph: g.name.value } : { every: true });
  for (const op of parsed.updates) {
    if ('updateType' in op) {
      const withGraph = op.graph ? (op.graph as { value?: string; name?: { value: string } }) : undefined;
      const withIri = withGraph?.name?.value ?? withGraph?.value;
      const templates = op as { insert?: sparqljs.Quads[]; delete?: sparqljs.Quads[] };
      for (const group of [...(templates.insert ?? []), ...(templates.delete ?? [])]) {
        if (group.type === 'graph' && group.name.termType === 'NamedNode') writes.push({ graph: group.name.value });
        else writes.push(withIri ? { graph: withIri } : { every: true });
      }
      if ('where' in op && op.where?.length) reads.push({ every: true });
      if (op.updateType === 'deletewhere') reads.push({ every: true });
    } else {
      const management = op as {
        type: string;
        source?: sparqljs.GraphOrDefault;
        destination?: sparqljs.GraphOrDefault;
        graph?: sparqljs.GraphReference;
      };
      if (management.type === 'load') writes.push(of(management.destination as never));
      else if (management.type === 'clear' || management.type === 'drop' || management.type === 'create')
        writes.push(of(management.graph as never));
      else {
        writes.push(of(management.destination as never));
        reads.push(of(management.source as never));
        if (management.type === 'move') writes.push(of(management.source as never));
      }
    }
  }
  return { writes, reads };
}

export class AccessStore implements SparqlStore {
  private graphList?: { at: number; iris: Promise<string[]> };

  constructor(readonly inner: SparqlStore) {}

  get kind(): SparqlStore['kind'] {
    return this.inner.kind;
  }

  /** Graph IRIs of the store, remembered a few seconds (each query needs them). */
  private graphIris(): Promise<string[]> {
    if (!this.graphList || Date.now() - this.graphList.at > GRAPH_LIST_MS) {
      const iris = this.inner.graphs().then((gs) => gs.map((g) => g.iri));
      this.graphList = { at: Date.now(), iris };
      iris.catch(() => (this.graphList = undefined));
    }
    return this.graphList.iris;
  }

  async query(sparql: string, options: QueryOptions): Promise<QueryAnswer> {
    const caller = callers.getStore();
    if (!caller) return this.inner.query(sparql, options);
    const all = await this.graphIris();
    const readable = all.filter((g) => caller.canRead(g));
    // A caller who may read every graph there is gets the query as asked (dataset lists slow some stores down).
    if (readable.length === all.length) return this.inner.query(sparql, options);
    const protocolGiven = !!(options.defaultGraphs?.length || options.namedGraphs?.length);
    const parsed = parseQuery(sparql, options.baseIri);
    const fromQuery = protocolGiven ? undefined : queryDataset(parsed);
    let defaults: string[];
    let named: string[];
    if (protocolGiven) [defaults, named] = [options.defaultGraphs ?? [], options.namedGraphs ?? []];
    else if (fromQuery?.given) [defaults, named] = [fromQuery.default, fromQuery.named];
    else [defaults, named] = [options.unionDefaultGraph ? readable : [], readable];
    const allowed = (gs: string[]) => {
      const kept = gs.filter((g) => caller.canRead(g));
      return kept.length ? kept : [NO_GRAPH];
    };
    const text = withoutUnreadableGraphs(parsed, (g) => caller.canRead(g) && named.includes(g)) ?? sparql;
    const namedGraphs = [...allowed(named).filter((g) => g !== NO_GRAPH), NO_GRAPH];
    return this.inner.query(text, { ...options, unionDefaultGraph: false, defaultGraphs: allowed(defaults), namedGraphs });
  }

  async update(sparql: string, options: UpdateOptions): Promise<void> {
    const caller = callers.getStore();
    if (caller) {
      const { writes, reads } = updateTargets(sparql, options.baseIri);
      const all = await this.graphIris();
      const may = (t: GraphTarget, right: (g: string) => boolean) => ('graph' in t ? right(t.graph) : all.every(right) && right(NO_GRAPH));
      const refused = writes.find((t) => !may(t, (g) => caller.canWrite(g))) ?? reads.find((t) => !may(t, (g) => caller.canRead(g)));
      if (refused) {
        const what = 'graph' in refused ? `graph <${refused.graph}>` : 'every graph (the default graph, a WHERE clause, NAMED or ALL)';
        throw denied(caller, `this update needs ${writes.includes(refused) ? 'write' : 'read'} rights on ${what}`);
      }
    }
    try {
      await this.inner.update(sparql, options);
    } finally {
      this.graphList = undefined;
    }
  }

  async replaceGraph(graph: string, data: string, mediaType: RdfMediaType): Promise<number> {
    const caller = callers.getStore();
    if (caller && !caller.canWrite(graph)) throw denied(caller, `replacing graph <${graph}> needs write rights on it`);
    try {
      return await this.inner.replaceGraph(graph, data, mediaType);
    } finally {
      this.graphList = undefined;
    }
  }

  async graphs(): Promise<GraphInfo[]> {
    const caller = callers.getStore();
    const graphs = await this.inner.graphs();
    return caller ? graphs.filter((g) => caller.canRead(g.iri)) : graphs;
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

export function denied(caller: Caller, message: string): AccessDeniedError {
  return caller.role === 'anonymous'
    ? new AccessDeniedError(401, `${message}: send a credential (Authorization: Bearer …)`)
    : new AccessDeniedError(403, `${message}; role ${caller.role} does not have them`);
}
