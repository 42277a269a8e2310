/**
 * What a warehouse database holds: its tables with columns, primary keys and
 * foreign keys, read from the PostgreSQL catalog of the current schema.
 */
import type pg from 'pg';

export interface CatalogColumn {
  name: string;
  /** udt name: int4, varchar, date, timestamp, bool, numeric, text, geometry … */
  type: string;
}

export interface CatalogForeignKey {
  column: string;
  table: string;
  targetColumn: string;
}

export interface CatalogTable {
  name: string;
  columns: CatalogColumn[];
  /** Primary key column (single-column keys only; undefined when none or composite). */
  primaryKey?: string;
  foreignKeys: CatalogForeignKey[];
}

export async function readCatalog(client: pg.Client, schema?: string): Promise<Map<string, CatalogTable>> {
  const s = schema ?? (await client.query<{ s: string }>('SELECT current_schema() AS s')).rows[0]!.s;
  const cols = await client.query<{ t: string; c: string; ty: string }>(
    `SELECT cl.relname AS t, a.attname AS c, ty.typname AS ty
       FROM pg_attribute a
       JOIN pg_class cl ON cl.oid = a.attrelid AND cl.relkind IN ('r', 'p')
       JOIN pg_namespace n ON n.oid = cl.relnamespace
       JOIN pg_type ty ON ty.oid = a.atttypid
      WHERE n.nspname = $1 AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY cl.relname, a.attnum`, [s]);
  const tables = new Map<string, CatalogTable>();
  for (const r of cols.rows) {
    if (r.t === 'spatial_ref_sys') continue; // PostGIS' own table
    let t = tables.get(r.t);
    if (!t) tables.set(r.t, (t = { name: r.t, columns: [], foreignKeys: [] }));
    t.columns.push({ name: r.c, type: r.ty });
  }
  const raw = await client.query<{ t: string; kind: string; cols: string; ft: string | null; fcols: string | null }>(
    `SELECT cl.relname AS t, co.contype AS kind,
            array_to_string(ARRAY(SELECT a.attname FROM unnest(co.conkey) k JOIN pg_attribute a ON a.attrelid = co.conrelid AND a.attnum = k), ',') AS cols,
            fcl.relname AS ft,
            array_to_string(ARRAY(SELECT a.attname FROM unnest(co.confkey) k JOIN pg_attribute a ON a.attrelid = co.confrelid AND a.attnum = k), ',') AS fcols
       FROM pg_constraint co
       JOIN pg_class cl ON cl.oid = co.conrelid
       JOIN pg_namespace n ON n.oid = cl.relnamespace
       LEFT JOIN pg_class fcl ON fcl.oid = co.confrelid
      WHERE n.nspname = $1 AND co.contype IN ('p', 'f')
      ORDER BY cl.relname, co.conname`, [s]);
  const keys = raw.rows.map((k) => ({ ...k, cols: k.cols ? k.cols.split(',') : [], fcols: k.fcols ? k.fcols.split(',') : null }));
  for (const k of keys) {
    const t = tables.get(k.t);
    if (!t) continue;
    if (k.kind === 'p' && k.cols.length === 1) t.primaryKey = k.cols[0];
    if (k.kind === 'f' && k.cols.length === 1 && k.ft && k.fcols?.length === 1) {
      if (!t.foreignKeys.some((f) => f.column === k.cols[0] && f.table === k.ft)) t.foreignKeys.push({ column: k.cols[0]!, table: k.ft, targetColumn: k.fcols[0]! });
    }
  }
  return tables;
}
