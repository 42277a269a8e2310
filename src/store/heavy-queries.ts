/**
 * Bookkeeping of the embedded store's heavy lane: how many heavy queries each
 * caller has running or waiting (refused past the limit), and the texts of
 * queries that were moved off the shared lane and then ran into the time limit
 * in the heavy lane, so that the next one with that text goes to the heavy lane
 * straight away instead of stopping a shared replica again. Measured costs per
 * text and per caller, and what follows from them, are fair-share.ts's.
 */
import { HeavyQueryLimitError } from './types.js';

/** Query texts remembered as runaways (the most recent are kept). */
const REMEMBERED_TEXTS = 256;

export class HeavyQueries {
  private readonly runaways = new Set<string>();
  private readonly running = new Map<string, number>();

  /** @param perCaller heavy queries one caller may have running or waiting at once */
  constructor(readonly perCaller = 1) {
    if (!Number.isInteger(perCaller) || perCaller < 1)
      throw new Error(`heavy queries per caller must be a positive whole number, got ${perCaller}`);
  }

  /** A query with this text was moved off the shared lane and still ran into the time limit. */
  isRunaway(sparql: string): boolean {
    return this.runaways.has(sparql);
  }

  rememberRunaway(sparql: string): void {
    this.runaways.delete(sparql);
    this.runaways.add(sparql);
    if (this.runaways.size > REMEMBERED_TEXTS) this.runaways.delete(this.runaways.values().next().value!);
  }

  /** Count a heavy query of `caller` until the returned function is called; HeavyQueryLimitError past the caller's limit. */
  enter(caller: string, timeoutMs: number): () => void {
    const n = this.running.get(caller) ?? 0;
    if (n >= this.perCaller) throw new HeavyQueryLimitError(this.perCaller, Math.max(1, Math.ceil(timeoutMs / 1000)));
    this.running.set(caller, n + 1);
    let left = false;
    return () => {
      if (left) return;
      left = true;
      const now = (this.running.get(caller) ?? 1) - 1;
      if (now === 0) this.running.delete(caller);
      else this.running.set(caller, now);
    };
  }
}
