/**
 * /cross-domain: where the GGM's domains meet.
 *
 * From reports/cross-domain.json (written by `ggm build`): a diagram of the
 * policy areas (beleidsdomeinen) and the links between them as inline SVG,
 * the relations between each pair of domains (which property, between which
 * classes) with how often the demo data use them (views/cross-domain-view.ts
 * counts them through the store; routes/cross-domain.ts serves the page), classes that share a name across domains (same definition —
 * reported, never linked — or homonym) and classes that share a
 * definition under different names. Links to the query library explore further.
 */
import type { LibraryQuery } from '../../data/queries/library.js';
import type { ClassRef, DomainOverview, DomainPair, LinkKind, SharedName } from '../../generate/cross-domain.js';
import { ggmNamespaces } from '../../iri/index.js';
import type { DemoUsage, DomainsByName, PublishedCrossDomainReport } from '../views/cross-domain-view.js';
import { html, type Html } from './html.js';
import { layout, section, tableRegion } from './layout.js';
import { hrefFor, iriLink, type LinkContext } from './links.js';

/** What the page needs of a library query. */
export type LibraryQuestion = Pick<LibraryQuery, 'name' | 'nl' | 'domeinen'>;

/** Queries of the library that explore the same ground. */
const RELATED_QUERIES = [
  'relaties-tussen-domeinen',
  'relaties-tussen-domeinen-in-gebruik',
  'zelfde-naam-andere-domeinen',
  'alignments-per-domein',
  'voorbeelddata-per-domein',
];

const VERDICTS: Record<SharedName['verdict'], string> = {
  'same-concept':
    'zelfde naam en definitie: hetzelfde begrip of een gekopieerde definitie; niet gekoppeld, gemeld in het kwaliteitsrapport',
  homonym: 'homoniem: zelfde naam, andere definities; niet gekoppeld',
  'partly-same': 'deels gelijke definities: niet gekoppeld, de gelijke definities staan in het kwaliteitsrapport',
  undetermined: 'onbepaald: definities ontbreken, dus niets gekoppeld',
};

const KINDS: Record<LinkKind, string> = { relatiesoort: 'relatie', attribuutsoort: 'attribuut', generalisatie: 'generalisatie' };

// ---- the overview diagram ----

const SIZE = { width: 1000, height: 640, radius: 250 };

