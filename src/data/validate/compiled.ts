// SHACL validation compiled from the shapes graph, for the part of SHACL Core
// that the GGM shapes use (and a little more): sh:targetClass / sh:targetNode; node and property
// shapes with an IRI sh:path; sh:datatype, sh:class, sh:nodeKind, sh:minCount,
// sh:maxCount, sh:maxLength, sh:pattern (+ sh:flags), sh:in, sh:node, sh:or,
// sh:property; sh:message and sh:severity; implicit class targets. The shapes graph is read once into
// plain objects; the data graph is indexed once by subject; every focus node is
// then checked with map lookups only: ~0.2 s for the demo data against the GGM
// shapes once compiled (~0.3 s), where shacl-engine needs 5 s or more.
//
// The results are those of shacl-engine (bench/shacl-engines.ts, test/
// shacl-compiled.test.ts compare them): the same focus node, path, value,
// source shape, constraint component, severity and message, with the
// same literal checks (literal-forms.ts: rdf-validation's XSD checks, which
// shacl-engine applies, and geo:wktLiteral well-formedness). Deliberate
// differences, where shacl-engine deviates from the SHACL specification:
// - shacl-engine validates a (shape, focus node) pair once per run and replays
//   only the shape's own results when it meets the pair again, so when a node
//   is both a target of a shape and reached through sh:node, either that
//   shape's property results or the sh:NodeConstraintComponent result goes
//   missing, depending on shape order. Here every target and every sh:node
//   check is validated in full (as shaclEngine in engines.ts does, one shape
//   per run).
// - sh:class and sh:targetClass follow rdfs:subClassOf in the data graph only
//   (shacl-engine reads it from the shapes graph; engines.ts copies the data
//   graph's hierarchy there, so the two agree unless the shapes graph has its
//   own hierarchy); sh:pattern fails on blank nodes as SHACL says
//   (shacl-engine matches their label); and only a shape that is also an
//   rdfs:Class targets its own instances (shacl-engine: every sh:NodeShape).
// A shapes graph with anything else (other constraint components, complex
// paths, other targets, recursive shapes …) is not compiled:
// CompiledShapes.compile() throws UnsupportedShapes naming what it met, and
// compiledEngine falls back to shacl-engine and says so in PreparedShapes.engine.
import type { DatasetCore, Literal, NamedNode, Quad, Term } from '@rdfjs/types';
import { DataFactory, termToId } from 'n3';
import { characterCount, lexicalCheck } from './literal-forms.js';
import { shaclEngine, type EngineReport, type ShaclEngine } from './engines.js';
import { asDataset, termText } from './report.js';

const { namedNode, literal, blankNode, quad } = DataFactory;
const SH = 'http://www.w3.org/ns/shacl#';
const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const RDF_TYPE = RDF + 'type';
const RDF_FIRST = RDF + 'first';
const RDF_REST = RDF + 'rest';
const RDF_NIL = RDF + 'nil';
const RDFS_CLASS = 'http://www.w3.org/2000/01/rdf-schema#Class';
const RDFS_SUBCLASS_OF = 'http://www.w3.org/2000/01/rdf-schema#subClassOf';
const iris = new Map<string, string>();
/** The full IRI of an sh: term, built once (a concatenated key is flattened and hashed on every lookup). */
const shIri = (local: string): string => {
  let iri = iris.get(local);
  if (!iri) iris.set(local, (iri = SH + local));
  return iri;
};
const sh = (local: string) => namedNode(shIri(local));

/** Shape predicates this validator implements. */
const CONSTRAINTS = ['targetClass', 'targetNode', 'property', 'path', 'datatype', 'class', 'nodeKind', 'minCount', 'maxCount', 'maxLength', 'pattern', 'flags', 'in', 'node', 'or', 'message', 'severity'];
/** Shape predicates without effect on validation. */
const NON_VALIDATING = ['name', 'description', 'order', 'group', 'defaultValue'];
const KNOWN = new Set([...CONSTRAINTS, ...NON_VALIDATING].map(shIri));
const IGNORED = new Set(NON_VALIDATING.map(shIri));
/** Parameters that a shape may have at most once here (SHACL allows several of some; shacl-engine reads only one). */
const SINGLE = ['path', 'datatype', 'nodeKind', 'minCount', 'maxCount', 'maxLength', 'pattern', 'flags', 'in', 'or', 'severity'];
const TERM_TYPES: Record<string, string[]> = {
  [SH + 'IRI']: ['NamedNode'],
  [SH + 'BlankNode']: ['BlankNode'],
  [SH + 'Literal']: ['Literal'],
  [SH + 'BlankNodeOrIRI']: ['BlankNode', 'NamedNode'],
  [SH + 'BlankNodeOrLiteral']: ['BlankNode', 'Literal'],
  [SH + 'IRIOrLiteral']: ['NamedNode', 'Literal'],
};
const SEVERITIES = new Set(['Violation', 'Warning', 'Info'].map((local) => SH + local));

