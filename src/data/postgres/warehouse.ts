/**
 * Build ONE GGM data warehouse from the GGM's own DDL (one file per diagram,
 * in domain folders), the way a municipality would: every file, statement by
 * statement, in four phases (extension, tables, enumeration values, constraints),
 * coping with the DDL's defects and reporting each of them:
 *
 * - a table created again by another diagram: the columns it lacks are added
 *   (a column that exists with another type is reported, the first type kept);
 * - geometry columns need PostGIS (`CREATE EXTENSION postgis`); without it they
 *   become TEXT holding WKT, reported;
 * - enumeration values inserted again: the duplicates are skipped
 *   (ON CONFLICT DO NOTHING), a duplicate id with another value is reported;
 * - foreign keys that name a missing column/table or repeat a constraint: skipped, reported.
 *
 * The GGM's files are never changed; only what is executed differs.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';
import { connect } from './database.js';
import { splitSqlStatements, SqlSplitError, type SqlStatement } from './sql-statements.js';

export interface DdlDefect {
  /** Path of the DDL file relative to the DDL folder. */
  file: string;
  /** 1-based statement number within the file, and the line it starts on. */
  statement: number;
  line: number;
  severity: 'error' | 'warning' | 'info';
  /** Short code: duplicate-table, column-type-conflict, duplicate-enum-value, conflicting-enum-value, broken-foreign-key, duplicate-constraint, primary-key-conflict, invalid-identifier, truncated-identifier, no-postgis, failed-statement, unparsable-file. */
  kind: string;
  message: string;
}

export interface WarehouseReport {
  files: number;
  statements: number;
  executed: number;
  tables: number;
  /** Columns added to an existing table by a repeated CREATE TABLE. */
  mergedColumns: number;
  foreignKeys: number;
  enumRows: number;
  postgis: boolean;
  defects: DdlDefect[];
  ms: number;
}

export interface BuildOptions {
  /** Called after each phase / file; for progress displays. */
  onProgress?: (done: number, total: number, phase: string) => void;
}

interface Located {
  file: string;
  stmt: SqlStatement;
}

/** All *.sql files under a folder, sorted by path (deterministic order). */
export async function listDdlFiles(ddlDir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string) => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (e) {
      throw new Error(`cannot read DDL folder ${dir}: ${(e as Error).message}`);
    }
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile() && e.name.toLowerCase().endsWith('.sql')) out.push(p);
    }
  };
  await walk(ddlDir);
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

const CREATE_TABLE = /^CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?("?[\w.]+"?)\s*\(([\s\S]*)\)\s*$/i;
const INSERT = /^INSERT\s+INTO\s+("?[\w.]+"?)\s*\(([^)]*)\)\s*VALUES\s*([\s\S]*)$/i;
const ADD_FK = /^ALTER\s+TABLE\s+("?\w+"?)\s+ADD\s+CONSTRAINT\s+("?\w+"?)\s+FOREIGN\s+KEY\s*\(([^)]*)\)\s*REFERENCES\s+("?\w+"?)\s*\(([^)]*)\)/i;

