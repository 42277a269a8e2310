/**
 * One document in one format: RDF formats serialise the description (or the
 * whole named graph), HTML picks the page that fits what the IRI is.
 */
import { DataFactory, type Quad } from 'n3';
import { NS, ggmNamespaces, type IriConfig } from '../iri/index.js';
import type { SparqlStore } from '../store/types.js';
import { describe, describeGraph, descriptionQuads, labelsOf } from './describe.js';
import type { Format } from './formats.js';
import type { Target } from './resolve.js';
import { serialize, type SerializeOptions } from './serialize.js';
import { graphMetadata, instanceDocumentMetadata } from './document-metadata.js';
import { loadClassView } from './views/class-view.js';
import { loadGraphView } from './views/graph-view.js';
import { loadModelTree } from './views/model-tree.js';
import { loadCodelistView } from './views/codelist-view.js';
import { disambiguatedPredicates, instanceNames, namesAfterClass } from './views/instance-names.js';
import { constraintsFor } from './views/shape-constraints.js';
import { renderClassPage, type PageTarget } from './pages/class-page.js';
import { renderCodelistPage } from './pages/codelist-page.js';
import { renderGraphPage } from './pages/graph-page.js';
import { renderPropertyPage } from './pages/property-page.js';
import { renderResourcePage } from './pages/resource-page.js';
import { loadInstanceMap } from './views/instance-map.js';
import { displayName, hrefFor } from './pages/links.js';
import { labelMap } from './pages/triples.js';
import { renderDomainPage } from './pages/domain-page.js';
import { loadDomainView, type DomainQuestion } from './views/domain-view.js';

/**
 * The kinds of HTML page a document (/def/…, /doc/…, /graph/…) can be, as each
 * page names itself above its title. The accessibility test checks a sample of each.
 */
export const DOCUMENT_PAGE_KINDS = [
  'Ontologie',
  'Graaf',
  'Klasse',
  'Attribuut',
  'Relatie',
  'Codelijst',
  'Waarde van een codelijst',
  'SHACL-shape',
  'Domein',
  'Object',
] as const;

export interface RenderContext {
  store: SparqlStore;
  iri: IriConfig;
  prefixes: Record<string, string>;
  serializeOptions: SerializeOptions;
  /** When the served data last changed (documents' dcterms:modified). */
  changedAt: () => Date;
  /** The query library (domain pages list the questions about their domain). */
  library?: DomainQuestion[];
}

export interface Rendered {
  body: string;
  hasNextPage: boolean;
}

const LABEL_PREDICATES = new Set([`${NS.rdfs}label`, `${NS.skos}prefLabel`]);

/**
 * Label quads for a page only (never serialised): instances named by their naming
 * attributes, and properties that share a label told apart by their target class.
 * The second list holds the label quads these replace.
 */
async function pageLabels(ctx: RenderContext, quads: Quad[], labels: Quad[]): Promise<{ add: Quad[]; replaced: Set<Quad> }> {
  const { namedNode, literal, quad } = DataFactory;
  const labelled = new Set([...quads, ...labels].filter((q) => LABEL_PREDICATES.has(q.predicate.value)).map((q) => q.subject.value));
  const things = `${ctx.iri.instanceBase}id/`;
  const unnamed = new Set<string>();
  for (const q of quads)
    for (const t of [q.subject, q.object])
      if (t.termType === 'NamedNode' && t.value.startsWith(things) && !labelled.has(t.value)) unnamed.add(t.value);
  const names = unnamed.size ? await instanceNames(ctx.store, unnamed, ggmNamespaces(ctx.iri.vocabBase).ggm) : new Map<string, string>();
  // What the rule cannot name is called after its class ("Subsidie 1"), as its own page is: not an IRI tail.
  const rest = [...unnamed].filter((s) => !names.has(s));
  if (rest.length) for (const [s, n] of await namesAfterClass(ctx.store, rest)) names.set(s, n);
  const predicateLabels = new Map<string, string>();
  for (const q of labels)
    if (LABEL_PREDICATES.has(q.predicate.value) && !predicateLabels.has(q.subject.value))
      predicateLabels.set(q.subject.value, q.object.value);
  const told = await disambiguatedPredicates(
    ctx.store,
    quads.map((q) => q.predicate.value),
    predicateLabels,
  );
  const label = namedNode(`${NS.rdfs}label`);
  return {
    add: [...names, ...told].map(([s, n]) => quad(namedNode(s), label, literal(n))),
    replaced: new Set(labels.filter((q) => told.has(q.subject.value) && LABEL_PREDICATES.has(q.predicate.value))),
  };
}

