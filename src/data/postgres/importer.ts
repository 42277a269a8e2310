/**
 * A GGM warehouse database → RDF following the ontology. The mapping is derived
 * from the model (see mapping.ts); rows are streamed with a server-side cursor,
 * so memory does not grow with table size. Every table gets a report: rows read,
 * triples written, rows/values rejected with row key, column, value and why.
 */
import { PassThrough, type Readable, type Writable } from 'node:stream';
import Cursor from 'pg-cursor';
import type pg from 'pg';
import type { GgmModel } from '../../model/types.js';
import { GgmIris, iriConfig, instanceTypeSegment, mintNames, NS, type IriConfig, type IriRegister } from '../../iri/index.js';
import { compileAttributeTerm, valueTriples } from '../attribute-term.js';
import { addIssue, DEFAULT_ISSUE_LIMIT, newSourceReport, type ImportReport, type MappingNote, type SourceReport } from '../import-report.js';
import { ModelIndex } from '../model-index.js';
import { fileSink, formatFor, instancePrefixes, iri, iriWithEncodedRef, streamSink, writeInto, type RdfFormat, type RdfSink } from '../rdf-writer.js';
import { readCatalog } from './catalog.js';
import { connect } from './database.js';
import { importPlacement } from '../personal-placement.js';
import { deriveMapping, type JunctionMapping, type TableMapping, type TableRef, type WarehouseMapping } from './mapping.js';
import { loadOverrides, type Overrides } from './overrides.js';

export interface WarehouseImportOptions {
  model: GgmModel;
  iriConfig?: IriConfig;
  /** The IRI register of the published ontology (ontology/iri-register.json), so property IRIs equal the published ones. */
  register?: IriRegister;
  /** Override file (YAML/JSON) or parsed overrides. */
  overrides?: string | Overrides;
  /** Named graph for N-Quads output. */
  graph?: string;
  /** Only these tables (names as in the database). */
  tables?: string[];
  /** Rows per cursor read. */
  batchSize?: number;
  issueLimit?: number;
  /** Told the rows read so far of the table being read, at most twice a second (for a progress display). */
  onProgress?: (table: string, rowsRead: number) => void;
}

const RDF_TYPE = iri(`${NS.rdf}type`);

/** Import into a file (N-Quads, or Turtle for *.ttl), written atomically. */
export async function importWarehouseToFile(connectionString: string, file: string, options: WarehouseImportOptions & { format?: RdfFormat }): Promise<ImportReport> {
  const sink = fileSink(file, { format: options.format ?? formatFor(file), graph: options.graph, place: placementFor(options), prefixes: prefixesFor(options) });
  return runInto(connectionString, sink, options);
}

/** Import as an N-Quads stream (for the store); `report` resolves when the stream has ended. */
export function importWarehouseAsStream(connectionString: string, options: WarehouseImportOptions): { stream: Readable; report: Promise<ImportReport> } {
  const stream = new PassThrough({ highWaterMark: 1 << 20 });
  const sink = streamSink(stream, { format: 'nquads', graph: options.graph, place: placementFor(options) });
  const report = runInto(connectionString, sink, options).catch((e) => {
    stream.destroy(e as Error);
    throw e;
  });
  return { stream, report };
}

/** Import into any writable stream. */
export async function importWarehouseToStream(connectionString: string, out: Writable, options: WarehouseImportOptions & { format?: RdfFormat }): Promise<ImportReport> {
  return runInto(connectionString, streamSink(out, { format: options.format ?? 'nquads', graph: options.graph, place: placementFor(options), prefixes: prefixesFor(options) }), options);
}

/** Personal data into restricted graphs (data/personal-placement.ts). */
function placementFor(options: WarehouseImportOptions) {
  return importPlacement(options.model, options.iriConfig ?? iriConfig(), options.register);
}

function prefixesFor(options: WarehouseImportOptions): Record<string, string> {
  return instancePrefixes(options.iriConfig ?? iriConfig());
}

async function runInto(connectionString: string, sink: RdfSink, options: WarehouseImportOptions): Promise<ImportReport> {
  let client: pg.Client | undefined;
  try {
    return await writeInto(sink, async (s) => {
      client = await connect(connectionString, { text: true });
      return importWith(client, s, options);
    });
  } finally {
    await client?.end().catch(() => {});
  }
}

