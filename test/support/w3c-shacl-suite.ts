// Test harness (test/shacl-w3c.test.ts, bench/shacl-engines.ts): runs the W3C SHACL test suite (data-shapes/tests, sht:Validate entries)
// through a SHACL engine, offline. Relative IRIs in a manifest resolve
// against the manifest file's own file: URL, so every data and shapes graph
// is a local file. A produced report passes when sh:conforms agrees and its
// results are isomorphic to the expected ones on focusNode, resultPath,
// resultSeverity, sourceConstraintComponent, sourceShape and value
// (messages and details are ignored, as the suite specifies).
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { DatasetCore, NamedNode, Quad, Term } from '@rdfjs/types';
import { DataFactory, Store } from 'n3';
import type { EngineReport, ShaclEngine } from '../../src/data/validate/engines.js';
import { parseRdfFile } from '../../src/data/validate/parse.js';
import { pathText, readReport, termText, type ValidationResult } from '../../src/data/validate/report.js';

const { namedNode } = DataFactory;
const MF = 'http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#';
const SHT = 'http://www.w3.org/ns/shacl-test#';
const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const RDFS = 'http://www.w3.org/2000/01/rdf-schema#';
const rdfType = namedNode(RDF + 'type');

export interface SuiteEntry {
  /** The entry's path below the suite's tests/ folder, e.g. `core/node/class-001`. */
  id: string;
  label: string;
  status: string;
  manifestFile: string;
  dataFile: string;
  shapesFile: string;
  /** The expected sh:ValidationReport node in the manifest, or 'failure' for sht:Failure. */
  expected: Term | 'failure';
}

export interface SuiteOutcome {
  id: string;
  label: string;
  passed: boolean;
  /** Why it failed; absent when passed. */
  reason?: string;
  /** The engine that validated (PreparedShapes.engine, e.g. a fallback), else the engine's name. */
  engine: string;
  milliseconds: number;
}

/** The parsed files of a suite run: one parse per file, so blank nodes shared by manifest, data and shapes keep one identity. */
class FileCache {
  private readonly stores = new Map<string, Promise<Store>>();
  get(file: string): Promise<Store> {
    let store = this.stores.get(file);
    if (!store) {
      store = parseRdfFile(file).then((quads) => new Store(quads));
      this.stores.set(file, store);
    }
    return store;
  }
}

function localFile(iri: Term, context: string): string {
  if (iri.termType !== 'NamedNode' || !iri.value.startsWith('file:')) {
    throw new Error(`${context}: expected a local file IRI, got ${termText(iri)}`);
  }
  return fileURLToPath(iri.value);
}

function objectsOf(store: DatasetCore, subject: Term, predicate: string): Term[] {
  return [...store.match(subject as Quad['subject'], namedNode(predicate))].map((q) => q.object);
}

function listItems(store: DatasetCore, list: Term, context: string): Term[] {
  const items: Term[] = [];
  let node = list;
  while (!(node.termType === 'NamedNode' && node.value === RDF + 'nil')) {
    const first = objectsOf(store, node, RDF + 'first')[0];
    const rest = objectsOf(store, node, RDF + 'rest')[0];
    if (!first || !rest) throw new Error(`${context}: malformed mf:entries list`);
    items.push(first);
    node = rest;
  }
  return items;
}

