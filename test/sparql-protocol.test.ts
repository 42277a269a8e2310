/**
 * The SPARQL 1.1 Protocol over real HTTP: every test of the W3C protocol
 * manifest (its ht:Request / ht:Response records read from the manifest and
 * replayed in order), then this endpoint's own rules: 406, syntax errors with
 * position, SERVICE refusal, update credential, service description, time
 * limit, result cap, and a slow query that must not hold up a quick one.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import express from 'express';
import { Parser, Store, type Term } from 'n3';
import { createSparqlRouter } from '../src/server/sparql/router.js';
import { EmbeddedStore } from '../src/store/embedded.js';
import { parseResultsJson, parseResultsXml } from './sparql-w3c-support.js';
import path from 'node:path';
import { sharedDir } from '../src/cli/paths.js';

const PROTOCOL_DIR = `${path.join(sharedDir(), 'w3c', 'sparql', 'sparql11', 'protocol')}/`;
const MANIFEST = 'http://www.w3.org/2009/sparql/docs/tests/data-sparql11/protocol/manifest.ttl';
const MF = 'http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#';
const HT = 'http://www.w3.org/2011/http#';
const CNT = 'http://www.w3.org/2011/content#';
const UT = 'http://www.w3.org/2009/sparql/tests/test-update#';
const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const RDFS = 'http://www.w3.org/2000/01/rdf-schema#';
const SD = 'http://www.w3.org/ns/sparql-service-description#';
const CREDENTIAL = 'test-credential-3f9a';
const TIMEOUT_MS = 1500;
const RESULT_CAP = 500;
/** Triples in the graph used for the slow cross join (400⁴ combinations). */
const BIG = 400;

let store: EmbeddedStore;
let server: Server;
let endpoint: string;

