/**
 * The A–Z index (/termen) as data: the classes, attributes, relations, code
 * lists and domains a caller may read, from the search index, one entry per
 * name and kind (pages/model-index-pages.ts renders them).
 */
import type { SparqlStore } from '../../store/types.js';
import { fold, type SearchHit, type SearchIndex, type SearchKind } from './search-index.js';

/** The kinds of term the A–Z index lists (code values are on their code list's page, and found by search). */
export const INDEX_KINDS: SearchKind[] = ['Klasse', 'Attribuut', 'Relatie', 'Codelijst', 'Domein'];

export interface IndexEntry {
  label: string;
  kind: SearchKind;
  hits: SearchHit[];
}

/** One entry per name and kind: a name several classes share is listed once, with every class it belongs to. */
export function indexEntries(hits: SearchHit[]): IndexEntry[] {
  const by = new Map<string, IndexEntry>();
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

/** The index entries of the graphs the store lets its caller read. */
export async function loadTermIndex(store: SparqlStore, search: SearchIndex): Promise<IndexEntry[]> {
  const readable = new Set((await store.graphs()).map((g) => g.iri));
  return indexEntries(await search.terms(readable, INDEX_KINDS));
}
