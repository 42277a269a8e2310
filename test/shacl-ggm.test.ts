// SHACL validation on the project's own artefacts: the generated GGM shapes
// (shapes/ggm-shapes.ttl) and the committed demo data (data/demo/gemeente.trig).
import assert from 'node:assert/strict';
import path from 'node:path';
import { before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { NamedNode, Quad } from '@rdfjs/types';
import { DataFactory, Store } from 'n3';
import {
  collectTypes,
  parseRdfFile,
  termText,
  validate,
  validateInBatches,
  validateShapesGraph,
  type ValidationOutcome,
  defaultShaclShaclFile,
} from '../src/data/validate/index.js';
import { sharedDir } from '../src/cli/paths.js';

const SHACL_SHACL = { shaclShaclFile: defaultShaclShaclFile(sharedDir()) };

const { namedNode, literal, quad } = DataFactory;
const SH = 'http://www.w3.org/ns/shacl#';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const XSD_DATE = 'http://www.w3.org/2001/XMLSchema#date';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
let shapes: Quad[];
let demo: Quad[];
before(async () => {
  shapes = await parseRdfFile(path.join(root, 'shapes', 'ggm-shapes.ttl'));
  demo = await parseRdfFile(path.join(root, 'data', 'demo', 'gemeente.trig'));
});

test('the generated GGM shapes are well-formed SHACL (SHACL-for-SHACL)', async () => {
  const outcome = await validateShapesGraph(shapes, SHACL_SHACL);
  assert.deepEqual(
    outcome.results.map((r) => `${termText(r.focusNode)} ${r.pathText} ${r.constraint.value}`),
    [],
  );
  assert.equal(outcome.conforms, true);
});

interface PropertyShape {
  shape: NamedNode;
  path: NamedNode;
}

/** Property shapes with `constraint` (of value `value`, if given) whose path the demo data uses, by shape IRI. */
function propertyShapes(store: Store, used: Set<string>, constraint: string, value?: string): PropertyShape[] {
  return store
    .getQuads(null, SH + constraint, null, null)
    .filter((q) => value === undefined || q.object.value === value)
    .map((q) => ({ shape: q.subject as NamedNode, path: store.getObjects(q.subject, SH + 'path', null)[0] as NamedNode }))
    .filter((x) => x.path !== undefined && used.has(x.path.value))
    .sort((a, b) => (a.shape.value < b.shape.value ? -1 : 1));
}

test('demo data with three injected defects: exactly those violations, whole and in batches', async () => {
  const store = new Store(shapes);
  const used = new Set(demo.map((q) => q.predicate.value));
  const firstSubject = (p: NamedNode) =>
    demo
      .filter((q) => q.predicate.equals(p))
      .map((q) => q.subject.value)
      .sort()[0]!;
  // Spread the defects over the model: first, middle and last matching shape.
  const required = propertyShapes(store, used, 'minCount', '1')[0]!;
  const dates = propertyShapes(store, used, 'datatype', XSD_DATE);
  const dated = dates[dates.length - 1]!;
  const classed = propertyShapes(store, used, 'class');
  const typed = classed[Math.floor(classed.length / 2)]!;
  const expectedClass = store.getObjects(typed.shape, SH + 'class', null)[0]!;
  const wrongTarget = demo.find((q) => q.predicate.value === RDF_TYPE && !q.object.equals(expectedClass))!.subject;

  const defects = { missing: firstSubject(required.path), badDate: firstSubject(dated.path), wrongClass: firstSubject(typed.path) };
  const mutated = demo.flatMap((q) => {
    if (q.subject.value === defects.missing && q.predicate.equals(required.path)) return [];
    if (q.subject.value === defects.badDate && q.predicate.equals(dated.path))
      return [quad(q.subject, q.predicate, literal('2024-13-45', namedNode(XSD_DATE)), q.graph)];
    if (q.subject.value === defects.wrongClass && q.predicate.equals(typed.path))
      return [quad(q.subject, q.predicate, wrongTarget, q.graph)];
    return [q];
  });
  assert.ok(mutated.length < demo.length, 'the required value was removed');
  const expected = [
    `<${defects.missing}> <${required.path.value}> sh:MinCountConstraintComponent <${required.shape.value}> -`,
    `<${defects.badDate}> <${dated.path.value}> sh:DatatypeConstraintComponent <${dated.shape.value}> "2024-13-45"^^<${XSD_DATE}>`,
    `<${defects.wrongClass}> <${typed.path.value}> sh:ClassConstraintComponent <${typed.shape.value}> ${termText(wrongTarget)}`,
    // The node is also an instance of a subclass, whose shape reaches the broken one by sh:node: that shape reports it once more.
    ...nodeShapesReaching(store, demo, defects.wrongClass, typed.shape).map(
      (shape) => `<${defects.wrongClass}> undefined sh:NodeConstraintComponent <${shape}> <${defects.wrongClass}>`,
    ),
  ].sort();
  assert.equal(expected.length, 4, 'the wrong-class node is an instance of a subclass too (the demo data types it twice)');
  const summary = (outcome: ValidationOutcome) =>
    outcome.results
      .map(
        (r) =>
          `${termText(r.focusNode)} ${r.pathText} ${r.constraint.value.replace(SH, 'sh:')} ${termText(r.sourceShape)} ${r.value ? termText(r.value) : '-'}`,
      )
      .sort();

  const whole = await validate(mutated, shapes);
  assert.deepEqual(summary(whole), expected);

  const batched = await validateInBatches(mutated, shapes, { typeIndex: await collectTypes(mutated), subjectsPerBatch: 2000 });
  assert.ok(batched.batches > 1, `${batched.batches} batches`);
  assert.deepEqual(summary(batched), expected);
});

/** The node shapes targeting one of `node`'s classes whose sh:node is the node shape owning `propertyShape`. */
function nodeShapesReaching(shapes: Store, data: Quad[], node: string, propertyShape: NamedNode): string[] {
  const owner = shapes.getSubjects(SH + 'property', propertyShape, null)[0]!;
  const types = data.filter((q) => q.subject.value === node && q.predicate.value === RDF_TYPE).map((q) => q.object.value);
  return shapes
    .getSubjects(SH + 'node', owner, null)
    .filter((shape) => shapes.getObjects(shape, SH + 'targetClass', null).some((c) => types.includes(c.value)))
    .map((shape) => shape.value);
}
