// The W3C SHACL core test suite, run offline from the shared folder through
// the project's SHACL engine (compiled shapes, falling back to shacl-engine)
// and through shacl-engine alone, checks that the suite runner really detects
// wrong reports, and validate() on one of the suite's files.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import type { Quad } from '@rdfjs/types';
import { DataFactory } from 'n3';
import { compiledEngine, defaultEngine, parseRdfFile, shaclEngine, validate, type ShaclEngine } from '../src/data/validate/index.js';
import { runShaclSuite, shaclCoreManifest } from './support/w3c-shacl-suite.js';
import { rdfValidateShacl } from './support/rdf-validate-shacl.js';
import { sharedDir } from '../src/cli/paths.js';

/** Measured with bench/shacl-engines.ts: shacl-engine 1.1.2 passes every core test, and so do the compiled shapes with their fallback. */
const MEASURED_PASS_COUNT = 98;
/** Core tests whose shapes the compiled validator takes (the rest fall back to shacl-engine). */
const MEASURED_COMPILED_COUNT = 38;
/** Core tests the project engine is known to fail, with the reason. Empty: none. */
const KNOWN_FAILING: Record<string, string> = {};

const { manifestFile, testsDir } = shaclCoreManifest(sharedDir());

test('W3C SHACL core suite: the project engine passes at least the measured count, failing only known tests', async () => {
  const outcomes = await runShaclSuite(defaultEngine, manifestFile, testsDir);
  assert.equal(outcomes.length, 98, 'the core suite has 98 sht:Validate entries');
  assert.equal(new Set(outcomes.map((o) => o.id)).size, outcomes.length, 'test ids are unique');
  const unexpected = outcomes.filter((o) => !o.passed && !(o.id in KNOWN_FAILING));
  assert.deepEqual(
    unexpected.map((o) => `${o.id}: ${o.reason}`),
    [],
  );
  const passed = outcomes.filter((o) => o.passed).length;
  assert.ok(passed >= MEASURED_PASS_COUNT, `passed ${passed}, measured ${MEASURED_PASS_COUNT}`);
  for (const folder of ['node', 'property', 'path', 'targets', 'complex', 'misc', 'validation-reports']) {
    assert.ok(
      outcomes.some((o) => o.id.startsWith(`core/${folder}/`)),
      `runs tests from core/${folder}`,
    );
  }
});

test('W3C SHACL core suite: the compiled shapes validate the tests inside their subset, shacl-engine the rest, naming why', async () => {
  assert.equal(defaultEngine, compiledEngine);
  const outcomes = await runShaclSuite(compiledEngine, manifestFile, testsDir);
  const engineOf = new Map(outcomes.map((o) => [o.id, o.engine]));
  const compiled = outcomes.filter((o) => o.engine === 'compiled');
  assert.ok(compiled.length >= MEASURED_COMPILED_COUNT, `${compiled.length} compiled, measured ${MEASURED_COMPILED_COUNT}`);
  assert.deepEqual(
    compiled.filter((o) => !o.passed).map((o) => `${o.id}: ${o.reason}`),
    [],
  );
  // Every constraint kind of the GGM shapes is among the compiled tests, which expect results (not only conforming data).
  for (const id of [
    'core/node/class-001',
    'core/property/datatype-ill-formed',
    'core/property/or-001',
    'core/property/or-datatypes-001',
    'core/property/node-002',
    'core/property/maxCount-001',
    'core/property/minCount-001',
    'core/node/maxLength-001',
    'core/property/pattern-001',
    'core/property/in-001',
    'core/property/nodeKind-001',
    'core/targets/targetNode-001',
    'core/targets/targetClassImplicit-001',
    'core/misc/severity-001',
    'core/misc/message-001',
  ]) {
    assert.equal(engineOf.get(id), 'compiled', id);
  }
  // Outside the subset: shacl-engine validates, and the engine name says which features sent it there.
  const fallback: Record<string, RegExp> = {
    'core/node/qualified-001': /sh:qualifiedMaxCount/,
    'core/path/path-inverse-001': /complex sh:path/,
    'core/targets/targetSubjectsOf-001': /sh:targetSubjectsOf/,
    'core/targets/targetObjectsOf-001': /sh:targetObjectsOf/,
    'core/misc/deactivated-001': /sh:deactivated/,
    'core/node/closed-001': /sh:closed/,
    'core/node/not-001': /sh:not/,
    'core/misc/severity-002': /sh:severity/,
    'core/property/uniqueLang-001': /sh:uniqueLang/,
  };
  for (const [id, reason] of Object.entries(fallback))
    assert.match(engineOf.get(id) ?? '', new RegExp(`^shacl-engine \\(fallback: .*${reason.source}`), id);
  for (const o of outcomes) assert.ok(o.engine === 'compiled' || /^shacl-engine \(fallback: .+\)$/.test(o.engine), `${o.id}: ${o.engine}`);
  assert.equal(outcomes.filter((o) => o.passed).length, outcomes.length);
});

