/**
 * A query cannot break the embedded store (issue 11.1). Oxigraph overflows
 * its stack on queries whose algebra is deep although their text is flat (a
 * property path of 6,000 steps, 3,000 UNION branches …), and a WebAssembly
 * instance that overflowed answers nothing ever again. Such queries are refused
 * with 400 naming the limit before any store sees them; and should one still
 * break an engine, the replica that ran it is retired (replaced by a fresh
 * one) and the request gets a 503 that says what happened — the service keeps
 * answering. Queries at the limits run (or hit the time limit) without
 * breaking anything, and every question of the query library is within them.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { EmbeddedStore } from '../src/store/embedded.js';
import { StoreUnavailableError } from '../src/store/types.js';
import { ALGEBRA_LIMITS, algebraProblem, algebraSize } from '../src/server/sparql/algebra-limits.js';
import { loadQueryLibrary } from '../src/data/queries/library.js';

import sparqljs from 'sparqljs';
import { FIXTURE, startFixtureService, type FixtureService } from './server-support.js';
import { plainRequestsAnswer } from './support/liveness.js';
import { PROJECT_ROOT } from '../src/cli/paths.js';

const P = '<https://gemeentelijkgegevensmodel.nl/def/ggm/zaak.heeftDocument>';
const steps = (n: number, op: string, step = P) => Array(n).fill(step).join(op);

/** Queries whose algebra breaks Oxigraph (measured in a worker thread: see algebra-limits.ts), with the limit that refuses each. */
const BOMBS: Array<[name: string, query: string, limit: RegExp]> = [
  ['a 6,000-step sequence path (48 KB)', `SELECT * WHERE { <urn:s> ${steps(6000, '/', '<urn:p>')} ?o } LIMIT 1`, /path-length limit/],
  ['2,000 alternatives in one path', `SELECT * WHERE { <urn:s> ${steps(2000, '|')} ?o } LIMIT 1`, /path-length limit/],
  ['3,000 UNION branches', `SELECT * WHERE { ${Array(3000).fill('{ ?s ?p ?o }').join(' UNION ')} } LIMIT 1`, /operator limit/],
  ['1,000 OPTIONALs', `SELECT * WHERE { ?s ?p ?o ${'OPTIONAL { ?s <urn:q> ?x } '.repeat(1000)}} LIMIT 1`, /operator limit/],
  [
    '1,000 BINDs',
    `SELECT * WHERE { ?s ?p ?o ${Array.from({ length: 1000 }, (_, i) => `BIND(1 AS ?b${i})`).join(' ')} } LIMIT 1`,
    /operator limit/,
  ],
  ['3,000 chained ||', `ASK { ?s ?p ?o FILTER(${Array(3000).fill('?o = <urn:x>').join(' || ')}) }`, /expression-depth limit/],
  ['3,000 chained +', `ASK { ?s ?p ?o FILTER(${Array(3000).fill('?o').join(' + ')} > 0) }`, /expression-depth limit/],
  ['15,000 values in IN', `ASK { ?s ?p ?o FILTER(?o IN (${Array(15000).fill('1').join(',')})) }`, /expression-size limit/],
  ['600 triple patterns', `ASK { ${Array.from({ length: 600 }, (_, i) => `?s${i} ${P} ?s${i + 1} .`).join(' ')} }`, /triple-pattern limit/],
  ['1,000 MINUS in an update', `DELETE { ?s ?p ?o } WHERE { ?s ?p ?o ${'MINUS { ?s <urn:q> ?o } '.repeat(1000)}}`, /operator limit/],
];

let service: FixtureService;
let store: EmbeddedStore;
const CREDENTIAL = 'engine-limits-test-credential';
before(async () => {
  store = new EmbeddedStore();
  service = await startFixtureService({ store, cacheBytes: 0, sparql: { timeoutMs: 3000, updateCredential: CREDENTIAL } });
});
after(() => service.close());

test('queries and updates whose algebra would break the engine are 400 naming the limit; the service answers throughout', async () => {
  for (const [name, text, limit] of BOMBS) {
    const update = text.startsWith('DELETE');
    const res = await fetch(`${service.base}/sparql`, {
      method: 'POST',
      headers: {
        'content-type': update ? 'application/sparql-update' : 'application/sparql-query',
        ...(update ? { authorization: `Bearer ${CREDENTIAL}` } : {}),
      },
      body: text,
    });
    const body = await res.text();
    assert.equal(res.status, 400, `${name}: ${res.status} ${body.slice(0, 200)}`);
    assert.match(body, limit, name);
    assert.match(body, /at most \d+ are accepted/, name);
    await plainRequestsAnswer(service.base, name);
  }
  assert.equal(store.retired, 0, 'nothing reached the engine');
});

