/**
 * Limits of the service on the embedded store (the remote ones are in
 * remote-virtuoso.test.ts): a query past its time limit is 503 with
 * Retry-After, an answer past the result cap 422, and when every admission
 * slot is taken the next request is 503 with Retry-After at once, then served
 * again when the slots free up.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { EmbeddedStore } from '../src/store/embedded.js';
import { startFixtureService, type FixtureService } from './server-support.js';

let service: FixtureService;
let base: string;
before(async () => {
  service = await startFixtureService({
    // Two heavy queries of one caller at once (one runs, one waits), so that both hold an admission slot.
    store: new EmbeddedStore({ heavyPerCaller: 2 }),
    cacheBytes: 0,
    maxConcurrent: 2,
    sparql: { timeoutMs: 1500, resultCap: 10 },
  });
  base = service.base;
});
after(() => service.close());

const RUNAWAY = 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }';
const query = (q: string) =>
  fetch(`${base}/sparql?query=${encodeURIComponent(q)}`, { headers: { accept: 'application/sparql-results+json' } });

test('a query past the time limit is 503 with Retry-After and says so; one past the result cap is 422', async () => {
  const slow = await query(RUNAWAY);
  assert.equal(slow.status, 503);
  assert.equal(slow.headers.get('retry-after'), '1');
  assert.match(await slow.text(), /time limit of 1500 ms/);
  const big = await query('SELECT * WHERE { ?s ?p ?o }');
  assert.equal(big.status, 422);
  assert.match(await big.text(), /more than 10 results/);
  assert.equal((await query('SELECT * WHERE { ?s ?p ?o } LIMIT 5')).status, 200);
});

test('with every admission slot taken the next request is 503 + Retry-After at once; afterwards it is served', async () => {
  const runaways = [query(RUNAWAY), query(RUNAWAY)];
  await new Promise((r) => setTimeout(r, 200));
  const refused = await fetch(`${base}/def/ggm`, { headers: { accept: 'text/turtle' } });
  assert.equal(refused.status, 503);
  assert.equal(refused.headers.get('retry-after'), '1');
  assert.match(await refused.text(), /busy/);
  for (const r of await Promise.all(runaways)) {
    assert.equal(r.status, 503);
    await r.text();
  }
  const served = await fetch(`${base}/def/ggm`, { headers: { accept: 'text/turtle' } });
  assert.equal(served.status, 200);
});
