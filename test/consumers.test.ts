/**
 * The service as outside clients use it, on what the project publishes (the
 * compiled release and the demo data), one service process for all of it.
 * Expectations are read from the published files, not from the service.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { readdirSync, readFileSync } from 'node:fs';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { Parser, type Quad } from 'n3';
import { QueryEngine } from '@comunica/query-sparql';
import { NS } from '../src/iri/index.js';
import { escapeHtml } from '../src/server/pages/html.js';
import { ROOT, startFixtureService, type FixtureService } from './server-support.js';

const V = 'https://gemeentelijkgegevensmodel.nl/';
let svc: FixtureService;
let ontology: Quad[];
let demo: Quad[];
const comunica = new QueryEngine();

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${svc.url}${path}`, { headers, redirect: 'manual' });
const pathOf = (iri: string) => iri.slice(V.length - 1);

/** A GET through node:http, which leaves Content-Encoding to the caller. */
function rawGet(
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(`${svc.url}${path}`, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

const NUMERIC = new Set(['decimal', 'double', 'float', 'integer'].map((t) => `${NS.xsd}${t}`));
/** A triple as text; numbers by value (the store writes 12.50 as 12.5, the same xsd:decimal). */
const tripleKey = (q: Quad) =>
  `${q.subject.value} ${q.predicate.value} ${q.object.termType === 'Literal' && NUMERIC.has(q.object.datatype.value) ? Number(q.object.value) : q.object.value}`;

/** Run `f` over `items`, `n` at a time. */
async function pool<T>(items: T[], n: number, f: (x: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) await f(items[next++]!);
    }),
  );
}

before(async () => {
  ontology = new Parser().parse(readFileSync(join(ROOT, 'ontology', 'ggm.ttl'), 'utf8'));
  demo = new Parser({ format: 'application/trig' }).parse(readFileSync(join(ROOT, 'data', 'demo', 'gemeente.trig'), 'utf8'));
  svc = await startFixtureService({ root: ROOT });
});
after(async () => {
  await svc?.close();
});

test('onvolledige datum (a union of datatypes) reads "datum, jaar-maand of jaar" with its member datatypes on every property and class page', async () => {
  const of = (s: Quad['subject'] | Quad['object'], p: string) =>
    ontology.filter((q) => q.subject.equals(s) && q.predicate.value === p).map((q) => q.object);
  const unions = ontology.filter(
    (q) => q.predicate.value === `${NS.rdfs}range` && q.object.termType === 'BlankNode' && of(q.object, `${NS.owl}unionOf`).length,
  );
  assert.ok(unions.length >= 16, `properties with a union range: ${unions.length}`);
  const members = (q: Quad) => {
    const out: string[] = [];
    for (let cell = of(q.object, `${NS.owl}unionOf`)[0]; cell && cell.termType === 'BlankNode'; cell = of(cell, `${NS.rdf}rest`)[0])
      out.push(of(cell, `${NS.rdf}first`)[0]!.value);
    return out;
  };
  const expect = (html: string, where: string, dts: string[]) => {
    assert.ok(html.includes('<span class="datatype-union">datum, jaar-maand of jaar</span>'), `${where}: names the union`);
    for (const dt of dts) assert.ok(html.includes(`href="${dt}"`), `${where}: links ${dt}`);
    assert.doesNotMatch(html, /<span class="iri">[0-9a-z]{12,}<\/span>/, `${where}: shows no blank-node id`);
  };
  const classes = new Set<string>();
  await pool(unions, 8, async (q) => {
    const dts = members(q);
    assert.deepEqual(dts, [`${NS.xsd}date`, `${NS.xsd}gYearMonth`, `${NS.xsd}gYear`]);
    const res = await get(pathOf(q.subject.value), { Accept: 'text/html' });
    assert.equal(res.status, 200, q.subject.value);
    expect(await res.text(), q.subject.value, dts);
    for (const c of of(q.subject, `${NS.rdfs}domain`)) classes.add(c.value);
  });
  await pool([...classes], 4, async (c) => {
    const res = await get(pathOf(c), { Accept: 'text/html' });
    assert.equal(res.status, 200, c);
    expect(await res.text(), c, [`${NS.xsd}date`, `${NS.xsd}gYearMonth`, `${NS.xsd}gYear`]);
  });
});

