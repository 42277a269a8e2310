/**
 * CSV files → RDF following the ontology. One file per objecttype: the file name
 * is the objecttype's name (case-insensitive; "Naam@Domein.csv" picks one of
 * several objecttypen sharing a name), the header row holds attribute names
 * (GGM names, case-insensitive, spaces/underscores ignored) or relation names
 * (values are then keys of the target objecttype), and a column `id` (or else
 * the attribute `identificatie`) identifies each row.
 *
 * Files are streamed (csv-parse), so memory does not grow with file size. The
 * delimiter (`,` or `;`, as Dutch spreadsheets write) is taken from the header.
 * Every problem is reported with file, line, column and value: unknown columns,
 * values of the wrong type, unknown code-list values, invalid UTF-8.
 */
import { createReadStream } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse';
import { PassThrough, type Readable, type Writable } from 'node:stream';
import type { Attribuutsoort, GgmModel, Objecttype, Relatiesoort } from '../../model/types.js';
import { GgmIris, iriConfig, instanceIri, mintNames, NS, type IriConfig, type IriRegister } from '../../iri/index.js';
import { compileAttributeTerm, valueTriples, type TermResult } from '../attribute-term.js';
import { addIssue, DEFAULT_ISSUE_LIMIT, newSourceReport, type ImportReport, type MappingNote, type SourceReport } from '../import-report.js';
import { ModelIndex, normalName } from '../model-index.js';
import { fileSink, formatFor, instancePrefixes, iri, streamSink, writeInto, type RdfFormat, type RdfSink } from '../rdf-writer.js';
import { importPlacement } from '../personal-placement.js';

export interface CsvImportOptions {
  model: GgmModel;
  iriConfig?: IriConfig;
  /** The IRI register of the published ontology (ontology/iri-register.json), so property IRIs equal the published ones. */
  register?: IriRegister;
  /** Named graph for N-Quads output. */
  graph?: string;
  /** Force a delimiter; default: `;` when the header has more of them than `,`. */
  delimiter?: string;
  issueLimit?: number;
}

/** CSV files (or every *.csv in a folder) → an RDF file (N-Quads, or Turtle for *.ttl), written atomically. */
export async function importCsvToFile(input: string | string[], file: string, options: CsvImportOptions & { format?: RdfFormat }): Promise<ImportReport> {
  const c = options.iriConfig ?? iriConfig();
  const sink = fileSink(file, {
    format: options.format ?? formatFor(file),
    graph: options.graph,
    place: importPlacement(options.model, c, options.register),
    prefixes: instancePrefixes(c),
  });
  return writeInto(sink, (s) => importInto(input, s, options));
}

/** CSV files → an N-Quads stream for the store; `report` resolves when the stream has ended. */
export function importCsvAsStream(input: string | string[], options: CsvImportOptions): { stream: Readable; report: Promise<ImportReport> } {
  const stream = new PassThrough({ highWaterMark: 1 << 20 });
  const report = importCsvToStream(input, stream, options).catch((e) => {
    stream.destroy(e as Error);
    throw e;
  });
  return { stream, report };
}

/** CSV files → N-Quads into a writable stream; the stream is ended when done. */
export async function importCsvToStream(input: string | string[], out: Writable, options: CsvImportOptions): Promise<ImportReport> {
  const place = importPlacement(options.model, options.iriConfig ?? iriConfig(), options.register);
  return writeInto(streamSink(out, { format: 'nquads', graph: options.graph, place }), (s) => importInto(input, s, options));
}

/** The CSV files of the input: files as given, folders expanded to their *.csv files (sorted). */
async function csvFiles(input: string | string[]): Promise<string[]> {
  const out: string[] = [];
  for (const item of Array.isArray(input) ? input : [input]) {
    const s = await stat(item).catch(() => {
      throw new Error(`CSV input not found: ${item}`);
    });
    if (s.isDirectory()) out.push(...(await readdir(item)).filter((f) => /\.csv$/i.test(f)).sort().map((f) => path.join(item, f)));
    else out.push(item);
  }
  return out;
}

