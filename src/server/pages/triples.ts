/**
 * Generic rendering of triples: a resource's properties grouped by predicate
 * (blank nodes nested, RDF lists as lists), incoming links, paging.
 */
import type { Quad, Term } from 'n3';
import { NS } from '../../iri/index.js';
import { html, type Html } from './html.js';
import { bestLabel, iriLink, literalHtml, type LinkContext } from './links.js';

const LABELS = new Set([`${NS.rdfs}label`, `${NS.skos}prefLabel`]);

/** Best label per IRI from label quads. */
export function labelMap(quads: Quad[]): Map<string, string> {
  const candidates = new Map<string, { value: string; language: string }[]>();
  for (const q of quads) {
    if (!LABELS.has(q.predicate.value) || q.subject.termType !== 'NamedNode' || q.object.termType !== 'Literal') continue;
    const list = candidates.get(q.subject.value) ?? [];
    list.push({ value: q.object.value, language: q.object.language });
    candidates.set(q.subject.value, list);
  }
  const out = new Map<string, string>();
  for (const [iri, list] of candidates) {
    const best = bestLabel(list.sort((a, b) => (a.value < b.value ? -1 : 1)));
    if (best !== undefined) out.set(iri, best);
  }
  return out;
}

function key(t: Term): string {
  return `${t.termType}:${t.value}`;
}

function bySubject(quads: Quad[]): Map<string, Quad[]> {
  const m = new Map<string, Quad[]>();
  for (const q of quads) {
    const k = key(q.subject);
    const list = m.get(k) ?? [];
    if (!list.some((x) => x.predicate.equals(q.predicate) && x.object.equals(q.object))) list.push(q);
    m.set(k, list);
  }
  return m;
}

/** Members of an RDF list starting at a blank node, or undefined when it is not a well-formed list. */
function listMembers(node: Term, index: Map<string, Quad[]>, depth = 0): Term[] | undefined {
  if (node.termType === 'NamedNode' && node.value === `${NS.rdf}nil`) return [];
  if (node.termType !== 'BlankNode' || depth > 10_000) return undefined;
  const qs = index.get(key(node)) ?? [];
  const first = qs.filter((q) => q.predicate.value === `${NS.rdf}first`);
  const rest = qs.filter((q) => q.predicate.value === `${NS.rdf}rest`);
  if (first.length !== 1 || rest.length !== 1 || qs.length !== 2) return undefined;
  const tail = listMembers(rest[0]!.object, index, depth + 1);
  return tail && [first[0]!.object, ...tail];
}

function valueHtml(t: Term, index: Map<string, Quad[]>, ctx: LinkContext, depth: number): Html {
  if (t.termType === 'NamedNode') return iriLink(t.value, ctx);
  if (t.termType === 'Literal') return literalHtml(t);
  if (t.termType === 'BlankNode') {
    const members = listMembers(t, index);
    if (members) return html`<ol class="rdf-list">${members.map((m) => html`<li>${valueHtml(m, index, ctx, depth + 1)}</li>`)}</ol>`;
    if (depth > 20) return html`<span class="bnode">…</span>`;
    return propertyTable(t, index, ctx, depth + 1);
  }
  return html`${t.value}`;
}

function sortedGroups(quads: Quad[], ctx: LinkContext, by: (q: Quad) => Term): [string, Quad[]][] {
  const groups = new Map<string, Quad[]>();
  for (const q of quads) {
    const list = groups.get(q.predicate.value) ?? [];
    list.push(q);
    groups.set(q.predicate.value, list);
  }
  const name = (iri: string) => (ctx.labels.get(iri) ?? iri).toLowerCase();
  return [...groups.entries()]
    .sort((a, b) => (name(a[0]) < name(b[0]) ? -1 : name(a[0]) > name(b[0]) ? 1 : 0))
    .map(([p, qs]) => [p, qs.sort((a, b) => (by(a).value < by(b).value ? -1 : by(a).value > by(b).value ? 1 : 0))]);
}

function propertyTable(subject: Term, index: Map<string, Quad[]>, ctx: LinkContext, depth: number): Html {
  const quads = index.get(key(subject)) ?? [];
  const rows = sortedGroups(quads, ctx, (q) => q.object).map(
    ([p, qs]) =>
      html`<tr><th scope="row">${iriLink(p, ctx)}</th><td><ul class="values">${qs.map((q) => html`<li>${valueHtml(q.object, index, ctx, depth)}</li>`)}</ul></td></tr>`,
  );
  return html`<table class="properties"><tbody>${rows}</tbody></table>`;
}

/** All properties of `subject` in `quads` (which also hold its blank-node closure). */
export function propertiesHtml(subject: string, quads: Quad[], ctx: LinkContext, skip: Set<string> = new Set()): Html | '' {
  const own = quads.filter((q) => !(q.subject.termType === 'NamedNode' && q.subject.value === subject && skip.has(q.predicate.value)));
  const index = bySubject(own);
  if ((index.get(`NamedNode:${subject}`) ?? []).length === 0) return '';
  return propertyTable({ termType: 'NamedNode', value: subject } as Term, index, ctx, 0);
}

/** Incoming links grouped by predicate: "X is <predicate> van …". */
export function incomingHtml(incoming: Quad[], ctx: LinkContext): Html | '' {
  if (incoming.length === 0) return '';
  const rows = sortedGroups(incoming, ctx, (q) => q.subject).map(
    ([p, qs]) =>
      html`<tr><th scope="row">${iriLink(p, ctx)}</th><td><ul class="values">${dedupe(qs.map((q) => q.subject.value)).map((s) => html`<li>${iriLink(s, ctx)}</li>`)}</ul></td></tr>`,
  );
  return html`<table class="properties incoming"><tbody>${rows}</tbody></table>`;
}

function dedupe(xs: string[]): string[] {
  return [...new Set(xs)];
}

export function pagerHtml(path: string, page: number, hasNextPage: boolean): Html | '' {
  if (page === 1 && !hasNextPage) return '';
  return html`<nav class="pager" aria-label="Pagina's">${page > 1 ? html`<a rel="prev" href="${page === 2 ? path : `${path}?page=${page - 1}`}">← Vorige pagina</a>` : ''}<span>Pagina ${page}</span>${hasNextPage ? html`<a rel="next" href="${`${path}?page=${page + 1}`}">Volgende pagina →</a>` : ''}</nav>`;
}
