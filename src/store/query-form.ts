/**
 * The form of a SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE), read from the
 * first keyword after the prologue (BASE / PREFIX declarations and comments),
 * without parsing the whole query.
 */
import { QuerySyntaxError, type QueryForm } from './types.js';

const PROLOGUE_ITEM = /^(?:\s+|#[^\n\r]*|BASE\s*<[^>]*>|PREFIX\s*[^\s:]*:\s*<[^>]*>)/i;
const FORM = /^(SELECT|ASK|CONSTRUCT|DESCRIBE)\b/i;

export function queryForm(sparql: string): QueryForm {
  let rest = sparql;
  for (let m = PROLOGUE_ITEM.exec(rest); m && m[0].length > 0; m = PROLOGUE_ITEM.exec(rest)) rest = rest.slice(m[0].length);
  const form = FORM.exec(rest);
  if (!form)
    throw new QuerySyntaxError(
      `not a SPARQL query: expected SELECT, ASK, CONSTRUCT or DESCRIBE after the prologue, found "${rest.slice(0, 20)}"`,
    );
  return form[1].toUpperCase() as QueryForm;
}
