/**
 * `ggm publish` at size, as a real process: 200,000 triples (the 1 M run is
 * bench/publish.ts — in the test it would take minutes under CI load) into
 *  - the project's own service through its Graph Store Protocol route
 *    (/store?graph=…, chunked POSTs into a temporary graph, then one MOVE),
 *  - the same service through SPARQL Update alone (chunks below its 256 KiB update cap;
 *    the old 10,000-triple inserts were refused with 413 after ~1,800 triples),
 *  - a real Virtuoso (scripts/virtuoso.sh) through its Graph Store Protocol endpoint.
 * Every triple arrives, no temporary graph is left, and a refused write leaves the old graph.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { promisify } from 'node:util';
import { ROOT, startFixtureService } from './server-support.js';
import { PROJECT_ROOT } from '../src/cli/paths.js';

const CLI = path.join(ROOT, 'dist/src/cli/main.js');
const TOKEN = 'publish-large-credential';
const GGM = 'https://gemeentelijkgegevensmodel.nl/def/ggm/';
const GRAPH = 'https://demo.gemeentelijkgegevensmodel.nl/graph/aanbestedingen';
const SUBJECTS = 100_000; // two triples each
const DIR = `/tmp/ggm-publish-large-${process.pid}`;
const HTTP_PORT = String(21000 + (process.pid % 1000));
const SQL_PORT = String(22000 + (process.pid % 1000));
const VIRTUOSO = `http://127.0.0.1:${HTTP_PORT}/sparql`;
const virtuoso = (command: 'start' | 'stop') =>
  promisify(execFile)(path.join(PROJECT_ROOT, 'scripts', 'virtuoso.sh'), [command, DIR, HTTP_PORT, SQL_PORT]);

const service = await startFixtureService({ root: null, sparql: { updateCredential: TOKEN } });
const file = path.join(DIR, 'aanbestedingen.nt');
before(async () => {
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  const out = createWriteStream(file);
  for (let i = 0; i < SUBJECTS; i++) {
    const s = `<https://demo.gemeentelijkgegevensmodel.nl/id/aanbesteding/${i}>`;
    const line = `${s} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <${GGM}Aanbesteding> .\n${s} <${GGM}aanbesteding.datumStart> "2024-01-${String((i % 28) + 1).padStart(2, '0')}"^^<http://www.w3.org/2001/XMLSchema#date> .\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
});
after(async () => {
  await service.close();
  await virtuoso('stop').catch(() => undefined);
  rmSync(DIR, { recursive: true, force: true });
});

function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** Triples per graph of the endpoint, as CSV (graph,n). */
async function graphCounts(endpoint: string): Promise<Map<string, number>> {
  const q = `SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "${GRAPH}")) } GROUP BY ?g`;
  const res = await fetch(`${endpoint}?query=${encodeURIComponent(q)}`, { headers: { accept: 'text/csv' } });
  assert.equal(res.status, 200);
  const rows = (await res.text()).trim().split(/\r?\n/).slice(1);
  return new Map(rows.map((r) => r.replace(/"/g, '').split(',') as [string, string]).map(([g, n]) => [g, Number(n)]));
}

test('200,000 triples into the own service: Graph Store Protocol in chunks, then SPARQL Update alone', async () => {
  const gsp = await run(
    [
      'publish',
      file,
      '--graph',
      GRAPH,
      '--to',
      `${service.base}/sparql`,
      '--graph-store-url',
      `${service.base}/store`,
      '--chunk-bytes',
      '4000000',
    ],
    { GGM_PUBLISH_TOKEN: TOKEN },
  );
  assert.equal(gsp.code, 0, gsp.stderr);
  assert.match(gsp.stderr, /published.*200000 triples/);
  assert.deepEqual([...(await graphCounts(`${service.base}/sparql`))], [[GRAPH, 2 * SUBJECTS]]);

  // The update endpoint alone, below its default cap of 256 KiB per request.
  const update = await run(['publish', file, '--graph', GRAPH, '--to', `${service.base}/sparql`], { GGM_PUBLISH_TOKEN: TOKEN });
  assert.equal(update.code, 0, update.stderr);
  assert.deepEqual([...(await graphCounts(`${service.base}/sparql`))], [[GRAPH, 2 * SUBJECTS]]);

  // Chunks larger than the route's cap: 413, nothing changed, no temporary graph left.
  const refused = await run(['publish', file, '--graph', GRAPH, '--to', `${service.base}/sparql`, '--chunk-bytes', '400000'], {
    GGM_PUBLISH_TOKEN: TOKEN,
  });
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /413|larger than/);
  assert.deepEqual([...(await graphCounts(`${service.base}/sparql`))], [[GRAPH, 2 * SUBJECTS]]);
});

test('the Graph Store route: write rights as the update endpoint, media types, bad data refused', async () => {
  const url = `${service.base}/store?graph=${encodeURIComponent(`${GRAPH}/klein`)}`;
  const body = `<https://demo.gemeentelijkgegevensmodel.nl/id/aanbesteding/x> <${GGM}aanbesteding.naam> "Zwembad" .\n`;
  const put = (headers: Record<string, string>, data = body, method = 'PUT') => fetch(url, { method, headers, body: data });
  assert.equal((await put({ 'content-type': 'application/n-triples' })).status, 403, 'no credential');
  const auth = { authorization: `Bearer ${TOKEN}` };
  assert.equal((await put({ ...auth, 'content-type': 'application/json' })).status, 415);
  assert.equal((await put({ ...auth, 'content-type': 'application/n-triples' }, '<a> <b> .')).status, 400);
  assert.equal((await put({ ...auth, 'content-type': 'application/n-triples' })).status, 200);
  assert.equal((await put({ ...auth, 'content-type': 'text/turtle' }, `<x> <${GGM}y> "z" .`, 'POST')).status, 204);
  assert.equal((await fetch(url, { method: 'DELETE', headers: auth })).status, 405);
  const counts = await graphCounts(`${service.base}/sparql`);
  assert.equal(counts.get(`${GRAPH}/klein`), 2);
});

test('200,000 triples into Virtuoso through its Graph Store Protocol endpoint', async () => {
  await virtuoso('start');
  const r = await run([
    'publish',
    file,
    '--graph',
    GRAPH,
    '--to',
    VIRTUOSO,
    '--graph-store-url',
    `http://127.0.0.1:${HTTP_PORT}/sparql-graph-crud`,
    '--quiet',
  ]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual([...(await graphCounts(VIRTUOSO))], [[GRAPH, 2 * SUBJECTS]]);
});
