/**
 * The page of a code list (skos:ConceptScheme): its definition and domain
 * (with its beleidsdomein), its values with code, label, definition where the
 * model has one and how often the instance data use each (paged), and the
 * attributes that take their values from it, with their class and domain.
 * (GGM 2.5.1 gives code lists no herkomst or bron: those cells hold only the
 * Enterprise Architect tag descriptions, which the reader drops.)
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
import type { CodelistView } from '../views/codelist-view.js';

/** Incoming links shown in the page's own tables (values, domain, attributes) rather than as raw triples. */
const SHOWN = new Set([`${NS.rdfs}seeAlso`, `${NS.mim}type`, `${NS.mim}bevatModelelement`]);

export function renderCodelistPage(d: Description, target: PageTarget, base: Omit<LinkContext, 'labels'>, view?: CodelistView): Html {
  const ctx: LinkContext = { ...base, labels: labelMap([...d.outgoing, ...d.incoming, ...d.members, ...d.labels]) };
  const bySubject = new Map<string, Quad[]>();
  for (const q of d.members) {
    if (q.subject.value === target.iri) continue; // the list's own skos:hasTopConcept links
    bySubject.set(q.subject.value, [...(bySubject.get(q.subject.value) ?? []), q]);
  }
  const rows = [...bySubject.keys()].sort().map((c) => {
    const qs = bySubject.get(c)!;
    const notes = texts(qs, c, `${NS.skos}scopeNote`);
    return html`<tr><td><code>${texts(qs, c, `${NS.skos}notation`).join(', ')}</code></td><td>${iriLink(c, ctx, titleOf(qs, c))}</td><td class="definition">${texts(qs, c, `${NS.skos}definition`).join(' ')}${notes.length ? html`<br><span class="note">${notes.join(' ')}</span>` : ''}</td>${view ? html`<td class="num">${view.usage.get(c) ?? 0}</td>` : ''}</tr>`;
  });
  const members = new Set(bySubject.keys());
  const defined = [...bySubject].filter(([c, qs]) => texts(qs, c, `${NS.skos}definition`).length).length;
  const other = d.incoming.filter((q) => !members.has(q.subject.value) && !(view && SHOWN.has(q.predicate.value)));
  const place = view
    ? html`<dl class="summary">${view.domain ? html`<dt>Domein</dt><dd>${iriLink(view.domain.iri, ctx, view.domain.label)}${view.domain.beleidsdomein && view.domain.beleidsdomein.iri !== view.domain.iri ? html` <span class="count">(${iriLink(view.domain.beleidsdomein.iri, ctx, view.domain.beleidsdomein.label)})</span>` : ''}</dd>` : ''}<dt>Waarden</dt><dd>${rows.length}${d.hasNextPage || d.page > 1 ? ' op deze pagina' : ''}, waarvan ${defined} met een definitie in het model</dd><dt>Gebruikt door</dt><dd>${view.users.length} ${view.users.length === 1 ? 'attribuut' : 'attributen'}</dd></dl>`
    : '';
  const users = view?.users.length
    ? tableRegion(
        'Tabel: attributen met deze codelijst',
        html`<table class="grid"><thead><tr><th scope="col">Attribuut</th><th scope="col">Van klasse</th><th scope="col">Domein</th></tr></thead><tbody>${view.users.map(
          (u) =>
            html`<tr><td>${iriLink(u.iri, ctx, u.label)}</td><td>${u.owner ? iriLink(u.owner.iri, ctx, u.owner.label) : ''}</td><td>${u.domain ? iriLink(u.domain.iri, ctx, u.domain.label) : ''}</td></tr>`,
        )}</tbody></table>`,
      )
    : '';
  const body = html`${summaryHtml(d.outgoing, target.iri, ctx)}
${place}
${section('waarden', 'Waarden', rows.length ? tableRegion('Tabel: waarden', html`<table class="grid"><thead><tr><th scope="col">Code</th><th scope="col">Waarde</th><th scope="col">Definitie</th>${view ? html`<th scope="col">In voorbeelddata</th>` : ''}</tr></thead><tbody>${rows}</tbody></table>`) : '', rows.length)}
${pagerHtml(target.documentPath, d.page, d.hasNextPage)}
${section('attributen', 'Attributen met deze codelijst', users, view?.users.length)}
${section('gebruik', view ? 'Overige verwijzingen' : 'Gebruikt door', incomingHtml(other, ctx))}`;
  return layout({
    title: titleOf(d.outgoing, target.iri),
    kind: 'Codelijst',
    iri: target.iri,
    documentPath: target.documentPath,
    query: d.page > 1 ? `?page=${d.page}` : '',
    body,
  });
}
