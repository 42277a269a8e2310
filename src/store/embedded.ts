/**
 * The embedded store: Oxigraph (WebAssembly) in worker threads.
 *
 * Oxigraph has no query cancellation and every call blocks its thread, so the
 * store keeps a small pool of replicas (default 2), each a worker holding the
 * full data. A query goes to an idle replica (or waits in line); one that runs
 * past its time limit is stopped by terminating its worker, and a replacement
 * is rebuilt from the journal: every successful load, graph replacement and
 * update, in order, with the loaded data kept as files in a private temp
 * directory (past 64 entries the journal becomes one N-Quads snapshot).
 * Writes are serialised: one replica checks a write, then the others apply it
 * in turn while the rest keep answering; a write that fails is taken out of
 * the journal and the replicas that may hold it are rebuilt, so all replicas
 * always agree with the journal. Memory: each replica holds all the data.
 *
 * Lanes: the replicas are split into a shared lane (default 2), which answers
 * the service's own queries and callers' light queries, and a heavy lane
 * (default 1, its threads at a lower CPU priority) for callers' heavy queries
 * (inspection tells them apart, see server/sparql/inspect.ts). A caller's
 * query still running on the shared lane after `heavyAfterMs` is stopped there
 * and run again in the heavy lane with the time it has left, so heavy queries
 * never hold the shared lane for long and light ones never wait behind them.
 * Stopping costs a replacement (a journal replay), so a query is only moved
 * while no shared replica is being rebuilt, and a text that was moved and then
 * ran into the time limit goes to the heavy lane directly next time. A query
 * answered at its time limit after waiting in line may run on for up to
 * LEAST_RUN_BEFORE_STOP_MS before its replica is replaced.
 */
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { silentLogger, type Logger } from '../core/log.js';
import { HeavyQueries } from './heavy-queries.js';
import { FairShare, type FairShareOptions } from './fair-share.js';
import type { EmbeddedReply, EmbeddedRequest, WorkerError } from './embedded-worker.js';
import { queryForm } from './query-form.js';
import {
  QueryResultCapError,
  QuerySyntaxError,
  QueryTimeoutError,
  StoreUnavailableError,
  StoreUnsupportedError,
  TripleBudgetError,
  type GraphInfo,
  type QueryAnswer,
  type QueryOptions,
  type RdfMediaType,
  type SparqlStore,
  type UpdateOptions,
} from './types.js';
import { listGraphs } from './graph-list.js';
import { sparqlGraph } from './sparql-text.js';

export interface EmbeddedStoreOptions {
  /** Replicas (worker threads, each with the full data) of the shared lane; default 2. */
  workers?: number;
  /** Replicas of the heavy lane; default 1; 0: no heavy lane (every query shares the replicas). */
  heavyWorkers?: number;
  /** A caller's query still running on the shared lane after this long moves to the heavy lane; default 3000 ms. */
  heavyAfterMs?: number;
  /** Heavy queries one caller may have running or waiting at once (more: HeavyQueryLimitError); default 1. */
  heavyPerCaller?: number;
  /** Refuse loads that would make the store hold more triples than this; default 8 000 000. */
  tripleBudget?: number;
  /** Admission of callers' queries by measured cost (defaults in fair-share.ts). */
  fairShare?: Partial<FairShareOptions>;
  /** Where worker failures and lane moves are reported; default: nowhere. */
  logger?: Logger;
}

type Request = EmbeddedRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;
/** A write; `file` is the private copy of its data, removed when the write leaves the journal. */
type Write = { file?: string } & (
  | { op: 'update'; sparql: string; baseIri?: string }
  | { op: 'load'; mode: 'add' | 'replace'; path: string; mediaType: string; graph: string; baseIri?: string }
);
type JournalEntry = Write & { seq: number };

interface Pending {
  resolve: (reply: EmbeddedReply) => void;
  timer?: NodeJS.Timeout;
  /** A read (query, dump): a poisoned engine retires the replica at once. Writes are retired by write(), journal first. */
  read: boolean;
}

type Lane = 'shared' | 'heavy';

/** After `ms`, answer `error` (a time limit, or a move to the heavy lane) and stop the operation. */
interface Limit {
  ms: number;
  error: WorkerError;
  /**
   * Stop the replica only once the operation has run this long (≥ ms): until then it may finish
   * (its answer is dropped). A query that spent most of its time waiting in line is not worth a
   * replacement, and replacing replicas under load would take ever more of them out of service.
   */
  stopAtMs?: number;
}

