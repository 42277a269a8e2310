/**
 * Benchmark: wall time and peak memory (max RSS) of the full build
 * (read xlsx → model → OWL, SKOS, SHACL, MIM, quality report → files).
 * Each run is a fresh process, like a user's `ggm build`.
 * Usage: node dist/bench/build.js [runs=5]
 * Target (issue #2): ≤ 3 s and ≤ 300 MB on 2 cores.
 */
import { spawnSync } from 'node:child_process';
import { cp, mkdir, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(import.meta.url);

if (process.argv[2] === '--child') {
  const { build } = await import('../src/cli/build.js');
  const t0 = performance.now();
  await build(['--out', process.argv[3]!, '--quiet']);
  const ms = performance.now() - t0;
  process.stdout.write(JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
} else {
  const runs = Number(process.argv[2] ?? 5);
  const { PROJECT_ROOT } = await import('../src/cli/paths.js');
  // `ggm build` runs with these heap flags (src/cli/main.ts); the default heap is measured beside it.
  const configs: Record<string, string[]> = Object.fromEntries(
    (process.env.BENCH_FLAGS ? process.env.BENCH_FLAGS.split('|') : ['--max-old-space-size=256 --max-semi-space-size=4', '']).map((f) => [
      f || 'default heap',
      f.split(' ').filter(Boolean),
    ]),
  );
  const results = new Map<string, { ms: number; maxRssMb: number; processMs: number }[]>(Object.keys(configs).map((k) => [k, []]));
  for (let i = 0; i < runs; i++) {
    for (const [name, flags] of Object.entries(configs)) {
      const out = await mkdtemp(path.join(os.tmpdir(), 'ggm-bench-build-'));
      await mkdir(path.join(out, 'ontology'), { recursive: true });
      await cp(path.join(PROJECT_ROOT, 'ontology/iri-register.json'), path.join(out, 'ontology/iri-register.json'));
      const t0 = performance.now();
      const r = spawnSync(process.execPath, [...flags, here, '--child', out], { encoding: 'utf8' });
      const processMs = performance.now() - t0;
      if (r.status !== 0) throw new Error(r.stderr);
      results.get(name)!.push({ ...(JSON.parse(r.stdout) as { ms: number; maxRssMb: number }), processMs });
    }
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(
    `build benchmark (${runs} runs each, alternating, ${os.cpus().length} cores, node ${process.version}, load ${os.loadavg()[0]!.toFixed(1)})`,
  );
  for (const [name, rs] of results) {
    console.log(`  ${name}`);
    console.log(
      `    build (in process)   median ${med(rs.map((r) => r.ms)).toFixed(0)} ms   min ${Math.min(...rs.map((r) => r.ms)).toFixed(0)} ms`,
    );
    console.log(`    whole process        median ${med(rs.map((r) => r.processMs)).toFixed(0)} ms   (incl. node start-up and imports)`);
    console.log(
      `    peak memory (maxRSS) median ${med(rs.map((r) => r.maxRssMb)).toFixed(0)} MB   max ${Math.max(...rs.map((r) => r.maxRssMb)).toFixed(0)} MB`,
    );
  }
  console.log(`  target: ≤ 3000 ms and ≤ 300 MB`);
}
