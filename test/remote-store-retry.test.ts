/**
 * A remote store that turns a query away for now (503 + Retry-After, as a GGM service's
 * fair admission does) is asked again after the pause; an update or a long pause is not
 * repeated. Real HTTP against a small server that plays the remote store.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { RemoteStore } from '../src/store/remote.js';
import { StoreUnavailableError } from '../src/store/types.js';

const RESULTS = JSON.stringify({ head: { vars: ['n'] }, results: { bindings: [{ n: { type: 'literal', value: '1' } }] } });

/** A server answering 503 with the given Retry-After `refusals` times, then 200. */
async function remote(refusals: number, retryAfter: string): Promise<{ url: string; requests: () => number; close: () => Promise<void> }> {
  let seen = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      seen++;
      if (seen <= refusals) {
        res
          .writeHead(503, { 'retry-after': retryAfter, 'content-type': 'text/plain' })
          .end('this caller already has 1 heavy query running');
      } else {
        res.writeHead(200, { 'content-type': 'application/sparql-results+json' }).end(RESULTS);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/sparql`,
    requests: () => seen,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const select = { mediaType: 'application/sparql-results+json', timeoutMs: 10_000 };

test('a query turned away with 503 + Retry-After is asked again and answered', async () => {
  const r = await remote(2, '0');
  const store = new RemoteStore({ queryUrl: r.url, wktLiterals: 'as-is' });
  try {
    const answer = await store.query('SELECT (1 AS ?n) {}', select);
    assert.equal(JSON.parse(answer.body).results.bindings[0].n.value, '1');
    assert.equal(r.requests(), 3);
  } finally {
    await store.close();
    await r.close();
  }
});

test('a store that keeps refusing, or asks for a long pause, gives the 503; updates are never repeated', async () => {
  const always = await remote(100, '0');
  const store = new RemoteStore({ queryUrl: always.url, wktLiterals: 'as-is' });
  try {
    await assert.rejects(store.query('SELECT (1 AS ?n) {}', select), StoreUnavailableError);
    assert.equal(always.requests(), 21, 'one request and twenty retries');
    const before = always.requests();
    await assert.rejects(store.update('INSERT DATA { <urn:a> <urn:b> <urn:c> }', { timeoutMs: 10_000 }), StoreUnavailableError);
    assert.equal(always.requests() - before, 1);
  } finally {
    await store.close();
    await always.close();
  }
  const long = await remote(1, '120');
  const store2 = new RemoteStore({ queryUrl: long.url, wktLiterals: 'as-is' });
  try {
    await assert.rejects(store2.query('SELECT (1 AS ?n) {}', select), StoreUnavailableError);
    assert.equal(long.requests(), 1);
  } finally {
    await store2.close();
    await long.close();
  }
});

test('after a refusal, parallel queries wait in line here and go to the remote store one at a time', async () => {
  let seen = 0;
  let inFlight = 0;
  let most = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      seen++;
      if (seen === 1) {
        res.writeHead(503, { 'retry-after': '0' }).end('this caller already has 1 heavy query running');
        return;
      }
      inFlight++;
      most = Math.max(most, inFlight);
      setTimeout(() => {
        inFlight--;
        res.writeHead(200, { 'content-type': 'application/sparql-results+json' }).end(RESULTS);
      }, 30);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const store = new RemoteStore({ queryUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/sparql`, wktLiterals: 'as-is' });
  try {
    await store.query('SELECT (1 AS ?n) {}', select); // refused once, then answered: the store now sends one at a time
    const answers = await Promise.all(Array.from({ length: 6 }, () => store.query('SELECT (1 AS ?n) {}', select)));
    assert.equal(answers.length, 6);
    assert.equal(most, 1, 'one query at a time at the remote store');
  } finally {
    await store.close();
    await new Promise((resolve) => server.close(resolve));
  }
});
