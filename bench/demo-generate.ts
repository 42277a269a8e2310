/**
 * Demo generator benchmark: speed (triples/s) and memory while streaming a
 * large set to N-Quads. Memory must stay flat: heap use is sampled along the
 * way and printed per quarter of the run.
 *
 *   npx tsc -p . && node dist/bench/demo-generate.js [triples, default 1M]
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadGgmModel } from '../src/source/index.js';
import { committedRegister, demo, fileSink, scaleForTriples } from '../src/data/demo/index.js';
import { parseCount } from '../src/cli/demo.js';
import { PROJECT_ROOT, defaultRelease } from '../src/cli/paths.js';

const target = parseCount(process.argv[2] ?? '1M', 'triples');
const model = await loadGgmModel(defaultRelease());
const register = await committedRegister(PROJECT_ROOT);
const options = register ? { register } : {};
const sizingStart = performance.now();
const scale = await scaleForTriples(model, target, options);
const sizingMs = performance.now() - sizingStart;
const d = demo(model, { ...options, scale });

const dir = await mkdtemp(path.join(tmpdir(), 'ggm-demo-bench-'));
const file = path.join(dir, 'demo.nq');
try {
  global.gc?.();
  const mb = (n: number) => Math.round(n / 1e6);
  const baseline = process.memoryUsage();
  let peakRss = baseline.rss;
  let peakHeap = baseline.heapUsed;
  const samples: Array<{ triples: number; heap: number; rss: number }> = [];
  const sink = await fileSink(file);
  const start = performance.now();
  let nextSample = 0;
  await d.generator.run(sink, (n) => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
    if (n >= nextSample) {
      samples.push({ triples: n, heap: m.heapUsed, rss: m.rss });
      nextSample += target / 20;
    }
  });
  await sink.close();
  const ms = performance.now() - start;
  const size = (await stat(file)).size;
  const quarter = (f: number) => samples[Math.min(samples.length - 1, Math.round(f * (samples.length - 1)))]!;
  console.log(`demo generator, target ${target.toLocaleString('en')} triples (scale ${scale}, sizing ${Math.round(sizingMs)} ms)`);
  console.log(
    `  ${sink.triples.toLocaleString('en')} triples, ${d.generator.instances.toLocaleString('en')} instances, ${mb(size)} MB N-Quads in ${(ms / 1000).toFixed(1)} s`,
  );
  console.log(`  speed: ${Math.round(sink.triples / (ms / 1000)).toLocaleString('en')} triples/s`);
  console.log(
    `  memory: baseline heap ${mb(baseline.heapUsed)} MB, rss ${mb(baseline.rss)} MB; peak heap ${mb(peakHeap)} MB, peak rss ${mb(peakRss)} MB`,
  );
  console.log(`  heap used at 0/25/50/75/100%: ${[0, 0.25, 0.5, 0.75, 1].map((f) => `${mb(quarter(f).heap)} MB`).join(', ')}`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
