/**
 * Reading the W3C SPARQL 1.1 test suite offline: manifests (mf:include,
 * mf:entries), expected results (.srx, .srj, RDF result sets, graphs) and
 * comparing answers: multisets of solutions and graphs up to blank-node renaming.
 */
import { readFileSync } from 'node:fs';
import { parse as parseCsv } from 'csv-parse/sync';
import { Parser, Store, type Quad, type Term } from 'n3';
import path from 'node:path';
import { sharedDir } from '../src/cli/paths.js';

export const SUITE_DIR = `${path.join(sharedDir(), 'w3c', 'sparql', 'sparql11')}/`;
/** The suite's published location: relative IRIs in manifests, queries and data resolve against it. */
export const SUITE_BASE = 'http://www.w3.org/2009/sparql/docs/tests/data-sparql11/';

const MF = 'http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#';
const QT = 'http://www.w3.org/2001/sw/DataAccess/tests/test-query#';
const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const RS = 'http://www.w3.org/2001/sw/DataAccess/tests/result-set#';
const DAWGT = 'http://www.w3.org/2001/sw/DataAccess/tests/test-dawg#';
const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';
const LANG_STRING = `${RDF}langString`;

export function localPath(iri: string): string {
  if (!iri.startsWith(SUITE_BASE)) throw new Error(`not in the suite: ${iri}`);
  return SUITE_DIR + iri.slice(SUITE_BASE.length);
}

export function readRdf(iri: string): Quad[] {
  const format = iri.endsWith('.nt') ? 'N-Triples' : 'Turtle';
  return new Parser({ baseIRI: iri, format }).parse(readFileSync(localPath(iri), 'utf8'));
}

export function mediaTypeOf(iri: string): string {
  if (iri.endsWith('.rdf')) return 'application/rdf+xml';
  if (iri.endsWith('.nt')) return 'application/n-triples';
  return 'text/turtle';
}

function list(store: Store, head: Term): Term[] {
  const out: Term[] = [];
  for (let node = head; node.value !== `${RDF}nil`;) {
    out.push(store.getObjects(node, `${RDF}first`, null)[0]);
    node = store.getObjects(node, `${RDF}rest`, null)[0];
  }
  return out;
}

export interface EvaluationTest {
  /** The test's IRI, e.g. …/aggregates/manifest#agg01. */
  id: string;
  name: string;
  query: string;
  data: string[];
  graphData: string[];
  result: string;
}

/** Every test of the given types (default mf:QueryEvaluationTest) reachable from a manifest through mf:include, in manifest order. */
export function evaluationTests(manifestIri: string, types = ['QueryEvaluationTest']): EvaluationTest[] {
  const store = new Store(readRdf(manifestIri));
  const tests: EvaluationTest[] = [];
  for (const m of store.getSubjects(`${RDF}type`, `${MF}Manifest`, null)) {
    for (const includes of store.getObjects(m, `${MF}include`, null))
      for (const inc of list(store, includes)) tests.push(...evaluationTests(inc.value, types));
    for (const entries of store.getObjects(m, `${MF}entries`, null)) {
      for (const entry of list(store, entries)) {
        if (!types.some((type) => store.countQuads(entry, `${RDF}type`, `${MF}${type}`, null) > 0)) continue;
        if (store.getObjects(entry, `${DAWGT}approval`, null).some((a) => a.value === `${DAWGT}Withdrawn`)) continue;
        const action = store.getObjects(entry, `${MF}action`, null)[0];
        const one = (p: string) => store.getObjects(action, p, null).map((t) => t.value);
        tests.push({
          id: entry.value,
          name: store.getObjects(entry, `${MF}name`, null)[0]?.value ?? entry.value,
          query: one(`${QT}query`)[0],
          data: one(`${QT}data`),
          graphData: one(`${QT}graphData`),
          result: store.getObjects(entry, `${MF}result`, null)[0]?.value,
        });
      }
    }
  }
  return tests;
}

/** A term as one string; blank nodes carry their label after '_:'. */
export type TermKey = string;
export type Solution = Map<string, TermKey>;

export type Answer =
  | { kind: 'boolean'; value: boolean }
  | { kind: 'solutions'; vars: string[]; solutions: Solution[] }
  | { kind: 'graph'; triples: TermKey[][] };

function literalKey(value: string, lang?: string, datatype?: string): TermKey {
  if (lang) return `"${value}"@${lang.toLowerCase()}`;
  if (!datatype || datatype === XSD_STRING) return `"${value}"`;
  return `"${value}"^^${datatype}`;
}

