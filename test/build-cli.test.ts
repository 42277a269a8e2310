/**
 * The `build` command as a user runs it: a real process. The committed
 * artefacts must be exactly what the build makes from ../shared (byte for
 * byte), and a failed build must not touch the output folder.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { ARTEFACTS } from '../src/generate/index.js';
import { PROJECT_ROOT } from '../src/cli/paths.js';

const CLI = path.join(PROJECT_ROOT, 'dist/src/cli/main.js');

function run(args: string[]) {
  const env = { ...process.env };
  delete env.GGM_VOCAB_BASE; // the committed artefacts use the default base
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env });
}

test('rebuilding from ../shared reproduces the committed artefacts byte for byte', async () => {
  const out = await mkdtemp(path.join(os.tmpdir(), 'ggm-build-'));
  await mkdir(path.join(out, 'ontology'), { recursive: true });
  // the build starts from the committed IRI register, as a release build does
  await cp(path.join(PROJECT_ROOT, ARTEFACTS.register), path.join(out, ARTEFACTS.register));
  const r = run(['build', '--out', out]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /objecttypen: 954/);
  const written = (await readdir(out, { recursive: true, withFileTypes: true }))
    .filter((d) => d.isFile())
    .map((d) => path.relative(out, path.join(d.parentPath ?? (d as unknown as { path: string }).path, d.name)));
  for (const rel of Object.values(ARTEFACTS)) assert.ok(written.includes(rel), `${rel} written`);
  assert.ok(written.length >= 13, `${written.length} files written: ${written.join(', ')}`);
  for (const rel of written) {
    const [built, committed] = await Promise.all([readFile(path.join(out, rel)), readFile(path.join(PROJECT_ROOT, rel))]);
    assert.ok(built.equals(committed), `${rel} differs from the committed file: run \`npm run ggm -- build\` and commit`);
  }
});

test('a failed build (corrupt source) exits non-zero with a clear message and leaves the output untouched', async () => {
  const out = await mkdtemp(path.join(os.tmpdir(), 'ggm-build-fail-'));
  await mkdir(path.join(out, 'ontology'), { recursive: true });
  await writeFile(path.join(out, ARTEFACTS.ontology), 'previous content\n');
  const bad = path.join(out, 'ggm-broken.xlsx');
  await writeFile(bad, Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(64, 1)]));
  const r = run(['build', '--source', bad, '--out', out]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /ggm-broken\.xlsx: corrupt \.xlsx workbook/);
  assert.equal(await readFile(path.join(out, ARTEFACTS.ontology), 'utf8'), 'previous content\n');
  const left = (await readdir(path.join(out, 'ontology'))).filter((f) => f.includes('.tmp-'));
  assert.deepEqual(left, []);
});
