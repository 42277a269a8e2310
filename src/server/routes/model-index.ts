/**
 * Routes of the two ways into the whole model: /domeinen (the model's tree),
 * /termen and /termen/{letter} (A–Z). Data from views/, HTML from
 * pages/model-index-pages.ts.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import type { IriConfig } from '../../iri/index.js';
import type { SparqlStore } from '../../store/types.js';
import { sendCacheable } from '../http-headers.js';
import type { LinkContext } from '../pages/links.js';
import { LETTERS, renderDomainTreePage, renderTermIndexPage, renderTermLetterPage } from '../pages/model-index-pages.js';
import { loadModelTree } from '../views/model-tree.js';
import type { SearchIndex } from '../views/search-index.js';
import { loadTermIndex } from '../views/term-index.js';

const HTML_TYPE = 'text/html; charset=utf-8';

export interface ModelIndexOptions {
  store: SparqlStore;
  iri: IriConfig;
  prefixes: Record<string, string>;
  search: SearchIndex;
}

export function modelIndexRouter(options: ModelIndexOptions): express.Router {
  const ctx: LinkContext = { iri: options.iri, prefixes: options.prefixes, labels: new Map() };
  const router = express.Router();
  const entries = () => loadTermIndex(options.store, options.search);
  router.get('/domeinen', async (req: Request, res: Response, next: NextFunction) => {
    try {
      const tree = await loadModelTree(options.store);
      sendCacheable(req, res, renderDomainTreePage(tree.roots, ctx).value, HTML_TYPE);
    } catch (e) {
      next(e);
    }
  });
  router.get('/termen', async (req: Request, res: Response, next: NextFunction) => {
    try {
      sendCacheable(req, res, renderTermIndexPage(await entries()).value, HTML_TYPE);
    } catch (e) {
      next(e);
    }
  });
  router.get('/termen/:letter', async (req: Request, res: Response, next: NextFunction) => {
    const letter = String(req.params.letter);
    if (!(LETTERS as readonly string[]).includes(letter)) return next();
    try {
      sendCacheable(req, res, renderTermLetterPage(letter, await entries(), ctx).value, HTML_TYPE);
    } catch (e) {
      next(e);
    }
  });
  return router;
}
