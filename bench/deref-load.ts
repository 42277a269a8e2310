/**
 * Dereferencing under load: a class as Turtle and as HTML, 50 connections for
 * 10 s each (loopback only), next to a plain node:http server that serves the
 * same bytes from memory, in the same run. Prints requests/s, p99 latency and
 * the ratio service/static.
 *
 *   node dist/bench/deref-load.js [--root <dir>] [--class /def/ggm/Zaak] [--duration 10] [--connections 50]
 *
 * The service runs as its own process (`ggm serve`), the static server too, so
 * neither shares an event loop with autocannon.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const { values } = parseArgs({
  options: {
    root: { type: 'string' },
    class: { type: 'string', default: '/def/ggm/Zaak' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
  },
});
const root = values.root ?? (existsSync(join(ROOT, 'ontology', 'ggm.ttl')) ? ROOT : join(ROOT, 'test', 'fixtures', 'server'));
const duration = Number(values.duration);
const connections = Number(values.connections);

function startProcess(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let buffer = '';
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      for (const line of buffer.split('\n')) {
        const m = /"event":"listening".*"port":(\d+)/.exec(line);
        if (m) {
          child.stdout!.off('data', onData);
          child.stdout!.resume(); // keep draining the request log
          return resolve({ child, port: Number(m[1]) });
        }
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code} before listening`)));
  });
}

const STATIC_SERVER = `
const http = require('node:http');
const fs = require('node:fs');
const files = JSON.parse(fs.readFileSync(process.argv[1], 'utf8'));
const bodies = Object.fromEntries(Object.entries(files).map(([p, f]) => [p, { ...f, body: Buffer.from(f.body, 'utf8') }]));
const server = http.createServer((req, res) => {
  const f = bodies[req.url];
  if (!f) { res.statusCode = 404; return res.end(); }
  res.writeHead(200, { 'Content-Type': f.type, 'Content-Length': f.body.length, ETag: f.etag, 'Cache-Control': 'public, max-age=300' });
  res.end(f.body);
});
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ event: 'listening', port: server.address().port })));
`;

async function load(url: string, accept: string): Promise<{ rps: number; p99: number; errors: number; non2xx: number }> {
  const r = await autocannon({ url, connections, duration, headers: { accept } });
  return { rps: r.requests.average, p99: r.latency.p99, errors: r.errors, non2xx: r.non2xx };
}

async function main(): Promise<void> {
  const service = await startProcess(['dist/src/cli/main.js', 'serve', '--port', '0', '--host', '127.0.0.1', '--root', root]);
  const base = `http://127.0.0.1:${service.port}`;
  const cases = [
    { name: 'Turtle', accept: 'text/turtle' },
    { name: 'HTML', accept: 'text/html' },
  ];
  const files: Record<string, { type: string; etag: string; body: string }> = {};
  for (const c of cases) {
    const res = await fetch(`${base}${values.class}`, { headers: { accept: c.accept } });
    if (res.status !== 200) throw new Error(`${values.class} as ${c.accept}: HTTP ${res.status}`);
    files[`/${c.name}`] = { type: res.headers.get('content-type')!, etag: res.headers.get('etag')!, body: await res.text() };
  }
  const dir = mkdtempSync(join(tmpdir(), 'ggm-bench-'));
  writeFileSync(join(dir, 'files.json'), JSON.stringify(files));
  const statik = await startProcess(['-e', STATIC_SERVER, join(dir, 'files.json')]);
  try {
    console.log(`root ${root}; ${values.class}; ${connections} connections, ${duration} s per run; loopback`);
    console.log('format  bytes    service req/s  p99 ms   static req/s  p99 ms   ratio');
    for (const c of cases) {
      const s = await load(`${base}${values.class}`, c.accept);
      const st = await load(`http://127.0.0.1:${statik.port}/${c.name}`, c.accept);
      const ratio = s.rps / st.rps;
      console.log(
        `${c.name.padEnd(7)} ${String(Buffer.byteLength(files[`/${c.name}`]!.body)).padEnd(8)} ${s.rps.toFixed(0).padStart(13)}  ${String(s.p99).padStart(6)}   ${st.rps.toFixed(0).padStart(12)}  ${String(st.p99).padStart(6)}   ${(ratio * 100).toFixed(0)} %${ratio >= 0.5 ? '' : '  (below the 50 % target)'}${s.errors + s.non2xx > 0 ? `  errors ${s.errors}, non-2xx ${s.non2xx}` : ''}`,
      );
    }
  } finally {
    service.child.kill('SIGTERM');
    statik.child.kill('SIGTERM');
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
