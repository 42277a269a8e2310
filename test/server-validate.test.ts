/**
 * POST /validate on the real service: RDF in, SHACL report out (RDF by Accept,
 * or an HTML table); bad input answered with 400/415, never 500.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import N3 from 'n3';
import { startFixtureService } from './server-support.js';

const service = await startFixtureService();
after(() => service.close());
const url = `${service.url}/validate`;
const GGM = 'https://gemeentelijkgegevensmodel.nl/def/ggm/';
const SH = 'http://www.w3.org/ns/shacl#';

const bad = `@prefix ggm: <${GGM}> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://example.org/id/zaak/1> a ggm:Zaak ;
  ggm:zaak.datumRegistratie "gisteren" , "2024-01-02"^^xsd:date ;
  ggm:zaak.omschrijving "<script>alert(1)</script>" .`;
const good = `@prefix ggm: <${GGM}> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://example.org/id/aanbesteding/2> a ggm:Aanbesteding ; ggm:aanbesteding.datumStart "2024-01-02"^^xsd:date .`;

test('a violating resource gets a sh:ValidationReport naming focus node, path and constraint', async () => {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'text/turtle', accept: 'text/turtle' }, body: bad });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type')!, /^text\/turtle/);
  const store = new N3.Store(new N3.Parser().parse(await res.text()));
  assert.equal(store.getObjects(null, `${SH}conforms`, null)[0]!.value, 'false');
  const results = store.getSubjects(`${SH}focusNode`, N3.DataFactory.namedNode('https://example.org/id/zaak/1'), null);
  const constraints = new Set(results.flatMap((r) => store.getObjects(r, `${SH}sourceConstraintComponent`, null).map((o) => o.value)));
  assert.ok(constraints.has(`${SH}MaxCountConstraintComponent`), [...constraints].join(' '));
  assert.ok(constraints.has(`${SH}DatatypeConstraintComponent`));
  const paths = new Set(results.flatMap((r) => store.getObjects(r, `${SH}resultPath`, null).map((o) => o.value)));
  assert.ok(paths.has(`${GGM}zaak.datumRegistratie`));
});

test('a conforming resource conforms; the HTML report escapes the data', async () => {
  const ok = await fetch(url, { method: 'POST', headers: { 'content-type': 'text/turtle', accept: 'application/n-triples' }, body: good });
  assert.equal(ok.status, 200);
  assert.match(await ok.text(), /conforms> "true"\^\^<http:\/\/www.w3.org\/2001\/XMLSchema#boolean>/);
  const page = await fetch(url, { method: 'POST', headers: { 'content-type': 'text/turtle', accept: 'text/html' }, body: bad });
  const text = await page.text();
  assert.match(text, /<table class="report">/);
  assert.match(text, /zaak\.datumRegistratie/);
  assert.ok(!text.includes('<script>alert(1)</script>'));
});

test('the browser form posts urlencoded data; bad RDF is 400 with the line, a non-RDF body 415', async () => {
  const form = new URLSearchParams({ format: 'text/turtle', data: good });
  const viaForm = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    body: form,
  });
  assert.equal(viaForm.status, 200);
  assert.match(await viaForm.text(), /voldoet aan de GGM-shapes/);
  // A field sent twice is refused by name, not joined with a comma ("<data>,<data>") and parsed.
  const twice = new URLSearchParams([
    ['format', 'text/turtle'],
    ['data', good],
    ['data', good],
  ]);
  const doubled = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: twice });
  assert.equal(doubled.status, 400);
  assert.match(await doubled.text(), /form field (&quot;|")data(&quot;|") must be given once/);
  const broken = await fetch(url, { method: 'POST', headers: { 'content-type': 'text/turtle' }, body: '<a> <b> .\n<c> <d> <e> .' });
  assert.equal(broken.status, 400);
  assert.match(await broken.text(), /line 1/);
  const wrong = await fetch(url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hallo' });
  assert.equal(wrong.status, 415);
  const formPage = await fetch(url, { headers: { accept: 'text/html' } });
  assert.match(await formPage.text(), /<form method="post" action="\/validate">/);
});
