/**
 * IRIs in SPARQL text (store/sparql-text.ts): a hostile graph name cannot add
 * operations to an update — not through `ggm publish --graph`, not through the
 * remote store's SPARQL Update, not through the embedded store — and every graph
 * the service publishes is written unchanged.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import sparqljs from 'sparqljs';
import { COMMANDS, IMPORT, PUBLISH, VALIDATE } from '../src/cli/commands.js';
import { resolveCommand } from '../src/cli/options.js';
import { EmbeddedStore } from '../src/store/embedded.js';
import { RemoteStore } from '../src/store/remote.js';
import { InvalidIriError, sparqlGraph, sparqlIri } from '../src/store/sparql-text.js';
import type { SparqlStore } from '../src/store/types.js';
import { startFixtureService } from './server-support.js';

const TOKEN = 'sparql-text-test-credential';
const service = await startFixtureService({ sparql: { updateCredential: TOKEN } });
after(() => service.close());

/** Graph names that would end the IRI and go on as SPARQL of their own, and the other characters an IRIREF cannot hold. */
const HOSTILE = [
  'https://example.org/g> } ; DROP ALL ; INSERT DATA { GRAPH <https://example.org/h',
  'https://example.org/g> ;\nCLEAR ALL ;\nDROP SILENT GRAPH <https://example.org/h',
  'https://example.org/g>#',
  'https://example.org/<g',
  'https://example.org/a b',
  'https://example.org/a\tb',
  'https://example.org/a\nb',
  'https://example.org/a\u0000b',
  'https://example.org/"g"',
  'https://example.org/{g}',
  'https://example.org/a|b',
  'https://example.org/a^b',
  'https://example.org/a`b',
  'https://example.org/a\\u003E',
];

/** Every graph with its triple count: what a refused write must leave as it was. */
async function snapshot(store: SparqlStore): Promise<string> {
  return JSON.stringify((await store.graphs()).map((g) => [g.iri, g.triples]).sort());
}

test('every graph the service publishes is written as itself, and parses back as one IRI', async () => {
  const graphs = (await service.store.graphs()).map((g) => g.iri);
  assert.ok(graphs.length >= 4, graphs.join(' '));
  const parser = new sparqljs.Parser();
  for (const g of graphs) {
    const parsed = parser.parse(`DROP SILENT GRAPH ${sparqlGraph(g)}`) as sparqljs.Update;
    assert.equal(parsed.updates.length, 1);
    assert.deepEqual((parsed.updates[0] as sparqljs.ClearDropOperation).graph.name?.value, g);
  }
});

test('a name that cannot be an IRI is refused with 400 invalid-iri, never patched', () => {
  for (const h of HOSTILE) {
    for (const write of [sparqlIri, sparqlGraph])
      assert.throws(
        () => write(h),
        (e: unknown) =>
          e instanceof InvalidIriError && e.status === 400 && e.code === 'invalid-iri' && e.message.includes(JSON.stringify(h)),
        h,
      );
  }
  for (const relative of ['', 'graph/zaken', '/graph/zaken', '#g']) assert.throws(() => sparqlGraph(relative), InvalidIriError, relative);
  assert.equal(sparqlGraph('urn:uuid:5f1d0c4e-1111-4222-8333-944455556666'), '<urn:uuid:5f1d0c4e-1111-4222-8333-944455556666>');
});

test('the remote store (SPARQL Update on the running service) refuses a hostile graph before sending anything', async () => {
  const remote = new RemoteStore({ queryUrl: `${service.url}/sparql`, credential: { bearer: TOKEN } });
  try {
    const before = await snapshot(service.store);
    for (const h of HOSTILE)
      await assert.rejects(
        remote.replaceGraph(h, '<https://example.org/s> <https://example.org/p> "o" .', 'application/n-triples'),
        InvalidIriError,
        h,
      );
    assert.equal(await snapshot(service.store), before, 'no graph changed');
    // The same store and credential do replace a graph with a proper name (the refusals were not a broken connection).
    const graph = 'https://example.org/graph/sparql-text';
    assert.equal(await remote.replaceGraph(graph, '<https://example.org/s> <https://example.org/p> "o" .', 'application/n-triples'), 1);
    assert.equal((await service.store.graphs()).find((g) => g.iri === graph)?.triples, 1);
  } finally {
    await remote.close();
  }
});

test('the embedded store refuses a hostile graph on load and replace; its graphs stay as they were', async () => {
  const store = new EmbeddedStore({ workers: 1, heavyWorkers: 0 });
  try {
    await store.load('<https://example.org/a> <https://example.org/p> "1" .', 'application/n-triples', 'https://example.org/g');
    await store.load('<https://example.org/b> <https://example.org/p> "2" .', 'application/n-triples', 'https://example.org/h');
    const before = await snapshot(store);
    for (const h of HOSTILE) {
      await assert.rejects(
        store.replaceGraph(h, '<https://example.org/x> <https://example.org/p> "3" .', 'application/n-triples'),
        InvalidIriError,
        h,
      );
      await assert.rejects(
        store.load('<https://example.org/x> <https://example.org/p> "3" .', 'application/n-triples', h),
        InvalidIriError,
        h,
      );
    }
    assert.equal(await snapshot(store), before);
  } finally {
    await store.close();
  }
});

test('ggm publish, validate and import refuse such a --graph, naming the flag', () => {
  const hostile = HOSTILE[0]!;
  assert.throws(
    () => resolveCommand(PUBLISH, ['data.nt', '--graph', hostile, '--to', 'http://localhost:3000/sparql'], {}, COMMANDS),
    /--graph: not an absolute IRI/,
  );
  assert.throws(
    () => resolveCommand(VALIDATE, ['--endpoint', 'http://localhost:3000/sparql', '--graph', hostile], {}, COMMANDS),
    /--graph: not an absolute IRI/,
  );
  assert.throws(
    () => resolveCommand(IMPORT, ['csv', 'x.csv', '--out', 'x.nq', '--graph', 'graph/zaken'], {}, COMMANDS),
    /--graph: not an absolute IRI/,
  );
  const ok = resolveCommand(
    PUBLISH,
    ['data.nt', '--graph', 'https://data.example.org/graph/zaken', '--to', 'http://localhost:3000/sparql'],
    {},
    COMMANDS,
  );
  assert.equal(ok.values.graph, 'https://data.example.org/graph/zaken');
});
