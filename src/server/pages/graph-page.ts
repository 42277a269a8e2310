/**
 * The page of a named graph: the ontology (domains with their classes), the
 * code lists, the shapes, or any other graph (types with counts).
 */
import type { Description } from '../describe.js';
import type { GraphView, ListedItem } from '../views/graph-view.js';
import { subtree, type TreeDomain } from '../views/model-tree.js';
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

/**
 * The classes grouped as the model's tree (the same grouping as /domeinen and the domain pages):
 * a section per beleidsdomein, in it each domain or subdomain that holds classes; classes outside
 * every domain (GeoSPARQL's) last.
 */
function byTree(items: ListedItem[], roots: TreeDomain[], ctx: LinkContext): Html {
  const byGroup = new Map<string, ListedItem[]>();
  for (const i of items) byGroup.set(i.group ?? '', [...(byGroup.get(i.group ?? '') ?? []), i]);
  const placed = new Set<string>();
  const anchor = (d: TreeDomain) => `d-${d.iri.replace(/.*\//, '')}`;
  const list = (xs: ListedItem[]) => html`<ul class="columns">${xs.map((i) => item(i, ctx))}</ul>`;
  const sections = roots.map((r) => {
    const domains = subtree(r).filter((d) => byGroup.has(d.iri));
    for (const d of domains) placed.add(d.iri);
    const count = domains.reduce((n, d) => n + byGroup.get(d.iri)!.length, 0);
    if (count === 0) return html``;
    return html`<section class="domain" id="${anchor(r)}" aria-labelledby="${`${anchor(r)}-h`}"><h3 id="${`${anchor(r)}-h`}">${iriLink(r.iri, ctx, r.label)} <span class="count">(${count})</span></h3>${domains.map(
      (d) =>
        d === r
          ? list(byGroup.get(d.iri)!)
          : html`<h4>${iriLink(d.iri, ctx, d.depth > 1 ? `${subtree(r).find((p) => p.children.includes(d))?.label ?? ''} › ${d.label}` : d.label)} <span class="count">(${byGroup.get(d.iri)!.length})</span></h4>${list(byGroup.get(d.iri)!)}`,
    )}</section>`;
  });
  const rest = items.filter((i) => !placed.has(i.group ?? ''));
  const counts = new Map(roots.map((r) => [r, subtree(r).reduce((n, d) => n + (byGroup.get(d.iri)?.length ?? 0), 0)]));
  return html`<nav class="toc" aria-label="Beleidsdomeinen"><ul class="columns">${roots
    .filter((r) => counts.get(r))
    .map(
      (r) => html`<li><a href="${`#${anchor(r)}`}">${r.label}</a> <span class="count">(${counts.get(r)})</span></li>`,
    )}${rest.length ? html`<li><a href="#d-buiten">Buiten de domeinen</a> <span class="count">(${rest.length})</span></li>` : ''}</ul></nav>
<p>Ingedeeld zoals het model zelf (beleidsdomein › domein › subdomein), net als op de pagina <a href="/domeinen">Domeinen</a>.</p>
${sections}${rest.length ? html`<section class="domain" id="d-buiten" aria-labelledby="d-buiten-h"><h3 id="d-buiten-h">Buiten de domeinen <span class="count">(${rest.length})</span></h3>${list(rest)}</section>` : ''}`;
}

export function renderGraphPage(
  view: GraphView,
  d: Description,
  target: PageTarget,
  base: Omit<LinkContext, 'labels'>,
  tree?: TreeDomain[],
): Html {
  const ctx: LinkContext = { ...base, labels: labelMap([...d.outgoing, ...d.labels]) };
  const list =
    view.itemKind === 'klassen'
      ? tree
        ? byTree(view.items, tree, ctx)
        : grouped(view.items, ctx)
      : html`<ul class="columns">${view.items.map((i) => item(i, ctx))}</ul>`;
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
