/**
 * One document in one format: RDF formats serialise the description (or the
 * whole named graph), HTML picks the page that fits what the IRI is.
 */
import { ggmNamespaces, type IriConfig } from '../iri/index.js';
import type { SparqlStore } from '../store/types.js';
import { describe, describeGraph, descriptionQuads, labelsOf } from './describe.js';
import type { Format } from './formats.js';
import type { Target } from './resolve.js';
import { serialize, type SerializeOptions } from './serialize.js';
import { loadClassView } from './views/class-view.js';
import { loadGraphView } from './views/graph-view.js';
import { constraintsFor } from './views/shape-constraints.js';
import { renderClassPage, type PageTarget } from './pages/class-page.js';
import { renderCodelistPage } from './pages/codelist-page.js';
import { renderGraphPage } from './pages/graph-page.js';
import { renderPropertyPage } from './pages/property-page.js';
import { renderResourcePage } from './pages/resource-page.js';

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
}

export interface Rendered {
  body: string;
  hasNextPage: boolean;
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
      return { body: renderGraphPage(view, d, pageTarget, base).value, hasNextPage: false };
    }
    case 'class': {
      const view = await loadClassView(ctx.store, target.iri, ctx.iri, page);
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
      const view = { description, constraints, labels, mimGraph: ggmNamespaces(ctx.iri.vocabBase).mimGraph };
      return { body: renderPropertyPage(view, pageTarget, base, target.types).value, hasNextPage: description.hasNextPage };
    }
    case 'codelist': {
      const d = await describe(ctx.store, target.iri, { page, conceptScheme: true });
      return { body: renderCodelistPage(d, pageTarget, base).value, hasNextPage: d.hasNextPage };
    }
    case 'resource': {
      const d = await describe(ctx.store, target.iri, { page });
      return { body: renderResourcePage(d, pageTarget, base, target.types).value, hasNextPage: d.hasNextPage };
    }
  }
}

export async function renderDocument(ctx: RenderContext, target: Target, format: Format, pageTarget: PageTarget): Promise<Rendered> {
  if (format.mediaType === 'text/html') return renderHtml(ctx, target, pageTarget);
  if (target.kind === 'graph') {
    return { body: await serialize(await describeGraph(ctx.store, target.iri), format, ctx.serializeOptions), hasNextPage: false };
  }
  const d = await describe(ctx.store, target.iri, { page: pageTarget.page, conceptScheme: target.kind === 'codelist' });
  return { body: await serialize(descriptionQuads(d), format, ctx.serializeOptions), hasNextPage: d.hasNextPage };
}