export function termKey(t: Term): TermKey {
  switch (t.termType) {
    case 'NamedNode':
      return `<${t.value}>`;
    case 'BlankNode':
      return `_:${t.value}`;
    case 'Literal':
      return literalKey(t.value, t.language, t.datatype.value === LANG_STRING ? undefined : t.datatype.value);
    default:
      return `?${t.value}`;
  }
}

interface JsonTerm {
  type: string;
  value: string;
  'xml:lang'?: string;
  datatype?: string;
}

function jsonTermKey(t: JsonTerm): TermKey {
  if (t.type === 'uri') return `<${t.value}>`;
  if (t.type === 'bnode') return `_:${t.value}`;
  return literalKey(t.value, t['xml:lang'], t.datatype);
}

export function parseResultsJson(text: string): Answer {
  const json = JSON.parse(text) as { head: { vars?: string[] }; boolean?: boolean; results?: { bindings: Record<string, JsonTerm>[] } };
  if (typeof json.boolean === 'boolean') return { kind: 'boolean', value: json.boolean };
  const solutions = json.results!.bindings.map((b) => new Map(Object.entries(b).map(([k, v]) => [k, jsonTermKey(v)])));
  return { kind: 'solutions', vars: json.head.vars ?? [], solutions };
}

function xmlText(s: string): string {
  return s
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_, c: string) => c.replace(/&/g, '&amp;').replace(/</g, '&lt;'))
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(tag);
  return m ? xmlText(m[1] ?? m[2]) : undefined;
}

/** SPARQL Query Results XML; the files are small and regular, so a scanner suffices. */
export function parseResultsXml(text: string): Answer {
  const body = text.replace(/<!--[\s\S]*?-->/g, '');
  const bool = /<boolean>\s*(true|false)\s*<\/boolean>/.exec(body);
  if (bool) return { kind: 'boolean', value: bool[1] === 'true' };
  const vars = [...body.matchAll(/<variable\s+name\s*=\s*["']([^"']+)["']\s*\/?>/g)].map((m) => m[1]);
  const solutions: Solution[] = [];
  for (const result of body.matchAll(/<result\s*>([\s\S]*?)<\/result>|<result\s*\/>/g)) {
    const solution: Solution = new Map();
    for (const b of (result[1] ?? '').matchAll(/<binding\s+name\s*=\s*["']([^"']+)["']\s*>([\s\S]*?)<\/binding>/g)) {
      const inner = b[2].trim();
      const m = /^<(uri|bnode|literal)([^>]*?)(?:\/>|>([\s\S]*?)<\/\1>)$/.exec(inner);
      if (!m) throw new Error(`unreadable binding: ${inner}`);
      const value = xmlText(m[3] ?? '');
      solution.set(
        b[1],
        m[1] === 'uri' ? `<${value}>` : m[1] === 'bnode' ? `_:${value}` : literalKey(value, attr(m[2], 'xml:lang'), attr(m[2], 'datatype')),
      );
    }
    solutions.push(solution);
  }
  return { kind: 'solutions', vars, solutions };
}

/** A result set written in RDF (rs:ResultSet), or else a plain graph. */
export function parseRdfAnswer(quads: Quad[]): Answer {
  const store = new Store(quads);
  const set = store.getSubjects(`${RDF}type`, `${RS}ResultSet`, null)[0];
  if (!set) return { kind: 'graph', triples: quads.map((q) => [termKey(q.subject), termKey(q.predicate), termKey(q.object)]) };
  const bool = store.getObjects(set, `${RS}boolean`, null)[0];
  if (bool) return { kind: 'boolean', value: bool.value === 'true' };
  const vars = store.getObjects(set, `${RS}resultVariable`, null).map((v) => v.value);
  const solutions = store.getObjects(set, `${RS}solution`, null).map((s) => {
    const solution: Solution = new Map();
    for (const b of store.getObjects(s, `${RS}binding`, null))
      solution.set(store.getObjects(b, `${RS}variable`, null)[0].value, termKey(store.getObjects(b, `${RS}value`, null)[0]));
    return solution;
  });
  return { kind: 'solutions', vars, solutions };
}

/** TSV: each field is a term in Turtle syntax (numbers may be bare), so n3 reads it. */
export function parseResultsTsv(text: string): Answer {
  const [head, ...lines] = text.replace(/\r?\n$/, '').split(/\r?\n/);
  const vars = head.split('\t').map((v) => v.replace(/^\?/, ''));
  const solutions = lines.map((line) => {
    const solution: Solution = new Map();
    line.split('\t').forEach((field, i) => {
      if (field === '') return;
      const [q] = new Parser({ format: 'Turtle', blankNodePrefix: '' }).parse(`<urn:s> <urn:p> ${field} .`);
      solution.set(vars[i], termKey(q.object));
    });
    return solution;
  });
  return { kind: 'solutions', vars, solutions };
}