/** Comunica (as a client would use it) over one document of the service. */
async function comunicaSelect(query: string, source: string | { type: 'sparql'; value: string }): Promise<Record<string, string>[]> {
  const bindings = await comunica.queryBindings(query, { sources: [source], lenient: false });
  return (await bindings.toArray()).map((b) => Object.fromEntries([...b].map(([k, v]) => [k.value, v.value])));
}

/** The triples of a document as Turtle gives them (the reference Comunica's answers are held to). */
async function turtleTriples(path: string): Promise<Quad[]> {
  const res = await get(path, { Accept: 'text/turtle' });
  assert.equal(res.status, 200, path);
  return new Parser({ baseIRI: `${svc.url}${path}` }).parse(await res.text());
}

test('Comunica 4 reads term and instance documents (it asks for quads first): every triple, in the default graph', async () => {
  const instance = demo.find((q) => q.subject.value.startsWith('https://demo.gemeentelijkgegevensmodel.nl/id/zaak/'))!.subject.value;
  const docs = [
    '/def/ggm/Zaak',
    '/def/ggm/zaak.omschrijving',
    '/def/ggm/codelijst/Geslacht',
    instance.replace(/^https:\/\/[^/]+\/id\//, '/doc/'),
  ];
  for (const path of docs) {
    const expected = await turtleTriples(path);
    assert.ok(expected.length > 5, `${path}: a real description`);
    const rows = await comunicaSelect('SELECT * WHERE { ?s ?p ?o }', `${svc.url}${path}`);
    assert.equal(rows.length, expected.length, `${path}: Comunica sees every triple of the document`);
    const quadRows = await comunicaSelect('SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }', `${svc.url}${path}`);
    assert.equal(quadRows.length, 0, `${path}: no triple hides in a named graph`);
  }
});

test('Comunica 4 on /sparql: the answer equals the published ontology', async () => {
  const zaak = `${V}def/ggm/Zaak`;
  const expected = ontology
    .filter((q) => q.predicate.value === `${NS.rdfs}subClassOf` && q.object.value === zaak)
    .map((q) => q.subject.value)
    .sort();
  assert.ok(expected.length > 0);
  const rows = await comunicaSelect(`SELECT ?c WHERE { ?c <${NS.rdfs}subClassOf> <${zaak}> }`, {
    type: 'sparql',
    value: `${svc.url}/sparql`,
  });
  assert.deepEqual(rows.map((r) => r.c).sort(), expected);
});

/**
 * Link traversal as a follow-your-nose client does it, with Comunica per document (the link-traversal
 * engine, @comunica/query-sparql-link-traversal 0.5, is built on Comunica 3): from an instance to its
 * class, from the class to its superclass, each document found by dereferencing the IRI the last one named.
 */
test('follow your nose with Comunica: instance → its class → the superclass, each by dereferencing the IRI the previous document gave', async () => {
  const superOf = new Map(
    ontology
      .filter((q) => q.predicate.value === `${NS.rdfs}subClassOf` && q.object.termType === 'NamedNode')
      .map((q) => [q.subject.value, q.object.value]),
  );
  const typed = demo.find((q) => q.predicate.value === `${NS.rdf}type` && superOf.has(q.object.value))!;
  const local = (iri: string) => `${svc.url}${iri.replace(/^https:\/\/demo\.gemeentelijkgegevensmodel\.nl\/id\//, '/id/').replace(V, '/')}`;
  // /id/ answers 303 → /doc/: Comunica follows it as any HTTP client does.
  const types = (await comunicaSelect(`SELECT ?t WHERE { <${typed.subject.value}> a ?t }`, local(typed.subject.value))).map((r) => r.t);
  assert.ok(types.includes(typed.object.value), `the instance document names its class ${typed.object.value}`);
  const supers = (
    await comunicaSelect(`SELECT ?s WHERE { <${typed.object.value}> <${NS.rdfs}subClassOf> ?s }`, local(typed.object.value))
  ).map((r) => r.s);
  assert.ok(supers.includes(superOf.get(typed.object.value)!), 'the class document names its superclass');
  const superclass = superOf.get(typed.object.value)!;
  const labels = await comunicaSelect(`SELECT ?l WHERE { <${superclass}> <${NS.rdfs}label> ?l }`, local(superclass));
  const expected = ontology
    .filter((q) => q.subject.value === superclass && q.predicate.value === `${NS.rdfs}label`)
    .map((q) => q.object.value);
  assert.deepEqual(labels.map((r) => r.l).sort(), expected.sort(), 'the superclass document gives its label');
});

test('key IRIs dereference: the namespace, the VoID dataset, every SSSOM mapping_set_id; unknown things are 404', async () => {
  for (const [path, location] of [
    ['/def/ggm/', '/def/ggm'],
    ['/def/ggm/dataset', '/.well-known/void'],
  ]) {
    for (const accept of ['text/html', 'text/turtle', 'application/ld+json', 'application/n-quads']) {
      const res = await get(path!, { Accept: accept });
      assert.equal(res.status, 303, `${path} as ${accept}`);
      assert.equal(res.headers.get('location'), location);
      const doc = await get(location!, { Accept: accept });
      assert.equal(doc.status, 200, `${location} as ${accept}`);
    }
  }
  const voidDoc = new Parser().parse(await (await get('/.well-known/void', { Accept: 'text/turtle' })).text());
  assert.ok(voidDoc.some((q) => q.subject.value === `${V}def/ggm/dataset` && q.object.value === `${NS.void}Dataset`));
  const sets = readdirSync(join(ROOT, 'alignments')).filter((f) => f.endsWith('.sssom.tsv'));
  assert.ok(sets.length >= 3);
  for (const file of sets) {
    const text = readFileSync(join(ROOT, 'alignments', file), 'utf8');
    const id = /^# mapping_set_id: (\S+)$/m.exec(text)?.[1] ?? '';
    assert.ok(id.startsWith(V), `${file} has a mapping_set_id under the service`);
    const res = await fetch(`${svc.url}${pathOf(id)}`);
    assert.equal(res.status, 200, id);
    assert.equal(await res.text(), text, `${id} gives the mapping set itself`);
  }
  for (const path of ['/id/zaak/bestaat-niet', '/id/geenklasse/1']) assert.equal((await get(path)).status, 404, path);
  const known = demo.find((q) => q.subject.value.startsWith('https://demo.gemeentelijkgegevensmodel.nl/id/'))!.subject.value;
  assert.equal((await get(known.replace('https://demo.gemeentelijkgegevensmodel.nl', ''))).status, 303);
  const zaak = await get('/def/ggm/Za%61k.ttl');
  assert.equal(zaak.status, 200, 'percent-encoded unreserved characters are the characters themselves');
  assert.ok(new Parser().parse(await zaak.text()).some((q) => q.subject.value === `${V}def/ggm/Zaak`));
});

test('every published graph document describes itself: title, licence, publisher, triple count, modified, source, dumps', async () => {
  const ontologyIri = `${V}def/ggm`;
  const publisher = ontology.find((q) => q.subject.value === ontologyIri && q.predicate.value === `${NS.dcterms}publisher`)?.object.value;
  assert.ok(publisher, 'the ontology names its publisher');
  for (const g of await svc.store.graphs()) {
    const path = g.iri.replace(/^https:\/\/[^/]+/, '');
    const res = await get(`${path}.nt`);
    assert.equal(res.status, 200, path);
    const about = new Parser({ format: 'application/n-triples' }).parse(await res.text()).filter((q) => q.subject.value === g.iri);
    const values = (p: string) => about.filter((q) => q.predicate.value === p).map((q) => q.object.value);
    assert.equal(values(`${NS.dcterms}title`).length, 1, `${path}: one title`);
    assert.deepEqual(values(`${NS.dcterms}license`), ['https://spdx.org/licenses/EUPL-1.2'], `${path}: licence`);
    assert.deepEqual(values(`${NS.dcterms}publisher`), [publisher], `${path}: publisher`);
    assert.deepEqual(values(`${NS.void}triples`).map(Number), [g.triples], `${path}: triple count`);
    assert.match(values(`${NS.dcterms}modified`)[0] ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/, `${path}: modified`);
    if (g.iri.startsWith(`${V}def/`)) assert.ok(values(`${NS.dcterms}source`).length > 0, `${path}: source`);
    const dumps = values(`${NS.void}dataDump`);
    assert.equal(dumps.length, 6, `${path}: a dump per RDF format`);
    const turtle = dumps.find((d) => d.endsWith('.ttl'))!;
    const head = await fetch(`${svc.url}${turtle.replace(/^https:\/\/[^/]+/, '')}`, { method: 'HEAD' });
    assert.equal(head.status, 200, `${turtle} is served`);
  }
});

test('a /doc/ document names its primary topic, licence, sources and date; documents carry Last-Modified and answer If-Modified-Since', async () => {
  const thing = demo.find((q) => q.subject.value.startsWith('https://demo.gemeentelijkgegevensmodel.nl/id/zaak/'))!.subject.value;
  const docPath = thing.replace('https://demo.gemeentelijkgegevensmodel.nl/id/', '/doc/');
  const doc = `https://demo.gemeentelijkgegevensmodel.nl${docPath}`;
  const res = await get(docPath, { Accept: 'text/turtle' });
  const quads = new Parser().parse(await res.text());
  const values = (p: string) => quads.filter((q) => q.subject.value === doc && q.predicate.value === p).map((q) => q.object.value);
  assert.deepEqual(values(`${NS.foaf}primaryTopic`), [thing]);
  assert.deepEqual(values(`${NS.dcterms}license`), ['https://spdx.org/licenses/EUPL-1.2']);
  const graphsOfThing = [...new Set(demo.filter((q) => q.subject.value === thing).map((q) => q.graph.value))].sort();
  assert.deepEqual(values(`${NS.dcterms}source`).sort(), graphsOfThing, 'the graphs its triples come from');
  const lastModified = res.headers.get('last-modified');
  assert.ok(lastModified && Number.isFinite(Date.parse(lastModified)), 'Last-Modified');
  assert.equal(values(`${NS.dcterms}modified`)[0], new Date(lastModified).toISOString().replace('.000Z', 'Z'));
  assert.equal((await get(docPath, { Accept: 'text/turtle', 'If-Modified-Since': lastModified })).status, 304);
  const earlier = new Date(Date.parse(lastModified) - 60_000).toUTCString();
  assert.equal((await get(docPath, { Accept: 'text/turtle', 'If-Modified-Since': earlier })).status, 200);
});

test('compression: br and gzip negotiated on Accept-Encoding, same bytes when decoded, own ETags, Vary; small answers as they are', async () => {
  // undici's fetch asks for gzip and decodes by itself: node:http shows the bytes on the wire.
  const identity = await rawGet('/def/ggm/codelijsten.ttl', {});
  const plain = identity.body;
  assert.equal(identity.headers['content-encoding'], undefined, 'no Accept-Encoding: identity');
  assert.match(identity.headers.vary ?? '', /Accept-Encoding/);
  for (const [accept, encoding, decode] of [
    ['gzip', 'gzip', gunzipSync],
    ['br', 'br', brotliDecompressSync],
    ['gzip;q=0.5, br', 'br', brotliDecompressSync],
    ['br;q=0, gzip', 'gzip', gunzipSync],
  ] as const) {
    const res = await rawGet('/def/ggm/codelijsten.ttl', { 'Accept-Encoding': accept });
    assert.equal(res.headers['content-encoding'], encoding, accept);
    assert.ok(res.body.length < plain.length / 3, `${accept}: compressed (${res.body.length} of ${plain.length} bytes)`);
    assert.ok(decode(res.body).equals(plain), `${accept}: decodes to the same bytes`);
    assert.notEqual(res.headers.etag, identity.headers.etag, 'each encoding has its own ETag');
    const again = await rawGet('/def/ggm/codelijsten.ttl', { 'Accept-Encoding': accept, 'If-None-Match': res.headers.etag as string });
    assert.equal(again.status, 304);
  }
  const page = await rawGet('/def/ggm/Zaak', { 'Accept-Encoding': 'gzip', Accept: 'text/html' });
  assert.equal(page.headers['content-encoding'], 'gzip', 'pages too');
  assert.match(gunzipSync(page.body).toString('utf8'), /<html/);
  const tiny = await rawGet('/zoeken/suggesties?q=zzzzqq', { 'Accept-Encoding': 'gzip, br' });
  assert.equal(tiny.headers['content-encoding'], undefined, 'a body under 1 KB is sent as it is');
});

test('an idle keep-alive connection is still open after rdflib.js-like pauses (longer than 5 s)', async () => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const once = () =>
    new Promise<boolean>((resolve, reject) => {
      const req = http.get(`${svc.url}/def/ggm/Zaak.ttl`, { agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(req.reusedSocket));
      });
      req.on('error', reject);
    });
  assert.equal(await once(), false);
  await new Promise((r) => setTimeout(r, 6_000));
  assert.equal(await once(), true, 'the second request reused the idle connection');
  agent.destroy();
});

