/**
 * Validation throughput at any input order: the demo data (or a given file)
 * as N-Quads in its own order, shuffled and sorted, validated as `ggm
 * validate` does (type index pass + validateInBatches with subject grouping),
 * in memory and through the disk partitions. Prints triples/s and peak RSS per
 * variant and checks that all reports are identical.
 *
 *   npx tsc -p . && node dist/bench/validate-order.js [file.trig|.nq …] [--copies N]
 *
 * --copies N repeats the data N times under distinct subject IRIs (default 1;
 * 8 gives ~1 M triples) to measure at size.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Writer } from 'n3';
import type { Quad } from '@rdfjs/types';
import { collectTypes, loadGgmShapes, parseRdfFile, rdfFileQuads, validateInBatches } from '../src/data/validate/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const copiesAt = args.indexOf('--copies');
const copies = copiesAt >= 0 ? Number(args.splice(copiesAt, 2)[1]) : 1;
const input = args[0] ?? path.join(root, 'data', 'demo', 'gemeente.trig');

const dir = await mkdtemp(path.join(os.tmpdir(), 'ggm-bench-validate-'));
try {
  const { shapes, hierarchy } = await loadGgmShapes(root);
  const quads = await parseRdfFile(input);
  const writer = new Writer({ format: 'N-Quads' });
  const lines: string[] = [];
  for (let c = 0; c < copies; c++) {
    for (const q of quads as Quad[]) {
      const line = writer.quadToString(q.subject, q.predicate, q.object, q.graph);
      // Copies: other subject/object IRIs under /id/ (…/id/zaak/1 → …/id/zaak/1-c2).
      lines.push(c === 0 ? line : line.replace(/(\/id\/[^>\s]+)>/g, `$1-c${c}>`));
    }
  }
  const seeded = (seed: number) => () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const shuffled = [...lines];
  const random = seeded(42);
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
  const variants: Array<[string, string[], number | undefined]> = [
    ['as written', lines, undefined],
    ['shuffled', shuffled, undefined],
    ['sorted', [...lines].sort(), undefined],
    ['shuffled, disk partitions', shuffled, 100_000],
  ];
  console.log(`${lines.length} triples (${copies} cop${copies === 1 ? 'y' : 'ies'} of ${path.relative(process.cwd(), input)})`);
  const reports = new Set<string>();
  for (const [name, variant, memoryQuads] of variants) {
    const file = path.join(dir, `${name.replace(/\W+/g, '-')}.nq`);
    await writeFile(file, variant.join(''));
    globalThis.gc?.();
    const start = process.hrtime.bigint();
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
    const typeIndex = await collectTypes(rdfFileQuads(file));
    const outcome = await validateInBatches(rdfFileQuads(file), shapes, {
      typeIndex,
      sharedQuads: hierarchy,
      tmpDir: dir,
      ...(memoryQuads ? { memoryQuads } : {}),
    });
    clearInterval(sampler);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    reports.add(new Writer({ format: 'N-Triples' }).quadsToString(outcome.report));
    console.log(
      `${name.padEnd(26)} ${(outcome.triples / seconds / 1000).toFixed(0).padStart(5)} k triples/s  ${seconds.toFixed(2)} s  ` +
        `${outcome.batches} batches, ${outcome.resultCount} results, peak RSS ${(peak / 2 ** 20).toFixed(0)} MB`,
    );
  }
  console.log(reports.size === 1 ? 'reports identical for every order' : `REPORTS DIFFER: ${reports.size} distinct reports`);
  if (reports.size !== 1) process.exitCode = 1;
} finally {
  await rm(dir, { recursive: true, force: true });
}
