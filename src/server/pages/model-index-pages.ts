/**
 * Two ways into the whole model, server-rendered and usable without JavaScript:
 *
 *   /domeinen          the model's tree: beleidsdomeinen › domeinen › subdomeinen,
 *                      each with its definition, its number of classes and code
 *                      lists, and its classes on demand (<details>)
 *   /termen            A–Z index: the letters with how many terms start with each
 *   /termen/{letter}   every class, attribute, relation, code list and domain
 *                      whose name starts with that letter; a name several
 *                      classes share (omschrijving …) is one entry listing them
 *
 * Rendering only: the tree comes from views/model-tree.ts, the terms from
 * views/term-index.ts (the search index: what a caller may read), the routes
 * are routes/model-index.ts.
 */
import { fold, type SearchHit, type SearchKind } from '../views/search-index.js';
import { subtree, type TreeDomain } from '../views/model-tree.js';
import type { IndexEntry } from '../views/term-index.js';
import { html, type Html } from './html.js';
import { iriLink, type LinkContext } from './links.js';
import { layout, section, tableRegion } from './layout.js';

/** The index's letters: a–z, then names that start with a digit or anything else. */
export const LETTERS = [...'abcdefghijklmnopqrstuvwxyz', '0-9'] as const;

/** The letter a name is filed under. */
export function letterOf(label: string): string {
  const c = fold(label.trim()).charAt(0);
  return c >= 'a' && c <= 'z' ? c : '0-9';
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('nl-NL')} ${n === 1 ? one : many}`;

// ---- /domeinen ----

function domainItem(d: TreeDomain, ctx: LinkContext): Html {
  const all = subtree(d);
  const classes = all.reduce((n, x) => n + x.classes.length, 0);
  const codelists = all.reduce((n, x) => n + x.codelists.length, 0);
  const own = d.classes.length
    ? html`<details><summary>${plural(d.classes.length, 'klasse', 'klassen')} in ${d.label}</summary><ul class="columns">${d.classes.map((c) => html`<li>${iriLink(c.iri, ctx, c.label)}</li>`)}</ul></details>`
    : '';
  return html`<li id="${`domein-${d.iri.replace(/.*\//, '')}`}"><span class="tree-node">${iriLink(d.iri, ctx, d.label)}</span> <span class="count">(${plural(classes, 'klasse', 'klassen')}, ${plural(codelists, 'codelijst', 'codelijsten')})</span>${d.definition ? html`<br><span class="tree-definition">${d.definition}</span>` : ''}${own}${d.children.length ? html`<ul class="tree">${d.children.map((c) => domainItem(c, ctx))}</ul>` : ''}</li>`;
}

export function renderDomainTreePage(roots: TreeDomain[], ctx: LinkContext): Html {
  const all = roots.flatMap(subtree);
  const classes = all.reduce((n, d) => n + d.classes.length, 0);
  const body = html`<p class="lead">Het GGM is ingedeeld zoals het model zelf: ${plural(roots.length, 'genummerd beleidsdomein', 'genummerde beleidsdomeinen')} (de pakketten bovenin het model), daaronder ${plural(all.length - roots.length, 'domein', 'domeinen')} en subdomeinen, met samen ${plural(classes, 'klasse', 'klassen')}. Elk domein heeft een eigen pagina met een klassendiagram.</p>
