/**
 * WCAG 2.1 AA on every page type, in real Chromium on the real published data:
 *
 *  - the page types come from the service's own route table: every GET route
 *    of the express app must be listed below, as a page type with sample URLs
 *    or as "not a page" with the reason, so a page added later fails this test
 *    until it is covered; the document route (/def/, /doc/, /graph/) must show
 *    every kind of page the renderer has (DOCUMENT_PAGE_KINDS);
 *  - axe-core (injected into the page) finds no violation of WCAG 2.0/2.1 A and
 *    AA, at desktop width and at 390 px (a phone), and the page itself never
 *    scrolls sideways at 390 px (wide tables scroll in their own region);
 *  - the SPARQL editor is no keyboard trap: focus is not taken on load, Tab
 *    reaches every control of the page, enters the editor and leaves it, the
 *    Run button is reachable, Ctrl+Enter runs the query and the outcome is
 *    announced; YASGUI's texts are Dutch; result links lead to this host;
 *  - no page loads anything from outside this host.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { DOCUMENT_PAGE_KINDS } from '../../src/server/render.js';
import { browser, svc } from './context.js';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

/**
 * Every GET route of the app. Pages: sample paths to check. Not pages: why not.
 * A route of the app missing here fails the test ('every route is covered').
 */
const ROUTES: Record<string, { pages: string[] } | { notAPage: string }> = {
  '/': { pages: ['/'] },
  '/favicon.ico': { notAPage: 'icon file' },
  '/assets/yasgui': { notAPage: 'YASGUI script and style files' },
  '/assets': { notAPage: 'style sheet, scripts, icons' },
  '/alignments': { notAPage: 'SSSOM mapping files (TSV)' },
  '/reports': { notAPage: 'report files (Markdown, JSON) of the build' },
  '/def/ggm/context.jsonld': { notAPage: 'JSON-LD context' },
  '/zoeken': { pages: ['/zoeken', '/zoeken?q=zaak', '/zoeken?q=geenenkeltreffer'] },
  '/zoeken/suggesties': { notAPage: 'suggestions as you type (JSON)' },
  '/.well-known/void': { pages: ['/.well-known/void'] },
  '/validate': { pages: ['/validate'] },
  '/queries': { pages: ['/queries'] },
  '/queries/:name': { pages: ['/queries/stadspas-en-energietoeslag'] },
  '/queries/:name/:answer': { pages: ['/queries/inwoners-per-woonplaats/resultaat', '/queries/bomen-en-groen-per-buurt/resultaat'] },
  '/cross-domain': { pages: ['/cross-domain'] },
  '/kwaliteit': { pages: ['/kwaliteit'] },
  '/kwaliteit/domein/:slug': { pages: ['/kwaliteit/domein/6-sociaal-domein'] },
  '/kwaliteit/regel/:slug': { pages: ['/kwaliteit/regel/source-double-encoded'] },
  '/domeinen': { pages: ['/domeinen'] },
  '/termen': { pages: ['/termen'] },
  '/termen/:letter': { pages: ['/termen/o', '/termen/0-9'] },
  '/sparql': { pages: ['/sparql'] },
  '/sparql/': { notAPage: 'the SPARQL protocol (results, service description)' },
  '/store/': { notAPage: 'Graph Store Protocol writes (PUT/POST ?graph=…; other methods 405)' },
  '/^\\/id\\/.+/': { notAPage: '303 See Other to /doc/…' },
  '/^\\/def\\/.+/': { notAPage: '303 See Other from the namespace, dataset and mapping-set IRIs to their documents (else passes on)' },
  '/^\\/def\\/ggm\\/\\d+\\.\\d+\\.\\d+(?:[./].*)?$/': {
    pages: [
      '/def/ggm/2.5.0',
      '/def/ggm/2.5.0/Zaak',
      '/def/ggm/2.5.0/codelijst/Geslacht',
      '/def/ggm/2.5.1/standplaats_BAG.datumBeginGeldigheid',
    ],
  },
  '/^\\/(def|doc|graph|id)\\/.+/': { notAPage: 'other methods than GET/HEAD on documents: 405 with Allow (GET is answered above)' },
  '/^\\/(def|doc|graph)\\/.+/': {
    pages: [
      '/def/ggm',
      '/def/ggm/codelijsten',
      '/def/ggm/shapes',
      '/def/ggm/mim',
      '/graph/demo/rsgbplus',
      '/def/ggm/Zaak',
      '/def/ggm/zaak.omschrijving',
      '/def/ggm/zaak.heeftHeffing',
      '/def/ggm/codelijst/Geslacht',
      '/def/ggm/codelijst/Geslacht/Man',
      '/def/ggm/mim/Zaak',
      '/def/ggm/shape/Zaak',
      '/def/ggm/domein/Inkomen',
      '/def/ggm/domein/ModelInkomen',
      '/doc/zaak/1',
      '/doc/ingeschrevenpersoon/1',
      '/doc/verblijfsobject-bag/1',
      '/def/ggm/BestaatNiet',
      '/def/ggm/Zaak?page=x',
    ],
  },
};

