// validate(), validateShapesGraph() and validateInBatches() on real shapes:
// the MIM 1.2 shapes from Geonovum (vocab/mim-shapes.ttl in the shared material) and
// SHACL-for-SHACL from the SHACL specification.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Quad } from '@rdfjs/types';
import { DataFactory, Parser, Store, Writer } from 'n3';
import {
  batchBySubject,
  collectTypes,
  parseRdfFile,
  rdfFileQuads,
  termText,
  validate,
  validateInBatches,
  validateShapesGraph,
  writeReportFile,
  describeResult,
  type ValidationOutcome,
  defaultShaclShaclFile,
} from '../src/data/validate/index.js';
import { sharedDir } from '../src/cli/paths.js';

const SHACL_SHACL = { shaclShaclFile: defaultShaclShaclFile(sharedDir()) };

const { namedNode, literal, quad } = DataFactory;
const SH = 'http://www.w3.org/ns/shacl#';
const MIM = 'http://modellen.mim-standaard.nl/def/mim#';
const SHAPE = 'http://modellen.mim-standaard.nl/def/mim-shapes#';
const GGM = 'https://example.org/ggm/def/';
const PREFIXES = `@prefix mim: <${MIM}> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix ggm: <${GGM}> .\n`;

/** A complete mim:Objecttype description: every property the MIM shapes require. */
function objecttype(name: string, identificatie: string): string {
  return `ggm:${name} a mim:Objecttype ;
  mim:identificatie "${identificatie}"^^xsd:anyURI ;
  mim:naam "${name}" ;
  mim:definitie "Objecttype ${name}."@nl ;
  mim:herkomst "Gemeentelijk Gegevensmodel" ;
  mim:herkomstDefinitie "GGM" ;
  mim:datumOpname "2024-06-01"^^xsd:date ;
  mim:indicatieAbstractObject false .\n`;
}

const turtle = (text: string): Quad[] => new Parser({ format: 'text/turtle' }).parse(PREFIXES + text);

let mimShapes: Quad[];
let dir: string;
before(async () => {
  mimShapes = await parseRdfFile(path.join(sharedDir(), 'vocab', 'mim-shapes.ttl'));
  dir = await mkdtemp(path.join(os.tmpdir(), 'shacl-validate-'));
});
after(async () => rm(dir, { recursive: true, force: true }));

const summary = (outcome: ValidationOutcome) =>
  outcome.results
    .map(
      (r) =>
        `${termText(r.focusNode)} ${r.pathText ?? '-'} ${r.constraint.value.replace(SH, 'sh:')} ${r.sourceShape.value.replace(SHAPE, 'shape:')} ${r.value ? termText(r.value) : '-'}`,
    )
    .sort();

test('validate: a complete mim:Objecttype conforms to the MIM shapes', async () => {
  const outcome = await validate(turtle(objecttype('Ingezetene', 'EAID_0001')), mimShapes);
  assert.equal(outcome.conforms, true, summary(outcome).join('\n'));
  assert.deepEqual(outcome.results, []);
  const report = new Store(outcome.report);
  assert.equal(
    report.getSubjects(namedNode(SH + 'conforms'), literal('true', namedNode('http://www.w3.org/2001/XMLSchema#boolean')), null).length,
    1,
  );
});

