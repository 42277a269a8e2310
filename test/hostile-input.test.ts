/**
 * Hostile input against a real service (embedded store, the server fixture,
 * updates allowed with a credential): every W3C SPARQL 1.1 negative syntax test
 * is a 400, never a 500; fuzzed Accept headers, path traversal, broken
 * percent-encoding and overlong UTF-8, over-long IRIs, SERVICE calls to internal
 * addresses, huge and deeply nested queries are refused cleanly; markup in
 * the data is escaped on every HTML page type; the server stays up throughout.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Parser } from 'n3';
import { startFixtureService, type FixtureService } from './server-support.js';
import path from 'node:path';
import { sharedDir } from '../src/cli/paths.js';

const W3C = `${path.join(sharedDir(), 'w3c', 'sparql', 'sparql11')}/`;
const CREDENTIAL = 'hostile-input-test-credential';
const MF = 'http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#';

let service: FixtureService;
let base: string;
const statuses: number[] = [];

before(async () => {
  service = await startFixtureService({ sparql: { updateCredential: CREDENTIAL } });
  base = service.base;
});
after(() => service.close());

async function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const res = await fetch(`${base}${path}`, { headers, redirect: 'manual' });
  const body = await res.text();
  statuses.push(res.status);
  return { status: res.status, body };
}

/** Entries of a W3C manifest with the given type: [name, file path]. */
function negativeTests(dir: string, type: string): Array<[string, string]> {
  const file = `${W3C}${dir}/manifest.ttl`;
  const quads = new Parser({ baseIRI: pathToFileURL(file).href }).parse(readFileSync(file, 'utf8'));
  const typed = new Set(
    quads.filter((q) => q.predicate.value.endsWith('#type') && q.object.value === `${MF}${type}`).map((q) => q.subject.value),
  );
  return quads
    .filter((q) => typed.has(q.subject.value) && q.predicate.value === `${MF}action`)
    .map((q) => [q.subject.value.split('#').pop()!, fileURLToPath(q.object.value)]);
}

test('every W3C SPARQL 1.1 negative query syntax test is 400 with a message', async () => {
  const tests = negativeTests('syntax-query', 'NegativeSyntaxTest11');
  assert.ok(tests.length >= 30, `found ${tests.length}`);
  for (const [name, file] of tests) {
    const res = await fetch(`${base}/sparql`, {
      method: 'POST',
      headers: { 'content-type': 'application/sparql-query' },
      body: readFileSync(file),
    });
    const body = await res.text();
    assert.equal(res.status, 400, `${name}: ${res.status} ${body}`);
    assert.ok(body.length > 10, name);
  }
});

test('every W3C SPARQL 1.1 negative update syntax test, sent with a valid credential, is 400', async () => {
  const tests = [
    ...negativeTests('syntax-update-1', 'NegativeUpdateSyntaxTest11'),
    ...negativeTests('syntax-update-2', 'NegativeUpdateSyntaxTest11'),
  ];
  assert.ok(tests.length >= 10, `found ${tests.length}`);
  for (const [name, file] of tests) {
    const res = await fetch(`${base}/sparql`, {
      method: 'POST',
      headers: { 'content-type': 'application/sparql-update', authorization: `Bearer ${CREDENTIAL}` },
      body: readFileSync(file),
    });
    assert.equal(res.status, 400, `${name}: ${res.status} ${await res.text()}`);
  }
});

test('fuzzed Accept headers never give a 500', async () => {
  const accepts = [
    '',
    '*',
    '*/*;q=abc',
    'text/html;q=2',
    'application/*;q=0',
    ';;;,,,',
    'text/turtle;q=0.5;q=0.9',
    'x'.repeat(8000),
    '\u00e9/\u00e9',
    'text/html, */*;q=-1',
    'application/ld+json;profile="',
    'a/b;c=d;e, f/g',
    '*/html',
    'text/*;q=0.0001',
  ];
  const paths = [
    '/',
    '/def/ggm',
    '/def/ggm/Zaak',
    '/.well-known/void',
    `/sparql?query=${encodeURIComponent('SELECT * WHERE { ?s ?p ?o } LIMIT 1')}`,
    '/zoeken?q=zaak',
    '/doc/nothing-here',
  ];
  for (const accept of accepts) {
    for (const path of paths) {
      const r = await get(path, { accept });
      assert.ok(r.status < 500, `${path} with Accept ${JSON.stringify(accept.slice(0, 40))}: ${r.status}`);
    }
  }
});

