/**
 * The service over real HTTP, in-process on port 0, on the fixture files
 * loaded by the real start-up loader into the real embedded store.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Parser } from 'n3';
import { FORMATS } from '../src/server/formats.js';
import { iriConfig, NS } from '../src/iri/index.js';
import { canonical, startFixtureService, toNQuads, type FixtureService } from './server-support.js';

const V = 'https://gemeentelijkgegevensmodel.nl/';
const ZAAK = `${V}def/ggm/Zaak`;
const Z1 = 'https://demo.gemeentelijkgegevensmodel.nl/id/zaak/Z-2024-001';

let svc: FixtureService;
const get = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
  fetch(`${svc.url}${path}`, { headers, method, redirect: 'manual' });

before(async () => {
  svc = await startFixtureService();
});
after(async () => {
  await svc.close();
});

describe('start-up', () => {
  test('loads every fixture file into its graph and reports counts and time', async () => {
    const events = svc.logs.map((l) => JSON.parse(l)).filter((e) => e.event === 'loaded');
    const graphs = new Map(events.map((e) => [e.graph, e.triples]));
    for (const g of [
      `${V}def/ggm`,
      `${V}def/ggm/codelijsten`,
      `${V}def/ggm/mim`,
      `${V}def/ggm/shapes`,
      'https://demo.gemeentelijkgegevensmodel.nl/graph/demo',
    ]) {
      assert.ok((graphs.get(g) ?? 0) > 0, `graph ${g} loaded with triples`);
    }
    const stored = await svc.store.graphs();
    for (const g of stored) assert.equal(graphs.get(g.iri), g.triples, `reported count of ${g.iri} matches the store`);
    const all = svc.logs.map((l) => JSON.parse(l)).find((e) => e.event === 'loaded-all');
    assert.equal(all.graphs, 5);
    assert.equal(typeof all.ms, 'number');
  });
});

describe('dereferencing and content negotiation', () => {
  test('a class as Turtle: its triples, labels of what it links to, incoming links, and the HTTP headers', async () => {
    const res = await get('/def/ggm/Zaak', { Accept: 'text/turtle' });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/turtle; charset=utf-8');
    assert.equal(res.headers.get('vary'), 'Accept, Accept-Encoding');
    assert.equal(res.headers.get('content-location'), '/def/ggm/Zaak.ttl');
    assert.match(res.headers.get('etag')!, /^"[^"]+"$/, 'strong ETag');
    assert.match(res.headers.get('cache-control')!, /max-age=\d+/);
    const link = res.headers.get('link')!;
    for (const f of FORMATS)
      assert.ok(link.includes(`</def/ggm/Zaak.${f.extension}>; rel="alternate"; type="${f.mediaType}"`), `Link to ${f.mediaType}`);
    const quads = new Parser({ format: 'text/turtle' }).parse(await res.text());
    const has = (s: string, p: string, o: string) =>
      quads.some((q) => q.subject.value === s && q.predicate.value === p && q.object.value === o);
    assert.ok(has(ZAAK, `${NS.rdfs}label`, 'Zaak'));
    assert.ok(has(ZAAK, `${NS.rdfs}subClassOf`, `${V}def/ggm/Object`));
    assert.ok(has(`${V}def/ggm/Object`, `${NS.rdfs}label`, 'Object'), 'label of a linked class');
    assert.ok(has(`${V}def/ggm/zaak.registratiedatum`, `${NS.rdfs}domain`, ZAAK), 'incoming link');
    assert.ok(has(ZAAK, `${NS.mim}naam`, 'Zaak'), 'MIM triples are part of the description');
  });

  test('every format of a class and of an instance (with a blank node) parses back to the same graph', async () => {
    for (const [path, base] of [
      ['/def/ggm/Zaak', ZAAK],
      ['/doc/zaak/Z-2024-001', Z1],
      ['/def/ggm/shape/Zaak/status', `${V}def/ggm/shape/Zaak/status`],
      ['/def/ggm/codelijst/Zaakstatus', `${V}def/ggm/codelijst/Zaakstatus`],
    ]) {
      const graphs = new Map<string, string>();
      const datasets = new Map<string, string>();
      for (const f of FORMATS.filter((x) => x.mediaType !== 'text/html')) {
        const byAccept = await get(path!, { Accept: f.mediaType });
        assert.equal(byAccept.status, 200, `${path} as ${f.mediaType}`);
        assert.equal(byAccept.headers.get('content-type'), f.contentType);
        const body = await byAccept.text();
        const byExtension = await (await get(`${path}.${f.extension}`)).text();
        const byParam = await (await get(`${path}?format=${encodeURIComponent(f.mediaType)}`, { Accept: 'text/html' })).text();
        assert.equal(byExtension, body, `${path}.${f.extension} gives the same bytes as Accept`);
        assert.equal(byParam, body, `?format= overrides Accept`);
        graphs.set(f.mediaType, await canonical(await toNQuads(body, f.mediaType, base!, true)));
        if (f.quads) datasets.set(f.mediaType, await canonical(await toNQuads(body, f.mediaType, base!)));
      }
      const turtle = graphs.get('text/turtle')!;
      assert.ok(turtle.split('\n').length > 5, `${path}: a real description`);
      for (const [mediaType, g] of graphs) assert.equal(g, turtle, `${path}: ${mediaType} is isomorphic to Turtle`);
      assert.equal(
        datasets.get('application/trig'),
        datasets.get('application/n-quads'),
        `${path}: TriG and N-Quads give the same dataset`,
      );
      assert.equal(
        datasets.get('application/n-quads'),
        turtle,
        'quad formats hold the document in the default graph (as Comunica reads it)',
      );
    }
  });

  test('blank nodes are resolved recursively: a geometry node, a SHACL sh:in list', async () => {
    const doc = await (await get('/doc/zaak/Z-2024-001.nt')).text();
    assert.match(doc, /_:\S+ <http:\/\/www\.opengis\.net\/ont\/geosparql#asWKT> "POINT\(4\.357 52\.011\)"/);
    const shape = new Parser().parse(await (await get('/def/ggm/shape/Zaak/status.ttl')).text());
    const firsts = shape.filter((q) => q.predicate.value === `${NS.rdf}first`).map((q) => q.object.value.replace(/.*\//, ''));
    assert.deepEqual(firsts.sort(), ['Afgehandeld', 'In-behandeling', 'Ontvangen']);
  });

  test('/id/ answers 303 See Other to /doc/, which describes the /id/ IRI', async () => {
    const res = await get('/id/zaak/Z-2024-001', { Accept: 'text/turtle' });
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), '/doc/zaak/Z-2024-001');
    assert.equal(res.headers.get('vary'), 'Accept');
    const doc = await get(res.headers.get('location')!, { Accept: 'text/turtle' });
    assert.equal(doc.status, 200);
    const quads = new Parser().parse(await doc.text());
    assert.ok(quads.some((q) => q.subject.value === Z1 && q.predicate.value === `${V}def/ggm/zaak.omschrijving`));
    assert.ok(
      quads.some((q) => q.object.value === Z1 && q.predicate.value === `${V}def/ggm/besluit.leidtTotZaak`),
      'incoming link from the besluit',
    );
  });

  test('unknown IRIs: 404 as HTML or RDF by Accept', async () => {
    const html = await get('/def/ggm/Bestaatniet', { Accept: 'text/html' });
    assert.equal(html.status, 404);
    assert.match(html.headers.get('content-type')!, /^text\/html/);
    assert.match(await html.text(), /Niet gevonden[\s\S]*https:\/\/gemeentelijkgegevensmodel\.nl\/def\/ggm\/Bestaatniet/);
    const ttl = await get('/doc/zaak/bestaat-niet', { Accept: 'text/turtle' });
    assert.equal(ttl.status, 404);
    assert.match(ttl.headers.get('content-type')!, /^text\/turtle/);
    assert.deepEqual(new Parser().parse(await ttl.text()), []);
    assert.equal((await get('/nergens', { Accept: 'text/html' })).status, 404);
    assert.equal(
      (await get('/def/ggm/a|b^c', { Accept: 'text/turtle' })).status,
      404,
      'a path that cannot be an IRI is unknown, not an error',
    );
  });

  test('406 for an unsupported type lists the offered types; an unknown ?format= is a 400', async () => {
    const res = await get('/def/ggm/Zaak', { Accept: 'image/png, application/pdf' });
    assert.equal(res.status, 406);
    const body = await res.text();
    for (const f of FORMATS) assert.ok(body.includes(f.mediaType), `406 body names ${f.mediaType}`);
    assert.ok(res.headers.get('link')!.includes('rel="alternate"'));
    const bad = await get('/def/ggm/Zaak?format=docx', { Accept: 'text/plain' });
    assert.equal(bad.status, 400);
    assert.match(await bad.text(), /^400 unknown format "docx"/);
    const page = await get('/def/ggm/Zaak?format=docx');
    assert.equal(page.status, 400);
    assert.match(await page.text(), /<h1>Ongeldig verzoek<\/h1>[\s\S]*unknown format &quot;docx&quot;/, 'the error as a page for */*');
    const problem = await get('/def/ggm/Zaak?format=docx', { Accept: 'application/json' });
    assert.equal(problem.headers.get('content-type'), 'application/problem+json; charset=utf-8');
    assert.deepEqual(
      { ...((await problem.json()) as object), detail: undefined },
      {
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        code: 'unknown-format',
        detail: undefined,
        instance: '/def/ggm/Zaak?format=docx',
      },
    );
    assert.equal((await get('/def/ggm/Zaak?page=nul')).status, 400);
  });

  test('q-values and wildcards choose the format', async () => {
    const res = await get('/def/ggm/Zaak', { Accept: 'text/turtle;q=0.4, application/ld+json;q=0.9, */*;q=0.1' });
    assert.equal(res.headers.get('content-type'), 'application/ld+json; charset=utf-8');
    assert.ok(res.headers.get('link')!.includes('rel="http://www.w3.org/ns/json-ld#context"'));
    const json = await res.json();
    assert.equal(json['@context'].ggm, `${V}def/ggm/`);
    const browser = await get('/def/ggm/Zaak', { Accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' });
    assert.match(browser.headers.get('content-type')!, /^text\/html/);
  });

  test('the media types clients use for N-Triples, Turtle, JSON-LD and RDF/XML are answered, on documents and /sparql alike', async () => {
    const cases: [string, string, 'nt' | 'ttl' | 'jsonld' | 'rdf'][] = [
      ['text/plain', 'application/n-triples', 'nt'],
      ['text/n3', 'text/turtle', 'ttl'],
      ['application/x-turtle', 'text/turtle', 'ttl'],
      ['application/json', 'application/ld+json', 'jsonld'],
      ['application/xml', 'application/rdf+xml', 'rdf'],
      ['text/xml', 'application/rdf+xml', 'rdf'],
    ];
    const construct = `${svc.url}/sparql?query=${encodeURIComponent(`DESCRIBE <${ZAAK}>`)}`;
    for (const [accept, mediaType, extension] of cases) {
      const res = await get('/def/ggm/Zaak', { Accept: accept });
      assert.equal(res.status, 200, accept);
      assert.equal(res.headers.get('content-type'), `${mediaType}; charset=utf-8`, accept);
      assert.equal(await res.text(), await (await get(`/def/ggm/Zaak.${extension}`)).text(), `${accept}: the same bytes as .${extension}`);
      const sparql = await fetch(construct, { headers: { Accept: accept } });
      assert.equal(sparql.headers.get('content-type'), `${mediaType}; charset=utf-8`, `/sparql DESCRIBE, ${accept}`);
    }
  });

  test('Accept: garbage is disregarded alike on pages, documents and /sparql; an extension or ?format= wins over Accept', async () => {
    for (const path of ['/', '/def/ggm/Zaak', '/zoeken?q=zaak']) {
      const res = await get(path, { Accept: 'garbage' });
      assert.equal(res.status, 200, path);
      assert.match(res.headers.get('content-type')!, /^text\/html/, path);
    }
    const select = await fetch(`${svc.url}/sparql?query=${encodeURIComponent('ASK {}')}`, { headers: { Accept: 'garbage' } });
    assert.equal(select.status, 200);
    assert.equal(select.headers.get('content-type'), 'application/sparql-results+json; charset=utf-8');
    const none = await fetch(`${svc.url}/sparql?query=${encodeURIComponent('ASK {}')}`, { headers: { Accept: 'garbage, image/png' } });
    assert.equal(none.status, 406, 'a parseable range that matches nothing is a 406, on /sparql …');
    assert.equal((await get('/def/ggm/Zaak', { Accept: 'garbage, image/png' })).status, 406, '… and on documents');
    assert.equal((await get('/def/ggm/Zaak.ttl', { Accept: 'image/png' })).headers.get('content-type'), 'text/turtle; charset=utf-8');
    const byParam = await get('/def/ggm/Zaak?format=nt', { Accept: 'text/html' });
    assert.equal(byParam.headers.get('content-type'), 'application/n-triples; charset=utf-8');
  });

  test('conditional GET with the ETag gives 304; HEAD gives the headers without a body', async () => {
    const identity = { 'Accept-Encoding': 'identity' }; // (fetch asks for gzip by itself; the compressed form has an ETag of its own)
    const first = await get('/def/ggm/Zaak.ttl', identity);
    const etag = first.headers.get('etag')!;
    const body = await first.text();
    const again = await get('/def/ggm/Zaak.ttl', { ...identity, 'If-None-Match': etag });
    assert.equal(again.status, 304);
    assert.equal(await again.text(), '');
    assert.equal(again.headers.get('etag'), etag);
    assert.equal((await get('/def/ggm/Zaak.ttl', { ...identity, 'If-None-Match': '"iets-anders"' })).status, 200);
    const head = await get('/def/ggm/Zaak.ttl', identity, 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('etag'), etag);
    assert.equal(Number(head.headers.get('content-length')), Buffer.byteLength(body));
    assert.equal(await head.text(), '');
    const html = await get('/def/ggm/Zaak.html');
    assert.notEqual(html.headers.get('etag'), etag, 'each representation has its own ETag');
  });

  test('CORS on documents and preflight', async () => {
    const res = await get('/def/ggm/Zaak.ttl', { Origin: 'https://example.org' });
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    const exposed = res.headers.get('access-control-expose-headers')!;
    assert.match(exposed, /Link/);
    assert.match(exposed, /Content-Location/);
    const pre = await get(
      '/def/ggm/Zaak',
      { Origin: 'https://example.org', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
      'OPTIONS',
    );
    assert.equal(pre.status, 204);
    assert.match(pre.headers.get('access-control-allow-methods')!, /GET.*HEAD.*POST/);
    assert.equal(pre.headers.get('access-control-allow-headers'), 'content-type');
  });

  test('the ontology, the shapes graph and a code list are documents of their own', async () => {
    const graphs = new Map((await svc.store.graphs()).map((g) => [g.iri, g.triples]));
    for (const [path, graph] of [
      ['/def/ggm', `${V}def/ggm`],
      ['/def/ggm/shapes', `${V}def/ggm/shapes`],
      ['/def/ggm/codelijsten', `${V}def/ggm/codelijsten`],
      ['/graph/demo', 'https://demo.gemeentelijkgegevensmodel.nl/graph/demo'],
    ]) {
      const quads = new Parser({ format: 'application/n-quads' }).parse(await (await get(`${path}.nq`)).text());
      const about = quads.filter((q) => q.subject.value === graph);
      const n = graphs.get(graph!)!;
      // The graph's own triples, plus what the document adds about the graph (some of which the graph may say itself).
      assert.ok(quads.length >= n && quads.length - n <= about.length, `${path} holds the whole graph (${quads.length} for ${n})`);
      assert.ok(
        about.some((q) => q.predicate.value === `${NS.void}triples` && Number(q.object.value) === graphs.get(graph!)),
        `${path} describes itself (void:triples)`,
      );
      assert.ok(
        quads.every((q) => q.graph.termType === 'DefaultGraph'),
        `${path}: the graph's triples in the default graph of the document`,
      );
    }
    const list = new Parser().parse(await (await get('/def/ggm/codelijst/Zaakstatus.ttl')).text());
    const values = list
      .filter((q) => q.predicate.value === `${NS.skos}prefLabel` && q.subject.value.includes('/Zaakstatus/'))
      .map((q) => q.object.value);
    assert.deepEqual(values.sort(), ['Afgehandeld', 'In behandeling', 'Ontvangen']);
  });

  test('the JSON-LD context is published', async () => {
    const res = await get('/def/ggm/context.jsonld');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type')!, /^application\/ld\+json/);
    const ctx = await res.json();
    assert.equal(ctx['@context'].skos, NS.skos);
    assert.equal(ctx['@context'].ggm, `${V}def/ggm/`);
  });

  test('VoID lists every graph with its triple count', async () => {
    const res = await get('/.well-known/void', { Accept: 'text/turtle' });
    assert.equal(res.status, 200);
    const quads = new Parser().parse(await res.text());
    for (const g of await svc.store.graphs()) {
      const count = quads.find((q) => q.subject.value === g.iri && q.predicate.value === `${NS.void}triples`);
      assert.equal(Number(count?.object.value), g.triples, `void:triples of ${g.iri}`);
    }
  });

  test('every request is logged as one JSON line with method, path, status, ms', async () => {
    const before = svc.logs.length;
    const first = await get('/def/ggm/Besluit.nt');
    await first.text();
    const second = await get('/id/zaak/Z-2024-001', { 'X-Request-Id': 'client-chosen-42' });
    await second.text();
    assert.equal(second.headers.get('x-request-id'), 'client-chosen-42', 'a sane client request id is echoed');
    assert.match(first.headers.get('x-request-id')!, /^[0-9a-f-]{36}$/, 'else the service makes one');
    const bad = await get('/', { 'X-Request-Id': 'a b <script>' });
    assert.match(bad.headers.get('x-request-id')!, /^[0-9a-f-]{36}$/, 'an id with spaces or control characters is replaced');
    await bad.text();
    await (await get('/sparql?query=ASK%7B%7D', { Authorization: 'Bearer geheim-123' })).text();
    const lines = svc.logs
      .slice(before)
      .map((l) => JSON.parse(l))
      .filter((l) => l.path !== '/');
    assert.deepEqual(
      lines.map((l) => l.reqId),
      [first.headers.get('x-request-id'), 'client-chosen-42', lines[2]?.reqId],
    );
    assert.deepEqual(
      lines.map((l) => [l.method, l.path, l.status]),
      [
        ['GET', '/def/ggm/Besluit.nt', 200],
        ['GET', '/id/zaak/Z-2024-001', 303],
        ['GET', '/sparql?query=ASK%7B%7D', 200],
      ],
      'the path as requested, also inside mounted routers',
    );
    for (const l of lines) assert.equal(typeof l.ms, 'number');
    assert.ok(!svc.logs.join('').includes('geheim-123'), 'credentials are never logged');
  });
});

describe('SPARQL', () => {
  test('/sparql answers the protocol; a browser gets the query page', async () => {
    const res = await fetch(`${svc.url}/sparql`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/sparql-query', Accept: 'application/sparql-results+json' },
      body: `SELECT (COUNT(?c) AS ?n) WHERE { GRAPH <${V}def/ggm> { ?c a <${NS.owl}Class> } }`,
    });
    assert.equal(res.status, 200);
    const json = await res.json();
    assert.equal(Number(json.results.bindings[0].n.value), 4);
    const page = await get('/sparql', { Accept: 'text/html' });
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /<script src="\/assets\/yasgui\/yasgui\.min\.js"><\/script>/);
    assert.equal((await get('/assets/yasgui/yasgui.min.js')).status, 200);
    assert.equal((await get('/assets/ggm.css')).status, 200);
  });
});

