/**
 * The service on a remote store, proven on a real Virtuoso (scripts/virtuoso.sh,
 * its own folder and ports): `ggm serve --store … --load --access …` publishes
 * the project as committed into Virtuoso and answers from it — dereferencing,
 * SPARQL in every form, access control (the shared suite), an imported graph,
 * every library query — with the same answers as the embedded store, and a
 * Virtuoso that goes down gives 503 quickly, and the service recovers without
 * a restart when it comes back.
 *
 * Virtuoso 7 cannot keep the demo's GeoSPARQL wktLiterals (CRS IRI first, RD
 * coordinates); the remote store keeps them under a private datatype and
 * translates back (src/store/stored-wkt.ts): clients see geo:wktLiteral as written.
 * Virtuoso 7 has no boolean type: it answers true/false as 1/0 (xsd:integer); the
 * library comparison maps the embedded store's booleans to that, nothing else.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';

import { iriConfig } from '../src/iri/index.js';
import { loadAccessPolicy } from '../src/server/access/policy.js';
import { startService, type RunningService } from '../src/server/start.js';
import { loadQueryLibrary } from '../src/data/queries/library.js';
import { EmbeddedStore } from '../src/store/embedded.js';
import { RemoteStore } from '../src/store/remote.js';
import { TOKENS, accessSuite, resident } from './access-suite.js';
import { canonical, toNQuads } from './server-support.js';
import { PROJECT_ROOT } from '../src/cli/paths.js';

const DIR = `/tmp/ggm-virtuoso-test-${process.pid}`;
const HTTP_PORT = String(18000 + (process.pid % 1000));
const SQL_PORT = String(19000 + (process.pid % 1000));
const ENDPOINT = `http://127.0.0.1:${HTTP_PORT}/sparql`;
const ROOT = path.join(DIR, 'root');
const SCRIPT = path.join(PROJECT_ROOT, 'scripts', 'virtuoso.sh');
const MAIN = path.join(PROJECT_ROOT, 'dist', 'src', 'cli', 'main.js');

/** Not synchronous: a blocked event loop would keep sockets the service has closed in the pool of fetch. */
async function virtuoso(command: 'start' | 'stop'): Promise<void> {
  await promisify(execFile)(SCRIPT, [command, DIR, HTTP_PORT, SQL_PORT], { env: { ...process.env, VIRTUOSO_BUFFERS: '60000' } });
}

/** A project folder: ontology, shapes, reports, queries and the demo data as committed; one CSV import. */
function prepareRoot(): void {
  mkdirSync(path.join(ROOT, 'data'), { recursive: true });
  for (const d of ['ontology', 'shapes', 'reports', 'queries', 'data/demo']) symlinkSync(path.join(PROJECT_ROOT, d), path.join(ROOT, d));
  const csv = path.join(DIR, 'csv');
  mkdirSync(csv);
  writeFileSync(path.join(csv, 'zaak.csv'), 'id;zaakidentificatie;omschrijving\n1;ZAAK-REMOTE-0001;Kapvergunning Lindelaan\n');
  execFileSync(process.execPath, [MAIN, 'import', 'csv', csv, '--out', path.join(ROOT, 'data', 'import.ttl')], { stdio: 'pipe' });
}

