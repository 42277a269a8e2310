/**
 * The two store backends on real data: the embedded store (loading the
 * project's ontology, atomic graph replacement, the triple budget, replicas
 * rebuilt after a runaway update) and the remote store, proven against this
 * project's own SPARQL endpoint over HTTP (chunked replacement with blank
 * nodes, result cap, errors, unreachable endpoint).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import express from 'express';
import { Parser } from 'n3';
import { createSparqlRouter } from '../src/server/sparql/router.js';
import { EmbeddedStore } from '../src/store/embedded.js';
import { RemoteStore } from '../src/store/remote.js';
import {
  QueryResultCapError,
  QuerySyntaxError,
  QueryTimeoutError,
  StoreRefusedError,
  StoreUnavailableError,
  TripleBudgetError,
} from '../src/store/types.js';

const ONTOLOGY = new URL('../../ontology/ggm.ttl', import.meta.url).pathname;
const CSV = 'text/csv';

async function count(store: EmbeddedStore | RemoteStore, where: string): Promise<number> {
  const answer = await store.query(`SELECT (COUNT(*) AS ?n) WHERE { ${where} }`, { mediaType: CSV, timeoutMs: 10_000 });
  return Number(answer.body.split('\r\n')[1]);
}

describe('embedded store', () => {
  let store: EmbeddedStore;
  before(() => {
    store = new EmbeddedStore({ workers: 2 });
  });
  after(() => store.close());

  test('loadFile loads the GGM ontology completely into a named graph, on every replica', async () => {
    const expected = new Parser().parse(readFileSync(ONTOLOGY, 'utf8')).length;
    const graph = 'https://example.org/graph/ggm';
    const loaded = await store.loadFile(ONTOLOGY, 'text/turtle', graph);
    assert.equal(loaded, expected);
    // two concurrent queries land on the two replicas
    const counts = await Promise.all([count(store, `GRAPH <${graph}> { ?s ?p ?o }`), count(store, `GRAPH <${graph}> { ?s ?p ?o }`)]);
    assert.deepEqual(counts, [expected, expected]);
    assert.deepEqual(await store.graphs(), [{ iri: graph, triples: expected }]);
  });

  test('replaceGraph swaps the content; bad data leaves the old graph serving', async () => {
    const g = 'urn:test:replace';
    assert.equal(await store.replaceGraph(g, '<urn:a> <urn:b> 1, 2, 3 .', 'text/turtle'), 3);
    assert.equal(await store.replaceGraph(g, '<urn:a> <urn:b> 4, 5 .', 'text/turtle'), 2);
    await assert.rejects(store.replaceGraph(g, '<urn:a> <urn:b> 6 ;\n <urn:c> .', 'text/turtle'), (e: Error) => {
      assert.match(e.message, /line 2/);
      return true;
    });
    const values = await store.query(`SELECT ?o WHERE { GRAPH <${g}> { ?s ?p ?o } } ORDER BY ?o`, { mediaType: CSV, timeoutMs: 5000 });
    assert.equal(values.body, 'o\r\n4\r\n5\r\n');
    assert.equal(await count(store, `GRAPH <${g}> { ?s ?p ?o }`), 2);
  });

  test('while a replica loads a large graph, another keeps answering from the old content', async () => {
    const g = 'urn:test:rolling';
    await store.replaceGraph(g, '<urn:old> <urn:p> 1 .', 'text/turtle');
    const big = Array.from({ length: 300_000 }, (_, i) => `<urn:s${i}> <urn:p> "${i}" .`).join('\n');
    let replaced = false;
    const replacing = store.replaceGraph(g, big, 'application/n-triples').then((n) => {
      replaced = true;
      return n;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const during = await count(store, `GRAPH <${g}> { ?s ?p ?o }`);
    assert.equal(replaced, false, 'the replacement finished too early to test reading during it');
    assert.equal(during, 1);
    assert.equal(await replacing, 300_000);
    const counts = await Promise.all([count(store, `GRAPH <${g}> { ?s ?p ?o }`), count(store, `GRAPH <${g}> { ?s ?p ?o }`)]);
    assert.deepEqual(counts, [300_000, 300_000]);
    await store.update(`DROP GRAPH <${g}>`, { timeoutMs: 10_000 });
  });

  test('a long journal is replaced by a snapshot, and a replica rebuilt from it has everything', async () => {
    const g = 'urn:test:journal';
    for (let i = 0; i < 70; i++)
      await store.update(`INSERT DATA { GRAPH <${g}> { <urn:item${i}> <urn:address> _:a . _:a <urn:number> ${i} } }`, { timeoutMs: 5000 });
    // a runaway query stops one replica; its replacement is rebuilt from the journal
    await assert.rejects(
      store.query(`SELECT (COUNT(*) AS ?n) WHERE { GRAPH <${g}> { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o } }`, {
        mediaType: CSV,
        timeoutMs: 300,
      }),
      QueryTimeoutError,
    );
    const joined = `GRAPH <${g}> { ?item <urn:address> ?a . ?a <urn:number> ?n }`;
    const counts = await Promise.all([count(store, joined), count(store, joined), count(store, joined)]);
    assert.deepEqual(counts, [70, 70, 70]);
    await store.update(`DROP GRAPH <${g}>`, { timeoutMs: 5000 });
  });

  test('a load over the triple budget is refused, pointing to the remote store, and the data stays as it was', async () => {
    const small = new EmbeddedStore({ workers: 1, tripleBudget: 5 });
    try {
      await small.load('<urn:a> <urn:b> 1, 2, 3 .', 'text/turtle');
      await assert.rejects(small.load('<urn:a> <urn:c> 1, 2, 3 .', 'text/turtle'), (e: Error) => {
        assert.ok(e instanceof TripleBudgetError);
        assert.match(e.message, /at most 5 triples.*remote SPARQL store/);
        return true;
      });
      await assert.rejects(small.replaceGraph('urn:g', '<urn:a> <urn:c> 1, 2, 3 .', 'text/turtle'), TripleBudgetError);
      assert.equal(await count(small, '?s ?p ?o'), 3);
      assert.equal(await count(small, 'GRAPH ?g { ?s ?p ?o }'), 0);
    } finally {
      await small.close();
    }
  });

  test('result cap and syntax errors from the engine', async () => {
    await assert.rejects(
      store.query('SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }', {
        mediaType: 'application/sparql-results+xml',
        timeoutMs: 5000,
        resultCap: 10,
      }),
      QueryResultCapError,
    );
    await assert.rejects(
      store.query('CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }', { mediaType: 'text/turtle', timeoutMs: 5000, resultCap: 10 }),
      QueryResultCapError,
    );
    await assert.rejects(
      store.update('INSERT DATA { <urn:a> }', { timeoutMs: 5000 }),
      (e: Error) => e instanceof QuerySyntaxError && (e as QuerySyntaxError).line === 1,
    );
  });

  test('an update past its time limit is undone everywhere: replicas are rebuilt from the journal without it', async () => {
    const triples = Array.from({ length: 60 }, (_, i) => `<urn:n${i}> <urn:p> ${i} .`).join('\n');
    await store.replaceGraph('urn:test:slow', triples, 'text/turtle');
    const slowUpdate =
      'INSERT { GRAPH <urn:test:product> { ?a <urn:q> ?d } } WHERE { GRAPH <urn:test:slow> { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l } }';
    await assert.rejects(store.update(slowUpdate, { timeoutMs: 500 }), QueryTimeoutError);
    const before = await count(store, 'GRAPH <urn:test:slow> { ?s ?p ?o }');
    assert.equal(before, 60);
    for (let i = 0; i < 3; i++) assert.equal(await count(store, 'GRAPH <urn:test:product> { ?s ?p ?o }'), 0);
    // and writes after the rebuild reach every replica
    await store.update('INSERT DATA { GRAPH <urn:test:slow> { <urn:extra> <urn:p> 1 } }', { timeoutMs: 5000 });
    const counts = await Promise.all([
      count(store, 'GRAPH <urn:test:slow> { ?s ?p ?o }'),
      count(store, 'GRAPH <urn:test:slow> { ?s ?p ?o }'),
    ]);
    assert.deepEqual(counts, [61, 61]);
  });
});

describe("remote store against this project's SPARQL endpoint", () => {
  const credential = 'remote-test-credential';
  let backing: EmbeddedStore;
  let server: Server;
  let queryUrl: string;
  let remote: RemoteStore;
  before(async () => {
    backing = new EmbeddedStore({ workers: 2 });
    const app = express();
    app.use('/sparql', createSparqlRouter({ store: backing, updateCredential: credential, timeoutMs: 3000 }));
    server = app.listen(0);
    await new Promise((resolve) => server.once('listening', resolve));
    queryUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sparql`;
    remote = new RemoteStore({ queryUrl, credential: { bearer: credential }, insertChunkTriples: 4 });
  });
  after(async () => {
    await remote.close();
    server.close();
    await backing.close();
  });

  test('replaceGraph by SPARQL Update in chunks keeps blank nodes whole and replaces the old content', async () => {
    const g = 'urn:test:remote';
    const data = `@prefix ex: <urn:ex:> .
      ex:a ex:p 1, 2, 3, 4, 5 .
      ex:a ex:address [ ex:street "Markt" ; ex:number 1 ; ex:city [ ex:name "Delft" ; ex:code "2611" ] ] .
      ex:b ex:list ( 1 2 3 ) .`;
    const expected = new Parser().parse(data).length;
    assert.equal(await remote.replaceGraph(g, '<urn:old> <urn:p> 1 .', 'text/turtle'), 1);
    assert.equal(await remote.replaceGraph(g, data, 'text/turtle'), expected);
    assert.equal(await count(remote, `GRAPH <${g}> { ?s ?p ?o }`), expected);
    assert.equal(await count(remote, `GRAPH <${g}> { <urn:old> ?p ?o }`), 0);
    // the nested blank nodes still hang together
    assert.equal(await count(remote, `GRAPH <${g}> { <urn:ex:a> <urn:ex:address>/<urn:ex:city>/<urn:ex:name> "Delft" }`), 1);
    assert.equal(
      await count(
        remote,
        `GRAPH <${g}> { <urn:ex:b> <urn:ex:list>/<http://www.w3.org/1999/02/22-rdf-syntax-ns#rest>*/<http://www.w3.org/1999/02/22-rdf-syntax-ns#first> ?x }`,
      ),
      3,
    );
    assert.deepEqual(
      (await remote.graphs()).find((x) => x.iri === g),
      { iri: g, triples: expected },
    );
    // no temporary graph is left behind
    assert.deepEqual(
      (await remote.graphs()).map((x) => x.iri),
      [g],
    );
  });

  test('bad data never reaches the remote graph', async () => {
    await assert.rejects(remote.replaceGraph('urn:test:remote', '<urn:a> <urn:b> .', 'text/turtle'), /not valid text\/turtle/);
    assert.ok((await count(remote, 'GRAPH <urn:test:remote> { ?s ?p ?o }')) > 0);
  });

  test('queries in every format, with the dataset, the cap and errors', async () => {
    const select = await remote.query('SELECT ?o WHERE { ?s <urn:ex:p> ?o } ORDER BY ?o', {
      mediaType: CSV,
      timeoutMs: 5000,
      defaultGraphs: ['urn:test:remote'],
    });
    assert.equal(select.form, 'SELECT');
    assert.equal(select.body, 'o\r\n1\r\n2\r\n3\r\n4\r\n5\r\n');
    const turtle = await remote.query(
      'CONSTRUCT { <urn:ex:a> <urn:ex:p> ?o } WHERE { GRAPH <urn:test:remote> { <urn:ex:a> <urn:ex:p> ?o } }',
      { mediaType: 'text/turtle', timeoutMs: 5000, resultCap: 5 },
    );
    assert.equal(new Parser().parse(turtle.body).length, 5);
    await assert.rejects(
      remote.query('CONSTRUCT { <urn:ex:a> <urn:ex:p> ?o } WHERE { GRAPH <urn:test:remote> { <urn:ex:a> <urn:ex:p> ?o } }', {
        mediaType: 'text/turtle',
        timeoutMs: 5000,
        resultCap: 4,
      }),
      QueryResultCapError,
    );
    await assert.rejects(
      remote.query('SELECT ?o WHERE { GRAPH ?g { ?s ?p ?o } }', {
        mediaType: 'application/sparql-results+json',
        timeoutMs: 5000,
        resultCap: 3,
      }),
      QueryResultCapError,
    );
    // the endpoint's 400 is the store refusing the query, its error text passed on
    await assert.rejects(remote.query('SELECT * WHERE { ?s ?p }', { mediaType: CSV, timeoutMs: 5000 }), (e: Error) => {
      assert.ok(e instanceof StoreRefusedError, String(e));
      assert.equal(e.storeStatus, 400);
      assert.match(e.message, /^the SPARQL store refused the query \(HTTP 400\): 400 syntax error at line 1, column 21/);
      return true;
    });
    const ask = await remote.query('ASK { GRAPH ?g { <urn:ex:a> ?p ?o } }', {
      mediaType: 'application/sparql-results+json',
      timeoutMs: 5000,
    });
    assert.equal(ask.body, '{"head":{},"boolean":true}');
  });

  test('an update without the credential is refused by the endpoint', async () => {
    const anonymous = new RemoteStore({ queryUrl });
    try {
      await assert.rejects(anonymous.update('CLEAR ALL', { timeoutMs: 5000 }), /403/);
    } finally {
      await anonymous.close();
    }
  });

  test('a slow endpoint gives QueryTimeoutError, an unreachable one StoreUnavailableError at once', async () => {
    const silent = createServer(() => undefined); // accepts, never answers
    silent.listen(0);
    await new Promise((resolve) => silent.once('listening', resolve));
    const slowStore = new RemoteStore({ queryUrl: `http://127.0.0.1:${(silent.address() as AddressInfo).port}/sparql` });
    // The endpoint never answers, so the rejection itself shows the time limit acted; 10× the limit as a liveness bound.
    let answered = false;
    const timeout = slowStore
      .query('ASK {}', { mediaType: 'application/sparql-results+json', timeoutMs: 400 })
      .finally(() => (answered = true));
    const liveness = new Promise((resolve) => setTimeout(resolve, 4000).unref());
    await Promise.race([timeout.catch(() => undefined), liveness]);
    assert.ok(answered, 'the query was given up within 10× its time limit');
    await assert.rejects(timeout, QueryTimeoutError);
    await slowStore.close();
    silent.closeAllConnections();
    const port = (silent.address() as AddressInfo).port;
    await new Promise((resolve) => silent.close(resolve));
    const gone = new RemoteStore({ queryUrl: `http://127.0.0.1:${port}/sparql` });
    // "At once": refused before the time limit (10 s), so the error is StoreUnavailableError, not QueryTimeoutError.
    await assert.rejects(gone.query('ASK {}', { mediaType: 'application/sparql-results+json', timeoutMs: 10_000 }), (e: Error) => {
      assert.ok(e instanceof StoreUnavailableError, String(e));
      assert.match(e.message, /unreachable/);
      return true;
    });
    await gone.close();
  });
});
