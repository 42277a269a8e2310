// Reads an sh:ValidationReport (as RDF) into plain result records, and
// renders SHACL property paths as text. Used for engine output and for the
// expected reports in the W3C test manifests alike.
import { createHash } from 'node:crypto';
import type { DatasetCore, NamedNode, Quad, Term } from '@rdfjs/types';
import { DataFactory, Store } from 'n3';

const { namedNode } = DataFactory;
const SH = 'http://www.w3.org/ns/shacl#';
const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const sh = (local: string) => namedNode(SH + local);
const rdfType = namedNode(RDF + 'type');
const rdfFirst = namedNode(RDF + 'first');
const rdfRest = namedNode(RDF + 'rest');
const rdfNil = namedNode(RDF + 'nil');

export interface ValidationResult {
  focusNode: Term;
  /** sh:resultPath: an IRI, or a blank node whose path structure is in the report quads. */
  path?: Term;
  value?: Term;
  /** sh:Violation, sh:Warning or sh:Info. */
  severity: NamedNode;
  /** sh:sourceConstraintComponent, e.g. sh:MinCountConstraintComponent. */
  constraint: NamedNode;
  sourceShape: Term;
  message?: string;
}

/**
 * Turns quads into one graph for validation, or passes a dataset through.
 * Quads of named graphs are merged into the default graph: a SHACL data or
 * shapes graph is one graph (and N3.js matches over many named graphs are
 * markedly slower: 7.5 s vs 4.3 s for the demo set's 45 graphs).
 */
export function asDataset(quads: DatasetCore | Iterable<Quad>): DatasetCore {
  if (isDatasetCore(quads)) return quads;
  const store = new Store();
  for (const q of quads) store.addQuad(q.graph.termType === 'DefaultGraph' ? q : DataFactory.quad(q.subject, q.predicate, q.object));
  return store;
}

function isDatasetCore(x: DatasetCore | Iterable<Quad>): x is DatasetCore {
  return typeof (x as DatasetCore).match === 'function' && typeof (x as DatasetCore).has === 'function';
}

function objects(dataset: DatasetCore, subject: Term, predicate: NamedNode): Term[] {
  return [...dataset.match(subject as Quad['subject'], predicate)].map((q) => q.object);
}

function single(dataset: DatasetCore, subject: Term, predicate: NamedNode): Term | undefined {
  return objects(dataset, subject, predicate)[0];
}

/** The one subject typed sh:ValidationReport. */
export function findReportNode(dataset: DatasetCore): Term {
  const reports = [...dataset.match(null, rdfType, sh('ValidationReport'))].map((q) => q.subject);
  if (reports.length !== 1) throw new Error(`expected exactly one sh:ValidationReport, found ${reports.length}`);
  return reports[0]!;
}

export interface ReadReport {
  conforms: boolean;
  results: ValidationResult[];
}

/** Reads sh:conforms and the sh:result records of a validation report. */
export function readReport(dataset: DatasetCore, report: Term = findReportNode(dataset)): ReadReport {
  const conforms = single(dataset, report, sh('conforms'));
  if (!conforms || conforms.termType !== 'Literal' || !['true', 'false', '1', '0'].includes(conforms.value)) {
    throw new Error(`validation report ${termText(report)} has no valid sh:conforms`);
  }
  const results = objects(dataset, report, sh('result')).map((node) => readResult(dataset, node));
  return { conforms: conforms.value === 'true' || conforms.value === '1', results };
}

function readResult(dataset: DatasetCore, node: Term): ValidationResult {
  const required = (local: string): Term => {
    const value = single(dataset, node, sh(local));
    if (!value) throw new Error(`validation result ${termText(node)} lacks sh:${local}`);
    return value;
  };
  const severity = required('resultSeverity');
  const constraint = required('sourceConstraintComponent');
  if (severity.termType !== 'NamedNode' || constraint.termType !== 'NamedNode') {
    throw new Error(`validation result ${termText(node)}: severity and constraint component must be IRIs`);
  }
  const result: ValidationResult = {
    focusNode: required('focusNode'),
    severity,
    constraint,
    sourceShape: required('sourceShape'),
  };
  const path = single(dataset, node, sh('resultPath'));
  if (path) result.path = path;
  const value = single(dataset, node, sh('value'));
  if (value) result.value = value;
  const messages = objects(dataset, node, sh('resultMessage'));
  const message = messages.find((m) => m.termType === 'Literal' && (m as { language?: string }).language === 'en') ?? messages[0];
  if (message) result.message = message.value;
  return result;
}

/** N-Triples-like text of a term, for messages. */
export function termText(term: Term): string {
  switch (term.termType) {
    case 'NamedNode': return `<${term.value}>`;
    case 'BlankNode': return `_:${term.value}`;
    case 'Literal': {
      const lexical = JSON.stringify(term.value);
      if (term.language) return `${lexical}@${term.language}`;
      return term.datatype.value === 'http://www.w3.org/2001/XMLSchema#string' ? lexical : `${lexical}^^<${term.datatype.value}>`;
    }
    default: return term.value;
  }
}

/**
 * A SHACL property path as SPARQL property-path text, e.g. `^<p>/(<a>|<b>)*`.
 * The path structure is looked up in the given datasets in order.
 */
