/**
 * Read a query or update before it reaches the store: parse it with sparqljs
 * (syntax errors with line and column), tell its form, find every SERVICE
 * it would call, however deeply nested, and tell whether it is heavy: a
 * cartesian product of patterns that share no variable, an unbounded property
 * path between two variables, or no LIMIT over a scan of every triple.
 */
import sparqljs from 'sparqljs';
import { QuerySyntaxError, type QueryForm } from '../../store/types.js';
import { algebraProblem } from './algebra-limits.js';
import { GgmError } from '../../core/errors.js';

export interface InspectedQuery {
  kind: 'query';
  form: QueryForm;
  /** SERVICE targets: IRIs, or '?var' for a variable service. */
  services: string[];
  /** The query names its own dataset (FROM / FROM NAMED). */
  hasDataset: boolean;
  /** Why the query is heavy (it runs in the store's heavy lane); undefined for a light query. */
  heavy?: string;
  /** Every part is anchored (a fixed subject, a fixed object, VALUES …): few solutions whatever the data, cheap by shape. */
  anchored: boolean;
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

/** 400 naming the algebra limit the parsed text goes past (before anything else walks it: see algebra-limits.ts). */
function checkAlgebra(parsed: object): void {
  const problem = algebraProblem(parsed);
  if (problem) throw new GgmError(400, 'query-too-complex', problem);
}

export function inspectQuery(text: string, baseIri: string): InspectedQuery {
  const parsed = parse(text, baseIri);
  // An empty text (or only a prologue) parses as an empty update.
  if ((parsed as { type?: string }).type === undefined || (parsed.type === 'update' && parsed.updates.length === 0))
    throw new GgmError(400, 'empty-query', 'empty query: the request holds no SELECT, ASK, CONSTRUCT or DESCRIBE');
  if (parsed.type !== 'query')
    throw new QuerySyntaxError('this is an update, not a query: send it as update= or application/sparql-update');
  checkAlgebra(parsed);
  const from = (parsed as { from?: { default?: unknown[]; named?: unknown[] } }).from;
  return {
    kind: 'query',
    form: parsed.queryType,
    services: services(parsed),
    hasDataset: Boolean(from?.default?.length || from?.named?.length),
    heavy: heavyReason(parsed),
    anchored: isAnchored(parsed),
  };
}

const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';

type Node = { type?: string; termType?: string; value?: string; [key: string]: unknown };

/** A variable, or a blank node (which matches anything in a query pattern). */
const open = (t: Node) => t.termType === 'Variable' || t.termType === 'BlankNode';

function variables(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const n of node) variables(n, found);
  else if (node && typeof node === 'object') {
    const n = node as Node;
    if (open(n)) found.add(`${n.termType}:${n.value}`);
    for (const value of Object.values(n)) if (value && typeof value === 'object') variables(value, found);
  }
  return found;
}

const GEOF = 'http://www.opengis.net/def/function/geosparql/';
/** The geof: function calls in an expression. */
function geofCalls(node: unknown, found: Node[] = []): Node[] {
  if (Array.isArray(node)) for (const n of node) geofCalls(n, found);
  else if (node && typeof node === 'object') {
    const n = node as Node;
    if (n.type === 'functionCall' && String((n.function as Node | undefined)?.value).startsWith(GEOF)) found.push(n);
    else for (const value of Object.values(n)) if (value && typeof value === 'object') geofCalls(value, found);
  }
  return found;
}

function unboundedPath(predicate: Node): boolean {
  return (
    predicate.type === 'path' &&
    (predicate.pathType === '*' || predicate.pathType === '+' || (predicate.items as Node[]).some(unboundedPath))
  );
}

function aggregated(query: Node): boolean {
  const has = (node: unknown): boolean =>
    Array.isArray(node)
      ? node.some(has)
      : !!node && typeof node === 'object' && ((node as Node).type === 'aggregate' || Object.values(node).some(has));
  return query.group !== undefined || has(query.variables) || has(query.having);
}

/** Parts of a group that are joined: a triple pattern, BIND / VALUES, or a nested group (OPTIONAL, UNION, GRAPH, subquery …). */
interface Part {
  variables: Set<string>;
  /** Few solutions: a triple pattern with a fixed subject, or a fixed object of a property other than rdf:type; BIND, VALUES, a subquery with LIMIT. */
  anchored: boolean;
  /** A triple pattern ?s ?p ?o (or a group with one standing alone outside GRAPH <iri>). */
  scan: boolean;
}

type Weight = { heavy: string } | { anchored: boolean; scan: boolean };

