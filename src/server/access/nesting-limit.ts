/**
 * How deeply a SPARQL text nests its brackets ({ ( [), read before any parser
 * sees it: parsers and query engines recurse per level, and 10,000 nested
 * groups overflow their stacks. Strings, IRIs and comments are skipped (the
 * scanner is shared with untrusted Turtle: the same lexical tokens).
 */
import { bracketDepth } from '../../data/validate/input-limits.js';

export const MAX_NESTING = 256;

export const nestingDepth = bracketDepth;

/** A message when the text nests deeper than `max`, else undefined. */
export function nestingProblem(text: string, max = MAX_NESTING): string | undefined {
  const depth = nestingDepth(text);
  return depth > max ? `the query nests ${depth} levels of brackets; at most ${max} are accepted` : undefined;
}
