/**
 * GeoSPARQL functions evaluated at the store border, the same way for every
 * store. Neither engine can be trusted with them: Oxigraph's geof: functions
 * give no answer for WKT in RD New (and have no buffer), Virtuoso 7's are its
 * own, point-only and single precision. So a query that calls geof: functions
 * is rewritten before it reaches the store into plain SPARQL that any store
 * answers alike:
 *
 *  1. each geometry variable the functions read (?w in `?g geo:asWKT ?w`) gets
 *     its candidates from the store: the geometries the query's own triple
 *     patterns around ?g allow (so a query about buurten and bomen reads only
 *     their geometries, never every geometry);
 *  2. the functions are evaluated on those candidates with JTS in RD New metres
 *     (src/data/spatial.ts: proj4 for other CRSs), pairs found through an
 *     STR-tree of bounding boxes (no comparison of every pair);
 *  3. the answers go back into the query as VALUES: a FILTER conjunct
 *     `geof:sfWithin(?a, ?b)` (or `geof:distance(?a, ?b, uom:metre) < 250`)
 *     becomes the VALUES of the geometry pairs that satisfy it (negated
 *     relations and sfDisjoint: the pairs that fail marked by an OPTIONAL VALUES
 *     and removed by FILTER(!BOUND(…))); a function
 *     used as a value (BIND, SELECT expression, aggregate, ORDER BY) becomes a
 *     variable bound by VALUES next to its geometry.
 *
 * What cannot be done this way is refused (501 naming the function and why),
 * never answered silently empty: geof: functions other than sf* relations,
 * distance, buffer and area; an argument that is neither a constant nor a
 * variable bound by geo:asWKT in the query; more than two geometry variables in
 * one call; functions in updates.
 */
import Envelope from 'jsts/org/locationtech/jts/geom/Envelope.js';
import STRtree from 'jsts/org/locationtech/jts/index/strtree/STRtree.js';
import sparqljs from 'sparqljs';
import { GgmError } from '../core/errors.js';
import {
  SF_RELATIONS,
  SpatialArgumentError,
  areaSquareMetres,
  bufferGeometry,
  distanceMetres,
  envelopesNear,
  metricGeometry,
  sfRelation,
  type MetricGeometry,
  type SfRelation,
} from '../data/spatial.js';
import {
  QueryResultCapError,
  StoreUnsupportedError,
  type GraphInfo,
  type QueryAnswer,
  type QueryOptions,
  type RdfMediaType,
  type SparqlStore,
  type UpdateOptions,
} from './types.js';

export const GEOF = 'http://www.opengis.net/def/function/geosparql/';
const GEO = 'http://www.opengis.net/ont/geosparql#';
const AS_WKT = `${GEO}asWKT`;
const WKT_LITERAL = `${GEO}wktLiteral`;
const UOM = 'http://www.opengis.net/def/uom/OGC/1.0/';
const XSD = 'http://www.w3.org/2001/XMLSchema#';
const METRE = new Set([`${UOM}metre`, `${UOM}meter`]);
const SQUARE_METRE = new Set([`${UOM}squareMetre`, `${UOM}squareMeter`]);

/** Most candidate geometries one variable may have, and most rows one VALUES may get. */
export const SPATIAL_LIMITS = { candidates: 200_000, rows: 200_000 };

/** The functions evaluated here; any other geof: function is refused by name. */
export const SPATIAL_FUNCTIONS = [...SF_RELATIONS, 'distance', 'buffer', 'area'] as const;

type Term = { termType: string; value: string; datatype?: { value: string }; language?: string };
type Expr = Record<string, unknown> & { type?: string; termType?: string };
type Pattern = Record<string, unknown> & { type: string };
/** One row of a SPARQL JSON answer. */
export type JsonBinding = Record<string, { type: string; value: string; datatype?: string; 'xml:lang'?: string }>;
/** Runs a SELECT on the store (the caller's dataset and rights) and returns its rows. */
export type SelectRunner = (sparql: string) => Promise<JsonBinding[]>;

const short = (iri: string) => (iri.startsWith(GEOF) ? `geof:${iri.slice(GEOF.length)}` : `<${iri}>`);

class Unsupported extends StoreUnsupportedError {
  constructor(fn: string, why: string) {
    super(
      `${short(fn)}: ${why}. This service evaluates ${SPATIAL_FUNCTIONS.map((f) => `geof:${f}`).join(', ')} on geometries bound by ?geometry geo:asWKT ?wkt (or WKT constants); see README "Spatial queries"`,
    );
  }
}

export class SpatialArgumentGgmError extends GgmError {
  constructor(fn: string, message: string) {
    super(400, 'spatial-argument', `${short(fn)}: ${message}`, { expose: true });
    this.name = 'SpatialArgumentGgmError';
  }
}

const isGeofCall = (e: unknown): boolean =>
  !!e && typeof e === 'object' && (e as Expr).type === 'functionCall' && String(((e as Expr).function as Term)?.value).startsWith(GEOF);

function containsGeof(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(containsGeof);
  if (!node || typeof node !== 'object') return false;
  if (isGeofCall(node)) return true;
  return Object.values(node).some((v) => v && typeof v === 'object' && containsGeof(v));
}

// ---- geometry expressions -----------------------------------------------------------

type GeomExpr = { kind: 'var'; name: string } | { kind: 'const'; g: MetricGeometry } | { kind: 'buffer'; of: GeomExpr; metres: number };

