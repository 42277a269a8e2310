/**
 * Cross-domain analysis: exact numbers on a small model built here, counts on
 * the real release recomputed independently from the model, and the committed
 * reports being up to date (no GGM-to-GGM mappings: test/alignments-honesty.test.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { loadGgmModel } from '../src/source/index.js';
import { GgmIris, iriConfig, mintNames } from '../src/iri/index.js';
import type { Attribuutsoort, GgmModel, Objecttype, Relatiesoort } from '../src/model/types.js';
import {
  CROSS_DOMAIN_FILES,
  crossDomain,
  crossDomainArtefacts,
  crossDomainMarkdown,
  domainOverview,
} from '../src/generate/cross-domain.js';
import { readRegisterFile } from './support/register.js';
import { PROJECT_ROOT, defaultRelease } from '../src/cli/paths.js';

const origin = { file: 'test', sheet: 'classes', row: 1 };

function smallModel(): GgmModel {
  const pkg = (guid: string, name: string, parentGuid?: string) => ({
    guid,
    name,
    mim: {},
    origin,
    parentGuid,
    stereotype: 'Domein',
    path: [name],
  });
  const ot = (guid: string, name: string, domein: string, definitie?: string, attributen: Attribuutsoort[] = []): Objecttype => ({
    guid,
    name,
    mim: {},
    origin,
    kind: 'objecttype',
    packageGuid: domein,
    domeinGuid: domein,
    attributen,
    ...(definitie ? { definitie } : {}),
  });
  const attr = (guid: string, owner: string, name: string, target: string): Attribuutsoort => ({
    guid,
    name,
    mim: {},
    origin,
    ownerGuid: owner,
    typeSpelling: 'X',
    type: { kind: 'objecttype', guid: target },
    verplicht: false,
    mogelijkGeenWaarde: false,
  });
  const rel = (guid: string, name: string, from: string, to: string): Relatiesoort => ({
    guid,
    name,
    mim: {},
    origin,
    bron: { classGuid: from, multiplicity: { min: 0 }, navigable: false },
    doel: { classGuid: to, role: name, multiplicity: { min: 0, max: 1 }, navigable: true },
  });
  const classes = [
    ot('A1', 'Zaak', 'DA', 'Een samenhangende hoeveelheid werk.'),
    ot('A2', 'Besluit', 'DA', 'Een beslissing.', [attr('AT1', 'A2', 'adres', 'B1')]),
    ot('B1', 'Adres', 'DB', 'Een adres.'),
    ot('B2', 'Zaak', 'DB', 'Een  samenhangende\nhoeveelheid werk'),
    ot('C1', 'Zaak', 'DC', 'Iets heel anders.'),
    ot('C2', 'Adresje', 'DC', 'Een adres.'),
  ];
  return {
    name: 'mini',
    version: '0.1',
    sourceFile: 'mini.xlsx',
    packages: new Map([pkg('DA', 'Domein A'), pkg('DB', 'Domein B'), pkg('DC', 'Domein C | oud')].map((p) => [p.guid, p])),
    domeinen: new Map([
      ['DA', { guid: 'DA', name: 'Domein A', beleidsdomein: '1 Eén', path: ['Domein A'] }],
      ['DB', { guid: 'DB', name: 'Domein B', beleidsdomein: '1 Eén', path: ['Domein B'] }],
      ['DC', { guid: 'DC', name: 'Domein C | oud', beleidsdomein: '2 Twee', path: ['Domein C | oud'] }],
    ]),
    objecttypen: new Map(classes.map((c) => [c.guid, c])),
    enumeraties: new Map(),
    relatiesoorten: [
      rel('R1', 'betreft', 'A2', 'A1'),
      rel('R2', 'heeft', 'A1', 'B1'),
      rel('R3', 'heeft | pipe', 'C1', 'B1'),
      rel('R4', 'ook', 'C1', 'B2'),
    ],
    generalisaties: [{ guid: 'G1', subGuid: 'C2', superGuid: 'B1', origin }],
    diagrams: [],
    findings: [],
  };
}

test('small model: links, pairs, shared names and definitions, overview', () => {
  const model = smallModel();
  const iris = new GgmIris(iriConfig({}), mintNames(model), model.version);
  const r = crossDomain(model, iris);
  const C = 'Domein C | oud';
  const cz = iris.objecttypeLocal('C1');
  assert.deepEqual(
    r.links.map((l) => `${l.kind} ${l.fromDomein}>${l.toDomein} ${l.fromClass}>${l.toClass}`).sort(),
    [
      'attribuutsoort Domein A>Domein B Besluit>Adres',
      'relatiesoort Domein A>Domein B Zaak_DomeinA>Adres',
      `relatiesoort ${C}>Domein B ${cz}>Adres`,
      `relatiesoort ${C}>Domein B ${cz}>Zaak_DomeinB`,
      `generalisatie ${C}>Domein B Adresje>Adres`,
    ].sort(),
  );
  assert.equal(r.links.length, 5, 'R1 stays inside Domein A');
  assert.deepEqual(
    r.pairs.map((p) => [p.from, p.to, p.count, p.relatiesoorten, p.attribuutsoorten, p.generalisaties]),
    [
      ['Domein C | oud', 'Domein B', 3, 2, 0, 1],
      ['Domein A', 'Domein B', 2, 1, 1, 0],
    ],
  );
  assert.equal(r.sharedNames.length, 1);
  const zaak = r.sharedNames[0];
  assert.equal(zaak.name, 'Zaak');
  assert.equal(zaak.verdict, 'partly-same', 'A and B share a definition (whitespace, final full stop), C differs');
  assert.deepEqual(
    zaak.sameConcept.map((g) => g.map((c) => c.local)),
    [['Zaak_DomeinA', 'Zaak_DomeinB']],
  );
  assert.deepEqual(r.sharedDefinitions, [], '"Een adres." is shorter than the 20 characters that say something');
  const ov = domainOverview(r, 'beleidsdomein');
  assert.deepEqual(
    ov.nodes.map((n) => [n.id, n.classes]),
    [
      ['1 Eén', 4],
      ['2 Twee', 2],
    ],
  );
  assert.deepEqual(
    ov.edges.map((e) => [e.from, e.to, e.count]),
    [['2 Twee', '1 Eén', 3]],
    'A→B links stay inside beleidsdomein 1',
  );
  const md = crossDomainMarkdown(r, model.version);
  assert.ok(md.includes('| Domein C \\| oud | Domein B | 3 | 2 | 0 | 1 |'), 'pipes in names are escaped in the Markdown tables');
  assert.ok(!md.includes('| Domein C | oud |'));
});

const model = await loadGgmModel(defaultRelease());
const register = await readRegisterFile(`${PROJECT_ROOT}/ontology/iri-register.json`);
const iris = new GgmIris(iriConfig({}), mintNames(model, register), model.version);
const report = crossDomain(model, iris);

test('real release: link and pair counts agree with an independent count over the model', () => {
  const dom = (guid: string) => model.domeinen.get(model.objecttypen.get(guid)!.domeinGuid!)!.name;
  const expected = new Map<string, [number, number, number]>();
  const bump = (from: string, to: string, i: 0 | 1 | 2) => {
    if (dom(from) === dom(to)) return;
    const k = `${dom(from)} → ${dom(to)}`;
    const v = expected.get(k) ?? [0, 0, 0];
    v[i]++;
    expected.set(k, v);
  };
  for (const r of model.relatiesoorten) bump(r.bron.classGuid, r.doel.classGuid, 0);
  for (const ot of model.objecttypen.values())
    for (const a of ot.attributen) if (a.type.kind === 'objecttype' && model.objecttypen.has(a.type.guid)) bump(ot.guid, a.type.guid, 1);
  for (const g of model.generalisaties) bump(g.subGuid, g.superGuid, 2);
  const actual = new Map(report.pairs.map((p) => [`${p.from} → ${p.to}`, [p.relatiesoorten, p.attribuutsoorten, p.generalisaties]]));
  assert.deepEqual([...actual.entries()].sort(), [...expected.entries()].sort());
  const total = [...expected.values()].reduce((s, v) => s + v[0] + v[1] + v[2], 0);
  assert.equal(report.links.length, total);
  assert.ok(total > 300, `${total} cross-domain links`);
  for (const p of report.pairs) assert.equal(p.count, p.links.length);
  const ov = domainOverview(report, 'domein');
  assert.equal(
    ov.edges.reduce((s, e) => s + e.count, 0),
    total,
  );
});

test('the committed cross-domain reports are what the generator makes now', async () => {
  const files = crossDomainArtefacts(model, iris);
  assert.deepEqual([...files.keys()].sort(), [CROSS_DOMAIN_FILES.json, CROSS_DOMAIN_FILES.md].sort());
  for (const [p, content] of files) assert.equal(await readFile(`${PROJECT_ROOT}/${p}`, 'utf8'), content, `${p} is stale`);
  const json = JSON.parse(files.get(CROSS_DOMAIN_FILES.json)!) as {
    pairs: { count: number }[];
    overview: { beleidsdomein: { nodes: unknown[]; edges: { count: number }[] } };
  };
  assert.equal(
    json.pairs.reduce((s, p) => s + p.count, 0),
    report.links.length,
  );
  assert.ok(json.overview.beleidsdomein.nodes.length >= 10 && json.overview.beleidsdomein.nodes.length <= 13);
});