/** Build the warehouse in the database of `connectionString` from every DDL file under `ddlDir`. */
export async function buildWarehouse(connectionString: string, ddlDir: string, options: BuildOptions = {}): Promise<WarehouseReport> {
  const started = Date.now();
  const files = await listDdlFiles(ddlDir);
  if (files.length === 0) throw new Error(`no .sql files under ${ddlDir}`);
  const defects: DdlDefect[] = [];
  const phases: Record<'create' | 'insert' | 'other', Located[]> = { create: [], insert: [], other: [] };
  let statements = 0;
  for (const f of files) {
    const rel = path.relative(ddlDir, f);
    let stmts: SqlStatement[];
    try {
      stmts = splitSqlStatements(await readFile(f, 'utf8'));
    } catch (e) {
      if (!(e instanceof SqlSplitError)) throw e;
      defects.push({ file: rel, statement: 0, line: e.line, severity: 'error', kind: 'unparsable-file', message: `${e.message}; file skipped` });
      continue;
    }
    statements += stmts.length;
    for (const s of stmts) {
      const phase = /^CREATE\s+TABLE/i.test(s.sql) ? 'create' : /^INSERT/i.test(s.sql) ? 'insert' : 'other';
      phases[phase].push({ file: rel, stmt: s });
    }
  }

  const client = await connect(connectionString);
  const report: WarehouseReport = {
    files: files.length, statements, executed: 0, tables: 0, mergedColumns: 0, foreignKeys: 0, enumRows: 0, postgis: false, defects, ms: 0,
  };
  const defect = (at: Located, severity: DdlDefect['severity'], kind: string, message: string) =>
    defects.push({ file: at.file, statement: at.stmt.index, line: at.stmt.line, severity, kind, message });
  try {
    // Thousands of small DDL statements: do not wait for each commit to reach the disk.
    await client.query('SET synchronous_commit TO off');
    try {
      await client.query('CREATE EXTENSION IF NOT EXISTS postgis');
      report.postgis = true;
    } catch (e) {
      defects.push({
        file: '(warehouse)', statement: 0, line: 0, severity: 'error', kind: 'no-postgis',
        message: `PostGIS is not available (${(e as Error).message}); GEOMETRY columns are created as TEXT holding WKT. Install it (Debian: postgresql-15-postgis-3) for real geometry.`,
      });
    }
    const tables = await existingColumns(client);
    const total = phases.create.length + phases.insert.length + phases.other.length;
    let done = 0;
    const tick = (phase: string) => {
      done++;
      if (done % 200 === 0 || done === total) options.onProgress?.(done, total, phase);
    };

    const pending: PendingCreate[] = [];
    for (const at of phases.create) {
      await createOrMergeTable(client, at, tables, report, defect, pending);
      tick('tables');
    }
    await flushCreates(client, pending, tables, report, defect);
    for (const at of phases.insert) {
      await insertEnumValues(client, at, report, defect);
      tick('enumeration values');
    }
    // Constraints: statements predicted to succeed go in batches of one round trip (a batch
    // is one implicit transaction); a failing batch is re-run statement by statement.
    const constraintNames = new Set<string>();
    const runOne = async (at: Located) => {
      const fk = ADD_FK.exec(at.stmt.sql);
      const err = await tryQuery(client, at.stmt.sql);
      if (!err) {
        report.executed++;
        if (fk) {
          report.foreignKeys++;
          constraintNames.add(identifier(fk[2]!));
        }
      } else if (fk) {
        const [, table, name, cols, target, targetCols] = fk.map((x) => x?.replace(/"/g, '')) as string[];
        const where = `foreign key ${name} ${table} (${cols}) → ${target} (${targetCols})`;
        if (err.code === '42710') defect(at, 'info', 'duplicate-constraint', `${where}: a constraint with this name already exists (the same relation is in another diagram); skipped`);
        else if (err.code === '42703') defect(at, 'error', 'broken-foreign-key', `${where}: ${err.message}; skipped`);
        else if (err.code === '42P01') defect(at, 'error', 'broken-foreign-key', `${where}: ${err.message}; skipped`);
        else defect(at, 'error', 'broken-foreign-key', `${where}: ${err.message} (SQLSTATE ${err.code}); skipped`);
      } else {
        defect(at, 'error', 'failed-statement', `${firstLine(at.stmt.sql)}: ${err.message} (SQLSTATE ${err.code}); skipped`);
      }
    };
    const likelyFine = (at: Located): boolean => {
      const fk = ADD_FK.exec(at.stmt.sql);
      if (!fk) return false;
      const [, table, name, col, target, targetCol] = fk.map((x) => (x === undefined ? '' : identifier(x.trim())));
      const has = (t: string, c: string) => tables.get(t)?.has(c.slice(0, MAX_IDENTIFIER)) ?? false;
      return !constraintNames.has(name!) && has(table!, col!) && has(target!, targetCol!);
    };
    let batch: Located[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const err = batch.length > 1 ? await tryQuery(client, batch.map((b) => b.stmt.sql).join(';\n')) : 'single';
      if (err) for (const at of batch) await runOne(at);
      else {
        report.executed += batch.length;
        report.foreignKeys += batch.length;
      }
      batch = [];
    };
    for (const at of phases.other) {
      if (likelyFine(at)) {
        batch.push(at);
        constraintNames.add(identifier(ADD_FK.exec(at.stmt.sql)![2]!));
        if (batch.length >= 100) await flush();
      } else {
        await flush();
        await runOne(at);
      }
      tick('constraints');
    }
    await flush();
    report.tables = tables.size;
  } finally {
    await client.end();
  }
  report.ms = Date.now() - started;
  return report;
}

type Tables = Map<string, Map<string, string>>;

async function existingColumns(client: pg.Client): Promise<Tables> {
  const r = await client.query<{ t: string; c: string; ty: string }>(
    `SELECT table_name AS t, column_name AS c, COALESCE(udt_name, data_type) AS ty FROM information_schema.columns WHERE table_schema = current_schema()`,
  );
  const m: Tables = new Map();
  for (const row of r.rows) {
    let t = m.get(row.t);
    if (!t) m.set(row.t, (t = new Map<string, string>()));
    t.set(row.c, row.ty);
  }
  return m;
}

/** Split a column list on top-level commas (DECIMAL(10,2) has a comma inside). */
export function splitColumnDefinitions(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  let quote: string | undefined;
  for (const ch of body) {
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(cur.trim());
      cur = '';
      continue;
    }
    cur += ch;
  }
  if (cur.trim()) parts.push(cur.trim());
  return parts;
}

const identifier = (s: string) => (s.startsWith('"') ? s.slice(1, -1) : s.toLowerCase());
/** NAMEDATALEN - 1: longer identifiers are truncated by PostgreSQL. */
const MAX_IDENTIFIER = 63;
const TABLE_CONSTRAINT = /^(CONSTRAINT|PRIMARY\s+KEY|FOREIGN\s+KEY|UNIQUE|CHECK|EXCLUDE)\b/i;

interface PendingCreate {
  at: Located;
  table: string;
  sql: string;
}

/**
 * Create the queued new tables in one round trip (one implicit transaction); when that
 * fails, one by one, so each failing statement is reported with its own position.
 */
async function flushCreates(
  client: pg.Client, pending: PendingCreate[], tables: Tables, report: WarehouseReport,
  defect: (at: Located, s: DdlDefect['severity'], k: string, m: string) => void,
): Promise<void> {
  const batch = pending.splice(0, pending.length);
  if (batch.length === 0) return;
  if (batch.length > 1 && !(await tryQuery(client, batch.map((p) => p.sql).join(';\n')))) {
    report.executed += batch.length;
    return;
  }
  for (const p of batch) {
    const err = await tryQuery(client, p.sql);
    if (err) {
      tables.delete(p.table);
      defect(p.at, 'error', 'failed-statement', `CREATE TABLE ${p.table}: ${err.message} (SQLSTATE ${err.code}); skipped`);
    } else report.executed++;
  }
}

async function createOrMergeTable(
  client: pg.Client, at: Located, tables: Tables, report: WarehouseReport,
  defect: (at: Located, s: DdlDefect['severity'], k: string, m: string) => void,
  pending: PendingCreate[],
): Promise<void> {
  const m = CREATE_TABLE.exec(at.stmt.sql);
  if (!m) {
    const err = await tryQuery(client, at.stmt.sql);
    if (err) defect(at, 'error', 'failed-statement', `${firstLine(at.stmt.sql)}: ${err.message} (SQLSTATE ${err.code}); skipped`);
    else report.executed++;
    return;
  }
  const table = identifier(m[1]!);
  const parts = splitColumnDefinitions(m[2]!);
  const columns = parts
    .filter((d) => !TABLE_CONSTRAINT.test(d))
    .map((d) => {
      const cm = /^("[^"]+"|\S+)\s+([\s\S]*)$/.exec(d);
      const name = identifier(cm ? cm[1]! : d);
      const rest = cm ? cm[2]! : '';
      let type = rest.replace(/\s+PRIMARY\s+KEY\b|\s+NOT\s+NULL\b|\s+NULL\b|\s+UNIQUE\b|\s+REFERENCES\b[\s\S]*|\s+DEFAULT\b[\s\S]*/gi, '').trim();
      if (!report.postgis) type = type.replace(/\bGEOMETRY\b(\s*\([^)]*\))?/gi, 'TEXT');
      return { name, type, primaryKey: /\bPRIMARY\s+KEY\b/i.test(rest), invalidName: /^[0-9$]/.test(name) };
    });
  for (const c of columns.filter((c) => c.invalidName)) {
    defect(at, 'warning', 'invalid-identifier', `column ${table}.${c.name} starts with a digit, which PostgreSQL does not accept unquoted; created as the quoted identifier "${c.name}"`);
  }
  for (const c of columns.filter((c) => c.name.length > MAX_IDENTIFIER)) {
    defect(at, 'warning', 'truncated-identifier', `column ${table}.${c.name} is longer than PostgreSQL's ${MAX_IDENTIFIER} characters; PostgreSQL truncates it to ${c.name.slice(0, MAX_IDENTIFIER)}`);
    c.name = c.name.slice(0, MAX_IDENTIFIER);
  }
  const ident = (c: { name: string; invalidName: boolean }) => (c.invalidName ? `"${c.name}"` : c.name);
  const existing = tables.get(table);
  if (!existing) {
    const defs = [
      ...columns.map((c) => `${ident(c)} ${c.type}${c.primaryKey ? ' PRIMARY KEY' : ''}`),
      ...parts.filter((d) => TABLE_CONSTRAINT.test(d)),
    ];
    const fresh = new Map<string, string>();
    for (const c of columns) fresh.set(c.name, c.type.toLowerCase());
    // Queued: created in a batch with other new tables (see flushCreates).
    tables.set(table, fresh);
    pending.push({ at, table, sql: `CREATE TABLE ${table} (\n  ${defs.join(',\n  ')}\n)` });
    if (pending.length >= 100) await flushCreates(client, pending, tables, report, defect);
    return;
  }
  if (pending.some((p) => p.table === table)) await flushCreates(client, pending, tables, report, defect);
  const added: string[] = [];
  for (const c of columns) {
    const had = existing.get(c.name);
    if (had === undefined) {
      const err = await tryQuery(client, `ALTER TABLE ${table} ADD COLUMN ${ident(c)} ${c.type}${c.primaryKey ? ' UNIQUE' : ''}`);
      if (err) defect(at, 'error', 'failed-statement', `adding column ${table}.${c.name} ${c.type}: ${err.message}`);
      else {
        existing.set(c.name, c.type.toLowerCase());
        added.push(c.name);
        if (c.primaryKey) {
          defect(at, 'warning', 'primary-key-conflict', `table ${table} is created again with primary key ${c.name}, but it already has another primary key; ${c.name} added as a UNIQUE column so foreign keys to it still work`);
        }
      }
    } else if (!sameType(had, c.type)) {
      defect(at, 'warning', 'column-type-conflict', `table ${table} is created again with column ${c.name} ${c.type}, but it exists as ${had}; the first type is kept`);
    }
  }
  report.mergedColumns += added.length;
  report.executed++;
  defect(at, 'info', 'duplicate-table', `table ${table} already exists (created by another diagram); merged: ${added.length ? `added column(s) ${added.join(', ')}` : 'no new columns'}`);
}