interface Call {
  fn: string;
  name: (typeof SPATIAL_FUNCTIONS)[number];
  geoms: GeomExpr[];
  /** Geometry variables read, in order of appearance (at most two). */
  vars: string[];
}

function literalNumber(fn: string, e: unknown, what: string): number {
  const t = e as Term;
  if (t?.termType === 'Literal' && /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t.value)) return Number(t.value);
  throw new Unsupported(fn, `the ${what} must be a number written in the query`);
}

function unitOf(fn: string, e: unknown, allowed: Set<string>, what: string): void {
  const t = e as Term;
  if (t?.termType !== 'NamedNode') throw new Unsupported(fn, `the unit must be an IRI written in the query (${[...allowed][0]})`);
  if (!allowed.has(t.value))
    throw new SpatialArgumentGgmError(fn, `unit <${t.value}> is not supported; ${what} are in <${[...allowed][0]}>`);
}

function geomExpr(fn: string, e: unknown, vars: string[]): GeomExpr {
  const t = e as Term & Expr;
  if (t?.termType === 'Variable') {
    if (!vars.includes(t.value)) vars.push(t.value);
    return { kind: 'var', name: t.value };
  }
  if (t?.termType === 'Literal') {
    if (t.datatype?.value !== WKT_LITERAL) throw new SpatialArgumentGgmError(fn, `"${t.value}" is not a geo:wktLiteral`);
    try {
      return { kind: 'const', g: metricGeometry(t.value) };
    } catch (err) {
      if (err instanceof SpatialArgumentError) throw new SpatialArgumentGgmError(fn, err.message);
      throw err;
    }
  }
  if (isGeofCall(t)) {
    const inner = callOf(t, vars);
    if (inner.name !== 'buffer') throw new Unsupported(inner.fn, 'only geof:buffer may be nested as a geometry argument');
    return { kind: 'buffer', of: inner.geoms[0]!, metres: bufferRadius(t) };
  }
  throw new Unsupported(fn, 'a geometry argument must be a variable bound by geo:asWKT, a WKT literal or geof:buffer(…)');
}

function bufferRadius(call: Expr): number {
  return literalNumber(String((call.function as Term).value), (call.args as unknown[])[1], 'radius');
}

function callOf(e: Expr, vars: string[] = []): Call {
  const fn = String((e.function as Term).value);
  const local = fn.slice(GEOF.length);
  const name = (SPATIAL_FUNCTIONS as readonly string[]).includes(local) ? (local as Call['name']) : undefined;
  if (!name) throw new Unsupported(fn, 'this GeoSPARQL function is not evaluated by this service');
  const args = (e.args as unknown[]) ?? [];
  const arity = (n: number[]) => {
    if (!n.includes(args.length)) throw new SpatialArgumentGgmError(fn, `takes ${n.join(' or ')} arguments, not ${args.length}`);
  };
  let geoms: GeomExpr[];
  if ((SF_RELATIONS as readonly string[]).includes(name)) {
    arity([2]);
    geoms = [geomExpr(fn, args[0], vars), geomExpr(fn, args[1], vars)];
  } else if (name === 'distance') {
    arity([3]);
    geoms = [geomExpr(fn, args[0], vars), geomExpr(fn, args[1], vars)];
    unitOf(fn, args[2], METRE, 'distances');
  } else if (name === 'buffer') {
    arity([3]);
    geoms = [geomExpr(fn, args[0], vars)];
    literalNumber(fn, args[1], 'radius');
    unitOf(fn, args[2], METRE, 'radii');
  } else {
    arity([1, 2]);
    geoms = [geomExpr(fn, args[0], vars)];
    if (args.length === 2) unitOf(fn, args[1], SQUARE_METRE, 'areas');
  }
  if (vars.length > 2) throw new Unsupported(fn, `reads ${vars.length} geometry variables; at most two per call`);
  return { fn, name, geoms, vars };
}

/** How far apart (metres) two geometries may be and still pass: the margin of the bounding-box search. */
function bufferMargin(g: GeomExpr): number {
  return g.kind === 'buffer' ? Math.max(0, g.metres) + bufferMargin(g.of) : 0;
}

type Env = Map<string, MetricGeometry>;

function geometryOf(g: GeomExpr, env: Env): MetricGeometry {
  if (g.kind === 'const') return g.g;
  if (g.kind === 'var') return env.get(g.name)!;
  return bufferGeometry(geometryOf(g.of, env), g.metres);
}

type Value = { kind: 'boolean'; value: boolean } | { kind: 'double'; value: number } | { kind: 'wkt'; value: string };

function evaluate(call: Call, e: Expr, env: Env): Value {
  const [a, b] = call.geoms.map((g) => geometryOf(g, env));
  switch (call.name) {
    case 'distance':
      return { kind: 'double', value: distanceMetres(a!, b!) };
    case 'area':
      return { kind: 'double', value: areaSquareMetres(a!) };
    case 'buffer':
      return { kind: 'wkt', value: bufferGeometry(a!, bufferRadius(e)).lexical };
    default:
      return { kind: 'boolean', value: sfRelation(call.name, a!, b!) };
  }
}

function valueTerm(v: Value): Term {
  if (v.kind === 'boolean')
    return {
      termType: 'Literal',
      value: String(v.value),
      language: '',
      datatype: { value: `${XSD}boolean`, termType: 'NamedNode' } as never,
    };
  if (v.kind === 'double')
    return {
      termType: 'Literal',
      value: doubleLexical(v.value),
      language: '',
      datatype: { value: `${XSD}decimal`, termType: 'NamedNode' } as never,
    };
  return { termType: 'Literal', value: v.value, language: '', datatype: { value: WKT_LITERAL, termType: 'NamedNode' } as never };
}