/** A reason the group is heavy; else whether all its parts are anchored, and whether it scans every triple. */
function groupWeight(patterns: Node[]): Weight {
  const parts: Part[] = [];
  for (const p of patterns) {
    if (p.type === 'bgp') {
      for (const t of p.triples as Node[]) {
        const [subject, predicate, object] = [t.subject as Node, t.predicate as Node, t.object as Node];
        if (unboundedPath(predicate) && open(subject) && open(object))
          return { heavy: 'an unbounded property path (* or +) between two variables' };
        const fixedObject = !open(object) && predicate.termType === 'NamedNode' && predicate.value !== RDF_TYPE;
        parts.push({
          variables: variables(t),
          anchored: !open(subject) || fixedObject,
          scan: open(subject) && open(predicate) && open(object),
        });
      }
    } else if (p.type === 'bind' || p.type === 'values') {
      parts.push({ variables: variables(p), anchored: true, scan: false });
    } else if (p.type === 'query') {
      const inner = queryWeight(p);
      if (inner) return { heavy: inner };
      const projected = (p.variables as Node[]).some((v) => v.termType === 'Wildcard' || Object.keys(v).length === 0)
        ? variables(p.where)
        : variables(p.variables);
      parts.push({ variables: projected, anchored: p.limit !== undefined || aggregated(p), scan: false });
    } else if (p.type === 'group' || p.type === 'optional' || p.type === 'union' || p.type === 'graph' || p.type === 'minus') {
      const branches =
        p.type === 'union'
          ? (p.patterns as Node[]).map((b) => (b.type === 'group' ? (b.patterns as Node[]) : [b]))
          : [p.patterns as Node[]];
      let [anchored, scan] = [true, false];
      for (const branch of branches) {
        const weight = groupWeight(branch);
        if ('heavy' in weight) return weight;
        anchored &&= weight.anchored;
        scan ||= weight.scan && !(p.type === 'graph' && (p.name as Node).termType === 'NamedNode');
      }
      if (p.type !== 'minus') parts.push({ variables: variables(p), anchored, scan }); // MINUS without shared variables removes nothing
    } else if (p.type === 'filter') {
      // A GeoSPARQL relation or distance joins its geometries: the store border turns it into VALUES of the pairs
      // that pass (src/store/spatial.ts), found through a spatial index, not by multiplying both sides.
      const spatial = geofCalls(p.expression);
      if (spatial.length) parts.push({ variables: variables(spatial), anchored: true, scan: false });
    }
    // Other FILTERs join nothing; SERVICE is refused or remote.
  }
  // Join the parts that share a variable; two or more unanchored groups of parts multiply.
  const group = parts.map((_, i) => i);
  const root = (i: number): number => (group[i] === i ? i : (group[i] = root(group[i]!)));
  const seen = new Map<string, number>();
  parts.forEach((part, i) => {
    for (const v of part.variables) {
      const j = seen.get(v);
      if (j === undefined) seen.set(v, i);
      else group[root(i)] = root(j);
    }
  });
  const unanchored = new Set(parts.map((_, i) => root(i)));
  parts.forEach((part, i) => part.anchored && unanchored.delete(root(i)));
  if (unanchored.size >= 2) return { heavy: 'a cartesian product of patterns that share no variable' };
  const size = new Map<number, number>();
  parts.forEach((_, i) => size.set(root(i), (size.get(root(i)) ?? 0) + 1));
  return { anchored: unanchored.size === 0, scan: parts.some((part, i) => part.scan && size.get(root(i)) === 1) };
}

function queryWeight(query: Node): string | undefined {
  const weight = groupWeight((query.where as Node[] | undefined) ?? []);
  if ('heavy' in weight) return weight.heavy;
  if (weight.scan && query.queryType !== 'ASK' && query.limit === undefined && !aggregated(query))
    return 'no LIMIT over a scan of every triple (?s ?p ?o)';
  return undefined;
}

/** Every part of the query's pattern is anchored (and nothing in it is heavy): cheap by its shape alone. */
export function isAnchored(query: sparqljs.SparqlQuery): boolean {
  const weight = groupWeight(((query as unknown as Node).where as Node[] | undefined) ?? []);
  return !('heavy' in weight) && weight.anchored && !weight.scan;
}

/** Why a query is heavy, or undefined: see the top of this file. */
export function heavyReason(query: sparqljs.SparqlQuery): string | undefined {
  return queryWeight(query as unknown as Node);
}

export function inspectUpdate(text: string, baseIri: string): InspectedUpdate {
  const parsed = parse(text, baseIri) as sparqljs.SparqlQuery | (Partial<sparqljs.Update> & { type?: undefined });
  if (parsed.type === 'query') throw new QuerySyntaxError('this is a query, not an update: send it as query= or application/sparql-query');
  // An empty update (only a prologue, or nothing) is valid SPARQL and does nothing.
  const update: sparqljs.Update =
    parsed.type === 'update' ? parsed : { ...parsed, type: 'update', prefixes: parsed.prefixes ?? {}, updates: [] };
  checkAlgebra(update);
  return { kind: 'update', services: services(update), parsed: update };
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
      throw new QuerySyntaxError(
        'the update has USING or WITH and the request has using-graph-uri / using-named-graph-uri: give the dataset one way',
      );
    op.using = { default: usingGraphs.map(named), named: usingNamedGraphs.map(named) };
  }
  return new sparqljs.Generator().stringify(update.parsed);
}
