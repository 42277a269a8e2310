/**
 * /.well-known/void: a VoID description of the dataset, made from the store's
 * named graphs (one void:subset per graph with its triple count), served in
 * every RDF format (Turtle when the client has no preference) and as a page
 * for browsers (HTML when asked for, by Accept or ?format=html).
 */
import type { Request, RequestHandler, Response, NextFunction } from 'express';
import { DataFactory, type Quad } from 'n3';
import { NS, ggmNamespaces, type IriConfig } from '../iri/index.js';
import type { GraphInfo } from '../store/types.js';
import { FORMATS, RDF_FORMATS, formatByName } from './formats.js';
import { Offers } from './negotiate.js';
import { CACHE_CONTROL, notModified, strongEtag } from './http-headers.js';
import { serialize, type SerializeOptions } from './serialize.js';
import type { VersionedStore } from './versioned-store.js';
import { renderVoidPage, type VoidFacts } from './pages/void-page.js';
import { ontologyPublisher } from './document-metadata.js';

const { namedNode, literal, quad } = DataFactory;

/** Turtle when the client has no preference, the page when it prefers HTML. */
const VOID_OFFERS = new Offers([RDF_FORMATS[0]!, ...FORMATS]);

/** What VoID says about the dataset as a whole. */
export function voidFacts(config: IriConfig): VoidFacts {
  return {
    title: 'Gemeentelijk Gegevensmodel (GGM) als linked data',
    source: 'https://github.com/Gemeente-Delft/Gemeentelijk-Gegevensmodel',
    license: 'https://spdx.org/licenses/EUPL-1.2',
    sparqlEndpoint: `${config.vocabBase}sparql`,
    uriSpace: `${config.vocabBase}def/`,
    vocabulary: ggmNamespaces(config.vocabBase).ggm,
  };
}

export function buildVoid(graphs: GraphInfo[], config: IriConfig, about: { changedAt?: Date; publisher?: string } = {}): Quad[] {
  const facts = voidFacts(config);
  const dataset = namedNode(`${config.vocabBase}def/ggm/dataset`);
  const description = namedNode(`${config.vocabBase}.well-known/void`);
  const a = namedNode(`${NS.rdf}type`);
  const v = (l: string) => namedNode(`${NS.void}${l}`);
  const xsdInteger = namedNode(`${NS.xsd}integer`);
  const out: Quad[] = [
    quad(dataset, a, v('Dataset')),
    quad(dataset, namedNode(`${NS.dcterms}title`), literal(facts.title, 'nl')),
    quad(dataset, namedNode(`${NS.dcterms}source`), namedNode(facts.source)),
    quad(dataset, namedNode(`${NS.dcterms}license`), namedNode(facts.license)),
    quad(dataset, v('sparqlEndpoint'), namedNode(facts.sparqlEndpoint)),
    quad(dataset, v('uriSpace'), literal(facts.uriSpace)),
    quad(dataset, v('vocabulary'), namedNode(facts.vocabulary)),
    quad(dataset, v('triples'), literal(String(graphs.reduce((n, g) => n + g.triples, 0)), xsdInteger)),
  ];
  // The description describes itself (what it is about, licence, when), and the dataset its publisher and dumps.
  out.push(
    quad(description, a, v('DatasetDescription')),
    quad(description, namedNode(`${NS.dcterms}title`), literal(`VoID-beschrijving: ${facts.title}`, 'nl')),
    quad(description, namedNode(`${NS.foaf}primaryTopic`), dataset),
    quad(description, namedNode(`${NS.dcterms}license`), namedNode(facts.license)),
  );
  if (about.changedAt) {
    const modified = literal(about.changedAt.toISOString().replace(/\.\d{3}Z$/, 'Z'), namedNode(`${NS.xsd}dateTime`));
    out.push(quad(description, namedNode(`${NS.dcterms}modified`), modified), quad(dataset, namedNode(`${NS.dcterms}modified`), modified));
  }
  if (about.publisher) out.push(quad(dataset, namedNode(`${NS.dcterms}publisher`), namedNode(about.publisher)));
  for (const g of graphs) {
    const subset = namedNode(g.iri);
    out.push(
      quad(dataset, v('subset'), subset),
      quad(subset, a, v('Dataset')),
      quad(subset, v('triples'), literal(String(g.triples), xsdInteger)),
      quad(subset, v('dataDump'), namedNode(`${g.iri}.ttl`)),
      quad(subset, v('dataDump'), namedNode(`${g.iri}.nq`)),
    );
  }
  return out;
}

export function voidHandler(ctx: {
  store: VersionedStore;
  iri: IriConfig;
  serializeOptions: SerializeOptions;
  prefixes: Record<string, string>;
}): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const named = typeof req.query.format === 'string' ? formatByName(req.query.format) : undefined;
      const format = named ?? VOID_OFFERS.choose(req.get('accept')) ?? RDF_FORMATS[0]!;
      const graphs = await ctx.store.graphs();
      const body =
        format.mediaType === 'text/html'
          ? renderVoidPage(voidFacts(ctx.iri), graphs, { iri: ctx.iri, prefixes: ctx.prefixes, labels: new Map() }).value
          : await serialize(
              buildVoid(graphs, ctx.iri, { changedAt: ctx.store.changedAt, publisher: await ontologyPublisher(ctx.store, ctx.iri) }),
              format,
              ctx.serializeOptions,
            );
      const etag = strongEtag(body);
      res.setHeader('Content-Type', format.contentType);
      res.setHeader('ETag', etag);
      res.setHeader('Vary', 'Accept');
      res.setHeader('Cache-Control', CACHE_CONTROL);
      if (notModified(req, etag)) return void res.status(304).end();
      res.send(body);
    } catch (e) {
      next(e);
    }
  };
}
