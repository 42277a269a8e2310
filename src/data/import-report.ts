/**
 * What an import reports: per source table/file the rows read, triples written,
 * rows and values rejected (each with row key, column, value and why), and the
 * mapping decisions (unmapped tables and columns, ambiguous names).
 */

export interface RowIssue {
  /** Table name or file name. */
  source: string;
  /** Primary key value, or the 1-based data row number for CSV. */
  row: string;
  column: string;
  value: string;
  why: string;
}

export interface SourceReport {
  source: string;
  /** The objecttype the table/file was mapped to (name and GUID), if any. */
  objecttype?: { name: string; guid: string };
  rowsRead: number;
  triples: number;
  /** Rows that produced nothing (no key). */
  rowsRejected: number;
  /** Values left out (wrong type, unknown code, dangling reference …). */
  valuesRejected: number;
  /** Values published without their leading/trailing white space (CSV). */
  valuesTrimmed?: number;
  /** The first issues (at most `issueLimit` per source); issuesTotal counts all. */
  issues: RowIssue[];
  issuesTotal: number;
  ms: number;
}

export interface MappingNote {
  source: string;
  column?: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
}

export interface ImportReport {
  sources: SourceReport[];
  mapping: MappingNote[];
  rowsRead: number;
  triples: number;
  ms: number;
}

export const DEFAULT_ISSUE_LIMIT = 1000;

export function newSourceReport(source: string, objecttype?: { name: string; guid: string }): SourceReport {
  return { source, objecttype, rowsRead: 0, triples: 0, rowsRejected: 0, valuesRejected: 0, issues: [], issuesTotal: 0, ms: 0 };
}

export function addIssue(r: SourceReport, issue: Omit<RowIssue, 'source'>, limit = DEFAULT_ISSUE_LIMIT): void {
  r.issuesTotal++;
  if (r.issues.length < limit) r.issues.push({ source: r.source, ...issue, value: issue.value.length > 200 ? `${issue.value.slice(0, 200)}…` : issue.value });
}

/** A short human-readable summary (for the CLI). */
export function summariseReport(report: ImportReport): string[] {
  const lines = [`${report.rowsRead.toLocaleString('en')} rows → ${report.triples.toLocaleString('en')} triples in ${report.ms} ms`];
  for (const s of report.sources) {
    if (s.rowsRead === 0 && s.issuesTotal === 0) continue;
    lines.push(`  ${s.source}${s.objecttype ? ` (${s.objecttype.name})` : ''}: ${s.rowsRead} rows, ${s.triples} triples${s.rowsRejected ? `, ${s.rowsRejected} rows rejected` : ''}${s.valuesRejected ? `, ${s.valuesRejected} values rejected` : ''}${s.valuesTrimmed ? `, ${s.valuesTrimmed} values trimmed of leading/trailing spaces` : ''}`);
    for (const i of s.issues.slice(0, 5)) lines.push(`    row ${i.row}, ${i.column} = ${JSON.stringify(i.value)}: ${i.why}`);
    if (s.issuesTotal > 5) lines.push(`    … ${s.issuesTotal - 5} more`);
  }
  const warnings = report.mapping.filter((m) => m.severity !== 'info');
  if (warnings.length) lines.push(`${warnings.length} mapping notes (unmapped tables/columns, ambiguities)`);
  return lines;
}