/** The least a query may run on a replica before that replica is replaced for it. */
const LEAST_RUN_BEFORE_STOP_MS = 1000;

const timeLimit = (ms: number): Limit => ({ ms, error: { name: 'QueryTimeoutError', message: `time limit ${ms} ms` } });

/** Past this many entries the journal is replaced by a snapshot. */
const JOURNAL_LIMIT = 64;

/** Reply standing in for a replica that we terminated before it answered (its replacement replays the journal). */
const GONE: WorkerError = { name: 'ReplicaGone', message: 'replica stopped' };
/** Reply standing in for a replica whose worker died by itself (e.g. its WebAssembly heap ran out). */
const CRASHED: WorkerError = { name: 'ReplicaCrashed', message: 'the store worker died (out of memory?)', poisoned: true };
/** Reply standing in for a caller's query stopped on the shared lane to run again in the heavy lane. */
const MOVED: WorkerError = { name: 'MovedToHeavyLane', message: 'ran too long for the shared lane' };
/** Reply standing in for a caller's query taken out of the shared lane's line: its caller turned costly. */
const DEMOTED: WorkerError = { name: 'DemotedToHeavyLane', message: 'its caller used much engine time recently' };

class Replica {
  readonly worker: Worker;
  readonly pending = new Map<number, Pending>();
  dead = false;
  /** Stopped because a query poisoned its engine. */
  poisoned = false;
  /** It has replayed the journal it started with. */
  ready = false;
  replayed: Promise<void> = Promise.resolve();

  constructor(
    readonly lane: Lane,
    private readonly onExit: (replica: Replica) => void,
    onIdle: () => void,
    logger: Logger,
  ) {
    this.worker = new Worker(new URL('./embedded-worker.js', import.meta.url), { workerData: { lowPriority: lane === 'heavy' } });
    this.worker.on('message', (reply: EmbeddedReply) => {
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.pending.delete(reply.id);
      clearTimeout(p.timer);
      p.resolve(reply);
      if (!reply.ok && reply.error.poisoned && p.read) {
        logger.error({ event: 'store-replica-retired', lane, error: reply.error.message }, 'a store replica was retired');
        this.poisoned = true;
        return this.stop();
      }
      if (this.pending.size === 0) onIdle();
    });
    this.worker.on('error', (e) => {
      logger.error({ event: 'store-worker-error', err: e }, 'a store worker failed');
    });
    this.worker.on('exit', () => this.stop(CRASHED));
  }

  get idle(): boolean {
    return !this.dead && this.pending.size === 0;
  }

  send(id: number, request: Request, limit?: Limit): Promise<EmbeddedReply> {
    if (this.dead) return Promise.resolve({ id, ok: false, error: GONE });
    return new Promise((resolve) => {
      const p: Pending = { resolve, read: request.op === 'query' || request.op === 'dump' };
      if (limit)
        p.timer = setTimeout(() => {
          resolve({ id, ok: false, error: limit.error });
          const grace = (limit.stopAtMs ?? 0) - limit.ms;
          if (grace <= 0) {
            this.pending.delete(id);
            return this.stop();
          }
          p.resolve = () => undefined; // the replica stays busy until it answers or the grace is over
          p.timer = setTimeout(() => {
            this.pending.delete(id);
            this.stop();
          }, grace);
        }, limit.ms);
      this.pending.set(id, p);
      this.worker.postMessage({ ...request, id });
    });
  }

  /** Terminate the worker; everything still pending is answered with `reason`. */
  stop(reason: WorkerError = GONE): void {
    if (this.dead) return;
    this.dead = true;
    void this.worker.terminate();
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.resolve({ id, ok: false, error: reason });
    }
    this.pending.clear();
    this.onExit(this);
  }
}

interface Waiting {
  /** Start on this replica; undefined when the store closes first. */
  run: (replica: Replica | undefined) => void;
  /** Whose query it is (a caller's, through the SPARQL endpoint); undefined for the service's own. */
  caller?: string;
  /** Its cost is unknown: one at a time per caller on the shared lane (fair-share.ts). */
  unproven: boolean;
  /** Take it out of line to run in the heavy lane instead (its caller turned costly while it waited). */
  demote: () => void;
}

/** How a query takes part in fair admission (fair-share.ts). */
interface Admission {
  caller?: string;
  unproven: boolean;
}

