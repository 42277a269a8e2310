/**
 * Hostile requests against the real service on the embedded store, with the
 * committed access policy (issue 11.3, 11.5, 11.7, 11.8):
 *  - slow bodies and slow headers cannot take the request slots: they are cut
 *    off (408) while plain requests keep being served; an idle keep-alive
 *    connection between requests is left alone;
 *  - an update without write rights is 401/403 before anything else happens
 *    (no parse, no store, no cache flush), empty ones included; an update that
 *    changes nothing does not touch the store; LOAD is 501;
 *  - answers are capped in bytes as well as rows (422 naming the cap);
 *  - documents answer PUT/DELETE/PATCH/POST with 405 and Allow; Vary names
 *    Accept and the credential headers together.
 * After each attack plain requests still answer.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/cli/paths.js';
import { loadAccessPolicy } from '../src/server/access/policy.js';
import { TOKENS } from './access-suite.js';
import { ROOT, startFixtureService, type FixtureService } from './server-support.js';
import { LIVENESS_MS, plainRequestsAnswer } from './support/liveness.js';

const SLOTS = 16;
const INBOUND = { headersMs: 2000, bodyIdleMs: 3000, bodyGraceMs: 2000, minBodyBytesPerSecond: 200, checkEveryMs: 250 };
const BYTE_CAP = 1024 * 1024;
const beheerder = { authorization: `Bearer ${TOKENS.GGM_TOKEN_BEHEERDER}` };
const sociaal = { authorization: `Bearer ${TOKENS.GGM_TOKEN_SOCIAAL_DOMEIN}` };

let service: FixtureService;
let port: number;
before(async () => {
  service = await startFixtureService({
    cacheBytes: 64 * 1024 * 1024,
    maxConcurrent: SLOTS,
    inbound: INBOUND,
    access: loadAccessPolicy(path.join(PROJECT_ROOT, 'config', 'access.yaml'), TOKENS),
    sparql: { resultBytes: BYTE_CAP, resultCap: 10_000 },
  });
  port = service.port;
});
after(() => service.close());

/** A raw connection that sends `head` and then one byte of its body every `everyMs`; resolves with what the server answered when it closes. */
function trickle(head: string, everyMs: number): { closed: Promise<string> } {
  const socket = net.connect(port, '127.0.0.1');
  let answer = '';
  socket.setEncoding('utf8');
  socket.on('data', (d: string) => (answer += d));
  socket.on('error', () => undefined);
  socket.once('connect', () => socket.write(head));
  const timer = setInterval(() => socket.writable && socket.write('a'), everyMs);
  const closed = new Promise<string>((resolve) =>
    socket.once('close', () => {
      clearInterval(timer);
      resolve(answer);
    }),
  );
  return { closed };
}

test('300 slow-body connections and 50 slow-header connections do not take the slots; they get 408 and are closed', async () => {
  const slowBodies = Array.from({ length: 300 }, () =>
    trickle('POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nContent-Length: 1000\r\n\r\n', 1000),
  );
  const slowHeaders = Array.from({ length: 50 }, () => trickle('GET /def/ggm HTTP/1.1\r\nHost: x\r\n', 500));
  const started = Date.now();
  await new Promise((r) => setTimeout(r, 1000)); // all connected and started their bodies
  // Meanwhile, uncached plain requests (SPARQL, a POSTed query, a graph document) are served, not refused as busy.
  for (let i = 0; i < 5; i++) {
    await plainRequestsAnswer(service.base, 'slow bodies');
    const posted = await fetch(`${service.base}/sparql`, {
      method: 'POST',
      headers: { 'content-type': 'application/sparql-query', accept: 'application/sparql-results+json' },
      body: `ASK { <urn:x:${i}> ?p ?o }`,
    });
    assert.equal(posted.status, 200, await posted.text());
  }
  const bodies = await Promise.all(slowBodies.map((s) => s.closed));
  const headers = await Promise.all(slowHeaders.map((s) => s.closed));
  assert.ok(Date.now() - started < 5 * LIVENESS_MS, 'the slow connections were closed');
  for (const answer of bodies)
    assert.match(answer, /^HTTP\/1\.1 408 [\s\S]*408 the request body (arrived at less than 200 bytes per second|paused)/);
  for (const answer of headers) assert.match(answer, /^HTTP\/1\.1 408|^$/);
  await plainRequestsAnswer(service.base, 'slow bodies, after');
});

