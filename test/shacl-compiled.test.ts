// The compiled GGM shapes (src/data/validate/compiled.ts) against shacl-engine
// on the real demo data: deterministic mutations break every constraint kind
// the GGM shapes use, and both engines must report exactly the same results
// (focus node, path, value, source shape, component, severity, message),
// whole and in batches.
import assert from 'node:assert/strict';
import path from 'node:path';
import { before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { NamedNode, Quad, Term } from '@rdfjs/types';
import { DataFactory, Store } from 'n3';
import {
  CompiledShapes,
  UnsupportedShapes,
  collectTypes,
  loadGgmShapes,
  parseRdfFile,
  prepareShapes,
  shaclEngine,
  termText,
  validate,
  validateInBatches,
  type ValidationOutcome,
} from '../src/data/validate/index.js';

const { namedNode, literal, quad } = DataFactory;
const SH = 'http://www.w3.org/ns/shacl#';
const XSD = 'http://www.w3.org/2001/XMLSchema#';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

let shapes: Quad[];
let hierarchy: Quad[];
let demo: Quad[];
let shapesStore: Store;
before(async () => {
  ({ shapes, hierarchy } = await loadGgmShapes(root));
  demo = await parseRdfFile(path.join(root, 'data', 'demo', 'gemeente.trig'));
  shapesStore = new Store(shapes);
});

const summary = (outcome: ValidationOutcome) =>
  outcome.results
    .map((r) =>
      [
        termText(r.focusNode),
        r.pathText ?? '-',
        r.value ? termText(r.value) : '-',
        r.constraint.value.replace(SH, 'sh:'),
        termText(r.sourceShape),
        r.severity.value.replace(SH, 'sh:'),
        r.message ?? '-',
      ].join(' | '),
    )
    .sort();

interface Mutation {
  /** What is broken, for assertion messages. */
  name: string;
  focus: string;
  component: string;
  /** Replaces the quads of (focus, predicate); [] drops them. */
  predicate: NamedNode;
  values: (old: Term[]) => Term[];
}

/** Property shapes with `constraint` (= `value`, if given) whose path the demo data uses, in IRI order. */
function propertyShapes(constraint: string, value?: string): Array<{ shape: Term; path: NamedNode; object: Term }> {
  const used = new Set(demo.map((q) => q.predicate.value));
  return shapesStore
    .getQuads(null, SH + constraint, null, null)
    .filter((q) => value === undefined || q.object.value === value)
    .map((q) => ({ shape: q.subject, path: shapesStore.getObjects(q.subject, SH + 'path', null)[0] as NamedNode, object: q.object }))
    .filter((x) => x.path !== undefined && used.has(x.path.value))
    .sort((a, b) => (a.shape.value < b.shape.value ? -1 : 1));
}

function mutations(): Mutation[] {
  const list: Mutation[] = [];
  // Each mutation gets a focus node of its own, so that their results stay apart.
  const taken = new Set<string>();
  const subjectWith = (predicate: NamedNode, n = 0): string => {
    const subject = [...new Set(demo.filter((q) => q.predicate.equals(predicate)).map((q) => q.subject.value))]
      .sort()
      .filter((x) => !taken.has(x))[n]!;
    taken.add(subject);
    return subject;
  };
  const required = propertyShapes('minCount', '1')[0]!;
  list.push({
    name: 'required value dropped',
    focus: subjectWith(required.path),
    component: 'MinCount',
    predicate: required.path,
    values: () => [],
  });

  const single = propertyShapes('maxCount', '1').filter(
    (p) => new Set(demo.filter((q) => q.predicate.equals(p.path)).map((q) => q.object.value)).size > 1,
  )[3]!;
  const other = demo.filter((q) => q.predicate.equals(single.path)).map((q) => q.object);
  list.push({
    name: 'second value where maxCount 1',
    focus: subjectWith(single.path, 1),
    component: 'MaxCount',
    predicate: single.path,
    values: (old) => [...old, other.find((o) => !old.some((v) => v.equals(o)))!],
  });

  const dated = propertyShapes('datatype', XSD + 'date').at(-1)!;
  list.push({
    name: 'wrong datatype',
    focus: subjectWith(dated.path),
    component: 'Datatype',
    predicate: dated.path,
    values: () => [literal('15 maart 2024')],
  });

  const counted = propertyShapes('datatype', XSD + 'integer')[0]!;
  list.push({
    name: 'ill-formed literal',
    focus: subjectWith(counted.path),
    component: 'Datatype',
    predicate: counted.path,
    values: () => [literal('abc', namedNode(XSD + 'integer'))],
  });

  const classed = propertyShapes('class');
  const typed = classed[Math.floor(classed.length / 2)]!;
  const wrongTarget = demo.find((q) => q.predicate.value === RDF_TYPE && !q.object.equals(typed.object))!.subject;
  list.push({
    name: 'wrong class',
    focus: subjectWith(typed.path),
    component: 'Class',
    predicate: typed.path,
    values: () => [wrongTarget],
  });

  const coded = propertyShapes('in')[1]!;
  list.push({
    name: 'value outside sh:in',
    focus: subjectWith(coded.path),
    component: 'In',
    predicate: coded.path,
    values: () => [namedNode('https://gemeentelijkgegevensmodel.nl/def/ggm/codelijst/BestaatNiet')],
  });

  const limited = propertyShapes('maxLength').find(
    (p) => shapesStore.getObjects(p.shape, SH + 'datatype', null)[0]?.value === XSD + 'string',
  )!;
  const maxLength = Number(limited.object.value);
  list.push({
    name: 'too long',
    focus: subjectWith(limited.path),
    component: 'MaxLength',
    predicate: limited.path,
    values: () => [literal('x'.repeat(maxLength + 1))],
  });

  const patterned = propertyShapes('pattern')[0]!;
  const patternDatatype = shapesStore.getObjects(patterned.shape, SH + 'datatype', null)[0] as NamedNode | undefined;
  list.push({
    name: 'pattern mismatch',
    focus: subjectWith(patterned.path),
    component: 'Pattern',
    predicate: patterned.path,
    values: () => [literal('geen-patroon', patternDatatype)],
  });

  // The demo data uses none of the sh:nodeKind sh:IRI properties: give an instance of the owning class a literal value.
  const demoStore = new Store(demo);
  const iriOnly = shapesStore
    .getSubjects(SH + 'nodeKind', SH + 'IRI', null)
    .map((shape) => ({
      path: shapesStore.getObjects(shape, SH + 'path', null)[0] as NamedNode,
      owner: shapesStore.getObjects(shapesStore.getSubjects(SH + 'property', shape, null)[0]!, SH + 'targetClass', null)[0]!,
    }))
    .map((x) => ({
      ...x,
      instance: demoStore
        .getSubjects(RDF_TYPE, x.owner, null)
        .map((s) => s.value)
        .sort()
        .find((v) => !taken.has(v)),
    }))
    .filter((x) => x.instance !== undefined)
    .sort((a, b) => (a.path.value < b.path.value ? -1 : 1))[0]!;
  taken.add(iriOnly.instance!);
  list.push({
    name: 'literal where an IRI is required',
    focus: iriOnly.instance!,
    component: 'NodeKind',
    predicate: iriOnly.path,
    values: () => [literal('Man')],
  });

  const free = (p: { path: NamedNode }) => demo.some((q) => q.predicate.equals(p.path) && !taken.has(q.subject.value));
  const alternatives = propertyShapes('or')
    .filter((p) => shapesStore.getObjects(p.shape, SH + 'class', null).length === 0)
    .find(free)!;
  list.push({
    name: 'value of none of the sh:or classes',
    focus: subjectWith(alternatives.path),
    component: 'Or',
    predicate: alternatives.path,
    values: () => [wrongTarget],
  });

  // A subclass instance breaking a constraint inherited from its superclass's shape (reached by sh:node and by the superclass's target).
  const store = demoStore;
  const sub = shapesStore
    .getQuads(null, SH + 'node', null, null)
    .map((q) => ({ sub: q.subject, superShape: q.object, subClass: shapesStore.getObjects(q.subject, SH + 'targetClass', null)[0]! }))
    .sort((a, b) => (a.sub.value < b.sub.value ? -1 : 1))
    .find((x) => store.getSubjects(RDF_TYPE, x.subClass, null).some((i) => !taken.has(i.value)))!;
  const instance = store
    .getSubjects(RDF_TYPE, sub.subClass, null)
    .map((s) => s.value)
    .sort()
    .find((v) => !taken.has(v))!;
  taken.add(instance);
  const inherited = shapesStore
    .getObjects(sub.superShape, SH + 'property', null)
    .filter(
      (p) =>
        shapesStore.getObjects(p, SH + 'maxCount', null)[0]?.value === '1' &&
        shapesStore.getObjects(p, SH + 'datatype', null)[0]?.value === XSD + 'string',
    )
    .sort((a, b) => (a.value < b.value ? -1 : 1))[0]!;
  list.push({
    name: 'subclass instance with two values of an inherited single-valued attribute',
    focus: instance,
    component: 'MaxCount',
    predicate: shapesStore.getObjects(inherited, SH + 'path', null)[0] as NamedNode,
    values: (old) => [...old, literal('een'), literal('twee')],
  });
  list.push({
    name: 'the same subclass instance, through sh:node',
    focus: instance,
    component: 'Node',
    predicate: namedNode('urn:unused'),
    values: (old) => old,
  });
  return list;
}

function mutate(data: Quad[], list: Mutation[]): Quad[] {
  const out: Quad[] = [];
  const done = new Set<string>();
  const byTarget = new Map(list.map((m) => [`${m.focus} ${m.predicate.value}`, m]));
  for (const q of data) {
    const k = `${q.subject.value} ${q.predicate.value}`;
    const m = byTarget.get(k);
    if (!m) {
      out.push(q);
      continue;
    }
    if (done.has(k)) continue;
    done.add(k);
    const old = data.filter((x) => x.subject.equals(q.subject) && x.predicate.equals(q.predicate)).map((x) => x.object);
    for (const value of m.values(old)) out.push(quad(q.subject, q.predicate, value as Quad['object'], q.graph));
  }
  for (const m of list)
    assert.ok(
      out.some((q) => q.subject.value === m.focus),
      `${m.name}: focus ${m.focus} not in the data`,
    );
  // New values go right after the focus node's last triple: the data stays grouped by subject, as batches need.
  for (const m of list) {
    const k = `${m.focus} ${m.predicate.value}`;
    if (!done.has(k) && m.predicate.value !== 'urn:unused') {
      let last = out.length - 1;
      while (out[last]!.subject.value !== m.focus) last--;
      out.splice(
        last + 1,
        0,
        ...m.values([]).map((value) => quad(namedNode(m.focus), m.predicate, value as Quad['object'], out[last]!.graph)),
      );
    }
  }
  return out;
}

test('the GGM shapes compile: validate() uses the compiled shapes, not the fallback', () => {
  assert.equal(prepareShapes(shapes).engine, 'compiled');
  assert.doesNotThrow(() => CompiledShapes.compile(shapes));
});

test('the clean demo data conforms to the compiled GGM shapes, with the class hierarchy', async () => {
  const outcome = await validate([...demo, ...hierarchy], shapes);
  assert.deepEqual(summary(outcome), []);
  assert.equal(outcome.conforms, true);
});

test('demo data with one mutation per constraint kind: compiled shapes and shacl-engine report the same results', async () => {
  const list = mutations();
  const data = [...mutate(demo, list), ...hierarchy];
  const compiled = await validate(data, shapes);
  const reference = await validate(data, shapes, { engine: shaclEngine });
  assert.deepEqual(summary(compiled), summary(reference));
  assert.equal(compiled.conforms, false);
  for (const m of list) {
    assert.ok(
      compiled.results.some((r) => r.focusNode.value === m.focus && r.constraint.value === `${SH}${m.component}ConstraintComponent`),
      `${m.name}: no sh:${m.component}ConstraintComponent result for <${m.focus}>\n${summary(compiled).join('\n')}`,
    );
  }
  // The inherited violation is reported at the superclass's property shape as well as by the subclass's sh:node.
  const inherited = list.find((m) => m.name.startsWith('subclass instance'))!;
  const forInstance = compiled.results
    .filter((r) => r.focusNode.value === inherited.focus)
    .map((r) => r.constraint.value.replace(SH, 'sh:'))
    .sort();
  assert.deepEqual(forInstance, ['sh:MaxCountConstraintComponent', 'sh:NodeConstraintComponent']);
  // Every result carries the shape's Dutch sh:message.
  assert.ok(compiled.results.every((r) => r.message && r.message.length > 0));
});

// Batched compiled == whole compiled here, and whole compiled == shacl-engine above.
test('in batches: nodes described in other batches count for sh:class; the results are those of the whole-graph run', async () => {
  const list = mutations();
  const data = mutate(demo, list);
  const typeIndex = await collectTypes(data);
  const options = { typeIndex, sharedQuads: hierarchy, subjectsPerBatch: 1500 };
  const compiled = await validateInBatches(data, shapes, options);
  assert.ok(compiled.batches > 1, `${compiled.batches} batches`);
  const whole = await validate([...data, ...hierarchy], shapes);
  assert.deepEqual(summary(compiled), summary(whole));
  assert.ok(compiled.resultCount > 0);
  // Without the type index, references to nodes of other batches fail sh:class: the index is what makes them count.
  const blind = await validateInBatches(data, shapes, { sharedQuads: hierarchy, subjectsPerBatch: 1500 });
  assert.ok(
    blind.resultCount > compiled.resultCount + 100,
    `${blind.resultCount} results without the type index, ${compiled.resultCount} with`,
  );
});

test('a shapes graph outside the compiled subset is named and validated by shacl-engine', async () => {
  const extra = [
    ...shapes,
    quad(
      namedNode('https://gemeentelijkgegevensmodel.nl/def/ggm/shape/Zaak'),
      namedNode(SH + 'closed'),
      literal('true', namedNode(XSD + 'boolean')),
    ),
  ];
  assert.throws(
    () => CompiledShapes.compile(extra),
    (error: unknown) => error instanceof UnsupportedShapes && error.reasons.includes('sh:closed'),
  );
  assert.match(prepareShapes(extra).engine ?? '', /^shacl-engine \(fallback: sh:closed\)$/);
});