/** CSV keeps only the lexical values: compare those (blank nodes still as _:label). */
export function parseResultsCsv(text: string): Answer {
  const [vars, ...records] = parseCsv(text, { relax_column_count: true }) as string[][];
  const solutions = records.map((r) => {
    const solution: Solution = new Map();
    r.forEach((value, i) => {
      if (value !== '') solution.set(vars[i], value.startsWith('_:') ? value : `"${value}"`);
    });
    return solution;
  });
  return { kind: 'solutions', vars, solutions };
}

export function readExpected(iri: string): Answer {
  const text = readFileSync(localPath(iri), 'utf8');
  if (iri.endsWith('.srx')) return parseResultsXml(text);
  if (iri.endsWith('.srj')) return parseResultsJson(text);
  if (iri.endsWith('.tsv')) return parseResultsTsv(text);
  if (iri.endsWith('.csv')) return parseResultsCsv(text);
  return parseRdfAnswer(readRdf(iri));
}

// ---- comparison up to blank-node renaming ----

type Row = TermKey[];

function isBlank(k: TermKey): boolean {
  return k.startsWith('_:');
}

/** Match rows of `actual` to rows of `expected` one to one, with one consistent renaming of blank nodes. */
function isomorphic(expected: Row[], actual: Row[]): boolean {
  if (expected.length !== actual.length) return false;
  const shape = (r: Row) => r.map((k) => (isBlank(k) ? '_' : k)).join(' ');
  const a = [...actual].sort((x, y) => (shape(x) < shape(y) ? -1 : 1));
  const e = [...expected].sort((x, y) => (shape(x) < shape(y) ? -1 : 1));
  if (a.map(shape).join('\n') !== e.map(shape).join('\n')) return false;
  if (!e.some((r) => r.some(isBlank))) return true;
  const used = new Array<boolean>(a.length).fill(false);
  const map = new Map<TermKey, TermKey>();
  const back = new Map<TermKey, TermKey>();
  const match = (i: number): boolean => {
    if (i === e.length) return true;
    for (let j = 0; j < a.length; j++) {
      if (used[j] || shape(a[j]) !== shape(e[i])) continue;
      const added: TermKey[] = [];
      let ok = true;
      for (let k = 0; k < e[i].length && ok; k++) {
        const ek = e[i][k];
        const ak = a[j][k];
        if (!isBlank(ek)) continue;
        if (map.has(ek)) ok = map.get(ek) === ak;
        else if (back.has(ak)) ok = false;
        else {
          map.set(ek, ak);
          back.set(ak, ek);
          added.push(ek);
        }
      }
      if (ok) {
        used[j] = true;
        if (match(i + 1)) return true;
        used[j] = false;
      }
      for (const ek of added) {
        back.delete(map.get(ek)!);
        map.delete(ek);
      }
    }
    return false;
  };
  return match(0);
}

function rows(solutions: Solution[], vars: string[]): Row[] {
  return solutions.map((s) => vars.map((v) => s.get(v) ?? 'UNBOUND'));
}

function uniqueRows(triples: TermKey[][]): Row[] {
  return [...new Map(triples.map((t) => [t.join(' '), t])).values()];
}

/** Compare an answer with the expected one; `orderBy` lists the ORDER BY variables whose order must be kept. */
export function sameAnswer(expected: Answer, actual: Answer, orderBy?: string[]): boolean {
  if (expected.kind === 'boolean' || actual.kind === 'boolean')
    return expected.kind === 'boolean' && actual.kind === 'boolean' && expected.value === actual.value;
  if (expected.kind === 'graph' || actual.kind === 'graph') {
    if (expected.kind !== 'graph' || actual.kind !== 'graph') return false;
    return isomorphic(uniqueRows(expected.triples), uniqueRows(actual.triples));
  }
  const vars = [...new Set([...expected.vars, ...actual.vars, ...expected.solutions.flatMap((s) => [...s.keys()])])].sort();
  if (!isomorphic(rows(expected.solutions, vars), rows(actual.solutions, vars))) return false;
  if (!orderBy?.length) return true;
  const key = (s: Solution) => orderBy.map((v) => (isBlank(s.get(v) ?? '') ? '_' : (s.get(v) ?? 'UNBOUND'))).join(' ');
  return expected.solutions.every((s, i) => key(s) === key(actual.solutions[i]));
}

export function describe(answer: Answer): string {
  if (answer.kind === 'boolean') return String(answer.value);
  if (answer.kind === 'graph') return answer.triples.map((t) => t.join(' ')).join('\n');
  return answer.solutions.map((s) => [...s].map(([k, v]) => `${k}=${v}`).join(' ')).join('\n');
}