let server: ChildProcess;
let base = '';
/** The same project on the embedded store, for comparison. */
let embedded: RunningService;
before(async () => {
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  prepareRoot();
  await virtuoso('start');
  server = spawn(
    process.execPath,
    [
      MAIN,
      'serve',
      '--port',
      '0',
      '--host',
      '127.0.0.1',
      '--root',
      ROOT,
      '--store',
      ENDPOINT,
      '--graph-store-url',
      `http://127.0.0.1:${HTTP_PORT}/sparql-graph-crud`,
      '--load',
      '--access',
      path.join(PROJECT_ROOT, 'config', 'access.yaml'),
      '--cache-mb',
      '0',
    ],
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
  embedded = await startService({
    store: new EmbeddedStore(),
    iri: iriConfig({ vocabBase: 'https://gemeentelijkgegevensmodel.nl/', instanceBase: 'https://demo.gemeentelijkgegevensmodel.nl/' }),
    port: 0,
    host: '127.0.0.1',
    loadFrom: ROOT,
    root: ROOT,
    publicDir: path.join(ROOT, 'public'),
    access: loadAccessPolicy(path.join(PROJECT_ROOT, 'config', 'access.yaml'), TOKENS),
  });
});
after(async () => {
  await embedded?.close();
  server?.kill();
  try {
    await virtuoso('stop');
  } catch {
    /* already down */
  }
  rmSync(DIR, { recursive: true, force: true });
});

accessSuite('virtuoso', () => base);

test('virtuoso: /id/ is 303 to /doc/, which negotiates Turtle, JSON-LD and HTML; an unknown name is 404', async () => {
  const cls = '/def/ggm/Zaak';
  for (const [accept, type] of [
    ['text/turtle', 'text/turtle'],
    ['application/ld+json', 'application/ld+json'],
    ['text/html', 'text/html'],
  ] as const) {
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
  const select =
    'SELECT ?c WHERE { GRAPH <https://gemeentelijkgegevensmodel.nl/def/ggm> { ?c a <http://www.w3.org/2002/07/owl#Class> FILTER(STRSTARTS(STR(?c), "https://gemeentelijkgegevensmodel.nl/def/ggm/")) } } ORDER BY ?c LIMIT 3';
  for (const accept of ['application/sparql-results+json', 'application/sparql-results+xml', 'text/csv', 'text/tab-separated-values']) {
    const res = await fetch(`${base}/sparql?query=${encodeURIComponent(select)}`, { headers: { accept } });
    assert.equal(res.status, 200, accept);
    assert.ok(res.headers.get('content-type')!.startsWith(accept));
    assert.match(await res.text(), /gemeentelijkgegevensmodel\.nl\/def\/ggm\//);
  }
  const ask = await fetch(`${base}/sparql?query=${encodeURIComponent('ASK { GRAPH ?g { ?s a <http://www.w3.org/2002/07/owl#Class> } }')}`, {
    headers: { accept: 'application/sparql-results+json' },
  });
  assert.deepEqual(((await ask.json()) as { boolean: boolean }).boolean, true);
  const construct =
    'CONSTRUCT { ?c a <http://www.w3.org/2002/07/owl#Class> } WHERE { GRAPH ?g { ?c a <http://www.w3.org/2002/07/owl#Class> } } LIMIT 5';
  for (const accept of ['text/turtle', 'application/n-triples']) {
    const res = await fetch(`${base}/sparql?query=${encodeURIComponent(construct)}`, { headers: { accept } });
    assert.equal(res.status, 200);
    assert.match(await res.text(), /owl#Class|owl:Class/);
  }
  const bad = await fetch(`${base}/sparql?query=${encodeURIComponent('SELECT ?x WHERE { ?x ?y }')}`);
  assert.equal(bad.status, 400);
});

const GEO = 'http://www.opengis.net/ont/geosparql#';
const XSD = 'http://www.w3.org/2001/XMLSchema#';
const beheerder = { authorization: `Bearer ${TOKENS.GGM_TOKEN_BEHEERDER}` };
interface Binding {
  type: string;
  value: string;
  datatype?: string;
  'xml:lang'?: string;
}

async function bindings(
  at: string,
  query: string,
  accept = 'application/sparql-results+json',
): Promise<{ status: number; body: string; rows: Record<string, Binding>[] }> {
  const res = await fetch(`${at}/sparql`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept, ...beheerder },
    body: new URLSearchParams({ query }).toString(),
  });
  const body = await res.text();
  const rows =
    res.status === 200 && accept.endsWith('json')
      ? (JSON.parse(body) as { results: { bindings: Record<string, Binding>[] } }).results.bindings
      : [];
  return { status: res.status, body, rows };
}

/** One RDF term as text: kind, value, datatype (xsd:string / rdf:langString when implicit), language. */
function term(b: Binding): string {
  if (b.type === 'uri' || b.type === 'bnode') return `${b.type} ${b.value}`;
  const lang = b['xml:lang'];
  return `literal ${JSON.stringify(b.value)} ^^${b.datatype ?? (lang ? 'rdf:langString' : `${XSD}string`)} @${lang ?? ''}`;
}

test('virtuoso: the demo WKT literals (CRS IRI first, RD coordinates, every geometry type) come back as written, typed geo:wktLiteral', async () => {
  const all = `SELECT ?s ?p ?w WHERE { GRAPH ?g { ?s ?p ?w FILTER(DATATYPE(?w) = <${GEO}wktLiteral>) } }`;
  const rowsOf = async (at: string) => {
    const r = await bindings(at, all);
    assert.equal(r.status, 200, r.body);
    return r.rows.map((b) => `${b.s!.value} ${b.p!.value} ${term(b.w!)}`).sort();
  };
  const [remote, local] = await Promise.all([rowsOf(base), rowsOf(embedded.url)]);
  assert.ok(remote.length > 0);
  assert.deepEqual(remote, local);
  const types = new Set(remote.map((r) => /EPSG\/0\/28992> ([A-Z]+)\(/.exec(r)?.[1]));
  assert.deepEqual([...types].sort(), ['LINESTRING', 'MULTILINESTRING', 'MULTIPOINT', 'MULTIPOLYGON', 'POINT', 'POLYGON']);
  // a WKT literal written in a query (prefixed datatype) finds its triple; the XML answer carries the datatype too
  const point = /"(<http[^"]+> POINT\([^)]*\))"/.exec(remote.find((r) => r.includes('POINT('))!)![1]!;
  const find = `PREFIX geo: <${GEO}>\nSELECT ?s ?w WHERE { ?s ?p ?w FILTER(?w = ${JSON.stringify(point)}^^geo:wktLiteral) }`;
  const found = await bindings(base, find);
  assert.equal(found.rows.length, 1, found.body);
  const terms = (rows: Record<string, Binding>[]) => rows.map((r) => `${term(r.s!)} ${term(r.w!)}`);
  assert.deepEqual(terms(found.rows), terms((await bindings(embedded.url, find)).rows));
  const xml = await bindings(base, find, 'application/sparql-results+xml');
  assert.ok(
    xml.body.includes(`<literal datatype="${GEO}wktLiteral">${point.replace(/</g, '&lt;').replace(/>/g, '&gt;')}</literal>`),
    xml.body,
  );
});

