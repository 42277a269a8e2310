/**
 * The committed SSSOM mapping sets and ontology/alignments.ttl: up to date with
 * the real release, SSSOM 1.0 metadata, only declared (and used) prefixes,
 * subjects that exist in ontology/ggm.ttl, only mapping predicates, and the
 * RDF carries exactly the SSSOM rows.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import N3 from 'n3';
import { loadGgmModel } from '../src/source/index.js';
import { GgmIris, iriConfig, mintNames, NS } from '../src/iri/index.js';
import { ontologyHeader } from '../src/generate/owl.js';
import {
  ALIGNMENTS_TTL,
  COVERAGE_MD,
  MAPPING_PREDICATES,
  MAPPING_SETS,
  alignmentArtefacts,
  loadAlignmentInputs,
} from '../src/generate/alignments.js';
import { parseSssom, SSSOM_COLUMNS, type SssomSet } from '../src/generate/sssom.js';
import { readRegisterFile } from './support/register.js';
import { PROJECT_ROOT, defaultRelease, sharedDir } from '../src/cli/paths.js';

const model = await loadGgmModel(defaultRelease());
const register = await readRegisterFile(`${PROJECT_ROOT}/ontology/iri-register.json`);
const iris = new GgmIris(iriConfig({}), mintNames(model, register), model.version);
const inputs = await loadAlignmentInputs({ projectRoot: PROJECT_ROOT, sharedDir: sharedDir(), model });
const { files } = alignmentArtefacts(model, iris, inputs, ontologyHeader(model));

const sssomNames = (await readdir(`${PROJECT_ROOT}/alignments`)).filter((n) => n.endsWith('.sssom.tsv')).sort();
const committed = new Map<string, SssomSet>();
for (const n of sssomNames) committed.set(`alignments/${n}`, parseSssom(await readFile(`${PROJECT_ROOT}/alignments/${n}`, 'utf8'), n));

const ggm = new N3.Store(new N3.Parser({ format: 'text/turtle' }).parse(await readFile(`${PROJECT_ROOT}/ontology/ggm.ttl`, 'utf8')));
const owlClasses = new Set(ggm.getSubjects(`${NS.rdf}type`, `${NS.owl}Class`, null).map((s) => s.value));

const expand = (curie: string, map: Record<string, string>, where: string): string => {
  const m = /^([A-Za-z][\w.-]*):(.*)$/.exec(curie);
  assert.ok(m, `${where}: "${curie}" is not a CURIE`);
  assert.ok(m[1] in map, `${where}: prefix "${m[1]}" of ${curie} is not in curie_map`);
  return map[m[1]] + m[2];
};

test('the committed mapping sets, alignments.ttl and coverage report are what the generator makes now', async () => {
  assert.deepEqual(
    sssomNames.map((n) => `alignments/${n}`),
    MAPPING_SETS.map((s) => s.file).sort(),
  );
  for (const [p, content] of files) {
    assert.equal(await readFile(`${PROJECT_ROOT}/${p}`, 'utf8'), content, `${p} is stale: regenerate it`);
  }
  const again = alignmentArtefacts(model, iris, inputs, ontologyHeader(model)).files;
  for (const [p, content] of files) assert.equal(again.get(p), content, `${p} differs between two runs`);
});

test('every mapping set has SSSOM 1.0 metadata: id, licence, curie_map, the release date, and the standard columns', () => {
  for (const [name, set] of committed) {
    const md = set.metadata;
    assert.match(md.mapping_set_id, /^https:\/\/\S+\.sssom\.tsv$/, name);
    assert.equal(md.license, 'https://spdx.org/licenses/EUPL-1.2', name);
    assert.equal(md.mapping_date, `${model.release!.slice(0, 4)}-${model.release!.slice(4, 6)}-${model.release!.slice(6)}`, name);
    assert.equal(md.mapping_set_version, model.version);
    assert.equal(typeof md.curie_map, 'object');
    assert.ok(set.rows.length > 0, `${name} has mappings`);
    for (const r of set.rows) for (const c of SSSOM_COLUMNS) assert.ok(c in r, `${name}: column ${c}`);
  }
  assert.equal(
    new Set([...committed.values()].map((s) => s.metadata.mapping_set_id)).size,
    committed.size,
    'mapping_set_id values are distinct',
  );
});

test('curie_map declares exactly the prefixes the rows use', () => {
  for (const [name, set] of committed) {
    const used = new Set<string>();
    set.rows.forEach((r, i) => {
      for (const c of ['subject_id', 'predicate_id', 'object_id', 'mapping_justification', 'author_id'] as const) {
        expand(r[c], set.metadata.curie_map, `${name} row ${i + 1} ${c}`);
        used.add(r[c].split(':')[0]);
      }
    });
    assert.deepEqual([...used].sort(), Object.keys(set.metadata.curie_map).sort(), `${name}: declared but unused, or used but undeclared`);
  }
});

test('every subject is a class of ontology/ggm.ttl; GGM-to-GGM objects too', () => {
  let n = 0;
  for (const [name, set] of committed) {
    set.rows.forEach((r, i) => {
      const s = expand(r.subject_id, set.metadata.curie_map, `${name} row ${i + 1}`);
      assert.ok(owlClasses.has(s), `${name} row ${i + 1}: subject ${s} is not an owl:Class in ontology/ggm.ttl`);
      const o = expand(r.object_id, set.metadata.curie_map, `${name} row ${i + 1}`);
      if (o.startsWith(iris.ns.ggm))
        assert.ok(owlClasses.has(o), `${name} row ${i + 1}: object ${o} is not an owl:Class in ontology/ggm.ttl`);
      n++;
    });
  }
  assert.ok(n > 550, `${n} mappings`);
});

test('predicates are SKOS mapping relations or OWL class axioms; justifications are SEMAPV; confidences in [0, 1]', () => {
  for (const [name, set] of committed) {
    for (const r of set.rows) {
      assert.ok(r.predicate_id in MAPPING_PREDICATES, `${name}: predicate ${r.predicate_id}`);
      assert.ok(
        ['semapv:ManualMappingCuration', 'semapv:LexicalMatching'].includes(r.mapping_justification),
        `${name}: ${r.mapping_justification}`,
      );
      const c = Number(r.confidence);
      assert.ok(r.confidence !== '' && c >= 0 && c <= 1, `${name}: confidence ${r.confidence}`);
      assert.ok(r.comment.length > 10, `${name}: ${r.subject_id} → ${r.object_id} has a comment explaining it`);
    }
  }
});

test('a class has at most one mapping to one target, and never both exact and close to it', () => {
  const seen = new Map<string, string>();
  for (const set of committed.values()) {
    for (const r of set.rows) {
      const k = `${expand(r.subject_id, set.metadata.curie_map, 's')} ${expand(r.object_id, set.metadata.curie_map, 'o')}`;
      assert.ok(!seen.has(k), `${k}: ${seen.get(k)} and ${r.predicate_id}`);
      seen.set(k, r.predicate_id);
    }
  }
});

test('ontology/alignments.ttl carries exactly the triples of the SSSOM rows', async () => {
  const ttl = await readFile(`${PROJECT_ROOT}/${ALIGNMENTS_TTL}`, 'utf8');
  const store = new N3.Store(new N3.Parser({ format: 'text/turtle' }).parse(ttl));
  const expected = new Set<string>();
  for (const set of committed.values()) {
    for (const r of set.rows) {
      expected.add(
        `${expand(r.subject_id, set.metadata.curie_map, 's')} ${MAPPING_PREDICATES[r.predicate_id]} ${expand(r.object_id, set.metadata.curie_map, 'o')}`,
      );
    }
  }
  const actual = new Set(
    store
      .getQuads(null, null, null, null)
      .filter((q) => Object.values(MAPPING_PREDICATES).includes(q.predicate.value) && q.subject.value !== iris.ns.alignmentsGraph)
      .map((q) => `${q.subject.value} ${q.predicate.value} ${q.object.value}`),
  );
  assert.deepEqual([...actual].sort(), [...expected].sort());
  assert.equal(store.getQuads(iris.ns.alignmentsGraph, `${NS.rdf}type`, `${NS.owl}Ontology`, null).length, 1);
});

test('the coverage report states the share of aligned classes that the mapping sets imply', async () => {
  const text = await readFile(`${PROJECT_ROOT}/${COVERAGE_MD}`, 'utf8');
  const classes = [...model.objecttypen.values()].filter((o) => o.kind === 'objecttype').map((o) => iris.objecttype(o.guid));
  const aligned = new Set<string>();
  for (const set of committed.values()) {
    for (const r of set.rows) aligned.add(expand(r.subject_id, set.metadata.curie_map, 's'));
  }
  const n = classes.filter((c) => aligned.has(c)).length;
  assert.ok(text.includes(`- objecttypen: ${classes.length}\n`), 'class count');
  assert.ok(text.includes(`- met ten minste één externe alignment: ${n} (${((100 * n) / classes.length).toFixed(1)} %)`), `aligned ${n}`);
  const gemma = committed.get('alignments/ggm-gemma.sssom.tsv')!.rows;
  const exact = gemma.filter((r) => r.predicate_id === 'skos:exactMatch').length;
  assert.match(
    text,
    new RegExp(`\\| GEMMA \\| ${new Set(gemma.map((r) => r.subject_id)).size} \\| ${exact} \\| ${gemma.length - exact} \\|`),
  );
});
