// node scripts/screenshots.mjs — the README's screenshots (docs/screenshots/*.png) of the
// pages a newcomer sees first, taken from the real service on the published files in
// headless Chromium (playwright-core + /usr/bin/chromium, as the page tests use).
// Run after `npm run build:ts`; the pictures are committed, so run it again when a page
// changes its look. Progress on stderr, a summary of the files written at the end.
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { startService } = await import(path.join(root, 'dist/src/server/start.js'));
const { EmbeddedStore } = await import(path.join(root, 'dist/src/store/embedded.js'));
const { iriConfig } = await import(path.join(root, 'dist/src/iri/index.js'));

const OUT = path.join(root, 'docs', 'screenshots');
const VIEWPORT = { width: 1100, height: 720 };

/** What to show: file name, path, what to wait for, and (optionally) an element to scroll to the top. */
const SHOTS = [
  { file: 'home.png', path: '/' },
  { file: 'klasse-zaak.png', path: '/def/ggm/Zaak', scrollTo: '#omgeving' },
  { file: 'domein-model-inkomen.png', path: '/def/ggm/domein/ModelInkomen', scrollTo: '#diagram' },
  { file: 'domeinen.png', path: '/domeinen' },
  { file: 'zoeken.png', path: '/zoeken?q=ingeschreven%20persoon' },
  { file: 'query-stadspas.png', path: '/queries/stadspas-en-energietoeslag', yasgui: true, scrollTo: '#yasgui' },
];

const log = (s) => process.stderr.write(`${s}\n`);
mkdirSync(OUT, { recursive: true });
log('starting the service on the published files …');
const service = await startService({
  store: new EmbeddedStore(),
  root,
  publicDir: path.join(root, 'public'),
  iri: iriConfig(),
  port: 0,
  host: '127.0.0.1',
  loadFrom: root,
});
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: VIEWPORT });
  // Nothing from outside this host (the pages need nothing from outside).
  const own = new URL(service.url).host;
  await page.route('**/*', (route) => (new URL(route.request().url()).host === own ? route.continue() : route.abort()));
  for (const shot of SHOTS) {
    log(`${shot.path} → docs/screenshots/${shot.file}`);
    await page.goto(`${service.url}${shot.path}`, { waitUntil: 'load' });
    if (shot.yasgui) {
      await page.waitForFunction(() => window.__yasgui !== undefined, undefined, { timeout: 30_000 });
      await page.click('.yasqe_queryButton');
      await page.waitForSelector('.yasr .dt-container tbody tr', { timeout: 30_000 });
    }
    if (shot.scrollTo) await page.evaluate((sel) => document.querySelector(sel)?.scrollIntoView({ block: 'start' }), shot.scrollTo);
    await page.screenshot({ path: path.join(OUT, shot.file) });
  }
} finally {
  await browser.close();
  await service.close();
}
for (const shot of SHOTS) log(`${shot.file}: ${Math.round(statSync(path.join(OUT, shot.file)).size / 1024)} KB`);
