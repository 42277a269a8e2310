/**
 * Load test of the service on loopback: autocannon with many concurrent
 * clients mixing dereferencing (HTML and RDF) and SPARQL queries; errors,
 * p50/p99 latency, memory (RSS of the service) before and after. Then the same
 * mix again while runaway queries (a four-way cross join) keep running: the p99
 * of the other requests.
 *
 *   node dist/bench/load.js [--duration 60] [--connections 200] [--runaways 2] [--store <sparql url>] [--heavy-workers n]
 *
 * --heavy-workers 0 serves without a heavy lane (every query shares the replicas), for comparison.
 *
 * Starts `ggm serve` itself (embedded store, the project's published files;
 * with --store a remote endpoint that already holds them).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '60' },
    connections: { type: 'string', default: '200' },
    runaways: { type: 'string', default: '2' },
    store: { type: 'string' },
    'heavy-workers': { type: 'string' },
  },
});
const duration = Number(values.duration);
const connections = Number(values.connections);
const runaways = Number(values.runaways);
if (!(duration > 0 && duration <= 600) || !(connections > 0 && connections <= 1000))
  throw new Error('--duration 1..600 s, --connections 1..1000');

function startService(): Promise<{ child: ChildProcess; base: string }> {
  const args = [
    path.join(ROOT, 'dist/src/cli/main.js'),
    'serve',
    '--port',
    '0',
    '--host',
    '127.0.0.1',
    '--root',
    ROOT,
    '--query-timeout',
    '5000',
  ];
  if (values.store) args.push('--store', values.store);
  if (values['heavy-workers'] !== undefined) args.push('--heavy-workers', values['heavy-workers']);
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the service exited with ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const m = /"event":"listening".*?"port":(\d+)/.exec(line);
      if (m) resolve({ child, base: `http://127.0.0.1:${m[1]}` });
    });
  });
}

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Math.round(Number(m?.[1] ?? 0) / 1024);
}

const q = (sparql: string) => `/sparql?query=${encodeURIComponent(sparql)}`;
const MIX: autocannon.Request[] = [
  { method: 'GET', path: '/def/ggm/Zaak', headers: { accept: 'text/html' } },
  { method: 'GET', path: '/def/ggm/Zaak', headers: { accept: 'text/turtle' } },
  { method: 'GET', path: '/id/ingeschrevenpersoon/111', headers: { accept: 'application/ld+json' } },
  { method: 'GET', path: '/doc/ingeschrevenpersoon/111', headers: { accept: 'text/html' } },
  {
    method: 'GET',
    path: q(
      'SELECT ?c ?l WHERE { GRAPH <https://gemeentelijkgegevensmodel.nl/def/ggm> { ?c a <http://www.w3.org/2002/07/owl#Class> ; <http://www.w3.org/2000/01/rdf-schema#label> ?l } } ORDER BY ?c LIMIT 20',
    ),
    headers: { accept: 'application/sparql-results+json' },
  },
  {
    method: 'GET',
    path: q('SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://demo.gemeentelijkgegevensmodel.nl/graph/demo/bag> { ?s ?p ?o } }'),
    headers: { accept: 'text/csv' },
  },
  { method: 'GET', path: '/.well-known/void', headers: { accept: 'text/turtle' } },
];
const RUNAWAY = 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }';

function run(base: string): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon({ url: base, connections, duration, requests: MIX, timeout: 30 }, (err, result) =>
      err ? reject(err as Error) : resolve(result),
    );
  });
}

function report(phase: string, r: autocannon.Result, extra: Record<string, number> = {}): void {
  process.stdout.write(
    `${JSON.stringify({ phase, connections, seconds: duration, requests: r.requests.total, rps: Math.round(r.requests.average), errors: r.errors, timeouts: r.timeouts, non2xx: r.non2xx, p50ms: r.latency.p50, p99ms: r.latency.p99, maxms: r.latency.max, statuses: Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([k, v]) => [k, (v as { count: number }).count])), ...extra })}\n`,
  );
}

const { child, base } = await startService();
try {
  // Warm up (the first requests fill the response cache and the store's caches).
  for (const r of MIX) await (await fetch(`${base}${r.path}`, { headers: r.headers as Record<string, string> })).arrayBuffer();
  const before = rssMb(child.pid!);
  const plain = await run(base);
  report('mix', plain, {
    rssBeforeMb: before,
    rssAfterMb: rssMb(child.pid!),
    ...(values['heavy-workers'] !== undefined ? { heavyWorkers: Number(values['heavy-workers']) } : {}),
  });

  let running = true;
  const statuses: number[] = [];
  const loops = Array.from({ length: runaways }, async () => {
    while (running) {
      const res = await fetch(`${base}${q(RUNAWAY)}`).catch(() => undefined);
      if (res) {
        statuses.push(res.status);
        await res.arrayBuffer();
      }
    }
  });
  const withRunaway = await run(base);
  running = false;
  await Promise.all(loops);
  report('mix with runaway queries', withRunaway, {
    runaways,
    runawayAnswers: statuses.length,
    runaway503s: statuses.filter((s) => s === 503).length,
    rssAfterMb: rssMb(child.pid!),
  });
} finally {
  child.kill('SIGTERM');
}
