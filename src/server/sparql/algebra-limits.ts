/**
 * Size and depth limits on the algebra of a query or update, checked on the
 * parsed text before any store sees it. Query engines build and evaluate their
 * algebra recursively: Oxigraph (WebAssembly) overflows its stack on a property
 * path of ~650 steps, ~800 OPTIONAL / MINUS / BIND in one group, ~1,300
 * alternatives, ~2,200 chained operators in one expression or UNION branches,
 * and ~13,000 values in one IN list — and a WebAssembly instance that overflowed
 * is broken for good. Brackets nested in the text are limited before parsing
 * (nesting-limit.ts); these limits cover what is flat in the text but deep or
 * large in the algebra. They sit well below those breaking points and far above
 * what the analyst query library needs (a test checks both).
 */
export interface AlgebraLimits {
  /** Triple patterns in the whole query (an update's WHERE clauses). */
  triplePatterns: number;
  /** Graph-pattern operators: OPTIONAL, MINUS, UNION branches, FILTER, BIND, VALUES, GRAPH, SERVICE, groups, subqueries. */
  operators: number;
  /** Steps (IRIs) in one property path. */
  pathSteps: number;
  /** Operators and function calls nested in one expression (a || b || c … nests one level per operator). */
  expressionDepth: number;
  /** Operators, function calls and their arguments (IN list values included) in all expressions. */
  expressionTerms: number;
}

/** In the order they are checked (the first one passed is named): the more specific first. */
export const ALGEBRA_LIMITS: AlgebraLimits = {
  pathSteps: 64,
  operators: 256,
  expressionDepth: 256,
  expressionTerms: 4096,
  triplePatterns: 256,
};

/** What the limits are called in messages (and in the README). */
const NAMES: Record<keyof AlgebraLimits, [what: string, limit: string]> = {
  triplePatterns: ['triple patterns', 'triple-pattern limit'],
  operators: [
    'graph-pattern operators (OPTIONAL, MINUS, UNION branches, FILTER, BIND, VALUES, GRAPH, groups, subqueries)',
    'operator limit',
  ],
  pathSteps: ['steps in one property path', 'path-length limit'],
  expressionDepth: ['levels of operators nested in one expression', 'expression-depth limit'],
  expressionTerms: ['operators, function calls and arguments in its expressions', 'expression-size limit'],
};

export type AlgebraSize = { [K in keyof AlgebraLimits]: number };

type Node = { [key: string]: unknown };

const OPERATOR_PATTERNS = new Set(['optional', 'minus', 'union', 'graph', 'service', 'filter', 'bind', 'values', 'query', 'group']);
const EXPRESSIONS = new Set(['operation', 'functionCall', 'aggregate']);

/** Steps of a property path (its IRIs), without recursion. */
function pathSteps(path: Node): number {
  let steps = 0;
  const stack: unknown[] = [path];
  while (stack.length) {
    const n = stack.pop() as Node;
    if (n.type === 'path') stack.push(...(n.items as unknown[]));
    else steps++;
  }
  return steps;
}

/**
 * The size of the algebra of a parsed query or update (sparqljs objects). Walks
 * without recursion: the parse tree of a hostile query is as deep as its algebra.
 * Update templates (INSERT DATA and the like) are data, not algebra: only WHERE clauses count.
 */
export function algebraSize(parsed: object): AlgebraSize {
  const size: AlgebraSize = { triplePatterns: 0, operators: 0, pathSteps: 0, expressionDepth: 0, expressionTerms: 0 };
  const roots: unknown[] =
    (parsed as Node).type === 'update'
      ? ((parsed as Node).updates as Node[]).map((u) => u.where).filter((w) => w !== undefined)
      : [(parsed as Node).where, (parsed as Node).having, (parsed as Node).order, (parsed as Node).group, (parsed as Node).variables];
  const stack: Array<[unknown, number]> = roots.filter((r) => r && typeof r === 'object').map((r) => [r, 0]);
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (Array.isArray(node)) {
      for (const n of node) if (n && typeof n === 'object') stack.push([n, depth]);
      continue;
    }
    const n = node as Node;
    let inner = depth;
    if (n.type === 'bgp') {
      for (const t of n.triples as Node[]) {
        size.triplePatterns++;
        const p = t.predicate as Node;
        if (p.type === 'path') size.pathSteps = Math.max(size.pathSteps, pathSteps(p));
      }
      continue;
    }
    if (typeof n.type === 'string' && OPERATOR_PATTERNS.has(n.type))
      size.operators += n.type === 'union' ? (n.patterns as unknown[]).length : 1;
    if (typeof n.type === 'string' && EXPRESSIONS.has(n.type)) {
      inner = depth + 1;
      size.expressionDepth = Math.max(size.expressionDepth, inner);
      size.expressionTerms += 1 + (Array.isArray(n.args) ? n.args.flat().length : 0);
    }
    for (const [key, value] of Object.entries(n))
      if (value && typeof value === 'object' && key !== 'datatype' && key !== 'prefixes') stack.push([value, inner]);
  }
  return size;
}

/** A message naming the first limit the query goes past, or undefined. */
export function algebraProblem(parsed: object, limits: AlgebraLimits = ALGEBRA_LIMITS): string | undefined {
  const size = algebraSize(parsed);
  for (const key of Object.keys(limits) as Array<keyof AlgebraLimits>) {
    if (size[key] > limits[key]) {
      const [what, limit] = NAMES[key];
      return `the query has ${size[key]} ${what}; at most ${limits[key]} are accepted (${limit})`;
    }
  }
  return undefined;
}
