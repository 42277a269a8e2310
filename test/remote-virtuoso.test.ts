/**
 * The service on a remote store, proven on a real Virtuoso (scripts/virtuoso.sh,
 * its own folder and ports): `ggm serve --store … --load --access …` publishes
 * the project into Virtuoso and answers from it — dereferencing, SPARQL in
 * every form, access control (the shared suite), an imported graph — and a
 * Virtuoso that goes down gives 503 quickly, and the service recovers without
 * a restart when it comes back.
 *
 * Virtuoso 7 refuses the demo's GeoSPARQL wktLiterals ("RDF box with a geometry
 * RDF type and a non-geometry content": any literal starting with a CRS IRI, and
 * RD-coordinate LINESTRINGs), so the demo data is published here with its WKT as
 * plain strings; everything else is the project as committed.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { PROJECT_ROOT } from '../src/source/index.js';
import { RemoteStore } from '../src/store/remote.js';
import { TOKENS, accessSuite, resident } from './access-suite.js';

const DIR = `/tmp/ggm-virtuoso-test-${process.pid}`;
const HTTP_PORT = String(18000 + (process.pid % 1000));
const SQL_PORT = String(19000 + (process.pid % 1000));
const ENDPOINT = `http://127.0.0.1:${HTTP_PORT}/sparql`;
const ROOT = path.join(DIR, 'root');
const SCRIPT = path.join(PROJECT_ROOT, 'scripts', 'virtuoso.sh');
const MAIN = path.join(PROJECT_ROOT, 'dist', 'src', 'cli', 'main.js');

function virtuoso(command: 'start' | 'stop'): void {
  execFileSync(SCRIPT, [command, DIR, HTTP_PORT, SQL_PORT], { env: { ...process.env, VIRTUOSO_BUFFERS: '60000' }, stdio: 'pipe' });
}

/** A project folder: ontology, shapes, reports as committed; demo data with plain WKT; one CSV import. */
function prepareRoot(): void {
  mkdirSync(path.join(ROOT, 'data', 'demo'), { recursive: true });
  for (const d of ['ontology', 'shapes', 'reports', 'queries']) symlinkSync(path.join(PROJECT_ROOT, d), path.join(ROOT, d));
  const trig = readFileSync(path.join(PROJECT_ROOT, 'data', 'demo', 'gemeente.trig'), 'utf8');
  const plainWkt = trig.replace(/"<http:\/\/www\.opengis\.net\/def\/crs\/[^>]+> ([^"]*)"\^\^<http:\/\/www\.opengis\.net\/ont\/geosparql#wktLiteral>/g, '"$1"');
  writeFileSync(path.join(ROOT, 'data', 'demo', 'gemeente.trig'), plainWkt);
  const csv = path.join(DIR, 'csv');
  mkdirSync(csv);
  writeFileSync(path.join(csv, 'zaak.csv'), 'id;zaakidentificatie;omschrijving\n1;ZAAK-REMOTE-0001;Kapvergunning Lindelaan\n');
  execFileSync(process.execPath, [MAIN, 'import', 'csv', csv, '--out', path.join(ROOT, 'data', 'import.ttl')], { stdio: 'pipe' });
}

let server: ChildProcess;
let base = '';
before(async () => {
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  prepareRoot();
  virtuoso('start');
  server = spawn(
    process.execPath,
    [MAIN, 'serve', '--port', '0', '--host', '127.0.0.1', '--root', ROOT, '--store', ENDPOINT, '--graph-store-url', `http://127.0.0.1:${HTTP_PORT}/sparql-graph-crud`, '--load', '--access', path.join(PROJECT_ROOT, 'config', 'access.yaml'), '--cache-mb', '0'],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...TOKENS } },
  );
  const output: string[] = [];
  base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the service did not start within 300 s:\n${output.slice(-5).join('\n')}`)), 300_000);
    server.once('exit', (code) => reject(new Error(`the service exited with ${code}:\n${output.slice(-5).join('\n')}`)));
    for (const stream of [server.stdout!, server.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => {
        output.push(line.slice(0, 400));
        const m = /"event":"listening".*?"port":(\d+)/.exec(line);
        if (m) {
          clearTimeout(timer);
          resolve(`http://127.0.0.1:${m[1]}`);
        }
      });
    }
  });
});
after(() => {
  server?.kill();
  try {
    virtuoso('stop');
  } catch {
    /* already down */
  }
  rmSync(DIR, { recursive: true, force: true });
});

accessSuite('virtuoso', () => base);

test('virtuoso: /id/ is 303 to /doc/, which negotiates Turtle, JSON-LD and HTML; an unknown name is 404', async () => {
  const cls = '/def/ggm/Zaak';
  for (const [accept, type] of [['text/turtle', 'text/turtle'], ['application/ld+json', 'application/ld+json'], ['text/html', 'text/html']] as const) {
    const res = await fetch(`${base}${cls}`, { headers: { accept } });
    assert.equal(res.status, 200, `${accept}`);
    assert.ok(res.headers.get('content-type')!.startsWith(type));
    assert.ok((await res.text()).length > 200);
  }
  const nope = await fetch(`${base}/def/ggm/GeenKlasseMetDezeNaam`, { headers: { accept: 'text/turtle' } });
  assert.equal(nope.status, 404);
  const sociaal = { authorization: `Bearer ${TOKENS.GGM_TOKEN_SOCIAAL_DOMEIN}` };
  const id = await fetch(`${base}${new URL(resident.inwoner).pathname}`, { redirect: 'manual', headers: sociaal });
  assert.equal(id.status, 303);
  const doc = await fetch(new URL(id.headers.get('location')!, base), { headers: { accept: 'text/turtle', ...sociaal } });
  assert.equal(doc.status, 200);
  assert.ok((await doc.text()).includes(resident.bsn));
});

