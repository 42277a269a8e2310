/**
 * The real `ggm serve` process: start-up report, listening line, one JSON log
 * line per request, graceful shutdown on SIGTERM that finishes a request in
 * flight.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Parser } from 'n3';
import { FIXTURE, ROOT } from './server-support.js';

interface Running {
  child: ChildProcess;
  lines: Record<string, unknown>[];
  port: number;
  exited: Promise<number | null>;
}

function serve(root: string, extra: string[] = []): Promise<Running> {
  const child = spawn(process.execPath, ['dist/src/cli/main.js', 'serve', '--port', '0', '--host', '127.0.0.1', '--root', root, ...extra], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Record<string, unknown>[] = [];
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      let i: number;
      while ((i = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 1);
        const json = JSON.parse(line) as Record<string, unknown>;
        lines.push(json);
        if (json.event === 'listening') resolve({ child, lines, port: json.port as number, exited });
      }
    });
    void exited.then((code) => reject(new Error(`serve exited with ${code} before listening: ${stderr}`)));
  });
}

test('serve: reports what it loaded, logs each request as JSON, answers documents', async () => {
  const s = await serve(FIXTURE);
  try {
    const loaded = s.lines.filter((l) => l.event === 'loaded');
    assert.equal(loaded.length, 5);
    assert.ok(loaded.every((l) => typeof l.triples === 'number' && (l.triples as number) > 0 && typeof l.ms === 'number'));
    const listening = s.lines.find((l) => l.event === 'listening')!;
    assert.equal(listening.store, 'embedded');
    const res = await fetch(`http://127.0.0.1:${s.port}/def/ggm/Zaak.ttl`);
    assert.equal(res.status, 200);
    assert.ok(new Parser().parse(await res.text()).length > 10);
    const deadline = Date.now() + 3000;
    while (!s.lines.some((l) => l.path === '/def/ggm/Zaak.ttl') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const log = s.lines.find((l) => l.path === '/def/ggm/Zaak.ttl');
    assert.ok(log, `request logged: ${JSON.stringify(s.lines.slice(-3))}`);
    assert.equal(log.method, 'GET');
    assert.equal(log.status, 200);
    assert.equal(typeof log.ms, 'number');
    // --root decides everything the service publishes: this root has no query library and no reports.
    const library = await fetch(`http://127.0.0.1:${s.port}/queries`);
    assert.equal(library.status, 200);
    assert.doesNotMatch(await library.text(), /stadspas-en-energietoeslag/);
    assert.equal((await fetch(`http://127.0.0.1:${s.port}/cross-domain`)).status, 404);
    assert.equal((await fetch(`http://127.0.0.1:${s.port}/reports/kwaliteitsrapport.md`)).status, 404);
  } finally {
    s.child.kill('SIGTERM');
    assert.equal(await s.exited, 0);
  }
});

test('serve: SIGTERM finishes the request in flight, then exits 0', async () => {
  // A root with a large graph, so that serialising it takes a while.
  const root = mkdtempSync(join(tmpdir(), 'ggm-serve-'));
  try {
    cpSync(FIXTURE, root, { recursive: true });
    const lines: string[] = [];
    for (let i = 0; i < 60_000; i++)
      lines.push(
        `<https://gemeentelijkgegevensmodel.nl/def/ggm/groot/x${i}> <http://www.w3.org/2000/01/rdf-schema#label> "waarde ${i}"@nl .`,
      );
    writeFileSync(join(root, 'ontology', 'groot.nt'), lines.join('\n'));
    const s = await serve(root);
    const started = Date.now();
    // identity: undici's fetch reports "terminated" when a gzip body it is still decoding ends with the closing connection.
    const inFlight = fetch(`http://127.0.0.1:${s.port}/def/ggm/groot.nt`, { headers: { 'Accept-Encoding': 'identity' } });
    await new Promise((r) => setTimeout(r, 150));
    s.child.kill('SIGTERM');
    const res = await inFlight;
    assert.equal(res.status, 200);
    const graph = new Parser({ format: 'application/n-triples' })
      .parse(await res.text())
      .filter((q) => q.subject.value !== 'https://gemeentelijkgegevensmodel.nl/def/ggm/groot'); // (what the document says about the graph)
    assert.equal(graph.length, 60_000, 'the whole graph arrived');
    assert.equal(await s.exited, 0);
    assert.ok(Date.now() - started > 150);
    assert.ok(s.lines.some((l) => l.event === 'stopping' && l.signal === 'SIGTERM'));
    assert.ok(s.lines.some((l) => l.event === 'stopped'));
    await assert.rejects(fetch(`http://127.0.0.1:${s.port}/`), 'no new connections after shutdown');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('serve --store: a second service answers from the SPARQL endpoint of the first', async () => {
  const a = await serve(FIXTURE);
  try {
    const b = await serve(FIXTURE, ['--store', `http://127.0.0.1:${a.port}/sparql`]);
    try {
      assert.equal(b.lines.find((l) => l.event === 'listening')!.store, 'remote');
      assert.equal(b.lines.filter((l) => l.event === 'loaded').length, 0, 'a remote store is not loaded without --load');
      const fromA = await (await fetch(`http://127.0.0.1:${a.port}/def/ggm/Zaak.nt`)).text();
      const res = await fetch(`http://127.0.0.1:${b.port}/def/ggm/Zaak.nt`);
      assert.equal(res.status, 200);
      assert.equal(await res.text(), fromA, 'the same description through the remote store');
      const redirect = await fetch(`http://127.0.0.1:${b.port}/id/zaak/Z-2024-001`, { redirect: 'manual' });
      assert.equal(redirect.status, 303);
      const page = await (await fetch(`http://127.0.0.1:${b.port}/def/ggm/Zaak`, { headers: { Accept: 'text/html' } })).text();
      assert.match(page, /registratiedatum/);
    } finally {
      b.child.kill('SIGTERM');
      assert.equal(await b.exited, 0);
    }
  } finally {
    a.child.kill('SIGTERM');
    assert.equal(await a.exited, 0);
  }
});
