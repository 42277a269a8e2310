/**
 * /zoeken?q=…: find classes, attributes, relations, code lists, values,
 * domains and named instances (views/search-index.ts). A plain GET form, so it
 * works without JavaScript; with JavaScript the field suggests names as you
 * type (public/search-suggest.js, from /zoeken/suggesties?q=…).
 * Each hit shows its kind, the class or code list it belongs to, its domain
 * and the start of its definition.
 */
import type { SearchHit } from '../views/search-index.js';
import { html, type Html } from './html.js';
import { iriLink, type LinkContext } from './links.js';
import { layout, tableRegion } from './layout.js';

/** Most hits a results page shows. */
export const SEARCH_LIMIT = 200;

/** "1 resultaat", "2 resultaten". */
export function countPhrase(n: number, capped = false): string {
  return `${n}${capped ? '+' : ''} ${n === 1 && !capped ? 'resultaat' : 'resultaten'}`;
}

/** The start of a definition: markup-free, at most about 160 characters, cut at a word. */
export function snippet(definition: string | undefined, max = 160): string {
  if (!definition) return '';
  const plain = definition
    .replace(/<[^>]*>/g, ' ')
    .replace(/[*_`#]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (plain.length <= max) return plain;
  const cut = plain.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max - 20))} …`;
}

function domainCell(h: SearchHit, ctx: LinkContext): Html | '' {
  if (!h.domain) return '';
  return html`${iriLink(h.domain.iri, ctx, h.domain.label)}${h.domain.beleidsdomein ? html` <span class="count">(${h.domain.beleidsdomein})</span>` : ''}`;
}

export function renderSearchPage(q: string, hits: SearchHit[], ctx: LinkContext): Html {
  const capped = hits.length >= SEARCH_LIMIT;
  const rows = hits.map(
    (h) =>
      html`<tr><td>${iriLink(h.iri, ctx, h.label)}${h.notation && h.notation !== h.label ? html` <code>${h.notation}</code>` : ''}${h.definition ? html`<br><span class="snippet">${snippet(h.definition)}</span>` : ''}</td><td>${h.kind}</td><td>${h.owner ? iriLink(h.owner.iri, ctx, h.owner.label) : ''}</td><td>${domainCell(h, ctx)}</td></tr>`,
  );
  const body = html`<form class="search" method="get" action="/zoeken" role="search"><label for="zoekterm" class="visually-hidden">Zoekterm</label><input type="search" id="zoekterm" name="q" value="${q}" list="zoek-suggesties" autocomplete="off" placeholder="bijvoorbeeld: energietoeslag, BSN, ingeschreven persoon"><datalist id="zoek-suggesties"></datalist><button type="submit">Zoeken</button></form>
<p class="keys">Zoekt in namen, synoniemen, codes, definities en namen van objecten in de voorbeelddata; hoofdletters en accenten tellen niet, de volgorde van woorden ook niet, en een deel van een samengesteld woord vindt het hele woord.</p>
${
  q.trim() === ''
    ? ''
    : hits.length === 0
      ? html`<p role="status">Niets gevonden voor <strong>${q}</strong>.</p>`
      : html`<p role="status">${countPhrase(hits.length, capped)} voor <strong>${q}</strong>.</p>${tableRegion('Tabel: zoekresultaten', html`<table class="grid search-results"><thead><tr><th scope="col">Naam</th><th scope="col">Soort</th><th scope="col">Hoort bij</th><th scope="col">Domein</th></tr></thead><tbody>${rows}</tbody></table>`)}`
}`;
  return layout({ title: 'Zoeken', body, scripts: ['/assets/search-suggest.js'] });
}

/** The suggestions for a partial query: the first hits' names, kinds and pages. */
export function suggestions(
  hits: SearchHit[],
  hrefFor: (iri: string) => string | undefined,
): { label: string; kind: string; href?: string }[] {
  const seen = new Set<string>();
  const out: { label: string; kind: string; href?: string }[] = [];
  for (const h of hits) {
    const key = `${h.label}\n${h.kind}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ label: h.label, kind: h.kind, href: hrefFor(h.iri) });
    if (out.length === 8) break;
  }
  return out;
}
