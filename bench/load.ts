/**
 * Load test of the service on loopback (issue 11): autocannon with many
 * concurrent clients mixing dereferencing (HTML and RDF) and SPARQL queries,
 * first undisturbed, then while an attacker disturbs it:
 *
 *   (a) runaways   two runaway queries (a four-way cross join) kept in flight
 *   (b) slow-body  300 connections sending a POST body at 1 byte per 3 s
 *   (c) costly     one caller keeping two costly joins in flight
 *
 * For each phase it prints p50/p99/max latency of the plain requests, their
 * errors (connection errors, timeouts, 4xx/5xx) and the ratio of p99 to the
 * undisturbed p99 (target ≤ 2), and what the attacker got. The attackers
 * connect from other loopback addresses (127.0.0.2, 127.0.0.3 …), so the
 * service sees them as other callers than the plain clients.
 *
 *   node dist/bench/load.js [--duration 60] [--connections 200] [--phases mix,runaways,slow-body,costly] [--store <sparql url>] [--heavy-workers n]
 *
 * Starts `ggm serve` itself (embedded store, the project's published files;
 * with --store a remote endpoint that already holds them). Every loop is
 * bounded by the phase's duration; the service is stopped at the end.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { Agent, fetch as undiciFetch } from 'undici';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '60' },
    connections: { type: 'string', default: '200' },
    phases: { type: 'string', default: 'mix,runaways,slow-body,costly' },
    'slow-connections': { type: 'string', default: '300' },
    store: { type: 'string' },
    'heavy-workers': { type: 'string' },
  },
});
const duration = Number(values.duration);
const connections = Number(values.connections);
const slowConnections = Number(values['slow-connections']);
const phases = values.phases.split(',').map((p) => p.trim());
if (!(duration > 0 && duration <= 600) || !(connections > 0 && connections <= 1000) || !(slowConnections >= 0 && slowConnections <= 1000))
  throw new Error('--duration 1..600 s, --connections 1..1000, --slow-connections 0..1000');
for (const p of phases) if (!['mix', 'runaways', 'slow-body', 'costly'].includes(p)) throw new Error(`unknown phase ${p}`);

function startService(): Promise<{ child: ChildProcess; base: string; port: number }> {
  const args = [
    path.join(ROOT, 'dist/src/cli/main.js'),
    'serve',
    '--port',
    '0',
    '--host',
    '0.0.0.0',
    '--root',
    ROOT,
    '--query-timeout',
    '5000',
    '--log-format',
    'json',
  ];
  if (values.store) args.push('--store', values.store);
  if (values['heavy-workers'] !== undefined) args.push('--heavy-workers', values['heavy-workers']);
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the service exited with ${code}`)));
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const m = /"event":"listening".*?"port":(\d+)/.exec(line);
      if (!m) return;
      // From here on the access log is only drained (read and dropped), never parsed.
      lines.close();
      child.stdout!.resume();
      resolve({ child, base: `http://127.0.0.1:${m[1]}`, port: Number(m[1]) });
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
  { method: 'GET', path: '/doc/ingeschrevenpersoon/111', headers: { accept: 'application/ld+json' } },
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
  { method: 'GET', path: q('ASK { <urn:x> ?p ?o }'), headers: { accept: 'application/sparql-results+json' } },
  { method: 'GET', path: '/.well-known/void', headers: { accept: 'text/turtle' } },
];
/** A runaway: a four-way cross join of everything. */
const RUNAWAY = 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }';
/** A costly join that is not a cross product (issue 11.4). */
const COSTLY = 'SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?c ?d ?e . ?e ?f ?g }';

function run(base: string): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon({ url: base, connections, duration, requests: MIX, timeout: 30 }, (err, result) =>
      err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(result),
    );
  });
}

/** Keep `n` requests for `sparql` in flight from `address` until `until` resolves; the statuses they got. */
function keepQuerying(base: string, sparql: string, n: number, address: string, stop: () => boolean): Promise<Record<string, number>> {
  const agent = new Agent({ connect: { localAddress: address } });
  const statuses: Record<string, number> = {};
  const loops = Array.from({ length: n }, async () => {
    while (!stop()) {
      const status = await undiciFetch(`${base}${q(sparql)}`, { dispatcher: agent, signal: AbortSignal.timeout(60_000) })
        .then(async (r) => {
          await r.arrayBuffer();
          return String(r.status);
        })
        .catch((e: Error) => e.name);
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status !== '200') await new Promise((r) => setTimeout(r, 100)); // a refused attacker retries, not spins
    }
  });
  return Promise.all(loops).then(async () => {
    await agent.close();
    return statuses;
  });
}