test('an empty query is 400 "empty query", not "this is an update"', async () => {
  for (const text of ['', '   \n', '# only a comment\n', 'PREFIX ggm: <https://gemeentelijkgegevensmodel.nl/def/ggm/>']) {
    const res = await fetch(`${service.base}/sparql?query=${encodeURIComponent(text)}`);
    const body = await res.text();
    assert.equal(res.status, 400, JSON.stringify(text));
    assert.match(body, /^400 empty query/, JSON.stringify(text));
  }
});

test('queries at the limits run or meet the time limit, and break no engine', async () => {
  const atLimit = [
    `SELECT * WHERE { <urn:s> ${steps(ALGEBRA_LIMITS.pathSteps, '/')} ?o } LIMIT 1`,
    `SELECT * WHERE { <urn:s> ${steps(ALGEBRA_LIMITS.pathSteps, '|')} ?o } LIMIT 1`,
    `SELECT * WHERE { ${Array(ALGEBRA_LIMITS.operators).fill(`{ ?s ${P} ?o }`).join(' UNION ')} } LIMIT 1`,
    `SELECT * WHERE { ?s ${P} ?o ${`OPTIONAL { ?s <urn:q> ?x } `.repeat(ALGEBRA_LIMITS.operators - 1)}} LIMIT 1`,
    `ASK { ?s ${P} ?o FILTER(${Array(ALGEBRA_LIMITS.expressionDepth).fill('?o = <urn:x>').join(' || ')}) }`,
    `ASK { ?s ${P} ?o FILTER(?o IN (${Array(ALGEBRA_LIMITS.expressionTerms - 8)
      .fill('<urn:x>')
      .join(',')})) }`,
  ];
  for (const text of atLimit) {
    const parsed = new sparqljs.Parser({ baseIRI: 'urn:x:' }).parse(text);
    assert.equal(algebraProblem(parsed), undefined, `within the limits: ${JSON.stringify(algebraSize(parsed))}`);
    const res = await fetch(`${service.base}/sparql`, {
      method: 'POST',
      headers: { 'content-type': 'application/sparql-query' },
      body: text,
    });
    const body = await res.text();
    assert.ok(res.status === 200 || (res.status === 503 && /time limit/.test(body)), `${res.status} ${body.slice(0, 200)}`);
  }
  await plainRequestsAnswer(service.base, 'queries at the limits');
  assert.equal(store.retired, 0, 'no engine broke');
});

test('every question of the analyst query library is within the algebra limits', () => {
  const library = loadQueryLibrary(PROJECT_ROOT, 'https://gemeentelijkgegevensmodel.nl/');
  assert.ok(library.length >= 20);
  for (const q of library) assert.equal(algebraProblem(new sparqljs.Parser().parse(q.sparql)), undefined, q.name);
});

test('a query that breaks an engine retires its replica: the caller gets 503 naming the engine failure, later queries are answered', async () => {
  // Straight to the store (the endpoint would refuse it): the 6,000-step path of the issue.
  const direct = new EmbeddedStore({ workers: 2, heavyWorkers: 1 });
  try {
    await direct.loadFile(path.join(FIXTURE, 'ontology', 'ggm.ttl'), 'text/turtle', 'https://gemeentelijkgegevensmodel.nl/def/ggm');
    const ask = (q: string) =>
      direct.query(q, { mediaType: 'application/sparql-results+json', timeoutMs: 30_000, unionDefaultGraph: true });
    await assert.rejects(ask(`SELECT * WHERE { <urn:s> ${steps(6000, '/', '<urn:p>')} ?o } LIMIT 1`), (e: Error) => {
      assert.ok(e instanceof StoreUnavailableError, `${e.name}: ${e.message}`);
      assert.match(e.message, /query engine failed on this query/);
      assert.doesNotMatch(e.message, /load refused|out of memory/, 'not the misleading load message');
      return true;
    });
    assert.equal(direct.retired, 1);
    for (let i = 0; i < 10; i++) assert.match((await ask('ASK { ?s ?p ?o }')).body, /"boolean"\s*:\s*true/, `sequential query ${i}`);
    const parallel = await Promise.all(Array.from({ length: 40 }, () => ask('SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }')));
    assert.ok(parallel.every((a) => /"value"\s*:\s*"[1-9]\d*"/.test(a.body)));
    // A query that overflows the JavaScript stack of the engine (a RangeError) is treated the same way.
    await assert.rejects(ask(`SELECT * WHERE { ${Array(6000).fill('{ ?s ?p ?o }').join(' UNION ')} } LIMIT 1`), StoreUnavailableError);
    assert.equal(direct.retired, 2);
    assert.match((await ask('ASK { ?s ?p ?o }')).body, /true/);
  } finally {
    await direct.close();
  }
});