async function renderHtml(ctx: RenderContext, target: Target, pageTarget: PageTarget): Promise<Rendered> {
  const base = { iri: ctx.iri, prefixes: ctx.prefixes };
  const page = pageTarget.page;
  switch (target.kind) {
    case 'graph': {
      const [view, d] = await Promise.all([
        loadGraphView(ctx.store, target.iri, target.triples),
        describe(ctx.store, target.iri, { pageSize: 50 }),
      ]);
      // The ontology's classes are grouped as the model's tree, as on /domeinen and the domain pages.
      const tree = view.itemKind === 'klassen' ? (await loadModelTree(ctx.store)).roots : undefined;
      return { body: renderGraphPage(view, d, pageTarget, base, tree).value, hasNextPage: false };
    }
    case 'class': {
      const view = await loadClassView(ctx.store, target.iri, ctx.iri, page);
      view.labels.push(...(await pageLabels(ctx, view.description.incoming, view.labels)).add);
      return { body: renderClassPage(view, pageTarget, base).value, hasNextPage: view.description.hasNextPage };
    }
    case 'property': {
      const [description, constraints] = await Promise.all([
        describe(ctx.store, target.iri, { page }),
        constraintsFor(ctx.store, [], target.iri),
      ]);
      const labels = await labelsOf(
        ctx.store,
        constraints.flatMap((c) => [c.targetClass, c.datatype, c.class].filter((x): x is string => !!x)),
      );
      const mimGraph = ggmNamespaces(ctx.iri.vocabBase).mimGraph;
      // The MIM metadata sit on the model element the property is derived from (mim:equivalent).
      const mimElement = description.outgoing.find((q) => q.subject.value === target.iri && q.predicate.value === `${NS.mim}equivalent`)
        ?.object.value;
      const mim = mimElement
        ? (await describe(ctx.store, mimElement)).outgoing.filter((q) => q.subject.value === mimElement && q.graph.value === mimGraph)
        : description.outgoing.filter((q) => q.graph.value === mimGraph && q.subject.value === target.iri);
      const view = { description, constraints, labels, mimGraph, mim, mimElement: mimElement ?? target.iri };
      return { body: renderPropertyPage(view, pageTarget, base, target.types).value, hasNextPage: description.hasNextPage };
    }
    case 'codelist': {
      const [d, view] = await Promise.all([
        describe(ctx.store, target.iri, { page, conceptScheme: true }),
        loadCodelistView(ctx.store, target.iri, ctx.iri),
      ]);
      return { body: renderCodelistPage(d, pageTarget, base, view).value, hasNextPage: d.hasNextPage };
    }
    case 'resource': {
      if (target.types.includes(`${NS.mim}Domein`)) {
        const view = await loadDomainView(ctx.store, target.iri, ctx.iri, ctx.library);
        return { body: renderDomainPage(view, pageTarget, base).value, hasNextPage: false };
      }
      const described = await describe(ctx.store, target.iri, { page });
      const extra = await pageLabels(ctx, [...described.outgoing, ...described.incoming], described.labels);
      const d = { ...described, labels: [...described.labels.filter((q) => !extra.replaced.has(q)), ...extra.add] };
      const names = labelMap([...d.outgoing, ...d.incoming, ...d.labels]);
      const map = await loadInstanceMap(
        ctx.store,
        target.iri,
        d.outgoing,
        d.incoming,
        (i) => displayName(i, { ...base, labels: names }),
        (i) => hrefFor(i, ctx.iri),
      );
      return { body: renderResourcePage(d, pageTarget, base, target.types, map).value, hasNextPage: d.hasNextPage };
    }
  }
}

export async function renderDocument(ctx: RenderContext, target: Target, format: Format, pageTarget: PageTarget): Promise<Rendered> {
  if (format.mediaType === 'text/html') return renderHtml(ctx, target, pageTarget);
  if (target.kind === 'graph') {
    const [content, about] = await Promise.all([
      describeGraph(ctx.store, target.iri),
      graphMetadata(ctx.store, { iri: target.iri, triples: target.triples }, ctx.iri, ctx.changedAt()),
    ]);
    // What the graph already says about itself (the ontology's title, licence …) wins over the generic description.
    const said = new Set(content.filter((q) => q.subject.value === target.iri).map((q) => q.predicate.value));
    const added = about.filter((q) => !said.has(q.predicate.value));
    return { body: await serialize([...content, ...added], format, ctx.serializeOptions), hasNextPage: false };
  }
  const d = await describe(ctx.store, target.iri, { page: pageTarget.page, conceptScheme: target.kind === 'codelist' });
  const quads = descriptionQuads(d);
  const about = instanceDocumentMetadata(target.iri, quads, ctx.iri, ctx.changedAt());
  return { body: await serialize([...quads, ...about], format, ctx.serializeOptions), hasNextPage: d.hasNextPage };
}
