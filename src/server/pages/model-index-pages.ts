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
 * The tree comes from the store (views/model-tree.ts), the terms from the
 * search index (what a caller may read), so both follow a changed store.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import type { IriConfig } from '../../iri/index.js';
import type { SparqlStore } from '../../store/types.js';
import { sendCacheable } from '../http-headers.js';
import { fold, type SearchHit, type SearchIndex, type SearchKind } from '../views/search-index.js';
import { loadModelTree, subtree, type TreeDomain } from '../views/model-tree.js';
import { html, type Html } from './html.js';
import { iriLink, type LinkContext } from './links.js';
import { layout, section, tableRegion } from './layout.js';

const HTML_TYPE = 'text/html; charset=utf-8';

/** The kinds of term the A–Z index lists (code values are on their code list's page, and found by search). */
export const INDEX_KINDS: SearchKind[] = ['Klasse', 'Attribuut', 'Relatie', 'Codelijst', 'Domein'];

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

interface Entry {
  label: string;
  kind: SearchKind;
  hits: SearchHit[];
}

/** One entry per name and kind: a name several classes share is listed once, with every class it belongs to. */
export function indexEntries(hits: SearchHit[]): Entry[] {
  const by = new Map<string, Entry>();
  for (const h of hits) {
    const key = `${fold(h.label)}\u0000${h.kind}`;
    const e = by.get(key) ?? { label: h.label, kind: h.kind, hits: [] };
    e.hits.push(h);
    by.set(key, e);
  }
  const kindRank = (k: SearchKind) => INDEX_KINDS.indexOf(k);
  for (const e of by.values())
    e.hits.sort((a, b) => (a.owner?.label ?? '').localeCompare(b.owner?.label ?? '', 'nl') || (a.iri < b.iri ? -1 : 1));
  return [...by.values()].sort(
    (a, b) =>
      fold(a.label).localeCompare(fold(b.label), 'nl', { numeric: true }) ||
      kindRank(a.kind) - kindRank(b.kind) ||
      (a.label < b.label ? -1 : 1),
  );
}

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

function entryRow(e: Entry, ctx: LinkContext): Html {
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

export function renderTermIndexPage(entries: Entry[]): Html {
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

export function renderTermLetterPage(letter: string, entries: Entry[], ctx: LinkContext): Html {
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

// ---- routes ----

export interface ModelIndexOptions {
  store: SparqlStore;
  iri: IriConfig;
  prefixes: Record<string, string>;
  search: SearchIndex;
}

export function modelIndexRouter(options: ModelIndexOptions): express.Router {
  const ctx: LinkContext = { iri: options.iri, prefixes: options.prefixes, labels: new Map() };
  const router = express.Router();
  const entries = async () => {
    const readable = new Set((await options.store.graphs()).map((g) => g.iri));
    return indexEntries(await options.search.terms(readable, INDEX_KINDS));
  };
  router.get('/domeinen', async (req: Request, res: Response, next: NextFunction) => {
    try {
      const tree = await loadModelTree(options.store);
      sendCacheable(req, res, renderDomainTreePage(tree.roots, ctx).value, HTML_TYPE);
    } catch (e) {
      next(e);
    }
  });
  router.get('/termen', async (req: Request, res: Response, next: NextFunction) => {
    try {
      sendCacheable(req, res, renderTermIndexPage(await entries()).value, HTML_TYPE);
    } catch (e) {
      next(e);
    }
  });
  router.get('/termen/:letter', async (req: Request, res: Response, next: NextFunction) => {
    const letter = String(req.params.letter);
    if (!(LETTERS as readonly string[]).includes(letter)) return next();
    try {
      sendCacheable(req, res, renderTermLetterPage(letter, await entries(), ctx).value, HTML_TYPE);
    } catch (e) {
      next(e);
    }
  });
  return router;
}
