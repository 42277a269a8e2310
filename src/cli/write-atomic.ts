/**
 * Atomic output: every file is written to a temporary sibling and renamed into
 * place only after ALL files were written, so a failed build never leaves a
 * half-written output folder.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * Files staged next to their targets as they are produced; `commit()` renames
 * them all into place, `abort()` removes them. Nothing is half-written.
 */
export class StagedFiles {
  private readonly token = `.tmp-${process.pid}-${Date.now()}`;
  private readonly staged: [string, string][] = [];
  constructor(private readonly root: string) {}

  /** Synchronous, so a generator's output can be written (and released) the moment it is made. */
  add(rel: string, content: string): void {
    const target = path.resolve(this.root, rel);
    if (!target.startsWith(path.resolve(this.root) + path.sep)) throw new Error(`refusing to write outside ${this.root}: ${rel}`);
    mkdirSync(path.dirname(target), { recursive: true });
    const tmp = `${target}${this.token}`;
    this.staged.push([tmp, target]);
    writeFileSync(tmp, content);
  }

  paths(): string[] {
    return this.staged.map(([, t]) => path.relative(this.root, t));
  }

  async commit(): Promise<void> {
    for (const [tmp, target] of this.staged) await rename(tmp, target);
  }

  async abort(): Promise<void> {
    await Promise.all(this.staged.map(([tmp]) => rm(tmp, { force: true })));
  }
}
