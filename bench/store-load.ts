/**
 * Benchmark: loading N-Quads into the embedded store (EmbeddedStore.loadFile:
 * worker replicas, journal, validation) side by side with Oxigraph's own bulk
 * load() of the same file in this process, in one run.
 * Usage: node --expose-gc dist/bench/store-load.js [triples=5000000] [workers=1]
 * The data is the demo municipality at that size (generated first, streamed to a temp file).
 * Target (issue #4): within 10 % of the engine's own load.
 */
import { spawnSync } from 'node:child_process';
import { readFile, stat, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import oxigraph from 'oxigraph';

import { EmbeddedStore } from '../src/store/embedded.js';
import { PROJECT_ROOT } from '../src/cli/paths.js';

const triples = Number(process.argv[2] ?? 5_000_000);
const workers = Number(process.argv[3] ?? 1);
const dir = await mkdtemp(path.join(os.tmpdir(), 'ggm-bench-load-'));
const file = path.join(dir, 'demo.nq');
const gen = spawnSync(
  process.execPath,
  [path.join(PROJECT_ROOT, 'dist/src/cli/main.js'), 'demo', '--triples', String(triples), '--out', file, '--quiet'],
  { encoding: 'utf8' },
);
if (gen.status !== 0) throw new Error(gen.stderr);
const bytes = (await stat(file)).size;
const rssMb = () => Math.round(process.memoryUsage().rss / 1e6);
console.log(
  `store load benchmark: ${(bytes / 1e6).toFixed(0)} MB N-Quads (demo municipality, ~${triples.toLocaleString('en')} triples), ${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(1)}`,
);

// 1. the engine's own bulk load, in process
{
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = rssMb();
  const t0 = performance.now();
  const store = new oxigraph.Store();
  store.load(await readFile(file), { format: 'application/n-quads' });
  const ms = performance.now() - t0;
  const n = store.size;
  console.log(
    `  oxigraph Store.load()          ${ms.toFixed(0).padStart(7)} ms  ${Math.round(n / (ms / 1000))
      .toLocaleString('en')
      .padStart(9)} triples/s  rss ${before} → ${rssMb()} MB  (${n.toLocaleString('en')} quads)`,
  );
  (store as unknown as { free?: () => void }).free?.();
}

// 2. the project's embedded store (worker replicas), as `ggm serve` loads files
{
  const store = new EmbeddedStore({ workers, tripleBudget: 50_000_000 });
  const before = rssMb();
  const t0 = performance.now();
  const n = await store.loadFile(file, 'application/n-quads');
  const ms = performance.now() - t0;
  console.log(
    `  EmbeddedStore.loadFile (${workers} worker${workers > 1 ? 's' : ''}) ${ms.toFixed(0).padStart(7)} ms  ${Math.round(n / (ms / 1000))
      .toLocaleString('en')
      .padStart(9)} triples/s  main-thread rss ${before} → ${rssMb()} MB  (${n.toLocaleString('en')} quads)`,
  );
  await store.close();
}