test('an idle keep-alive connection between two requests is left open', async () => {
  const socket = net.connect(port, '127.0.0.1');
  socket.setEncoding('utf8');
  const responses: string[] = [];
  let buffer = '';
  socket.on('data', (d: string) => {
    buffer += d;
    const end = buffer.indexOf('\r\n\r\n');
    const length = Number(/content-length: (\d+)/i.exec(buffer)?.[1] ?? -1);
    if (end >= 0 && length >= 0 && buffer.length >= end + 4 + length) {
      responses.push(buffer.slice(0, end + 4 + length));
      buffer = buffer.slice(end + 4 + length);
    }
  });
  await new Promise((r) => socket.once('connect', r));
  const ask = 'GET /def/ggm/Zaak.nt HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n';
  socket.write(ask);
  while (responses.length < 1) await new Promise((r) => setTimeout(r, 50));
  // Idle for longer than the headers and body limits, but within the keep-alive timeout.
  await new Promise((r) => setTimeout(r, INBOUND.bodyIdleMs + 500));
  assert.ok(!socket.destroyed, 'the idle connection is still open');
  socket.write(ask);
  while (responses.length < 2 && !socket.destroyed) await new Promise((r) => setTimeout(r, 50));
  assert.equal(responses.length, 2);
  assert.match(responses[1]!, /^HTTP\/1\.1 200/);
  socket.destroy();
});

test('an update without write rights is 401/403 before anything happens; one that changes nothing does not reach the store', async () => {
  const version = service.store.version;
  const updates = [
    ['INSERT DATA {}', 'application/sparql-update'],
    ['DELETE DATA {}', 'application/sparql-update'],
    ['INSERT DATA { GRAPH <urn:g> {} }', 'application/sparql-update'],
    ['', 'application/sparql-update'],
    ['INSERT DATA { <urn:s> <urn:p> "broken" ', 'application/sparql-update'], // not even parsed
    ['LOAD <http://127.0.0.1/x.ttl>', 'application/sparql-update'],
    [`update=${encodeURIComponent('INSERT DATA {}')}`, 'application/x-www-form-urlencoded'],
  ];
  for (const [body, type] of updates) {
    for (const [who, headers, status] of [
      ['anonymous', {}, 401],
      ['sociaal-domein', sociaal, 403],
    ] as const) {
      const res = await fetch(`${service.base}/sparql`, { method: 'POST', headers: { 'content-type': type!, ...headers }, body });
      const text = await res.text();
      assert.equal(res.status, status, `${who}: ${body}: ${text}`);
      assert.match(text, /updates need write rights/, `${who}: ${body}`);
    }
  }
  // A steward: an update that changes nothing is answered without touching the store; LOAD is not supported.
  for (const body of ['INSERT DATA {}', 'DELETE DATA { GRAPH <urn:g> {} }', '']) {
    const res = await fetch(`${service.base}/sparql`, {
      method: 'POST',
      headers: { 'content-type': 'application/sparql-update', ...beheerder },
      body,
    });
    assert.equal(res.status, 204, body);
  }
  const load = await fetch(`${service.base}/sparql`, {
    method: 'POST',
    headers: { 'content-type': 'application/sparql-update', ...beheerder },
    body: 'LOAD <http://127.0.0.1/x.ttl> INTO GRAPH <urn:g>',
  });
  assert.equal(load.status, 501);
  assert.match(await load.text(), /^501 LOAD is not supported/);
  assert.equal(service.store.version, version, 'no update reached the store: the response cache was not flushed');
  await plainRequestsAnswer(service.base, 'updates without rights');
});