/**
 * Every term the service publishes — each class, attribute, relation, code list and code value of the
 * compiled release — and 1,000 demo instances, dereferenced as a browser (HTML) and as an RDF client
 * (Turtle): all 200; the Turtle holds every triple the published file gives the term (blank nodes aside),
 * the HTML page names it.
 */
test('every class, property, code list and code value, and 1,000 instances: 200 as HTML and as Turtle, with their own triples', async () => {
  const codelijsten = new Parser().parse(readFileSync(join(ROOT, 'ontology', 'codelijsten.ttl'), 'utf8'));
  const all = [...ontology, ...codelijsten];
  const typed = (types: string[]) =>
    [
      ...new Set(all.filter((q) => q.predicate.value === `${NS.rdf}type` && types.includes(q.object.value)).map((q) => q.subject.value)),
    ].filter((s) => s.startsWith(`${V}def/ggm/`));
  const terms = [
    ...typed([`${NS.owl}Class`]),
    ...typed([`${NS.owl}ObjectProperty`, `${NS.owl}DatatypeProperty`]),
    ...typed([`${NS.skos}ConceptScheme`]),
    ...typed([`${NS.skos}Concept`]),
  ];
  assert.ok(terms.length > 9000, `terms: ${terms.length}`);
  const instanceIris = [
    ...new Set(demo.filter((q) => q.subject.value.startsWith('https://demo.gemeentelijkgegevensmodel.nl/id/')).map((q) => q.subject.value)),
  ]
    .filter((s) => !/\/id\/[^/]+\/[^/]+\/./.test(s)) // geometry nodes are part of their feature's document
    .sort();
  const step = Math.max(1, Math.floor(instanceIris.length / 1000));
  const instances = instanceIris.filter((_, i) => i % step === 0).slice(0, 1000);
  assert.equal(instances.length, 1000);
  const bySubject = new Map<string, Quad[]>();
  for (const q of [...all, ...demo])
    if (q.object.termType !== 'BlankNode' && q.subject.termType === 'NamedNode')
      bySubject.set(q.subject.value, [...(bySubject.get(q.subject.value) ?? []), q]);
  const label = (iri: string) =>
    all.find((q) => q.subject.value === iri && (q.predicate.value === `${NS.skos}prefLabel` || q.predicate.value === `${NS.rdfs}label`))
      ?.object.value;
  const failures: string[] = [];
  await pool([...terms, ...instances], 8, async (iri) => {
    const path = iri.startsWith(V) ? pathOf(iri) : iri.replace('https://demo.gemeentelijkgegevensmodel.nl/id/', '/doc/');
    const ttl = await get(path, { Accept: 'text/turtle' });
    if (ttl.status !== 200) return void failures.push(`${path} as Turtle: ${ttl.status}`);
    const served = new Set(new Parser({ baseIRI: `${svc.url}${path}` }).parse(await ttl.text()).map(tripleKey));
    // A code list's values (skos:hasTopConcept) come paged, 500 a page (?page=2 …).
    const own = (bySubject.get(iri) ?? []).filter((q) => q.predicate.value !== `${NS.skos}hasTopConcept` && !served.has(tripleKey(q)));
    if (own.length) failures.push(`${path} as Turtle lacks ${own.length} own triples, e.g. ${own[0]!.predicate.value}`);
    const page = await get(path, { Accept: 'text/html' });
    const body = await page.text();
    if (page.status !== 200) return void failures.push(`${path} as HTML: ${page.status}`);
    const name = label(iri);
    if (name && !body.includes(escapeHtml(name))) failures.push(`${path} as HTML does not name ${name}`);
  });
  assert.deepEqual(failures.slice(0, 20), [], `${failures.length} failures`);
});