/** All sht:Validate entries reachable from a manifest through mf:include, in manifest order. */
export async function loadSuiteEntries(
  manifestFile: string,
  testsDir = path.dirname(manifestFile),
  cache = new FileCache(),
): Promise<SuiteEntry[]> {
  const store = await cache.get(manifestFile);
  const manifest = namedNode(pathToFileURL(manifestFile).href);
  if (!store.has(DataFactory.quad(manifest, rdfType, namedNode(MF + 'Manifest')))) {
    throw new Error(`${manifestFile}: no mf:Manifest with the file's own IRI`);
  }
  const entries: SuiteEntry[] = [];
  for (const include of objectsOf(store, manifest, MF + 'include')) {
    entries.push(...(await loadSuiteEntries(localFile(include, `${manifestFile}: mf:include`), testsDir, cache)));
  }
  for (const list of objectsOf(store, manifest, MF + 'entries')) {
    for (const entry of listItems(store, list, manifestFile)) {
      const types = objectsOf(store, entry, RDF + 'type').map((t) => t.value);
      if (!types.includes(SHT + 'Validate')) continue;
      const context = `${manifestFile}: entry ${termText(entry)}`;
      const action = objectsOf(store, entry, MF + 'action')[0];
      const result = objectsOf(store, entry, MF + 'result')[0];
      if (!action || !result) throw new Error(`${context}: lacks mf:action or mf:result`);
      const dataGraph = objectsOf(store, action, SHT + 'dataGraph')[0];
      const shapesGraph = objectsOf(store, action, SHT + 'shapesGraph')[0];
      if (!dataGraph || !shapesGraph) throw new Error(`${context}: action lacks sht:dataGraph or sht:shapesGraph`);
      const entryPath = entry.termType === 'NamedNode' && entry.value.startsWith('file:') ? fileURLToPath(entry.value) : manifestFile;
      entries.push({
        id: path
          .relative(testsDir, entryPath)
          .split(path.sep)
          .join('/')
          .replace(/\.ttl$/, ''),
        label: objectsOf(store, entry, RDFS + 'label')[0]?.value ?? '',
        status: objectsOf(store, entry, MF + 'status')[0]?.value.replace(SHT, 'sht:') ?? '',
        manifestFile,
        dataFile: localFile(dataGraph, `${context}: sht:dataGraph`),
        shapesFile: localFile(shapesGraph, `${context}: sht:shapesGraph`),
        expected: result.equals(namedNode(SHT + 'Failure')) ? 'failure' : result,
      });
    }
  }
  return entries;
}

/** Runs every sht:Validate entry under `manifestFile` through `engine`. */
export async function runShaclSuite(engine: ShaclEngine, manifestFile: string, testsDir?: string): Promise<SuiteOutcome[]> {
  const cache = new FileCache();
  const entries = await loadSuiteEntries(manifestFile, testsDir ?? path.dirname(manifestFile), cache);
  const outcomes: SuiteOutcome[] = [];
  for (const entry of entries) {
    const started = performance.now();
    const { reason, validatedBy } = await runEntry(engine, entry, cache);
    outcomes.push({
      id: entry.id,
      label: entry.label,
      passed: reason === undefined,
      ...(reason === undefined ? {} : { reason }),
      engine: validatedBy,
      milliseconds: performance.now() - started,
    });
  }
  return outcomes;
}

/** The W3C SHACL core suite folder in the shared material. */
export function shaclCoreManifest(sharedDir: string): { manifestFile: string; testsDir: string } {
  const testsDir = path.join(sharedDir, 'w3c', 'data-shapes-test-suite', 'tests');
  return { manifestFile: path.join(testsDir, 'core', 'manifest.ttl'), testsDir };
}

/** The reason the entry fails (undefined when it passes), and the engine that validated. */
async function runEntry(
  engine: ShaclEngine,
  entry: SuiteEntry,
  cache: FileCache,
): Promise<{ reason: string | undefined; validatedBy: string }> {
  const [manifest, data, shapes] = await Promise.all([
    cache.get(entry.manifestFile),
    cache.get(entry.dataFile),
    cache.get(entry.shapesFile),
  ]);
  let validatedBy = engine.name;
  let produced;
  try {
    const prepared = engine.prepare(shapes);
    validatedBy = prepared.engine ?? engine.name;
    produced = await prepared.validate(data);
  } catch (error) {
    if (entry.expected === 'failure') return { reason: undefined, validatedBy };
    return { reason: `engine threw: ${error instanceof Error ? error.message : String(error)}`, validatedBy };
  }
  return { reason: compareReport(entry, manifest, data, shapes, produced), validatedBy };
}