/**
 * Distances and areas as xsd:decimal rounded to a tenth of a millimetre (the projection is not better than that):
 * GeoSPARQL says xsd:double, but Virtuoso 7 keeps a double from the query text with 6 significant digits only
 * (1001952.154 m² became 1001950), and a decimal compares and sums the same in every store.
 */
function doubleLexical(v: number): string {
  const fixed = (Math.round(v * 1e4) / 1e4).toFixed(4).replace(/0+$/, '').replace(/\.$/, '.0');
  return fixed === '-0.0' ? '0.0' : fixed;
}

// ---- filter conjuncts that restrict pairs -----------------------------------------

interface Constraint {
  call: Call;
  /** Does the pair pass (before negation)? */
  test: (env: Env) => boolean;
  /** Bounding boxes must lie within this many metres for test to be true. */
  margin: number;
  negated: boolean;
}

const COMPARISONS = new Set(['<', '<=', '>', '>=']);

/** A FILTER conjunct as a spatial restriction of its geometry variables, or undefined when it is not one. */
function constraintOf(e: Expr): Constraint | undefined {
  if (e.type === 'operation' && e.operator === '!' && Array.isArray(e.args) && e.args.length === 1) {
    const inner = constraintOf(e.args[0] as Expr);
    return inner && { ...inner, negated: !inner.negated };
  }
  if (isGeofCall(e)) {
    const call = callOf(e);
    if (!(SF_RELATIONS as readonly string[]).includes(call.name)) return undefined;
    const margin = call.geoms.reduce((m, g) => m + bufferMargin(g), 0);
    const relation = call.name as SfRelation;
    if (relation === 'sfDisjoint')
      return {
        call,
        margin,
        negated: true,
        test: (env) => sfRelation('sfIntersects', geometryOf(call.geoms[0]!, env), geometryOf(call.geoms[1]!, env)),
      };
    return {
      call,
      margin,
      negated: false,
      test: (env) => sfRelation(relation, geometryOf(call.geoms[0]!, env), geometryOf(call.geoms[1]!, env)),
    };
  }
  if (e.type === 'operation' && COMPARISONS.has(String(e.operator)) && Array.isArray(e.args) && e.args.length === 2) {
    let [left, right] = e.args as Expr[];
    let op = String(e.operator);
    if (!isGeofCall(left) && isGeofCall(right)) {
      [left, right] = [right, left];
      op = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' }[op]!;
    }
    if (!isGeofCall(left) || containsGeof(right) || (right as Term).termType !== 'Literal') return undefined;
    const call = callOf(left!);
    if (call.name !== 'distance') return undefined;
    const d = literalNumber(call.fn, right, 'distance compared with');
    const margin = d + call.geoms.reduce((m, g) => m + bufferMargin(g), 0);
    const dist = (env: Env) => distanceMetres(geometryOf(call.geoms[0]!, env), geometryOf(call.geoms[1]!, env));
    // distance > d is "not distance <= d": the pairs within d are found through the index and removed.
    if (op === '<') return { call, margin, negated: false, test: (env) => dist(env) < d };
    if (op === '<=') return { call, margin, negated: false, test: (env) => dist(env) <= d };
    if (op === '>') return { call, margin, negated: true, test: (env) => dist(env) <= d };
    return { call, margin, negated: true, test: (env) => dist(env) < d };
  }
  return undefined;
}

// ---- where geometry variables are bound, and their candidates ----------------------

interface Binding {
  /** The group (pattern array) holding the geo:asWKT triple. */
  group: Pattern[];
  /** GRAPH the group lies in, if any. */
  graph?: Term;
  subject: Term;
  /** The predicate is a path ending in geo:asWKT (the subject is not the geometry node). */
  viaPath: boolean;
}

function asWktTriple(t: { subject: Term; predicate: unknown; object: Term }, v: string): { subject: Term; viaPath: boolean } | undefined {
  if (t.object?.termType !== 'Variable' || t.object.value !== v) return undefined;
  const p = t.predicate as Term & { type?: string; pathType?: string; items?: unknown[] };
  if (p.termType === 'NamedNode' && p.value === AS_WKT) return { subject: t.subject, viaPath: false };
  if (p.type === 'path' && p.pathType === '/' && Array.isArray(p.items)) {
    const last = p.items[p.items.length - 1] as Term;
    if (last?.termType === 'NamedNode' && last.value === AS_WKT) return { subject: t.subject, viaPath: true };
  }
  return undefined;
}

/** Where `v` is bound by `… geo:asWKT ?v`: in this group's own triples, or (deep) in nested groups, OPTIONALs, GRAPHs and UNION branches. */
function findBinding(group: Pattern[], v: string, deep: boolean, graph?: Term): Binding | undefined {
  for (const p of group)
    if (p.type === 'bgp')
      for (const t of p.triples as { subject: Term; predicate: unknown; object: Term }[]) {
        const hit = asWktTriple(t, v);
        if (hit) return { group, graph, ...hit };
      }
  if (!deep) return undefined;
  for (const p of group) {
    if (p.type === 'group' || p.type === 'optional') {
      const hit = findBinding(p.patterns as Pattern[], v, true, graph);
      if (hit) return hit;
    } else if (p.type === 'graph') {
      const hit = findBinding(p.patterns as Pattern[], v, true, p.name as Term);
      if (hit) return hit;
    } else if (p.type === 'union') {
      for (const branch of p.patterns as Pattern[]) {
        const hit = findBinding(branch.type === 'group' ? (branch.patterns as Pattern[]) : [branch], v, true, graph);
        if (hit) return hit;
      }
    }
  }
  return undefined;
}