const TYPE_ALIASES: Record<string, string> = {
  int4: 'integer', int: 'integer', int8: 'bigint', bool: 'boolean', varchar: 'character varying', numeric: 'decimal',
  timestamp: 'timestamp', text: 'text', date: 'date', float8: 'double precision',
};
function normType(t: string): string {
  const base = t.toLowerCase().replace(/\s+/g, ' ').trim();
  const m = /^([a-z0-9 ]+?)\s*(\(.*\))?$/.exec(base);
  const name = m ? m[1]! : base;
  return `${TYPE_ALIASES[name] ?? name}${m?.[2]?.replace(/\s/g, '') ?? ''}`;
}
function sameType(a: string, b: string): boolean {
  return normType(a) === normType(b);
}

async function insertEnumValues(
  client: pg.Client, at: Located, report: WarehouseReport,
  defect: (at: Located, s: DdlDefect['severity'], k: string, m: string) => void,
): Promise<void> {
  const m = INSERT.exec(at.stmt.sql);
  if (!m || /\bON\s+CONFLICT\b/i.test(at.stmt.sql)) {
    const err = await tryQuery(client, at.stmt.sql);
    if (err) defect(at, 'error', 'failed-statement', `${firstLine(at.stmt.sql)}: ${err.message} (SQLSTATE ${err.code}); skipped`);
    else report.executed++;
    return;
  }
  const table = identifier(m[1]!);
  const cols = m[2]!.split(',').map((c) => identifier(c.trim()));
  const tuples = parseValueTuples(m[3]!);
  const res = await client.query(`${at.stmt.sql} ON CONFLICT DO NOTHING`).catch((e: pg.DatabaseError) => e);
  if (res instanceof Error) {
    defect(at, 'error', 'failed-statement', `INSERT INTO ${table}: ${res.message} (SQLSTATE ${(res as pg.DatabaseError).code}); skipped`);
    return;
  }
  report.executed++;
  const inserted = res.rowCount ?? 0;
  report.enumRows += inserted;
  if (tuples && inserted < tuples.length && cols.length === 2) {
    // Which ids were there already, and with the same value?
    const r = await client.query<{ id: string; v: string | null }>(`SELECT ${cols[0]}::text AS id, ${cols[1]}::text AS v FROM ${table}`);
    const existing = new Map(r.rows.map((x) => [x.id, x.v]));
    const conflicts = tuples.filter((t) => existing.has(t[0]!) && existing.get(t[0]!) !== t[1]);
    defect(at, 'info', 'duplicate-enum-value', `${tuples.length - inserted} of ${tuples.length} values of ${table} were already inserted by another diagram; skipped`);
    for (const c of conflicts) {
      defect(at, 'error', 'conflicting-enum-value', `${table} id ${c[0]} is ${JSON.stringify(existing.get(c[0]!))} from an earlier diagram but ${JSON.stringify(c[1])} here; the earlier value is kept`);
    }
  }
}