/** Keep `n` connections sending a POST body at 1 byte per 3 s from `address`; reopen those the service closes. */
function keepSlowBodies(port: number, n: number, address: string, stop: () => boolean): Promise<Record<string, number>> {
  const outcome: Record<string, number> = {};
  const count = (k: string) => (outcome[k] = (outcome[k] ?? 0) + 1);
  const one = (): Promise<void> =>
    new Promise((resolve) => {
      if (stop()) return resolve();
      const socket = net.connect({ host: '127.0.0.1', port, localAddress: address });
      let answer = '';
      const timer = setInterval(() => {
        if (stop()) socket.destroy();
        else socket.write('x');
      }, 3_000);
      socket.on('connect', () => {
        count('opened');
        socket.write(
          'POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\nContent-Length: 100000\r\n\r\nS',
        );
      });
      socket.on('data', (d) => (answer += d.toString('latin1')));
      socket.on('error', () => count('socket error'));
      socket.on('close', () => {
        clearInterval(timer);
        const status = /^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1];
        if (status) count(status);
        resolve(stop() ? undefined : one());
      });
    });
  return Promise.all(Array.from({ length: n }, one)).then(() => outcome);
}

interface Figures {
  requests: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  statuses: Record<string, number>;
}

function figures(r: autocannon.Result): Figures {
  const statuses = Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([k, v]) => [k, (v as { count: number }).count]));
  const failed = Object.entries(statuses)
    .filter(([k]) => Number(k) >= 400)
    .reduce((n, [, c]) => n + c, 0);
  return {
    requests: r.requests.total,
    p50: r.latency.p50,
    p99: r.latency.p99,
    max: r.latency.max,
    errors: r.errors + r.timeouts + failed,
    statuses,
  };
}

const { child, base, port } = await startService();
const results: Array<{ phase: string; f: Figures; attacker?: Record<string, number> }> = [];
try {
  // Warm up (the first requests fill the response cache and the store's caches).
  for (const r of MIX) await (await fetch(`${base}${r.path}`, { headers: r.headers as Record<string, string> })).arrayBuffer();
  const before = rssMb(child.pid!);
  for (const phase of phases) {
    let running = true;
    const stop = () => !running;
    const attacker =
      phase === 'runaways'
        ? keepQuerying(base, RUNAWAY, 2, '127.0.0.2', stop)
        : phase === 'slow-body'
          ? keepSlowBodies(port, slowConnections, '127.0.0.3', stop)
          : phase === 'costly'
            ? keepQuerying(base, COSTLY, 2, '127.0.0.4', stop)
            : undefined;
    if (attacker) await new Promise((r) => setTimeout(r, 2_000)); // let the attack take hold first
    const r = await run(base);
    running = false;
    const got = attacker ? await attacker : undefined;
    results.push({ phase, f: figures(r), ...(got ? { attacker: got } : {}) });
    const undisturbed = results.find((x) => x.phase === 'mix')?.f.p99;
    const f = results.at(-1)!.f;
    process.stdout.write(
      `${JSON.stringify({ phase, connections, seconds: duration, ...f, p99VsUndisturbed: undisturbed ? Math.round((f.p99 / undisturbed) * 100) / 100 : undefined, attacker: got, rssMb: rssMb(child.pid!), rssBeforeMb: before })}\n`,
    );
  }
  const mix = results.find((x) => x.phase === 'mix')?.f;
  process.stdout.write(`\nphase       requests   p50 ms   p99 ms   max ms   errors   p99 / undisturbed\n`);
  for (const { phase, f } of results)
    process.stdout.write(
      `${phase.padEnd(10)} ${String(f.requests).padStart(9)} ${String(f.p50).padStart(8)} ${String(f.p99).padStart(8)} ${String(f.max).padStart(8)} ${String(f.errors).padStart(8)}   ${mix ? (f.p99 / mix.p99).toFixed(2) : '-'}\n`,
    );
} finally {
  child.kill('SIGTERM');
}