const termVars = (t: unknown): string[] => {
  const x = t as Term & { type?: string; items?: unknown[] };
  if (x?.termType === 'Variable') return [x.value];
  if (x?.type === 'path') return (x.items ?? []).flatMap(termVars);
  return [];
};
function exprVars(e: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(e)) e.forEach((x) => exprVars(x, out));
  else if (e && typeof e === 'object') {
    const t = e as Term;
    if (t.termType === 'Variable') out.add(t.value);
    else if (!t.termType) for (const v of Object.values(e)) exprVars(v, out);
  }
  return out;
}

/** One candidate geometry: the value of the key variable, and its literal. */
interface Candidate {
  key: Term;
  lexical: string;
}
interface Candidates {
  /** The variable VALUES bind: the geometry node when that identifies the literal, else the literal variable itself. */
  keyVar: string;
  rows: Candidate[];
}

function jsonTerm(b: { type: string; value: string; datatype?: string; 'xml:lang'?: string }): Term {
  if (b.type === 'uri') return { termType: 'NamedNode', value: b.value };
  if (b.type === 'bnode') return { termType: 'BlankNode', value: b.value };
  return {
    termType: 'Literal',
    value: b.value,
    language: b['xml:lang'] ?? '',
    datatype: { termType: 'NamedNode', value: b.datatype ?? `${XSD}string` } as never,
  };
}

const generator = new sparqljs.Generator();

class Rewriter {
  private fresh = 0;
  private readonly candidates = new Map<Pattern[], Map<string, Promise<Candidates>>>();
  /** Pairs (keys of the two geometry variables) that a FILTER conjunct lets pass, per group and variable pair. */
  readonly pairs = new Map<Pattern[], Map<string, Set<string>>>();

  constructor(
    private readonly run: SelectRunner,
    private readonly from: unknown,
  ) {}

  freshVar(kind = 'geof'): Term {
    return { termType: 'Variable', value: `__${kind}${++this.fresh}` };
  }

  /** The candidates of geometry variable v bound at `b`: the triples of its group connected to it, with their filters. */
  candidatesOf(v: string, b: Binding, fn: string): Promise<Candidates> {
    let inGroup = this.candidates.get(b.group);
    if (!inGroup) this.candidates.set(b.group, (inGroup = new Map<string, Promise<Candidates>>()));
    let work = inGroup.get(v);
    if (!work) inGroup.set(v, (work = this.loadCandidates(v, b, fn)));
    return work;
  }

  private async loadCandidates(v: string, b: Binding, fn: string): Promise<Candidates> {
    const triples = b.group
      .filter((p) => p.type === 'bgp')
      .flatMap((p) => p.triples as { subject: Term; predicate: unknown; object: Term }[]);
    const vars = new Set([v, ...termVars(b.subject)]);
    const chosen = new Set<number>();
    for (let grew = true; grew;) {
      grew = false;
      triples.forEach((t, i) => {
        if (chosen.has(i)) return;
        const tv = [...termVars(t.subject), ...termVars(t.predicate), ...termVars(t.object)];
        if (tv.some((x) => vars.has(x))) {
          chosen.add(i);
          tv.forEach((x) => vars.add(x));
          grew = true;
        }
      });
    }
    const filters = b.group.filter(
      (p) =>
        p.type === 'filter' &&
        !containsGeof(p.expression) &&
        !JSON.stringify(p.expression).includes('exists') &&
        [...exprVars(p.expression)].every((x) => vars.has(x)),
    );
    const keyIsNode = b.subject.termType === 'Variable' && !b.viaPath;
    const select: Term[] = [{ termType: 'Variable', value: v }];
    if (keyIsNode) select.unshift(b.subject);
    let where: Pattern[] = [{ type: 'bgp', triples: triples.filter((_, i) => chosen.has(i)) }, ...filters];
    if (b.graph) where = [{ type: 'graph', name: b.graph, patterns: where }];
    const query = {
      type: 'query',
      queryType: 'SELECT',
      distinct: true,
      variables: select,
      where,
      prefixes: {},
      ...(this.from ? { from: this.from } : {}),
    };
    const rows = await this.run(generator.stringify(query as never));
    if (rows.length > SPATIAL_LIMITS.candidates)
      throw new GgmError(
        422,
        'spatial-cap',
        `${short(fn)}: ?${v} has more than ${SPATIAL_LIMITS.candidates} candidate geometries; narrow the patterns around it`,
        { expose: true },
      );
    const out: Candidate[] = [];
    let unique = keyIsNode;
    const seen = new Map<string, string>();
    for (const r of rows) {
      const lit = r[v];
      if (!lit || (lit.type !== 'literal' && lit.type !== 'typed-literal') || lit.datatype !== WKT_LITERAL) continue; // not WKT: the function's argument would be an error → no solution
      if (keyIsNode) {
        const node = r[b.subject.value];
        if (!node || node.type !== 'uri' || (seen.has(node.value) && seen.get(node.value) !== lit.value)) unique = false;
        else seen.set(node.value, lit.value);
      }
      out.push({ key: keyIsNode ? jsonTerm(r[b.subject.value]!) : jsonTerm(lit), lexical: lit.value });
    }
    if (keyIsNode && !unique)
      return {
        keyVar: v,
        rows: out
          .map((c) => ({ key: jsonTerm({ type: 'literal', value: c.lexical, datatype: WKT_LITERAL }), lexical: c.lexical }))
          .filter(uniqueBy((c) => c.lexical)),
      };
    return { keyVar: keyIsNode ? b.subject.value : v, rows: out };
  }
}

