/**
 * The page of a class (objecttype): definition, place in the model, attributes
 * and relations (own and inherited) with datatype and multiplicity, incoming
 * relations, SHACL constraints, MIM metadata, alignments, instances.
 */
import { NS } from '../../iri/index.js';
import { multiplicity, type PropertyConstraint } from '../views/shape-constraints.js';
import type { ClassView } from '../views/class-view.js';
import { datatypeUnionHtml, valueTypeHtml } from './alternatives.js';
import { html, type Html } from './html.js';
import { iriLink, type LinkContext } from './links.js';
import { layout, section, tableRegion } from './layout.js';
import { neighbourhoodDiagram, type Neighbourhood } from './neighbourhood-diagram.js';
import { SUMMARY_PREDICATES, summaryHtml, titleOf } from './summary.js';
import { incomingHtml, labelMap, pagerHtml, propertiesHtml } from './triples.js';

export interface PageTarget {
  iri: string;
  /** Document path without extension (/def/ggm/Zaak, /doc/zaak/123). */
  documentPath: string;
  page: number;
}

function list(iris: string[], ctx: LinkContext): Html {
  return html`${iris.map((iri, i) => html`${i ? ', ' : ''}${iriLink(iri, ctx)}`)}`;
}

function inherited(owner: string, self: string, ctx: LinkContext): Html | '' {
  return owner === self ? '' : html`<span class="inherited">geërfd van ${iriLink(owner, ctx)}</span>`;
}

function constraintCells(c: PropertyConstraint, ctx: LinkContext): Html {
  const extra: Html[] = [];
  if (c.maxLength !== undefined) extra.push(html`<li>max. lengte ${c.maxLength}</li>`);
  if (c.pattern) extra.push(html`<li>patroon <code>${c.pattern}</code></li>`);
  if (c.nodeKind) extra.push(html`<li>soort knoop ${iriLink(c.nodeKind, ctx)}</li>`);
  if (c.in.length)
    extra.push(html`<li>een van ${c.in.length} waarden: ${list(c.in.slice(0, 12), ctx)}${c.in.length > 12 ? ' …' : ''}</li>`);
  return html`<td>${iriLink(c.path, ctx)}</td><td>${valueTypeHtml(c, ctx)}</td><td class="mult">${multiplicity(c)}</td><td><ul class="plain">${extra}</ul></td>`;
}