interface ColumnPlan {
  header: string;
  position: number;
  kind: 'key' | 'attribuut' | 'relatie';
  predicate?: string;
  attribuut?: Attribuutsoort;
  term?: (value: string) => TermResult;
  relatie?: { relatie: Relatiesoort; targetLocal: string };
}

async function importInto(input: string | string[], sink: RdfSink, options: CsvImportOptions): Promise<ImportReport> {
  const started = Date.now();
  const index = new ModelIndex(options.model);
  const iris = new GgmIris(options.iriConfig ?? iriConfig(), mintNames(options.model, options.register), options.model.version);
  const report: ImportReport = { sources: [], mapping: [], rowsRead: 0, triples: 0, ms: 0 };
  for (const file of await csvFiles(input)) {
    report.sources.push(await importFile(file, sink, index, iris, options, report.mapping));
  }
  for (const s of report.sources) {
    report.rowsRead += s.rowsRead;
    report.triples += s.triples;
  }
  report.ms = Date.now() - started;
  return report;
}

async function headerLine(file: string): Promise<string> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    return buf.subarray(0, bytesRead).toString('utf8').split(/\r?\n/)[0] ?? '';
  } finally {
    await fh.close();
  }
}

function relationsByName(index: ModelIndex, iris: GgmIris, ot: Objecttype): Map<string, Relatiesoort> {
  const lineage = new Set(index.lineage(ot.guid));
  const byName = new Map<string, Relatiesoort>();
  for (const r of index.model.relatiesoorten) {
    if (!lineage.has(r.bron.classGuid) || !iris.names.relatie.has(r.guid)) continue;
    const local = iris.names.relatie.get(r.guid)!;
    for (const n of [local.slice(local.indexOf('.') + 1), r.doel.role]) if (n && !byName.has(normalName(n))) byName.set(normalName(n), r);
  }
  return byName;
}

