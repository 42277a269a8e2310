/**
 * The committed demo set as the service publishes it: a real `ggm serve`
 * process loading the project folder, real HTTP. The stadspas × energietoeslag
 * question asked at the SPARQL endpoint gets the scenario's residents, and a
 * resident's IRI dereferences.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { loadGgmModel } from '../src/source/index.js';
import { committedRegister, demo, stadspasEnEnergietoeslagExpected, stadspasEnEnergietoeslagQuery } from '../src/data/demo/index.js';
import { PROJECT_ROOT, defaultRelease } from '../src/cli/paths.js';

const model = await loadGgmModel(defaultRelease());
const register = await committedRegister(PROJECT_ROOT);
const d = demo(model, register ? { register } : {});

const server = spawn(
  process.execPath,
  [path.join(PROJECT_ROOT, 'dist', 'src', 'cli', 'main.js'), 'serve', '--port', '0', '--host', '127.0.0.1', '--root', PROJECT_ROOT],
  {
    stdio: ['ignore', 'pipe', 'pipe'],
  },
);
after(() => server.kill());
const base = await new Promise<string>((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error('the service did not start within 120 s')), 120_000);
  server.once('exit', (code) => reject(new Error(`the service exited with ${code}`)));
  for (const stream of [server.stdout, server.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      const m = /"event":"listening".*?"port":(\d+)/.exec(line);
      if (m) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${m[1]}`);
      }
    });
  }
});

test("the SPARQL endpoint answers the stadspas × energietoeslag question with the scenario's residents", async () => {
  const res = await fetch(`${base}/sparql`, {
    method: 'POST',
    headers: { 'content-type': 'application/sparql-query', accept: 'application/sparql-results+json' },
    body: stadspasEnEnergietoeslagQuery(d).sparql,
  });
  assert.equal(res.status, 200);
  const json = (await res.json()) as { results: { bindings: Array<Record<string, { value: string }>> } };
  const rows = json.results.bindings.map((b) => ({ inwoner: b.inwoner!.value, bsn: b.bsn!.value }));
  const expected = stadspasEnEnergietoeslagExpected(d);
  assert.ok(expected.length > 0);
  assert.deepEqual(rows, expected);
});

test('a resident of the demo set dereferences: /id/ → 303 → /doc/ with the BRP data', async () => {
  const resident = stadspasEnEnergietoeslagExpected(d)[0]!;
  const local = new URL(resident.inwoner).pathname;
  const res = await fetch(`${base}${local}`, { redirect: 'manual', headers: { accept: 'text/turtle' } });
  assert.equal(res.status, 303);
  const doc = await fetch(new URL(res.headers.get('location')!, base), { headers: { accept: 'application/n-triples' } });
  assert.equal(doc.status, 200);
  const body = await doc.text();
  assert.ok(body.includes(`"${resident.bsn}"`), "the document carries the resident's BSN");
});