test('answers are capped in bytes as well as rows: 422 naming the cap', async () => {
  // 658 bytes of query, a single row of 10.5 MB.
  const doublings = Array.from({ length: 20 }, (_, i) => `BIND(CONCAT(?a${i}, ?a${i}) AS ?a${i + 1})`).join(' ');
  const queries = [
    `SELECT ?a20 WHERE { BIND("0123456789" AS ?a0) ${doublings} }`,
    `CONSTRUCT { <urn:s> <urn:p> ?a20 } WHERE { BIND("0123456789" AS ?a0) ${doublings} }`,
  ];
  for (const q of queries) {
    assert.ok(q.length < 1000);
    const res = await fetch(`${service.base}/sparql?query=${encodeURIComponent(q)}`, {
      headers: { accept: 'application/sparql-results+json, text/turtle' },
    });
    const body = await res.text();
    assert.equal(res.status, 422, body.slice(0, 200));
    assert.match(body, new RegExp(`^422 query stopped: the answer is larger than ${BYTE_CAP} bytes \\(the byte cap\\)`));
  }
  const small = await fetch(`${service.base}/sparql?query=${encodeURIComponent('SELECT ?a WHERE { BIND("x" AS ?a) }')}`, {
    headers: { accept: 'application/sparql-results+json' },
  });
  assert.equal(small.status, 200);
  await plainRequestsAnswer(service.base, 'answers past the byte cap');
});

test('documents are read-only: PUT, DELETE, PATCH and POST are 405 with Allow', async () => {
  for (const p of ['/def/ggm/Zaak', '/doc/zaak/Z-2024-001', '/graph/demo', '/id/zaak/Z-2024-001', '/def/ggm/Zaak.ttl']) {
    for (const method of ['PUT', 'DELETE', 'PATCH', 'POST']) {
      const res = await fetch(`${service.base}${p}`, {
        method,
        headers: { 'content-type': 'text/turtle', ...beheerder },
        body: '<urn:s> <urn:p> <urn:o> .',
      });
      assert.equal(res.status, 405, `${method} ${p}: ${await res.text()}`);
      assert.equal(res.headers.get('allow'), 'GET, HEAD, OPTIONS', `${method} ${p}`);
    }
  }
});

test('Vary names Accept and the credential headers together, on documents (cached too), SPARQL and pages', async () => {
  for (const [p, accept] of [
    ['/def/ggm/Zaak', 'text/turtle'],
    ['/def/ggm/Zaak', 'text/turtle'],
    ['/def/ggm/Zaak', 'text/html'],
    [`/sparql?query=${encodeURIComponent('ASK { ?s ?p ?o }')}`, 'application/sparql-results+json'],
    ['/sparql', 'text/turtle'],
    ['/doc/bestaat-niet', 'text/html'],
  ]) {
    for (const headers of [{}, beheerder]) {
      const res = await fetch(`${service.base}${p}`, { headers: { accept: accept!, ...headers } });
      await res.arrayBuffer();
      const vary = (res.headers.get('vary') ?? '').split(',').map((v) => v.trim().toLowerCase());
      for (const h of ['accept', 'authorization', 'x-api-key'])
        assert.ok(vary.includes(h), `${p} (${accept}): Vary ${res.headers.get('vary')}`);
    }
  }
});

test('a publication without write rights is refused naming the graph', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ggm-publish-denied-'));
  try {
    const file = path.join(dir, 'aanbesteding.nt');
    const GGM = 'https://gemeentelijkgegevensmodel.nl/def/ggm/';
    await writeFile(
      file,
      `<https://demo.gemeentelijkgegevensmodel.nl/id/aanbesteding/1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <${GGM}Aanbesteding> .\n`,
    );
    const graph = 'https://demo.gemeentelijkgegevensmodel.nl/graph/aanbestedingen';
    for (const [who, token, status] of [
      ['anonymous', undefined, 401],
      ['sociaal-domein', TOKENS.GGM_TOKEN_SOCIAAL_DOMEIN, 403],
    ] as const) {
      const env: NodeJS.ProcessEnv = { ...process.env };
      delete env.GGM_PUBLISH_TOKEN;
      if (token) env.GGM_PUBLISH_TOKEN = token;
      const run = spawn(
        process.execPath,
        [path.join(ROOT, 'dist/src/cli/main.js'), 'publish', file, '--graph', graph, '--to', `${service.base}/sparql`, '--quiet'],
        { env },
      );
      let stderr = '';
      run.stderr.on('data', (d) => (stderr += d));
      const code = await new Promise((resolve) => run.on('close', resolve));
      assert.equal(code, 1, `${who}: ${stderr}`);
      assert.match(
        stderr,
        new RegExp(`HTTP ${status}\\): replacing graph <${graph}> was refused: ${status} updates need write rights`),
        `${who}: ${stderr}`,
      );
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