test('path traversal never reaches a file outside what is published', async () => {
  const attempts = [
    '/def/../../etc/passwd',
    '/def/%2e%2e/%2e%2e/etc/passwd',
    '/def/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd',
    '/doc/..%2f..%2f..%2fetc%2fpasswd',
    '/assets/../package.json',
    '/assets/%2e%2e/package.json',
    '/assets/..%2fpackage.json',
    '/assets/..%5cpackage.json',
    '/assets/yasgui/../../../package.json',
    '/assets/yasgui/%2e%2e/%2e%2e/%2e%2e/package.json',
    '/assets/%c0%ae%c0%ae/package.json',
    '/assets/....//....//etc/passwd',
    '/def/ggm/..%00/etc/passwd',
  ];
  for (const path of attempts) {
    const r = await get(path);
    assert.ok(r.status < 500, `${path}: ${r.status}`);
    assert.ok(!/root:x:0:0|"name": "ggm-linked-data"/.test(r.body), `${path} served a file outside the published folders`);
  }
});

test('broken percent-encoding, overlong UTF-8, control characters and over-long IRIs are 4xx', async () => {
  const odd = [
    '/id/%ZZ',
    '/doc/%',
    '/doc/%C0%AE',
    '/doc/%FF%FE',
    '/def/ggm/%00',
    '/def/ggm/%E2%82',
    '/doc/a%0d%0aSet-Cookie:x=1',
    '/def/ggm/<script>',
    `/def/ggm/${'a'.repeat(60_000)}`,
    `/id/${'%C3%A9'.repeat(5000)}`,
    `/doc/x?page=${'9'.repeat(500)}`,
  ];
  for (const path of odd) {
    const r = await get(path, { accept: 'text/html' });
    assert.ok(r.status >= 300 && r.status < 500, `${path.slice(0, 60)}: ${r.status}`);
    assert.ok(!r.body.includes('<script>'), `${path.slice(0, 60)}: markup echoed unescaped`);
  }
});

test('SERVICE to internal addresses is refused with 400', async () => {
  const targets = [
    'http://127.0.0.1:5432/',
    'http://169.254.169.254/latest/meta-data/',
    'http://[::1]/sparql',
    'http://localhost/sparql',
    'http://LOCALHOST./sparql',
    'http://0.0.0.0/',
    'http://2130706433/',
    'http://127.1/',
    'http://[::ffff:127.0.0.1]/',
    `${base}/sparql`,
  ];
  for (const t of targets) {
    const q = `SELECT * WHERE { SERVICE <${t}> { ?s ?p ?o } }`;
    const r = await get(`/sparql?query=${encodeURIComponent(q)}`);
    assert.equal(r.status, 400, `${t}: ${r.status} ${r.body}`);
    assert.match(r.body, /SERVICE/);
  }
  const nested = 'SELECT * WHERE { { OPTIONAL { FILTER EXISTS { SERVICE SILENT <http://169.254.169.254/> { ?s ?p ?o } } } } }';
  assert.equal((await get(`/sparql?query=${encodeURIComponent(nested)}`)).status, 400);
});

