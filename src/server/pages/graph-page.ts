/**
 * The page of a named graph: the ontology (domains with their classes), the
 * code lists, the shapes, or any other graph (types with counts).
 */
import type { Description } from '../describe.js';
import type { GraphView, ListedItem } from '../views/graph-view.js';
import type { PageTarget } from './class-page.js';
import { html, type Html } from './html.js';
import { iriLink, type LinkContext } from './links.js';
import { layout, section } from './layout.js';
import { SUMMARY_PREDICATES, summaryHtml, titleOf } from './summary.js';
import { labelMap, propertiesHtml } from './triples.js';

const TITLES: Record<GraphView['itemKind'], string> = {
  klassen: 'Klassen per domein',
  codelijsten: 'Codelijsten',
  shapes: 'SHACL-shapes',
  typen: 'Typen',
};

function item(i: ListedItem, ctx: LinkContext): Html {
  return html`<li>${iriLink(i.iri, ctx, i.label || undefined)}${i.count !== undefined ? html` <span class="count">(${i.count})</span>` : ''}${i.related ? html` → ${iriLink(i.related, ctx)}` : ''}</li>`;
}

function grouped(items: ListedItem[], ctx: LinkContext): Html {
  const groups = new Map<string, ListedItem[]>();
  for (const i of items) groups.set(i.group ?? '', [...(groups.get(i.group ?? '') ?? []), i]);
  const keys = [...groups.keys()].sort((a, b) =>
    (groups.get(a)![0]!.groupLabel ?? a).localeCompare(groups.get(b)![0]!.groupLabel ?? b, 'nl', { numeric: true }),
  );
  return html`<nav class="toc" aria-label="Domeinen"><ul class="columns">${keys.map((k) => html`<li><a href="${`#d-${encodeURIComponent(k)}`}">${groups.get(k)![0]!.groupLabel ?? (k || 'Zonder domein')}</a> <span class="count">(${groups.get(k)!.length})</span></li>`)}</ul></nav>
${keys.map(
  (k) =>
    html`<section class="domain" id="${`d-${encodeURIComponent(k)}`}"><h3>${k ? iriLink(k, ctx, groups.get(k)![0]!.groupLabel) : 'Zonder domein'}</h3><ul class="columns">${groups.get(k)!.map((i) => item(i, ctx))}</ul></section>`,
)}`;
}

export function renderGraphPage(view: GraphView, d: Description, target: PageTarget, base: Omit<LinkContext, 'labels'>): Html {
  const ctx: LinkContext = { ...base, labels: labelMap([...d.outgoing, ...d.labels]) };
  const list =
    view.itemKind === 'klassen' ? grouped(view.items, ctx) : html`<ul class="columns">${view.items.map((i) => item(i, ctx))}</ul>`;
  const meta = propertiesHtml(target.iri, d.outgoing, ctx, SUMMARY_PREDICATES);
  const title = d.outgoing.length ? titleOf(d.outgoing, target.iri) : target.iri.replace(/.*\//, '');
  const body = html`${summaryHtml(d.outgoing, target.iri, ctx)}
<p class="graph-size">Graaf met ${view.triples.toLocaleString('nl-NL')} triples. De downloads hieronder bevatten de hele graaf.</p>
${section('metadata', 'Metadata', meta)}
${section('lijst', TITLES[view.itemKind], list, view.items.length)}`;
  return layout({
    title,
    kind: view.itemKind === 'klassen' ? 'Ontologie' : 'Graaf',
    iri: target.iri,
    documentPath: target.documentPath,
    body,
  });
}