export class EmbeddedStore implements SparqlStore {
  readonly kind = 'embedded' as const;
  readonly tripleBudget: number;
  /** Callers' queries moved from the shared lane to the heavy lane so far. */
  moved = 0;
  /** Replicas retired because a query left their engine in an undefined state. */
  retired = 0;
  private replicas: Replica[] = [];
  private readonly waiting: Record<Lane, Waiting[]> = { shared: [], heavy: [] };
  private readonly heavyLane: boolean;
  private readonly heavyAfterMs: number;
  private readonly heavy: HeavyQueries;
  /** Callers' cost, per query text and per caller; who may start what on the shared lane. */
  readonly fair: FairShare;
  private readonly journal: JournalEntry[] = [];
  private nextId = 1;
  private nextSeq = 1;
  private writes: Promise<unknown> = Promise.resolve();
  private dir?: Promise<string>;
  private closed = false;
  private readonly logger: Logger;

  constructor(options: EmbeddedStoreOptions = {}) {
    this.logger = options.logger ?? silentLogger;
    this.tripleBudget = options.tripleBudget ?? 8_000_000;
    const heavyWorkers = Math.max(0, options.heavyWorkers ?? 1);
    this.heavyLane = heavyWorkers > 0;
    this.heavyAfterMs = options.heavyAfterMs ?? 3000;
    this.heavy = new HeavyQueries(options.heavyPerCaller ?? 1);
    this.fair = new FairShare(options.fairShare);
    for (let i = 0; i < Math.max(1, options.workers ?? 2); i++) this.replicas.push(this.startReplica('shared'));
    for (let i = 0; i < heavyWorkers; i++) this.replicas.push(this.startReplica('heavy'));
  }

  /** Load a file at start-up, added to the graph ('' = default graph); relative IRIs resolve against baseIri. mediaType: any format Oxigraph reads. */
  async loadFile(path: string, mediaType: string, graph = '', baseIri?: string): Promise<number> {
    graphName(graph);
    const file = join(await this.tempDir(), `load-${this.nextSeq}-${this.nextId++}`);
    await copyFile(path, file);
    return this.write({ op: 'load', mode: 'add', path: file, mediaType, graph, baseIri, file }, path);
  }

  /** Add RDF text to a graph ('' = default graph); relative IRIs resolve against baseIri. */
  async load(data: string, mediaType: string, graph = '', baseIri?: string): Promise<number> {
    graphName(graph);
    const file = await this.saveData(data);
    return this.write({ op: 'load', mode: 'add', path: file, mediaType, graph, baseIri, file }, 'data');
  }

  async replaceGraph(graph: string, data: string, mediaType: RdfMediaType): Promise<number> {
    graphName(graph);
    const file = await this.saveData(data);
    return this.write({ op: 'load', mode: 'replace', path: file, mediaType, graph, file }, 'data');
  }

  async update(sparql: string, options: UpdateOptions): Promise<void> {
    await this.write({ op: 'update', sparql, baseIri: options.baseIri }, 'update', options.timeoutMs);
  }

  async query(sparql: string, options: QueryOptions): Promise<QueryAnswer> {
    const form = options.form ?? queryForm(sparql);
    const request: Request = {
      op: 'query',
      sparql,
      form,
      mediaType: options.mediaType,
      defaultGraphs: options.defaultGraphs,
      namedGraphs: options.namedGraphs,
      unionDefaultGraph: options.unionDefaultGraph,
      resultCap: options.resultCap,
      resultBytes: options.resultBytes,
      baseIri: options.baseIri,
    };
    const submitted = Date.now();
    const schedule = this.heavyLane ? options.schedule : undefined;
    let reply: EmbeddedReply;
    const route = !schedule
      ? undefined
      : schedule.heavy || this.heavy.isRunaway(sparql)
        ? ({ lane: 'heavy' } as const)
        : this.fair.route(schedule.caller, sparql, schedule.anchored ?? false, this.heavyAfterMs);
    if (!schedule || !route) {
      reply = await this.onIdleReplica('shared', request, options.timeoutMs, submitted, undefined, { unproven: false });
    } else if (route.lane === 'heavy') {
      reply = await this.inHeavyLane(request, schedule.caller, options.timeoutMs, submitted);
    } else {
      const admission = { caller: schedule.caller, unproven: route.unproven };
      reply = await this.onIdleReplica('shared', request, options.timeoutMs, submitted, this.heavyAfterMs, admission);
      if (!reply.ok && reply.error === DEMOTED) reply = await this.inHeavyLane(request, schedule.caller, options.timeoutMs, submitted);
      else if (!reply.ok && reply.error === MOVED) {
        this.moved++;
        this.logger.info({ event: 'query-moved-to-heavy-lane', afterMs: this.heavyAfterMs }, 'a query moved to the heavy lane');
        reply = await this.inHeavyLane(request, schedule.caller, options.timeoutMs, submitted);
        if (!reply.ok && reply.error.name === 'QueryTimeoutError') this.heavy.rememberRunaway(sparql);
      }
    }
    if (!reply.ok) throw this.toError(reply.error, options.timeoutMs);
    return { form, mediaType: options.mediaType, body: reply.body ?? '' };
  }