function uniqueBy<T>(key: (t: T) => string): (t: T) => boolean {
  const seen = new Set<string>();
  return (t) => (seen.has(key(t)) ? false : (seen.add(key(t)), true));
}

function metric(fn: string, lexical: string): MetricGeometry {
  try {
    return metricGeometry(lexical, false);
  } catch (e) {
    if (e instanceof SpatialArgumentError) throw new SpatialArgumentGgmError(fn, e.message);
    throw e;
  }
}

/** Pairs of candidates (indexes into as, bs) whose bounding boxes lie within `margin` metres, found through an STR-tree. */
function nearPairs(as: MetricGeometry[], bs: MetricGeometry[], margin: number): [number, number][] {
  const tree = new STRtree();
  bs.forEach((g, j) => {
    tree.insert(new Envelope(g.minX, g.maxX, g.minY, g.maxY), j);
  });
  const out: [number, number][] = [];
  as.forEach((g, i) => {
    const hits = (
      tree.query(new Envelope(g.minX - margin, g.maxX + margin, g.minY - margin, g.maxY + margin)) as { toArray(): number[] }
    ).toArray();
    for (const j of hits.sort((x, y) => x - y)) if (envelopesNear(g, bs[j]!, margin)) out.push([i, j]);
  });
  return out;
}

interface Injection {
  group: Pattern[];
  values?: Pattern;
  /** Patterns that remove the pairs that fail (appended to the group). */
  minus?: Pattern[];
  nothing?: boolean;
}

const pairKey = (a: Term, b: Term) => `${a.termType}:${a.value}\u0000${b.termType}:${b.value}`;

const valuesPattern = (vars: string[], rows: Term[][]): Pattern => ({
  type: 'values',
  values: rows.map((r) => Object.fromEntries(vars.map((v, i) => [`?${v}`, r[i]]))),
});

/**
 * The query with its GeoSPARQL function calls evaluated (see the module comment),
 * or undefined when it calls none. Throws StoreUnsupportedError (501) or a 400 naming the function.
 */
export async function evaluateSpatialFunctions(
  sparql: string,
  baseIri: string | undefined,
  run: SelectRunner,
): Promise<string | undefined> {
  if (!/geosparql/.test(sparql)) return undefined;
  let parsed: sparqljs.SparqlQuery;
  try {
    parsed = new sparqljs.Parser(baseIri ? { baseIRI: baseIri } : {}).parse(sparql);
  } catch {
    return undefined; // the store names the syntax error
  }
  if (!containsGeof(parsed)) return undefined;
  if (parsed.type === 'update') {
    const call = findCall(parsed);
    throw new Unsupported(call, 'GeoSPARQL functions are not evaluated in updates');
  }
  await rewriteQuery(parsed as unknown as Expr, new Rewriter(run, (parsed as { from?: unknown }).from));
  delete (parsed as { base?: string }).base;
  return generator.stringify(parsed);
}

function findCall(node: unknown): string {
  if (isGeofCall(node)) return String(((node as Expr).function as Term).value);
  if (node && typeof node === 'object')
    for (const v of Object.values(node)) {
      const f = v && typeof v === 'object' ? findCall(v) : '';
      if (f) return f;
    }
  return '';
}

/** Variables in scope of a WHERE clause, in order of appearance (SELECT * is made explicit, so the helper variables stay hidden). */
function inScope(patterns: unknown, out: string[] = []): string[] {
  const visit = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(visit);
    if (!n || typeof n !== 'object') return;
    const p = n as Pattern;
    if (p.type === 'minus' || p.type === 'filter') return;
    if (p.type === 'query') {
      for (const v of (p.variables as Expr[]) ?? []) {
        const name = (v as Term).termType === 'Variable' ? (v as Term).value : ((v as Expr).variable as Term | undefined)?.value;
        if (name && !out.includes(name)) out.push(name);
      }
      return;
    }
    if (p.type === 'bind') {
      const name = (p.variable as Term).value;
      if (!out.includes(name)) out.push(name);
      return;
    }
    if (p.type === 'values') {
      for (const row of p.values as Record<string, unknown>[])
        for (const k of Object.keys(row)) if (!out.includes(k.slice(1))) out.push(k.slice(1));
      return;
    }
    const t = n as Term;
    if (t.termType === 'Variable') {
      if (!out.includes(t.value)) out.push(t.value);
      return;
    }
    if (t.termType) return;
    for (const v of Object.values(n)) visit(v);
  };
  visit(patterns);
  return out;
}

