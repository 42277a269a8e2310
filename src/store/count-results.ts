/**
 * Count the solutions in a serialised SELECT answer (for the result cap)
 * without building them: each results format has a cheap, exact marker.
 */
export function countSolutions(body: string, mediaType: string): number {
  switch (mediaType) {
    case 'application/sparql-results+json':
      return (JSON.parse(body) as { results?: { bindings: unknown[] } }).results?.bindings.length ?? 1;
    case 'application/sparql-results+xml':
      // literal text escapes '<', so the tag only appears as markup
      return body.split('<result>').length - 1 + (body.match(/<result\s*\/>/g)?.length ?? 0);
    case 'text/tab-separated-values':
      // TSV escapes line breaks inside terms
      return body.split('\n').filter((line) => line.length > 0).length - 1;
    case 'text/csv': {
      let rows = 0;
      let quoted = false;
      let filled = false;
      for (let i = 0; i < body.length; i++) {
        const c = body.charCodeAt(i);
        if (c === 34) quoted = !quoted;
        if (c === 10 && !quoted) {
          if (filled) rows++;
          filled = false;
        } else if (c !== 13) filled = true;
      }
      return rows + (filled ? 1 : 0) - 1;
    }
    default:
      throw new Error(`cannot count the solutions of a ${mediaType} answer`);
  }
}

/** Count the triples of an N-Triples / N-Quads document (one per non-empty, non-comment line). */
export function countLines(body: string): number {
  let n = 0;
  for (const line of body.split('\n')) if (line.trim() && !line.trimStart().startsWith('#')) n++;
  return n;
}