  /** Resolves once every replica has replayed the journal (replacements included). */
  async ready(): Promise<void> {
    while (!this.closed && this.replicas.some((r) => !r.ready)) await Promise.all(this.replicas.map((r) => r.replayed));
  }

  async graphs(): Promise<GraphInfo[]> {
    return listGraphs(this);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.writes.catch(() => undefined);
    for (const r of this.replicas) r.stop();
    this.replicas = [];
    for (const w of [...this.waiting.shared, ...this.waiting.heavy]) w.run(undefined);
    if (this.dir) await rm(await this.dir, { recursive: true, force: true });
  }

  private tempDir(): Promise<string> {
    return (this.dir ??= mkdtemp(join(tmpdir(), 'ggm-embedded-store-')));
  }

  private async saveData(data: string): Promise<string> {
    const file = join(await this.tempDir(), `data-${this.nextSeq}-${this.nextId++}`);
    await writeFile(file, data);
    return file;
  }

  private startReplica(lane: Lane): Replica {
    const replica = new Replica(
      lane,
      (r) => this.replaced(r),
      () => this.dispatch(),
      this.logger,
    );
    const replays = this.journal.map((entry) => replica.send(this.nextId++, this.trusted(entry)).then((reply) => this.replayed(reply)));
    replica.replayed = Promise.all(replays).then(() => void (replica.ready = true));
    return replica;
  }

  private trusted(entry: JournalEntry): Request {
    return entry.op === 'update'
      ? { op: 'update', sparql: entry.sparql, baseIri: entry.baseIri }
      : {
          op: 'load',
          mode: entry.mode,
          path: entry.path,
          mediaType: entry.mediaType,
          graph: entry.graph,
          baseIri: entry.baseIri,
          budget: Number.MAX_SAFE_INTEGER,
          trusted: true,
        };
  }

  private replayed(reply: EmbeddedReply): void {
    if (!reply.ok && reply.error !== GONE && reply.error !== CRASHED)
      this.logger.error({ event: 'store-replay-failed', error: reply.error.message }, 'a replica could not replay a write');
  }

  /** A replica stopped (time limit, crash or restart): put a fresh one in its place. */
  private replaced(dead: Replica): void {
    const i = this.replicas.indexOf(dead);
    if (i < 0 || this.closed) return;
    if (dead.poisoned) this.retired++;
    this.replicas[i] = this.startReplica(dead.lane);
    this.dispatch();
  }

  /** Run a caller's heavy query in the heavy lane, counted against the caller's limit (HeavyQueryLimitError past it). */
  private async inHeavyLane(request: Request, caller: string, timeoutMs: number, submitted: number): Promise<EmbeddedReply> {
    const done = this.heavy.enter(caller, timeoutMs);
    try {
      return await this.onIdleReplica('heavy', request, timeoutMs, submitted, undefined, { caller, unproven: false });
    } finally {
      done();
    }
  }