/**
 * A term's key in the indexes: N3.js's term id (the IRI, `_:label`,
 * `"lexical"^^datatype` or `"lexical"@lang`), which N3.js terms carry
 * ready-made and which is computed for terms of other libraries.
 */
const key = termToId as (term: Term) => string;
const NO_VALUES: Term[] = [];
const NO_PREDICATES = new Map<string, Term[]>();

/**
 * The triples of a graph by subject and predicate, each value once (named
 * graphs merged: a SHACL data graph is one graph). `keep` selects predicates.
 */
class Graph {
  readonly subjects: Term[] = [];
  private readonly bySubject = new Map<string, Map<string, Term[]>>();
  private large?: Map<Term[], Set<string>>;
  /** With `lists`: the rdf:first/rdf:rest of each list node, apart (half the GGM shapes graph is sh:in lists). */
  private readonly cells = new Map<string, { first: Term[]; rest: Term[] }>();

  constructor(quads: Iterable<Quad>, options: { keep?: (predicate: string) => boolean; lists?: boolean } = {}) {
    const { keep, lists } = options;
    for (const q of quads) {
      const p = q.predicate.value;
      if (keep && !keep(p)) continue;
      if (lists && (p === RDF_FIRST || p === RDF_REST)) {
        const k = key(q.subject);
        let cell = this.cells.get(k);
        if (!cell) this.cells.set(k, (cell = { first: [], rest: [] }));
        const values = p === RDF_FIRST ? cell.first : cell.rest;
        if (!values.some((v) => v.equals(q.object))) values.push(q.object);
        continue;
      }
      const s = key(q.subject);
      let predicates = this.bySubject.get(s);
      if (!predicates) {
        predicates = new Map();
        this.bySubject.set(s, predicates);
        this.subjects.push(q.subject);
      }
      const values = predicates.get(p);
      if (!values) predicates.set(p, [q.object]);
      else this.addValue(values, q.object);
    }
  }

  /** Adds a value unless present: a scan for the usual few values, a key set beyond 16. */
  private addValue(values: Term[], value: Term): void {
    if (values.length < 16) {
      for (const v of values) if (v.equals(value)) return;
      values.push(value);
      return;
    }
    this.large ??= new Map();
    let keys = this.large.get(values);
    if (!keys) {
      keys = new Set(values.map(key));
      this.large.set(values, keys);
    }
    const k = key(value);
    if (keys.has(k)) return;
    keys.add(k);
    values.push(value);
  }

  get size(): number {
    return this.subjects.length;
  }

  objects(subject: Term, predicate: string): Term[] {
    return this.predicates(subject).get(predicate) ?? NO_VALUES;
  }

  /** The items of the RDF list at `head`, or undefined when it is malformed (branching, cyclic, unterminated). */
  list(head: Term): Term[] | undefined {
    const items: Term[] = [];
    const seen = new Set<string>();
    for (let node = head; !(node.termType === 'NamedNode' && node.value === RDF_NIL);) {
      const cell = this.cells.get(key(node));
      if (!cell || seen.has(key(node)) || cell.first.length !== 1 || cell.rest.length !== 1) return undefined;
      seen.add(key(node));
      items.push(cell.first[0]!);
      node = cell.rest[0]!;
    }
    return items;
  }

  /** The subject's values by predicate (empty for literals and nodes without triples). */
  predicates(subject: Term): Map<string, Term[]> {
    if (subject.termType === 'Literal') return NO_PREDICATES;
    return this.bySubject.get(key(subject)) ?? NO_PREDICATES;
  }
}

/** The data graph with its class hierarchy (rdfs:subClassOf*, memoised per class). */
class DataGraph extends Graph {
  private readonly ancestorsOf = new Map<string, Set<string>>();

