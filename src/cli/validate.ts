/**
 * `ggm validate`: SHACL-validate RDF files (or a graph of a running SPARQL
 * endpoint) against the GGM shapes, under the configured vocabulary base.
 * Groups the triples by subject (in memory or in disk partitions) and
 * validates per batch of subjects, so the report is the same for any order of
 * the triples and memory stays bounded; exits non-zero when there are
 * violations.
 */
import N3 from 'n3';
import type { Quad } from '@rdfjs/types';
import { iriConfig } from '../iri/index.js';
import {
  collectTypes,
  loadGgmShapes,
  rdfFileQuads,
  termText,
  validateInBatches,
  writeReportFile,
  type ValidationResult,
} from '../data/validate/index.js';
import { sparqlGraph } from '../store/sparql-text.js';
import { COMMANDS, VALIDATE } from './commands.js';
import { helpText, resolveCommand, type ResolvedCommand } from './options.js';
import { Progress, ui } from './ui.js';

/** A graph of a SPARQL endpoint, as N-Triples, through a CONSTRUCT query. */
async function endpointQuads(endpoint: string, graph: string): Promise<Quad[]> {
  const query = `CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ${sparqlGraph(graph)} { ?s ?p ?o } }`;
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/sparql-query', accept: 'application/n-triples' },
    body: query,
  });
  if (!res.ok) throw new Error(`${endpoint}: HTTP ${res.status} ${(await res.text()).slice(0, 300)}`);
  return new N3.Parser({ format: 'application/n-triples' }).parse(await res.text());
}

/** One tab-separated line per result: focus node, path, value, constraint, message. */
export function resultRow(r: ValidationResult & { pathText?: string }): string {
  return `${termText(r.focusNode)}\t${r.pathText ?? (r.path ? termText(r.path) : '')}\t${r.value ? termText(r.value) : ''}\t${r.constraint.value.replace('http://www.w3.org/ns/shacl#', 'sh:')}\t${r.message ?? ''}\n`;
}

/** `ggm validate …` with these arguments (tests call it directly). */
export const validateCommand = async (argv: string[], env: NodeJS.ProcessEnv = process.env) =>
  run(resolveCommand(VALIDATE, argv, env, COMMANDS));

export async function run({ values, positionals }: ResolvedCommand<typeof VALIDATE.options>): Promise<void> {
  if (positionals.length === 0 && !values.endpoint) throw new Error(`nothing to validate\n\n${helpText(VALIDATE)}`);
  if (values.endpoint && !values.graph) throw new Error('--endpoint needs --graph <iri>');
  const progress = new Progress(values.quiet);
  progress.step('reading shapes');
  // sh:class follows rdfs:subClassOf in the data graph: every batch gets the class hierarchy.
  const { shapes, hierarchy } = await loadGgmShapes(values.root, {
    shapesFile: values.shapes,
    iri: iriConfig({ vocabBase: values.vocabBase }),
  });
  progress.done('shapes', `${shapes.length} triples`);

  const sources = values.endpoint ? [`${values.endpoint} <${values.graph}>`] : positionals;
  const maxResults = values.maxResults;
  let violations = 0;
  let triples = 0;
  const reportQuads: Quad[] = [];
  for (const source of sources) {
    progress.step(`validating ${source}`);
    const quads = values.endpoint ? await endpointQuads(values.endpoint, values.graph!) : undefined;
    const typeIndex = await collectTypes(quads ?? rdfFileQuads(source));
    const outcome = await validateInBatches(quads ?? rdfFileQuads(source), shapes, { typeIndex, sharedQuads: hierarchy, maxResults });
    triples += outcome.triples;
    violations += outcome.resultCount;
    reportQuads.push(...outcome.report);
    progress.done(
      `validated ${source}`,
      `${outcome.triples} triples in ${outcome.batches} batches, ${outcome.resultCount} results${outcome.truncated ? ` (first ${maxResults} kept)` : ''}`,
    );
    for (const r of outcome.results.slice(0, 50)) ui.out(resultRow(r));
    if (outcome.results.length > 50) ui.out(`… and ${outcome.resultCount - 50} more (use --report)\n`);
  }
  if (values.report) await writeReportFile({ report: reportQuads }, values.report);
  progress.summary([`${triples} triples validated: ${violations === 0 ? 'conforms' : `${violations} results (does not conform)`}`]);
  if (violations > 0) process.exitCode = 1;
}