async function rewriteQuery(q: Expr, rw: Rewriter): Promise<void> {
  const where = (q.where as Pattern[]) ?? [];
  const vars = q.variables as unknown[] | undefined;
  if (q.queryType === 'SELECT' && vars?.length === 1 && (vars[0] as Term).termType === 'Wildcard')
    q.variables = inScope(where).map((v) => ({ termType: 'Variable', value: v }));
  splitWktPaths(where, rw);
  await rewriteGroup(where, rw, undefined);
  // Functions in SELECT expressions, aggregates, GROUP BY, HAVING and ORDER BY read variables of the WHERE clause.
  const replace = async (e: unknown) => replaceValueCalls(e, where, undefined, rw, true);
  if (Array.isArray(q.variables)) for (const v of q.variables as Expr[]) if (v.expression) v.expression = await replace(v.expression);
  for (const key of ['group', 'order'] as const)
    if (Array.isArray(q[key])) for (const g of q[key] as Expr[]) g.expression = await replace(g.expression);
  if (Array.isArray(q.having)) q.having = await Promise.all((q.having as unknown[]).map(replace));
  if (containsGeof(q.template))
    throw new Unsupported(findCall(q.template), 'GeoSPARQL functions cannot stand in a CONSTRUCT template; BIND them in the WHERE clause');
}

/**
 * `?f ggm:pand.geometrie/geo:asWKT ?w` becomes `?f ggm:pand.geometrie ?__geomN . ?__geomN geo:asWKT ?w` — the
 * translation SPARQL itself gives a sequence path — so VALUES can name the geometry node instead of its (long) literal.
 */
function splitWktPaths(patterns: Pattern[], rw: Rewriter): void {
  for (const p of patterns) {
    if (p.type === 'bgp') {
      const triples = p.triples as {
        subject: Term;
        predicate: Term & { type?: string; pathType?: string; items?: unknown[] };
        object: Term;
      }[];
      p.triples = triples.flatMap((t) => {
        const path = t.predicate;
        const items = path.type === 'path' && path.pathType === '/' ? (path.items as Term[]) : undefined;
        const last = items?.[items.length - 1];
        if (!items || items.length < 2 || last?.termType !== 'NamedNode' || last.value !== AS_WKT || t.object.termType !== 'Variable')
          return [t];
        const node = rw.freshVar('geom');
        const rest = items.length === 2 ? items[0]! : { ...path, items: items.slice(0, -1) };
        return [
          { subject: t.subject, predicate: rest, object: node },
          { subject: node, predicate: last, object: t.object },
        ];
      });
    } else if (['group', 'optional', 'minus', 'graph', 'union'].includes(p.type)) splitWktPaths(p.patterns as Pattern[], rw);
    else if (p.type === 'filter') splitInExists(p.expression, rw);
  }
}
function splitInExists(e: unknown, rw: Rewriter): void {
  if (!e || typeof e !== 'object' || (e as Term).termType) return;
  const x = e as Expr;
  if (x.type === 'operation' && (x.operator === 'exists' || x.operator === 'notexists')) splitWktPaths(x.args as Pattern[], rw);
  else for (const v of Object.values(x)) if (Array.isArray(v)) v.forEach((y) => splitInExists(y, rw));
}

const conjuncts = (e: Expr): Expr[] => (e.type === 'operation' && e.operator === '&&' ? (e.args as Expr[]).flatMap(conjuncts) : [e]);
const andOf = (es: Expr[]): Expr => es.reduce((a, b) => ({ type: 'operation', operator: '&&', args: [a, b] }));

async function rewriteGroup(group: Pattern[], rw: Rewriter, graph: Term | undefined): Promise<void> {
  const injections: Injection[] = [];
  // nested groups first: EXISTS, subqueries and child groups have their own bindings
  for (const p of [...group]) {
    if (p.type === 'group' || p.type === 'optional' || p.type === 'minus') await rewriteGroup(p.patterns as Pattern[], rw, graph);
    else if (p.type === 'graph') await rewriteGroup(p.patterns as Pattern[], rw, p.name as Term);
    else if (p.type === 'union')
      for (const b of p.patterns as Pattern[]) await rewriteGroup(b.type === 'group' ? (b.patterns as Pattern[]) : [b], rw, graph);
    else if (p.type === 'query') await rewriteQuery(p, rw);
    else if (p.type === 'service' && containsGeof(p))
      throw new Unsupported(findCall(p), 'GeoSPARQL functions inside SERVICE are left to that service, which this service does not call');
    else if (p.type === 'filter') await rewriteExists(p.expression, rw, graph);
  }
  // first the FILTER conjuncts that restrict this group's geometries (their pairs also serve the value calls below)
  const leftovers = new Map<Pattern, Expr[]>();
  for (const p of group) {
    if (p.type !== 'filter' || !containsGeof(p.expression)) continue;
    const rest: Expr[] = [];
    for (const c of conjuncts(p.expression as Expr)) {
      const constraint = containsGeof(c) ? constraintOf(c) : undefined;
      if (constraint && constraint.call.vars.every((v) => findBinding(group, v, false, graph)))
        injections.push(await constrain(constraint, group, graph, rw));
      else rest.push(c);
    }
    leftovers.set(p, rest);
  }
  for (const [p, rest] of leftovers) {
    const kept: Expr[] = [];
    for (const c of rest) kept.push(containsGeof(c) ? ((await replaceValueCalls(c, group, graph, rw, false)) as Expr) : c);
    const i = group.indexOf(p);
    if (kept.length) group[i] = { ...p, expression: andOf(kept) };
    else group.splice(i, 1);
  }
  for (const p of group)
    if (p.type === 'bind' && containsGeof(p.expression)) p.expression = await replaceValueCalls(p.expression, group, graph, rw, true);
  for (const inj of injections) {
    if (inj.values) inj.group.unshift(inj.values);
    if (inj.minus) inj.group.push(...inj.minus);
    if (inj.nothing)
      inj.group.push({
        type: 'filter',
        expression: { termType: 'Literal', value: 'false', language: '', datatype: { termType: 'NamedNode', value: `${XSD}boolean` } },
      });
  }
}