interface RouteLayer {
  route?: { path: unknown; methods: Record<string, boolean> };
  handle: { stack?: RouteLayer[] };
  rawPath?: unknown;
}

/** Every route of the app that answers GET (or any method), with its mount path. */
function getRoutes(stack: RouteLayer[], prefix = ''): string[] {
  const out: string[] = [];
  const mount = (p: unknown) => (p === '/' || p === undefined ? '' : String(p as string | RegExp));
  for (const layer of stack) {
    if (layer.route) {
      if (layer.route.methods.get || layer.route.methods._all) out.push(`${prefix}${String(layer.route.path)}`);
    } else if (layer.handle.stack) {
      out.push(...getRoutes(layer.handle.stack, prefix + mount(layer.rawPath)));
    } else if (typeof layer.rawPath === 'string' && layer.rawPath !== '/') {
      out.push(prefix + layer.rawPath); // static files mounted at a path
    }
  }
  return out;
}

/** A page that fails every request to another host (and records it). */
async function localPage(viewport: { width: number; height: number }, outside: string[]): Promise<Page> {
  const page = await browser.newPage({ viewport });
  const own = new URL(svc.url).host;
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.host === own || url.protocol === 'data:') return route.continue();
    outside.push(url.href);
    return route.abort();
  });
  return page;
}

interface AxeViolation {
  id: string;
  impact: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run(c: Document, o: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    // Only violations are read: axe then keeps one node per passing rule (faster on large pages).
    return (await axe.run(document, { resultTypes: ['violations'], runOnly: { type: 'tag', values: tags } })).violations;
  }, WCAG);
  return violations.map(
    (v) =>
      `${v.id} (${v.impact}) ×${v.nodes.length}: ${v.nodes
        .slice(0, 3)
        .map((n) => `${n.target.join(' ')} — ${(n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 160)}`)
        .join(' | ')}`,
  );
}

/** Elements that stick out to the right of the viewport outside any scrolling region. */
async function sideways(page: Page): Promise<{ width: number; culprits: string[] }> {
  return page.evaluate(() => {
    const culprits: string[] = [];
    for (const e of Array.from(document.querySelectorAll('body *'))) {
      if (e.getBoundingClientRect().right <= window.innerWidth + 1) continue;
      let p = e.parentElement;
      let contained = false;
      for (; p; p = p.parentElement) if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(p).overflowX)) contained = true;
      if (!contained) culprits.push(`${e.tagName.toLowerCase()}.${String(e.className)}`);
    }
    return { width: document.documentElement.scrollWidth, culprits: culprits.slice(0, 5) };
  });
}

async function yasguiReady(page: Page): Promise<void> {
  await page.waitForFunction(() => (window as unknown as Record<string, unknown>).__yasgui !== undefined, undefined, { timeout: 15_000 });
}

