/**
 * `ggm publish`: the safe way to put a data set on a running service or store.
 *  0. Personal data (ontology/persoonsgegevens.ttl) goes only into a restricted graph: a
 *     `…/persoonsgegevens` graph, or one the target's access policy (--access) restricts;
 *     otherwise nothing is published and the error names the graph and the first such triple.
 *  1. SHACL-validate the file against the GGM shapes (per batch of focus nodes);
 *     any violation → nothing is published, the report names focus node, path,
 *     value and constraint, exit 1.
 *  2. Replace the named graph atomically (Graph Store Protocol PUT, or a
 *     temporary graph moved over the target in one update), so a failed or
 *     interrupted publication leaves the previous data serving.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ggmNamespaces, iriConfig, rebase, type IriConfig } from '../iri/index.js';
import { firstPersonalTriple, isPersonalGraph, personalClassesOfOntology, personalGraphOf } from '../data/personal-placement.js';
import { isPublic, loadAccessPolicy } from '../server/access/policy.js';
import { collectTypes, loadGgmShapes, rdfFileQuads, rdfSyntaxOf, validateInBatches } from '../data/validate/index.js';
import { RemoteStore } from '../store/remote.js';
import type { RdfMediaType } from '../store/types.js';
import { COMMANDS, PUBLISH } from './commands.js';
import { helpText, resolveCommand, type ResolvedCommand } from './options.js';
import { Progress, ui } from './ui.js';
import { resultRow } from './validate.js';

const MEDIA_TYPES: Record<string, RdfMediaType> = {
  turtle: 'text/turtle',
  ntriples: 'application/n-triples',
  nquads: 'application/n-quads',
  trig: 'application/trig',
  jsonld: 'application/ld+json',
  rdfxml: 'application/rdf+xml',
};

/** `ggm publish …` with these arguments (tests call it directly). */
export const publish = async (argv: string[], env: NodeJS.ProcessEnv = process.env) => run(resolveCommand(PUBLISH, argv, env, COMMANDS));

export async function run({ values, positionals }: ResolvedCommand<typeof PUBLISH.options>): Promise<void> {
  const file = positionals[0];
  if (!file || !values.graph || !values.to) throw new Error(`publish needs a file, --graph and --to\n\n${helpText(PUBLISH)}`);
  const mediaType = MEDIA_TYPES[rdfSyntaxOf(file)];
  if (!mediaType) throw new Error(`${file}: cannot publish this syntax`);
  const progress = new Progress(values.quiet);

  progress.step('checking personal data');
  await refusePersonalDataInPublicGraph(file, values.graph, values.root, iriConfig({ vocabBase: values.vocabBase }), values.access);
  progress.done('personal data', isPersonalGraph(values.graph) ? 'restricted graph' : 'none in a public graph');

  progress.step('validating');
  const { shapes, hierarchy } = await loadGgmShapes(values.root, {
    shapesFile: values.shapes,
    iri: iriConfig({ vocabBase: values.vocabBase }),
  });
  const outcome = await validateInBatches(rdfFileQuads(file), shapes, {
    typeIndex: await collectTypes(rdfFileQuads(file)),
    sharedQuads: hierarchy,
  });
  progress.done('validated', `${outcome.triples} triples, ${outcome.resultCount} results`);
  if (outcome.resultCount > 0) {
    for (const r of outcome.results.slice(0, 50)) ui.out(resultRow(r));
    process.exitCode = 1;
    progress.summary([`not published: ${outcome.resultCount} SHACL results in ${file}; <${values.graph}> is unchanged`]);
    return;
  }

  const credential = values.token
    ? { bearer: values.token }
    : values.user
      ? { username: values.user, password: values.password ?? '' }
      : undefined;
  const store = new RemoteStore({
    queryUrl: values.to,
    updateUrl: values.updateUrl,
    graphStoreUrl: values.graphStoreUrl,
    credential,
  });
  try {
    progress.step(`publishing <${values.graph}>`);
    const chunkBytes = values.chunkBytes ?? (values.graphStoreUrl ? 4 * 1024 * 1024 : 192 * 1024);
    const n = await store.publishGraph(values.graph, rdfFileQuads(file), {
      chunkBytes,
      onProgress: (sent) => progress.tick(`publishing <${values.graph}>`, sent.triples, `triples (${sent.chunks} requests)`),
    });
    progress.done('published', `${n} triples in <${values.graph}>`);
  } finally {
    await store.close();
  }
}

/** Throws, naming the graph and the triple, when a data set would put personal data into a public graph. */
async function refusePersonalDataInPublicGraph(
  file: string,
  graph: string,
  root: string,
  config: IriConfig,
  access?: string,
): Promise<void> {
  const policy = access ? loadAccessPolicy(access) : undefined;
  if (isPersonalGraph(graph) || (policy && !isPublic(policy, graph))) return;
  const ontology = path.join(root, 'ontology', 'persoonsgegevens.ttl');
  const text = await readFile(ontology, 'utf8').catch((e: Error) => {
    throw new Error(`${ontology}: cannot tell personal data without it (ggm build writes it): ${e.message}`);
  });
  const ns = ggmNamespaces(config.vocabBase).ggm;
  const found = await firstPersonalTriple(() => rdfFileQuads(file), personalClassesOfOntology(rebase(text, config), ns), ns);
  if (found)
    throw new Error(
      `${file}: not published: <${graph}> is public${policy ? ` under ${policy.file}` : ' (no --access policy restricts it)'} and would hold personal data: ${found.triple} (${found.why}). Personal data goes into a restricted graph: <${personalGraphOf(graph)}> or one the access policy restricts (ggm import separates it); <${graph}> is unchanged`,
    );
}