/** VALUES (1, 'A'), (2, 'B''s') → [['1','A'], ['2',"B's"]]; undefined when not that simple shape. */
export function parseValueTuples(values: string): string[][] | undefined {
  const out: string[][] = [];
  const re = /\s*\(\s*((?:'(?:[^']|'')*'|[^,()']+)(?:\s*,\s*(?:'(?:[^']|'')*'|[^,()']+))*)\s*\)\s*(,|$)/gy;
  let m: RegExpExecArray | null;
  const text = values.trim();
  re.lastIndex = 0;
  while ((m = re.exec(text))) {
    const fields = [...m[1]!.matchAll(/'((?:[^']|'')*)'|([^,\s][^,]*)/g)].map((f) => (f[1] !== undefined ? f[1].replace(/''/g, "'") : f[2]!.trim()));
    out.push(fields);
    if (m[2] === '') break;
  }
  return re.lastIndex === 0 && out.length === 0 ? undefined : out;
}

async function tryQuery(client: pg.Client, sql: string): Promise<pg.DatabaseError | undefined> {
  try {
    await client.query(sql);
    return undefined;
  } catch (e) {
    if (e instanceof Error && /^[0-9A-Z]{5}$/.test(String((e as pg.DatabaseError).code))) return e as pg.DatabaseError;
    throw e;
  }
}

