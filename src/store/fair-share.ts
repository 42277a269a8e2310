/**
 * Admission of callers' queries to the embedded store by measured cost, so
 * that one caller — whatever it runs — cannot take the engine time everyone
 * else needs (a cheap ASK must not wait behind two costly joins):
 *
 *  - every query's engine time is measured, per query text (the most recent
 *    texts are remembered) and per caller (a sum that halves every
 *    `halfLifeMs`, counting only queries that were not cheap);
 *  - a text known to be cheap, or a query anchored by its shape (inspection:
 *    a fixed subject …), runs on the shared lane without further limits;
 *  - any other ("unproven") query of a caller may run on the shared lane only
 *    one at a time — the caller's next ones wait — so the rest of the shared
 *    lane stays free for others; a caller may keep at most `waitingPerCaller`
 *    of them waiting;
 *  - a caller whose recent cost passed `costlyCallerMs` is demoted: its
 *    unproven queries go to the heavy lane (with its per-caller limit), also
 *    those already waiting; a text known to be costly goes there directly;
 *  - waiting queries are served fairly: the service's own first, then the
 *    caller with the least recent cost.
 */
import { HeavyQueryLimitError } from './types.js';

export interface FairShareOptions {
  /** A query that took less engine time than this is cheap (default 100 ms). */
  cheapMs: number;
  /** A caller's cost halves in this time (default 30 s). */
  halfLifeMs: number;
  /** Past this recent cost a caller's unproven queries are demoted to the heavy lane (default 2000 ms). */
  costlyCallerMs: number;
  /** Unproven queries one caller may have waiting for the shared lane (default 8). */
  waitingPerCaller: number;
  /** Query texts whose cost is remembered (default 2048). */
  rememberedTexts: number;
}

export const FAIR_SHARE_DEFAULTS: FairShareOptions = {
  cheapMs: 100,
  halfLifeMs: 30_000,
  costlyCallerMs: 2000,
  waitingPerCaller: 8,
  rememberedTexts: 2048,
};

interface CallerState {
  /** Decayed engine ms of the caller's queries that were not cheap, as of `at`. */
  cost: number;
  at: number;
  /** Unproven queries running on the shared lane, and waiting for it. */
  running: number;
  waiting: number;
}

/** How a caller's query may run, decided before it is queued. */
export type Route =
  /** Shared lane, no limit (cheap by shape or by measure). */
  | { lane: 'shared'; unproven: false }
  /** Shared lane, one at a time per caller. */
  | { lane: 'shared'; unproven: true }
  /** Heavy lane: known costly, or the caller is demoted. */
  | { lane: 'heavy'; why: 'costly-text' | 'costly-caller' };

export class FairShare {
  readonly options: FairShareOptions;
  private readonly texts = new Map<string, number>();
  private readonly callers = new Map<string, CallerState>();

  constructor(options: Partial<FairShareOptions> = {}) {
    this.options = { ...FAIR_SHARE_DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) };
  }

  private state(caller: string): CallerState {
    let s = this.callers.get(caller);
    if (!s) this.callers.set(caller, (s = { cost: 0, at: Date.now(), running: 0, waiting: 0 }));
    return s;
  }

  /** The caller's recent cost (engine ms of its queries that were not cheap, halving every halfLifeMs). */
  cost(caller: string): number {
    const s = this.callers.get(caller);
    if (!s) return 0;
    return s.cost * 0.5 ** ((Date.now() - s.at) / this.options.halfLifeMs);
  }

  /** The last measured engine time of this text, if it is remembered. */
  textCost(sparql: string): number | undefined {
    return this.texts.get(sparql);
  }

  route(caller: string, sparql: string, anchored: boolean, heavyAfterMs: number): Route {
    const known = this.texts.get(sparql);
    if (known !== undefined && known >= heavyAfterMs) return { lane: 'heavy', why: 'costly-text' };
    if (anchored || (known !== undefined && known < this.options.cheapMs)) return { lane: 'shared', unproven: false };
    if (this.isCostly(caller)) return { lane: 'heavy', why: 'costly-caller' };
    return { lane: 'shared', unproven: true };
  }

  isCostly(caller: string): boolean {
    return this.cost(caller) > this.options.costlyCallerMs;
  }

  /** Count an unproven query waiting for the shared lane; HeavyQueryLimitError past the caller's limit. */
  wait(caller: string, timeoutMs: number): void {
    const s = this.state(caller);
    if (s.waiting >= this.options.waitingPerCaller)
      throw new HeavyQueryLimitError(this.options.waitingPerCaller, Math.max(1, Math.ceil(timeoutMs / 1000)), 'waiting');
    s.waiting++;
  }

  stopWaiting(caller: string): void {
    const s = this.state(caller);
    s.waiting = Math.max(0, s.waiting - 1);
  }

  /** The caller may start another unproven query on the shared lane. */
  mayStart(caller: string): boolean {
    return (this.callers.get(caller)?.running ?? 0) === 0;
  }

  started(caller: string): void {
    this.state(caller).running++;
  }

  finished(caller: string): void {
    const s = this.state(caller);
    s.running = Math.max(0, s.running - 1);
  }

  /**
   * Record a query's engine time. `finished` false: it was stopped (time limit, moved) after `ms`,
   * so its cost is at least that — a known higher cost of the text is kept.
   */
  record(caller: string | undefined, sparql: string, ms: number, finished: boolean): void {
    const known = this.texts.get(sparql);
    this.texts.delete(sparql);
    this.texts.set(sparql, finished ? ms : Math.max(ms, known ?? 0));
    if (this.texts.size > this.options.rememberedTexts) this.texts.delete(this.texts.keys().next().value!);
    if (caller === undefined || ms < this.options.cheapMs) return;
    const s = this.state(caller);
    s.cost = this.cost(caller) + ms;
    s.at = Date.now();
    this.forgetIdle();
  }

  /** Drop callers whose cost has faded and who have nothing running or waiting. */
  private forgetIdle(): void {
    if (this.callers.size < 1024) return;
    for (const [caller, s] of this.callers) if (s.running === 0 && s.waiting === 0 && this.cost(caller) < 1) this.callers.delete(caller);
  }
}
