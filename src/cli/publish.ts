/**
 * `ggm publish`: the safe way to put a data set on a running service or store.
 *  1. SHACL-validate the file against the GGM shapes (per batch of focus nodes);
 *     any violation → nothing is published, the report names focus node, path,
 *     value and constraint, exit 1.
 *  2. Replace the named graph atomically (Graph Store Protocol PUT, or a
 *     temporary graph moved over the target in one update), so a failed or
 *     interrupted publication leaves the previous data serving.
 */
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../source/index.js';
import { collectTypes, loadGgmShapes, rdfFileQuads, rdfSyntaxOf, validateInBatches } from '../data/validate/index.js';
import { RemoteStore } from '../store/remote.js';
import type { RdfMediaType } from '../store/types.js';
import { Progress } from './progress.js';
import { resultRow } from './validate.js';

export const PUBLISH_HELP = `ggm publish <file> --graph <iri> --to <sparql-endpoint> [--update-url <url>] [--graph-store-url <url>] [--shapes <file>]
  credential for the endpoint: GGM_PUBLISH_TOKEN (bearer) or GGM_PUBLISH_USER / GGM_PUBLISH_PASSWORD
  e.g. ggm publish import.nt --graph https://data.gemeente.nl/graph/zaken --to http://localhost:3000/sparql`;

const MEDIA_TYPES: Record<string, RdfMediaType> = {
  turtle: 'text/turtle',
  ntriples: 'application/n-triples',
  nquads: 'application/n-quads',
  trig: 'application/trig',
  jsonld: 'application/ld+json',
  rdfxml: 'application/rdf+xml',
};

export async function publish(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      graph: { type: 'string' },
      to: { type: 'string' },
      'update-url': { type: 'string' },
      'graph-store-url': { type: 'string' },
      shapes: { type: 'string' },
      quiet: { type: 'boolean', default: false },
    },
  });
  const file = positionals[0];
  if (!file || !values.graph || !values.to) throw new Error(`publish needs a file, --graph and --to\n\n${PUBLISH_HELP}`);
  const mediaType = MEDIA_TYPES[rdfSyntaxOf(file)];
  if (!mediaType) throw new Error(`${file}: cannot publish this syntax`);
  const progress = new Progress(values.quiet);

  progress.step('validating');
  const { shapes, hierarchy } = await loadGgmShapes(PROJECT_ROOT, values.shapes ? path.resolve(values.shapes) : undefined);
  const outcome = await validateInBatches(rdfFileQuads(file), shapes, {
    typeIndex: await collectTypes(rdfFileQuads(file)),
    sharedQuads: hierarchy,
  });
  progress.done('validated', `${outcome.triples} triples, ${outcome.resultCount} results`);
  if (outcome.resultCount > 0) {
    for (const r of outcome.results.slice(0, 50)) process.stdout.write(resultRow(r));
    process.exitCode = 1;
    progress.summary([`not published: ${outcome.resultCount} SHACL results in ${file}; <${values.graph}> is unchanged`]);
    return;
  }

  const credential = process.env.GGM_PUBLISH_TOKEN
    ? { bearer: process.env.GGM_PUBLISH_TOKEN }
    : process.env.GGM_PUBLISH_USER
      ? { username: process.env.GGM_PUBLISH_USER, password: process.env.GGM_PUBLISH_PASSWORD ?? '' }
      : undefined;
  const store = new RemoteStore({
    queryUrl: values.to,
    updateUrl: values['update-url'],
    graphStoreUrl: values['graph-store-url'],
    credential,
  });
  try {
    progress.step(`publishing <${values.graph}>`);
    const n = await store.replaceGraph(values.graph, await readFile(file, 'utf8'), mediaType);
    progress.done('published', `${n} triples in <${values.graph}>`);
  } finally {
    await store.close();
  }
}