  /** The class itself and all its superclasses. */
  ancestors(type: Term): Set<string> {
    const k = key(type);
    let found = this.ancestorsOf.get(k);
    if (!found) {
      found = new Set([k]);
      const queue = [type];
      for (let next = queue.pop(); next; next = queue.pop()) {
        for (const parent of this.objects(next, RDFS_SUBCLASS_OF)) {
          if (parent.termType === 'Literal' || found.has(key(parent))) continue;
          found.add(key(parent));
          queue.push(parent);
        }
      }
      this.ancestorsOf.set(k, found);
    }
    return found;
  }

  /** SHACL instance of: rdf:type/rdfs:subClassOf* in the data graph. */
  isInstanceOf(node: Term, classKey: string): boolean {
    for (const type of this.objects(node, RDF_TYPE)) if (this.ancestors(type).has(classKey)) return true;
    return false;
  }
}

/** One constraint on a value node: its component, test and message arguments (as shacl-engine names them). */
interface Check {
  component: NamedNode;
  test(value: Term, data: DataGraph): boolean;
  args: Record<string, unknown>;
  /** shacl-engine's own message for the component, if it has one. */
  message?: string;
}

interface Shape {
  term: Term;
  path?: NamedNode;
  severity: NamedNode;
  messages: Literal[];
  minCount?: number;
  maxCount?: number;
  checks: Check[];
  properties: Shape[];
  targetClasses: string[];
  targetNodes: Term[];
}

interface Result {
  shape: Shape;
  focus: Term;
  value?: Term;
  component: NamedNode;
  args: Record<string, unknown>;
  message?: string;
}

/** Why a shapes graph was not compiled. */
export class UnsupportedShapes extends Error {
  constructor(readonly reasons: string[]) {
    super(`shapes outside the compiled subset: ${reasons.join('; ')}`);
  }
}

const local = (iri: string) => (iri.startsWith(SH) ? `sh:${iri.slice(SH.length)}` : `<${iri}>`);

class Compiler {
  private readonly shapes = new Map<string, Shape>();
  private readonly inProgress = new Set<string>();
  readonly reasons = new Set<string>();

  constructor(readonly graph: Graph) {}

  unsupported(reason: string): void {
    this.reasons.add(reason);
  }

  /** Top-level shapes as shacl-engine finds them: targets, or typed sh:NodeShape / sh:PropertyShape. */
  topLevel(): Shape[] {
    const top: Shape[] = [];
    for (const subject of this.graph.subjects) {
      const predicates = this.graph.predicates(subject);
      const types = (predicates.get(RDF_TYPE) ?? []).map((t) => t.value);
      for (const target of ['targetObjectsOf', 'targetSubjectsOf', 'target']) if (predicates.has(shIri(target))) this.unsupported(`sh:${target}`);
      const isShape = predicates.has(shIri('targetClass')) || predicates.has(shIri('targetNode')) || types.includes(shIri('NodeShape')) || types.includes(shIri('PropertyShape'));
      if (!isShape) continue;
      const shape = this.shape(subject);
      if (!shape) continue;
      // Implicit class target: a shape that is also an rdfs:Class targets its instances.
      if (types.includes(RDFS_CLASS) && !shape.targetClasses.includes(key(subject))) shape.targetClasses.push(key(subject));
      top.push(shape);
    }
    return top;
  }

  shape(term: Term): Shape | undefined {
    const k = key(term);
    const known = this.shapes.get(k);
    if (known) return known;
    if (term.termType === 'Literal') {
      this.unsupported(`a literal as shape: ${termText(term)}`);
      return undefined;
    }
    if (this.inProgress.has(k)) {
      this.unsupported(`recursive shapes (${termText(term)})`);
      return undefined;
    }
    this.inProgress.add(k);
    const p = this.graph.predicates(term);
    for (const predicate of p.keys()) if (predicate.startsWith(SH) && !KNOWN.has(predicate)) this.unsupported(local(predicate));
    for (const single of SINGLE) if ((p.get(shIri(single))?.length ?? 0) > 1) this.unsupported(`several sh:${single} on one shape`);
    const one = (name: string) => p.get(shIri(name))?.[0];
    const all = (name: string) => p.get(shIri(name)) ?? NO_VALUES;

    const severity = one('severity') ?? sh('Violation');
    if (!SEVERITIES.has(severity.value)) this.unsupported(`sh:severity ${termText(severity)}`);
    const path = one('path');
    if (path && path.termType !== 'NamedNode') this.unsupported('complex sh:path');
    const shape: Shape = {
      term,
      severity: severity as NamedNode,
      messages: all('message').filter((m): m is Literal => m.termType === 'Literal'),
      checks: [],
      properties: [],
      targetClasses: all('targetClass').map(key),
      targetNodes: all('targetNode'),
    };
    if (path?.termType === 'NamedNode') shape.path = path;
    if (all('message').length !== shape.messages.length) this.unsupported('a non-literal sh:message');

    const count = (name: string): number | undefined => {
      const value = one(name);
      if (!value) return undefined;
      if (!shape.path && (name === 'minCount' || name === 'maxCount')) this.unsupported(`sh:${name} on a node shape`);
      if (value.termType !== 'Literal' || !/^[0-9]+$/.test(value.value)) {
        this.unsupported(`sh:${name} ${termText(value)}`);
        return undefined;
      }
      return Number(value.value);
    };
    const minCount = count('minCount');
    if (minCount !== undefined) shape.minCount = minCount;
    const maxCount = count('maxCount');
    if (maxCount !== undefined) shape.maxCount = maxCount;

    for (const [name, value] of p) {
      if (!name.startsWith(SH)) continue;
      const c = this.check(name.slice(SH.length), value, p);
      if (c) shape.checks.push(...c);
    }
    for (const property of all('property')) {
      const compiled = this.shape(property);
      if (compiled) shape.properties.push(compiled);
    }
    this.inProgress.delete(k);
    this.shapes.set(k, shape);
    return shape;
  }