export function accessibilityTests(): void {
  test('every route of the app is a checked page type or named as not a page', () => {
    const routes = [...new Set(getRoutes(svc.app.router.stack as unknown as RouteLayer[]))];
    assert.ok(routes.length > 10, `the route table was read (${routes.join(', ')})`);
    const missing = routes.filter((r) => !(r in ROUTES));
    assert.deepEqual(missing, [], `routes without a page type in ${import.meta.url}: add sample pages (or say why it is no page)`);
    const gone = Object.keys(ROUTES).filter((r) => !routes.includes(r));
    assert.deepEqual(gone, [], 'routes listed here that the app no longer has');
  });

  const PAGES = Object.values(ROUTES).flatMap((r) => ('pages' in r ? r.pages : []));

  test('the document pages show every kind of page the renderer has', async () => {
    const seen = new Set<string>();
    await Promise.all(
      (ROUTES['/^\\/(def|doc|graph)\\/.+/'] as { pages: string[] }).pages.map(async (path) => {
        const res = await fetch(`${svc.url}${path}`, { headers: { Accept: 'text/html' } });
        const kind = /<p class="kind">([^<]*)<\/p>/.exec(await res.text())?.[1];
        if (kind) seen.add(kind);
      }),
    );
    assert.deepEqual(
      DOCUMENT_PAGE_KINDS.filter((k) => !seen.has(k)),
      [],
      `sample pages lack these kinds (seen: ${[...seen].join(', ')})`,
    );
  });

  /** Pages that answer with an error on purpose; every other sample must answer 200. */
  const ERROR_PAGES: Record<string, number> = {
    '/def/ggm/BestaatNiet': 404,
    '/def/ggm/Zaak?page=x': 400,
    '/zoeken?q=geenenkeltreffer': 200,
  };

  /** Every sample page at one width: what axe-core finds, titles, language, status, sideways scrolling. */
  async function checkPages(viewport: { width: number; height: number }, outside: string[]): Promise<string[]> {
    const page = await localPage(viewport, outside);
    const problems: string[] = [];
    for (const path of PAGES) {
      const res = await page.goto(`${svc.url}${path}`, { waitUntil: 'load' });
      if (res?.status() !== (ERROR_PAGES[path] ?? 200)) problems.push(`${path}: status ${res?.status()}`);
      if (path === '/sparql' || (path.startsWith('/queries/') && !path.endsWith('/resultaat'))) await yasguiReady(page);
      if (!(await page.title()).trim()) problems.push(`${path}: no title`);
      if ((await page.getAttribute('html', 'lang')) !== 'nl') problems.push(`${path}: not lang="nl"`);
      for (const v of await axeViolations(page)) problems.push(`${path}: ${v}`);
      if (viewport === PHONE) {
        const s = await sideways(page);
        if (s.width > viewport.width)
          problems.push(`${path}: page is ${s.width} px wide at ${viewport.width} px (${s.culprits.join(', ')})`);
      }
    }
    // The SPARQL page with a result table shown.
    await page.goto(`${svc.url}/sparql`);
    await yasguiReady(page);
    await page.click('.yasqe_queryButton');
    await page.waitForSelector('.yasr .dt-container tbody tr', { timeout: 15_000 });
    for (const v of await axeViolations(page)) problems.push(`/sparql with results: ${v}`);
    if (viewport === PHONE) {
      const s = await sideways(page);
      if (s.width > viewport.width) problems.push(`/sparql with results is ${s.width} px wide (${s.culprits.join(', ')})`);
    }
    await page.close();
    return problems.map((p) => `${viewport.width} px ${p}`);
  }

  test('axe-core finds no WCAG 2.1 A/AA violation on any page type, at desktop width and at 390 px; no sideways page scroll', async () => {
    const outside: string[] = [];
    const problems = (await Promise.all([checkPages(DESKTOP, outside), checkPages(PHONE, outside)])).flat();
    assert.deepEqual(problems, []);
    assert.deepEqual(outside, [], 'no request leaves this host');
  });

  test('the SPARQL editor is no keyboard trap: Tab reaches every control, enters and leaves the editor, Ctrl+Enter runs and is announced', async () => {
    for (const path of ['/sparql', '/queries/inwoners-per-woonplaats']) {
      const page = await localPage(DESKTOP, []);
      await page.goto(`${svc.url}${path}`);
      await yasguiReady(page);
      const initialQuery = await page.evaluate(() =>
        (window as unknown as { __yasgui: { getTab(): { getQuery(): string } } }).__yasgui.getTab().getQuery(),
      );
      assert.equal(
        await page.evaluate(() => !!document.activeElement?.matches('.CodeMirror textarea')),
        false,
        `${path}: the editor takes no focus on load`,
      );
      // Every control a keyboard user must reach, in the order of the page.
      const controls = await page.evaluate(() =>
        Array.from(document.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, [tabindex]'))
          .filter((e) => e.tabIndex >= 0 && !(e as HTMLButtonElement).disabled && e.getClientRects().length > 0)
          .filter((e) => getComputedStyle(e).visibility !== 'hidden')
          .map((e, i) => {
            e.dataset.kbd = String(i);
            return i;
          }),
      );
      const reached = new Set<number>();
      let inEditor = false;
      let leftEditor = false;
      for (let i = 0; i < controls.length + 5; i++) {
        await page.keyboard.press('Tab');
        const at = await page.evaluate(() => ({
          kbd: (document.activeElement as HTMLElement | null)?.dataset.kbd,
          editor: !!document.activeElement?.matches('.CodeMirror textarea'),
        }));
        if (at.kbd !== undefined) reached.add(Number(at.kbd));
        if (at.editor) inEditor = true;
        else if (inEditor) leftEditor = true;
      }
      const unreached = controls.filter((c) => !reached.has(c));
      const describe = await page.evaluate(
        (ids) => ids.map((id) => document.querySelector(`[data-kbd="${id}"]`)?.outerHTML.slice(0, 80)),
        unreached,
      );
      assert.deepEqual(describe, [], `${path}: controls Tab never reached`);
      assert.ok(inEditor && leftEditor, `${path}: Tab enters the editor and leaves it again`);
      // In the editor: Tab and Shift+Tab leave it and change nothing; Escape then Tab too.
      for (const keys of [['Tab'], ['Shift+Tab'], ['Escape', 'Tab']]) {
        await page.focus('.CodeMirror textarea');
        for (const k of keys) await page.keyboard.press(k);
        assert.equal(
          await page.evaluate(() => !!document.activeElement?.matches('.CodeMirror textarea')),
          false,
          `${path}: ${keys.join(', ')} leaves`,
        );
      }
      const query = await page.evaluate(() =>
        (window as unknown as { __yasgui: { getTab(): { getQuery(): string } } }).__yasgui.getTab().getQuery(),
      );
      assert.equal(query, initialQuery, 'leaving the editor did not indent the query');
      // The editor is named and points at the text listing its keys, which names Ctrl+Enter.
      const input = page.locator('.CodeMirror textarea');
      assert.equal(await input.getAttribute('aria-label'), 'SPARQL-query');
      const keysId = await input.getAttribute('aria-describedby');
      assert.match(await page.locator(`#${keysId}`).innerText(), /Ctrl\+Enter voert de query uit/);
      assert.match((await page.locator('.yasqe_queryButton').getAttribute('aria-label')) ?? '', /Query uitvoeren \(Ctrl\+Enter\)/);
      // Ctrl+Enter runs the query and the live region says what came back.
      await page.focus('.CodeMirror textarea');
      await page.keyboard.press('Control+Enter');
      await page.waitForFunction(() => /resultaten?\./.test(document.getElementById('sparql-status')?.textContent ?? ''), undefined, {
        timeout: 15_000,
      });
      assert.equal(await page.getAttribute('#sparql-status', 'role'), 'status');
      // YASGUI speaks Dutch, and the result links lead to this host.
      await page.waitForSelector('.yasr .dt-container tbody tr');
      const texts = await page.locator('#yasgui').innerText();
      for (const english of ['Showing', 'entries', 'Page size', 'results in', 'Table', 'Response'])
        assert.ok(!texts.includes(english), `${path}: "${english}" is translated`);
      assert.match(texts, /resultaten? in [\d,]+ seconden/);
      const hrefs = await page.locator('.yasr a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
      const ours = hrefs.filter((h) => /^\/(def|id|doc|graph)\//.test(h));
      assert.ok(ours.length > 0, `${path}: result links to this service's IRIs lead to this host (${hrefs.slice(0, 3).join(' ')})`);
      assert.ok(
        !hrefs.some((h) => h.startsWith('https://demo.gemeentelijkgegevensmodel.nl/id/')),
        'no result link leaves for the configured instance host',
      );
      await page.close();
    }
  });

  test('site basics: favicon, home title, VoID as a page for browsers and as RDF for programs', async () => {
    const icon = await fetch(`${svc.url}/favicon.ico`);
    assert.equal(icon.status, 200);
    assert.match(icon.headers.get('content-type') ?? '', /icon/);
    const home = await (await fetch(`${svc.url}/`, { headers: { Accept: 'text/html' } })).text();
    assert.match(home, /<title>Gemeentelijk Gegevensmodel \(GGM\) als linked data<\/title>/);
    const voidPage = await fetch(`${svc.url}/.well-known/void`, { headers: { Accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    assert.match(voidPage.headers.get('content-type') ?? '', /^text\/html/);
    const body = await voidPage.text();
    assert.match(body, /<html lang="nl">/);
    assert.match(body, /<title>Beschrijving van de dataset \(VoID\)/);
    assert.match(body, /graph\/demo\/rsgbplus/);
    const turtle = await fetch(`${svc.url}/.well-known/void`, { headers: { Accept: '*/*' } });
    assert.match(turtle.headers.get('content-type') ?? '', /^text\/turtle/);
    assert.match(await (await fetch(`${svc.url}/.well-known/void?format=ttl`)).text(), /void:Dataset/);
  });
}
