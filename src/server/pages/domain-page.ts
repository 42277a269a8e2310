/**
 * The page of a domain (/def/ggm/domein/…): its place in the GGM's package
 * tree (beleidsdomein › domein), its subdomains, a class diagram generated from
 * the model as inline SVG (classes as boxes linking to their pages, relations
 * and generalisations between them), the classes with their definitions,
 * attributes (on demand, <details>) and demo-data counts, the links into
 * other domains, and its code lists. Works without JavaScript.
 */
import type { DomainView } from '../views/domain-view.js';
import type { PageTarget } from './class-page.js';
import { html, type Html } from './html.js';
import { iriLink, type LinkContext } from './links.js';
import { layout, section, tableRegion } from './layout.js';

const BOX = { width: 190, height: 40, gapX: 40, gapY: 46 };

function short(s: string, n = 26): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

/** The classes of the domain on a grid, relations and generalisations among them as lines. */
export function domainDiagram(view: DomainView, ctx: LinkContext): Html | '' {
  const classes = view.classes;
  if (classes.length === 0) return '';
  const columns = Math.max(1, Math.min(6, Math.ceil(Math.sqrt(classes.length * 1.5))));
  const at = new Map<string, { x: number; y: number }>();
  classes.forEach((c, i) =>
    at.set(c.iri, { x: 10 + (i % columns) * (BOX.width + BOX.gapX), y: 10 + Math.floor(i / columns) * (BOX.height + BOX.gapY) }),
  );
  const width = 20 + columns * (BOX.width + BOX.gapX) - BOX.gapX;
  const height = 20 + Math.ceil(classes.length / columns) * (BOX.height + BOX.gapY) - BOX.gapY;
  const centre = (iri: string) => {
    const p = at.get(iri)!;
    return { x: p.x + BOX.width / 2, y: p.y + BOX.height / 2 };
  };
  const inner = view.edges.filter((e) => at.has(e.from) && at.has(e.to) && e.from !== e.to);
  const lines = inner.map((e) => {
    const a = centre(e.from);
    const b = centre(e.to);
    return html`<line x1="${a.x}" y1="${a.y}" x2="${b.x}" y2="${b.y}" class="${e.kind}" ${e.kind === 'generalisatie' ? html`marker-end="url(#pijl)"` : ''}><title>${`${ctx.labels.get(e.from) ?? e.from} ${e.label} ${ctx.labels.get(e.to) ?? e.to}`}</title></line>`;
  });
  const boxes = classes.map((c) => {
    const p = at.get(c.iri)!;
    return html`<a href="${iriLink(c.iri, ctx).value.match(/href="([^"]*)"/)?.[1] ?? '#'}"><title>${`${c.label}${c.definition ? `: ${c.definition.slice(0, 200)}` : ''}`}</title><rect x="${p.x}" y="${p.y}" width="${BOX.width}" height="${BOX.height}" rx="4"></rect><text x="${p.x + BOX.width / 2}" y="${p.y + 17}" text-anchor="middle">${short(c.label)}</text><text x="${p.x + BOX.width / 2}" y="${p.y + 32}" text-anchor="middle" class="sub">${`${c.attributes.length} attributen · ${c.instances} in demo`}</text></a>`;
  });
  return html`<figure class="diagram"><svg class="class-diagram" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" role="group" aria-labelledby="diagram-titel"><title id="diagram-titel">${`Klassendiagram van ${view.label}: ${classes.length} klassen, ${inner.length} relaties en generalisaties daartussen`}</title><defs><marker id="pijl" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#fff" stroke="#1b1f24"></path></marker></defs>${lines}${boxes}</svg><figcaption>Elke rechthoek is een klasse (met het aantal attributen en objecten in de voorbeeldgemeente); een doorgetrokken lijn is een relatie, een gestippelde lijn met pijl een generalisatie. Relaties met klassen in andere domeinen staan onder het diagram.</figcaption></figure>`;
}