  /** The value checks of one constraint parameter, in shacl-engine's terms (see its lib/validations/). */
  private check(name: string, values: Term[], p: Map<string, Term[]>): Check[] | undefined {
    const value = values[0]!;
    switch (name) {
      case 'datatype': {
        if (value.termType !== 'NamedNode') return void this.unsupported(`sh:datatype ${termText(value)}`);
        const lexical = lexicalCheck(value);
        return [{
          component: sh('DatatypeConstraintComponent'),
          test: (v) => v.termType === 'Literal' && v.datatype.value === value.value && (!lexical || lexical.validateSimple(v)),
          args: { datatype: value },
          message: 'Value does not have datatype {$datatype}',
        }];
      }
      case 'class':
        return values.map((c) => {
          const classKey = key(c);
          return { component: sh('ClassConstraintComponent'), test: (v, data) => data.isInstanceOf(v, classKey), args: {} };
        });
      case 'nodeKind': {
        const termTypes = TERM_TYPES[value.value];
        if (!termTypes) return void this.unsupported(`sh:nodeKind ${termText(value)}`);
        return [{ component: sh('NodeKindConstraintComponent'), test: (v) => termTypes.includes(v.termType), args: { nodeKind: value }, message: 'Value does not have node kind {$nodeKind}' }];
      }
      case 'maxLength': {
        if (value.termType !== 'Literal' || !/^[0-9]+$/.test(value.value)) return void this.unsupported(`sh:maxLength ${termText(value)}`);
        const maxLength = Number(value.value);
        // As shacl-engine: the length of the lexical form or IRI in UTF-16 code units; a blank node fails.
        return [{ component: sh('MaxLengthConstraintComponent'), test: (v) => v.termType !== 'BlankNode' && characterCount(v.value) <= maxLength, args: { maxLength }, message: 'Value has more than {$maxLength} characters' }];
      }
      case 'pattern': {
        const flags = p.get(shIri('flags'))?.[0];
        if (value.termType !== 'Literal' || (flags && flags.termType !== 'Literal')) return void this.unsupported('a non-literal sh:pattern or sh:flags');
        if (flags && /[gy]/.test(flags.value)) return void this.unsupported(`sh:flags "${flags.value}"`);
        let regex: RegExp;
        try {
          regex = new RegExp(value.value, flags?.value);
        } catch {
          return void this.unsupported(`sh:pattern ${termText(value)} with flags ${flags ? termText(flags) : 'none'} is no JavaScript regular expression`);
        }
        return [{ component: sh('PatternConstraintComponent'), test: (v) => v.termType !== 'BlankNode' && regex.test(v.value), args: { flags: flags?.value, pattern: value.value }, message: 'Value does not match pattern "{$pattern}"' }];
      }
      case 'in': {
        const items = this.list(value, 'sh:in');
        if (!items) return undefined;
        const keys = new Set(items.map(key));
        return [{ component: sh('InConstraintComponent'), test: (v) => keys.has(key(v)), args: { in: items.map((i) => i.value).join(', ') }, message: 'Value is not in {$in}' }];
      }
      case 'node':
        return values.flatMap((target) => {
          const shape = this.shape(target);
          if (!shape) return [];
          return [{ component: sh('NodeConstraintComponent'), test: (v: Term, data: DataGraph) => conforms(shape, v, data), args: { node: target }, message: 'Value does not have shape {$node}' }];
        });
      case 'or': {
        const members = this.list(value, 'sh:or')?.map((m) => this.shape(m));
        if (!members || members.some((m) => !m)) return undefined;
        return [{ component: sh('OrConstraintComponent'), test: (v, data) => members.some((m) => conforms(m!, v, data)), args: {} }];
      }
      default:
        return undefined; // targets, path, counts, flags, messages, severity: read in shape()
    }
  }