/** Returns undefined when the produced report is the expected one, else how it differs. */
function compareReport(entry: SuiteEntry, manifest: Store, data: Store, shapes: Store, produced: EngineReport): string | undefined {
  if (entry.expected === 'failure') return 'expected sht:Failure, but the engine produced a report';
  const reportStore = new Store(produced.quads);
  let actual;
  try {
    actual = readReport(reportStore);
  } catch (error) {
    return `unreadable report: ${error instanceof Error ? error.message : String(error)}`;
  }
  const expected = readReport(manifest, entry.expected);
  if (actual.conforms !== produced.conforms) return `report says sh:conforms ${actual.conforms}, engine API says ${produced.conforms}`;
  const knownBlankNodes = new Set<string>();
  for (const store of [data, shapes]) {
    for (const q of store) for (const t of [q.subject, q.object]) if (t.termType === 'BlankNode') knownBlankNodes.add(t.value);
  }
  const expectedRows = expected.results.map((r) => comparable(r, [manifest]));
  const actualRows = actual.results.map((r) => comparable(r, [reportStore, shapes, data]));
  const problems: string[] = [];
  if (actual.conforms !== expected.conforms) problems.push(`sh:conforms ${actual.conforms}, expected ${expected.conforms}`);
  if (!isomorphic(expectedRows, actualRows, knownBlankNodes)) {
    problems.push(`${actualRows.length} results, expected ${expectedRows.length}`);
    const expectedKeys = expectedRows.map(looseKey);
    const actualKeys = actualRows.map(looseKey);
    const missing = multisetMinus(expectedKeys, actualKeys);
    const unexpected = multisetMinus(actualKeys, expectedKeys);
    if (missing.length) problems.push(`missing: ${missing.join('; ')}`);
    if (unexpected.length) problems.push(`unexpected: ${unexpected.join('; ')}`);
    if (!missing.length && !unexpected.length) problems.push('results differ only in blank node identity');
  }
  return problems.length ? problems.join(' | ') : undefined;
}

/** The compared fields of one result; the path is compared by its structure. */
interface Row {
  focusNode: Term;
  path?: string;
  severity: NamedNode;
  constraint: NamedNode;
  sourceShape: Term;
  value?: Term;
}

function comparable(result: ValidationResult, datasets: DatasetCore[]): Row {
  const row: Row = {
    focusNode: result.focusNode,
    severity: result.severity,
    constraint: result.constraint,
    sourceShape: result.sourceShape,
  };
  if (result.path) row.path = pathText(result.path, ...datasets);
  if (result.value) row.value = result.value;
  return row;
}

function looseKey(row: Row): string {
  const t = (term: Term | undefined) => (term === undefined ? '-' : term.termType === 'BlankNode' ? '_:' : termText(term));
  return `{focus ${t(row.focusNode)} path ${row.path ?? '-'} value ${t(row.value)} ${row.severity.value.replace(/.*#/, 'sh:')} ${row.constraint.value.replace(/.*#/, 'sh:')} shape ${t(row.sourceShape)}}`;
}

function multisetMinus(a: string[], b: string[]): string[] {
  const rest = [...b];
  return a.filter((key) => {
    const at = rest.indexOf(key);
    if (at < 0) return true;
    rest.splice(at, 1);
    return false;
  });
}

/**
 * True when the expected rows can be matched one-to-one with the actual rows.
 * Blank nodes that occur in the data or shapes graph must be identical;
 * other blank nodes in the expected report are existential and map
 * bijectively onto blank nodes of the produced report.
 */
function isomorphic(expected: Row[], actual: Row[], known: Set<string>): boolean {
  if (expected.length !== actual.length) return false;
  const used = new Array<boolean>(actual.length).fill(false);
  const forward = new Map<string, string>();
  const backward = new Map<string, string>();

  const bindTerm = (e: Term | undefined, a: Term | undefined, undo: string[]): boolean => {
    if (e === undefined || a === undefined) return e === a;
    if (e.termType !== 'BlankNode' || known.has(e.value)) return e.equals(a);
    if (a.termType !== 'BlankNode') return false;
    const mapped = forward.get(e.value);
    if (mapped !== undefined) return mapped === a.value;
    if (backward.has(a.value)) return false;
    forward.set(e.value, a.value);
    backward.set(a.value, e.value);
    undo.push(e.value);
    return true;
  };

  const search = (i: number): boolean => {
    if (i === expected.length) return true;
    const e = expected[i]!;
    for (let j = 0; j < actual.length; j++) {
      const a = actual[j]!;
      if (used[j] || e.path !== a.path || !e.severity.equals(a.severity) || !e.constraint.equals(a.constraint)) continue;
      const undo: string[] = [];
      if (bindTerm(e.focusNode, a.focusNode, undo) && bindTerm(e.sourceShape, a.sourceShape, undo) && bindTerm(e.value, a.value, undo)) {
        used[j] = true;
        if (search(i + 1)) return true;
        used[j] = false;
      }
      for (const key of undo) {
        backward.delete(forward.get(key)!);
        forward.delete(key);
      }
    }
    return false;
  };
  return search(0);
}
