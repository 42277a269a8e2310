/**
 * The page of a code list (skos:ConceptScheme): its values with code, label
 * and definition (paged), and where it is used.
 */
import type { Quad } from 'n3';
import { NS } from '../../iri/index.js';
import type { Description } from '../describe.js';
import type { PageTarget } from './class-page.js';
import { html, type Html } from './html.js';
import { iriLink, type LinkContext } from './links.js';
import { layout, section, tableRegion } from './layout.js';
import { summaryHtml, texts, titleOf } from './summary.js';
import { incomingHtml, labelMap, pagerHtml } from './triples.js';

export function renderCodelistPage(d: Description, target: PageTarget, base: Omit<LinkContext, 'labels'>): Html {
  const ctx: LinkContext = { ...base, labels: labelMap([...d.outgoing, ...d.incoming, ...d.members, ...d.labels]) };
  const bySubject = new Map<string, Quad[]>();
  for (const q of d.members) {
    if (q.subject.value === target.iri) continue; // the list's own skos:hasTopConcept links
    bySubject.set(q.subject.value, [...(bySubject.get(q.subject.value) ?? []), q]);
  }
  const rows = [...bySubject.keys()].sort().map((c) => {
    const qs = bySubject.get(c)!;
    return html`<tr><td><code>${texts(qs, c, `${NS.skos}notation`).join(', ')}</code></td><td>${iriLink(c, ctx, titleOf(qs, c))}</td><td class="definition">${texts(qs, c, `${NS.skos}definition`).join(' ')}</td></tr>`;
  });
  const members = new Set(bySubject.keys());
  const usage = d.incoming.filter((q) => !members.has(q.subject.value));
  const body = html`${summaryHtml(d.outgoing, target.iri, ctx)}
${section('waarden', 'Waarden', rows.length ? tableRegion('Tabel: waarden', html`<table class="grid"><thead><tr><th>Code</th><th>Waarde</th><th>Definitie</th></tr></thead><tbody>${rows}</tbody></table>`) : '', rows.length)}
${pagerHtml(target.documentPath, d.page, d.hasNextPage)}
${section('gebruik', 'Gebruikt door', incomingHtml(usage, ctx))}`;
  return layout({
    title: titleOf(d.outgoing, target.iri),
    kind: 'Codelijst',
    iri: target.iri,
    documentPath: target.documentPath,
    query: d.page > 1 ? `?page=${d.page}` : '',
    body,
  });
}
