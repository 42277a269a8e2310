// Compares the SHACL engines: W3C SHACL core conformance, then validation
// speed (data triples per second) on one data graph and shapes graph: each
// engine on prepared datasets, and the project's own path (validate(): the
// compiled shapes, falling back to shacl-engine outside their subset) from
// parsed quads to a ValidationOutcome, compiling the shapes each run or once.
//
//   node dist/bench/shacl-engines.js [--shapes FILE] [--data FILE ...] [--runs N] [--triples N] [--batch N] [--skip-suite] [--skip-shapes-check]
//
// Without --shapes/--data it uses the project's shapes/ggm-shapes.ttl and the
// RDF files under data/ when both exist, else a synthetic graph of about
// --triples triples (default 100000) with typical constraints (--dump DIR
// writes it as bench-data.nt and bench-shapes.nt).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Quad } from '@rdfjs/types';
import { DataFactory, Store, Writer } from 'n3';
import { shaclEngine } from '../src/data/validate/engines.js';
import { rdfValidateShacl } from '../test/support/rdf-validate-shacl.js';
import { compiledEngine } from '../src/data/validate/compiled.js';

const engines = [shaclEngine, rdfValidateShacl];
import { parseRdfFile, rdfSyntaxOf } from '../src/data/validate/parse.js';
import {
  batchBySubject,
  collectTypes,
  defaultEngine,
  defaultShaclShaclFile,
  loadGgmShapes,
  outcomeOf,
  prepareShapes,
  validate,
  validateInBatches,
  validateShapesGraph,
} from '../src/data/validate/index.js';
import { PROJECT_ROOT, sharedDir } from '../src/cli/paths.js';
import { asDataset, readReport } from '../src/data/validate/report.js';
import { runShaclSuite, shaclCoreManifest } from '../test/support/w3c-shacl-suite.js';

const { namedNode, literal, quad } = DataFactory;
const root = PROJECT_ROOT;
const shared = sharedDir();

function option(name: string): string[] {
  const values: string[] = [];
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i++) if (args[i] === `--${name}` && args[i + 1]) values.push(args[++i]!);
  return values;
}

function rdfFilesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const file = path.join(dir, name);
      if (statSync(file).isDirectory()) return rdfFilesUnder(file);
      try {
        rdfSyntaxOf(file);
        return [file];
      } catch {
        return [];
      }
    });
}

/** A deterministic synthetic graph: persons with typical constraint shapes, ~1% violating. */
function synthetic(targetTriples: number): { data: Quad[]; shapes: Quad[] } {
  const EX = 'http://example.org/bench/';
  const SH = 'http://www.w3.org/ns/shacl#';
  const XSD = 'http://www.w3.org/2001/XMLSchema#';
  const rdfType = namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type');
  const ex = (local: string) => namedNode(EX + local);
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const data: Quad[] = [];
  const cities = Math.max(1, Math.floor(targetTriples / 1000));
  for (let c = 0; c < cities; c++) {
    data.push(quad(ex(`city/${c}`), rdfType, ex('Gemeente')), quad(ex(`city/${c}`), ex('naam'), literal(`Gemeente ${c}`)));
  }
  for (let p = 0; data.length < targetTriples; p++) {
    const s = ex(`person/${p}`);
    const bad = random() < 0.01;
    data.push(quad(s, rdfType, ex('Ingezetene')));
    data.push(quad(s, ex('bsn'), literal(bad ? `12a${p}` : String(100000000 + p))));
    data.push(quad(s, ex('voornaam'), literal(`Voornaam${p}`)));
    data.push(quad(s, ex('geslachtsnaam'), literal(bad && random() < 0.5 ? 'x'.repeat(250) : `Achternaam${p}`)));
    data.push(quad(s, ex('geboortedatum'), literal(`19${10 + (p % 90)}-0${1 + (p % 9)}-1${p % 9}`, namedNode(XSD + 'date'))));
    data.push(
      quad(
        s,
        ex('geslacht'),
        ex(bad && random() < 0.5 ? 'geslacht/onbekend-x' : ['geslacht/man', 'geslacht/vrouw', 'geslacht/onbekend'][p % 3]!),
      ),
    );
    data.push(quad(s, ex('woontIn'), ex(`city/${bad && random() < 0.3 ? 'nowhere' : p % cities}`)));
    data.push(quad(s, ex('huisnummer'), literal(String(1 + (p % 200)), namedNode(XSD + 'integer'))));
    if (!bad || random() < 0.5) data.push(quad(s, ex('postcode'), literal(`${1000 + (p % 8999)}AB`)));
    data.push(quad(s, ex('email'), literal(`persoon${p}@example.org`)));
  }
  const shapeQuads: Quad[] = [];
  const node = ex('IngezeteneShape');
  shapeQuads.push(quad(node, rdfType, namedNode(SH + 'NodeShape')), quad(node, namedNode(SH + 'targetClass'), ex('Ingezetene')));
  const property = (predicate: string, constraints: Array<[string, Quad['object']]>) => {
    const shape = ex(`IngezeteneShape/${predicate}`);
    shapeQuads.push(quad(node, namedNode(SH + 'property'), shape), quad(shape, namedNode(SH + 'path'), ex(predicate)));
    for (const [c, o] of constraints) shapeQuads.push(quad(shape, namedNode(SH + c), o));
  };
  const int = (v: number) => literal(String(v), namedNode(XSD + 'integer'));
  const string = namedNode(XSD + 'string');
  property('bsn', [
    ['datatype', string],
    ['minCount', int(1)],
    ['maxCount', int(1)],
    ['pattern', literal('^[0-9]{9}$')],
  ]);
  property('voornaam', [
    ['datatype', string],
    ['maxLength', int(200)],
  ]);
  property('geslachtsnaam', [
    ['datatype', string],
    ['minCount', int(1)],
    ['maxCount', int(1)],
    ['maxLength', int(200)],
  ]);
  property('geboortedatum', [
    ['datatype', namedNode(XSD + 'date')],
    ['maxCount', int(1)],
  ]);
  property('huisnummer', [
    ['datatype', namedNode(XSD + 'integer')],
    ['maxCount', int(1)],
  ]);
  property('postcode', [
    ['datatype', string],
    ['minCount', int(1)],
    ['pattern', literal('^[1-9][0-9]{3}[A-Z]{2}$')],
  ]);
  property('email', [
    ['datatype', string],
    ['maxLength', int(254)],
  ]);
  property('woontIn', [
    ['class', ex('Gemeente')],
    ['minCount', int(1)],
    ['maxCount', int(1)],
  ]);
  // sh:in with an RDF list
  const list = ['geslacht/man', 'geslacht/vrouw', 'geslacht/onbekend'].map((_, i) => ex(`geslachtList/${i}`));
  ['geslacht/man', 'geslacht/vrouw', 'geslacht/onbekend'].forEach((value, i) => {
    shapeQuads.push(quad(list[i]!, namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#first'), ex(value)));
    shapeQuads.push(
      quad(
        list[i]!,
        namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#rest'),
        list[i + 1] ?? namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#nil'),
      ),
    );
  });
  property('geslacht', [
    ['in', list[0]!],
    ['minCount', int(1)],
  ]);
  return { data, shapes: shapeQuads };
}

async function writeNTriples(file: string, quads: Quad[]): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, new Writer({ format: 'N-Triples' }).quadsToString(quads));
  await rename(temporary, file);
}

