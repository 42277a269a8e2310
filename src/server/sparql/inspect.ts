/**
 * Read a query or update before it reaches the store: parse it with sparqljs
 * (syntax errors with line and column), tell its form, and find every SERVICE
 * it would call, however deeply nested.
 */
import sparqljs from 'sparqljs';
import { QuerySyntaxError, type QueryForm } from '../../store/types.js';

export interface InspectedQuery {
  kind: 'query';
  form: QueryForm;
  /** SERVICE targets: IRIs, or '?var' for a variable service. */
  services: string[];
  /** The query names its own dataset (FROM / FROM NAMED). */
  hasDataset: boolean;
}

export interface InspectedUpdate {
  kind: 'update';
  services: string[];
  parsed: sparqljs.Update;
}

/** Parsers by base IRI (sparqljs resets its state on every parse, so one per base serves all requests). */
const parsers = new Map<string, sparqljs.SparqlParser>();

function parserFor(baseIri: string): sparqljs.SparqlParser {
  let parser = parsers.get(baseIri);
  if (!parser) {
    if (parsers.size >= 16) parsers.clear();
    parser = new sparqljs.Parser({ baseIRI: baseIri });
    parsers.set(baseIri, parser);
  }
  return parser;
}

function parse(text: string, baseIri: string): sparqljs.SparqlQuery {
  try {
    return parserFor(baseIri).parse(text);
  } catch (e) {
    const hash = (e as { hash?: { loc?: { first_line: number; first_column: number }; line?: number } }).hash;
    const message = (e as Error).message.replace(/^Parse error on line \d+:\n/, '');
    if (hash?.loc) throw new QuerySyntaxError(message, hash.loc.first_line, hash.loc.first_column + 1);
    throw new QuerySyntaxError(message);
  }
}

function services(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) {
    for (const n of node) services(n, found);
  } else if (node && typeof node === 'object') {
    const o = node as { type?: string; name?: { termType: string; value: string } };
    if (o.type === 'service' && o.name) found.push(o.name.termType === 'Variable' ? `?${o.name.value}` : o.name.value);
    for (const value of Object.values(node)) if (value && typeof value === 'object') services(value, found);
  }
  return found;
}

export function inspectQuery(text: string, baseIri: string): InspectedQuery {
  const parsed = parse(text, baseIri);
  if (parsed.type !== 'query') throw new QuerySyntaxError('this is an update, not a query: send it as update= or application/sparql-update');
  const from = (parsed as { from?: { default?: unknown[]; named?: unknown[] } }).from;
  return { kind: 'query', form: parsed.queryType, services: services(parsed), hasDataset: Boolean(from?.default?.length || from?.named?.length) };
}

export function inspectUpdate(text: string, baseIri: string): InspectedUpdate {
  const parsed = parse(text, baseIri);
  if (parsed.type !== 'update') throw new QuerySyntaxError('this is a query, not an update: send it as query= or application/sparql-query');
  return { kind: 'update', services: services(parsed), parsed };
}

/** SERVICE targets not allowed: an IRI whose host is not in the allowlist, or a variable. */
export function refusedServices(targets: string[], allowedHosts: string[]): string[] {
  return targets.filter((t) => {
    if (t.startsWith('?')) return true;
    try {
      return !allowedHosts.includes(new URL(t).host);
    } catch {
      return true;
    }
  });
}

/**
 * Apply the protocol's using-graph-uri / using-named-graph-uri to every
 * DELETE/INSERT operation; an operation with its own USING or WITH conflicts.
 */
export function withUsingGraphs(update: InspectedUpdate, usingGraphs: string[], usingNamedGraphs: string[]): string {
  const named = (value: string) => ({ termType: 'NamedNode', value }) as sparqljs.IriTerm;
  for (const op of update.parsed.updates) {
    if (!('updateType' in op) || op.updateType !== 'insertdelete') continue;
    if (op.using || op.graph)
      throw new QuerySyntaxError('the update has USING or WITH and the request has using-graph-uri / using-named-graph-uri: give the dataset one way');
    op.using = { default: usingGraphs.map(named), named: usingNamedGraphs.map(named) };
  }
  return new sparqljs.Generator().stringify(update.parsed);
}
