/**
 * Alignment targets exist, the model-derived rules decide as documented, and
 * bad curated rows fail with the file and row named.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { loadGgmModel } from '../src/source/index.js';
import { GgmIris, iriConfig, mintNames } from '../src/iri/index.js';
import {
  generateAlignments,
  loadAlignmentInputs,
  parseCuratedTable,
  type AlignmentInputs,
  type Mapping,
} from '../src/generate/alignments.js';
import { KNOWN_TARGETS_FILE, parseKnownTargets, TARGET_PREFIXES } from '../src/generate/known-targets.js';
import { parseSssom } from '../src/generate/sssom.js';
import { readRegisterFile } from './support/register.js';
import { PROJECT_ROOT, defaultRelease, sharedDir } from '../src/cli/paths.js';

const model = await loadGgmModel(defaultRelease());
const register = await readRegisterFile(`${PROJECT_ROOT}/ontology/iri-register.json`);
const iris = new GgmIris(iriConfig({}), mintNames(model, register), model.version);
const inputs = await loadAlignmentInputs({ projectRoot: PROJECT_ROOT, sharedDir: sharedDir(), model });
const { mappings } = generateAlignments(model, iris, inputs);
const local = (m: Mapping) => iris.objecttypeLocal(m.subjectGuid);
const find = (subject: string, object: string) => mappings.find((m) => local(m) === subject && m.object === object);

test('every object of every committed mapping set is a known target (or a GGM class)', async () => {
  let checked = 0;
  for (const n of (await readdir(`${PROJECT_ROOT}/alignments`)).filter((f) => f.endsWith('.sssom.tsv'))) {
    const set = parseSssom(await readFile(`${PROJECT_ROOT}/alignments/${n}`, 'utf8'), n);
    for (const r of set.rows) {
      const [p, rest] = [r.object_id.slice(0, r.object_id.indexOf(':')), r.object_id.slice(r.object_id.indexOf(':') + 1)];
      const target = set.metadata.curie_map[p] + rest;
      if (p === 'ggm') continue; // checked against ontology/ggm.ttl in alignments-sssom.test
      assert.ok(inputs.targets.has(target), `${n}: ${target} is not known to exist`);
      checked++;
    }
  }
  assert.ok(checked > 500, `${checked} external targets checked`);
});

test('the target index knows terms from each source and rejects made-up ones', () => {
  const t = inputs.targets;
  assert.match(t.get('http://www.w3.org/ns/person#Person')!.definedAt, /shared\/vocab\/w3c-person\.ttl/);
  assert.match(t.get('http://www.w3.org/ns/legal#LegalEntity')!.definedAt, /semic-core-business-1\.00\.rdf/);
  assert.match(t.get('http://www.w3.org/ns/org#Site')!.definedAt, /npm @vocabulary\/org@/);
  assert.match(
    t.get('https://schema.org/Person')!.definedAt,
    /npm @vocabulary\/schema@/,
    'https schema.org terms resolve to the package (http) terms',
  );
  assert.match(t.get('https://bag2.basisregistraties.overheid.nl/bag/def/Pand')!.definedAt, /BAG 2\.0/);
  assert.match(t.get('http://modellen.mim-standaard.nl/def/mim#Objecttype')!.definedAt, /mim\.ttl/);
  for (const fake of [
    'http://www.w3.org/ns/org#Department',
    'https://schema.org/Gemeente',
    'http://www.w3.org/ns/person#Persoon',
    'https://bag2.basisregistraties.overheid.nl/bag/def/Gebouw',
    'https://gemmaonline.nl/index.php/GEMMA/id-00000000-0000-0000-0000-000000000000',
  ]) {
    assert.equal(t.has(fake), false, fake);
  }
  assert.equal(t.label('http://www.w3.org/ns/org#Site'), 'Site');
});

test('known-targets.tsv: every row is in a known namespace with the place it is documented', async () => {
  const rows = parseKnownTargets(await readFile(`${PROJECT_ROOT}/${KNOWN_TARGETS_FILE}`, 'utf8'), KNOWN_TARGETS_FILE);
  assert.ok(rows.length >= 10);
  for (const r of rows) {
    assert.ok(r.definedAt.length > 20, `${r.iri}: defined_at`);
    assert.ok(
      ['bag', 'brk', 'tooiont'].some((p) => r.iri.startsWith(TARGET_PREFIXES[p].ns)),
      `${r.iri}: only namespaces without a vocabulary file belong here`,
    );
  }
  assert.throws(
    () => parseKnownTargets('iri\tlabel\tdefined_at\tnote\nhttps://identifier.overheid.nl/tooi/def/ont/Gemeente\tGemeente\t\t\n', 'kt.tsv'),
    /kt\.tsv:2: .*no defined_at/,
  );
  assert.throws(
    () => parseKnownTargets('iri\tlabel\tdefined_at\tnote\nhttps://example.org/X\tX\tsomewhere\t\n', 'kt.tsv'),
    /kt\.tsv:2: .*no known target namespace/,
  );
  assert.throws(
    () =>
      parseKnownTargets(
        'iri\tlabel\tdefined_at\tnote\nhttps://identifier.overheid.nl/tooi/def/ont/Gemeente\ta\tb\t\nhttps://identifier.overheid.nl/tooi/def/ont/Gemeente\ta\tb\t\n',
        'kt.tsv',
      ),
    /kt\.tsv:3: .*twice/,
  );
});

test('GEMMA: one mapping per gemma_url; exactMatch exactly when the definitions agree', () => {
  const gemma = mappings.filter((m) => m.origin === 'gemma');
  const withUrl = [...model.objecttypen.values()].filter((o) => o.gemma?.url);
  assert.equal(gemma.length, withUrl.length);
  assert.equal(withUrl.length, 502);
  const byGuid = new Map(gemma.map((m) => [m.subjectGuid, m]));
  for (const ot of withUrl) {
    const m = byGuid.get(ot.guid)!;
    assert.equal(m.object, ot.gemma!.url);
    // Independent check with a plain whitespace comparison: every pair equal this way must be exact.
    const plain = (s?: string) => (s ?? '').replace(/\s+/g, ' ').trim();
    if (plain(ot.definitie) !== '' && plain(ot.definitie) === plain(ot.gemma!.definitie))
      assert.equal(m.predicate, 'skos:exactMatch', ot.name);
    if (!ot.gemma!.definitie) assert.equal(m.predicate, 'skos:closeMatch', `${ot.name}: no GEMMA definition`);
  }
  // Known cases from the release.
  const byName = (n: string) => gemma.find((m) => local(m) === n)!;
  assert.equal(byName('AanwezigeDeelnemer').predicate, 'skos:exactMatch');
  assert.equal(byName('Heffingsverordening').predicate, 'skos:closeMatch', 'reworded definition');
  assert.equal(byName('Programma_Musea').predicate, 'skos:exactMatch', 'differs only by UTF-8 read as Mac Roman in GEMMA (co√∂rdineren)');
  assert.equal(byName('Intake').predicate, 'skos:exactMatch', 'differs only by line breaks');
  assert.equal(byName('Vorderingregel').predicate, 'skos:closeMatch', 'no GEMMA definition');
  assert.equal(byName('Nummeraanduiding_BAG').predicate, 'skos:closeMatch', 'GEMMA adds a sentence');
  assert.equal(byName('Parkeerzone').predicate, 'skos:exactMatch', 'GEMMA name misspelt, same definition');
});

test('BAG 2.0 from provenance: the BAG domain classes are exact, RSGB views with herkomst BAG are close', () => {
  const bag = TARGET_PREFIXES.bag.ns;
  for (const n of ['Pand', 'Verblijfsobject', 'Nummeraanduiding', 'OpenbareRuimte', 'Woonplaats', 'Ligplaats', 'Standplaats']) {
    assert.equal(find(`${n}_BAG`, bag + n)?.predicate, 'skos:exactMatch', `${n}_BAG`);
    assert.equal(find(`${n}_RSGBPlus`, bag + n)?.predicate, 'skos:closeMatch', `${n}_RSGBPlus`);
  }
  const inBag = [...model.objecttypen.values()].filter((o) => o.domeinGuid && model.domeinen.get(o.domeinGuid)!.name === 'BAG');
  const mappedInBag = mappings.filter((m) => m.origin === 'provenance' && inBag.some((o) => o.guid === m.subjectGuid));
  assert.equal(mappedInBag.length, 7, 'Buurt, Wijk, Gemeente, Onderzoek … of the BAG domain have no BAG 2.0 objecttype');
});

test('OWL axioms only where asserted by a reviewed row: rdfs:subClassOf to person:Person', () => {
  const owl = mappings.filter((m) => m.predicate === 'rdfs:subClassOf' || m.predicate === 'owl:equivalentClass');
  assert.deepEqual(owl.map((m) => `${local(m)} ${m.predicate} ${m.object}`).sort(), [
    'HistorischPersoon rdfs:subClassOf http://www.w3.org/ns/person#Person',
    'NatuurlijkPersoon rdfs:subClassOf http://www.w3.org/ns/person#Person',
  ]);
  assert.ok(owl.every((m) => m.origin === 'curated'));
});

function withRow(row: string): AlignmentInputs {
  const text = `subject\tpredicate\tobject\tjustification\tauthor\tconfidence\n${row}\n`;
  return { curated: parseCuratedTable(text, 'alignments/curated/test.tsv'), targets: inputs.targets };
}

test('bad curated rows fail with the file and row named', () => {
  assert.throws(
    () => generateAlignments(model, iris, withRow('GeenKlasse\tskos:closeMatch\torg:Site\tx\tme\t0.5')),
    /alignments\/curated\/test\.tsv:2: unknown GGM subject "GeenKlasse"/,
  );
  assert.throws(
    () => generateAlignments(model, iris, withRow('Vestiging\tskos:closeMatch\tfoo:Site\tx\tme\t0.5')),
    /test\.tsv:2: unknown prefix "foo"/,
  );
  assert.throws(
    () => generateAlignments(model, iris, withRow('Vestiging\tskos:closeMatch\torg:Department\tx\tme\t0.5')),
    /test\.tsv:2: unknown alignment target http:\/\/www\.w3\.org\/ns\/org#Department/,
  );
  assert.throws(
    () => generateAlignments(model, iris, withRow('Vestiging\towl:sameAs\torg:Site\tx\tme\t0.5')),
    /test\.tsv:2: predicate "owl:sameAs" is not one of/,
  );
  assert.throws(
    () => generateAlignments(model, iris, withRow('Vestiging\tskos:closeMatch\torg:Site\tx\tme\t1.5')),
    /test\.tsv:2: confidence "1\.5"/,
  );
  assert.throws(
    () => generateAlignments(model, iris, withRow('Vestiging\tskos:closeMatch\torg:Site\t\tme\t0.5')),
    /test\.tsv:2: no justification/,
  );
  assert.throws(
    () => generateAlignments(model, iris, withRow('Pand_BAG\tskos:closeMatch\tbag:Pand\tagain\tme\t0.5')),
    /test\.tsv:2: Pand .* already mapped \(skos:exactMatch\) by provenance rule/,
  );
  assert.throws(() => parseCuratedTable('subject\tpredicate\tobject\n', 'x.tsv'), /x\.tsv:1: header must be/);
  assert.throws(
    () => parseCuratedTable('subject\tpredicate\tobject\tjustification\tauthor\tconfidence\nA\tB\n', 'x.tsv'),
    /x\.tsv:2: 2 cells/,
  );
  // A GUID works as subject too.
  const pand = [...model.objecttypen.values()].find((o) => iris.objecttypeLocal(o.guid) === 'Pand_BAG')!;
  const ok = generateAlignments(model, iris, withRow(`${pand.guid}\tskos:broadMatch\tgeo:Feature\tA pand is a spatial object\tme\t0.7`));
  assert.ok(ok.mappings.some((m) => m.subjectGuid === pand.guid && m.object === 'http://www.opengis.net/ont/geosparql#Feature'));
});