async function importFile(
  file: string, sink: RdfSink, index: ModelIndex, iris: GgmIris, options: CsvImportOptions, notes: MappingNote[],
): Promise<SourceReport> {
  const started = Date.now();
  const name = path.basename(file);
  const limit = options.issueLimit ?? DEFAULT_ISSUE_LIMIT;
  const head = (await headerLine(file)).replace(/^\ufeff/, '');
  const delimiter = options.delimiter ?? ((head.match(/;/g)?.length ?? 0) > (head.match(/,/g)?.length ?? 0) ? ';' : ',');
  const headers = head.split(delimiter).map((h) => h.trim().replace(/^"(.*)"$/, '$1'));

  // ---- the objecttype: file name, then the headers decide among namesakes --------
  const spec = name.replace(/\.csv$/i, '');
  const byGuidOrDomain = spec.includes('@') || index.model.objecttypen.has(spec) ? index.findObjecttype(spec) : undefined;
  const candidates = byGuidOrDomain ? [byGuidOrDomain] : index.objecttypenNamed(spec);
  const best = index.bestMatch(candidates, headers);
  if (!best) {
    const rep = newSourceReport(name);
    notes.push({ source: name, severity: 'error', message: `file ${name}: no objecttype named "${spec}" in the model; file skipped (name the file after an objecttype, e.g. Zaak.csv)` });
    rep.ms = Date.now() - started;
    return rep;
  }
  const ot = best.objecttype;
  if (candidates.length > 1) {
    notes.push({ source: name, severity: 'info', message: `${candidates.length} objecttypen are named "${ot.name}" (${candidates.map((c) => index.domainOf(c)).join(', ')}); chose the one in ${index.domainOf(ot)}, whose attributes match most columns; name the file "${ot.name}@<domein>.csv" to choose` });
  }
  const rep = newSourceReport(name, { name: ot.name, guid: ot.guid });

  // ---- columns -------------------------------------------------------------------
  const relations = relationsByName(index, iris, ot);
  const plan: ColumnPlan[] = [];
  let keyPos = headers.findIndex((h) => normalName(h) === 'ID');
  if (keyPos < 0) keyPos = headers.findIndex((h) => normalName(h) === 'IDENTIFICATIE');
  headers.forEach((header, position) => {
    if (position === keyPos && normalName(header) === 'ID') return plan.push({ header, position, kind: 'key' });
    if (header === '') {
      addIssue(rep, { row: '1', column: `#${position + 1}`, value: '', why: 'empty column name in the header; column ignored' }, limit);
      return;
    }
    const a = index.attribuut(ot.guid, header);
    if (a) return plan.push({ header, position, kind: 'attribuut', predicate: iris.attribuut(a.attribuut.guid), attribuut: a.attribuut, term: compileAttributeTerm(a.attribuut, index, iris) });
    const r = relations.get(normalName(header));
    if (r) return plan.push({ header, position, kind: 'relatie', predicate: iris.relatie(r.guid), relatie: { relatie: r, targetLocal: iris.objecttypeLocal(r.doel.classGuid) } });
    addIssue(rep, { row: '1', column: header, value: header, why: `unknown column: ${ot.name} has no attribuutsoort or relatiesoort "${header}"; column ignored` }, limit);
  });
  if (keyPos < 0) {
    notes.push({ source: name, severity: 'error', message: `file ${name}: no key column (add a column "id", or "identificatie"); file skipped` });
    rep.ms = Date.now() - started;
    return rep;
  }
  const keyHeader = headers[keyPos]!;
  const local = iris.objecttypeLocal(ot.guid);
  const classTerm = iri(iris.objecttype(ot.guid));
  const rdfType = iri(`${NS.rdf}type`);
  const before = sink.triples;

  // ---- rows ----------------------------------------------------------------------
  const parser = createReadStream(file).pipe(parse({ delimiter, bom: true, relax_column_count: true, skip_empty_lines: false, from_line: 2, info: true }));
  let pending = 0;
  let lastLine = 1; // the header
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      // The line a record starts on (a quoted field may span lines); empty lines are skipped.
      const line = String(lastLine + 1);
      lastLine = info.lines;
      if (record.length === 1 && record[0]!.trim() === '') continue;
      rep.rowsRead++;
      if (record.length !== headers.length) {
        addIssue(rep, { row: line, column: '', value: record.join(delimiter), why: `${record.length} fields where the header has ${headers.length}` }, limit);
      }
      const key = (record[keyPos] ?? '').trim();
      if (key === '' || key.includes('\ufffd')) {
        rep.rowsRejected++;
        addIssue(rep, { row: line, column: keyHeader, value: key, why: key === '' ? 'row without a key value; no instance IRI can be minted' : 'key is not valid UTF-8' }, limit);
        continue;
      }
      const s = iri(instanceIri(iris.config, local, key));
      sink.add(s, rdfType, classTerm);
      for (const c of plan) {
        if (c.kind === 'key') continue;
        const raw = record[c.position];
        if (raw === undefined || raw.trim() === '') continue;
        if (raw.includes('\ufffd')) {
          rep.valuesRejected++;
          addIssue(rep, { row: line, column: c.header, value: raw, why: 'not valid UTF-8 (invalid bytes shown as \ufffd); save the file as UTF-8' }, limit);
          continue;
        }
        const value = raw.trim();
        if (value !== raw) rep.valuesTrimmed = (rep.valuesTrimmed ?? 0) + 1;
        if (c.kind === 'relatie') {
          sink.add(s, iri(c.predicate!), iri(instanceIri(iris.config, c.relatie!.targetLocal, value)));
          continue;
        }
        const r = c.term!(value);
        if ('error' in r) {
          rep.valuesRejected++;
          addIssue(rep, { row: line, column: c.header, value, why: `${c.attribuut!.name}: ${r.error}` }, limit);
        } else for (const [ts, tp, to] of valueTriples(index, iris, ot.guid, s, c.attribuut!, r.term)) sink.add(ts, tp, to);
      }
      if (++pending >= 2000) {
        pending = 0;
        await sink.drain();
      }
    }
  } catch (e) {
    throw new Error(`${file}: ${(e as Error).message}`, { cause: e });
  }
  rep.triples = sink.triples - before;
  rep.ms = Date.now() - started;
  return rep;
}