  private list(head: Term, what: string): Term[] | undefined {
    const items = this.graph.list(head);
    if (!items) this.unsupported(`a malformed ${what} list`);
    return items;
  }
}

const keepInShapes = (predicate: string) =>
  (predicate.startsWith(SH) && !IGNORED.has(predicate)) || predicate === RDF_TYPE || predicate === RDF_FIRST || predicate === RDF_REST;

/** A shapes graph compiled into checks; validate() as often as needed. */
export class CompiledShapes {
  private readonly byClass = new Map<string, Shape[]>();
  private readonly withTargetNodes: Shape[];

  private constructor(private readonly graph: Graph, shapes: Shape[]) {
    for (const shape of shapes) {
      for (const c of shape.targetClasses) {
        const list = this.byClass.get(c);
        if (!list) this.byClass.set(c, [shape]);
        else if (!list.includes(shape)) list.push(shape);
      }
    }
    this.withTargetNodes = shapes.filter((s) => s.targetNodes.length > 0);
  }

  /** Compiles a shapes graph, or throws UnsupportedShapes naming everything outside the subset. */
  static compile(shapes: DatasetCore | Iterable<Quad>): CompiledShapes {
    const graph = new Graph(shapes as Iterable<Quad>, { keep: keepInShapes, lists: true });
    const compiler = new Compiler(graph);
    const top = compiler.topLevel();
    if (compiler.reasons.size) throw new UnsupportedShapes([...compiler.reasons].sort());
    return new CompiledShapes(graph, top);
  }

  /** Validates a data graph; nodes in `skipFocusNodes` (keys `termType:value`) are not validated as focus nodes. */
  validate(quads: DatasetCore | Iterable<Quad>, skipFocusNodes?: ReadonlySet<string>): EngineReport {
    const data = new DataGraph(quads as Iterable<Quad>);
    const results: Result[] = [];
    if (data.size === 0) return this.report(results); // as shacl-engine: an empty data graph conforms
    const applied: Shape[] = [];
    for (const subject of data.subjects) {
      const types = data.objects(subject, RDF_TYPE);
      if (types.length === 0 || skipFocusNodes?.has(`${subject.termType}:${subject.value}`)) continue;
      applied.length = 0;
      for (const type of types) {
        for (const c of data.ancestors(type)) {
          for (const shape of this.byClass.get(c) ?? []) if (!applied.includes(shape)) applied.push(shape);
        }
      }
      const values = data.predicates(subject);
      for (const shape of applied) validateShape(shape, subject, data, results, values);
    }
    for (const shape of this.withTargetNodes) {
      const seen = new Set<string>();
      for (const node of shape.targetNodes) {
        const k = key(node);
        if (seen.has(k) || skipFocusNodes?.has(`${node.termType}:${node.value}`)) continue;
        seen.add(k);
        if (node.termType !== 'Literal' && shape.targetClasses.some((c) => data.isInstanceOf(node, c))) continue; // validated above
        validateShape(shape, node, data, results);
      }
    }
    return this.report(results);
  }

  private report(results: Result[]): EngineReport {
    const report = blankNode();
    const conforms = results.length === 0; // every severity here is sh:Violation, sh:Warning or sh:Info
    const quads: Quad[] = [
      quad(report, namedNode(RDF_TYPE), sh('ValidationReport')),
      quad(report, sh('conforms'), literal(String(conforms), namedNode('http://www.w3.org/2001/XMLSchema#boolean'))),
    ];
    for (const r of results) {
      const node = blankNode();
      quads.push(
        quad(report, sh('result'), node),
        quad(node, namedNode(RDF_TYPE), sh('ValidationResult')),
        quad(node, sh('focusNode'), r.focus as Quad['object']),
        quad(node, sh('resultSeverity'), r.shape.severity),
        quad(node, sh('sourceConstraintComponent'), r.component),
        quad(node, sh('sourceShape'), r.shape.term as Quad['object']),
      );
      for (const message of this.messages(r)) quads.push(quad(node, sh('resultMessage'), message));
      if (r.shape.path) quads.push(quad(node, sh('resultPath'), r.shape.path));
      if (r.value) quads.push(quad(node, sh('value'), r.value as Quad['object']));
    }
    return { conforms, quads };
  }

