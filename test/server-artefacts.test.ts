/**
 * The build's other outputs are served as they are: SSSOM mapping sets and
 * the reports; nothing outside those folders is reachable.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { ROOT, startFixtureService } from './server-support.js';

const service = await startFixtureService();
after(() => service.close());

test('SSSOM files and reports are served byte for byte with their media types', async () => {
  for (const [path, type] of [
    ['/alignments/ggm-gemma.sssom.tsv', 'text/tab-separated-values'],
    ['/reports/alignments-coverage.md', 'text/markdown'],
    ['/reports/kwaliteitsrapport.json', 'application/json'],
  ] as const) {
    const res = await fetch(`${service.url}${path}`);
    assert.equal(res.status, 200, path);
    assert.match(res.headers.get('content-type')!, new RegExp(`^${type}`));
    assert.equal(await res.text(), await readFile(`${ROOT}${path.slice(1)}`, 'utf8'), path);
  }
});

test('path traversal out of the served folders is refused', async () => {
  for (const path of [
    '/alignments/../package.json',
    '/reports/..%2f..%2fpackage.json',
    '/reports/%2e%2e/package.json',
    '/alignments/.git/config',
  ]) {
    const res = await fetch(`${service.url}${path}`);
    assert.ok(res.status === 404 || res.status === 400 || res.status === 403, `${path}: ${res.status}`);
    assert.ok(!(await res.text()).includes('"name": "ggm-linked-data"'), path);
  }
});