async function conformance(): Promise<void> {
  const { manifestFile, testsDir } = shaclCoreManifest(shared);
  console.log(`W3C SHACL core suite (${path.relative(root, manifestFile)})`);
  for (const engine of [...engines, compiledEngine]) {
    const started = performance.now();
    const outcomes = await runShaclSuite(engine, manifestFile, testsDir);
    const passed = outcomes.filter((o) => o.passed).length;
    const compiled =
      engine === compiledEngine
        ? `; ${outcomes.filter((o) => o.engine === 'compiled').length} compiled, the rest through shacl-engine`
        : '';
    console.log(
      `  ${engine.name.padEnd(20)} ${passed}/${outcomes.length} passed, ${outcomes.length - passed} failed (${(performance.now() - started).toFixed(0)} ms${compiled})`,
    );
    for (const o of outcomes.filter((o) => !o.passed)) console.log(`    FAIL ${o.id}: ${o.reason}`);
  }
}

async function speed(): Promise<void> {
  const runs = Number(option('runs')[0] ?? 3);
  let shapesFiles = option('shapes');
  let dataFiles = option('data');
  const projectShapes = path.join(root, 'shapes', 'ggm-shapes.ttl');
  const projectData = rdfFilesUnder(path.join(root, 'data'));
  if (!shapesFiles.length && !dataFiles.length && existsSync(projectShapes) && projectData.length) {
    shapesFiles = [projectShapes];
    dataFiles = projectData;
  }
  let data: Quad[];
  let shapes: Quad[];
  if (shapesFiles.length && dataFiles.length) {
    shapes = (await Promise.all(shapesFiles.map((f) => parseRdfFile(f)))).flat();
    data = (await Promise.all(dataFiles.map((f) => parseRdfFile(f)))).flat();
    console.log(
      `\nSpeed: shapes ${shapesFiles.map((f) => path.relative(root, f)).join(', ')}; data ${dataFiles.map((f) => path.relative(root, f)).join(', ')}`,
    );
  } else {
    ({ data, shapes } = synthetic(Number(option('triples')[0] ?? 100_000)));
    console.log('\nSpeed: synthetic data graph (shapes: datatype, minCount, maxCount, maxLength, class, in, pattern)');
    const dump = option('dump')[0];
    if (dump) {
      await writeNTriples(path.join(dump, 'bench-data.nt'), data);
      await writeNTriples(path.join(dump, 'bench-shapes.nt'), shapes);
    }
  }
  const dataStore = asDataset(data); // named graphs merged into one data graph, as validate() does
  const shapesStore = asDataset(shapes);
  console.log(
    `  data ${dataStore.size} triples, shapes ${shapesStore.size} triples, best of ${runs} runs; load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${os.cpus().length} cores`,
  );
  // Runs alternate between the engines so that machine load hits both alike.
  const best = new Map<string, number>();
  const last = new Map<string, { conforms: boolean; results: number }>();
  for (let run = 0; run < runs; run++) {
    for (const engine of engines) {
      const started = performance.now();
      const report = await engine.prepare(shapesStore).validate(dataStore);
      best.set(engine.name, Math.min(best.get(engine.name) ?? Infinity, performance.now() - started));
      last.set(engine.name, { conforms: report.conforms, results: readReport(new Store(report.quads)).results.length });
    }
  }
  for (const engine of engines) {
    const ms = best.get(engine.name)!;
    const { conforms, results } = last.get(engine.name)!;
    const perSecond = Math.round(dataStore.size / (ms / 1000));
    console.log(
      `  ${engine.name.padEnd(20)} ${ms.toFixed(0).padStart(7)} ms  ${perSecond.toLocaleString('en').padStart(10)} triples/s  conforms=${conforms} results=${results}`,
    );
  }
  // The project's path from parsed quads: validate() compiles the shapes each run; a prepared shapes graph (the server, batches) once.
  const row = (name: string, ms: number, conforms: boolean, results: number, note: string) =>
    console.log(
      `  ${name.padEnd(20)} ${ms.toFixed(0).padStart(7)} ms  ${Math.round(dataStore.size / (ms / 1000))
        .toLocaleString('en')
        .padStart(10)} triples/s  conforms=${conforms} results=${results} (${note})`,
    );
  const prepared = prepareShapes(shapes);
  for (const [name, note, run] of [
    ['validate()', `${prepared.engine}, shapes compiled in each run`, () => validate(data, shapes)],
    ['prepared shapes', `${prepared.engine}, shapes compiled once`, async () => outcomeOf(await prepared.validate(data), shapes)],
  ] as const) {
    let fastest = Infinity;
    let outcome;
    for (let r = 0; r < runs; r++) {
      const started = performance.now();
      outcome = await run();
      fastest = Math.min(fastest, performance.now() - started);
    }
    row(name, fastest, outcome!.conforms, outcome!.results.length, note);
  }
  if (shapesFiles.length === 1 && shapesFiles[0] === projectShapes) {
    // As `ggm validate` and POST /validate: the data graph with the ontology's class hierarchy (subclass instances meet their superclasses' shapes).
    const { hierarchy } = await loadGgmShapes(root);
    const withHierarchy = [...data, ...hierarchy];
    let fastest = Infinity;
    let outcome;
    for (let r = 0; r < runs; r++) {
      const started = performance.now();
      outcome = outcomeOf(await prepared.validate(withHierarchy), shapes);
      fastest = Math.min(fastest, performance.now() - started);
    }
    row(
      '+ class hierarchy',
      fastest,
      outcome!.conforms,
      outcome!.results.length,
      `prepared shapes, data + ${hierarchy.length} rdfs:subClassOf triples of ontology/ggm.ttl`,
    );
  }
  // The project API in batches of 1000 subjects, with a typeIndex for sh:class.
  const subjectsPerBatch = Number(option('batch')[0] ?? 1000);
  let batchBest = Infinity;
  let outcome;
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    const typeIndex = await collectTypes(data);
    outcome = await validateInBatches(batchBySubject(data, subjectsPerBatch), shapesStore, { typeIndex });
    batchBest = Math.min(batchBest, performance.now() - started);
  }
  const perSecond = Math.round(dataStore.size / (batchBest / 1000));
  console.log(
    `  ${'validateInBatches'.padEnd(20)} ${batchBest.toFixed(0).padStart(7)} ms  ${perSecond.toLocaleString('en').padStart(10)} triples/s  conforms=${outcome!.conforms} results=${outcome!.resultCount} (${outcome!.batches} batches of ${subjectsPerBatch} subjects, ${defaultEngine.name})`,
  );
}

async function shapesGraphCheck(): Promise<void> {
  const file = option('shapes')[0] ?? path.join(root, 'shapes', 'ggm-shapes.ttl');
  if (!existsSync(file)) return;
  const shapes = await parseRdfFile(file);
  const started = performance.now();
  const outcome = await validateShapesGraph(shapes, { shaclShaclFile: defaultShaclShaclFile(shared) });
  console.log(
    `\nvalidateShapesGraph ${path.relative(root, file)} (${shapes.length} triples): conforms=${outcome.conforms} results=${outcome.results.length} in ${(performance.now() - started).toFixed(0)} ms`,
  );
}

if (!process.argv.includes('--skip-suite')) await conformance();
await speed();
if (!process.argv.includes('--skip-shapes-check')) await shapesGraphCheck();