/** Derive the mapping only (to inspect or document it). */
export async function deriveWarehouseMapping(connectionString: string, options: WarehouseImportOptions): Promise<WarehouseMapping> {
  const client = await connect(connectionString, { text: true });
  try {
    const { mapping } = await prepare(client, options);
    return mapping;
  } finally {
    await client.end();
  }
}

async function prepare(client: pg.Client, options: WarehouseImportOptions) {
  const index = new ModelIndex(options.model);
  const iris = new GgmIris(options.iriConfig ?? iriConfig(), mintNames(options.model, options.register), options.model.version);
  const overrides = typeof options.overrides === 'string' ? await loadOverrides(options.overrides) : options.overrides;
  const catalog = await readCatalog(client);
  const mapping = deriveMapping(catalog, index, iris, overrides);
  return { index, iris, mapping };
}

async function importWith(client: pg.Client, sink: RdfSink, options: WarehouseImportOptions): Promise<ImportReport> {
  const started = Date.now();
  await client.query("SET DateStyle = 'ISO, YMD'; SET IntervalStyle = 'iso_8601'; SET TimeZone = 'UTC'");
  const { index, iris, mapping } = await prepare(client, options);
  const only = options.tables ? new Set(options.tables.map((t) => t.toLowerCase())) : undefined;
  const ctx: Ctx = {
    client, sink, index, iris, mapping,
    config: iris.config,
    batchSize: options.batchSize ?? 5000,
    issueLimit: options.issueLimit ?? DEFAULT_ISSUE_LIMIT,
    onProgress: options.onProgress,
    enumValues: new Map(),
    notes: mapping.notes,
    checkedLookups: new Set(),
  };
  const report: ImportReport = { sources: [], mapping: mapping.notes, rowsRead: 0, triples: 0, ms: 0 };
  for (const t of mapping.tables) {
    if (only && !only.has(t.table)) continue;
    report.sources.push(await importTable(ctx, t));
  }
  for (const j of mapping.junctions) {
    if (only && !only.has(j.table)) continue;
    report.sources.push(await importJunction(ctx, j));
  }
  for (const s of report.sources) {
    report.rowsRead += s.rowsRead;
    report.triples += s.triples;
  }
  report.ms = Date.now() - started;
  return report;
}

