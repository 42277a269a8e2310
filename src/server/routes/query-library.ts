/**
 * Routes of the analyst query library: /queries, /queries/{name},
 * /queries/{name}/resultaat (HTML table) and /queries/{name}/resultaat.csv|.json.
 * Data from views/query-library-view.ts, HTML from pages/query-library-page.ts.
 */
import express, { type Request, type Response, type NextFunction } from 'express';
import { loadQueryLibrary, type LibraryQuery } from '../../data/queries/library.js';
import type { IriConfig } from '../../iri/index.js';
import type { SparqlStore } from '../../store/types.js';
import { sendCacheable } from '../http-headers.js';
import type { LinkContext } from '../pages/links.js';
import { renderQueryLibraryPage, renderQueryPage, renderQueryResultPage } from '../pages/query-library-page.js';
import { RESULT_TYPES, resultTable, runLibraryQuery } from '../views/query-library-view.js';

export interface QueryLibraryRouterOptions {
  store: SparqlStore;
  iri: IriConfig;
  prefixes: Record<string, string>;
  /** Project root holding queries/. */
  root: string;
  /** The library; read from {root}/queries when not given. */
  library?: LibraryQuery[];
}

export function queryLibraryRouter(options: QueryLibraryRouterOptions): express.Router {
  const library = options.library ?? loadQueryLibrary(options.root, options.iri.vocabBase);
  const byName = new Map(library.map((q) => [q.name, q]));
  const ctx: LinkContext = { iri: options.iri, prefixes: options.prefixes, labels: new Map() };
  const router = express.Router();
  const htmlType = 'text/html; charset=utf-8';

  router.get('/queries', (req, res) => sendCacheable(req, res, renderQueryLibraryPage(library).value, htmlType));
  router.get('/queries/:name', (req, res, next) => {
    const q = byName.get(req.params.name);
    if (!q) return next();
    sendCacheable(req, res, renderQueryPage(q, options.iri).value, htmlType);
  });
  router.get('/queries/:name/:answer', async (req: Request, res: Response, next: NextFunction) => {
    const q = byName.get(String(req.params.name));
    const m = /^resultaat(?:\.(csv|json))?$/.exec(String(req.params.answer));
    if (!q || !m) return next();
    try {
      const format = m[1] as keyof typeof RESULT_TYPES | undefined;
      const answer = await runLibraryQuery(options.store, q, format ? RESULT_TYPES[format] : RESULT_TYPES.json);
      if (format) sendCacheable(req, res, answer.body, `${RESULT_TYPES[format]}; charset=utf-8`);
      else sendCacheable(req, res, renderQueryResultPage(q, resultTable(answer.body), ctx).value, htmlType);
    } catch (e) {
      next(e);
    }
  });
  return router;
}
