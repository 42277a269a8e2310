/**
 * `ggm validate` and `ggm publish` as real processes: invalid data is reported
 * (focus node, path, constraint) and never published — the old graph keeps
 * serving; valid data replaces the graph of a running service atomically.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ROOT, startFixtureService } from './server-support.js';

const CLI = path.join(ROOT, 'dist/src/cli/main.js');
const TOKEN = 'publish-test-credential';
const GGM = 'https://gemeentelijkgegevensmodel.nl/def/ggm/';
const GRAPH = 'https://demo.gemeentelijkgegevensmodel.nl/graph/aanbestedingen';

const service = await startFixtureService({ root: null, sparql: { updateCredential: TOKEN } });
after(() => service.close());
const dir = await mkdtemp(path.join(os.tmpdir(), 'ggm-publish-'));

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

async function count(): Promise<number> {
  const q = `SELECT (COUNT(*) AS ?n) WHERE { GRAPH <${GRAPH}> { ?s ?p ?o } }`;
  const res = await fetch(`${service.url}/sparql?query=${encodeURIComponent(q)}`, { headers: { accept: 'text/csv' } });
  return Number((await res.text()).trim().split('\n')[1]);
}

const good = (n: number) =>
  Array.from(
    { length: n },
    (_, i) =>
      `<https://demo.gemeentelijkgegevensmodel.nl/id/aanbesteding/${i}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <${GGM}Aanbesteding> .\n<https://demo.gemeentelijkgegevensmodel.nl/id/aanbesteding/${i}> <${GGM}aanbesteding.datumStart> "2024-01-0${(i % 9) + 1}"^^<http://www.w3.org/2001/XMLSchema#date> .\n`,
  ).join('');

test('validate: a conforming file exits 0, a violating one exits 1 naming focus node, path and constraint', async () => {
  const ok = path.join(dir, 'ok.nt');
  const bad = path.join(dir, 'bad.nt');
  await writeFile(ok, good(3));
  await writeFile(
    bad,
    `${good(1)}<https://demo.gemeentelijkgegevensmodel.nl/id/aanbesteding/0> <${GGM}aanbesteding.datumStart> "morgen" .\n`,
  );
  const r1 = await run(['validate', ok, '--quiet']);
  assert.equal(r1.code, 0, r1.stderr);
  const r2 = await run(['validate', bad, '--quiet']);
  assert.equal(r2.code, 1);
  assert.match(r2.stdout, /aanbesteding\/0>?\t.*aanbesteding\.datumStart.*sh:(Datatype|MaxCount)ConstraintComponent/);
});

test('publish: valid data replaces the graph; invalid data is refused and the old graph keeps serving', async () => {
  const first = path.join(dir, 'first.nt');
  await writeFile(first, good(4));
  const p1 = await run(['publish', first, '--graph', GRAPH, '--to', `${service.url}/sparql`, '--quiet'], { GGM_PUBLISH_TOKEN: TOKEN });
  assert.equal(p1.code, 0, p1.stderr);
  assert.equal(await count(), 8);

  const invalid = path.join(dir, 'invalid.nt');
  await writeFile(
    invalid,
    `${good(2)}<https://demo.gemeentelijkgegevensmodel.nl/id/aanbesteding/1> <${GGM}aanbesteding.datumStart> "gisteren" .\n`,
  );
  const p2 = await run(['publish', invalid, '--graph', GRAPH, '--to', `${service.url}/sparql`], { GGM_PUBLISH_TOKEN: TOKEN });
  assert.equal(p2.code, 1);
  assert.match(p2.stderr, /not published: \d+ SHACL results/);
  assert.equal(await count(), 8, 'the previous data still serves');

  const second = path.join(dir, 'second.nt');
  await writeFile(second, good(2));
  const noCredential = await run(['publish', second, '--graph', GRAPH, '--to', `${service.url}/sparql`, '--quiet']);
  assert.notEqual(noCredential.code, 0, 'publishing needs the update credential');
  assert.equal(await count(), 8);
  const p3 = await run(['publish', second, '--graph', GRAPH, '--to', `${service.url}/sparql`, '--quiet'], { GGM_PUBLISH_TOKEN: TOKEN });
  assert.equal(p3.code, 0, p3.stderr);
  assert.equal(await count(), 4, 'replaced, not added');
});
