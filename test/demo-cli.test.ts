/**
 * `ggm demo` and the value generators it relies on: real files in a temporary
 * folder, real release; flags that make no sense fail with a message naming them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import N3 from 'n3';
import { demo, parseCount } from '../src/cli/demo.js';
import { bsn, iban, isValidBsn, isValidIban, bagId } from '../src/data/demo/values.js';
import { formatOf } from '../src/data/demo/index.js';

test('ggm demo writes a small N-Quads set atomically and the same seed reproduces it', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'ggm-demo-cli-'));
  try {
    const a = path.join(dir, 'a.nq');
    const b = path.join(dir, 'b.nq');
    await demo(['--scale', '0.1', '--seed', '42', '--out', a, '--quiet']);
    await demo(['--scale', '0.1', '--seed', '42', '--out', b, '--quiet']);
    assert.deepEqual((await readdir(dir)).sort(), ['a.nq', 'b.nq']);
    const textA = await readFile(a, 'utf8');
    assert.ok(textA === (await readFile(b, 'utf8')), 'same seed and scale give the same bytes');
    const quads = new N3.Parser({ format: 'application/n-quads' }).parse(textA);
    assert.ok(quads.length > 10_000, `${quads.length} quads`);
    assert.ok(
      quads.every((q) => q.graph.termType === 'NamedNode' && q.graph.value.includes('/graph/demo/')),
      'every quad is in a demo graph',
    );
    const c = path.join(dir, 'c.nq');
    await demo(['--scale', '0.1', '--seed', '43', '--out', c, '--quiet']);
    assert.notEqual(await readFile(c, 'utf8'), textA);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('ggm demo --scale 150k (or --triples 150k) sizes the set near that many triples', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'ggm-demo-cli-'));
  try {
    const file = path.join(dir, 'sized.nq');
    await demo(['--scale', '150k', '--out', file, '--quiet']);
    const text = await readFile(file, 'utf8');
    const lines = text.split('\n').filter(Boolean).length;
    assert.ok(Math.abs(lines - 150_000) < 15_000, `${lines} triples for a 150k target`);
    const same = path.join(dir, 'same.nq');
    await demo(['--triples', '150000', '--out', same, '--quiet']);
    assert.ok((await readFile(same, 'utf8')) === text, '--triples 150000 is --scale 150k');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("ggm demo --instance-base puts instances and graphs under the municipality's own base; the vocabulary keeps the GGM base", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'ggm-demo-cli-'));
  try {
    const file = path.join(dir, 'eigen.nq');
    await demo(['--scale', '0.05', '--instance-base', 'https://data.lindewaard.example/', '--out', file, '--quiet']);
    const quads = new N3.Parser({ format: 'application/n-quads' }).parse(await readFile(file, 'utf8'));
    assert.ok(quads.every((q) => q.subject.value.startsWith('https://data.lindewaard.example/id/')));
    assert.ok(quads.every((q) => q.graph.value.startsWith('https://data.lindewaard.example/graph/demo/')));
    assert.ok(
      quads.every(
        (q) =>
          q.predicate.value.startsWith('https://gemeentelijkgegevensmodel.nl/def/ggm/') ||
          q.predicate.value.startsWith('http://www.w3.org/1999/02/22-rdf-syntax-ns#') ||
          q.predicate.value.startsWith('http://www.opengis.net/ont/geosparql#'),
      ),
    );
    assert.ok(quads.some((q) => q.object.termType === 'NamedNode' && q.object.value.startsWith('https://data.lindewaard.example/id/')));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('ggm demo rejects bad flags with a message naming them', async () => {
  await assert.rejects(demo(['--scale', 'veel', '--quiet']), /--scale: expected a number/);
  await assert.rejects(demo(['--scale', '1', '--triples', '1M', '--quiet']), /--scale or --triples/);
  await assert.rejects(demo(['--seed', '1.5', '--quiet']), /--seed: expected a whole number/);
  await assert.rejects(
    demo(['--out', path.join(tmpdir(), 'demo.ttl'), '--quiet']),
    /demo\.ttl: demo data is written as TriG \(\.trig\) or N-Quads \(\.nq\)/,
  );
  assert.throws(() => formatOf('x.json'), /x\.json/);
  assert.equal(parseCount('1M', 'x'), 1_000_000);
  assert.equal(parseCount('250k', 'x'), 250_000);
  assert.equal(parseCount('75000', 'x'), 75_000);
});

test('synthetic BSNs pass the elfproef and are unique over the whole range; others fail it', () => {
  const seen = new Set<string>();
  for (let i = 0; i < 200_000; i += 7) {
    const b = bsn(i);
    assert.ok(isValidBsn(b), b);
    assert.ok(/^9[89]/.test(b), b);
    assert.ok(!seen.has(b));
    seen.add(b);
  }
  assert.throws(() => bsn(200_000), /at most 200,000 persons/);
  assert.equal(isValidBsn('123456789'), false);
  assert.equal(isValidBsn('111222333'), true); // the well-known example number
  const valid = bsn(12);
  assert.equal(isValidBsn(`${valid.slice(0, 8)}${(Number(valid[8]) + 1) % 10}`), false);
});

test('IBANs have valid ISO 7064 check digits and the fictional bank code; BAG identifiers have 16 digits', () => {
  for (const account of ['0', '1234567890', '9999999999', '42']) {
    const i = iban(account);
    assert.match(i, /^NL\d{2}DEMO\d{10}$/);
    assert.ok(isValidIban(i), i);
    assert.equal(isValidIban(`${i.slice(0, 2)}${(Number(i.slice(2, 4)) + 1) % 100}`.padEnd(4, '0') + i.slice(4)), false);
  }
  assert.equal(isValidIban('NL91ABNA0417164300'), true); // a published example IBAN
  assert.match(bagId('20', 123), /^9901200000000123$/);
});
