/**
 * The HTML pages in real headless Chromium: a class page shows its
 * attributes and relations, malicious literals render as text and never run,
 * the SPARQL page starts YASGUI, pages work with JavaScript switched off.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { NS } from '../src/iri/index.js';
import { startFixtureService, type FixtureService } from './server-support.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const V = 'https://gemeentelijkgegevensmodel.nl/';
const XSS_SCRIPT = '<script>window.__xss=1</script>';
const XSS_IMG = '<img src=x onerror="window.__xss2=1">';

let svc: FixtureService;
let browser: Browser;

before(async () => {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is needed (apt-get install -y chromium)`);
  svc = await startFixtureService();
  // A class whose texts carry markup, as GGM definitions do, plus hostile IRIs and labels.
  await svc.store.replaceGraph(
    `${V}def/ggm/test-xss`,
    `<${V}def/ggm/Kwaadaardig> a <${NS.owl}Class> ;
      <${NS.rdfs}label> ${JSON.stringify(`Kwaad ${XSS_IMG}`)}@nl ;
      <${NS.skos}definition> ${JSON.stringify(`Definitie ${XSS_SCRIPT} en ${XSS_IMG} "quotes" & ampersand`)}@nl ;
      <${NS.rdfs}seeAlso> <javascript:alert(1)> ;
      <${NS.rdfs}subClassOf> <${V}def/ggm/Zaak> .
    <${V}def/ggm/kwaadaardig.naam> a <${NS.owl}DatatypeProperty> ; <${NS.rdfs}domain> <${V}def/ggm/Kwaadaardig> ;
      <${NS.rdfs}label> ${JSON.stringify(`naam${XSS_SCRIPT}`)}@nl ; <${NS.rdfs}range> <${NS.xsd}string> .`,
    'text/turtle',
  );
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
});
after(async () => {
  await browser?.close();
  await svc?.close();
});

test('a class page shows its attributes (own and inherited) and relations (out and in)', async () => {
  const page = await browser.newPage();
  await page.goto(`${svc.url}/def/ggm/Zaak`);
  assert.equal(await page.locator('h1').innerText(), 'Zaak');
  const attributes = await page.locator('#attributen tbody tr').allInnerTexts();
  assert.ok(
    attributes.some((r) => r.includes('registratiedatum') && r.includes('xsd:date') && r.includes('1..1')),
    attributes.join('\n'),
  );
  assert.ok(
    attributes.some((r) => r.includes('identificatie') && r.includes('geërfd van') && r.includes('Object')),
    'inherited attribute',
  );
  const relations = await page.locator('#relaties tbody tr').allInnerTexts();
  assert.ok(relations.some((r) => r.includes('heeft document') && r.includes('Document') && r.includes('is document van')));
  const incoming = await page.locator('#inkomend tbody tr').allInnerTexts();
  assert.ok(incoming.some((r) => r.includes('Besluit') && r.includes('leidt tot zaak')));
  const shacl = await page.locator('#shacl').innerText();
  assert.match(shacl, /een van 3 waarden/);
  assert.match(await page.locator('#mim').innerText(), /RGBZ/);
  assert.match(await page.locator('#alignementen').innerText(), /prov:Activity/);
  // Links work on this host: follow the superclass.
  await page.locator('#plaats a', { hasText: 'Object' }).click();
  await page.waitForURL(`${svc.url}/def/ggm/Object`);
  assert.equal(await page.locator('h1').innerText(), 'Object');
  await page.close();
});

test('malicious literals render as text and never execute', async () => {
  const page = await browser.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  for (const path of [
    '/def/ggm/Kwaadaardig',
    '/def/ggm/Zaak',
    '/def/ggm/kwaadaardig.naam',
    '/zoeken?q=kwaad',
    `/zoeken?q=${encodeURIComponent(XSS_SCRIPT)}`,
    '/def/ggm',
  ]) {
    await page.goto(`${svc.url}${path}`);
    await page.waitForLoadState('load');
    const flags = await page.evaluate(() => [
      (window as unknown as Record<string, unknown>).__xss,
      (window as unknown as Record<string, unknown>).__xss2,
    ]);
    assert.deepEqual(flags, [undefined, undefined], `no script ran on ${path}`);
    assert.equal(await page.locator('main script').count(), 0, `no injected script element on ${path}`);
    assert.equal(await page.locator('main img').count(), 0, `no injected img element on ${path}`);
  }
  await page.goto(`${svc.url}/def/ggm/Kwaadaardig`);
  const definition = await page.locator('dd.definition').innerText();
  assert.equal(definition, `Definitie ${XSS_SCRIPT} en ${XSS_IMG} "quotes" & ampersand`, 'the definition reads exactly as stored');
  assert.equal(await page.locator('h1').innerText(), `Kwaad ${XSS_IMG}`);
  assert.equal(await page.locator('a[href^="javascript:"]').count(), 0, 'a javascript: IRI is not a link');
  assert.deepEqual(dialogs, []);
  await page.close();
});

test('pages work without JavaScript: ontology index, code list, instance, search', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${svc.url}/`);
  await page.locator('a', { hasText: 'Ontologie' }).first().click();
  await page.waitForURL(`${svc.url}/def/ggm`);
  assert.match(await page.locator('#lijst').innerText(), /Zaken[\s\S]*Zaak/);
  await page.goto(`${svc.url}/def/ggm/codelijst/Zaakstatus`);
  assert.deepEqual((await page.locator('#waarden tbody tr td:nth-child(2)').allInnerTexts()).sort(), [
    'Afgehandeld',
    'In behandeling',
    'Ontvangen',
  ]);
  await page.goto(`${svc.url}/id/zaak/Z-2024-001`);
  assert.equal(new URL(page.url()).pathname, '/doc/zaak/Z-2024-001', 'the browser followed the 303');
  assert.match(await page.locator('#eigenschappen').innerText(), /POINT\(4\.357 52\.011\)/, 'nested blank node shown');
  assert.match(await page.locator('#verwijzingen').innerText(), /Besluit B-1/);
  await page.goto(`${svc.url}/zoeken`);
  await page.fill('input[name=q]', 'besluit');
  await page.press('input[name=q]', 'Enter');
  await page.waitForURL(/zoeken\?q=besluit/);
  assert.match(await page.locator('main table').innerText(), /Besluit/);
  await context.close();
});

test('the SPARQL page starts YASGUI with the project prefixes', async () => {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${svc.url}/sparql`);
  await page.waitForFunction(() => (window as unknown as Record<string, unknown>).__yasgui !== undefined, undefined, { timeout: 10_000 });
  const query = await page.evaluate(() =>
    (window as unknown as { __yasgui: { getTab(): { getQuery(): string } } }).__yasgui.getTab().getQuery(),
  );
  assert.match(query, /PREFIX ggm: <https:\/\/gemeentelijkgegevensmodel\.nl\/def\/ggm\/>/);
  assert.match(query, /PREFIX skos:/);
  assert.deepEqual(errors, []);
  await page.close();
});