test('W3C SHACL core suite: shacl-engine alone (the fallback, one run per shape) passes every test', async () => {
  const outcomes = await runShaclSuite(shaclEngine, manifestFile, testsDir);
  assert.deepEqual(
    outcomes.filter((o) => !o.passed).map((o) => `${o.id}: ${o.reason}`),
    [],
  );
  assert.equal(outcomes.length, MEASURED_PASS_COUNT);
  assert.ok(outcomes.every((o) => o.engine === 'shacl-engine'));
});

test('W3C SHACL core suite: rdf-validate-shacl fails exactly the two ill-formed path tests', async () => {
  const outcomes = await runShaclSuite(rdfValidateShacl, manifestFile, testsDir);
  const failing = outcomes.filter((o) => !o.passed);
  assert.deepEqual(
    failing.map((o) => o.id),
    ['core/path/path-strange-001', 'core/path/path-strange-002'],
  );
  // It copies the ill-formed sh:path node (a list that also has sh:inversePath) into sh:resultPath.
  for (const o of failing) assert.match(o.reason ?? '', /ill-formed path/);
});

test('validate() on a suite file: sh:class passes a subclass instance and an instance, fails a wrong type and an untyped node', async () => {
  const quads = await parseRdfFile(path.join(testsDir, 'core', 'node', 'class-001.ttl'));
  const outcome = await validate(quads, quads);
  const EX = 'http://datashapes.org/sh/tests/core/node/class-001.test#';
  assert.equal(outcome.conforms, false);
  assert.deepEqual(outcome.results.map((r) => r.focusNode.value).sort(), [EX + 'Quokki', EX + 'Typeless']);
  for (const r of outcome.results) {
    assert.equal(r.constraint.value, 'http://www.w3.org/ns/shacl#ClassConstraintComponent');
    assert.equal(r.severity.value, 'http://www.w3.org/ns/shacl#Violation');
    assert.equal(r.sourceShape.value, EX + 'TestShape');
    assert.ok(r.value?.equals(r.focusNode));
    assert.equal(r.path, undefined);
  }
  // John (a MalePerson, subclass of Person) and Someone (a Person) conform.
  const conforming = quads.filter((q) => !['Quokki', 'Typeless'].some((n) => q.object.value === EX + n || q.subject.value === EX + n));
  assert.equal((await validate(conforming, conforming)).conforms, true);
});

/** Wraps the project engine and alters each produced report with `alter`. */
function alteredEngine(name: string, alter: (quads: Quad[]) => Quad[]): ShaclEngine {
  return {
    name,
    prepare(shapes) {
      const prepared = defaultEngine.prepare(shapes);
      return {
        async validate(data) {
          const report = await prepared.validate(data);
          return { conforms: report.conforms, quads: alter(report.quads) };
        },
      };
    },
  };
}

test('the suite runner fails a report that lacks a result, or whose severity differs', async () => {
  const SH = 'http://www.w3.org/ns/shacl#';
  const dropOneResult = alteredEngine('drop-one-result', (quads) => {
    const first = quads.find((q) => q.predicate.value === SH + 'result');
    return first ? quads.filter((q) => !(q.predicate.value === SH + 'result' && q.object.equals(first.object))) : quads;
  });
  const dropped = await runShaclSuite(dropOneResult, manifestFile, testsDir);
  const droppedFailures = dropped.filter((o) => !o.passed);
  // Every test that expects at least one result must now fail on the result count.
  assert.ok(droppedFailures.length >= 70, `only ${droppedFailures.length} failures`);
  assert.ok(
    droppedFailures.every((o) => /results, expected/.test(o.reason ?? '')),
    droppedFailures.map((o) => o.reason).join('\n'),
  );

  const { namedNode, quad } = DataFactory;
  const asWarnings = alteredEngine('violations-as-warnings', (quads) =>
    quads.map((q) => (q.object.equals(namedNode(SH + 'Violation')) ? quad(q.subject, q.predicate, namedNode(SH + 'Warning'), q.graph) : q)),
  );
  const warned = await runShaclSuite(asWarnings, manifestFile, testsDir);
  const warnedFailures = warned.filter((o) => !o.passed);
  assert.ok(warnedFailures.length >= 70, `only ${warnedFailures.length} failures`);
  const droppedIds = new Set(droppedFailures.map((o) => o.id));
  assert.ok(
    warnedFailures.every((o) => droppedIds.has(o.id) && /missing: .*sh:Violation.*unexpected: .*sh:Warning/.test(o.reason ?? '')),
    warnedFailures.map((o) => o.reason).join('\n'),
  );
});
