/**
 * Access-control checks over real HTTP, shared by the embedded-store test and
 * the remote (Virtuoso) test: the service runs config/access.yaml with the
 * tokens below; anonymous callers must never see a triple of a restricted
 * graph, authorised callers see what their role allows.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { loadGgmModel } from '../src/source/index.js';
import { committedRegister, demo, stadspasEnEnergietoeslagExpected } from '../src/data/demo/index.js';
import { PROJECT_ROOT, defaultRelease } from '../src/cli/paths.js';

export const TOKENS = {
  GGM_TOKEN_SOCIAAL_DOMEIN: randomBytes(24).toString('hex'),
  GGM_TOKEN_BEHEERDER: randomBytes(24).toString('hex'),
};
export const PERSONEN = 'https://demo.gemeentelijkgegevensmodel.nl/graph/demo/personen';
export const SCHULDHULP = 'https://demo.gemeentelijkgegevensmodel.nl/graph/demo/schuldhulpverlening';
const RESTRICTED = /graph\/demo\/(personen|schuldhulpverlening|generiek-jeugd-en-wmo|werk|model-inkomen|sociaal-domein-generiek)\b/;

const model = await loadGgmModel(defaultRelease());
const register = await committedRegister(PROJECT_ROOT);
/** A resident of the demo set (restricted graph personen) and their BSN. */
export const resident = stadspasEnEnergietoeslagExpected(demo(model, register ? { register } : {}))[0]!;

const sociaal = { authorization: `Bearer ${TOKENS.GGM_TOKEN_SOCIAAL_DOMEIN}` };
const beheerder = { authorization: `Bearer ${TOKENS.GGM_TOKEN_BEHEERDER}` };

async function sparql(
  base: string,
  query: string,
  headers: Record<string, string> = {},
  params = '',
): Promise<{ status: number; body: string }> {
  const res = await fetch(`${base}/sparql?query=${encodeURIComponent(query)}${params}`, {
    headers: { accept: 'application/sparql-results+json', ...headers },
  });
  return { status: res.status, body: await res.text() };
}

async function count(base: string, query: string, headers: Record<string, string> = {}, params = ''): Promise<number> {
  const r = await sparql(base, query, headers, params);
  assert.equal(r.status, 200, r.body);
  const json = JSON.parse(r.body) as { results: { bindings: Array<{ n: { value: string } }> } };
  return Number(json.results.bindings[0]!.n.value);
}

