/**
 * A remote SPARQL 1.1 endpoint (Virtuoso, Fuseki, GraphDB, Oxigraph server …)
 * as a store: SPARQL Protocol queries and updates, graph replacement by the
 * Graph Store Protocol (PUT) or, without one, by loading a temporary graph in
 * INSERT DATA chunks and MOVE-ing it over the target in one update.
 * Time limits via AbortController; a connection that cannot be made within
 * connectTimeoutMs (default 1 s) is a StoreUnavailableError; an error answer
 * of the store is a StoreRefusedError (its message without the store's URL or
 * the query it echoes).
 * A store that does not keep geo:wktLiteral as written (Virtuoso 7) gets them
 * under a private datatype, translated back in every answer (stored-wkt.ts);
 * a read-only probe query on first use tells.
 */
import oxigraph from 'oxigraph';
import type { Quad } from '@rdfjs/types';
import { Writer as N3Writer } from 'n3';
import { subjectGroups } from '../data/validate/subject-groups.js';
import { Agent, fetch, type RequestInit, type Response } from 'undici';
import { countLines, countSolutions } from './count-results.js';
import { queryForm } from './query-form.js';
import {
  QueryResultCapError,
  QueryTimeoutError,
  StoreRefusedError,
  StoreUnavailableError,
  type GraphInfo,
  type QueryAnswer,
  type QueryOptions,
  type RdfMediaType,
  type SparqlStore,
  type UpdateOptions,
} from './types.js';
import { listGraphs } from './graph-list.js';
import { sparqlGraph, sparqlIri } from './sparql-text.js';
import { PROBE_QUERY, fromStored, probeKeepsWkt, storedObject, toStored } from './stored-wkt.js';

export type RemoteCredential = { bearer: string } | { username: string; password: string };

export interface RemoteStoreOptions {
  queryUrl: string;
  /** Update endpoint; default the query URL. */
  updateUrl?: string;
  /** Graph Store Protocol endpoint (…?graph=<iri>); without it graphs are replaced by SPARQL Update. */
  graphStoreUrl?: string;
  credential?: RemoteCredential;
  /** Give up connecting after this long (default 1000 ms). */
  connectTimeoutMs?: number;
  /** Time limit of a graph replacement (default 10 minutes). */
  loadTimeoutMs?: number;
  /** Triples per INSERT DATA request when there is no Graph Store Protocol (default 10 000). */
  insertChunkTriples?: number;
  /**
   * How geo:wktLiteral values are stored: 'as-is', or 'private-datatype' (for a store that
   * does not keep them as written; see stored-wkt.ts). Default: a probe query on first use decides.
   */
  wktLiterals?: 'as-is' | 'private-datatype';
}

const UNREACHABLE =
  /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|EHOSTUNREACH|ENETUNREACH|EPIPE|UND_ERR_CONNECT_TIMEOUT|UND_ERR_SOCKET|UND_ERR_CLOSED/;