test('virtuoso: SELECT, ASK and CONSTRUCT in JSON, XML, CSV, TSV, Turtle and N-Triples; a syntax error is 400', async () => {
  const select = 'SELECT ?c WHERE { GRAPH <https://gemeentelijkgegevensmodel.nl/def/ggm> { ?c a <http://www.w3.org/2002/07/owl#Class> } } ORDER BY ?c LIMIT 3';
  for (const accept of ['application/sparql-results+json', 'application/sparql-results+xml', 'text/csv', 'text/tab-separated-values']) {
    const res = await fetch(`${base}/sparql?query=${encodeURIComponent(select)}`, { headers: { accept } });
    assert.equal(res.status, 200, accept);
    assert.ok(res.headers.get('content-type')!.startsWith(accept));
    assert.match(await res.text(), /gemeentelijkgegevensmodel\.nl\/def\/ggm\//);
  }
  const ask = await fetch(`${base}/sparql?query=${encodeURIComponent('ASK { GRAPH ?g { ?s a <http://www.w3.org/2002/07/owl#Class> } }')}`, { headers: { accept: 'application/sparql-results+json' } });
  assert.deepEqual(((await ask.json()) as { boolean: boolean }).boolean, true);
  const construct = 'CONSTRUCT { ?c a <http://www.w3.org/2002/07/owl#Class> } WHERE { GRAPH ?g { ?c a <http://www.w3.org/2002/07/owl#Class> } } LIMIT 5';
  for (const accept of ['text/turtle', 'application/n-triples']) {
    const res = await fetch(`${base}/sparql?query=${encodeURIComponent(construct)}`, { headers: { accept } });
    assert.equal(res.status, 200);
    assert.match(await res.text(), /owl#Class|owl:Class/);
  }
  const bad = await fetch(`${base}/sparql?query=${encodeURIComponent('SELECT ?x WHERE { ?x ?y }')}`);
  assert.equal(bad.status, 400);
});

test('virtuoso: a graph imported from CSV (ggm import csv → data/) is loaded into the store and dereferences', async () => {
  const res = await fetch(`${base}/sparql?query=${encodeURIComponent('SELECT ?z ?g WHERE { GRAPH ?g { ?z ?p "ZAAK-REMOTE-0001" } }')}`, { headers: { accept: 'application/sparql-results+json' } });
  const rows = ((await res.json()) as { results: { bindings: Array<{ z: { value: string }; g: { value: string } }> } }).results.bindings;
  assert.equal(rows.length, 1);
  assert.equal(rows[0]!.g.value, 'https://demo.gemeentelijkgegevensmodel.nl/graph/import');
  const doc = await fetch(`${base}${new URL(rows[0]!.z.value).pathname.replace(/^\/id\//, '/doc/')}`, { headers: { accept: 'text/turtle' } });
  assert.equal(doc.status, 200);
  assert.ok((await doc.text()).includes('ZAAK-REMOTE-0001'));
});

test('virtuoso: a corrupt file leaves the old graph serving; a good one replaces it whole', async () => {
  const store = new RemoteStore({ queryUrl: ENDPOINT, graphStoreUrl: `http://127.0.0.1:${HTTP_PORT}/sparql-graph-crud` });
  const graph = 'https://demo.gemeentelijkgegevensmodel.nl/graph/import';
  const ask = (literal: string) =>
    fetch(`${base}/sparql?query=${encodeURIComponent(`ASK { GRAPH <${graph}> { ?s ?p "${literal}" } }`)}`, { headers: { accept: 'application/sparql-results+json' } }).then(async (r) => ((await r.json()) as { boolean: boolean }).boolean);
  try {
    await assert.rejects(store.replaceGraph(graph, '<urn:a> <urn:b> "ZAAK-NIEUW" .\n<urn:a> <urn:b> "kapot', 'application/n-triples'));
    assert.equal(await ask('ZAAK-REMOTE-0001'), true, 'the old data still serves');
    assert.equal(await ask('ZAAK-NIEUW'), false);
    await store.replaceGraph(graph, '<https://demo.gemeentelijkgegevensmodel.nl/id/zaak/nieuw> <http://www.w3.org/2000/01/rdf-schema#label> "ZAAK-NIEUW" .\n', 'application/n-triples');
    assert.equal(await ask('ZAAK-NIEUW'), true);
    assert.equal(await ask('ZAAK-REMOTE-0001'), false, 'the old content is gone');
  } finally {
    await store.close();
  }
});

test('virtuoso down: requests get 503 within about a second with a clear message; back up: answers again without a restart', async () => {
  const query = `${base}/sparql?query=${encodeURIComponent('SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://gemeentelijkgegevensmodel.nl/def/ggm> { ?s ?p ?o } }')}`;
  assert.equal((await fetch(query)).status, 200);
  virtuoso('stop');
  for (let i = 0; i < 60; i++) {
    try {
      await fetch(`${ENDPOINT}?query=ASK%7B%7D`);
      await new Promise((r) => setTimeout(r, 250));
    } catch {
      break;
    }
  }
  for (const url of [query, `${base}/def/ggm/Zaak.ttl`]) {
    const started = performance.now();
    const res = await fetch(url);
    const ms = performance.now() - started;
    const body = await res.text();
    assert.equal(res.status, 503, `${url}: ${res.status} ${body}`);
    assert.ok(ms < 1500, `503 took ${Math.round(ms)} ms`);
    assert.match(body, /store|unreachable|unavailable/i);
  }
  virtuoso('start');
  const res = await fetch(query);
  assert.equal(res.status, 200, await res.text());
  const doc = await fetch(`${base}/def/ggm/Zaak.ttl`);
  assert.equal(doc.status, 200);
});
