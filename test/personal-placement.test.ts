/**
 * Personal data stays out of public graphs. On the committed demo set and on
 * imported CSV data: no graph that config/access.yaml makes public holds a
 * triple whose subject or object is an instance of a personal class
 * (ontology/persoonsgegevens.ttl), or a node of one; the leaks found before
 * (an archive's author, pupils' kwetsbareJongere, object.isIngezetene) are
 * gone. Role grants are exact: the case workers' role does not read HR, a
 * prefix grant is refused, a personal companion graph is public only when
 * named exactly.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import N3, { type Quad } from 'n3';
import { loadGgmModel } from '../src/source/index.js';
import type { GgmModel } from '../src/model/types.js';
import { GgmIris, iriConfig, mintNames, NS, type IriConfig } from '../src/iri/index.js';
import { PersonalInstances, isPersonalGraph } from '../src/data/personal-placement.js';
import { importCsvToFile } from '../src/data/csv/importer.js';
import { callerFor, isPublic, loadAccessPolicy, parseAccessPolicy } from '../src/server/access/policy.js';
import { PROJECT_ROOT, defaultRelease } from '../src/cli/paths.js';
import { readRegisterFile } from './support/register.js';

const DEMO = 'https://demo.gemeentelijkgegevensmodel.nl/';
const GGM = 'https://gemeentelijkgegevensmodel.nl/def/ggm/';
const policy = loadAccessPolicy(path.join(PROJECT_ROOT, 'config', 'access.yaml'));
let model: GgmModel;
let dir: string;

before(async () => {
  model = await loadGgmModel(defaultRelease());
  dir = await mkdtemp(path.join(os.tmpdir(), 'ggm-personal-'));
});
after(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function personalInstancesFor(config: IriConfig): Promise<PersonalInstances> {
  const register = await readRegisterFile(path.join(PROJECT_ROOT, 'ontology', 'iri-register.json'));
  return new PersonalInstances(model, new GgmIris(config, mintNames(model, register), model.version));
}

/**
 * The triples in public graphs that are personal: subject or object typed (anywhere in the data)
 * with a personal class, or a node of such an instance (its IRI below the instance's).
 */
function leaks(quads: Quad[], classIris: Set<string>, publicGraph: (g: string) => boolean): string[] {
  const personal = new Set<string>();
  for (const q of quads) if (q.predicate.value === `${NS.rdf}type` && classIris.has(q.object.value)) personal.add(q.subject.value);
  const isPersonal = (v: string) => personal.has(v) || personal.has(v.slice(0, v.lastIndexOf('/')));
  const out: string[] = [];
  for (const q of quads) {
    if (!publicGraph(q.graph.value)) continue;
    if (isPersonal(q.subject.value) || (q.object.termType === 'NamedNode' && isPersonal(q.object.value)))
      out.push(
        `<${q.subject.value}> <${q.predicate.value}> ${q.object.termType === 'NamedNode' ? `<${q.object.value}>` : JSON.stringify(q.object.value)} in <${q.graph.value}>`,
      );
  }
  return out;
}

test('the demo: no public graph holds a triple about or pointing at a personal instance', async () => {
  const quads = new N3.Parser({ format: 'application/trig' }).parse(
    readFileSync(path.join(PROJECT_ROOT, 'data', 'demo', 'gemeente.trig'), 'utf8'),
  );
  const instances = await personalInstancesFor(iriConfig({ instanceBase: DEMO }));
  const found = leaks(quads, instances.classIris, (g) => isPublic(policy, g));
  assert.deepEqual(found.slice(0, 10), [], `${found.length} personal triples in public graphs`);
  // The personal instances are there (restricted), and they are the ones the IRI rule recognises.
  const typed = quads.filter((q) => q.predicate.value === `${NS.rdf}type` && instances.classIris.has(q.object.value));
  assert.ok(typed.length > 1000, `${typed.length} personal type triples`);
  for (const q of typed) assert.ok(instances.isPersonal(q.subject.value), `${q.subject.value} is recognised by its IRI`);
  // The leaks found before: an archive's author (Maria Prins), pupils' vulnerability, residents linked from BAG/RSGB objects.
  const where = (test: (q: Quad) => boolean) => new Set(quads.filter(test).map((q) => q.graph.value));
  for (const [what, graphs] of [
    ['/id/auteur/1', where((q) => q.subject.value === `${DEMO}id/auteur/1`)],
    ['leerling.kwetsbareJongere', where((q) => q.predicate.value === `${GGM}leerling.kwetsbareJongere`)],
    ['object.isIngezetene', where((q) => q.predicate.value === `${GGM}object.isIngezetene`)],
  ] as const) {
    assert.ok(graphs.size > 0, `${what} is in the demo`);
    for (const g of graphs) assert.ok(!isPublic(policy, g), `${what} in public graph ${g}`);
  }
  assert.ok(
    where((q) => q.subject.value === `${DEMO}id/auteur/1`).has(`${DEMO}graph/demo/archief/persoonsgegevens`),
    'the author is in the archive’s personal graph',
  );
});

