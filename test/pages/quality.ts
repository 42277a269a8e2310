/**
 * /kwaliteit against reports/kwaliteitsrapport.json itself: the overview counts
 * every finding (actionable before the cleaning notes), every beleidsdomein and
 * every rule has its page with exactly its findings' count, and the home page
 * links the report.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../server-support.js';
import { actionable, beleidsdomeinOf, slug, type PublishedQualityReport } from '../../src/server/pages/quality-pages.js';
import { getHtml } from './context.js';

export function qualityTests(): void {
  const report = JSON.parse(readFileSync(join(ROOT, 'reports', 'kwaliteitsrapport.json'), 'utf8')) as PublishedQualityReport;
  const act = report.findings.filter(actionable);

  test('/kwaliteit: actionable findings first, per rule and per beleidsdomein with counts; linked from home', async () => {
    const { status, body } = await getHtml('/kwaliteit');
    assert.equal(status, 200);
    assert.match(body, new RegExp(`${act.length} bevindingen om in de bron te verbeteren`));
    assert.match(body, new RegExp(`${report.findings.length - act.length} opschoningsnotities`));
    assert.ok(body.indexOf('id="te-verbeteren"') < body.indexOf('id="opschoning"'));
    assert.ok(act.length > 300 && report.findings.length - act.length > 1000);
    const rules = new Set(report.findings.map((f) => f.rule));
    for (const r of rules) assert.ok(body.includes(`href="/kwaliteit/regel/${slug(r)}"`), r);
    const domains = new Set(report.findings.map(beleidsdomeinOf));
    assert.ok(domains.size >= 12);
    for (const d of domains) assert.ok(body.includes(`href="/kwaliteit/domein/${slug(d)}"`), d);
    assert.match((await getHtml('/')).body, /href="\/kwaliteit"/);
  });

  test('every beleidsdomein and every rule page holds exactly its findings (up to the page cap)', async () => {
    for (const d of new Set(report.findings.map(beleidsdomeinOf))) {
      const fs = report.findings.filter((f) => beleidsdomeinOf(f) === d);
      const { status, body } = await getHtml(`/kwaliteit/domein/${slug(d)}`);
      assert.equal(status, 200, d);
      const a = fs.filter(actionable).length;
      assert.ok(body.includes(`${a} te verbeteren, ${fs.length - a} opschoningsnotities`), d);
    }
    for (const r of ['source:double-encoded', 'source:shared-definition', 'm3', 'mim:default']) {
      const n = report.findings.filter((f) => f.rule === r).length;
      const { status, body } = await getHtml(`/kwaliteit/regel/${slug(r)}`);
      assert.equal(status, 200, r);
      assert.ok(body.includes(`${n} bevindingen.`), r);
    }
    assert.equal((await getHtml('/kwaliteit/regel/bestaat-niet')).status, 404);
    assert.equal((await getHtml('/kwaliteit/domein/bestaat-niet')).status, 404);
  });
}
