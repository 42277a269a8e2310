/**
 * The page of any other resource (an instance, a concept, a domain, a shape …):
 * summary, all its properties, incoming links, paging.
 */
import { NS } from '../../iri/index.js';
import type { Description } from '../describe.js';
import type { PageTarget } from './class-page.js';
import { html, type Html } from './html.js';
import type { LinkContext } from './links.js';
import { renderGeometryMap } from './geometry-map.js';
import type { InstanceMap } from '../views/instance-map.js';
import { layout, section } from './layout.js';
import { SUMMARY_PREDICATES, summaryHtml, titleOf } from './summary.js';
import { incomingHtml, labelMap, pagerHtml, propertiesHtml } from './triples.js';

const LABELS = [`${NS.rdfs}label`, `${NS.skos}prefLabel`, `${NS.dcterms}title`, `${NS.schema}name`];

const KINDS: [string, string][] = [
  [`${NS.skos}Concept`, 'Waarde van een codelijst'],
  [`${NS.sh}NodeShape`, 'SHACL-shape'],
  [`${NS.sh}PropertyShape`, 'SHACL-eigenschapshape'],
  [`${NS.mim}Domein`, 'Domein'],
  [`${NS.owl}Ontology`, 'Ontologie'],
];

export function kindOf(types: string[], iri: string, instanceBase: string): string {
  for (const [t, label] of KINDS) if (types.includes(t)) return label;
  return iri.startsWith(`${instanceBase}id/`) ? 'Object' : 'Resource';
}

export function renderResourcePage(
  d: Description,
  target: PageTarget,
  base: Omit<LinkContext, 'labels'>,
  types: string[],
  map?: InstanceMap,
): Html {
  const ctx: LinkContext = { ...base, labels: labelMap([...d.outgoing, ...d.incoming, ...d.labels]) };
  const skip = new Set([...SUMMARY_PREDICATES].filter((p) => p !== `${NS.dcterms}identifier`));
  const drawn =
    map && renderGeometryMap(map.features, 'Kaart: de geometrie van dit object (gemarkeerd) en van de objecten waarmee het verbonden is');
  const body = html`${summaryHtml(d.outgoing, target.iri, ctx)}
${drawn ? section('kaart', 'Kaart', drawn) : ''}
${section('eigenschappen', 'Eigenschappen', propertiesHtml(target.iri, d.outgoing, ctx, skip))}
${section('verwijzingen', 'Verwijzingen hiernaar', incomingHtml(d.incoming, ctx), d.incoming.length)}
${pagerHtml(target.documentPath, d.page, d.hasNextPage)}`;
  // A thing without a label is called after its class: "Zaak 27".
  const hasLabel = d.outgoing.some((q) => q.subject.value === target.iri && LABELS.includes(q.predicate.value));
  const typeLabel = types.map((t) => ctx.labels.get(t)).find((l) => l !== undefined);
  // An instance without a label is called by its naming attribute (views/instance-names.ts), else after its class.
  const name = hasLabel ? undefined : ctx.labels.get(target.iri);
  const title = name ?? (!hasLabel && typeLabel ? `${typeLabel} ${titleOf(d.outgoing, target.iri)}` : titleOf(d.outgoing, target.iri));
  return layout({
    title,
    kind: kindOf(types, target.iri, base.iri.instanceBase),
    iri: target.iri,
    documentPath: target.documentPath,
    query: d.page > 1 ? `?page=${d.page}` : '',
    body,
  });
}
