/**
 * Split a PostgreSQL script into statements, keeping where each one starts.
 * Semicolons inside string literals ('…', E'…'), quoted identifiers ("…"),
 * dollar-quoted bodies ($tag$…$tag$), line comments (--) and nested block
 * comments (/* … *\/) do not end a statement. Comments that stand between
 * statements are dropped; comments inside a statement are kept verbatim.
 */

export interface SqlStatement {
  /** 1-based position of the statement in its script. */
  index: number;
  /** 1-based line where the statement's first token is. */
  line: number;
  /** The statement text without the terminating semicolon. */
  sql: string;
  /** The comment lines (without `--`) that directly follow the statement, up to the next statement. */
  trailingComment?: string;
}

export class SqlSplitError extends Error {
  constructor(message: string, readonly line: number) {
    super(message);
    this.name = 'SqlSplitError';
  }
}

export function splitSqlStatements(text: string): SqlStatement[] {
  const out: SqlStatement[] = [];
  let line = 1;
  let start = -1; // offset of the first token of the current statement
  let startLine = 0;
  let i = 0;
  const n = text.length;
  const finish = (end: number) => {
    if (start >= 0) {
      const sql = text.slice(start, end).trim();
      if (sql) out.push({ index: out.length + 1, line: startLine, sql });
    }
    start = -1;
  };
  const begin = () => {
    if (start < 0) {
      start = i;
      startLine = line;
    }
  };
  let pendingComments: string[] = [];
  const flushComments = () => {
    if (pendingComments.length && out.length && start < 0) {
      const last = out[out.length - 1]!;
      last.trailingComment = [last.trailingComment, ...pendingComments].filter(Boolean).join('\n');
    }
    pendingComments = [];
  };
  while (i < n) {
    const c = text[i]!;
    if (c === '\n') {
      line++;
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\ufeff') {
      i++;
      continue;
    }
    if (c === '-' && text[i + 1] === '-') {
      const eol = text.indexOf('\n', i);
      const end = eol < 0 ? n : eol;
      if (start < 0) pendingComments.push(text.slice(i + 2, end).trim());
      i = end;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const openLine = line;
      let depth = 1;
      i += 2;
      while (i < n && depth > 0) {
        if (text[i] === '\n') line++;
        if (text[i] === '/' && text[i + 1] === '*') {
          depth++;
          i += 2;
        } else if (text[i] === '*' && text[i + 1] === '/') {
          depth--;
          i += 2;
        } else i++;
      }
      if (depth > 0) throw new SqlSplitError(`block comment opened on line ${openLine} is never closed`, openLine);
      continue;
    }
    if (start < 0) flushComments();
    if (c === ';') {
      finish(i);
      i++;
      continue;
    }
    begin();
    if (c === "'" || c === '"') {
      const openLine = line;
      // E'…' strings allow backslash escapes; standard strings and identifiers only doubling.
      const backslash = c === "'" && i > 0 && /[eE]/.test(text[i - 1]!) && (i < 2 || !/[A-Za-z0-9_]/.test(text[i - 2]!));
      i++;
      for (;;) {
        if (i >= n) throw new SqlSplitError(`${c === "'" ? 'string literal' : 'quoted identifier'} opened on line ${openLine} is never closed`, openLine);
        const d = text[i]!;
        if (d === '\n') line++;
        if (backslash && d === '\\') {
          i += 2;
          continue;
        }
        if (d === c) {
          if (text[i + 1] === c) {
            i += 2;
            continue;
          }
          i++;
          break;
        }
        i++;
      }
      continue;
    }
    if (c === '$') {
      const m = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(text.slice(i, i + 64));
      const prev = i > 0 ? text[i - 1]! : ' ';
      if (m && !/[A-Za-z0-9_]/.test(prev)) {
        const tag = m[0];
        const close = text.indexOf(tag, i + tag.length);
        if (close < 0) throw new SqlSplitError(`dollar-quoted string ${tag} opened on line ${line} is never closed`, line);
        for (let k = i; k < close + tag.length; k++) if (text[k] === '\n') line++;
        i = close + tag.length;
        continue;
      }
    }
    i++;
  }
  finish(n);
  flushComments();
  return out;
}