test('virtuoso: a BAG building with point, polygon and multipolygon dereferences as on the embedded store, its WKT exactly', async () => {
  const doc = '/doc/pand-bag/3';
  // Virtuoso 7 writes a stored xsd:boolean as 1/0 (the same value, another lexical form): compared by value
  const booleanValues = (nquads: string) =>
    nquads
      .replace(/"1"\^\^<http:\/\/www\.w3\.org\/2001\/XMLSchema#boolean>/g, `"true"^^<${XSD}boolean>`)
      .replace(/"0"\^\^<http:\/\/www\.w3\.org\/2001\/XMLSchema#boolean>/g, `"false"^^<${XSD}boolean>`);
  for (const accept of ['text/turtle', 'application/ld+json', 'application/n-triples']) {
    const [remote, local] = await Promise.all(
      [base, embedded.url].map(async (at) => {
        const res = await fetch(`${at}${doc}`, { headers: { accept } });
        assert.equal(res.status, 200, `${at}${doc} ${accept}`);
        // the document's dcterms:modified is when that service's store last changed: the two differ
        const quads = await toNQuads(await res.text(), accept, `${at}${doc}`);
        const own = quads
          .split('\n')
          .filter((line) => !line.includes('<http://purl.org/dc/terms/modified>'))
          .join('\n');
        return canonical(booleanValues(own));
      }),
    );
    assert.equal(remote, local, accept);
    for (const shape of ['POINT', 'POLYGON', 'MULTIPOLYGON'])
      assert.ok(remote!.includes(`"<http://www.opengis.net/def/crs/EPSG/0/28992> ${shape}(`), `${accept}: ${shape}`);
    assert.ok(remote!.includes(`^^<${GEO}wktLiteral>`), accept);
    assert.ok(!remote!.includes('urn:x-ggm:'), `${accept}: the stored datatype leaks`);
  }
});

test('virtuoso: every library query (queries/*.rq) answers through the service as on the embedded store', async () => {
  const library = loadQueryLibrary(PROJECT_ROOT);
  assert.ok(library.length >= 20);
  // Virtuoso 7 has no xsd:boolean: true/false come back as 1/0 (xsd:integer)
  const asVirtuoso = (b: Binding): Binding =>
    b.datatype === `${XSD}boolean` ? { type: 'typed-literal', value: b.value === 'true' ? '1' : '0', datatype: `${XSD}integer` } : b;
  const rowKey = (row: Record<string, Binding>, map: (b: Binding) => Binding) =>
    Object.keys(row)
      .sort()
      .map((k) => `${k}=${term(map(row[k]!))}`)
      .join(' | ');
  for (const q of library) {
    const [remote, local] = await Promise.all([bindings(base, q.sparql), bindings(embedded.url, q.sparql)]);
    assert.equal(remote.status, 200, `${q.name}: ${remote.body}`);
    assert.equal(local.status, 200, `${q.name}: ${local.body}`);
    assert.ok(local.rows.length > 0, `${q.name}: empty on the embedded store`);
    assert.deepEqual(remote.rows.map((r) => rowKey(r, (b) => b)).sort(), local.rows.map((r) => rowKey(r, asVirtuoso)).sort(), q.name);
  }
});

test('virtuoso: GeoSPARQL functions (sf relations, distance, buffer, area; RD New and CRS84 arguments) answer as on the embedded store', async () => {
  const P = `PREFIX geo: <${GEO}> PREFIX geof: <http://www.opengis.net/def/function/geosparql/> PREFIX uom: <http://www.opengis.net/def/uom/OGC/1.0/> PREFIX ggm: <https://gemeentelijkgegevensmodel.nl/def/ggm/>\n`;
  const buurt = '?b a ggm:Buurt_BAG ; ggm:buurt_BAG.geometrie/geo:asWKT ?wb .';
  const other = '?c a ggm:Buurt_BAG ; ggm:buurt_BAG.geometrie/geo:asWKT ?wc .';
  const vbo = '?v a ggm:Verblijfsobject_BAG ; ggm:verblijfsobject_BAG.geometrie ?gv . ?gv geo:asWKT ?wv .';
  const melding = '?m a ggm:Melding_BeheerOpenbareRuimte ; ggm:melding_BeheerOpenbareRuimte.locatie/geo:asWKT ?wm .';
  const queries = [
    `SELECT ?v ?b WHERE { ${buurt} ${vbo} FILTER(geof:sfWithin(?wv, ?wb)) }`,
    `SELECT ?b (COUNT(?v) AS ?n) WHERE { ${buurt} ${vbo} FILTER(geof:sfContains(?wb, ?wv)) } GROUP BY ?b`,
    `SELECT ?b ?c WHERE { ${buurt} ${other} FILTER(geof:sfTouches(?wb, ?wc)) }`,
    `SELECT ?b ?c WHERE { ${buurt} ${other} FILTER(geof:sfIntersects(?wb, ?wc) && !geof:sfEquals(?wb, ?wc)) }`,
    `SELECT ?b ?c WHERE { ${buurt} ${other} FILTER(geof:sfOverlaps(?wb, ?wc)) }`,
    `SELECT (COUNT(*) AS ?n) WHERE { ${buurt} ${other} FILTER(geof:sfDisjoint(?wb, ?wc)) }`,
    `SELECT ?m ?v ?d WHERE { ${melding} ${vbo} FILTER(geof:distance(?wm, ?wv, uom:metre) < 250) BIND(geof:distance(?wm, ?wv, uom:metre) AS ?d) }`,
    `SELECT ?m ?v WHERE { ${melding} ${vbo} FILTER(geof:sfIntersects(?wv, geof:buffer(?wm, 100, uom:metre))) }`,
    `SELECT ?b ?a WHERE { ${buurt} BIND(geof:area(?wb) AS ?a) }`,
    `SELECT ?b WHERE { ${buurt} FILTER(geof:sfContains(?wb, "POINT(4.87 52.01)"^^geo:wktLiteral) || geof:sfContains(?wb, "<http://www.opengis.net/def/crs/EPSG/0/28992> POINT(144500 449500)"^^geo:wktLiteral)) }`,
  ];
  // numbers compared by value (each store writes its own lexical form)
  const normal = (row: Record<string, Binding>) =>
    Object.keys(row)
      .sort()
      .map((k) => {
        const b = row[k]!;
        return `${k}=${b.datatype === `${XSD}decimal` || b.datatype === `${XSD}integer` ? Number(b.value).toFixed(3) : term(b)}`;
      })
      .join(' | ');
  let nonEmpty = 0;
  for (const q of queries) {
    const [remote, local] = await Promise.all([bindings(base, P + q), bindings(embedded.url, P + q)]);
    assert.equal(local.status, 200, `${q}: ${local.body}`);
    assert.equal(remote.status, 200, `${q}: ${remote.body}`);
    if (local.rows.length) nonEmpty++;
    assert.deepEqual(remote.rows.map(normal).sort(), local.rows.map(normal).sort(), q);
  }
  assert.ok(nonEmpty >= queries.length - 1, `${nonEmpty} of ${queries.length} non-empty`);
  const refused = await bindings(base, `${P}SELECT * WHERE { ${buurt} BIND(geof:envelope(?wb) AS ?e) }`);
  assert.equal(refused.status, 501, refused.body);
  assert.match(refused.body, /geof:envelope/);
});

test('virtuoso: a query Virtuoso refuses but SPARQL allows is 502 naming the store error, without the store address or the echoed query', async () => {
  const query =
    'SELECT ?klasse ?z WHERE { ?klasse a <http://www.w3.org/2002/07/owl#Class> BIND(EXISTS { ?klasse ?p 1 } || EXISTS { ?klasse ?p 2 } AS ?z) } LIMIT 1';
  assert.equal((await bindings(embedded.url, query)).status, 200, 'valid SPARQL: the embedded store answers it');
  const res = await fetch(`${base}/sparql?query=${encodeURIComponent(query)}`, { headers: { accept: 'application/sparql-results+json' } });
  const body = await res.text();
  assert.equal(res.status, 502, body);
  assert.match(body, /^502 the SPARQL store refused the query \(HTTP 500\): Virtuoso 37000 Error SQ074/);
  assert.equal(res.headers.get('retry-after'), null);
  for (const secret of [HTTP_PORT, '127.0.0.1', 'SPARQL query', 'EXISTS'])
    assert.ok(!body.includes(secret), `the answer shows ${secret}: ${body}`);
});

test('virtuoso keeps no wktLiteral as written; the remote store keeps them under its private datatype, by SPARQL Update as by the Graph Store Protocol', async () => {
  const graph = 'urn:test:wkt';
  const rd = '<http://www.opengis.net/def/crs/EPSG/0/28992> LINESTRING(150000 450000, 150100 450050)';
  const triple = (wkt: string) => `<urn:test:weg> <urn:test:ligging> ${JSON.stringify(wkt)}^^<${GEO}wktLiteral> .\n`;
  const read = async (store: RemoteStore) => {
    const answer = await store.query(`SELECT ?w WHERE { GRAPH <${graph}> { ?s ?p ?w } }`, {
      mediaType: 'application/sparql-results+json',
      timeoutMs: 10_000,
    });
    return (JSON.parse(answer.body) as { results: { bindings: Array<{ w: Binding }> } }).results.bindings.map((b) => ({
      value: b.w.value,
      datatype: b.w.datatype,
    }));
  };
  // Virtuoso itself: the CRS IRI (and RD coordinates in a line) refused; a plain WGS84 point cast to virtrdf:Geometry, its text rewritten
  const raw = new RemoteStore({ queryUrl: ENDPOINT, wktLiterals: 'as-is' });
  const viaUpdate = new RemoteStore({ queryUrl: ENDPOINT }); // no Graph Store Protocol: INSERT DATA
  try {
    await assert.rejects(
      raw.replaceGraph(graph, triple(rd), 'application/n-triples'),
      /refused the update \(HTTP 500\): .*RDFGE: RDF box with a geometry RDF type and a non-geometry content/,
    );
    await assert.rejects(raw.replaceGraph(graph, triple('LINESTRING(150000 450000, 150100 450050)'), 'application/n-triples'), /RDFGE/);
    await raw.replaceGraph(graph, triple('POINT(4.3 52.0)'), 'application/n-triples');
    assert.deepEqual(await read(raw), [
      { value: 'POINT(4.3000001907349 52)', datatype: 'http://www.openlinksw.com/schemas/virtrdf#Geometry' },
    ]);
    // through the remote store: loaded, updated and read back as written
    assert.equal(await viaUpdate.replaceGraph(graph, triple(rd), 'application/n-triples'), 1);
    assert.deepEqual(await read(viaUpdate), [{ value: rd, datatype: `${GEO}wktLiteral` }]);
    assert.deepEqual(await read(raw), [{ value: rd, datatype: 'urn:x-ggm:stored-wkt' }], 'what Virtuoso holds');
    const point = '<http://www.opengis.net/def/crs/EPSG/0/28992> POINT(4.3 52.0)';
    await viaUpdate.update(
      `PREFIX geo: <${GEO}>\nINSERT DATA { GRAPH <${graph}> { <urn:test:weg> <urn:test:ligging> ${JSON.stringify(point)}^^geo:wktLiteral } }`,
      { timeoutMs: 10_000 },
    );
    assert.deepEqual((await read(viaUpdate)).map((w) => w.value).sort(), [point, rd].sort());
  } finally {
    await viaUpdate.update(`DROP SILENT GRAPH <${graph}>`, { timeoutMs: 10_000 });
    await Promise.all([raw.close(), viaUpdate.close()]);
  }
});

test('virtuoso: a graph imported from CSV (ggm import csv → data/) is loaded into the store and dereferences', async () => {
  const res = await fetch(`${base}/sparql?query=${encodeURIComponent('SELECT ?z ?g WHERE { GRAPH ?g { ?z ?p "ZAAK-REMOTE-0001" } }')}`, {
    headers: { accept: 'application/sparql-results+json' },
  });
  const rows = ((await res.json()) as { results: { bindings: Array<{ z: { value: string }; g: { value: string } }> } }).results.bindings;
  assert.equal(rows.length, 1);
  assert.equal(rows[0]!.g.value, 'https://demo.gemeentelijkgegevensmodel.nl/graph/import');
  const doc = await fetch(`${base}${new URL(rows[0]!.z.value).pathname.replace(/^\/id\//, '/doc/')}`, {
    headers: { accept: 'text/turtle' },
  });
  assert.equal(doc.status, 200);
  assert.ok((await doc.text()).includes('ZAAK-REMOTE-0001'));
});

test('virtuoso: a corrupt file leaves the old graph serving; a good one replaces it whole', async () => {
  const store = new RemoteStore({ queryUrl: ENDPOINT, graphStoreUrl: `http://127.0.0.1:${HTTP_PORT}/sparql-graph-crud` });
  const graph = 'https://demo.gemeentelijkgegevensmodel.nl/graph/import';
  const ask = (literal: string) =>
    fetch(`${base}/sparql?query=${encodeURIComponent(`ASK { GRAPH <${graph}> { ?s ?p "${literal}" } }`)}`, {
      headers: { accept: 'application/sparql-results+json' },
    }).then(async (r) => ((await r.json()) as { boolean: boolean }).boolean);
  try {
    await assert.rejects(store.replaceGraph(graph, '<urn:a> <urn:b> "ZAAK-NIEUW" .\n<urn:a> <urn:b> "kapot', 'application/n-triples'));
    assert.equal(await ask('ZAAK-REMOTE-0001'), true, 'the old data still serves');
    assert.equal(await ask('ZAAK-NIEUW'), false);
    await store.replaceGraph(
      graph,
      '<https://demo.gemeentelijkgegevensmodel.nl/id/zaak/nieuw> <http://www.w3.org/2000/01/rdf-schema#label> "ZAAK-NIEUW" .\n',
      'application/n-triples',
    );
    assert.equal(await ask('ZAAK-NIEUW'), true);
    assert.equal(await ask('ZAAK-REMOTE-0001'), false, 'the old content is gone');
  } finally {
    await store.close();
  }
});

test('virtuoso: hostile requests are refused before the store — algebra limits, empty query, updates without rights, LOAD, byte cap, read-only documents; Vary names the credential headers', async () => {
  const post = (body: string, type: string, headers: Record<string, string> = {}) =>
    fetch(`${base}/sparql`, {
      method: 'POST',
      headers: { 'content-type': type, accept: 'application/sparql-results+json', ...headers },
      body,
    });
  const path6000 = `SELECT * WHERE { <urn:s> ${Array(6000).fill('<urn:p>').join('/')} ?o } LIMIT 1`;
  let res = await post(path6000, 'application/sparql-query');
  assert.equal(res.status, 400);
  assert.match(await res.text(), /6000 steps in one property path; at most 64 are accepted \(path-length limit\)/);
  res = await post('', 'application/sparql-query');
  assert.equal(res.status, 400);
  assert.match(await res.text(), /^400 empty query/);
  for (const update of ['INSERT DATA {}', 'DELETE DATA {}', 'LOAD <http://127.0.0.1/x.ttl>']) {
    res = await post(update, 'application/sparql-update');
    assert.equal(res.status, 401, update);
    assert.match(await res.text(), /updates need write rights/);
  }
  res = await post('LOAD <http://127.0.0.1/x.ttl>', 'application/sparql-update', { authorization: `Bearer ${TOKENS.GGM_TOKEN_BEHEERDER}` });
  assert.equal(res.status, 501);
  // 1,000 rows of a 10 KB constant: 10 MB of answer, past the default byte cap.
  res = await post(
    `SELECT ?c ?x WHERE { ?c a <http://www.w3.org/2002/07/owl#Class> BIND("${'0123456789'.repeat(1000)}" AS ?x) } LIMIT 1000`,
    'application/sparql-query',
  );
  const capped = await res.text();
  assert.equal(res.status, 422, capped.slice(0, 300));
  assert.match(capped, /larger than 8388608 bytes \(the byte cap\)/);
  res = await fetch(`${base}/def/ggm/Zaak`, {
    method: 'PUT',
    headers: { 'content-type': 'text/turtle' },
    body: '<urn:s> <urn:p> <urn:o> .',
  });
  assert.equal(res.status, 405);
  assert.equal(res.headers.get('allow'), 'GET, HEAD, OPTIONS');
  res = await fetch(`${base}/sparql?query=${encodeURIComponent('ASK { ?s ?p ?o }')}`, {
    headers: { accept: 'application/sparql-results+json' },
  });
  assert.equal(res.status, 200);
  assert.deepEqual(
    res.headers
      .get('vary')
      ?.split(',')
      .map((v) => v.trim().toLowerCase())
      .sort(),
    ['accept', 'authorization', 'x-api-key'],
  );
});

test('virtuoso down: requests get 503 within about a second with a clear message; back up: answers again without a restart', async () => {
  const query = `${base}/sparql?query=${encodeURIComponent('SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://gemeentelijkgegevensmodel.nl/def/ggm> { ?s ?p ?o } }')}`;
  const before = await fetch(query);
  assert.equal(before.status, 200, await before.text());
  await virtuoso('stop');
  for (let i = 0; i < 60; i++) {
    try {
      await fetch(`${ENDPOINT}?query=ASK%7B%7D`);
      await new Promise((r) => setTimeout(r, 250));
    } catch {
      break;
    }
  }
  for (const url of [query, `${base}/def/ggm/Zaak.ttl`]) {
    const res = await fetch(url);
    const body = await res.text();
    // Refused at once: the store is unreachable, not a query that waited out its time limit (10 s).
    assert.equal(res.status, 503, `${url}: ${res.status} ${body}`);
    assert.match(body, /store|unreachable|unavailable/i);
    assert.doesNotMatch(body, /time limit/);
  }
  await virtuoso('start');
  const res = await fetch(query);
  assert.equal(res.status, 200, await res.text());
  const doc = await fetch(`${base}/def/ggm/Zaak.ttl`);
  assert.equal(doc.status, 200);
});
