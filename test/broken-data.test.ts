/**
 * A corrupt published file at start-up (issue 11.6): `ggm serve` exits 1
 * naming file and line (it used to hang, not listening, its store workers
 * keeping the process alive); with --skip-broken-data it starts without that
 * file and says so — in the log, on the home page, and as a 503 on the graph
 * that file would have filled — while everything else is served.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { FIXTURE, ROOT } from './server-support.js';
import { LIVENESS_MS } from './support/liveness.js';

let root: string;
before(() => {
  root = mkdtempSync(join(tmpdir(), 'ggm-broken-data-'));
  cpSync(FIXTURE, root, { recursive: true });
  writeFileSync(
    join(root, 'data', 'kapot.ttl'),
    '@prefix ex: <https://example.org/> .\nex:a ex:b ex:c .\nex:d ex:e "niet afgesloten .\nex:f ex:g ex:h .\n',
  );
  writeFileSync(join(root, 'data', 'kapot2.trig'), '<urn:g> { <urn:s> <urn:p> <urn:o> . }\n<urn:h> { <urn:s> <urn:p> }\n');
});
after(() => rmSync(root, { recursive: true, force: true }));

function serve(extra: string[]) {
  const child = spawn(process.execPath, ['dist/src/cli/main.js', 'serve', '--port', '0', '--host', '127.0.0.1', '--root', root, ...extra], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  for (const s of [child.stdout!, child.stderr!]) createInterface({ input: s }).on('line', (l) => lines.push(l));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, lines, exited };
}

test('a corrupt data file: serve exits 1 naming the file and the line', async () => {
  const s = serve([]);
  const code = await Promise.race([s.exited, new Promise<'hung'>((r) => setTimeout(() => r('hung'), 6 * LIVENESS_MS).unref())]);
  if (code === 'hung') s.child.kill('SIGKILL');
  assert.equal(code, 1, `exit code; output: ${s.lines.slice(-5).join('\n')}`);
  const error = s.lines.find((l) => l.startsWith('ggm: '));
  assert.ok(error, s.lines.join('\n'));
  assert.match(error, /data\/kapot\.ttl:3: /, 'file and line');
  assert.ok(!s.lines.some((l) => l.includes('"event":"listening"')));
});

test('--skip-broken-data: starts without the file, says so in the log, on the home page and on its graph', async () => {
  const s = serve(['--skip-broken-data']);
  try {
    const started = Date.now();
    let base = '';
    while (!base && Date.now() - started < 6 * LIVENESS_MS) {
      const m = s.lines.map((l) => /"event":"listening".*?"port":(\d+)/.exec(l)).find(Boolean);
      if (m) base = `http://127.0.0.1:${m[1]}`;
      else await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(base, s.lines.join('\n'));
    const skipped = s.lines
      .filter((l) => l.includes('"event":"data-file-skipped"'))
      .map((l) => JSON.parse(l) as { file: string; graphs: string[]; error: string });
    assert.equal(skipped.length, 2);
    assert.match(skipped[0]!.error, /data\/kapot\.ttl:3: /);
    assert.deepEqual(skipped[0]!.graphs, ['https://demo.gemeentelijkgegevensmodel.nl/graph/kapot']);
    assert.match(skipped[1]!.error, /data\/kapot2\.trig:2: /);
    const home = await (await fetch(`${base}/`, { headers: { accept: 'text/html' } })).text();
    assert.match(home, /Niet geladen/);
    assert.match(home, /kapot\.ttl:3: /);
    const graph = await fetch(`${base}/graph/kapot`, { headers: { accept: 'text/turtle' } });
    assert.equal(graph.status, 503);
    assert.match(await graph.text(), /left out at start-up \(.*kapot\.ttl:3: /);
    const page = await fetch(`${base}/graph/kapot`, { headers: { accept: 'text/html' } });
    assert.equal(page.status, 503);
    assert.match(await page.text(), /kapot\.ttl:3: /);
    assert.equal((await fetch(`${base}/graph/demo`, { headers: { accept: 'text/turtle' } })).status, 200, 'the other data is served');
    assert.equal((await fetch(`${base}/def/ggm/Zaak`, { headers: { accept: 'text/html' } })).status, 200);
  } finally {
    s.child.kill('SIGTERM');
    assert.equal(await s.exited, 0);
  }
});
