/**
 * Honest alignments (SSSOM): no GGM class is declared identical to another
 * (no GGM-to-GGM rows, no shared exactMatch target), copied definitions are
 * reported as source defects instead, the GEMMA rows say they are the GGM
 * team's links from the release, and every mapping set carries the SSSOM
 * provenance fields. Checked on the committed files against the release.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { loadGgmModel } from '../src/source/index.js';
import { readWorkbook } from '../src/source/xlsx.js';
import { GgmIris, iriConfig, mintNames } from '../src/iri/index.js';
import { GGM_REPOSITORY } from '../src/generate/owl.js';
import { parseSssom, type SssomSet } from '../src/generate/sssom.js';
import { readRegisterFile } from './support/register.js';
import { PROJECT_ROOT, defaultRelease } from '../src/cli/paths.js';

const model = await loadGgmModel(defaultRelease());
const register = await readRegisterFile(`${PROJECT_ROOT}/ontology/iri-register.json`);
const iris = new GgmIris(iriConfig({}), mintNames(model, register), model.version);
const sets = new Map<string, SssomSet>();
for (const n of (await readdir(`${PROJECT_ROOT}/alignments`)).filter((f) => f.endsWith('.sssom.tsv')).sort())
  sets.set(n, parseSssom(await readFile(`${PROJECT_ROOT}/alignments/${n}`, 'utf8'), n));
const report = JSON.parse(await readFile(`${PROJECT_ROOT}/reports/kwaliteitsrapport.json`, 'utf8')) as {
  findings: { rule: string; guid?: string; message: string }[];
};
const expand = (curie: string, set: SssomSet) => {
  const [p, ...rest] = curie.split(':');
  return set.metadata.curie_map[p!] + rest.join(':');
};

test('no mapping declares two GGM classes one concept: no GGM object, no exactMatch target shared by two classes', () => {
  const exactTargets = new Map<string, string>();
  for (const [name, set] of sets) {
    for (const r of set.rows) {
      const o = expand(r.object_id, set);
      assert.ok(!o.startsWith(iris.ns.ggm), `${name}: ${r.subject_id} → ${r.object_id} maps GGM to GGM`);
      if (r.predicate_id !== 'skos:exactMatch') continue;
      assert.ok(!exactTargets.has(o), `${o}: exactMatch of both ${exactTargets.get(o)} and ${r.subject_id} (transitivity makes them one)`);
      exactTargets.set(o, r.subject_id);
    }
  }
  assert.ok(!sets.has('ggm-ggm.sssom.tsv'));
  // Ligplaats: the BAG class is the BAG object, RSGB's view is close to it, and nothing joins the two.
  const nl = sets.get('ggm-nl.sssom.tsv')!;
  const lig = nl.rows.filter((r) => r.object_id === 'bag:Ligplaats').map((r) => `${r.subject_id} ${r.predicate_id}`);
  assert.deepEqual(lig.sort(), ['ggm:Ligplaats_BAG skos:exactMatch', 'ggm:Ligplaats_RSGBPlus skos:closeMatch']);
});

test('every objecttype whose definition another objecttype repeats is in the quality report as a source defect', () => {
  const key = (s?: string) => (s ?? '').normalize('NFC').toLowerCase().split(/\s+/).filter(Boolean).join(' ').replace(/\.$/, '').trim();
  const byDef = new Map<string, string[]>();
  for (const ot of model.objecttypen.values()) {
    const k = key(ot.definitie);
    if (k.length >= 20) byDef.set(k, [...(byDef.get(k) ?? []), ot.guid]);
  }
  const expected = new Set([...byDef.values()].filter((g) => g.length > 1).flat());
  const reported = new Set(report.findings.filter((f) => f.rule === 'source:shared-definition').map((f) => f.guid));
  assert.deepEqual([...reported].sort(), [...expected].sort());
  const named = (n: string) => [...model.objecttypen.values()].filter((o) => o.name === n).map((o) => o.guid);
  for (const n of ['Provincie', 'Land', 'Categorie', 'Buurt'])
    for (const g of named(n)) assert.ok(reported.has(g), `${n} (${g}) is reported`);
  assert.ok(named('Categorie').length >= 3);
});

test('the GEMMA rows are the GGM team’s links from the release’s gemma_url column, and say so', async () => {
  const sheet = (await readWorkbook(defaultRelease())).get('classes')!;
  const linked = sheet.rows.filter((r) => r.values.gemma_url?.trim() && model.objecttypen.has(r.values.id?.trim() ?? ''));
  const gemma = sets.get('ggm-gemma.sssom.tsv')!;
  assert.equal(gemma.rows.length, linked.length);
  assert.ok(gemma.rows.length > 450);
  const byGuid = new Map(linked.map((r) => [iris.objecttype(r.values.id!.trim()), r]));
  for (const r of gemma.rows) {
    const row = byGuid.get(expand(r.subject_id, gemma));
    assert.ok(row, `${r.subject_id} has a gemma_url in the release`);
    assert.equal(expand(r.object_id, gemma), row.values.gemma_url!.trim());
    assert.equal(r.author_id, 'auteur:ggm-team');
    assert.equal(r.mapping_provider, GGM_REPOSITORY);
    assert.ok(r.comment.includes(`gemma_url of ${model.sourceFile.split('/').pop()}, classes sheet row ${row.row}`), r.comment);
  }
  for (const [name, set] of sets) {
    if (name === 'ggm-gemma.sssom.tsv') continue;
    for (const r of set.rows) assert.notEqual(r.author_id, 'auteur:ggm-team', `${name}: only the gemma_url links are the GGM team's`);
  }
});

test('every mapping set carries sssom_version, subject/object type and source, and its id under the service', () => {
  for (const [name, set] of sets) {
    const md = set.metadata;
    assert.equal(md.sssom_version, '1.0', name);
    assert.equal(md.subject_type, 'owl class', name);
    assert.equal(md.subject_source, iris.ontologyVersion(), name);
    assert.equal(md.mapping_set_id, `${iris.ns.alignmentsGraph}/${name}`);
    for (const r of set.rows) {
      assert.ok(
        ['owl class', 'rdfs class', 'skos concept', 'rdfs resource'].includes(r.object_type),
        `${name}: ${r.object_id} ${r.object_type}`,
      );
      assert.ok(expand(r.object_id, set).startsWith(r.object_source.replace(/\/$/, '')), `${name}: ${r.object_id} from ${r.object_source}`);
    }
  }
  const eu = sets.get('ggm-eu-w3c.sssom.tsv')!;
  assert.ok(eu.rows.some((r) => r.object_type === 'owl class'));
});