describe('paging and changes', () => {
  test('a code list with 1,200 values is paged by 500 with rel="next"', async () => {
    const scheme = `${V}def/ggm/codelijst/Groot`;
    const lines = [`<${scheme}> a <${NS.skos}ConceptScheme> ; <${NS.skos}prefLabel> "Groot"@nl .`];
    for (let i = 0; i < 1200; i++) {
      const c = `<${scheme}/w${String(i).padStart(4, '0')}>`;
      lines.push(
        `${c} a <${NS.skos}Concept> ; <${NS.skos}inScheme> <${scheme}> ; <${NS.skos}prefLabel> "Waarde ${i}"@nl ; <${NS.skos}notation> "${i}" .`,
      );
    }
    await svc.store.replaceGraph(`${V}def/ggm/test-groot`, lines.join('\n'), 'text/turtle');
    const concepts = async (query: string) => {
      const res = await get(`/def/ggm/codelijst/Groot.nt${query}`);
      const quads = new Parser({ format: 'application/n-triples' }).parse(await res.text());
      const set = new Set(quads.filter((q) => q.predicate.value === `${NS.skos}notation`).map((q) => q.subject.value));
      return { set, link: res.headers.get('link')! };
    };
    const p1 = await concepts('');
    const p2 = await concepts('?page=2');
    const p3 = await concepts('?page=3');
    assert.deepEqual([p1.set.size, p2.set.size, p3.set.size], [500, 500, 200]);
    assert.equal(new Set([...p1.set, ...p2.set, ...p3.set]).size, 1200, 'pages do not overlap');
    assert.ok(p1.link.includes('</def/ggm/codelijst/Groot?page=2>; rel="next"'));
    assert.ok(p3.link.includes('rel="prev"') && !p3.link.includes('rel="next"'));
    const html = await (await get('/def/ggm/codelijst/Groot', { Accept: 'text/html' })).text();
    assert.match(html, /href="\/def\/ggm\/codelijst\/Groot\?page=2"[^>]*>Volgende pagina/);
  });

  test('a change through the store makes cached documents stale', async () => {
    const before = await (await get('/def/ggm/Document.ttl')).text();
    assert.ok(!before.includes('Nieuw label'));
    await svc.store.update(`INSERT DATA { GRAPH <${V}def/ggm> { <${V}def/ggm/Document> <${NS.skos}altLabel> "Nieuw label"@nl } }`, {
      timeoutMs: 5000,
    });
    assert.ok((await (await get('/def/ggm/Document.ttl')).text()).includes('Nieuw label'));
  });
});

describe('configured bases', () => {
  test('with other vocabulary and instance bases the same paths describe the rebased IRIs', async () => {
    const other = await startFixtureService({
      iri: iriConfig({ vocabBase: 'http://example.org/voc/', instanceBase: 'http://example.org/data/' }),
    });
    try {
      const quads = new Parser().parse(await (await fetch(`${other.url}/def/ggm/Zaak.ttl`)).text());
      assert.ok(quads.some((q) => q.subject.value === 'http://example.org/voc/def/ggm/Zaak' && q.predicate.value === `${NS.rdfs}label`));
      const redirect = await fetch(`${other.url}/id/zaak/Z-2024-001`, { redirect: 'manual' });
      assert.equal(redirect.status, 303);
      const doc = new Parser().parse(await (await fetch(`${other.url}${redirect.headers.get('location')}.ttl`)).text());
      assert.ok(doc.some((q) => q.subject.value === 'http://example.org/data/id/zaak/Z-2024-001'));
      const html = await (await fetch(`${other.url}/def/ggm/Zaak`, { headers: { Accept: 'text/html' } })).text();
      assert.match(html, /href="\/def\/ggm\/Object"/, 'links stay on this host');
    } finally {
      await other.close();
    }
  });
});
