/**
 * Fair admission by measured cost (issue 11.4), on the project's published
 * data: one anonymous caller keeping two costly three-way joins in flight
 * (light to inspection: one chain of joins) used to hold both shared replicas
 * until both were stopped and rebuilt at once, and 5 of 6 plain ASK probes of
 * others failed with 503. Now a caller's unproven queries run one at a time on
 * the shared lane, a caller that spent much engine time is demoted to the
 * heavy lane, and a text known to be costly goes there directly — so another
 * caller's cheap ASK keeps being answered, as do the costly caller's own
 * anchored queries. Callers are told apart by address: the probes come from 127.0.0.2.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { Agent, fetch as undiciFetch } from 'undici';
import { iriConfig } from '../src/iri/index.js';
import { PROJECT_ROOT } from '../src/cli/paths.js';
import { EmbeddedStore } from '../src/store/embedded.js';
import { startService, type RunningService } from '../src/server/start.js';
import { inspectQuery } from '../src/server/sparql/inspect.js';
import { LIVENESS_MS } from './support/liveness.js';

const JOIN = 'SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?c ?d ?e . ?e ?f ?g }';
const ASK = 'ASK { <urn:x> ?p ?o }';
/** The costly caller's own cheap query: anchored, so never held back. */
const OWN = 'SELECT ?p ?o WHERE { <https://gemeentelijkgegevensmodel.nl/def/ggm/Zaak> ?p ?o } LIMIT 5';
const TIME_LIMIT_MS = 8000;

let service: RunningService;
let store: EmbeddedStore;
let base: string;
const other = new Agent({ localAddress: '127.0.0.2' });
before(async () => {
  store = new EmbeddedStore();
  service = await startService({
    store,
    iri: iriConfig({ vocabBase: 'https://gemeentelijkgegevensmodel.nl/', instanceBase: 'https://demo.gemeentelijkgegevensmodel.nl/' }),
    port: 0,
    host: '127.0.0.1',
    loadFrom: PROJECT_ROOT,
    root: PROJECT_ROOT,
    publicDir: path.join(PROJECT_ROOT, 'public'),
    cacheBytes: 0,
    sparql: { timeoutMs: TIME_LIMIT_MS },
  });
  base = service.url.replace('localhost', '127.0.0.1');
  await store.ready();
  // Warm up: the service's own first queries (search index …) are not what is measured here.
  await (await fetch(`${base}/zoeken?q=zaak`)).text();
  await query(ASK);
});
after(async () => {
  await service.close();
  await other.close();
});

async function query(q: string, from?: Agent): Promise<{ status: number; body: string; ms: number }> {
  const started = Date.now();
  const url = `${base}/sparql?query=${encodeURIComponent(q)}`;
  const headers = { accept: 'application/sparql-results+json' };
  const res = from ? await undiciFetch(url, { headers, dispatcher: from }) : await fetch(url, { headers });
  return { status: res.status, body: await res.text(), ms: Date.now() - started };
}

test('the costly join is light to inspection, the probe anchored', () => {
  const join = inspectQuery(JOIN, 'urn:x');
  assert.equal(join.heavy, undefined);
  assert.equal(join.anchored, false);
  assert.equal(inspectQuery(ASK, 'urn:x').anchored, true);
});

test('while one caller keeps two costly joins in flight, another caller’s cheap ASK and the costly caller’s own anchored query are answered', async () => {
  let running = true;
  const joinStatuses: number[] = [];
  const attacker = Array.from({ length: 2 }, async () => {
    while (running) {
      const r = await query(JOIN);
      joinStatuses.push(r.status);
      if (r.status !== 200 && r.status !== 503) assert.fail(`join: ${r.status} ${r.body}`);
      if (r.status === 503) await new Promise((resolve) => setTimeout(resolve, 200)); // as a client honouring Retry-After would, roughly
    }
  });
  await new Promise((r) => setTimeout(r, 500)); // both joins in flight
  const probes: Array<{ status: number; ms: number }> = [];
  const until = Date.now() + 2 * TIME_LIMIT_MS;
  while (Date.now() < until) {
    const probe = await query(ASK, other);
    probes.push(probe);
    assert.equal(probe.status, 200, `probe ${probes.length}: ${probe.body}`);
    assert.match(probe.body, /"boolean"\s*:\s*false/);
    assert.ok(probe.ms < LIVENESS_MS, `probe ${probes.length} took ${probe.ms} ms`);
    const own = await query(OWN);
    assert.equal(own.status, 200, `the costly caller's own anchored query: ${own.body}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  running = false;
  await Promise.all(attacker);
  assert.ok(probes.length >= 10, `${probes.length} probes`);
  assert.ok(joinStatuses.length >= 2);
  // The costly caller is demoted and its text known costly: its joins stop holding the shared lane.
  assert.ok(store.fair.isCostly('anonymous@127.0.0.1'), 'the attacker is costly');
  assert.ok((store.fair.textCost(JOIN) ?? 0) >= 1000, 'the join is known to be costly');
  assert.ok(store.fair.textCost(ASK) !== undefined, 'the prober was seen');
  assert.equal(store.fair.isCostly('anonymous@127.0.0.2'), false, 'the prober is not costly');
  process.stdout.write(
    `# probes: ${probes.length}, median ${probes.map((p) => p.ms).sort((a, b) => a - b)[Math.floor(probes.length / 2)]} ms, max ${Math.max(...probes.map((p) => p.ms))} ms; joins answered ${joinStatuses.join(' ')}\n`,
  );
});