/** Groups inside EXISTS / NOT EXISTS of a filter expression. */
async function rewriteExists(e: unknown, rw: Rewriter, graph: Term | undefined): Promise<void> {
  if (Array.isArray(e)) {
    for (const x of e) await rewriteExists(x, rw, graph);
    return;
  }
  if (!e || typeof e !== 'object' || (e as Term).termType) return;
  const x = e as Expr;
  if (x.type === 'operation' && (x.operator === 'exists' || x.operator === 'notexists')) {
    for (const g of x.args as Pattern[]) await rewriteGroup(g.type === 'group' ? (g.patterns as Pattern[]) : [g], rw, graph);
    return;
  }
  for (const v of Object.values(x)) await rewriteExists(v, rw, graph);
}

async function candidateGeometries(call: Call, v: string, group: Pattern[], graph: Term | undefined, deep: boolean, rw: Rewriter) {
  const b = findBinding(group, v, deep, graph);
  if (!b) throw new Unsupported(call.fn, `?${v} is not bound by a triple pattern "?geometry geo:asWKT ?${v}" in the same group`);
  const c = await rw.candidatesOf(v, b, call.fn);
  return { binding: b, keyVar: c.keyVar, rows: c.rows, geoms: c.rows.map((r) => metric(call.fn, r.lexical)) };
}

/** A FILTER conjunct that restricts geometry variables of this group: VALUES of the pairs that pass (MINUS of those that fail). */
async function constrain(c: Constraint, group: Pattern[], graph: Term | undefined, rw: Rewriter): Promise<Injection> {
  const { call } = c;
  if (call.vars.length === 0) {
    const pass = c.test(new Map()) !== c.negated;
    return pass ? { group } : { group, nothing: true };
  }
  const sides = [];
  for (const v of call.vars) sides.push(await candidateGeometries(call, v, group, graph, false, rw));
  const keyVars = sides.map((s) => s.keyVar);
  const rows: Term[][] = [];
  if (sides.length === 1) {
    const s = sides[0]!;
    s.geoms.forEach((g, i) => {
      if (c.test(new Map([[call.vars[0]!, g]]))) rows.push([s.rows[i]!.key]);
    });
  } else {
    const [a, b] = sides as [(typeof sides)[0], (typeof sides)[0]];
    for (const [i, j] of nearPairs(a.geoms, b.geoms, c.margin)) {
      if (
        c.test(
          new Map([
            [call.vars[0]!, a.geoms[i]!],
            [call.vars[1]!, b.geoms[j]!],
          ]),
        )
      )
        rows.push([a.rows[i]!.key, b.rows[j]!.key]);
      if (rows.length > SPATIAL_LIMITS.rows) break;
    }
  }
  if (rows.length > SPATIAL_LIMITS.rows)
    throw new GgmError(
      422,
      'spatial-cap',
      `${short(call.fn)}: more than ${SPATIAL_LIMITS.rows} pairs of geometries pass; narrow the query`,
      { expose: true },
    );
  if (!c.negated && rows.length && sides.length === 2) {
    let inGroup = rw.pairs.get(group);
    if (!inGroup) rw.pairs.set(group, (inGroup = new Map<string, Set<string>>()));
    const passed = new Set(rows.map(([a, b]) => pairKey(a!, b!)));
    const id = call.vars.join('\u0000');
    const earlier = inGroup.get(id);
    inGroup.set(id, earlier ? new Set([...passed].filter((k) => earlier.has(k))) : passed);
  }
  if (c.negated) {
    if (!rows.length) return { group };
    // OPTIONAL { VALUES (…failing pairs… ?flag) } FILTER(!BOUND(?flag)) rather than MINUS { VALUES … }: Virtuoso 7
    // answers MINUS and NOT EXISTS over a bare VALUES as if they were empty (nothing removed).
    const flag = rw.freshVar('fails');
    const one: Term = {
      termType: 'Literal',
      value: '1',
      language: '',
      datatype: { termType: 'NamedNode', value: `${XSD}integer` } as never,
    };
    return {
      group,
      minus: [
        {
          type: 'optional',
          patterns: [
            valuesPattern(
              [...keyVars, flag.value],
              rows.map((r) => [...r, one]),
            ),
          ],
        },
        {
          type: 'filter',
          expression: { type: 'operation', operator: '!', args: [{ type: 'operation', operator: 'bound', args: [flag] }] },
        },
      ],
    };
  }
  return rows.length ? { group, values: valuesPattern(keyVars, rows) } : { group, nothing: true };
}

/**
 * Every GeoSPARQL call in an expression replaced by a variable that VALUES bind
 * beside the geometry (one variable: per candidate; two: per pair of candidates).
 */