  /**
   * Run the request on the next idle replica of the lane, within what is left of
   * `timeoutMs` since `submitted`; with `moveAfterMs`, stop it after that long on the replica (answer MOVED).
   * A caller's query has its engine time recorded, waits its turn fairly and, when unproven, runs
   * one at a time per caller (fair-share.ts); DEMOTED when its caller turned costly while it waited.
   */
  private onIdleReplica(
    lane: Lane,
    request: Request,
    timeoutMs: number,
    submitted: number,
    moveAfterMs: number | undefined,
    admission: Admission,
  ): Promise<EmbeddedReply> {
    if (this.closed) return Promise.reject(new StoreUnavailableError('the embedded store is closed'));
    const { caller, unproven } = admission;
    const limited = caller !== undefined && unproven && lane === 'shared';
    if (limited) this.fair.wait(caller, timeoutMs); // HeavyQueryLimitError when the caller has too many waiting
    const id = this.nextId++;
    const queue = this.waiting[lane];
    return new Promise((resolve) => {
      const leaveLine = () => {
        clearTimeout(queueTimer);
        const at = queue.indexOf(waiting);
        if (at >= 0) queue.splice(at, 1);
        if (limited) this.fair.stopWaiting(caller);
      };
      const waiting: Waiting = {
        caller,
        unproven: limited,
        demote: () => {
          leaveLine();
          resolve({ id, ok: false, error: DEMOTED });
        },
        run: (replica) => {
          leaveLine();
          if (!replica)
            return resolve({ id, ok: false, error: { name: 'StoreUnavailableError', message: 'the embedded store is closed' } });
          const left = Math.max(1, timeoutMs - (Date.now() - submitted));
          const mayMove = moveAfterMs !== undefined && moveAfterMs < left && this.replicas.every((r) => r.lane !== 'shared' || r.ready);
          const limit = mayMove ? { ms: moveAfterMs, error: MOVED } : { ...timeLimit(left), stopAtMs: LEAST_RUN_BEFORE_STOP_MS };
          if (limited) this.fair.started(caller);
          const started = Date.now();
          void replica.send(id, request, limit).then((reply) => {
            const finished = reply.ok || (reply.error !== MOVED && reply.error.name !== 'QueryTimeoutError');
            if (caller !== undefined && request.op === 'query' && (reply.ok || (reply.error !== GONE && reply.error !== CRASHED)))
              this.fair.record(caller, request.sparql, Date.now() - started, finished);
            if (limited) this.fair.finished(caller);
            resolve(reply);
            if (limited) this.dispatch(); // the caller's next unproven query may start now
          });
        },
      };
      const queueTimer = setTimeout(
        () => {
          leaveLine();
          resolve({ id, ok: false, error: { name: 'QueryTimeoutError', message: 'waited too long for a free replica' } });
        },
        Math.max(1, timeoutMs - (Date.now() - submitted)),
      );
      queue.push(waiting);
      this.dispatch();
    });
  }

  /**
   * The next query of a lane's line: the service's own first (in order), then the caller with
   * the least recent cost; on the shared lane skipping unproven queries of a caller that has one
   * running, and demoting those of a caller that turned costly.
   */
  private next(lane: Lane): Waiting | undefined {
    let best: Waiting | undefined;
    let bestCost = Infinity;
    const demoted: Waiting[] = [];
    for (const w of this.waiting[lane]) {
      if (w.caller === undefined) {
        best = w;
        break;
      }
      if (w.unproven && this.fair.isCostly(w.caller)) {
        demoted.push(w);
        continue;
      }
      if (w.unproven && !this.fair.mayStart(w.caller)) continue;
      const cost = this.fair.cost(w.caller);
      if (cost < bestCost) [best, bestCost] = [w, cost];
    }
    for (const w of demoted) w.demote();
    return best;
  }

  private dispatch(): void {
    for (const lane of ['shared', 'heavy'] as const) {
      while (this.waiting[lane].length > 0) {
        const replica = this.replicas.find((r) => r.lane === lane && r.idle);
        if (!replica) break;
        const next = this.next(lane);
        if (!next) break;
        next.run(replica);
      }
    }
  }