export function pathText(path: Term, ...datasets: DatasetCore[]): string {
  if (path.termType === 'NamedNode') return `<${path.value}>`;
  const lookup = (predicate: NamedNode): Term | undefined => {
    for (const dataset of datasets) {
      const found = single(dataset, path, predicate);
      if (found) return found;
    }
    return undefined;
  };
  const unary: Array<[string, (inner: string) => string]> = [
    ['inversePath', (s) => `^${s}`],
    ['zeroOrMorePath', (s) => `${s}*`],
    ['oneOrMorePath', (s) => `${s}+`],
    ['zeroOrOnePath', (s) => `${s}?`],
  ];
  // A well-formed path node has exactly one form; render every form found so
  // that an ill-formed node (e.g. a list that also has sh:inversePath) shows.
  const forms: string[] = [];
  for (const [local, render] of unary) {
    const inner = lookup(sh(local));
    if (inner) forms.push(render(group(pathText(inner, ...datasets))));
  }
  const alternatives = lookup(sh('alternativePath'));
  if (alternatives) forms.push(`(${listItems(alternatives, datasets).map((p) => pathText(p, ...datasets)).join('|')})`);
  if (lookup(rdfFirst)) forms.push(`(${listItems(path, datasets).map((p) => pathText(p, ...datasets)).join('/')})`);
  if (forms.length === 0) return `_:${path.value}`;
  return forms.length === 1 ? forms[0]! : `[ill-formed path: ${forms.join(' & ')}]`;
}

function group(text: string): string {
  return /^<[^>]*>$/.test(text) || text.startsWith('(') ? text : `(${text})`;
}

function listItems(list: Term, datasets: DatasetCore[]): Term[] {
  const items: Term[] = [];
  let node: Term | undefined = list;
  const seen = new Set<string>();
  while (node && !node.equals(rdfNil)) {
    if (seen.has(node.value)) throw new Error(`cyclic RDF list at ${termText(node)}`);
    seen.add(node.value);
    const current: Term = node;
    const find = (p: NamedNode): Term | undefined => datasets.map((d) => single(d, current, p)).find((t) => t !== undefined);
    const first = find(rdfFirst);
    if (!first) throw new Error(`malformed RDF list at ${termText(node)}`);
    items.push(first);
    node = find(rdfRest);
  }
  return items;
}

/** The result nodes (sh:result objects) of the report, in report order. */
export function resultNodes(dataset: DatasetCore, report: Term = findReportNode(dataset)): Term[] {
  return objects(dataset, report, sh('result'));
}

/** A result node with the blank-node structure it points to (e.g. a complex sh:resultPath). */
export interface ResultSubgraph {
  node: Term;
  quads: Quad[];
}

/** The quads of one result: the result node's triples and, recursively, those of blank nodes it points to. */
export function resultSubgraph(dataset: DatasetCore, node: Term): ResultSubgraph {
  const quads: Quad[] = [];
  const queue: Term[] = [node];
  const visited = new Set<string>([node.value]);
  while (queue.length) {
    const subject = queue.shift()!;
    for (const q of dataset.match(subject as Quad['subject'])) {
      quads.push(q);
      if (q.object.termType === 'BlankNode' && !visited.has(q.object.value)) {
        visited.add(q.object.value);
        queue.push(q.object);
      }
    }
  }
  return { node, quads };
}

/**
 * Builds an sh:ValidationReport from result subgraphs, possibly taken from
 * several engine reports. Structure blank nodes (subjects within a result
 * subgraph) get labels derived from the content (`r<hash>`, `r<hash>_1` …,
 * report `report<hash>`): stable across runs, and distinct between reports
 * with different content, so reports can be merged into one file. Other
 * blank nodes, such as a blank focus node or property shape of the data or
 * shapes graph, keep their identity.
 */
export function buildReport(conforms: boolean, results: ResultSubgraph[]): Quad[] {
  const { blankNode, literal, quad } = DataFactory;
  const out: Quad[] = [];
  const resultLabels: string[] = [];
  const used = new Set<string>();
  for (const { node, quads } of results) {
    const structure = new Set(quads.filter((q) => q.subject.termType === 'BlankNode').map((q) => q.subject.value));
    const order = [node.value, ...[...structure].filter((b) => b !== node.value)];
    const placeholder = (t: Term) => (t.termType === 'BlankNode' && structure.has(t.value) ? `_:s${order.indexOf(t.value)}` : termText(t));
    // Canonical order of the result's triples: engines list them in data-dependent order.
    const lines = quads.map((q) => ({ q, text: `${placeholder(q.subject)} ${termText(q.predicate)} ${placeholder(q.object)}` }));
    lines.sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
    const content = lines.map((l) => l.text).join('\n');
    let base = `r${createHash('sha1').update(content).digest('hex').slice(0, 16)}`;
    for (let n = 2; used.has(base); n++) base = `${base.replace(/-\d+$/, '')}-${n}`; // identical results in one report stay two results
    used.add(base);
    resultLabels.push(base);
    const label = <T extends Term>(term: T): T => {
      if (term.termType !== 'BlankNode' || !structure.has(term.value)) return term;
      const index = order.indexOf(term.value);
      return blankNode(index === 0 ? base : `${base}_${index}`) as unknown as T;
    };
    for (const { q } of lines) out.push(quad(label(q.subject), q.predicate, label(q.object)));
  }
  const report = blankNode(`report${createHash('sha1').update(`${conforms}\n${resultLabels.join('\n')}`).digest('hex').slice(0, 16)}`);
  return [
    quad(report, rdfType, sh('ValidationReport')),
    quad(report, sh('conforms'), literal(String(conforms), namedNode('http://www.w3.org/2001/XMLSchema#boolean'))),
    ...resultLabels.map((l) => quad(report, sh('result'), blankNode(l))),
    ...out,
  ];
}
