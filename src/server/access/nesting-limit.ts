/**
 * How deeply a SPARQL text nests its brackets ({ ( [), read before any parser
 * sees it: parsers and query engines recurse per level, and 10,000 nested
 * groups overflow their stacks. Strings, IRIs and comments are skipped.
 */
export const MAX_NESTING = 256;

const IRI = /<[^<>"{}|^`\\\s]*>/y;

export function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '{' || c === '(' || c === '[') deepest = Math.max(deepest, ++depth);
    else if (c === '}' || c === ')' || c === ']') depth = Math.max(0, depth - 1);
    else if (c === '#') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (c === '<') {
      IRI.lastIndex = i;
      if (IRI.test(text)) i = IRI.lastIndex - 1;
    } else if (c === '"' || c === "'") {
      const long = text.startsWith(c.repeat(3), i);
      const close = long ? c.repeat(3) : c;
      let j = i + close.length;
      while (j < text.length && !text.startsWith(close, j)) {
        if (text[j] === '\\') j++;
        else if (!long && text[j] === '\n') break;
        j++;
      }
      i = j + close.length - 1;
    }
  }
  return deepest;
}

/** A message when the text nests deeper than `max`, else undefined. */
export function nestingProblem(text: string, max = MAX_NESTING): string | undefined {
  const depth = nestingDepth(text);
  return depth > max ? `the query nests ${depth} levels of brackets; at most ${max} are accepted` : undefined;
}