interface Ctx {
  client: pg.Client;
  sink: RdfSink;
  index: ModelIndex;
  iris: GgmIris;
  mapping: WarehouseMapping;
  config: IriConfig;
  batchSize: number;
  issueLimit: number;
  onProgress?: (table: string, rowsRead: number) => void;
  /** enum table → id → VALUE */
  enumValues: Map<string, Map<string, string>>;
  /** Mapping notes of the report (lookup-table values that are no code-list value are added here). */
  notes: MappingNote[];
  checkedLookups: Set<string>;
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The instance IRI prefix of a type, checked once: instanceIri(config, local, ref) === prefix + encodeURIComponent(ref). */
function subjectPrefix(config: IriConfig, local: string): string {
  const prefix = `${config.instanceBase}id/${instanceTypeSegment(local)}/`;
  if (iri(prefix) !== `<${prefix}>`) throw new Error(`instance IRI prefix needs escaping: ${prefix}`);
  return prefix;
}

/**
 * A reference column: the value and the key of the row it points to (NULL when none), by a LEFT JOIN
 * on the target's unique column (its primary key or the column a foreign key names).
 */
function referenceSql(column: string, target: TableRef, alias: string): { select: string; join: string } {
  return {
    select: `t.${q(column)}::text, ${alias}.${q(target.key)}::text`,
    join: target.compareAsText
      ? `LEFT JOIN ${q(target.table)} ${alias} ON ${alias}.${q(target.column)}::text = t.${q(column)}::text`
      : `LEFT JOIN ${q(target.table)} ${alias} ON ${alias}.${q(target.column)} = t.${q(column)}`,
  };
}

async function enumValues(ctx: Ctx, table: string): Promise<Map<string, string>> {
  let m = ctx.enumValues.get(table);
  if (!m) {
    const cols = ctx.mapping.enumTables.get(table)!;
    const r = await ctx.client.query<{ k: string; v: string }>(`SELECT ${q(cols.key)}::text AS k, ${q(cols.value)}::text AS v FROM ${q(table)}`);
    m = new Map(r.rows.map((x) => [x.k, x.v]));
    ctx.enumValues.set(table, m);
  }
  return m;
}

type Emit = (subject: string, row: unknown[], rep: SourceReport, key: string) => void;

async function importTable(ctx: Ctx, t: TableMapping): Promise<SourceReport> {
  const started = Date.now();
  const rep = newSourceReport(t.table, { name: t.objecttype.name, guid: t.objecttype.guid });
  const select: string[] = [`t.${q(t.key)}::text`];
  const joins: string[] = [];
  const emits: Emit[] = [];
  let pos = 1;
  const { sink, index, iris } = ctx;
  for (const c of t.columns) {
    const i = pos;
    const predicate = iri(c.predicate);
    const issue = (rep: SourceReport, key: string, value: string, why: string) => {
      rep.valuesRejected++;
      addIssue(rep, { row: key, column: c.column, value, why }, ctx.issueLimit);
    };
    switch (c.kind) {
      case 'literal':
      case 'plain':
      case 'objectref': {
        const geo = c.kind === 'literal' && c.geometryColumn;
        select.push(geo ? `ST_AsText(t.${q(c.column)}), ST_SRID(t.${q(c.column)})::text` : `t.${q(c.column)}::text`);
        pos += geo ? 2 : 1;
        const a = c.attribuut;
        const term = compileAttributeTerm(a, index, iris);
        emits.push((s, row, rep, key) => {
          const v = row[i] as string | null;
          if (v === null) return;
          const srid = geo && row[i + 1] !== null ? Number(row[i + 1]) : undefined;
          const r = term(v, srid);
          if ('error' in r) issue(rep, key, v, `${a.name}: ${r.error}`);
          else if (a.type.kind === 'geometry') for (const [ts, tp, to] of valueTriples(index, iris, t.objecttype.guid, s, a, r.term)) sink.add(ts, tp, to);
          else sink.add(s, predicate, r.term);
        });
        break;
      }
      case 'enum': {
        select.push(`t.${q(c.column)}::text`);
        pos += 1;
        const lookup = c.lookupTable ? await enumValues(ctx, c.lookupTable) : undefined;
        const a = c.attribuut;
        if (lookup && !ctx.checkedLookups.has(`${c.lookupTable}|${c.enumeratie.guid}`)) {
          ctx.checkedLookups.add(`${c.lookupTable}|${c.enumeratie.guid}`);
          const unknown = [...lookup].filter(([, v]) => !index.waarde(c.enumeratie, v)).map(([k, v]) => `${k} = ${JSON.stringify(v)}`);
          if (unknown.length) {
            ctx.notes.push({ source: c.lookupTable!, severity: 'warning', message: `enumeration table ${c.lookupTable}: ${unknown.length} value(s) are not values of codelijst ${c.enumeratie.name}: ${unknown.slice(0, 10).join(', ')}${unknown.length > 10 ? ' …' : ''}; rows using them are reported` });
          }
        }
        const term = compileAttributeTerm(a, index, iris);
        emits.push((s, row, rep, key) => {
          const v = row[i] as string | null;
          if (v === null) return;
          let text = v;
          if (lookup) {
            const found = lookup.get(v);
            if (found === undefined) return issue(rep, key, v, `no row with id ${v} in enumeration table ${c.lookupTable}`);
            text = found;
          }
          const r = term(text);
          if ('error' in r) issue(rep, key, lookup ? `${v} (${text})` : v, `${a.name}: ${r.error}`);
          else sink.add(s, predicate, r.term);
        });
        break;
      }
      case 'reference': {
        const ref = referenceSql(c.column, c.target, `r${joins.length}`);
        select.push(ref.select);
        joins.push(ref.join);
        pos += 2;
        const prefix = subjectPrefix(ctx.config, c.target.identityLocal);
        emits.push((s, row, rep, key) => {
          const v = row[i] as string | null;
          if (v === null) return;
          const targetKey = row[i + 1] as string | null;
          if (targetKey === null) return issue(rep, key, v, `foreign key points nowhere: no row in ${c.target.table} with ${c.target.column} = ${v} (${c.via})`);
          const o = iriWithEncodedRef(prefix, targetKey.trim());
          if (c.forward) sink.add(s, predicate, o);
          else sink.add(o, predicate, s);
        });
        break;
      }
    }
  }
  const prefix = subjectPrefix(ctx.config, t.identityLocal);
  const classTerm = iri(t.classIri);
  const sql = `SELECT ${select.join(', ')} FROM ${q(t.table)} t ${joins.join(' ')} ORDER BY t.${q(t.key)}`;
  const before = sink.triples;
  await stream(ctx, sql, t.table, rep, (row) => {
    const key = row[0] as string | null;
    if (key === null || key.trim() === '') {
      rep.rowsRejected++;
      addIssue(rep, { row: '(none)', column: t.key, value: '', why: 'row without a key value; no instance IRI can be minted' }, ctx.issueLimit);
      return;
    }
    const s = iriWithEncodedRef(prefix, key.trim());
    sink.add(s, RDF_TYPE, classTerm);
    for (const e of emits) e(s, row, rep, key);
  });
  rep.triples = sink.triples - before;
  rep.ms = Date.now() - started;
  return rep;
}

async function importJunction(ctx: Ctx, j: JunctionMapping): Promise<SourceReport> {
  const started = Date.now();
  const rep = newSourceReport(j.table);
  const a = referenceSql(j.from.column, j.from.ref, 'ra');
  const b = referenceSql(j.to.column, j.to.ref, 'rb');
  const sql = `SELECT ${a.select}, ${b.select} FROM ${q(j.table)} t ${a.join} ${b.join} ORDER BY 1, 3`;
  const fromPrefix = subjectPrefix(ctx.config, j.from.ref.identityLocal);
  const toPrefix = subjectPrefix(ctx.config, j.to.ref.identityLocal);
  const predicate = iri(j.predicate);
  const before = ctx.sink.triples;
  await stream(ctx, sql, j.table, rep, (row) => {
    const [a, aKey, b, bKey] = row as (string | null)[];
    const key = `${a ?? ''}/${b ?? ''}`;
    for (const [v, k, end] of [[a, aKey, j.from], [b, bKey, j.to]] as const) {
      if (v !== null && k === null) {
        rep.valuesRejected++;
        addIssue(rep, { row: key, column: end.column, value: v, why: `foreign key points nowhere: no row in ${end.ref.table} with ${end.ref.column} = ${v}` }, ctx.issueLimit);
      }
    }
    if (!aKey || !bKey) {
      rep.rowsRejected++;
      return;
    }
    const s = iriWithEncodedRef(fromPrefix, aKey.trim());
    const o = iriWithEncodedRef(toPrefix, bKey.trim());
    if (j.forward) ctx.sink.add(s, predicate, o);
    else ctx.sink.add(o, predicate, s);
  });
  rep.triples = ctx.sink.triples - before;
  rep.ms = Date.now() - started;
  return rep;
}

const TEXT_TYPES = { getTypeParser: () => (v: string) => v };

async function stream(ctx: Ctx, sql: string, table: string, rep: SourceReport, onRow: (row: unknown[]) => void): Promise<void> {
  const cursor = ctx.client.query(new Cursor(sql, [], { rowMode: 'array', types: TEXT_TYPES as never }));
  const started = Date.now();
  let lastShown = started;
  const read = () =>
    (cursor.read(ctx.batchSize) as Promise<unknown[][]>).catch((e: Error) => {
      throw new Error(`reading table ${table} failed: ${e.message}\n  query: ${sql.length > 400 ? `${sql.slice(0, 400)}…` : sql}`, { cause: e });
    });
  try {
    // The next batch is requested before this one is converted: the database and the conversion overlap.
    let next = read();
    for (;;) {
      const rows = await next;
      if (rows.length === 0) break;
      next = read();
      next.catch(() => {}); // surfaced by the await above on the next round
      for (const row of rows) onRow(row);
      rep.rowsRead += rows.length;
      await ctx.sink.drain();
      if (ctx.onProgress && Date.now() - lastShown > 500) {
        lastShown = Date.now();
        ctx.onProgress(table, rep.rowsRead);
      }
    }
  } finally {
    await cursor.close();
  }
}