export class RemoteStore implements SparqlStore {
  readonly kind = 'remote' as const;
  private readonly agent: Agent;
  /** Graph Store Protocol PUTs on fresh connections: Virtuoso 7 drops a connection kept alive after a large PUT (EPIPE on the next). */
  private readonly loadAgent: Agent;
  private readonly updateUrl: string;
  private wktProbe?: Promise<boolean>;
  /** Until then, queries go to the remote store one at a time: it turned one away for now (503 + Retry-After). */
  private oneAtATimeUntil = 0;
  /** The end of the line of queries sent one at a time. */
  private line: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: RemoteStoreOptions) {
    this.updateUrl = options.updateUrl ?? options.queryUrl;
    this.agent = new Agent({ connect: { timeout: options.connectTimeoutMs ?? 1000 }, keepAliveTimeout: 10_000 });
    this.loadAgent = new Agent({ connect: { timeout: options.connectTimeoutMs ?? 1000 }, pipelining: 0 });
  }

  async query(sparql: string, options: QueryOptions): Promise<QueryAnswer> {
    const form = options.form ?? queryForm(sparql);
    const graphForm = form === 'CONSTRUCT' || form === 'DESCRIBE';
    const capped = options.resultCap !== undefined;
    const storedWkt = await this.storesWktPrivately(options.timeoutMs);
    // A capped graph answer is fetched as N-Triples (countable by lines), then rewritten;
    // so is every graph answer with private WKT datatypes (other writers abbreviate the datatype IRI).
    const fetchType = graphForm && (capped || storedWkt) ? 'application/n-triples' : options.mediaType;
    const withBase = options.baseIri ? `BASE ${sparqlIri(options.baseIri)}\n${sparql}` : sparql;
    const body = new URLSearchParams({ query: storedWkt ? toStored(withBase) : withBase });
    for (const g of options.defaultGraphs ?? []) body.append('default-graph-uri', g);
    for (const g of options.namedGraphs ?? []) body.append('named-graph-uri', g);
    let text = await this.send(this.options.queryUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: fetchType },
      body: body.toString(),
      timeoutMs: options.timeoutMs,
      what: 'query',
      resultBytes: options.resultBytes,
    });
    if (storedWkt) text = fromStored(text);
    if (capped && form === 'SELECT' && countSolutions(text, options.mediaType) > options.resultCap!)
      throw new QueryResultCapError(options.resultCap!);
    if (graphForm && capped && countLines(text) > options.resultCap!) throw new QueryResultCapError(options.resultCap!);
    if (graphForm && options.mediaType !== fetchType) text = convert(text, fetchType, options.mediaType);
    if (form === 'ASK') text = standardAsk(text, options.mediaType);
    if (options.resultBytes !== undefined && Buffer.byteLength(text) > options.resultBytes)
      throw new QueryResultCapError(options.resultBytes, 'bytes');
    return { form, mediaType: options.mediaType, body: text };
  }

  async update(sparql: string, options: UpdateOptions): Promise<void> {
    const text = options.baseIri ? `BASE ${sparqlIri(options.baseIri)}\n${sparql}` : sparql;
    await this.sendUpdate((await this.storesWktPrivately(options.timeoutMs)) ? toStored(text) : text, options.timeoutMs);
  }

  private async sendUpdate(text: string, timeoutMs: number): Promise<void> {
    await this.send(this.updateUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/sparql-update' },
      body: text,
      timeoutMs,
      what: 'update',
    });
  }

  /** Whether geo:wktLiteral values go into the store under the private datatype (probed once; a failed probe is retried). */
  private storesWktPrivately(timeoutMs: number): Promise<boolean> {
    if (this.options.wktLiterals) return Promise.resolve(this.options.wktLiterals === 'private-datatype');
    this.wktProbe ??= this.send(this.options.queryUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/sparql-results+json' },
      body: new URLSearchParams({ query: PROBE_QUERY }).toString(),
      timeoutMs,
      what: 'query',
    }).then(
      (json) => !probeKeepsWkt(json),
      (e: unknown) => {
        if (e instanceof StoreRefusedError) return true; // Virtuoso refuses the literal itself
        this.wktProbe = undefined;
        throw e;
      },
    );
    return this.wktProbe;
  }

  async replaceGraph(graph: string, data: string, mediaType: RdfMediaType): Promise<number> {
    try {
      return await this.replaceGraphAs(graph, data, mediaType);
    } catch (e) {
      // A refusal names the graph asked for (the update path writes a temporary graph first).
      if (e instanceof StoreRefusedError && (e.storeStatus === 401 || e.storeStatus === 403))
        throw new StoreRefusedError('graph', e.storeStatus, `replacing graph <${graph}> was refused: ${e.storeMessage}`);
      throw e;
    }
  }

  private async replaceGraphAs(graph: string, data: string, mediaType: RdfMediaType): Promise<number> {
    const target = sparqlGraph(graph); // a graph name that is no IRI is refused before anything is sent
    // Parse here first: bad data never reaches the remote graph.
    const timeoutMs = this.options.loadTimeoutMs ?? 600_000;
    const quads = parse(data, mediaType, graph, await this.storesWktPrivately(timeoutMs));
    if (this.options.graphStoreUrl) {
      const url = new URL(this.options.graphStoreUrl);
      url.searchParams.set('graph', graph);
      await this.send(url.toString(), {
        method: 'PUT',
        headers: { 'content-type': 'application/n-triples' },
        body: quads.map((q) => `${q} .\n`).join(''),
        timeoutMs,
        what: 'graph',
      });
      return quads.length;
    }
    const temporary = sparqlGraph(`${graph}#ggm-load-${Date.now()}-${Math.random().toString(36).slice(2)}`);
    try {
      await this.sendUpdate(`DROP SILENT GRAPH ${temporary}`, timeoutMs);
      for (const chunk of chunks(quads, this.options.insertChunkTriples ?? 10_000))
        await this.sendUpdate(`INSERT DATA { GRAPH ${temporary} {\n${chunk.join(' .\n')} .\n} }`, timeoutMs);
      await this.sendUpdate(`DROP SILENT GRAPH ${target} ;\nMOVE SILENT GRAPH ${temporary} TO ${target}`, timeoutMs);
    } catch (e) {
      await this.sendUpdate(`DROP SILENT GRAPH ${temporary}`, timeoutMs).catch(() => undefined);
      throw e;
    }
    return quads.length;
  }

  /**
   * Replaces a graph with a stream of quads of any size, atomically: chunks of
   * at most `chunkBytes` bytes of N-Triples go into a temporary graph (Graph
   * Store Protocol POST when there is a graph store URL, else INSERT DATA),
   * which one update then moves over the target; a failure drops the temporary
   * graph and leaves the target as it was. The quads are grouped by subject
   * first, so a blank node structure never spans two chunks.
   */
  async publishGraph(
    graph: string,
    quads: AsyncIterable<Quad> | Iterable<Quad>,
    options: { chunkBytes: number; onProgress?: (sent: { triples: number; bytes: number; chunks: number }) => void },
  ): Promise<number> {
    const timeoutMs = this.options.loadTimeoutMs ?? 600_000;
    const storedWkt = await this.storesWktPrivately(timeoutMs);
    const target = sparqlGraph(graph); // a graph name that is no IRI is refused before anything is sent
    const temporaryIri = `${graph}#ggm-load-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    const temporary = sparqlGraph(temporaryIri);
    const sent = { triples: 0, bytes: 0, chunks: 0 };
    const writer = new N3Writer({ format: 'N-Triples' });
    const send = async (lines: string[], bytes: number) => {
      const body = lines.join('');
      if (this.options.graphStoreUrl) {
        const url = new URL(this.options.graphStoreUrl);
        url.searchParams.set('graph', temporaryIri);
        await this.send(url.toString(), {
          method: 'POST',
          headers: { 'content-type': 'application/n-triples' },
          body,
          timeoutMs,
          what: 'graph',
        });
      } else await this.sendUpdate(`INSERT DATA { GRAPH ${temporary} {\n${body}} }`, timeoutMs);
      sent.triples += lines.length;
      sent.bytes += bytes;
      sent.chunks++;
      options.onProgress?.({ ...sent });
    };
    try {
      await this.sendUpdate(`DROP SILENT GRAPH ${temporary}`, timeoutMs);
      let lines: string[] = [];
      let bytes = 0;
      for await (const group of subjectGroups(quads)) {
        const groupLines = group.map((q) => {
          const line = writer.quadToString(q.subject, q.predicate, q.object);
          return storedWkt ? `${storedObject(line.slice(0, -3))} .\n` : line;
        });
        const groupBytes = groupLines.reduce((n, l) => n + Buffer.byteLength(l), 0);
        if (lines.length > 0 && bytes + groupBytes > options.chunkBytes) {
          await send(lines, bytes);
          lines = [];
          bytes = 0;
        }
        lines.push(...groupLines);
        bytes += groupBytes;
      }
      if (lines.length > 0) await send(lines, bytes);
      await this.sendUpdate(`DROP SILENT GRAPH ${target} ;\nMOVE SILENT GRAPH ${temporary} TO ${target}`, timeoutMs);
    } catch (e) {
      await this.sendUpdate(`DROP SILENT GRAPH ${temporary}`, timeoutMs).catch(() => undefined);
      if (e instanceof StoreRefusedError && (e.storeStatus === 401 || e.storeStatus === 403))
        throw new StoreRefusedError('graph', e.storeStatus, `replacing graph <${graph}> was refused: ${e.storeMessage}`);
      throw e;
    }
    return sent.triples;
  }

  async graphs(): Promise<GraphInfo[]> {
    return listGraphs(this);
  }

  async close(): Promise<void> {
    await Promise.all([this.agent.close(), this.loadAgent.close()]);
  }

  private authorization(): Record<string, string> {
    const c = this.options.credential;
    if (!c) return {};
    if ('bearer' in c) return { authorization: `Bearer ${c.bearer}` };
    return { authorization: `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}` };
  }

  /**
   * One HTTP exchange, answered with the response body; failures become the store's error types.
   * A query the remote store turns away for now (503 with Retry-After, as a GGM service's fair
   * admission does when this service, one caller there, has a heavy query in flight) is asked
   * again after the pause it names, while the query's time allows; updates are never repeated.
   * After such a refusal this service sends its queries one at a time for a while (they wait in
   * line here, within their own time limit), so that a page's parallel queries do not keep
   * turning each other away there.
   */
  private async send(url: string, init: SendInit): Promise<string> {
    const deadline = Date.now() + init.timeoutMs;
    for (let attempt = 0; ; attempt++) {
      try {
        const exchange = () => {
          const left = deadline - Date.now();
          if (left <= 0) throw new QueryTimeoutError(init.timeoutMs);
          return this.sendOnce(url, { ...init, timeoutMs: left });
        };
        if (init.what !== 'query' || Date.now() >= this.oneAtATimeUntil) return await exchange();
        const turn = this.line.then(exchange, exchange);
        this.line = turn.catch(() => undefined);
        return await turn;
      } catch (e) {
        const pause = e instanceof StoreUnavailableError ? e.retryAfterMs : undefined;
        if (init.what !== 'query' || pause === undefined || attempt >= MAX_QUERY_RETRIES || Date.now() + pause >= deadline) throw e;
        this.oneAtATimeUntil = Date.now() + ONE_AT_A_TIME_MS;
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
    }
  }

  private async sendOnce(url: string, init: SendInit): Promise<string> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), init.timeoutMs);
    let response: Response;
    let text: string;
    try {
      const dispatcher = init.method === 'PUT' ? this.loadAgent : this.agent;
      response = await fetch(url, {
        ...init,
        headers: { ...init.headers, ...this.authorization() },
        signal: controller.signal,
        dispatcher,
      });
      text = init.resultBytes === undefined ? await response.text() : await cappedText(response, init.resultBytes, controller);
    } catch (e) {
      if (e instanceof QueryResultCapError) throw e;
      if (controller.signal.aborted) throw new QueryTimeoutError(init.timeoutMs);
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      const code = cause?.code ?? (e as Error).message;
      if (UNREACHABLE.test(code) || e instanceof TypeError)
        throw new StoreUnavailableError(`remote SPARQL store ${safeUrl(url)} unreachable: ${cause?.message ?? code}`);
      throw e;
    } finally {
      clearTimeout(timer);
    }
    if (response.ok) return text;
    const message = storeErrorText(text);
    if (response.status === 502 || response.status === 503 || response.status === 504)
      throw new StoreUnavailableError(
        `remote SPARQL store ${safeUrl(url)} answered ${response.status}: ${message}`,
        response.status === 503 ? retryAfterMs(response.headers.get('retry-after')) : undefined,
      );
    throw new StoreRefusedError(init.what, response.status, message);
  }
}

/** What one exchange with the remote store is given. */
type SendInit = Omit<RequestInit, 'signal' | 'dispatcher'> & {
  timeoutMs: number;
  headers: Record<string, string>;
  what: 'query' | 'update' | 'graph';
  /** The byte cap of the answer: the download stops (QueryResultCapError) well past it, as the answer may still shrink when rewritten. */
  resultBytes?: number;
};

/** How often a query turned away with 503 + Retry-After is asked again at most (its time limit usually ends it first). */
const MAX_QUERY_RETRIES = 20;
/** How long queries go one at a time after the remote store turned one away for now. */
const ONE_AT_A_TIME_MS = 30_000;
/** The longest pause a Retry-After may ask for before a query is asked again (longer: the 503 stands). */
const MAX_RETRY_PAUSE_MS = 5_000;

/** A Retry-After of a few seconds as milliseconds; absent, a date or too long: undefined (not retried). */
function retryAfterMs(header: string | null): number | undefined {
  if (header === null || !/^\d+$/.test(header.trim())) return undefined;
  const ms = Number(header.trim()) * 1000;
  return ms <= MAX_RETRY_PAUSE_MS ? Math.max(ms, 50) : undefined;
}

/** Bytes of a raw answer past which the download stops: a rewritten answer (N-Triples → Turtle …) is smaller. */
const RAW_ANSWER_FACTOR = 4;

/** The body as text, or QueryResultCapError (bytes) as soon as it grows far past the byte cap (the download is stopped). */
async function cappedText(response: Response, resultBytes: number, controller: AbortController): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of (response.body ?? []) as AsyncIterable<Uint8Array>) {
    size += chunk.length;
    if (size > resultBytes * RAW_ANSWER_FACTOR) {
      controller.abort();
      throw new QueryResultCapError(resultBytes, 'bytes');
    }
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The store's URL for messages: without user info, query string or fragment (they may hold credentials). */
function safeUrl(url: string): string {
  const u = new URL(url);
  return `${u.origin}${u.pathname}`;
}

/**
 * The error text of a store's answer, fit to pass on: tags stripped (Virtuoso's Graph Store
 * Protocol answers in HTML), cut before the query Virtuoso echoes ("SPARQL query:"), one line, at most 300 characters.
 */
function storeErrorText(body: string): string {
  const text = body
    .replace(/<title>[\s\S]*?<\/title>/i, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .split(/SPARQL query:/)[0]!
    .replace(/\s+/g, ' ')
    .trim();
  return (text.length > 300 ? `${text.slice(0, 300)}…` : text) || 'no error text';
}

function parse(data: string, mediaType: string, graph: string, storedWkt: boolean): string[] {
  try {
    return oxigraph
      .parse(data, { format: mediaType })
      .map(
        (q) => `${q.subject.toString()} ${q.predicate.toString()} ${storedWkt ? storedObject(q.object.toString()) : q.object.toString()}`,
      );
  } catch (e) {
    throw new Error(`data for graph <${graph}> is not valid ${mediaType}: ${(e as Error).message}`);
  }
}

function convert(text: string, from: string, to: string): string {
  const store = new oxigraph.Store();
  store.load(text, { format: from, no_transaction: true });
  return store.dump({ format: to, from_graph_name: oxigraph.defaultGraph() });
}

/**
 * Triples in chunks of about `size`; triples that share a blank node stay in
 * one chunk, since a blank node means one node only within one INSERT DATA.
 */
function chunks(triples: string[], size: number): string[][] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(x, root);
    return root;
  };
  const groupOf = triples.map((t, i) => {
    const labels = t.match(/(?:^| )_:[^\s]+/g)?.map((l) => l.trim()) ?? [];
    if (labels.length === 0) return `#${i}`;
    for (const l of labels) if (!parent.has(l)) parent.set(l, l);
    for (const l of labels.slice(1)) parent.set(find(l), find(labels[0]));
    return labels[0];
  });
  const groups = new Map<string, string[]>();
  triples.forEach((t, i) => {
    const key = groupOf[i].startsWith('#') ? groupOf[i] : find(groupOf[i]);
    (groups.get(key) ?? groups.set(key, []).get(key)!).push(t);
  });
  const out: string[][] = [];
  let current: string[] = [];
  for (const group of groups.values()) {
    if (current.length > 0 && current.length + group.length > size) {
      out.push(current);
      current = [];
    }
    current.push(...group);
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** Virtuoso 7 answers ASK as a one-row SELECT of ?__ASK_RETVAL (1 or 0): rewritten to the standard boolean answer. */
function standardAsk(text: string, mediaType: string): string {
  if (!text.includes('__ASK_RETVAL')) return text;
  let answer: boolean;
  try {
    const json = JSON.parse(text) as { results?: { bindings?: Array<{ __ASK_RETVAL?: { value?: string } }> } };
    answer = json.results?.bindings?.[0]?.__ASK_RETVAL?.value === '1';
  } catch {
    answer = /<binding name="__ASK_RETVAL">\s*<literal[^>]*>1</.test(text);
  }
  if (mediaType === 'application/sparql-results+json') return `${JSON.stringify({ head: {}, boolean: answer })}\n`;
  if (mediaType === 'application/sparql-results+xml')
    return `<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head/><boolean>${answer}</boolean></sparql>\n`;
  return text;
}
