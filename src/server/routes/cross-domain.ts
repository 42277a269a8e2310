/**
 * GET /cross-domain: the report with the data's usage, rendered once per store
 * version. Data from views/cross-domain-view.ts, HTML from pages/cross-domain-page.ts;
 * a root without the build's report has no such page (404).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express from 'express';
import { ggmNamespaces, type IriConfig } from '../../iri/index.js';
import type { SparqlStore } from '../../store/types.js';
import { sendCacheable } from '../http-headers.js';
import { renderCrossDomainPage, type LibraryQuestion } from '../pages/cross-domain-page.js';
import type { LinkContext } from '../pages/links.js';
import { demoUsage, domainsByName, readCrossDomainReport, type PublishedCrossDomainReport } from '../views/cross-domain-view.js';
import { loadModelTree } from '../views/model-tree.js';

const HTML_TYPE = 'text/html; charset=utf-8';

export interface CrossDomainRouterOptions {
  store: SparqlStore & { version?: string };
  iri: IriConfig;
  prefixes: Record<string, string>;
  /** Project root holding reports/cross-domain.json. */
  root: string;
  /** The report; read from the root when not given. */
  report?: PublishedCrossDomainReport;
  /** The library queries to link to. */
  queries?: LibraryQuestion[];
}

export function crossDomainRouter(options: CrossDomainRouterOptions): express.Router {
  const ctx: LinkContext = { iri: options.iri, prefixes: options.prefixes, labels: new Map() };
  const queries = options.queries ?? [];
  let report = options.report;
  let cached: { version: string; page: string } | undefined;
  const router = express.Router();
  router.get('/cross-domain', async (req, res, next) => {
    try {
      // A root without the build's cross-domain report has no such page (404).
      if (!report && !existsSync(join(options.root, 'reports', 'cross-domain.json'))) return next();
      report ??= readCrossDomainReport(options.root);
      const version = options.store.version;
      if (!cached || version === undefined || cached.version !== version) {
        const [usage, tree] = await Promise.all([
          demoUsage(options.store, report, ggmNamespaces(options.iri.vocabBase).ggm),
          loadModelTree(options.store),
        ]);
        const page = renderCrossDomainPage({ report, usage, queries, domains: domainsByName(tree) }, ctx).value;
        cached = version === undefined ? undefined : { version, page };
        if (!cached) return sendCacheable(req, res, page, HTML_TYPE);
      }
      sendCacheable(req, res, cached.page, HTML_TYPE);
    } catch (e) {
      next(e);
    }
  });
  return router;
}
