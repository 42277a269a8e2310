/**
 * The query library and cross-domain pages over real HTTP, on the service
 * loaded with the published files (ontology, shapes, demo municipality):
 * every library answer served equals the same query run in-process on the
 * files; the cross-domain page counts each link's use exactly as an
 * independent walk over the demo data does; labels are escaped; the SVG
 * diagram and the query editor work in headless Chromium.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import express from 'express';
import { Parser } from 'n3';
import oxigraph from 'oxigraph';
import { loadQueryLibrary, type LibraryQuery } from '../../src/data/queries/library.js';
import { escapeHtml } from '../../src/server/pages/html.js';
import { crossDomainRouter } from '../../src/server/routes/cross-domain.js';
import { readCrossDomainReport, type PublishedCrossDomainReport } from '../../src/server/views/cross-domain-view.js';
import { ROOT } from '../server-support.js';
import { browser, svc } from './context.js';
import { evaluateSpatialFunctions } from '../../src/store/spatial.js';

const GEO = 'http://www.opengis.net/ont/geosparql#';

const GGM = 'https://gemeentelijkgegevensmodel.nl/def/ggm/';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';

let library: LibraryQuery[];
let report: PublishedCrossDomainReport;

async function get(path: string, accept = 'text/html'): Promise<{ status: number; type: string; body: string }> {
  const res = await fetch(`${svc.url}${path}`, { headers: { accept } });
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text() };
}

type Bindings = Record<string, { value: string; datatype?: string }>[];
const key = (b: Bindings[number]) =>
  JSON.stringify(
    Object.entries(b)
      .map(([k, v]) => [k, v.value])
      .sort(),
  );
const asSet = (bs: Bindings) => [...new Set(bs.map(key))].sort();

export function crossDomainTests(): void {
  before(() => {
    library = loadQueryLibrary(ROOT);
    report = readCrossDomainReport(ROOT);
  });

  test('/queries lists every library question in Dutch and English, each linking to its page and its result', async () => {
    const page = await get('/queries');
    assert.equal(page.status, 200);
    assert.match(page.type, /^text\/html/);
    assert.equal((page.body.match(/<li id="/g) ?? []).length, library.length);
    for (const q of library) {
      assert.ok(page.body.includes(escapeHtml(q.nl)), q.nl);
      assert.ok(page.body.includes(escapeHtml(q.en)), q.en);
      assert.ok(page.body.includes(`href="/queries/${q.name}"`), q.name);
      assert.ok(page.body.includes(`href="/queries/${q.name}/resultaat"`), q.name);
    }
    assert.equal((await get('/queries/bestaat-niet')).status, 404);
    assert.equal((await get('/queries/bestaat-niet/resultaat')).status, 404);
  });

  test('a query page shows the SPARQL text and preloads exactly that query for YASGUI', async () => {
    for (const q of library) {
      const page = await get(`/queries/${q.name}`);
      assert.equal(page.status, 200, q.name);
      assert.ok(page.body.includes(`<pre class="sparql"><code>${escapeHtml(q.sparql)}</code></pre>`), q.name);
      const config = /<script type="application\/json" id="sparql-config">(.*?)<\/script>/s.exec(page.body);
      assert.ok(config, q.name);
      assert.equal((JSON.parse(config[1]!) as { query: string }).query, q.sparql);
    }
  });

  test('every answer the service gives equals the same query run in-process on the published files (union of the graphs)', async () => {
    const store = new oxigraph.Store();
    store.load(readFileSync(join(ROOT, 'data/demo/gemeente.trig'), 'utf8'), { format: 'application/trig' });
    for (const name of ['ggm', 'codelijsten', 'alignments'])
      store.load(readFileSync(join(ROOT, `ontology/${name}.ttl`), 'utf8'), {
        format: 'text/turtle',
        to_graph_name: oxigraph.namedNode(`${GGM}${name}`),
      });
    const select = (sparql: string) =>
      (
        JSON.parse(
          store.query(sparql, { use_default_graph_as_union: true, results_format: 'application/sparql-results+json' }) as string,
        ) as { results: { bindings: Bindings } }
      ).results.bindings;
    for (const q of library) {
      // GeoSPARQL functions evaluated as the service does at its store border (src/store/spatial.ts)
      const spatial = await evaluateSpatialFunctions(q.sparql, undefined, async (x) => select(x) as never);
      const expected = select(spatial ?? q.sparql);
      const served = await get(`/queries/${q.name}/resultaat.json`);
      assert.equal(served.status, 200, q.name);
      assert.match(served.type, /^application\/sparql-results\+json/);
      const actual = (JSON.parse(served.body) as { results: { bindings: Bindings } }).results.bindings;
      assert.ok(actual.length > 0, `${q.name}: empty`);
      assert.deepEqual(asSet(actual), asSet(expected), q.name);
      const table = await get(`/queries/${q.name}/resultaat`);
      assert.equal(table.status, 200);
      const body = /<table class="grid results">.*?<tbody>(.*?)<\/tbody>/s.exec(table.body)?.[1] ?? '';
      assert.equal((body.match(/<tr>/g) ?? []).length, actual.length, `${q.name}: one table row per solution`);
      // an answer with geometry (geo:wktLiteral) is drawn as a map in RD New beside the table, each geometry linked to its row's object
      const wkt = new Set(
        actual.flatMap((b) =>
          Object.values(b)
            .filter((t) => t.datatype === `${GEO}wktLiteral`)
            .map((t) => t.value),
        ),
      );
      const map = /<svg class="geometry-map"[^>]*>(.*?)<\/svg>/s.exec(table.body)?.[1];
      if (wkt.size) {
        assert.ok(map, `${q.name}: a map`);
        assert.ok((map.match(/<a href="\/id\//g) ?? []).length >= 1, `${q.name}: linked features`);
        assert.doesNotMatch(table.body, /https?:\/\/[^"]*(tile|openstreetmap|arcgis)/i, 'no outside tiles');
      } else assert.equal(map, undefined, `${q.name}: no map without geometry`);
      const csv = await get(`/queries/${q.name}/resultaat.csv`, 'text/csv');
      assert.match(csv.type, /^text\/csv/);
      const vars = (JSON.parse(served.body) as { head: { vars: string[] } }).head.vars;
      assert.equal(csv.body.split(/\r?\n/)[0], vars.join(','), `${q.name}: CSV header`);
    }
  });

  test('an instance page with geometry draws it (RD New, SVG) with the geometries of the objects it links to', async () => {
    const page = await get('/doc/verblijfsobject-bag/1');
    assert.equal(page.status, 200);
    const map = /<svg class="geometry-map"[^>]*>(.*?)<\/svg>/s.exec(page.body)?.[1];
    assert.ok(map, 'a map');
    assert.ok((map.match(/r="6"/g) ?? []).length >= 1, 'its own point, emphasised');
    assert.ok((map.match(/<a href="\/id\//g) ?? []).length >= 1, 'linked objects (pand, nummeraanduiding …) drawn and linked');
    const plain = await get('/doc/zaak/1');
    assert.doesNotMatch(plain.body, /geometry-map/, 'no map without geometry');
  });

  test('/cross-domain counts every link between domains as used in the demo data, exactly as a walk over the data', async () => {
    const quads = new Parser({ format: 'application/trig' }).parse(readFileSync(join(ROOT, 'data/demo/gemeente.trig'), 'utf8'));
    const perPredicate = new Map<string, Set<string>>();
    const perClass = new Map<string, Set<string>>();
    for (const q of quads) {
      const p = q.predicate.value;
      if (!perPredicate.has(p)) perPredicate.set(p, new Set());
      perPredicate.get(p)!.add(`${q.subject.id} ${q.object.id}`);
      if (p === RDF_TYPE) {
        if (!perClass.has(q.object.value)) perClass.set(q.object.value, new Set());
        perClass.get(q.object.value)!.add(q.subject.value);
      }
    }
    const page = await get('/cross-domain');
    assert.equal(page.status, 200);
    const rows = [
      ...page.body.matchAll(
        /<tr data-kind="([^"]*)" data-property="([^"]*)" data-from="([^"]*)" data-to="([^"]*)">.*?<td class="num" data-usage>(\d+)<\/td>\s*<\/tr>/gs,
      ),
    ];
    const links = report.pairs.flatMap((p) => p.links);
    assert.equal(rows.length, links.length, 'one row per link');
    let used = 0;
    for (const [, kind, property, from, , usage] of rows) {
      const expected =
        kind === 'generalisatie' ? (perClass.get(`${GGM}${from}`)?.size ?? 0) : (perPredicate.get(`${GGM}${property}`)?.size ?? 0);
      assert.equal(Number(usage), expected, `${kind} ${property || from}`);
      if (expected > 0) used++;
    }
    assert.ok(used >= 20, `${used} links used in the demo data`);
    let asked = 0;
    for (const p of report.pairs) {
      const summary = new RegExp(
        `<tr data-pair="${escapeHtml(`${p.from} → ${p.to}`).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}">.*?</tr>`,
        's',
      ).exec(page.body)?.[0];
      assert.ok(summary, `${p.from} → ${p.to}`);
      const queries = library.filter((q) => q.domeinen.includes(p.from) && q.domeinen.includes(p.to));
      for (const q of queries) assert.ok(summary.includes(`href="/queries/${q.name}"`), `${p.from} → ${p.to}: ${q.name}`);
      assert.equal(
        (summary.match(/href="\/queries\//g) ?? []).length,
        queries.length,
        `${p.from} → ${p.to}: only the queries crossing both`,
      );
      if (queries.length) asked++;
    }
    assert.ok(asked >= 10, `${asked} pairs of domains have a question in the library`);
    for (const s of report.sharedNames)
      assert.ok(page.body.includes(`data-name="${escapeHtml(s.name)}" data-verdict="${s.verdict}"`), s.name);
    // The diagram: one circle and one label per beleidsdomein that has classes or links.
    const svg = /<svg\s+class="domain-overview".*?<\/svg>/s.exec(page.body)?.[0] ?? '';
    const overview = report.overview.beleidsdomein;
    const shown = overview.nodes.filter((n) => n.classes > 0 || overview.edges.some((e) => e.from === n.id || e.to === n.id));
    assert.equal((svg.match(/<circle\s/g) ?? []).length, shown.length);
    const labels = [...svg.matchAll(/<text\s[^>]*>(.*?)<\/text\s*>/gs)].map((m) =>
      [...m[1]!.matchAll(/<tspan\s[^>]*>(.*?)<\/tspan>/gs)].map((t) => t[1]).join(' '),
    );
    assert.deepEqual(labels.sort(), shown.map((n) => escapeHtml(n.label)).sort());
    for (const q of ['relaties-tussen-domeinen', 'zelfde-naam-andere-domeinen']) assert.ok(page.body.includes(`href="/queries/${q}"`), q);
  });

  test('the cross-domain page escapes names from the report, in tables and in the SVG', async () => {
    const evil = '<script>window.__xss=1</script>';
    const hostile: PublishedCrossDomainReport = {
      ...report,
      pairs: [
        {
          from: `A${evil}`,
          to: 'B"&',
          count: 1,
          relatiesoorten: 1,
          attribuutsoorten: 0,
          generalisaties: 0,
          links: [
            {
              kind: 'relatiesoort',
              guid: 'x',
              property: `p${evil}`,
              fromClass: `K${evil}`,
              fromDomein: 'A',
              toClass: 'Zaak',
              toDomein: 'B',
            },
          ],
        },
      ],
      sharedNames: [
        { name: `Naam${evil}`, classes: [{ guid: 'y', local: 'Zaak', domein: `D${evil}` }], sameConcept: [], verdict: 'homonym' },
      ],
      overview: {
        ...report.overview,
        beleidsdomein: { level: 'beleidsdomein', nodes: [{ id: 'x', label: `L${evil}`, classes: 3 }], edges: [] },
      },
    };
    const app = express().use(
      crossDomainRouter({
        store: svc.store,
        iri: { vocabBase: 'https://gemeentelijkgegevensmodel.nl/', instanceBase: 'https://demo.gemeentelijkgegevensmodel.nl/' },
        prefixes: {},
        root: ROOT,
        report: hostile,
      }),
    );
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      const body = await (await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/cross-domain`)).text();
      assert.ok(!body.includes(evil), 'no raw markup from the report');
      assert.ok(body.includes(`>L${escapeHtml(evil)}</tspan>`), 'SVG label escaped');
      assert.ok(body.includes(`Naam${escapeHtml(evil)}`), 'shared name escaped');
      assert.ok(body.includes(`data-pair="${escapeHtml(`A${evil} → B"&`)}"`), 'pair attribute escaped');
    } finally {
      server.close();
    }
  });

  test('the home page and the SPARQL page link to the query library; the home page to the cross-domain page', async () => {
    const home = await get('/');
    assert.ok(home.body.includes('href="/queries"'));
    assert.ok(home.body.includes('href="/cross-domain"'));
    assert.ok((await get('/sparql')).body.includes('href="/queries"'));
  });

  test('in Chromium: the diagram renders without JavaScript, and a query page opens YASGUI with the query', async () => {
    const noJs = await browser.newContext({ javaScriptEnabled: false });
    const page = await noJs.newPage();
    await page.goto(`${svc.url}/cross-domain`);
    const box = await page.locator('svg.domain-overview').boundingBox();
    assert.ok(box && box.width > 300 && box.height > 200, `diagram box ${JSON.stringify(box)}`);
    assert.ok((await page.locator('svg.domain-overview line').count()) > 0);
    // Without JavaScript the library still answers: follow the link to a result table.
    await page.goto(`${svc.url}/queries`);
    await page.locator(`a[href="/queries/${library[0]!.name}/resultaat"]`).first().click();
    await page.waitForURL(`${svc.url}/queries/${library[0]!.name}/resultaat`);
    assert.ok((await page.locator('table.results tbody tr').count()) > 0);
    await noJs.close();

    const js = await browser.newPage();
    await js.goto(`${svc.url}/queries/${library[1]!.name}`);
    await js.waitForFunction(() => (window as unknown as Record<string, unknown>).__yasgui !== undefined, undefined, { timeout: 10_000 });
    const query = await js.evaluate(() =>
      (window as unknown as { __yasgui: { getTab(): { getQuery(): string } } }).__yasgui.getTab().getQuery(),
    );
    assert.equal(query.trim(), library[1]!.sparql.trim());
    // Run it from the editor against /sparql: the same number of solutions as the library's own answer.
    type Tab = { query(): Promise<unknown>; getYasr(): { results: { getBindings(): unknown[] } } };
    const solutions = await js.evaluate(async () => {
      const tab = (window as unknown as { __yasgui: { getTab(): Tab } }).__yasgui.getTab();
      await tab.query();
      return tab.getYasr().results.getBindings().length;
    });
    const served = JSON.parse((await get(`/queries/${library[1]!.name}/resultaat.json`)).body) as { results: { bindings: unknown[] } };
    assert.ok(solutions > 0);
    assert.equal(solutions, served.results.bindings.length);
    await js.close();
  });
}