/** The class's neighbourhood as the diagram needs it: only classes (no code lists, no datatypes). */
function neighbourhood(view: ClassView, iri: string, label: string, ctx: LinkContext): Neighbourhood {
  const isClass = (c: string | undefined): c is string => c !== undefined && view.neighbours.has(c);
  // The model's relations only: a published inverse (owl:inverseOf) is its relation drawn from the other end.
  const own = view.properties.filter((p) => p.kind === 'relatie' && p.owner === iri && isClass(p.range) && !p.inverse);
  const name = (p: string) => ctx.labels.get(p) ?? p.replace(/.*[/#.]/, '');
  const domains = new Map<string, { iri: string; label: string }>();
  for (const [c, n] of view.neighbours) if (n.domain) domains.set(c, n.domain);
  return {
    iri,
    label,
    superclasses: view.description.outgoing
      .filter((q) => q.subject.value === iri && q.predicate.value === `${NS.rdfs}subClassOf` && isClass(q.object.value))
      .map((q) => q.object.value),
    subclasses: view.subclasses.filter(isClass),
    outgoing: own.map((p) => ({ property: p.iri, label: name(p.iri), other: p.range! })),
    incoming: view.incomingRelations
      .filter((r) => !r.inverse && isClass(r.source))
      .map((r) => ({ property: r.iri, label: name(r.iri), other: r.source })),
    domains,
  };
}

export function renderClassPage(view: ClassView, target: PageTarget, base: Omit<LinkContext, 'labels'>): Html {
  const d = view.description;
  const all = [...d.outgoing, ...d.incoming, ...view.labels];
  const ctx: LinkContext = { ...base, labels: labelMap(all) };
  const iri = target.iri;
  const domeinen = d.outgoing
    .filter((q) => q.subject.value === iri && q.predicate.value === `${NS.dcterms}isPartOf`)
    .map((q) => q.object.value);

  const place = html`<dl class="summary">
${domeinen.length ? html`<dt>Domein</dt><dd>${list(domeinen, ctx)}</dd>` : ''}
${view.superclasses.length ? html`<dt>Superklassen</dt><dd>${list(view.superclasses, ctx)}</dd>` : ''}
${view.subclasses.length ? html`<dt>Subklassen</dt><dd>${list(view.subclasses, ctx)}</dd>` : ''}
<dt>Instanties</dt><dd>${view.instanceCount}</dd>
</dl>`;

  const attributes = view.properties.filter((p) => p.kind === 'attribuut');
  const relations = view.properties.filter((p) => p.kind === 'relatie');
  const attributeRows = attributes.map(
    (p) =>
      html`<tr><td>${iriLink(p.iri, ctx)} ${inherited(p.owner, iri, ctx)}</td><td>${p.range ? iriLink(p.range, ctx) : p.rangeUnion?.length ? datatypeUnionHtml(p.rangeUnion, ctx) : p.constraint ? valueTypeHtml(p.constraint, ctx) : ''}</td><td class="mult">${multiplicity(p.constraint)}</td><td class="definition">${p.definition ?? ''}</td></tr>`,
  );
  const relationRows = relations.map(
    (p) =>
      html`<tr><td>${iriLink(p.iri, ctx)} ${inherited(p.owner, iri, ctx)}</td><td>${p.range ? iriLink(p.range, ctx) : p.constraint ? valueTypeHtml(p.constraint, ctx) : ''}</td><td class="mult">${multiplicity(p.constraint)}</td><td>${p.inverse ? iriLink(p.inverse, ctx) : ''}</td></tr>`,
  );
  const incomingRows = view.incomingRelations.map((r) => html`<tr><td>${iriLink(r.source, ctx)}</td><td>${iriLink(r.iri, ctx)}</td></tr>`);
  const constraintRows = view.constraints.map((c) => html`<tr>${constraintCells(c, ctx)}</tr>`);
  const instances = d.incoming.filter((q) => q.predicate.value === `${NS.rdf}type`);
  // Shown in the tables above already: instances, subclasses, the class's properties and the relations to it.
  const otherIncoming = d.incoming.filter(
    (q) => ![`${NS.rdf}type`, `${NS.rdfs}subClassOf`, `${NS.rdfs}domain`, `${NS.rdfs}range`].includes(q.predicate.value),
  );
  const skip = new Set([...SUMMARY_PREDICATES, `${NS.rdfs}subClassOf`, `${NS.dcterms}isPartOf`]);
  const mim = new Set(view.mim);
  const rest = d.outgoing.filter((q) => !mim.has(q));

  const body = html`${summaryHtml(d.outgoing, iri, ctx)}
${section('plaats', 'Plaats in het model', place)}
${section('omgeving', 'Omgeving in het model', neighbourhoodDiagram(neighbourhood(view, iri, titleOf(d.outgoing, iri), ctx), ctx))}
${section('attributen', 'Attributen', attributeRows.length ? tableRegion('Tabel: attributen', html`<table class="grid"><thead><tr><th>Attribuut</th><th>Datatype</th><th>Kardinaliteit</th><th>Definitie</th></tr></thead><tbody>${attributeRows}</tbody></table>`) : '', attributes.length)}
${section('relaties', 'Relaties', relationRows.length ? tableRegion('Tabel: relaties', html`<table class="grid"><thead><tr><th>Relatie</th><th>Naar</th><th>Kardinaliteit</th><th>Inverse</th></tr></thead><tbody>${relationRows}</tbody></table>`) : '', relations.length)}
${section('inkomend', 'Inkomende relaties', incomingRows.length ? tableRegion('Tabel: inkomende relaties', html`<table class="grid"><thead><tr><th>Van klasse</th><th>Relatie</th></tr></thead><tbody>${incomingRows}</tbody></table>`) : '', incomingRows.length)}
${section('shacl', 'SHACL-beperkingen', constraintRows.length ? tableRegion('Tabel: SHACL-beperkingen', html`<table class="grid"><thead><tr><th>Pad</th><th>Datatype / klasse</th><th>Kardinaliteit</th><th>Verder</th></tr></thead><tbody>${constraintRows}</tbody></table>`) : '', constraintRows.length)}
${section('mim', 'MIM-metadata', view.mim.length ? html`<p>Modelelement ${iriLink(view.mimElement, ctx)}</p>${propertiesHtml(view.mimElement, view.mim, ctx)}` : '')}
${section('alignementen', 'Alignementen', view.alignments.length ? html`<ul>${view.alignments.map((q) => html`<li>${iriLink(q.predicate.value, ctx)} ${iriLink(q.object.value, ctx)}</li>`)}</ul>` : '')}
${section('instanties', 'Instanties', instances.length ? html`<ul class="columns">${instances.map((q) => html`<li>${iriLink(q.subject.value, ctx)}</li>`)}</ul>` : '', view.instanceCount)}
${section('overig', 'Alle eigenschappen', propertiesHtml(iri, rest, ctx, skip))}
${section('verwijzingen', 'Verwijzingen naar deze klasse', incomingHtml(otherIncoming, ctx))}
${pagerHtml(target.documentPath, d.page, d.hasNextPage)}`;
  return layout({
    title: titleOf(d.outgoing, iri),
    kind: 'Klasse',
    iri,
    documentPath: target.documentPath,
    query: d.page > 1 ? `?page=${d.page}` : '',
    body,
  });
}
