/**
 * /kwaliteit: the build's quality report (reports/kwaliteitsrapport.json) as
 * pages for the GGM maintainers. Actionable findings (error, warning) come
 * first, grouped by beleidsdomein and by rule with counts; the cleaning notes
 * (info) follow. /kwaliteit/domein/{slug} lists one beleidsdomein's findings by
 * rule, /kwaliteit/regel/{slug} one rule's findings by beleidsdomein. Rendering
 * only: the routes are in server/routes/quality.ts.
 */
import type { QualityFinding } from '../../model/types.js';
import { html, type Html } from './html.js';
import { layout, tableRegion } from './layout.js';

/** Rows shown per rule and domain on one page; the JSON file has them all. */
const MAX_ROWS = 300;

/** A finding as reports/kwaliteitsrapport.json publishes it: the model's QualityFinding. */
export type PublishedFinding = QualityFinding;

export interface PublishedQualityReport {
  model: { name: string; version: string; sourceFile: string };
  summary: { rule: string; description: string; severity: string; count: number }[];
  findings: PublishedFinding[];
}

const SEVERITY: Record<string, string> = { error: 'fout', warning: 'waarschuwing', info: 'opschoning (informatief)' };
const GENERAL = 'Model als geheel';

export const actionable = (f: PublishedFinding) => f.severity !== 'info';

/** The beleidsdomein of a finding: the second level of its package path ("6 Sociaal Domein"), else the model as a whole. */
export function beleidsdomeinOf(f: PublishedFinding): string {
  const parts = (f.packagePath ?? '').split(' / ').map((p) => p.trim());
  return parts[1] || GENERAL;
}

export function slug(s: string): string {
  return (
    s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'leeg'
  );
}

const byCount = <T>(m: Map<string, T[]>) => [...m].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1));

function group<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const i of items) {
    const k = key(i);
    const l = m.get(k);
    if (l) l.push(i);
    else m.set(k, [i]);
  }
  return m;
}

function findingsTable(findings: PublishedFinding[], caption: string): Html {
  const shown = findings.slice(0, MAX_ROWS);
  const rows = shown.map(
    (f) =>
      html`<tr><td>${f.elementName ?? ''}</td><td>${f.message}</td><td>${f.guid ? html`<code>${f.guid}</code>` : ''}</td><td>${f.origin ? `${f.origin.sheet} rij ${f.origin.row}` : ''}</td></tr>`,
  );
  return html`${tableRegion(caption, html`<table class="grid"><caption>${caption}</caption><thead><tr><th scope="col">Element</th><th scope="col">Bevinding</th><th scope="col">GUID</th><th scope="col">Bron</th></tr></thead><tbody>${rows}</tbody></table>`)}${
    findings.length > shown.length
      ? html`<p>${findings.length - shown.length} bevindingen meer: de volledige lijst staat in <a href="/reports/kwaliteitsrapport.json">kwaliteitsrapport.json</a>.</p>`
      : ''
  }`;
}

function description(report: PublishedQualityReport, rule: string): string {
  return report.summary.find((s) => s.rule === rule)?.description ?? rule;
}

function severityOf(findings: PublishedFinding[]): string {
  return SEVERITY[findings[0]?.severity ?? 'info'] ?? '';
}