function firstLine(sql: string): string {
  const l = sql.split('\n')[0]!;
  return l.length > 100 ? `${l.slice(0, 100)}…` : l;
}

/** A short human-readable summary of a warehouse build (for the CLI): counts, then defects by kind with examples. */
export function summariseWarehouseReport(r: WarehouseReport, examplesPerKind = 3): string[] {
  const lines = [
    `${r.files} DDL files, ${r.statements} statements (${r.executed} executed) in ${r.ms} ms: ${r.tables} tables, ${r.mergedColumns} columns merged into tables created by several diagrams, ${r.foreignKeys} foreign keys, ${r.enumRows} enumeration values${r.postgis ? '' : ', WITHOUT PostGIS'}`,
  ];
  const byKind = new Map<string, DdlDefect[]>();
  for (const d of r.defects) {
    const k = `${d.severity} ${d.kind}`;
    byKind.set(k, [...(byKind.get(k) ?? []), d]);
  }
  const order = { error: 0, warning: 1, info: 2 } as const;
  for (const [k, ds] of [...byKind].sort((a, b) => order[a[1][0]!.severity] - order[b[1][0]!.severity] || (a[0] < b[0] ? -1 : 1))) {
    lines.push(`${k}: ${ds.length}`);
    for (const d of ds.slice(0, examplesPerKind)) lines.push(`  ${d.file}:${d.line} (statement ${d.statement}): ${d.message}`);
  }
  return lines;
}