  /**
   * Apply a write to every replica, journal-first, serialised with other
   * writes. One replica checks it (parse, triple budget, time limit); the
   * others then apply it one after another as trusted, so the rest keep
   * answering queries (from the old state) meanwhile. Replicas started during
   * the write replay it from the journal.
   */
  private write(entry: Write, source: string, timeoutMs?: number): Promise<number> {
    const run = async (): Promise<number> => {
      if (this.closed) throw new StoreUnavailableError('the embedded store is closed');
      const journaled = { ...entry, seq: this.nextSeq++ } as JournalEntry;
      this.journal.push(journaled);
      const trusted = this.trusted(journaled);
      const checked: Request = trusted.op === 'load' ? { ...trusted, budget: this.tripleBudget, trusted: false } : trusted;
      const targets = [...this.replicas];
      let first: Replica | undefined;
      let reply: EmbeddedReply = { id: 0, ok: false, error: GONE };
      // Check it on an idle replica, of the shared lane if one is (the heavy lane's threads run at a lower priority).
      const preference = (r: Replica) => 2 * Number(r.idle) + Number(r.lane === 'shared');
      for (const candidate of [...targets].sort((a, b) => preference(b) - preference(a))) {
        if (candidate.dead) continue;
        first = candidate;
        reply = await candidate.send(this.nextId++, checked, timeoutMs === undefined ? undefined : timeLimit(timeoutMs));
        if (reply.ok || reply.error !== GONE) break;
      }
      if (!reply.ok) {
        // Take it out of the journal; rebuild every replica that may hold it.
        this.journal.splice(this.journal.indexOf(journaled), 1);
        if (journaled.file) await rm(journaled.file, { force: true });
        const clean = !reply.error.poisoned && reply.error.name !== 'QueryTimeoutError';
        for (const replica of [...this.replicas]) if (!targets.includes(replica) || (replica === first && !clean)) replica.stop();
        this.dispatch();
        throw this.toError(reply.error, timeoutMs ?? 0, source);
      }
      for (const replica of targets) {
        if (replica === first || replica.dead) continue;
        const applied = await replica.send(this.nextId++, trusted, timeoutMs === undefined ? undefined : timeLimit(timeoutMs));
        if (!applied.ok && applied.error !== GONE) replica.stop(); // its replacement replays the journal
      }
      this.dispatch();
      if (journaled.op === 'load' && journaled.mode === 'replace') this.compact(journaled);
      if (this.journal.length > JOURNAL_LIMIT) await this.snapshot();
      return reply.count ?? 0;
    };
    const result = this.writes.then(run, run);
    this.writes = result.catch(() => undefined);
    return result;
  }

  /** Replace the journal by one N-Quads dump of a replica, so a rebuild replays one file (runs inside the write chain). */
  private async snapshot(): Promise<void> {
    const replica = this.replicas.find((r) => r.idle) ?? this.replicas.find((r) => !r.dead);
    if (!replica) return;
    const file = join(await this.tempDir(), `snapshot-${this.nextSeq}-${this.nextId++}.nq`);
    const reply = await replica.send(this.nextId++, { op: 'dump', path: file });
    if (!reply.ok) {
      await rm(file, { force: true });
      return;
    }
    const old = this.journal.splice(0, this.journal.length, {
      op: 'load',
      mode: 'add',
      path: file,
      mediaType: 'application/n-quads',
      graph: '',
      file,
      seq: this.nextSeq++,
    });
    for (const e of old) if (e.file) await rm(e.file, { force: true });
  }

  /** After replacing graph G: earlier loads into G no longer matter (unless an update may have read them). */
  private compact(latest: JournalEntry & { op: 'load' }): void {
    if (this.journal.some((e) => e.op === 'update')) return;
    for (let i = this.journal.length - 1; i >= 0; i--) {
      const e = this.journal[i];
      if (e !== latest && e.op === 'load' && e.graph === latest.graph && e.seq < latest.seq) {
        this.journal.splice(i, 1);
        if (e.file) void rm(e.file, { force: true });
      }
    }
  }

  private toError(error: WorkerError, timeoutMs: number, source = 'query'): Error {
    switch (error.name) {
      case 'QueryTimeoutError':
        return new QueryTimeoutError(timeoutMs);
      case 'QueryResultCapError':
        return new QueryResultCapError(error.cap ?? 0, error.unit);
      case 'QuerySyntaxError':
        return new QuerySyntaxError(error.message, error.line, error.column);
      case 'TripleBudgetError':
        return new TripleBudgetError(error.cap ?? this.tripleBudget, error.message);
      case 'ReplicaCrashed':
        if (source !== 'query')
          return new TripleBudgetError(
            this.tripleBudget,
            `the store worker died during ${source === 'update' ? 'an update' : `the load of ${source}`} (out of memory?)`,
          );
        return new StoreUnavailableError(`the embedded store stopped while answering: ${error.message}`);
      case 'StoreUnsupportedError':
        return new StoreUnsupportedError(error.message);
      case 'StoreUnavailableError':
      case 'ReplicaGone':
        return new StoreUnavailableError(`the embedded store stopped while answering: ${error.message}`);
      default:
        if (error.poisoned && source === 'query')
          return new StoreUnavailableError(
            `the query engine failed on this query (${error.message}), so the replica that ran it was replaced; ` +
              'a query this large or deeply nested cannot be answered',
          );
        if (error.poisoned) return new TripleBudgetError(this.tripleBudget, `the store ran out of memory (${error.message})`);
        return new Error(`${source}: ${error.message}`);
    }
  }
}

/** A graph to write to: '' (the default graph) or an absolute IRI; InvalidIriError before anything is written. */
function graphName(graph: string): string {
  return graph === '' ? graph : sparqlGraph(graph).slice(1, -1);
}