export function renderQualityOverview(report: PublishedQualityReport): Html {
  const act = report.findings.filter(actionable);
  const info = report.findings.length - act.length;
  const rules = (fs: PublishedFinding[]) =>
    byCount(group(fs, (f) => f.rule)).map(
      ([rule, l]) =>
        html`<tr><td><a href="${`/kwaliteit/regel/${slug(rule)}`}">${rule}</a></td><td>${description(report, rule)}</td><td>${severityOf(l)}</td><td class="num">${l.length}</td></tr>`,
    );
  const domains = byCount(group(report.findings, beleidsdomeinOf)).map(([d, l]) => {
    const a = l.filter(actionable).length;
    return { d, a, total: l.length };
  });
  domains.sort((x, y) => y.a - x.a || (x.d < y.d ? -1 : 1));
  const ruleTable = (caption: string, rows: Html[]) =>
    tableRegion(
      caption,
      html`<table class="grid"><caption>${caption}</caption><thead><tr><th scope="col">Regel</th><th scope="col">Omschrijving</th><th scope="col">Ernst</th><th scope="col">Aantal</th></tr></thead><tbody>${rows}</tbody></table>`,
    );
  const body = html`<p>Het kwaliteitsrapport van de GGM-compiler voor GGM ${report.model.version} (bron <code>${report.model.sourceFile}</code>): ${act.length} bevindingen om in de bron te verbeteren (fouten en waarschuwingen) en ${info} opschoningsnotities (informatief: wat de compiler bij het inlezen rechtzette). Ook als <a href="/reports/kwaliteitsrapport.json">JSON</a> en <a href="/reports/kwaliteitsrapport.md">Markdown</a>.</p>
<section aria-labelledby="te-verbeteren"><h2 id="te-verbeteren">Te verbeteren, per regel</h2>${ruleTable('Te verbeteren bevindingen per regel', rules(act))}</section>
<section aria-labelledby="per-domein"><h2 id="per-domein">Per beleidsdomein</h2><div class="table-scroll" role="region" tabindex="0" aria-label="Bevindingen per beleidsdomein"><table class="grid"><caption>Bevindingen per beleidsdomein</caption><thead><tr><th scope="col">Beleidsdomein</th><th scope="col">Te verbeteren</th><th scope="col">Totaal</th></tr></thead><tbody>${domains.map(
    (x) =>
      html`<tr><td><a href="${`/kwaliteit/domein/${slug(x.d)}`}">${x.d}</a></td><td class="num">${x.a}</td><td class="num">${x.total}</td></tr>`,
  )}</tbody></table></div></section>
<section aria-labelledby="opschoning"><h2 id="opschoning">Opschoning (informatief)</h2>${ruleTable('Opschoningsnotities per regel', rules(report.findings.filter((f) => !actionable(f))))}</section>`;
  return layout({ title: `Kwaliteitsrapport GGM ${report.model.version}`, kind: 'Kwaliteit', body });
}

export function renderQualityDomain(report: PublishedQualityReport, domein: string): Html {
  const fs = report.findings.filter((f) => beleidsdomeinOf(f) === domein);
  const sections = (list: PublishedFinding[]) =>
    byCount(group(list, (f) => f.rule)).map(
      ([rule, l]) =>
        html`<section aria-labelledby="${`r-${slug(rule)}`}"><h3 id="${`r-${slug(rule)}`}"><a href="${`/kwaliteit/regel/${slug(rule)}`}">${rule}</a>: ${description(report, rule)} (${l.length})</h3>${findingsTable(l, `${rule} in ${domein}`)}</section>`,
    );
  const act = fs.filter(actionable);
  const body = html`<p><a href="/kwaliteit">Kwaliteitsrapport</a> › ${domein}: ${act.length} te verbeteren, ${fs.length - act.length} opschoningsnotities.</p>
<section aria-labelledby="te-verbeteren"><h2 id="te-verbeteren">Te verbeteren (${act.length})</h2>${sections(act)}</section>
<section aria-labelledby="opschoning"><h2 id="opschoning">Opschoning, informatief (${fs.length - act.length})</h2>${sections(fs.filter((f) => !actionable(f)))}</section>`;
  return layout({ title: `Kwaliteit: ${domein}`, kind: 'Kwaliteit', body });
}

export function renderQualityRule(report: PublishedQualityReport, rule: string): Html {
  const fs = report.findings.filter((f) => f.rule === rule);
  const groups = byCount(group(fs, beleidsdomeinOf)).map(
    ([d, l]) =>
      html`<section aria-labelledby="${`d-${slug(d)}`}"><h2 id="${`d-${slug(d)}`}"><a href="${`/kwaliteit/domein/${slug(d)}`}">${d}</a> (${l.length})</h2>${findingsTable(l, `${rule} in ${d}`)}</section>`,
  );
  const body = html`<p><a href="/kwaliteit">Kwaliteitsrapport</a> › ${rule}: ${description(report, rule)}. Ernst: ${severityOf(fs)}; ${fs.length} bevindingen.</p>${groups}`;
  return layout({ title: `Kwaliteit: ${rule}`, kind: 'Kwaliteit', body });
}