export function accessSuite(name: string, baseOf: () => string): void {
  const bsn = `"${resident.bsn}"`;
  const doc = () => `${baseOf()}${new URL(resident.inwoner).pathname.replace(/^\/id\//, '/doc/')}`;

  test(`${name}: anonymous dereferencing of a resident is 404 in RDF and HTML; a case worker gets the BRP data`, async () => {
    for (const accept of ['text/turtle', 'application/ld+json', 'text/html']) {
      const res = await fetch(doc(), { headers: { accept } });
      const body = await res.text();
      assert.equal(res.status, 404, `${accept}: ${res.status}`);
      assert.ok(!body.includes(resident.bsn), `${accept}: the BSN leaks`);
    }
    const res = await fetch(doc(), { headers: { accept: 'application/n-triples', ...sociaal } });
    assert.equal(res.status, 200);
    assert.ok((await res.text()).includes(bsn));
    assert.match(res.headers.get('cache-control') ?? '', /private/);
    // the case worker's answer is not served to the next anonymous caller from the response cache
    const again = await fetch(doc(), { headers: { accept: 'application/n-triples' } });
    assert.equal(again.status, 404);
    assert.ok(!(await again.text()).includes(resident.bsn));
  });

  test(`${name}: anonymous SPARQL sees no restricted triple, whichever way it asks`, async () => {
    const base = baseOf();
    const queries = [
      `SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ${bsn} }`,
      `SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ${bsn} } }`,
      `SELECT (COUNT(*) AS ?n) WHERE { GRAPH <${PERSONEN}> { ?s ?p ?o } }`,
      `SELECT (COUNT(*) AS ?n) FROM <${PERSONEN}> WHERE { ?s ?p ?o }`,
      `SELECT (COUNT(*) AS ?n) FROM NAMED <${PERSONEN}> WHERE { GRAPH ?g { ?s ?p ?o } }`,
      `SELECT (COUNT(*) AS ?n) WHERE { ?s (<urn:x:none>|!<urn:x:none>)+ ${bsn} }`,
      `SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(REGEX(STR(?g), "personen|schuldhulp|wmo")) }`,
    ];
    for (const q of queries) assert.equal(await count(base, q), 0, q);
    const viaProtocol = `&default-graph-uri=${encodeURIComponent(PERSONEN)}&named-graph-uri=${encodeURIComponent(SCHULDHULP)}`;
    assert.equal(await count(base, 'SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }', {}, viaProtocol), 0);
    const graphs = await sparql(base, 'SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s a ?t } }');
    assert.equal(graphs.status, 200);
    assert.ok(!RESTRICTED.test(graphs.body), 'a restricted graph is listed');
    assert.ok(graphs.body.includes('graph/demo/bag'), 'public demo graphs are listed');
    for (const q of [
      `DESCRIBE <${resident.inwoner}>`,
      `CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } FILTER(?s = <${resident.inwoner}>) }`,
    ]) {
      const res = await fetch(`${base}/sparql?query=${encodeURIComponent(q)}`, { headers: { accept: 'application/n-triples' } });
      assert.equal(res.status, 200);
      assert.ok(!(await res.text()).includes(resident.bsn), q);
    }
  });

  test(`${name}: a case worker's SPARQL sees the restricted graphs; the public data stays the same for both`, async () => {
    const base = baseOf();
    assert.ok((await count(base, `SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ${bsn} } }`, sociaal)) > 0);
    assert.ok((await count(base, `SELECT (COUNT(*) AS ?n) FROM <${PERSONEN}> WHERE { ?s ?p ?o }`, sociaal)) > 0);
    const bag = `SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://demo.gemeentelijkgegevensmodel.nl/graph/demo/bag> { ?s ?p ?o } }`;
    const anonymous = await count(base, bag);
    assert.ok(anonymous > 0);
    assert.equal(await count(base, bag, sociaal), anonymous);
  });

  test(`${name}: VoID, the home page, the service description and search list no restricted graph to anonymous callers`, async () => {
    const base = baseOf();
    for (const [path, accept] of [
      ['/.well-known/void', 'text/turtle'],
      ['/', 'text/html'],
      ['/sparql', 'text/turtle'],
    ] as const) {
      const anonymous = await (await fetch(`${base}${path}`, { headers: { accept } })).text();
      assert.ok(!RESTRICTED.test(anonymous), `${path} names a restricted graph`);
      const authorised = await (await fetch(`${base}${path}`, { headers: { accept, ...sociaal } })).text();
      assert.ok(authorised.includes('graph/demo/personen'), `${path} lacks the restricted graph for a case worker`);
    }
    const search = await (await fetch(`${base}/zoeken?q=${encodeURIComponent(resident.bsn)}`)).text();
    assert.ok(!search.includes(new URL(resident.inwoner).pathname), 'search finds the resident');
  });

  test(`${name}: a credential that is not accepted is 401 and not echoed; updates need write rights`, async () => {
    const base = baseOf();
    const wrong = await fetch(`${base}/sparql?query=ASK%7B%7D`, { headers: { authorization: 'Bearer not-a-valid-secret-123' } });
    assert.equal(wrong.status, 401);
    assert.ok(!(await wrong.text()).includes('not-a-valid-secret-123'));
    const graph = 'https://demo.gemeentelijkgegevensmodel.nl/graph/demo/personen';
    const update = `INSERT DATA { GRAPH <${graph}> { <https://demo.gemeentelijkgegevensmodel.nl/id/test/access> <http://www.w3.org/2000/01/rdf-schema#label> "access test" } }`;
    const post = (headers: Record<string, string>) =>
      fetch(`${base}/sparql`, { method: 'POST', headers: { 'content-type': 'application/sparql-update', ...headers }, body: update });
    assert.equal((await post({})).status, 401);
    assert.equal((await post(sociaal)).status, 403);
    const whereUpdate = await fetch(`${base}/sparql`, {
      method: 'POST',
      headers: { 'content-type': 'application/sparql-update', ...sociaal },
      body: 'DELETE WHERE { ?s ?p ?o }',
    });
    assert.equal(whereUpdate.status, 403);
    const ok = await post(beheerder);
    assert.equal(ok.status, 204, await ok.text());
    const q = 'SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p "access test" } }';
    assert.equal(await count(base, q, sociaal), 1);
    assert.equal(await count(base, q), 0);
    const clean = await fetch(`${base}/sparql`, {
      method: 'POST',
      headers: { 'content-type': 'application/sparql-update', ...beheerder },
      body: update.replace('INSERT', 'DELETE'),
    });
    assert.equal(clean.status, 204);
  });
}
