/**
 * Heavy SPARQL queries cannot starve the rest: inspection tells heavy queries
 * apart, the embedded store runs them in its heavy lane, moves a query that
 * runs too long off the shared lane (same answer, same access control), and
 * limits the heavy queries of each caller (503 + Retry-After). Real data: the
 * project's published files under config/access.yaml.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { iriConfig } from '../src/iri/index.js';

import { EmbeddedStore } from '../src/store/embedded.js';
import { AccessStore, asCaller } from '../src/store/access.js';
import { QueryTimeoutError } from '../src/store/types.js';
import { startService, type RunningService } from '../src/server/start.js';
import { loadAccessPolicy, resolveCaller } from '../src/server/access/policy.js';
import { inspectQuery } from '../src/server/sparql/inspect.js';
import { loadQueryLibrary } from '../src/data/queries/library.js';
import { PROJECT_ROOT } from '../src/cli/paths.js';

const VOCAB = 'https://gemeentelijkgegevensmodel.nl/';
const ONTOLOGY = `${VOCAB}def/ggm`;
const PERSONEN = 'https://demo.gemeentelijkgegevensmodel.nl/graph/demo/personen';
const RUNAWAY = 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }';
const LIGHT = `SELECT ?c ?l WHERE { GRAPH <${ONTOLOGY}> { ?c a <http://www.w3.org/2002/07/owl#Class> ; <http://www.w3.org/2000/01/rdf-schema#label> ?l } } ORDER BY ?c LIMIT 20`;
const TIME_LIMIT_MS = 8000;
const TOKENS = { GGM_TOKEN_SOCIAAL_DOMEIN: randomBytes(24).toString('hex'), GGM_TOKEN_BEHEERDER: randomBytes(24).toString('hex') };
const policy = loadAccessPolicy(path.join(PROJECT_ROOT, 'config', 'access.yaml'), TOKENS);

const heavyReason = (q: string) => inspectQuery(q, 'http://example.org/sparql').heavy;

test('inspection finds heavy queries: cartesian products, unbounded paths between variables, no LIMIT over every triple', () => {
  assert.match(heavyReason(RUNAWAY) ?? '', /cartesian product/);
  assert.match(heavyReason('SELECT * WHERE { ?z a <http://x/Zaak> . ?d a <http://x/Document> }') ?? '', /cartesian product/);
  assert.match(heavyReason('SELECT * WHERE { ?z a <http://x/Zaak> OPTIONAL { ?d a <http://x/Document> } }') ?? '', /cartesian product/);
  assert.match(heavyReason('SELECT * WHERE { GRAPH ?g { ?a <http://x/p> ?b } ?c <http://x/q> ?d } LIMIT 10') ?? '', /cartesian product/);
  assert.match(heavyReason('SELECT * WHERE { ?a <http://x/p>+ ?b } LIMIT 5') ?? '', /unbounded property path/);
  assert.match(heavyReason('SELECT * WHERE { ?a (<http://x/p>/<http://x/q>*) ?b }') ?? '', /unbounded property path/);
  assert.match(heavyReason('CONSTRUCT WHERE { ?s ?p ?o }') ?? '', /no LIMIT over a scan of every triple/);
  // Joined, anchored, bounded or aggregated: light.
  for (const light of [
    LIGHT,
    'SELECT * WHERE { ?s ?p ?o } LIMIT 5',
    'ASK { ?s ?p ?o }',
    `SELECT (COUNT(*) AS ?n) WHERE { GRAPH <${PERSONEN}> { ?s ?p ?o } }`,
    `SELECT * WHERE { GRAPH <${ONTOLOGY}> { ?s ?p ?o } }`,
    'SELECT * WHERE { <http://x/zaak/1> <http://x/p>* ?b }',
    'SELECT * WHERE { <http://x/zaak/1> ?p ?o . ?d a <http://x/Document> }',
    'SELECT * WHERE { ?z a <http://x/Zaak> { SELECT ?d WHERE { ?d a <http://x/Document> } LIMIT 3 } }',
    'SELECT * WHERE { { ?z a <http://x/Zaak> } UNION { ?d a <http://x/Document> } }',
    'SELECT * WHERE { ?z a <http://x/Zaak> ; ?p ?o . ?o ?q ?r }',
  ])
    assert.equal(heavyReason(light), undefined, light);
});

test('every question of the analyst query library is light', () => {
  const library = loadQueryLibrary(PROJECT_ROOT, VOCAB);
  assert.ok(library.length >= 20);
  for (const q of library) assert.equal(heavyReason(q.sparql), undefined, q.name);
});

test("a query moved off the shared lane gives the same answer within the caller's graphs; a moved text goes to the heavy lane next time", async () => {
  const embedded = new EmbeddedStore({ heavyAfterMs: 1 });
  const store = new AccessStore(embedded);
  try {
    await embedded.loadFile(path.join(PROJECT_ROOT, 'ontology', 'ggm.ttl'), 'text/turtle', ONTOLOGY);
    await embedded.loadFile(path.join(PROJECT_ROOT, 'data', 'demo', 'gemeente.trig'), 'application/trig');
    const count = async (sparql: string, role: 'anonymous' | 'beheerder', timeoutMs: number, caller?: string) => {
      const who = resolveCaller(policy, role === 'anonymous' ? {} : { authorization: `Bearer ${TOKENS.GGM_TOKEN_BEHEERDER}` })!;
      const options = {
        mediaType: 'text/csv',
        timeoutMs,
        unionDefaultGraph: true,
        schedule: caller ? { caller, heavy: false } : undefined,
      };
      const answer = await asCaller(who, () => store.query(sparql, options));
      return Number(answer.body.split('\n')[1]);
    };
    // Light to inspection (one chain of joins), but joins over every triple.
    const chain = 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?b ?q ?c }';
    const longChain = 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?b ?q ?c . ?c ?r ?d . ?d ?s ?e . ?e ?t ?f }';
    assert.equal(heavyReason(chain), undefined);
    assert.equal(heavyReason(longChain), undefined);
    const unscheduled = await count(chain, 'anonymous', 120_000);
    assert.equal(embedded.moved, 0);
    assert.equal(await count(chain, 'anonymous', 120_000, 'anonymous@a'), unscheduled);
    assert.equal(embedded.moved, 1);
    // Anonymous callers do not see the restricted graphs (persons), also after the move.
    assert.ok((await count(chain, 'beheerder', 120_000)) > unscheduled);
    // Its cost is measured (fair-share.ts): the text is known to be costly now, so the next one with it goes to
    // the heavy lane directly, whoever sends it — no second replica is stopped for it.
    await embedded.ready();
    assert.equal(await count(chain, 'anonymous', 120_000, 'anonymous@b'), unscheduled);
    assert.equal(embedded.moved, 1);
    // A new text of a new caller is moved once; after it ran into the time limit, its next run goes to the heavy lane directly.
    await embedded.ready();
    await assert.rejects(count(longChain, 'anonymous', 2000, 'anonymous@c'), QueryTimeoutError);
    assert.equal(embedded.moved, 2);
    await embedded.ready();
    await assert.rejects(count(longChain, 'anonymous', 2000, 'anonymous@d'), QueryTimeoutError);
    assert.equal(embedded.moved, 2);
  } finally {
    await store.close();
  }
});

let service: RunningService;
let base: string;
before(async () => {
  service = await startService({
    store: new EmbeddedStore(),
    iri: iriConfig({ vocabBase: VOCAB, instanceBase: 'https://demo.gemeentelijkgegevensmodel.nl/' }),
    port: 0,
    host: '127.0.0.1',
    loadFrom: PROJECT_ROOT,
    root: PROJECT_ROOT,
    publicDir: path.join(PROJECT_ROOT, 'public'),
    cacheBytes: 0,
    access: policy,
    sparql: { timeoutMs: TIME_LIMIT_MS },
  });
  base = service.url.replace('localhost', '127.0.0.1');
});
after(() => service.close());

const sociaal = { authorization: `Bearer ${TOKENS.GGM_TOKEN_SOCIAAL_DOMEIN}` };
const query = (q: string, headers: Record<string, string> = {}) =>
  fetch(`${base}/sparql?query=${encodeURIComponent(q)}`, { headers: { accept: 'application/sparql-results+json', ...headers } });

test('with heavy queries of two callers in the heavy lane, a light query and a dereference are answered before them', async () => {
  const events: string[] = [];
  const heavy = [query(RUNAWAY), query(RUNAWAY, sociaal)].map((p) =>
    p.then(async (r) => {
      const body = await r.text();
      events.push('heavy');
      return { status: r.status, body };
    }),
  );
  const light = query(LIGHT).then(async (r) => {
    const json = (await r.json()) as { results: { bindings: unknown[] } };
    events.push('light');
    return { status: r.status, rows: json.results.bindings.length };
  });
  const page = fetch(`${base}/def/ggm/Zaak`, { headers: { accept: 'application/n-triples' } }).then(async (r) => {
    const body = await r.text();
    events.push('dereference');
    return { status: r.status, body };
  });
  const [answers, zaak, lightAnswer] = await Promise.all([Promise.all(heavy), page, light]);
  assert.deepEqual(lightAnswer, { status: 200, rows: 20 });
  assert.equal(zaak.status, 200);
  assert.match(zaak.body, new RegExp(`^<${ONTOLOGY}/Zaak> <http://www.w3.org/2000/01/rdf-schema#label> "Zaak"`, 'm'));
  // Each caller had one heavy query, within its limit: both ran until the time limit.
  for (const h of answers) {
    assert.equal(h.status, 503);
    assert.match(h.body, new RegExp(`time limit of ${TIME_LIMIT_MS} ms`));
  }
  assert.deepEqual(events.slice(2).sort(), ['heavy', 'heavy'], `light work answered first: ${events.join(', ')}`);
});

test('a caller over its limit of heavy queries gets 503 with Retry-After at once, while its first one still runs', async () => {
  const events: string[] = [];
  const answers = [query(RUNAWAY), query(RUNAWAY)].map((p) =>
    p.then(async (r) => {
      const answer = { status: r.status, retryAfter: r.headers.get('retry-after'), body: await r.text() };
      events.push(/heavy query/.test(answer.body) ? 'refused' : 'ran');
      return answer;
    }),
  );
  const [a, b] = await Promise.all(answers);
  const refused = [a!, b!].filter((x) => /heavy query/.test(x.body));
  const ran = [a!, b!].filter((x) => !/heavy query/.test(x.body));
  assert.equal(refused.length, 1, JSON.stringify([a, b]));
  assert.equal(refused[0]!.status, 503);
  assert.equal(refused[0]!.retryAfter, String(TIME_LIMIT_MS / 1000));
  assert.match(ran[0]!.body, /time limit/);
  assert.deepEqual(events, ['refused', 'ran']);
});
