/**
 * The service on what the project really publishes: the compiled GGM release
 * (ontology/, shapes/) and the demo data (data/), loaded by the real start-up
 * into the real embedded store. Expectations are read from the files
 * themselves, independently of the service.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser, type Quad } from 'n3';
import { NS } from '../src/iri/index.js';
import { FORMATS } from '../src/server/formats.js';
import { canonical, ROOT, startFixtureService, toNQuads, type FixtureService } from './server-support.js';

const V = 'https://gemeentelijkgegevensmodel.nl/';
let svc: FixtureService;
let ontology: Quad[];
let codelijsten: Quad[];
const get = (path: string, headers: Record<string, string> = {}) => fetch(`${svc.url}${path}`, { headers, redirect: 'manual' });

before(async () => {
  ontology = new Parser().parse(readFileSync(join(ROOT, 'ontology', 'ggm.ttl'), 'utf8'));
  codelijsten = new Parser().parse(readFileSync(join(ROOT, 'ontology', 'codelijsten.ttl'), 'utf8'));
  svc = await startFixtureService({ root: ROOT });
});
after(async () => {
  await svc?.close();
});

test('start-up loads the ontology, code lists, MIM graph, alignments, shapes and the demo graphs', async () => {
  const graphs = new Map((await svc.store.graphs()).map((g) => [g.iri, g.triples]));
  assert.equal(graphs.get(`${V}def/ggm`), ontology.length);
  assert.equal(graphs.get(`${V}def/ggm/codelijsten`), codelijsten.length);
  for (const g of [`${V}def/ggm/mim`, `${V}def/ggm/shapes`, `${V}def/ggm/alignments`]) assert.ok((graphs.get(g) ?? 0) > 0, g);
  assert.ok(
    [...graphs.keys()].filter((g) => g.startsWith('https://demo.gemeentelijkgegevensmodel.nl/graph/demo/')).length > 10,
    'demo graphs',
  );
});

test('the ontology document holds the whole ontology graph', async () => {
  const res = await get('/def/ggm', { Accept: 'application/n-triples' });
  assert.equal(res.status, 200);
  const served = new Parser({ format: 'application/n-triples' }).parse(await res.text());
  const key = (q: Quad) => `${q.subject.value} ${q.predicate.value} ${q.object.termType}:${q.object.value}`;
  const file = new Set(ontology.filter((q) => q.object.termType !== 'BlankNode' && q.subject.termType !== 'BlankNode').map(key));
  const got = new Set(served.filter((q) => q.object.termType !== 'BlankNode' && q.subject.termType !== 'BlankNode').map(key));
  assert.deepEqual(
    [...file].filter((k) => !got.has(k)),
    [],
    'every triple of the ontology',
  );
  const extra = served.filter((q) => !file.has(key(q)) && q.subject.termType !== 'BlankNode' && q.object.termType !== 'BlankNode');
  assert.ok(
    extra.every((q) => q.subject.value === `${V}def/ggm`),
    'and beyond it only what the document says about the graph itself',
  );
  assert.equal(served.length, ontology.length + extra.length);
});

test('the Zaak class page lists every attribute and relation the ontology gives Zaak', async () => {
  const zaak = `${V}def/ggm/Zaak`;
  const own = ontology.filter((q) => q.predicate.value === `${NS.rdfs}domain` && q.object.value === zaak).map((q) => q.subject.value);
  assert.ok(own.length > 10);
  const html = await (await get('/def/ggm/Zaak', { Accept: 'text/html' })).text();
  for (const p of own) assert.ok(html.includes(`href="${p.slice(V.length - 1)}"`), `class page links ${p}`);
  const incoming = ontology.filter((q) => q.predicate.value === `${NS.rdfs}range` && q.object.value === zaak).map((q) => q.subject.value);
  for (const p of incoming) assert.ok(html.includes(`href="${p.slice(V.length - 1)}"`), `incoming relation ${p}`);
});

test('every RDF format of a real class is the same graph', async () => {
  let reference: string | undefined;
  for (const f of FORMATS.filter((x) => x.mediaType !== 'text/html')) {
    const body = await (await get(`/def/ggm/Zaak.${f.extension}`)).text();
    const c = await canonical(await toNQuads(body, f.mediaType, `${V}def/ggm/Zaak`, true));
    reference ??= c;
    assert.equal(c, reference, `${f.mediaType} isomorphic to Turtle`);
  }
});

test('the largest code list is paged and every value is on some page', async () => {
  const counts = new Map<string, number>();
  for (const q of codelijsten)
    if (q.predicate.value === `${NS.skos}inScheme`) counts.set(q.object.value, (counts.get(q.object.value) ?? 0) + 1);
  const [scheme, n] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]!;
  const path = scheme.slice(V.length - 1);
  const seen = new Set<string>();
  for (let page = 1; page <= Math.ceil(n / 500); page++) {
    const res = await get(`${path}.nt${page > 1 ? `?page=${page}` : ''}`);
    assert.equal(res.status, 200);
    const quads = new Parser({ format: 'application/n-triples' }).parse(await res.text());
    for (const q of quads) if (q.predicate.value === `${NS.skos}inScheme` && q.object.value === scheme) seen.add(q.subject.value);
    assert.equal(res.headers.get('link')!.includes('rel="next"'), page * 500 < n);
  }
  assert.equal(seen.size, n);
});

test('a demo instance: /id/ → 303 → /doc/ with every triple the data file gives it', async () => {
  const trig = readFileSync(join(ROOT, 'data', 'demo', 'gemeente.trig'), 'utf8');
  const quads = new Parser({ format: 'application/trig' }).parse(trig);
  const subject =
    quads.find((q) => q.subject.value.startsWith('https://demo.gemeentelijkgegevensmodel.nl/id/zaak/'))?.subject.value ??
    quads.find((q) => q.subject.termType === 'NamedNode')!.subject.value;
  const own = quads.filter((q) => q.subject.value === subject && q.object.termType !== 'BlankNode');
  const path = subject.slice('https://demo.gemeentelijkgegevensmodel.nl'.length);
  const redirect = await get(path);
  assert.equal(redirect.status, 303);
  const doc = await get(`${redirect.headers.get('location')}.nq`);
  assert.equal(doc.status, 200);
  const served = new Parser({ format: 'application/n-quads' }).parse(await doc.text());
  for (const q of own)
    assert.ok(
      served.some((s) => s.subject.equals(q.subject) && s.predicate.equals(q.predicate) && s.object.equals(q.object)),
      `${q.predicate.value} ${q.object.value} in the description`,
    );
});