before(async () => {
  store = new EmbeddedStore({ workers: 2 });
  const app = express();
  app.use(
    '/sparql',
    createSparqlRouter({
      store,
      timeoutMs: TIMEOUT_MS,
      resultCap: RESULT_CAP,
      updateCredential: CREDENTIAL,
      serviceAllowlist: ['allowed.example'],
    }),
  );
  server = app.listen(0);
  await new Promise((resolve) => server.once('listening', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sparql`;
});

after(async () => {
  server.close();
  await store.close();
});

// ---- the W3C protocol manifest ----

interface HttpRequest {
  path: string;
  method: string;
  headers: Record<string, string>;
  body?: Buffer;
  expect: { status: string[]; boolean?: boolean; format?: string };
}

interface ProtocolTest {
  id: string;
  graphs: { file: string; name: string }[];
  requests: HttpRequest[];
}

function readManifest(): ProtocolTest[] {
  const m = new Store(new Parser({ baseIRI: MANIFEST }).parse(readFileSync(`${PROTOCOL_DIR}manifest.ttl`, 'utf8')));
  const one = (s: Term, p: string) => m.getObjects(s, p, null)[0];
  const list = (head: Term | undefined): Term[] => {
    const out: Term[] = [];
    for (let n = head; n && n.value !== `${RDF}nil`; n = one(n, `${RDF}rest`)) out.push(one(n, `${RDF}first`));
    return out;
  };
  const manifest = m.getSubjects(`${RDF}type`, `${MF}Manifest`, null)[0];
  return list(one(manifest, `${MF}entries`)).map((entry) => {
    const action = one(entry, `${MF}action`);
    const requests = list(one(action, `${HT}requests`)).map((r): HttpRequest => {
      const headers: Record<string, string> = {};
      for (const h of list(one(r, `${HT}headers`))) headers[one(h, `${HT}fieldName`).value] = one(h, `${HT}fieldValue`).value;
      const body = one(r, `${HT}body`);
      const resp = one(r, `${HT}resp`);
      const encoding = body && one(body, `${CNT}characterEncoding`)?.value;
      return {
        path: one(r, `${HT}absolutePath`).value,
        method: one(r, `${HT}methodName`).value,
        headers,
        body: body ? Buffer.from(one(body, `${CNT}chars`).value, encoding === 'UTF-16' ? 'utf16le' : 'utf8') : undefined,
        expect: {
          status: m.getObjects(resp, `${MF}expectedStatus`, null).map((s) => s.value.replace(/.*StatusCode(\dxx)$/, '$1')),
          boolean: one(resp, `${MF}expectedBoolean`) ? one(resp, `${MF}expectedBoolean`).value === 'true' : undefined,
          format: one(resp, `${MF}expectedFormat`)?.value,
        },
      };
    });
    const graphs = m.getObjects(entry, `${UT}graphData`, null).map((g) => ({
      file: one(g, `${UT}graph`).value.slice(MANIFEST.lastIndexOf('/') + 1),
      name: one(g, `${RDFS}label`).value,
    }));
    return { id: entry.value.replace(/.*#/, ''), graphs, requests };
  });
}

const RESULT_TYPES = ['application/sparql-results+json', 'application/sparql-results+xml', 'text/csv', 'text/tab-separated-values'];
const RDF_TYPES = [
  'text/turtle',
  'application/n-triples',
  'application/ld+json',
  'application/rdf+xml',
  'application/trig',
  'application/n-quads',
];

async function replay(t: ProtocolTest, extraHeaders: Record<string, string>): Promise<void> {
  await store.update('DROP ALL', { timeoutMs: 5000 });
  for (const g of t.graphs) await store.loadFile(`${PROTOCOL_DIR}${g.file}`, 'application/n-triples', g.name);
  for (const [i, r] of t.requests.entries()) {
    const url = endpoint + r.path.replace(/^\/sparql/, '');
    const response = await fetch(url, {
      method: r.method,
      headers: { ...r.headers, ...extraHeaders },
      body: r.body ? new Uint8Array(r.body) : undefined,
    });
    const text = await response.text();
    const where = `${t.id} request ${i + 1}: ${r.method} ${r.path} → ${response.status} ${text.slice(0, 200)}`;
    assert.ok(r.expect.status.includes(`${String(response.status)[0]}xx`), `${where}: expected status ${r.expect.status.join(' or ')}`);
    const type = response.headers.get('content-type')?.split(';')[0] ?? '';
    if (r.expect.format === 'RDF') {
      assert.ok(RDF_TYPES.includes(type), `${where}: not an RDF type: ${type}`);
      if (type === 'text/turtle') new Parser({ format: 'Turtle' }).parse(text);
    }
    if (r.expect.format === 'tabular') assert.ok(RESULT_TYPES.includes(type), `${where}: not a results type: ${type}`);
    if (r.expect.format === 'boolean' || r.expect.boolean !== undefined) {
      assert.ok(type === RESULT_TYPES[0] || type === RESULT_TYPES[1], `${where}: not a boolean results type: ${type}`);
      const answer = type === RESULT_TYPES[0] ? parseResultsJson(text) : parseResultsXml(text);
      assert.equal(answer.kind, 'boolean', where);
      if (r.expect.boolean !== undefined) assert.equal(answer.kind === 'boolean' && answer.value, r.expect.boolean, where);
    }
  }
}

const PROTOCOL_TESTS = readManifest();
const isQueryTest = (id: string) => /^(query_|bad_query_|bad_multiple_queries)/.test(id);

test('the W3C protocol manifest has 13 positive and 7 negative query tests', () => {
  const query = PROTOCOL_TESTS.filter((t) => isQueryTest(t.id));
  assert.equal(query.filter((t) => t.id.startsWith('query_')).length, 13);
  assert.equal(query.filter((t) => t.id.startsWith('bad_')).length, 7);
});

for (const t of PROTOCOL_TESTS.filter((x) => isQueryTest(x.id))) {
  test(`W3C protocol ${t.id}`, () => replay(t, {}));
}

// Update tests of the manifest, sent with the endpoint's update credential.
for (const t of PROTOCOL_TESTS.filter((x) => !isQueryTest(x.id))) {
  test(`W3C protocol ${t.id} (with update credential)`, () => replay(t, { authorization: `Bearer ${CREDENTIAL}` }));
}

// ---- this endpoint's own rules ----

const get = (query: string, headers: Record<string, string> = {}) => fetch(`${endpoint}?query=${encodeURIComponent(query)}`, { headers });
const postUpdate = (update: string, headers: Record<string, string> = {}) =>
  fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/sparql-update', ...headers }, body: update });

test('406 when no offered format is acceptable, listing the offered types', async () => {
  const select = await get('SELECT * WHERE { ?s ?p ?o } LIMIT 1', { accept: 'text/turtle' });
  assert.equal(select.status, 406);
  const text = await select.text();
  for (const type of RESULT_TYPES) assert.ok(text.includes(type), text);
  const construct = await get('CONSTRUCT WHERE { ?s ?p ?o }', { accept: 'application/sparql-results+json' });
  assert.equal(construct.status, 406);
  assert.match(await construct.text(), /text\/turtle.*application\/n-triples/);
});

test('Accept with q-values picks the preferred format', async () => {
  const r = await get('SELECT (1 AS ?x) {}', { accept: 'application/sparql-results+json;q=0.5, text/csv;q=0.9, */*;q=0.1' });
  assert.equal(r.headers.get('content-type'), 'text/csv; charset=utf-8');
  assert.equal(r.headers.get('vary'), 'Accept');
  assert.equal(await r.text(), 'x\r\n1\r\n');
  const rdf = await get('CONSTRUCT { <http://a> <http://b> 1 } WHERE {}', { accept: 'application/ld+json;q=0.8, application/n-triples' });
  assert.equal(rdf.headers.get('content-type'), 'application/n-triples; charset=utf-8');
  assert.equal(await rdf.text(), '<http://a> <http://b> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .\n');
});

test('a malformed query is a 400 naming line and column', async () => {
  const r = await get('PREFIX ex: <http://example.org/>\nSELECT * WHERE {\n  ?s ex:p }');
  assert.equal(r.status, 400);
  const text = await r.text();
  assert.match(text, /^400 syntax error at line 3, column \d+:/);
  assert.match(text, /Expecting/);
  const update = await postUpdate('INSERT DATA { <http://a> <http://b> }', { authorization: `Bearer ${CREDENTIAL}` });
  assert.equal(update.status, 400);
  assert.match(await update.text(), /syntax error at line 1/);
});

test('SERVICE to a host outside the allowlist is refused, however deeply nested', async () => {
  const nested =
    'SELECT * WHERE { OPTIONAL { { SELECT ?s WHERE { FILTER EXISTS { SERVICE <http://evil.example/sparql> { ?s ?p ?o } } } } } }';
  const r = await get(nested);
  assert.equal(r.status, 400);
  assert.match(await r.text(), /SERVICE <http:\/\/evil\.example\/sparql> refused: only these hosts are allowed: allowed\.example/);
  const variable = await get('SELECT * WHERE { SERVICE ?endpoint { ?s ?p ?o } }');
  assert.equal(variable.status, 400);
  assert.match(await variable.text(), /SERVICE \?endpoint refused/);
  // An allowed host passes the check; the embedded engine itself cannot call out, and says so.
  const allowed = await get('SELECT * WHERE { SERVICE <http://allowed.example/sparql> { ?s ?p ?o } }');
  assert.equal(allowed.status, 501);
  assert.match(await allowed.text(), /not supported/);
});

test('updates are refused without the credential and applied with it', async () => {
  const insert = 'INSERT DATA { GRAPH <urn:test:updates> { <urn:test:s> <urn:test:p> "inserted" } }';
  const none = await postUpdate(insert);
  assert.equal(none.status, 403);
  assert.match(await none.text(), /Authorization: Bearer/);
  const wrong = await postUpdate(insert, { authorization: 'Bearer not-the-credential' });
  assert.equal(wrong.status, 403);
  const form = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `update=${encodeURIComponent(insert)}`,
  });
  assert.equal(form.status, 403);
  const ask = async () =>
    (await (await get('ASK { GRAPH <urn:test:updates> { <urn:test:s> <urn:test:p> "inserted" } }')).json()) as { boolean: boolean };
  assert.equal((await ask()).boolean, false);
  const ok = await postUpdate(insert, { authorization: `Bearer ${CREDENTIAL}` });
  assert.equal(ok.status, 204);
  assert.equal((await ask()).boolean, true);
});

test('GET without a query answers the service description in Turtle', async () => {
  await store.replaceGraph('urn:test:described', '<urn:a> <urn:b> <urn:c>, <urn:d> .', 'text/turtle');
  const r = await fetch(endpoint, { headers: { accept: 'text/turtle' } });
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'text/turtle; charset=utf-8');
  const sd = new Store(new Parser({ baseIRI: endpoint }).parse(await r.text()));
  const service = sd.getSubjects(`${RDF}type`, `${SD}Service`, null);
  assert.equal(service.length, 1);
  assert.deepEqual(
    sd.getObjects(service[0], `${SD}endpoint`, null).map((t) => t.value),
    [endpoint],
  );
  assert.deepEqual(
    sd
      .getObjects(service[0], `${SD}supportedLanguage`, null)
      .map((t) => t.value)
      .sort(),
    [`${SD}SPARQL11Query`, `${SD}SPARQL11Update`],
  );
  assert.equal(sd.getObjects(service[0], `${SD}resultFormat`, null).length, 10);
  // SERVICE to allowed.example is possible; the default graph is the store's own, not the union
  assert.deepEqual(
    sd.getObjects(service[0], `${SD}feature`, null).map((t) => t.value),
    [`${SD}BasicFederatedQuery`],
  );
  const named = sd.getSubjects(`${SD}name`, 'urn:test:described', null)[0];
  const graph = sd.getObjects(named, `${SD}graph`, null)[0];
  assert.equal(sd.getObjects(graph, 'http://rdfs.org/ns/void#triples', null)[0].value, '2');
  const jsonld = await fetch(endpoint, { headers: { accept: 'application/ld+json' } });
  assert.equal(jsonld.headers.get('content-type'), 'application/ld+json; charset=utf-8');
  assert.ok(Array.isArray(await jsonld.json()));
});

test('an answer over the result cap is refused with a hint to add LIMIT', async () => {
  const values = Array.from({ length: RESULT_CAP + 1 }, (_, i) => i).join(' ');
  const r = await get(`SELECT ?x WHERE { VALUES ?x { ${values} } }`);
  assert.equal(r.status, 422);
  assert.match(await r.text(), new RegExp(`more than ${RESULT_CAP} results.*LIMIT`));
  const capped = await get(`SELECT ?x WHERE { VALUES ?x { ${values} } } LIMIT ${RESULT_CAP}`, { accept: 'text/tab-separated-values' });
  assert.equal(capped.status, 200);
  assert.equal((await capped.text()).trim().split('\n').length, RESULT_CAP + 1);
});

test('a runaway query stops at the time limit with 503 while a quick query is answered at once', async () => {
  const triples = Array.from({ length: BIG }, (_, i) => `<urn:big:s${i}> <urn:big:p> ${i} .`).join('\n');
  await store.replaceGraph('urn:test:big', triples, 'text/turtle');
  const slowQuery = 'SELECT (COUNT(*) AS ?n) WHERE { GRAPH <urn:test:big> { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l } }';
  const started = performance.now();
  let slowDone = 0;
  const slow = get(slowQuery).then(async (r) => {
    slowDone = performance.now();
    return { status: r.status, text: await r.text() };
  });
  await new Promise((resolve) => setTimeout(resolve, 200));
  const quick = await get('SELECT (COUNT(*) AS ?n) WHERE { GRAPH <urn:test:big> { ?s ?p ?o } }', { accept: 'text/csv' });
  assert.equal(quick.status, 200);
  assert.equal(await quick.text(), `n\r\n${BIG}\r\n`);
  // Order of events, not wall-clock: the quick query is answered while the slow one still runs …
  assert.equal(slowDone, 0, 'the slow query should still be running when the quick one is answered');
  const answer = await slow;
  // … and the slow one is stopped by the time limit (not earlier), with 503; a generous liveness bound (10×) only.
  assert.equal(answer.status, 503);
  assert.match(answer.text, new RegExp(`time limit of ${TIMEOUT_MS} ms`));
  assert.ok(slowDone - started >= TIMEOUT_MS, `stopped after ${Math.round(slowDone - started)} ms, before the time limit`);
  assert.ok(slowDone - started < TIMEOUT_MS * 10, `still running after ${Math.round(slowDone - started)} ms`);
  // The stopped replica is rebuilt from the journal: every replica still has all the data.
  for (let i = 0; i < 4; i++) {
    const again = await get('SELECT (COUNT(*) AS ?n) WHERE { GRAPH <urn:test:big> { ?s ?p ?o } }', { accept: 'text/csv' });
    assert.equal(await again.text(), `n\r\n${BIG}\r\n`);
  }
});

test('bad requests: PUT, two queries, update by GET, unknown content type, oversized query', async () => {
  assert.equal((await fetch(`${endpoint}?query=ASK{}`, { method: 'PUT' })).status, 405);
  assert.equal((await fetch(`${endpoint}?query=ASK{}&query=ASK{}`)).status, 400);
  assert.equal((await fetch(`${endpoint}?update=CLEAR%20ALL`)).status, 400);
  const wrongType = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  assert.equal(wrongType.status, 415);
  assert.match(await wrongType.text(), /application\/sparql-query/);
  const huge = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/sparql-query' },
    body: `ASK {} #${'x'.repeat(300 * 1024)}`,
  });
  assert.equal(huge.status, 413);
});