test('huge and deeply nested queries are 400 or 413, and the server stays up', async () => {
  const deepGroups = `SELECT * WHERE ${'{'.repeat(10_000)} ?s ?p ?o ${'}'.repeat(10_000)}`;
  const deepExpression = `SELECT * WHERE { ?s ?p ?o FILTER(${'('.repeat(10_000)}?o${')'.repeat(10_000)}) }`;
  const deepPath = `SELECT * WHERE { ?s ${'('.repeat(5_000)}<urn:p>${')*'.repeat(5_000)} ?o }`;
  const big = `SELECT * WHERE { ?s ?p ?o FILTER(?o IN (${Array.from({ length: 400_000 }, (_, i) => `"v${i}"`).join(',')})) }`;
  for (const [name, query] of [
    ['10,000 nested groups', deepGroups],
    ['10,000 nested parentheses', deepExpression],
    ['5,000 nested path operators', deepPath],
    ['a 5 MB query', big],
  ] as const) {
    const res = await fetch(`${base}/sparql`, { method: 'POST', headers: { 'content-type': 'application/sparql-query' }, body: query });
    const body = await res.text();
    assert.ok(res.status === 400 || res.status === 413, `${name}: ${res.status} ${body.slice(0, 200)}`);
  }
  const form = await fetch(`${base}/sparql`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `query=${'a'.repeat(6 * 1024 * 1024)}`,
  });
  assert.equal(form.status, 413);
  const deepUpdate = `INSERT DATA { ${'{'.repeat(10_000)} }`;
  const u = await fetch(`${base}/sparql`, {
    method: 'POST',
    headers: { 'content-type': 'application/sparql-update', authorization: `Bearer ${CREDENTIAL}` },
    body: deepUpdate,
  });
  assert.equal(u.status, 400);
  assert.equal((await get('/def/ggm', { accept: 'text/turtle' })).status, 200, 'the server still answers');
});

test('markup in the data is escaped on every HTML page type', async () => {
  const payload = '<script>alert("xss")</script><img src=x onerror=alert(1)>';
  const literal = JSON.stringify(payload);
  const g = 'https://demo.gemeentelijkgegevensmodel.nl/graph/xss';
  const item = 'https://demo.gemeentelijkgegevensmodel.nl/id/xss/item';
  const scheme = 'https://gemeentelijkgegevensmodel.nl/def/ggm/codelijst/XssLijst';
  const update = `PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
    INSERT DATA { GRAPH <${g}> {
      <${item}> a <https://gemeentelijkgegevensmodel.nl/def/ggm/Zaak> ; rdfs:label ${literal}@nl ; rdfs:comment ${literal} ; <https://gemeentelijkgegevensmodel.nl/def/ggm/zaak.omschrijving> ${literal} ;
        <urn:x:link> <javascript:alert(1)> .
      <${scheme}> a skos:ConceptScheme ; skos:prefLabel ${literal}@nl .
      <${scheme}/waarde> a skos:Concept ; skos:inScheme <${scheme}> ; skos:prefLabel ${literal}@nl ; skos:notation ${literal} .
    } }`;
  const res = await fetch(`${base}/sparql`, {
    method: 'POST',
    headers: { 'content-type': 'application/sparql-update', authorization: `Bearer ${CREDENTIAL}` },
    body: update,
  });
  assert.equal(res.status, 204, await res.text());
  const pages = [
    '/doc/xss/item',
    '/def/ggm/codelijst/XssLijst',
    '/graph/xss',
    `/zoeken?q=${encodeURIComponent('<script>')}`,
    `/zoeken?q=${encodeURIComponent(payload)}`,
    `/doc/${encodeURIComponent(payload)}`,
    '/',
    '/sparql',
  ];
  let escapedSeen = 0;
  for (const page of pages) {
    const r = await get(page, { accept: 'text/html' });
    assert.ok(r.status < 500, `${page}: ${r.status}`);
    assert.ok(!r.body.includes('<script>alert'), `${page}: the script payload is rendered as markup`);
    assert.ok(!/<img[^>]*onerror/i.test(r.body), `${page}: the img payload is rendered as markup`);
    assert.ok(!/href="javascript:/i.test(r.body), `${page}: a javascript: link is clickable`);
    if (r.body.includes('&lt;script&gt;alert')) escapedSeen++;
  }
  assert.ok(escapedSeen >= 3, `the payload shows (escaped) on ${escapedSeen} pages`);
});

test('no request in this file got a 500, and the server is still up', async () => {
  assert.ok(statuses.length > 100);
  assert.deepEqual(
    statuses.filter((s) => s >= 500),
    [],
  );
  assert.equal((await get('/')).status, 200);
});