test('validate: a mim:Objecttype without naam and with an untyped identificatie violates exactly those shapes', async () => {
  const data = turtle(
    objecttype('Ingezetene', 'EAID_0001') +
      `
ggm:Kadastrale_onroerende_zaak a mim:Objecttype ;
  mim:identificatie "EAID_0002" ;
  mim:definitie "Onroerende zaak."@nl ;
  mim:herkomst "GGM" ; mim:herkomstDefinitie "GGM" ;
  mim:datumOpname "2024-06-01"^^xsd:date ; mim:indicatieAbstractObject false .`,
  );
  const outcome = await validate(data, mimShapes);
  assert.equal(outcome.conforms, false);
  assert.deepEqual(summary(outcome), [
    `<${GGM}Kadastrale_onroerende_zaak> <${MIM}identificatie> sh:DatatypeConstraintComponent shape:identificatie "EAID_0002"`,
    `<${GGM}Kadastrale_onroerende_zaak> <${MIM}naam> sh:MinCountConstraintComponent shape:naam -`,
  ]);
  for (const r of outcome.results) {
    assert.equal(r.severity.value, SH + 'Violation');
    assert.ok(r.message && r.message.length > 0, 'engine supplies a message');
  }
  // The report quads are a well-formed sh:ValidationReport with stable blank node labels.
  const report = new Store(outcome.report);
  const reportNodes = report.getSubjects(
    namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type'),
    namedNode(SH + 'ValidationReport'),
    null,
  );
  assert.equal(reportNodes.length, 1);
  assert.equal(report.getObjects(reportNodes[0]!, namedNode(SH + 'result'), null).length, 2);
  const again = await validate(new Store(data), new Store(mimShapes));
  assert.equal(
    new Writer({ format: 'N-Triples' }).quadsToString(again.report),
    new Writer({ format: 'N-Triples' }).quadsToString(outcome.report),
    'deterministic report',
  );
  // Reports of different validations merge without blank node clashes.
  const other = await validate(turtle(objecttype('Zaak', 'EAID_0009').replace(/ {2}mim:naam "[^"]*" ;\n/, '')), mimShapes);
  const merged = new Store([...outcome.report, ...other.report]);
  assert.equal(
    merged.getSubjects(namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type'), namedNode(SH + 'ValidationReport'), null).length,
    2,
  );
  assert.equal(merged.getQuads(null, namedNode(SH + 'result'), null, null).length, 3);
});

test('writeReportFile writes Turtle that reads back to the same results; describeResult gives one line each', async () => {
  const data = turtle(`ggm:Zaak a mim:Objecttype ; mim:identificatie "EAID_0003" ; mim:naam "Zaak" , "Zaak2" .`);
  const outcome = await validate(data, mimShapes);
  const file = path.join(dir, 'report.ttl');
  await writeReportFile(outcome, file);
  const back = new Store(await parseRdfFile(file));
  const reread = back.getObjects(null, namedNode(SH + 'result'), null).length;
  assert.equal(reread, outcome.results.length);
  assert.ok(outcome.results.length >= 2);
  const lines = outcome.results.map(describeResult);
  assert.ok(
    lines.includes(
      `Violation <${GGM}Zaak> <${MIM}identificatie>: Value does not have datatype <http://www.w3.org/2001/XMLSchema#anyURI> (sh:DatatypeConstraintComponent, shape <${SHAPE}identificatie>) value "EAID_0003"`,
    ),
    lines.join('\n'),
  );
  assert.ok(
    lines.some((l) => l.startsWith(`Violation <${GGM}Zaak> <${MIM}naam>: `) && l.includes('sh:MaxCountConstraintComponent')),
    lines.join('\n'),
  );
});

test('validateShapesGraph: the MIM shapes are well-formed SHACL; a broken shapes graph is caught', async () => {
  const good = await validateShapesGraph(mimShapes, SHACL_SHACL);
  assert.equal(good.conforms, true, summary(good).join('\n'));
  const broken = new Parser().parse(`@prefix sh: <${SH}> . @prefix ex: <http://example.org/> .
    ex:Shape a sh:NodeShape ; sh:targetClass ex:C ;
      sh:property ex:p .
    ex:p sh:path ex:p ; sh:minCount "een" ; sh:nodeKind sh:Banana .`);
  const outcome = await validateShapesGraph(broken, SHACL_SHACL);
  assert.equal(outcome.conforms, false);
  const found = outcome.results
    .map((r) => `${r.focusNode.value} ${r.constraint.value.replace(SH, 'sh:')} ${r.value ? termText(r.value) : '-'}`)
    .sort();
  assert.ok(found.includes('http://example.org/p sh:DatatypeConstraintComponent "een"'), found.join('\n'));
  assert.ok(found.includes(`http://example.org/p sh:InConstraintComponent <${SH}Banana>`), found.join('\n'));
  await assert.rejects(validateShapesGraph(broken, { shaclShaclFile: path.join(dir, 'missing.ttl') }), /missing\.ttl/);
});

test('validateShapesGraph: long sh:in lists are checked in linear time, ill-formed ones are still reported', async () => {
  const withList = (length: number) =>
    turtle(`@prefix sh: <${SH}> .
    ggm:S a sh:NodeShape ; sh:targetClass ggm:C ; sh:property [ sh:path ggm:p ; sh:in ( ${Array.from({ length }, (_, i) => `ggm:waarde${i}`).join(' ')} ) ] .`);
  // (2000 values: seconds with the linear list check, minutes through shsh:ListShape in shacl-engine)
  const good = await validateShapesGraph(withList(2000), SHACL_SHACL);
  assert.equal(good.conforms, true, summary(good).join('\n'));

  // A list with a second rdf:first on one list node is not a well-formed list.
  const list = withList(50);
  const head = list.find((q) => q.predicate.value === SH + 'in')!.object;
  const second = list.find((q) => q.subject.equals(head) && q.predicate.value.endsWith('#rest'))!.object;
  const broken = [
    ...list,
    quad(second as Quad['subject'], namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#first'), namedNode(GGM + 'extra')),
  ];
  const outcome = await validateShapesGraph(broken, SHACL_SHACL);
  assert.equal(outcome.conforms, false);
  assert.ok(
    outcome.results.some((r) => r.constraint.value === SH + 'NodeConstraintComponent' && r.value?.equals(head)),
    summary(outcome).join('\n'),
  );
});

test('validateInBatches: with a typeIndex, batches give the same results as one whole-graph run', async () => {
  // 300 objecttypes, every 7th without naam, each referring (ggm:kenmerk) to a
  // ggm:Kenmerk described in the first batch: a cross-batch sh:class check.
  let text = '';
  for (let i = 0; i < 300; i++) {
    const full = objecttype(`Objecttype${i}`, `EAID_${i}`);
    text += (i % 7 === 3 ? full.replace(/ {2}mim:naam "[^"]*" ;\n/, '') : full).replace(
      / \.\n$/,
      ` ;\n  ggm:kenmerk ggm:Kenmerk${i % 5} .\n`,
    );
  }
  for (let k = 0; k < 5; k++) text = `ggm:Kenmerk${k} a ggm:Kenmerk .\n` + text;
  const data = turtle(text);
  const shapes = [
    ...mimShapes,
    ...turtle(`@prefix sh: <${SH}> .
    ggm:KenmerkShape a sh:NodeShape ; sh:targetClass mim:Objecttype ; sh:property [ sh:path ggm:kenmerk ; sh:class ggm:Kenmerk ; sh:minCount 1 ] .`),
  ];
  const file = path.join(dir, 'objecttypes.nt');
  await writeFile(file, new Writer({ format: 'N-Triples' }).quadsToString(data));

  const whole = await validate(data, shapes);
  assert.equal(whole.results.length, Math.ceil((300 - 3) / 7), 'one naam violation per 7th objecttype');

  const batched = await validateInBatches(batchBySubject(rdfFileQuads(file), 25), shapes, {
    typeIndex: await collectTypes(rdfFileQuads(file)),
  });
  assert.equal(batched.batches, Math.ceil(305 / 25));
  assert.equal(batched.triples, data.length);
  assert.equal(batched.conforms, false);
  assert.deepEqual(summary(batched), summary(whole));
  assert.equal(batched.resultCount, whole.results.length);
  assert.equal(new Store(batched.report).getObjects(null, namedNode(SH + 'result'), null).length, whole.results.length);

  // A plain quad stream is cut into batches; the typeIndex may also be plain rdf:type quads.
  const typeQuads = data.filter((q) => q.predicate.value === 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type');
  const viaQuads = await validateInBatches(rdfFileQuads(file), shapes, { typeIndex: typeQuads, subjectsPerBatch: 40 });
  assert.equal(viaQuads.batches, Math.ceil(305 / 40));
  assert.deepEqual(summary(viaQuads), summary(whole));

  // Without the typeIndex, sh:class cannot see the types in the first batch: the documented limitation.
  const blind = await validateInBatches(batchBySubject(rdfFileQuads(file), 25), shapes, { maxResults: 10 });
  assert.ok(blind.resultCount > whole.results.length);
  assert.ok(blind.results.some((r) => r.constraint.value === SH + 'ClassConstraintComponent'));
  assert.equal(blind.results.length, 10);
  assert.equal(blind.truncated, true);
});

test('validate: sh:class and sh:targetClass follow rdfs:subClassOf in the data graph (separate shapes graph)', async () => {
  // The W3C suite mostly uses one file as data and shapes graph; this case has them apart.
  const shapes = turtle(`@prefix sh: <${SH}> .
    ggm:DingShape a sh:NodeShape ; sh:targetClass ggm:Ding ; sh:property ggm:DingKenmerk .
    ggm:DingKenmerk sh:path ggm:kenmerk ; sh:class ggm:Kenmerk ; sh:minCount 1 .`);
  const data = turtle(`@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    ggm:Bijzonderheid rdfs:subClassOf ggm:Kenmerk .
    ggm:SpecialDing rdfs:subClassOf ggm:Ding .
    ggm:k1 a ggm:Bijzonderheid .
    ggm:k2 a ggm:Anders .
    ggm:o1 a ggm:Ding ; ggm:kenmerk ggm:k1 .
    ggm:o2 a ggm:SpecialDing .
    ggm:o3 a ggm:SpecialDing ; ggm:kenmerk ggm:k2 .`);
  const outcome = await validate(data, shapes);
  assert.deepEqual(summary(outcome), [
    `<${GGM}o2> <${GGM}kenmerk> sh:MinCountConstraintComponent ${GGM}DingKenmerk -`,
    `<${GGM}o3> <${GGM}kenmerk> sh:ClassConstraintComponent ${GGM}DingKenmerk <${GGM}k2>`,
  ]);
});

test('validate: sh:datatype checks the lexical form (ill-formed dates and integers are violations)', async () => {
  const shapes = turtle(`@prefix sh: <${SH}> .
    ggm:S a sh:NodeShape ; sh:targetClass ggm:Ingezetene ;
      sh:property [ sh:path ggm:geboortedatum ; sh:datatype xsd:date ] , [ sh:path ggm:huisnummer ; sh:datatype xsd:integer ] .`);
  const data = turtle(`
    ggm:a a ggm:Ingezetene ; ggm:geboortedatum "1980-13-45"^^xsd:date ; ggm:huisnummer "12a"^^xsd:integer .
    ggm:b a ggm:Ingezetene ; ggm:geboortedatum "1980-02-29"^^xsd:date ; ggm:huisnummer 12 .
    ggm:c a ggm:Ingezetene ; ggm:geboortedatum "29-02-1980" .`);
  const outcome = await validate(data, shapes);
  assert.deepEqual(outcome.results.map((r) => `${r.focusNode.value.replace(GGM, '')} ${r.value!.value}`).sort(), [
    'a 12a',
    'a 1980-13-45',
    'c 29-02-1980',
  ]);
  assert.ok(outcome.results.every((r) => r.constraint.value === SH + 'DatatypeConstraintComponent'));
});

test('validateInBatches: sh:class follows rdfs:subClassOf from sharedQuads across batches', async () => {
  const data = turtle(`
    ggm:k1 a ggm:Bijzonderheid .
    ggm:o1 ggm:kenmerk ggm:k1 ; a ggm:Ding .`);
  const shapes = turtle(`@prefix sh: <${SH}> .
    ggm:DingShape a sh:NodeShape ; sh:targetClass ggm:Ding ; sh:property ggm:DingKenmerk .
    ggm:DingKenmerk sh:path ggm:kenmerk ; sh:class ggm:Kenmerk .`);
  const hierarchy = turtle(`@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . ggm:Bijzonderheid rdfs:subClassOf ggm:Kenmerk .`);
  const typeIndex = await collectTypes(data);
  const without = await validateInBatches(data, shapes, { typeIndex, subjectsPerBatch: 1 });
  assert.equal(without.batches, 2);
  assert.deepEqual(summary(without), [`<${GGM}o1> <${GGM}kenmerk> sh:ClassConstraintComponent ${GGM}DingKenmerk <${GGM}k1>`]);
  const withHierarchy = await validateInBatches(data, shapes, { typeIndex, sharedQuads: hierarchy, subjectsPerBatch: 1 });
  assert.equal(withHierarchy.conforms, true);
  assert.equal(withHierarchy.resultCount, 0);
  assert.deepEqual((await validate([...data, ...hierarchy], shapes)).conforms, true);
});

test('batchBySubject keeps blank-node subjects with the IRI subject before them', async () => {
  const a = namedNode('http://example.org/a');
  const b = namedNode('http://example.org/b');
  const p = namedNode('http://example.org/p');
  const bnode = DataFactory.blankNode('x');
  const quads = [quad(a, p, bnode), quad(bnode, p, literal('1')), quad(a, p, literal('2')), quad(b, p, literal('3'))];
  const batches: Quad[][] = [];
  for await (const batch of batchBySubject(quads, 1)) batches.push(batch);
  assert.deepEqual(
    batches.map((batch) => batch.length),
    [3, 1],
  );
  await assert.rejects(async () => {
    for await (const _ of batchBySubject(quads, 0)) void _;
  }, /at least 1/);
});
