/**
 * `ggm validate`: SHACL-validate RDF files (or a graph of a running SPARQL
 * endpoint) against the GGM shapes. Validates per batch of focus nodes so
 * memory stays bounded; exits non-zero when there are violations.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import N3 from 'n3';
import type { Quad } from '@rdfjs/types';
import { PROJECT_ROOT } from '../source/index.js';
import {
  collectTypes,
  loadGgmShapes,
  rdfFileQuads,
  termText,
  validateInBatches,
  writeReportFile,
  type ValidationResult,
} from '../data/validate/index.js';
import { Progress } from './progress.js';

export const VALIDATE_HELP = `ggm validate <file …> [--shapes <file>] [--endpoint <sparql-url> --graph <iri>] [--report <file.ttl>] [--max-results n]
  files: Turtle, N-Triples, N-Quads, TriG, JSON-LD or RDF/XML (by extension)
  --shapes      shapes graph (default shapes/ggm-shapes.ttl); the ontology's subclass axioms are added
  --endpoint    validate a named graph of a running SPARQL endpoint instead of files
  --report      also write the sh:ValidationReport as Turtle
  exit code: 0 conforms, 1 violations or error`;

/** A graph of a SPARQL endpoint, as N-Triples, through a CONSTRUCT query. */
async function endpointQuads(endpoint: string, graph: string): Promise<Quad[]> {
  const query = `CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <${graph.replace(/[<>"{}|^`\\\s]/g, '')}> { ?s ?p ?o } }`;
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

export async function validateCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      shapes: { type: 'string' },
      endpoint: { type: 'string' },
      graph: { type: 'string' },
      report: { type: 'string' },
      'max-results': { type: 'string' },
      quiet: { type: 'boolean', default: false },
    },
  });
  if (positionals.length === 0 && !values.endpoint) throw new Error(`nothing to validate\n\n${VALIDATE_HELP}`);
  if (values.endpoint && !values.graph) throw new Error('--endpoint needs --graph <iri>');
  const progress = new Progress(values.quiet);
  progress.step('reading shapes');
  // sh:class follows rdfs:subClassOf in the data graph: every batch gets the class hierarchy.
  const { shapes, hierarchy } = await loadGgmShapes(PROJECT_ROOT, values.shapes ? path.resolve(values.shapes) : undefined);
  progress.done('shapes', `${shapes.length} triples`);

  const sources = values.endpoint ? [`${values.endpoint} <${values.graph}>`] : positionals.map((f) => path.resolve(f));
  const maxResults = Number(values['max-results'] ?? 10000);
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
    for (const r of outcome.results.slice(0, 50)) process.stdout.write(resultRow(r));
    if (outcome.results.length > 50) process.stdout.write(`… and ${outcome.resultCount - 50} more (use --report)\n`);
  }
  if (values.report) await writeReportFile({ report: reportQuads }, values.report);
  progress.summary([`${triples} triples validated: ${violations === 0 ? 'conforms' : `${violations} results (does not conform)`}`]);
  if (violations > 0) process.exitCode = 1;
}
