/**
 * The head of every resource page: label, types, definition, explanation,
 * synonyms, identifier — read from the resource's own triples.
 */
import type { Quad } from 'n3';
import { NS } from '../../iri/index.js';
import { html, type Html } from './html.js';
import { bestLabel, iriLink, safeDecode, type LinkContext } from './links.js';

export const SUMMARY_PREDICATES = new Set([
  `${NS.rdfs}label`,
  `${NS.skos}prefLabel`,
  `${NS.skos}definition`,
  `${NS.skos}scopeNote`,
  `${NS.skos}altLabel`,
  `${NS.rdfs}comment`,
  `${NS.dcterms}identifier`,
  `${NS.rdf}type`,
]);

function values(quads: Quad[], subject: string, predicate: string): Quad['object'][] {
  const seen = new Set<string>();
  return quads
    .filter((q) => q.subject.value === subject && q.subject.termType === 'NamedNode' && q.predicate.value === predicate)
    .map((q) => q.object)
    .filter((o) => (seen.has(o.value) ? false : (seen.add(o.value), true)));
}

export function texts(quads: Quad[], subject: string, predicate: string): string[] {
  return values(quads, subject, predicate)
    .filter((o) => o.termType === 'Literal')
    .map((o) => o.value);
}

/** The title of a resource: its Dutch label, else any label, else the local name. */
export function titleOf(quads: Quad[], subject: string): string {
  const labels = [`${NS.rdfs}label`, `${NS.skos}prefLabel`, `${NS.dcterms}title`, `${NS.schema}name`].flatMap((p) =>
    values(quads, subject, p)
      .filter((o) => o.termType === 'Literal')
      .map((o) => ({ value: o.value, language: o.termType === 'Literal' ? o.language : '' })),
  );
  return bestLabel(labels) ?? safeDecode(subject.replace(/.*[/#]/, ''));
}

export function summaryHtml(quads: Quad[], subject: string, ctx: LinkContext): Html {
  const types = values(quads, subject, `${NS.rdf}type`).filter((o) => o.termType === 'NamedNode');
  const definitions = texts(quads, subject, `${NS.skos}definition`);
  const notes = [...texts(quads, subject, `${NS.skos}scopeNote`), ...texts(quads, subject, `${NS.rdfs}comment`)];
  const synonyms = texts(quads, subject, `${NS.skos}altLabel`);
  const identifiers = texts(quads, subject, `${NS.dcterms}identifier`);
  const notations = texts(quads, subject, `${NS.skos}notation`);
  return html`<dl class="summary">
${types.length ? html`<dt>Type</dt><dd>${types.map((t, i) => html`${i ? ', ' : ''}${iriLink(t.value, ctx)}`)}</dd>` : ''}
${definitions.length ? html`<dt>Definitie</dt>${definitions.map((d) => html`<dd class="definition">${d}</dd>`)}` : ''}
${notes.length ? html`<dt>Toelichting</dt>${notes.map((d) => html`<dd class="note">${d}</dd>`)}` : ''}
${synonyms.length ? html`<dt>Synoniemen</dt><dd>${synonyms.join(', ')}</dd>` : ''}
${notations.length ? html`<dt>Code</dt><dd><code>${notations.join(', ')}</code></dd>` : ''}
${identifiers.length ? html`<dt>Identificatie</dt><dd><code>${identifiers.join(', ')}</code></dd>` : ''}
</dl>`;
}