async function replaceValueCalls(e: unknown, group: Pattern[], graph: Term | undefined, rw: Rewriter, deep: boolean): Promise<unknown> {
  if (Array.isArray(e)) return Promise.all(e.map((x) => replaceValueCalls(x, group, graph, rw, deep)));
  if (!e || typeof e !== 'object' || (e as Term).termType) return e;
  const x = e as Expr;
  if (x.type === 'operation' && (x.operator === 'exists' || x.operator === 'notexists')) return e;
  if (!isGeofCall(x)) {
    const out: Expr = {};
    for (const [k, v] of Object.entries(x)) out[k] = await replaceValueCalls(v, group, graph, rw, deep);
    return out;
  }
  const call = callOf(x);
  if (call.vars.length === 0) return valueTerm(evaluate(call, x, new Map()));
  const sides = [];
  for (const v of call.vars) sides.push(await candidateGeometries(call, v, group, graph, true, rw));
  if (sides.length === 2 && sides[0]!.binding.group !== sides[1]!.binding.group)
    throw new Unsupported(call.fn, `?${call.vars[0]} and ?${call.vars[1]} are bound in different groups`);
  const fresh = rw.freshVar();
  const rows: Term[][] = [];
  if (sides.length === 1) {
    const s = sides[0]!;
    s.geoms.forEach((g, i) => rows.push([s.rows[i]!.key, valueTerm(evaluate(call, x, new Map([[call.vars[0]!, g]])))]));
  } else {
    const [a, b] = sides as [(typeof sides)[0], (typeof sides)[0]];
    // A FILTER on the same pair in the same group (geof:distance(…) < 250, geof:sfWithin …) limits the pairs to compute.
    const restricted = rw.pairs.get(a.binding.group);
    const passed = restricted?.get(call.vars.join('\u0000'));
    const passedReverse = restricted?.get([...call.vars].reverse().join('\u0000'));
    const pairs: [number, number][] = [];
    if (passed || passedReverse) {
      const ia = new Map(a.rows.map((r, i) => [`${r.key.termType}:${r.key.value}`, i]));
      const ib = new Map(b.rows.map((r, i) => [`${r.key.termType}:${r.key.value}`, i]));
      for (const k of passed ?? []) {
        const [ka, kb] = k.split('\u0000');
        if (ia.has(ka!) && ib.has(kb!)) pairs.push([ia.get(ka!)!, ib.get(kb!)!]);
      }
      for (const k of passedReverse ?? []) {
        const [kb, ka] = k.split('\u0000');
        if (ia.has(ka!) && ib.has(kb!)) pairs.push([ia.get(ka!)!, ib.get(kb!)!]);
      }
    } else {
      if (a.geoms.length * b.geoms.length > SPATIAL_LIMITS.rows)
        throw new GgmError(
          422,
          'spatial-cap',
          `${short(call.fn)} between ?${call.vars[0]} and ?${call.vars[1]} would compare ${a.geoms.length} × ${b.geoms.length} geometries; ` +
            'restrict the pair with a FILTER conjunct such as geof:distance(…) < 250 or geof:sfWithin(…) in the same group',
          { expose: true },
        );
      a.geoms.forEach((_, i) => b.geoms.forEach((__, j) => pairs.push([i, j])));
    }
    for (const [i, j] of pairs)
      rows.push([
        a.rows[i]!.key,
        b.rows[j]!.key,
        valueTerm(
          evaluate(
            call,
            x,
            new Map([
              [call.vars[0]!, a.geoms[i]!],
              [call.vars[1]!, b.geoms[j]!],
            ]),
          ),
        ),
      ]);
  }
  const target = sides[0]!.binding.group;
  target.unshift(valuesPattern([...sides.map((s) => s.keyVar), fresh.value], rows));
  return fresh;
}

/** Wraps a runner so a candidate query that passes the result cap says so in spatial terms. */
export function capAware(run: SelectRunner): SelectRunner {
  return async (q) => {
    try {
      return await run(q);
    } catch (e) {
      if (e instanceof QueryResultCapError)
        throw new GgmError(
          422,
          'spatial-cap',
          `a GeoSPARQL function would have to compare more than ${SPATIAL_LIMITS.candidates} geometries; narrow the query`,
          { expose: true },
        );
      throw e;
    }
  };
}

/**
 * The SparqlStore decorator that evaluates GeoSPARQL functions (above) for
 * whatever store it wraps; queries without them pass unchanged. It sits outside
 * the access decorator, so candidate geometries are read with the caller's rights.
 */
export class SpatialStore implements SparqlStore {
  constructor(readonly inner: SparqlStore) {}

  get kind(): SparqlStore['kind'] {
    return this.inner.kind;
  }

  async query(sparql: string, options: QueryOptions): Promise<QueryAnswer> {
    const deadline = Date.now() + options.timeoutMs;
    const remaining = () => Math.max(1, deadline - Date.now());
    const run: SelectRunner = async (q) => {
      const answer = await this.inner.query(q, {
        ...options,
        mediaType: 'application/sparql-results+json',
        form: 'SELECT',
        timeoutMs: remaining(),
        resultCap: SPATIAL_LIMITS.candidates + 1,
        resultBytes: undefined,
      });
      return (JSON.parse(answer.body) as { results: { bindings: JsonBinding[] } }).results.bindings;
    };
    const rewritten = await evaluateSpatialFunctions(sparql, options.baseIri, capAware(run));
    if (rewritten === undefined) return this.inner.query(sparql, options);
    return this.inner.query(rewritten, { ...options, timeoutMs: remaining() });
  }

  update(sparql: string, options: UpdateOptions): Promise<void> {
    return this.inner.update(sparql, options);
  }

  replaceGraph(graph: string, data: string, mediaType: RdfMediaType): Promise<number> {
    return this.inner.replaceGraph(graph, data, mediaType);
  }

  graphs(): Promise<GraphInfo[]> {
    return this.inner.graphs();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