<nav class="toc" aria-label="Beleidsdomeinen"><ul class="columns">${roots.map((r) => html`<li><a href="${`#domein-${r.iri.replace(/.*\//, '')}`}">${r.label}</a></li>`)}</ul></nav>
<p>Zie ook: <a href="/cross-domain">relaties tussen domeinen</a> · <a href="/termen">alle termen van A tot Z</a> · <a href="/def/ggm">de ontologie</a>.</p>
${section('boom', 'Beleidsdomeinen, domeinen en subdomeinen', html`<ul class="tree tree-top">${roots.map((r) => domainItem(r, ctx))}</ul>`, all.length)}`;
  return layout({ title: 'Domeinen van het GGM', kind: 'Overzicht', body });
}

// ---- /termen ----

const KIND_NAMES: Record<SearchKind, string> = {
  Klasse: 'klasse',
  Attribuut: 'attribuut',
  Relatie: 'relatie',
  Codelijst: 'codelijst',
  Waarde: 'waarde',
  Domein: 'domein',
  Object: 'object',
};

function domainCell(h: SearchHit, ctx: LinkContext): Html | '' {
  return h.domain ? iriLink(h.domain.iri, ctx, h.domain.label) : '';
}

function entryRow(e: IndexEntry, ctx: LinkContext): Html {
  const one = e.hits.length === 1 ? e.hits[0]! : undefined;
  if (one)
    return html`<tr><td>${iriLink(one.iri, ctx, one.label)}</td><td>${KIND_NAMES[e.kind]}</td><td>${one.owner ? iriLink(one.owner.iri, ctx, one.owner.label) : ''}</td><td>${domainCell(one, ctx)}</td></tr>`;
  return html`<tr><td>${e.label}</td><td>${KIND_NAMES[e.kind]}</td><td colspan="2"><details><summary>bij ${plural(e.hits.length, 'klasse', 'klassen')}</summary><ul class="plain">${e.hits.map(
    (h) =>
      html`<li>${iriLink(h.iri, ctx, h.owner ? `${h.owner.label}: ${h.label}` : h.label)}${h.domain ? html` <span class="count">(${h.domain.label})</span>` : ''}</li>`,
  )}</ul></details></td></tr>`;
}

function letterNav(counts: Map<string, number>, current?: string): Html {
  return html`<nav class="letters" aria-label="Letters"><ul>${LETTERS.map((l) => {
    const n = counts.get(l) ?? 0;
    const name = l === '0-9' ? '0–9' : l.toUpperCase();
    if (l === current) return html`<li><span aria-current="page">${name}</span></li>`;
    return n
      ? html`<li><a href="${`/termen/${l}`}" title="${plural(n, 'term', 'termen')}">${name}</a></li>`
      : html`<li><span class="empty">${name}</span></li>`;
  })}</ul></nav>`;
}

export function renderTermIndexPage(entries: IndexEntry[]): Html {
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(letterOf(e.label), (counts.get(letterOf(e.label)) ?? 0) + 1);
  const body = html`<p class="lead">Alle klassen, attributen, relaties, codelijsten en domeinen van het GGM op naam: ${plural(entries.length, 'term', 'termen')}. Een naam die bij meer klassen voorkomt (zoals <em>omschrijving</em>) staat er één keer, met de klassen waar hij bij hoort. Waarden van codelijsten staan op de pagina van hun codelijst en zijn te vinden met <a href="/zoeken">zoeken</a>.</p>
${letterNav(counts)}
${section(
  'letters-tabel',
  'Aantal termen per letter',
  tableRegion(
    'Tabel: termen per letter',
    html`<table class="grid"><thead><tr><th scope="col">Letter</th><th scope="col">Termen</th></tr></thead><tbody>${LETTERS.filter((l) =>
      counts.get(l),
    ).map(
      (l) =>
        html`<tr><td><a href="${`/termen/${l}`}">${l === '0-9' ? '0–9' : l.toUpperCase()}</a></td><td class="num">${counts.get(l)}</td></tr>`,
    )}</tbody></table>`,
  ),
)}`;
  return layout({ title: 'Termen van A tot Z', kind: 'Index', body });
}

export function renderTermLetterPage(letter: string, entries: IndexEntry[], ctx: LinkContext): Html {
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(letterOf(e.label), (counts.get(letterOf(e.label)) ?? 0) + 1);
  const here = entries.filter((e) => letterOf(e.label) === letter);
  const name = letter === '0-9' ? '0–9' : letter.toUpperCase();
  const body = html`${letterNav(counts, letter)}
${
  here.length
    ? section(
        'termen',
        `Termen met ${name}`,
        tableRegion(
          `Tabel: termen met ${name}`,
          html`<table class="grid az"><thead><tr><th scope="col">Term</th><th scope="col">Soort</th><th scope="col">Van</th><th scope="col">Domein</th></tr></thead><tbody>${here.map((e) => entryRow(e, ctx))}</tbody></table>`,
        ),
        here.length,
      )
    : html`<p>Geen termen met ${name}.</p>`
}
<p><a href="/termen">Alle letters</a> · <a href="/domeinen">domeinen</a></p>`;
  return layout({ title: `Termen met ${name}`, documentTitle: `Termen met ${name} — A–Z — GGM linked data`, kind: 'Index A–Z', body });
}
