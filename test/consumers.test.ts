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
import { NS } from '../src/iri/index.js';
import { ROOT, startFixtureService, type FixtureService } from './server-support.js';

const V = 'https://gemeentelijkgegevensmodel.nl/';
let svc: FixtureService;
let ontology: Quad[];

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
