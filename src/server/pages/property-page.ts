/**
 * The page of a property (attribuutsoort or relatiesoort): definition, the
 * class it belongs to, its datatype or target class, inverse, the SHACL
 * constraints on it, MIM metadata and alignments.
 */
import { NS } from '../../iri/index.js';
import type { Description } from '../describe.js';
import type { PropertyConstraint } from '../views/shape-constraints.js';
import { multiplicity } from '../views/shape-constraints.js';
import type { PageTarget } from './class-page.js';
import { datatypeUnionHtml, unionMembersIn, valueTypeHtml } from './alternatives.js';
import { html, type Html } from './html.js';
import { iriLink, type LinkContext } from './links.js';
import { layout, section, tableRegion } from './layout.js';
import { SUMMARY_PREDICATES, summaryHtml, titleOf } from './summary.js';
import { incomingHtml, labelMap, pagerHtml, propertiesHtml } from './triples.js';
import type { Quad } from 'n3';

export interface PropertyView {
  description: Description;
  constraints: PropertyConstraint[];
  labels: Quad[];
  mimGraph: string;
  /** MIM metadata: the statements about the model element the property is derived from. */
  mim: Quad[];
  mimElement: string;
}

export function renderPropertyPage(view: PropertyView, target: PageTarget, base: Omit<LinkContext, 'labels'>, types: string[]): Html {
  const d = view.description;
  const iri = target.iri;
  const ctx: LinkContext = { ...base, labels: labelMap([...d.outgoing, ...d.incoming, ...d.labels, ...view.labels]) };
  const objects = (p: string) => [
    ...new Set(d.outgoing.filter((q) => q.subject.value === iri && q.predicate.value === p).map((q) => q.object.value)),
  ];
  const row = (label: string, iris: string[]) =>
    iris.length ? html`<dt>${label}</dt><dd>${iris.map((x, i) => html`${i ? ', ' : ''}${iriLink(x, ctx)}`)}</dd>` : '';
  // A range that is a blank node is a union of datatypes (onvolledige datum): shown as what it means, never as a node id.
  const ranges = d.outgoing.filter((q) => q.subject.value === iri && q.predicate.value === `${NS.rdfs}range`).map((q) => q.object);
  const unions = ranges.map((r) => unionMembersIn(r, d.outgoing)).filter((m): m is string[] => m !== undefined && m.length > 0);
  const rangeRow = (label: string) =>
    unions.length
      ? html`<dt>${label}</dt><dd>${unions.map((m, i) => html`${i ? '; ' : ''}${datatypeUnionHtml(m, ctx)}`)}</dd>`
      : row(
          label,
          ranges.filter((r) => r.termType === 'NamedNode').map((r) => r.value),
        );
  const kind = types.includes(`${NS.owl}ObjectProperty`)
    ? 'Relatie'
    : types.includes(`${NS.owl}DatatypeProperty`)
      ? 'Attribuut'
      : 'Eigenschap';
  const facts = html`<dl class="summary">${row('Van klasse', objects(`${NS.rdfs}domain`))}${rangeRow(kind === 'Relatie' ? 'Naar klasse' : 'Datatype')}${row('Inverse', objects(`${NS.owl}inverseOf`))}${row('Subeigenschap van', objects(`${NS.rdfs}subPropertyOf`))}</dl>`;
  const constraintRows = view.constraints.map(
    (c) =>
      html`<tr><td>${iriLink(c.targetClass, ctx)}</td><td>${iriLink(c.propertyShape, ctx)}</td><td>${valueTypeHtml(c, ctx)}</td><td class="mult">${multiplicity(c)}</td><td>${c.maxLength ?? ''}</td><td>${c.pattern ? html`<code>${c.pattern}</code>` : ''}${c.in.length ? html`${c.in.length} toegestane waarden` : ''}</td></tr>`,
  );
  const mim = view.mim;
  const mimSet = new Set(mim);
  const skip = new Set([...SUMMARY_PREDICATES, `${NS.rdfs}domain`, `${NS.rdfs}range`, `${NS.owl}inverseOf`]);
  const body = html`${summaryHtml(d.outgoing, iri, ctx)}
${section('kenmerken', 'Kenmerken', facts)}
${section('shacl', 'SHACL-beperkingen', constraintRows.length ? tableRegion('Tabel: SHACL-beperkingen', html`<table class="grid"><thead><tr><th>Klasse</th><th>Shape</th><th>Datatype / klasse</th><th>Kardinaliteit</th><th>Max. lengte</th><th>Verder</th></tr></thead><tbody>${constraintRows}</tbody></table>`) : '')}
${section('mim', 'MIM-metadata', mim.length ? html`<p>Modelelement ${iriLink(view.mimElement, ctx)}</p>${propertiesHtml(view.mimElement, mim, ctx)}` : '')}
${section(
  'overig',
  'Alle eigenschappen',
  propertiesHtml(
    iri,
    d.outgoing.filter((q) => !mimSet.has(q)),
    ctx,
    skip,
  ),
)}
${section('verwijzingen', 'Verwijzingen hiernaar', incomingHtml(d.incoming, ctx), d.incoming.length)}
${pagerHtml(target.documentPath, d.page, d.hasNextPage)}`;
  return layout({
    title: titleOf(d.outgoing, iri),
    kind,
    iri,
    documentPath: target.documentPath,
    query: d.page > 1 ? `?page=${d.page}` : '',
    body,
  });
}