/** The library's questions about this domain (or one below it), each with its result; then those about every domain. */
function libraryQuestions(view: DomainView): Html | '' {
  if (view.queries.length === 0 && view.generalQueries.length === 0) return '';
  const item = (q: DomainView['queries'][number]) =>
    html`<li><a href="${`/queries/${q.name}`}">${q.nl}</a> <small>(<a href="${`/queries/${q.name}/resultaat`}">resultaat</a>; domeinen: ${q.domeinen.join(', ')})</small></li>`;
  return html`${view.queries.length ? html`<ul>${view.queries.map(item)}</ul>` : html`<p>Geen vraag in de bibliotheek gaat specifiek over dit domein.</p>`}
${view.generalQueries.length ? html`<p>Over alle domeinen samen: ${view.generalQueries.map((q, i) => html`${i ? ' · ' : ''}<a href="${`/queries/${q.name}`}">${q.nl}</a>`)}. <a href="/queries">Alle vragen</a>.</p>` : ''}`;
}

export function renderDomainPage(view: DomainView, target: PageTarget, base: Omit<LinkContext, 'labels'>): Html {
  const labels = new Map<string, string>([
    ...view.classes.map((c) => [c.iri, c.label] as [string, string]),
    ...[...view.outside].map(([iri, o]) => [iri, o.label] as [string, string]),
    ...view.subdomains.map((s) => [s.iri, s.label] as [string, string]),
    ...view.parents.map((p) => [p.iri, p.label] as [string, string]),
  ]);
  const ctx: LinkContext = { ...base, labels };
  const inside = new Set(view.classes.map((c) => c.iri));
  const crossing = view.edges.filter((e) => inside.has(e.from) !== inside.has(e.to));
  const place = html`<nav aria-label="Plaats in het model" class="breadcrumb"><a href="/def/ggm">Ontologie</a>${view.parents.map((p) => html` › ${iriLink(p.iri, ctx)}`)} › <span aria-current="page">${view.label}</span></nav>`;
  const body = html`${place}${view.definition ? html`<p class="lead">${view.definition}</p>` : ''}
${section('subdomeinen', 'Domeinen hierin', view.subdomains.length ? html`<ul class="columns">${view.subdomains.map((s) => html`<li>${iriLink(s.iri, ctx)} <span class="count">(${s.classes} klassen)</span></li>`)}</ul>` : '', view.subdomains.length)}
${section('diagram', 'Klassendiagram', domainDiagram(view, ctx))}
${section(
  'klassen',
  'Klassen',
  view.classes.length
    ? tableRegion(
        'Tabel: klassen',
        html`<table class="grid"><thead><tr><th scope="col">Klasse</th><th scope="col">Definitie</th><th scope="col">In demo</th><th scope="col">Attributen</th></tr></thead><tbody>${view.classes.map(
          (c) =>
            html`<tr><td>${iriLink(c.iri, ctx)}</td><td class="definition">${c.definition ?? ''}</td><td class="num">${c.instances}</td><td>${c.attributes.length ? html`<details><summary>${c.attributes.length} attributen</summary><ul class="plain">${c.attributes.map((a) => html`<li>${iriLink(a.iri, ctx, a.label)}</li>`)}</ul></details>` : '—'}</td></tr>`,
        )}</tbody></table>`,
      )
    : '',
  view.classes.length,
)}
${section(
  'andere-domeinen',
  'Verbindingen met andere domeinen',
  crossing.length
    ? tableRegion(
        'Tabel: verbindingen met andere domeinen',
        html`<table class="grid"><thead><tr><th scope="col">Van</th><th scope="col">Soort</th><th scope="col">Naar</th><th scope="col">Domein</th></tr></thead><tbody>${crossing.map(
          (e) => {
            const other = inside.has(e.from) ? e.to : e.from;
            const o = view.outside.get(other);
            return html`<tr><td>${iriLink(e.from, ctx)}</td><td>${e.property ? iriLink(e.property, ctx, e.label) : e.label}</td><td>${iriLink(e.to, ctx)}</td><td>${o?.domain ? iriLink(o.domain, ctx, o.domainLabel) : ''}</td></tr>`;
          },
        )}</tbody></table>`,
      )
    : '',
  crossing.length,
)}
${section('vragen', 'Vragen uit de querybibliotheek', libraryQuestions(view), view.queries.length)}
${section('codelijsten', 'Codelijsten', view.codelists.length ? html`<ul class="columns">${view.codelists.map((c) => html`<li>${iriLink(c.iri, ctx, c.label)}</li>`)}</ul>` : '', view.codelists.length)}`;
  return layout({ title: view.label, kind: 'Domein', iri: view.iri, documentPath: target.documentPath, body });
}