/** A label in lines of at most `width` characters, broken at spaces. */
export function wrapLabel(label: string, width = 24): string[] {
  const lines: string[] = [];
  for (const word of label.split(/\s+/)) {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + 1 + word.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/**
 * The domain overview as an SVG: the most connected domain in the middle, the
 * others on a circle around it (in numeric order), one line per connected pair,
 * thicker for more links; hover titles give the counts in both directions.
 */
export function overviewSvg(overview: DomainOverview, domains: DomainsByName = new Map(), ctx?: LinkContext): Html {
  const degree = new Map<string, number>();
  for (const e of overview.edges) for (const id of [e.from, e.to]) degree.set(id, (degree.get(id) ?? 0) + e.count);
  const nodes = overview.nodes
    .filter((n) => n.classes > 0 || degree.has(n.id))
    .sort((a, b) => a.label.localeCompare(b.label, 'nl', { numeric: true }));
  const hub = [...nodes].sort((a, b) => (degree.get(b.id) ?? 0) - (degree.get(a.id) ?? 0))[0];
  const ring = nodes.filter((n) => n !== hub);
  const cx = SIZE.width / 2;
  const cy = SIZE.height / 2;
  const at = new Map<string, { x: number; y: number; angle?: number }>(
    ring.map((n, i) => {
      const angle = (2 * Math.PI * i) / ring.length - Math.PI / 2;
      return [n.id, { x: cx + SIZE.radius * Math.cos(angle), y: cy + SIZE.radius * Math.sin(angle), angle }];
    }),
  );
  if (hub) at.set(hub.id, { x: cx, y: cy });
  const pairs = new Map<string, { a: string; b: string; there: number; back: number }>();
  for (const e of overview.edges) {
    const [a, b] = e.from < e.to ? [e.from, e.to] : [e.to, e.from];
    const key = JSON.stringify([a, b]);
    const p = pairs.get(key) ?? { a, b, there: 0, back: 0 };
    if (e.from === a) p.there += e.count;
    else p.back += e.count;
    pairs.set(key, p);
  }
  const max = Math.max(1, ...[...pairs.values()].map((p) => p.there + p.back));
  const maxClasses = Math.max(1, ...nodes.map((n) => n.classes));
  const f = (v: number) => v.toFixed(1);
  const lines = [...pairs.values()].map((p) => {
    const a = at.get(p.a);
    const b = at.get(p.b);
    if (!a || !b) return '';
    const width = 1 + (9 * (p.there + p.back)) / max;
    return html`<line x1="${f(a.x)}" y1="${f(a.y)}" x2="${f(b.x)}" y2="${f(b.y)}" stroke="#01689b" stroke-opacity="0.4" stroke-width="${f(width)}" stroke-linecap="round"><title>${`${p.a} → ${p.b}: ${p.there}; ${p.b} → ${p.a}: ${p.back}`}</title></line>`;
  });
  const circles = nodes.map((n) => {
    const p = at.get(n.id)!;
    const r = 6 + 18 * Math.sqrt(n.classes / maxClasses);
    const angle = p.angle ?? Math.PI / 2;
    const cos = Math.cos(angle);
    const anchor = Math.abs(cos) < 0.2 ? 'middle' : cos > 0 ? 'start' : 'end';
    const label = wrapLabel(n.label);
    const lx = p.x + cos * (r + 8);
    // Labels above a node grow upwards, others downwards.
    const top =
      p.y +
      Math.sin(angle) * (r + 8) +
      (Math.sin(angle) < -0.5 ? -14 * (label.length - 1) : Math.sin(angle) > 0.5 ? 10 : 4 - 7 * (label.length - 1));
    const href = ctx && domains.get(n.label) ? hrefFor(domains.get(n.label)!.iri, ctx.iri) : undefined;
    const node = html`<circle cx="${f(p.x)}" cy="${f(p.y)}" r="${f(r)}" fill="#e5f0f7" stroke="#01689b" stroke-width="1.5"><title>${`${n.label}: ${n.classes} klassen`}</title></circle><text x="${f(lx)}" y="${f(top)}" text-anchor="${anchor}" font-size="13" fill="#1b1f24">${label.map((l, i) => html`<tspan x="${f(lx)}" dy="${i === 0 ? 0 : 14}">${l}</tspan>`)}</text>`;
    return href ? html`<a href="${href}" class="domein">${node}</a>` : html`<g class="domein">${node}</g>`;
  });
  return html`<svg class="domain-overview" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${SIZE.width} ${SIZE.height}" width="100%" role="group" aria-labelledby="overview-title"><title id="overview-title">${`Relaties tussen ${nodes.length} ${overview.level === 'beleidsdomein' ? 'beleidsdomeinen' : 'domeinen'}: lijndikte naar het aantal relaties`}</title>${lines}${circles}</svg>`;
}

// ---- tables ----

/** A domain named in the report: a link to its page, with its beleidsdomein (as on /domeinen). */
function domainName(name: string, domains: DomainsByName, ctx: LinkContext): Html {
  const d = domains.get(name);
  if (!d) return html`${name}`;
  return html`${iriLink(d.iri, ctx, name)}${d.top ? html` <span class="count">(${d.top})</span>` : ''}`;
}

function classLink(local: string, ns: string, ctx: LinkContext): Html {
  return iriLink(`${ns}${local}`, ctx, local);
}

function usageOf(link: DomainPair['links'][number], ns: string, usage: DemoUsage): number {
  return link.kind === 'generalisatie'
    ? (usage.classes.get(`${ns}${link.fromClass}`) ?? 0)
    : (usage.properties.get(`${ns}${link.property}`) ?? 0);
}

function pairId(p: DomainPair): string {
  return `paar-${`${p.from}--${p.to}`.toLowerCase().replace(/[^a-z0-9-]+/g, '-')}`;
}

/** One summary row per pair of domains. */
function pairRows(
  pairs: DomainPair[],
  ns: string,
  usage: DemoUsage,
  queries: LibraryQuestion[],
  domains: DomainsByName,
  ctx: LinkContext,
): Html[] {
  return pairs.map((p) => {
    const used = p.links.reduce((n, l) => n + usageOf(l, ns, usage), 0);
    const asked = queries.filter((q) => q.domeinen.includes(p.from) && q.domeinen.includes(p.to));
    return html`<tr data-pair="${`${p.from} → ${p.to}`}"><td>${domainName(p.from, domains, ctx)}</td><td>${domainName(p.to, domains, ctx)}</td><td class="num">${p.relatiesoorten}</td><td class="num">${p.attribuutsoorten}</td><td class="num">${p.generalisaties}</td><td class="num" data-pair-usage>${used}</td><td><a href="${`#${pairId(p)}`}">${p.count} ${p.count === 1 ? 'verbinding' : 'verbindingen'}</a></td><td>${asked.map((q, i) => html`${i ? ', ' : ''}<a href="${`/queries/${q.name}`}" title="${q.nl}">${q.name}</a>`)}</td></tr>`;
  });
}

/** Every link, grouped under a heading row per pair of domains. */
function linkRows(pairs: DomainPair[], ns: string, usage: DemoUsage, ctx: LinkContext): Html[] {
  return pairs.map(
    (p) =>
      html`<tr class="pair" id="${pairId(p)}"><th colspan="5" scope="rowgroup">${p.from} → ${p.to}</th></tr>${p.links.map(
        (l) =>
          html`<tr data-kind="${l.kind}" data-property="${l.property ?? ''}" data-from="${l.fromClass}" data-to="${l.toClass}"><td>${KINDS[l.kind]}</td><td>${l.property ? iriLink(`${ns}${l.property}`, ctx, l.property) : html`<span title="subklasse van">⊂</span>`}</td><td>${classLink(l.fromClass, ns, ctx)}</td><td>${classLink(l.toClass, ns, ctx)}</td><td class="num" data-usage>${usageOf(l, ns, usage)}</td></tr>`,
      )}`,
  );
}

function classRefs(refs: ClassRef[], ns: string, domains: DomainsByName, ctx: LinkContext): Html {
  return html`<ul class="plain">${refs.map((c) => html`<li>${classLink(c.local, ns, ctx)} (${domainName(c.domein, domains, ctx)})</li>`)}</ul>`;
}

export interface CrossDomainPageInput {
  report: PublishedCrossDomainReport;
  usage: DemoUsage;
  /** The library queries, to link from the pairs of domains they cross and from the end of the page. */
  queries: LibraryQuestion[];
  /** The model's domains by name, to link the report's domain names to their pages. */
  domains?: DomainsByName;
}

export function renderCrossDomainPage(input: CrossDomainPageInput, ctx: LinkContext): Html {
  const { report, usage } = input;
  const domains = input.domains ?? new Map<string, { iri: string; top?: string }>();
  const ns = ggmNamespaces(ctx.iri.vocabBase).ggm;
  const pairs = [...report.pairs].sort((a, b) => b.count - a.count || (a.from < b.from ? -1 : a.from > b.from ? 1 : a.to < b.to ? -1 : 1));
  const shared = report.sharedNames.map(
    (s) =>
      html`<tr data-name="${s.name}" data-verdict="${s.verdict}"><td>${s.name}</td><td>${classRefs(s.classes, ns, domains, ctx)}</td><td>${VERDICTS[s.verdict]}</td></tr>`,
  );
  const definitions = report.sharedDefinitions.map(
    (d) => html`<tr><td class="definition">${d.definitie}</td><td>${classRefs(d.classes, ns, domains, ctx)}</td></tr>`,
  );
  const names = new Set(input.queries.map((q) => q.name));
  const related = RELATED_QUERIES.filter((q) => names.has(q));
  const body = html`<p class="lead">Het GGM is in domeinen verdeeld, maar de domeinen verwijzen naar elkaar: een cliënt in het sociaal domein is een ingeschreven persoon uit RSGBPlus, een adres komt uit de BAG. Deze pagina toont waar de domeinen elkaar raken, hoe vaak de voorbeeldgemeente die verbindingen gebruikt en welke klassen in meerdere domeinen dezelfde naam dragen.</p>
${section('overzicht', 'Beleidsdomeinen en hun verbindingen', html`<figure>${overviewSvg(report.overview.beleidsdomein, domains, ctx)}<figcaption>Elke cirkel is een beleidsdomein (grootte naar het aantal klassen) en linkt naar zijn pagina; elke lijn staat voor de relaties, attributen en generalisaties tussen twee beleidsdomeinen (dikte naar het aantal).</figcaption></figure>`)}
${section(
  'relaties',
  'Verbindingen tussen domeinen',
  html`<p>Per paar domeinen (van → naar; tussen haakjes het beleidsdomein, zoals op <a href="/domeinen">Domeinen</a>): het aantal relaties, attributen met een klasse als type en generalisaties, en hoe vaak de voorbeelddata ze gebruiken (triples met de eigenschap; bij een generalisatie: objecten van de subklasse).</p>${tableRegion('Tabel: verbindingen per paar domeinen', html`<table class="grid cross-domain-pairs"><thead><tr><th>Van domein</th><th>Naar domein</th><th>Relaties</th><th>Attributen</th><th>Generalisaties</th><th>In voorbeelddata</th><th>Verbindingen</th><th>Vragen</th></tr></thead><tbody>${pairRows(pairs, ns, usage, input.queries, domains, ctx)}</tbody></table>`)}`,
  pairs.length,
)}
${section(
  'verbindingen',
  'Alle verbindingen per paar domeinen',
  tableRegion(
    'Tabel: alle verbindingen',
    html`<table class="grid cross-domain-links"><thead><tr><th>Soort</th><th>Eigenschap</th><th>Van klasse</th><th>Naar klasse</th><th>In voorbeelddata</th></tr></thead>${linkRows(pairs, ns, usage, ctx).map((r) => html`<tbody>${r}</tbody>`)}</table>`,
  ),
  pairs.reduce((n, p) => n + p.links.length, 0),
)}
${section('zelfde-naam', 'Zelfde naam in meerdere domeinen', tableRegion('Tabel: zelfde naam', html`<table class="grid shared-names"><thead><tr><th>Naam</th><th>Klassen</th><th>Oordeel</th></tr></thead><tbody>${shared}</tbody></table>`), shared.length)}
${section('zelfde-definitie', 'Zelfde definitie, andere naam', html`<p>Gemeld, niet gekoppeld: een gekopieerde definitie is vaak een fout in het model.</p>${tableRegion('Tabel: zelfde definitie', html`<table class="grid"><thead><tr><th>Definitie</th><th>Klassen</th></tr></thead><tbody>${definitions}</tbody></table>`)}`, definitions.length)}
${section('verder', 'Verder zoeken', html`<ul>${related.map((q) => html`<li><a href="${`/queries/${q}`}">${q}</a></li>`)}<li><a href="/queries">Alle vragen over domeinen heen</a></li></ul>`)}`;
  return layout({ title: 'Relaties tussen domeinen', kind: 'Analyse', body });
}
