/**
 * The service as outside clients use it, on what the project publishes (the
 * compiled release and the demo data), one service process for all of it.
 * Expectations are read from the published files, not from the service.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser, type Quad } from 'n3';
import { QueryEngine } from '@comunica/query-sparql';
import { NS } from '../src/iri/index.js';
import { ROOT, startFixtureService, type FixtureService } from './server-support.js';

const V = 'https://gemeentelijkgegevensmodel.nl/';
let svc: FixtureService;
let ontology: Quad[];
let demo: Quad[];
const comunica = new QueryEngine();

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${svc.url}${path}`, { headers, redirect: 'manual' });
const pathOf = (iri: string) => iri.slice(V.length - 1);

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