  /** As shacl-engine: the shape's sh:message, else the component's built-in message, else the component's sh:message in the shapes graph; {$arg} filled in. */
  private messages(r: Result): Literal[] {
    let messages: Array<{ value: string; language?: string }> = r.shape.messages;
    if (messages.length === 0 && r.message) messages = [{ value: r.message }];
    if (messages.length === 0) messages = this.graph.objects(r.component, shIri('message')).filter((m): m is Literal => m.termType === 'Literal');
    return messages.map((m) => literal(fillIn(m.value, r.args), m.language || undefined));
  }
}

/** shacl-engine's resolveVariables: the first {$name} and {?name} of each argument, terms in N-Triples form. */
function fillIn(message: string, args: Record<string, unknown>): string {
  if (!message.includes('{')) return message;
  return Object.entries(args).reduce((text, [name, value]) => {
    const v = String(value && typeof value === 'object' && 'termType' in value ? termText(value as Term) : value);
    return text.replace(`{$${name}}`, v).replace(`{?${name}}`, v); // string replacements, `$&` and all, as shacl-engine
  }, message);
}

/**
 * Validates `focus` against `shape`, adding every result to `results`; true
 * when there was none. Without `results` it stops at the first result.
 * `focusValues` are the focus node's values by predicate.
 */
function validateShape(shape: Shape, focus: Term, data: DataGraph, results?: Result[], focusValues = data.predicates(focus)): boolean {
  if (!shape.path) return validateValue(shape, focus, focus, data, results, focusValues);
  const values = focusValues.get(shape.path.value) ?? NO_VALUES;
  let ok = true;
  const count = (component: string, args: Record<string, unknown>, message: string) => {
    ok = false;
    results?.push({ shape, focus, component: sh(component), args, message });
  };
  if (shape.minCount !== undefined && values.length < shape.minCount) {
    if (!results) return false;
    count('MinCountConstraintComponent', { minCount: shape.minCount }, 'Less than {$minCount} values');
  }
  if (shape.maxCount !== undefined && values.length > shape.maxCount) {
    if (!results) return false;
    count('MaxCountConstraintComponent', { maxCount: shape.maxCount }, 'More than {$maxCount} values');
  }
  for (const value of values) {
    if (!validateValue(shape, focus, value, data, results)) {
      if (!results) return false;
      ok = false;
    }
  }
  return ok;
}

function validateValue(shape: Shape, focus: Term, value: Term, data: DataGraph, results?: Result[], valueValues?: Map<string, Term[]>): boolean {
  let ok = true;
  for (const check of shape.checks) {
    if (check.test(value, data)) continue;
    if (!results) return false;
    ok = false;
    results.push({ shape, focus, value, component: check.component, args: check.args, ...(check.message ? { message: check.message } : {}) });
  }
  if (shape.properties.length === 0) return ok;
  valueValues ??= data.predicates(value);
  for (const property of shape.properties) {
    if (validateShape(property, value, data, results, valueValues)) continue;
    if (!results) return false;
    ok = false;
  }
  return ok;
}

/** Whether `node` conforms to `shape` (sh:node, sh:or): stops at the first result. */
function conforms(shape: Shape, node: Term, data: DataGraph): boolean {
  return validateShape(shape, node, data);
}

/**
 * The project's engine: compiled shapes when the shapes graph stays within
 * the subset above, else shacl-engine (PreparedShapes.engine says which,
 * and why).
 */
export const compiledEngine: ShaclEngine = {
  name: 'compiled',
  prepare(shapes) {
    let compiled: CompiledShapes;
    try {
      compiled = CompiledShapes.compile(shapes);
    } catch (error) {
      if (!(error instanceof UnsupportedShapes)) throw error;
      const fallback = shaclEngine.prepare(asDataset(shapes));
      return { engine: `${shaclEngine.name} (fallback: ${error.reasons.join('; ')})`, validate: (data) => fallback.validate(data) };
    }
    return { engine: 'compiled', validate: async (data, options) => compiled.validate(data, options?.skipFocusNodes) };
  },
};
