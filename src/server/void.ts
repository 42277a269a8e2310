/**
 * /.well-known/void: a VoID description of the dataset, made from the store's
 * named graphs (one void:subset per graph with its triple count), served in
 * every RDF format (Turtle for browsers).
 */
import type { Request, RequestHandler, Response, NextFunction } from 'express';
import { DataFactory, type Quad } from 'n3';
import { NS, ggmNamespaces, type IriConfig } from '../iri/index.js';
import type { GraphInfo } from '../store/types.js';
import { FORMATS, formatByName } from './formats.js';
import { CACHE_CONTROL, notModified, strongEtag } from './http-headers.js';
import { negotiate } from './negotiate.js';
import { serialize, type SerializeOptions } from './serialize.js';
import type { VersionedStore } from './versioned-store.js';

const { namedNode, literal, quad } = DataFactory;
const RDF_FORMATS = FORMATS.filter((f) => f.mediaType !== 'text/html');

export function buildVoid(graphs: GraphInfo[], config: IriConfig): Quad[] {
  const ns = ggmNamespaces(config.vocabBase);
  const dataset = namedNode(`${config.vocabBase}def/ggm/dataset`);
  const a = namedNode(`${NS.rdf}type`);
  const v = (l: string) => namedNode(`${NS.void}${l}`);
  const xsdInteger = namedNode(`${NS.xsd}integer`);
  const out: Quad[] = [
    quad(dataset, a, v('Dataset')),
    quad(dataset, namedNode(`${NS.dcterms}title`), literal('Gemeentelijk Gegevensmodel (GGM) als linked data', 'nl')),
    quad(dataset, namedNode(`${NS.dcterms}source`), namedNode('https://github.com/Gemeente-Delft/Gemeentelijk-Gegevensmodel')),
    quad(dataset, namedNode(`${NS.dcterms}license`), namedNode('https://spdx.org/licenses/EUPL-1.2')),
    quad(dataset, v('sparqlEndpoint'), namedNode(`${config.vocabBase}sparql`)),
    quad(dataset, v('uriSpace'), literal(`${config.vocabBase}def/`)),
    quad(dataset, v('vocabulary'), namedNode(ns.ggm)),
    quad(dataset, v('triples'), literal(String(graphs.reduce((n, g) => n + g.triples, 0)), xsdInteger)),
  ];
  for (const g of graphs) {
    const subset = namedNode(g.iri);
    out.push(
      quad(dataset, v('subset'), subset),
      quad(subset, a, v('Dataset')),
      quad(subset, v('triples'), literal(String(g.triples), xsdInteger)),
    );
  }
  return out;
}

export function voidHandler(ctx: { store: VersionedStore; iri: IriConfig; serializeOptions: SerializeOptions }): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const named = typeof req.query.format === 'string' ? formatByName(req.query.format) : undefined;
      const negotiated = negotiate(req.get('accept'), [RDF_FORMATS[0]!, ...FORMATS]);
      const format =
        named && named.mediaType !== 'text/html'
          ? named
          : negotiated && negotiated.mediaType !== 'text/html'
            ? negotiated
            : RDF_FORMATS[0]!;
      const body = await serialize(buildVoid(await ctx.store.graphs(), ctx.iri), format, ctx.serializeOptions);
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
