/**
 * The data behind /cross-domain: the build's report (reports/cross-domain.json),
 * how often the published data use each cross-domain property and subclass,
 * and the model's domains by name (pages/cross-domain-page.ts renders them).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CrossDomainReport, DomainOverview } from '../../generate/cross-domain.js';
import { isIriRef, sparqlIri } from '../../store/sparql-text.js';
import type { SparqlStore } from '../../store/types.js';
import { LIBRARY_RESULT_CAP } from './query-library-view.js';
import { PAGE_QUERY_TIMEOUT_MS } from '../store-query.js';
import { subtree, type ModelTree } from './model-tree.js';

/** The report as published: the links sit inside the pairs; overviews at both levels. */
export type PublishedCrossDomainReport = Omit<CrossDomainReport, 'links'> & {
  overview: { beleidsdomein: DomainOverview; domein: DomainOverview };
};

export function readCrossDomainReport(root: string): PublishedCrossDomainReport {
  return JSON.parse(readFileSync(join(root, 'reports', 'cross-domain.json'), 'utf8')) as PublishedCrossDomainReport;
}

/** How often the demo data use each property, and how many instances each class has. */
export interface DemoUsage {
  properties: Map<string, number>;
  classes: Map<string, number>;
}

/** The queries that count how often the data use the given properties, and how many instances the given classes have. */
export function usageQueries(properties: string[], classes: string[]): { properties: string; classes: string } {
  const values = (iris: string[]) => iris.map((i) => sparqlIri(i)).join(' ');
  return {
    properties: `SELECT ?p (COUNT(*) AS ?n) WHERE { VALUES ?p { ${values(properties)} } ?s ?p ?o } GROUP BY ?p`,
    classes: `SELECT ?c (COUNT(DISTINCT ?x) AS ?n) WHERE { VALUES ?c { ${values(classes)} } ?x a ?c } GROUP BY ?c`,
  };
}

/** Usage in the store of every property and subclass that links two domains in the report. */
export async function demoUsage(store: SparqlStore, report: PublishedCrossDomainReport, ns: string): Promise<DemoUsage> {
  const links = report.pairs.flatMap((p) => p.links);
  // A name that makes no valid IRI cannot be in the store: it counts 0 without asking.
  const properties = [...new Set(links.filter((l) => l.property).map((l) => `${ns}${l.property}`))].filter(isIriRef);
  const classes = [...new Set(links.filter((l) => l.kind === 'generalisatie').map((l) => `${ns}${l.fromClass}`))].filter(isIriRef);
  const queries = usageQueries(properties, classes);
  const graphs = (await store.graphs()).map((g) => g.iri);
  const count = async (iris: string[], sparql: string, key: string) => {
    if (iris.length === 0) return new Map<string, number>();
    // Over every readable graph, as the library's queries run (their result cap too).
    const answer = await store.query(sparql, {
      mediaType: 'application/sparql-results+json',
      defaultGraphs: graphs,
      namedGraphs: graphs,
      timeoutMs: PAGE_QUERY_TIMEOUT_MS,
      resultCap: LIBRARY_RESULT_CAP,
    });
    const rows = (JSON.parse(answer.body) as { results: { bindings: Record<string, { type: string; value: string }>[] } }).results.bindings;
    return new Map(rows.filter((r) => r[key]?.type === 'uri').map((r) => [r[key]!.value, Number(r.n?.value ?? 0)]));
  };
  return { properties: await count(properties, queries.properties, 'p'), classes: await count(classes, queries.classes, 'c') };
}

/** Domains by their name (the report names domains as the model's packages do). */
export type DomainsByName = Map<string, { iri: string; top?: string }>;

/** The domains of the model's tree by name; a name two domains share is left out (shown as text). */
export function domainsByName(tree: ModelTree): DomainsByName {
  const out: DomainsByName = new Map();
  const shared = new Set<string>();
  for (const r of tree.roots)
    for (const d of subtree(r)) {
      if (out.has(d.label)) shared.add(d.label);
      out.set(d.label, { iri: d.iri, top: d === r ? undefined : r.label });
    }
  for (const n of shared) out.delete(n);
  return out;
}
