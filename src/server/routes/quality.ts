/**
 * GET /kwaliteit, /kwaliteit/domein/{slug}, /kwaliteit/regel/{slug}: the build's
 * quality report (reports/kwaliteitsrapport.json of the served root) as pages,
 * rendered by pages/quality-pages.ts; a root without the report has no such pages.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import express from 'express';
import { sendCacheable } from '../http-headers.js';
import {
  beleidsdomeinOf,
  renderQualityDomain,
  renderQualityOverview,
  renderQualityRule,
  slug,
  type PublishedQualityReport,
} from '../pages/quality-pages.js';

const HTML_TYPE = 'text/html; charset=utf-8';

export function qualityRouter(options: { root: string; report?: PublishedQualityReport }): express.Router {
  const file = join(options.root, 'reports', 'kwaliteitsrapport.json');
  let report = options.report;
  const load = () => (report ??= JSON.parse(readFileSync(file, 'utf8')) as PublishedQualityReport);
  const router = express.Router();
  const has = () => options.report !== undefined || existsSync(file);
  router.get('/kwaliteit', (req, res, next) => {
    if (!has()) return next();
    sendCacheable(req, res, renderQualityOverview(load()).value, HTML_TYPE);
  });
  router.get('/kwaliteit/domein/:slug', (req, res, next) => {
    if (!has()) return next();
    const r = load();
    const d = [...new Set(r.findings.map(beleidsdomeinOf))].find((x) => slug(x) === req.params.slug);
    if (!d) return next();
    sendCacheable(req, res, renderQualityDomain(r, d).value, HTML_TYPE);
  });
  router.get('/kwaliteit/regel/:slug', (req, res, next) => {
    if (!has()) return next();
    const r = load();
    const rule = [...new Set(r.findings.map((f) => f.rule))].find((x) => slug(x) === req.params.slug);
    if (!rule) return next();
    sendCacheable(req, res, renderQualityRule(r, rule).value, HTML_TYPE);
  });
  return router;
}