test('imported CSV data: personal triples go to the restricted companion of the import graph', async () => {
  const config = iriConfig({ instanceBase: 'https://data.example-gemeente.nl/' });
  const input = path.join(dir, 'csv');
  await mkdir(input);
  await writeFile(path.join(input, 'Medewerker.csv'), 'id,achternaam,roepnaam,functie\n7,Jansen,Piet,boa\n');
  await writeFile(path.join(input, 'Leerling.csv'), 'id,leerjaar\n3,2\n');
  await writeFile(path.join(input, 'Zaak.csv'), 'id,zaakidentificatie,omschrijving\n1,ZAAK-1,Verbouwing\n');
  const graph = 'https://data.example-gemeente.nl/graph/zaken';
  const register = await readRegisterFile(path.join(PROJECT_ROOT, 'ontology', 'iri-register.json'));
  const report = await importCsvToFile(input, path.join(dir, 'out.nq'), { model, register, iriConfig: config, graph });
  const quads = new N3.Parser({ format: 'N-Quads' }).parse(await readFile(path.join(dir, 'out.nq'), 'utf8'));
  assert.ok(quads.length > 0, JSON.stringify(report.sources.map((s) => s.issues)));
  const instances = await personalInstancesFor(config);
  const graphs = new Set(quads.map((q) => q.graph.value));
  assert.deepEqual([...graphs].sort(), [graph, `${graph}/persoonsgegevens`]);
  // The import graph is public by any prefix the policy might give; its companion is not.
  const open = parseAccessPolicy('graphs:\n  default: public\n  public: ["https://data.example-gemeente.nl/*"]\n', 'open.yaml');
  assert.deepEqual(
    leaks(quads, instances.classIris, (g) => isPublic(open, g)),
    [],
  );
  assert.ok(
    quads.some(
      (q) => q.subject.value === 'https://data.example-gemeente.nl/id/medewerker/7' && q.graph.value === `${graph}/persoonsgegevens`,
    ),
  );
  assert.ok(quads.some((q) => q.subject.value === 'https://data.example-gemeente.nl/id/zaak/1' && q.graph.value === graph));
});

test('role grants are exact; personal companion graphs are public only when named exactly', () => {
  const sociaal = callerFor(policy, 'sociaal-domein');
  assert.ok(sociaal.canRead(`${DEMO}graph/demo/personen`) && sociaal.canRead(`${DEMO}graph/demo/schuldhulpverlening`));
  assert.ok(!sociaal.canRead(`${DEMO}graph/demo/hr`), 'the social-domain role does not read the HR graph');
  assert.ok(!sociaal.canRead(`https://data.example-gemeente.nl/graph/hr`), 'nor a restricted graph elsewhere');
  const anonymous = callerFor(policy, 'anonymous');
  assert.ok(anonymous.canRead(`${DEMO}graph/demo/archief`) && !anonymous.canRead(`${DEMO}graph/demo/archief/persoonsgegevens`));
  assert.ok(isPersonalGraph(`${DEMO}graph/demo/archief/persoonsgegevens`));
  assert.throws(
    () => parseAccessPolicy(`roles:\n  x:\n    read: ["${DEMO}graph/demo/*"]\n`, 'p.yaml'),
    /p\.yaml: roles\.x\.read: ".*graph\/demo\/\*" is a prefix grant; name each graph exactly/,
  );
  const exact = parseAccessPolicy(`graphs:\n  public: ["${DEMO}graph/demo/archief/persoonsgegevens"]\n`, 'q.yaml');
  assert.ok(isPublic(exact, `${DEMO}graph/demo/archief/persoonsgegevens`));
  assert.ok(!isPublic(exact, `${DEMO}graph/demo/musea/persoonsgegevens`));
});
