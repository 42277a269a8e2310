// Validation does not depend on the order of the triples: the demo data with
// injected defects (one of them a second aanbesteding.datumStart appended at
// the very end of the file) gives the identical report as TriG, as N-Quads
// re-serialised by Python rdflib (an outside writer), shuffled, sorted, and
// through the disk partitions that large inputs take.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Quad } from '@rdfjs/types';
import { DataFactory, Parser, Writer } from 'n3';
import {
  collectTypes,
  loadGgmShapes,
  rdfFileQuads,
  termText,
  validateInBatches,
  type BatchValidationOutcome,
} from '../src/data/validate/index.js';
import { subjectGroups } from '../src/data/validate/subject-groups.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const DEMO = path.join(root, 'data', 'demo', 'gemeente.trig');
const GGM = 'https://gemeentelijkgegevensmodel.nl/def/ggm/';
const ID = 'https://demo.gemeentelijkgegevensmodel.nl/id/';
const XSD = 'http://www.w3.org/2001/XMLSchema#';
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3'; // Debian's, with python3-rdflib

// Defects, as N-Triples lines: a second start date (appended at the very end), a date that is no date.
const DUPLICATE = `<${ID}aanbestedingvastgoed/1> <${GGM}aanbesteding.datumStart> "2016-01-01"^^<${XSD}date> .`;
const NOT_A_DATE = `<${ID}aanbestedingvastgoed/2> <${GGM}aanbesteding.datumPublicatie> "morgen" .`;

let dir: string;
let shapes: Quad[];
let hierarchy: Quad[];
before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ggm-validate-order-'));
  ({ shapes, hierarchy } = await loadGgmShapes(root));
});

/** Validates a file as `ggm validate` does; memoryQuads small forces the disk partitions. */
async function validateFile(file: string, memoryQuads?: number): Promise<{ outcome: BatchValidationOutcome; spilled: boolean }> {
  let spilled = false;
  const outcome = await validateInBatches(rdfFileQuads(file), shapes, {
    typeIndex: await collectTypes(rdfFileQuads(file)),
    sharedQuads: hierarchy,
    ...(memoryQuads ? { memoryQuads } : {}),
    onRead: (info) => (spilled = info.spilled),
  });
  return { outcome, spilled };
}

const summary = (o: BatchValidationOutcome) =>
  o.results.map(
    (r) =>
      `${termText(r.focusNode)} ${r.pathText} ${r.constraint.value.replace('http://www.w3.org/ns/shacl#', 'sh:')} ${r.value ? termText(r.value) : ''}`,
  );
const reportText = (o: BatchValidationOutcome) => new Writer({ format: 'N-Triples' }).quadsToString(o.report);

/** A seeded shuffle (mulberry32), so a failure can be reproduced. */
function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let a = seed;
  const random = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

test('the same triples in any order or syntax give the identical report; the duplicate start date at the end is caught', async () => {
  // TriG as the demo is written, the defects added (the duplicate last).
  const base = path.join(dir, 'base.trig');
  await writeFile(base, `${NOT_A_DATE}\n${await readFile(DEMO, 'utf8')}`);
  const trig = path.join(dir, 'demo.trig');
  await writeFile(trig, `${await readFile(base, 'utf8')}\n${DUPLICATE}\n`);
  // N-Quads by Python rdflib, an outside serialiser (its own order), the duplicate appended at its end.
  const rdflib = path.join(dir, 'rdflib.nq');
  execFileSync(PYTHON, [
    '-c',
    'import rdflib, sys\nd = rdflib.Dataset()\nd.parse(sys.argv[1], format="trig")\nd.serialize(destination=sys.argv[2], format="nquads")',
    base,
    rdflib,
  ]);
  const lines = (await readFile(rdflib, 'utf8')).split('\n').filter((l) => l.trim());
  await writeFile(rdflib, `${lines.join('\n')}\n${DUPLICATE}\n`);
  const shuffledFile = path.join(dir, 'shuffled.nq');
  await writeFile(shuffledFile, `${shuffled(lines, 12).join('\n')}\n${DUPLICATE}\n`);
  const sortedFile = path.join(dir, 'sorted.nq');
  await writeFile(sortedFile, `${[...lines, DUPLICATE].sort().join('\n')}\n`);

  const expected = await validateFile(trig);
  assert.deepEqual(summary(expected.outcome), [
    // AanbestedingVastgoed's node shape refers to Aanbesteding's: the subclass node fails it as a whole, too.
    `<${ID}aanbestedingvastgoed/1> undefined sh:NodeConstraintComponent <${ID}aanbestedingvastgoed/1>`,
    `<${ID}aanbestedingvastgoed/1> <${GGM}aanbesteding.datumStart> sh:MaxCountConstraintComponent `,
    `<${ID}aanbestedingvastgoed/2> undefined sh:NodeConstraintComponent <${ID}aanbestedingvastgoed/2>`,
    `<${ID}aanbestedingvastgoed/2> <${GGM}aanbesteding.datumPublicatie> sh:DatatypeConstraintComponent "morgen"`,
    `<${ID}aanbestedingvastgoed/2> <${GGM}aanbesteding.datumPublicatie> sh:MaxCountConstraintComponent `, // it had one already
  ]);
  assert.equal(expected.outcome.conforms, false);
  assert.equal(expected.spilled, false);
  for (const [name, file, memoryQuads] of [
    ['rdflib N-Quads', rdflib],
    ['sorted', sortedFile],
    ['shuffled, through disk partitions', shuffledFile, 20_000],
  ] as const) {
    const { outcome, spilled } = await validateFile(file, memoryQuads);
    assert.equal(spilled, memoryQuads !== undefined, name);
    assert.equal(outcome.triples, expected.outcome.triples, name);
    assert.equal(outcome.batches, expected.outcome.batches, name);
    assert.deepEqual(summary(outcome), summary(expected.outcome), name);
    assert.equal(reportText(outcome), reportText(expected.outcome), name);
  }
  // The temporary partitions are gone.
  assert.deepEqual(
    (await readdir(os.tmpdir())).filter((f) => f.startsWith('ggm-validate-') && !f.startsWith('ggm-validate-order')),
    [],
  );
});

test('subject groups: blank node structures go with the IRI that refers to them, in any order', async () => {
  const text = `@prefix ex: <http://example.org/> .
    ex:a ex:p [ ex:q [ ex:r 1 ] ; ex:s (1 2) ] ; ex:t 2 .
    ex:b ex:p ex:a .
    [ ex:loose 3 ] .`;
  const quads = new Parser().parse(text);
  const groupsOf = async (input: Quad[], memoryQuads?: number) => {
    const out: string[][] = [];
    for await (const group of subjectGroups(input, memoryQuads ? { memoryQuads } : {}))
      out.push(
        group
          .map(
            (q) =>
              `${q.subject.termType === 'BlankNode' ? '_' : q.subject.value} ${q.predicate.value} ${q.object.termType === 'BlankNode' ? '_' : q.object.value}`,
          )
          .sort(),
      );
    return out;
  };
  const expected = await groupsOf(quads);
  assert.equal(expected.length, 3); // ex:a with its 2 nested nodes and list, ex:b, the loose blank node
  const a = expected.find((g) => g.some((t) => t.startsWith('http://example.org/a ')))!;
  assert.equal(a.length, 2 + 2 + 1 + 4);
  for (const seed of [1, 2, 3]) {
    assert.deepEqual(await groupsOf(shuffled(quads, seed)), expected);
    assert.deepEqual(await groupsOf(shuffled(quads, seed), 2), expected);
  }
  assert.ok(DataFactory.namedNode('x'));
});
