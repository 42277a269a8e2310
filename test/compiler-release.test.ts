/**
 * The compiler on the real v2.5.1 release: every source GUID is carried by a
 * term or shape, or named in the quality report; OWL hygiene; every file parses.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import N3 from 'n3';
import { loadGgmModel } from '../src/source/index.js';
import { readWorkbook } from '../src/source/xlsx.js';
import { iriConfig, NS } from '../src/iri/index.js';
import { ARTEFACTS, compile } from '../src/generate/index.js';
import { readRegisterFile } from './support/register.js';
import { loadAlignmentInputs } from '../src/generate/alignments.js';
import { PROJECT_ROOT, defaultRelease, sharedDir } from '../src/cli/paths.js';

const model = await loadGgmModel(defaultRelease());
const register = await readRegisterFile(`${PROJECT_ROOT}/${ARTEFACTS.register}`);
const alignments = await loadAlignmentInputs({ projectRoot: PROJECT_ROOT, sharedDir: sharedDir(), model });
const { files, report } = compile(model, iriConfig({}), { register, alignments });
const stores = new Map<string, N3.Store>();
for (const [name, text] of files) {
  if (!name.endsWith('.ttl')) continue;
  stores.set(name, new N3.Store(new N3.Parser({ format: 'text/turtle' }).parse(text)));
}
const ontology = stores.get(ARTEFACTS.ontology)!;
const all = new N3.Store([...stores.values()].flatMap((s) => s.getQuads(null, null, null, null)));

test('every generated Turtle file parses and is non-trivial', () => {
  assert.deepEqual(
    [...stores.keys()].sort(),
    [
      ARTEFACTS.codelijsten,
      ARTEFACTS.mim,
      ARTEFACTS.ontology,
      ARTEFACTS.persoonsgegevens,
      ARTEFACTS.shapes,
      'ontology/alignments.ttl',
    ].sort(),
  );
  for (const [name, s] of stores) assert.ok(s.size > (name === ARTEFACTS.persoonsgegevens ? 300 : 500), `${name}: ${s.size} triples`);
});

test('every source GUID is carried as dcterms:identifier by a term or a shape, or named in the quality report', async () => {
  const sheets = await readWorkbook(defaultRelease());
  const carried = new Set(all.getObjects(null, `${NS.dcterms}identifier`, null).map((o) => o.value));
  const reported = new Set(report.findings.map((f) => f.guid).filter((g): g is string => Boolean(g)));
  const missing: string[] = [];
  let total = 0;
  for (const sheet of ['classes', 'attributes', 'associations', 'generalizations', 'enumerations', 'enumerationliterals']) {
    for (const r of sheets.get(sheet)!.rows) {
      const guid = r.values.id?.trim();
      if (!guid) {
        // a row without a GUID must be in the report by its sheet and row
        assert.ok(
          report.findings.some((f) => f.rule === 'source:missing-guid' && f.origin?.sheet === sheet && f.origin.row === r.row),
          `${sheet} row ${r.row} without GUID is reported`,
        );
        continue;
      }
      total++;
      if (!carried.has(guid) && !reported.has(guid)) missing.push(`${sheet}:${guid}`);
    }
  }
  assert.deepEqual(missing.slice(0, 20), [], `${missing.length} of ${total} GUIDs neither carried nor reported`);
  assert.ok(total > 12000);
});

test('all generalizations are rdfs:subClassOf axioms, none reflexive', () => {
  const sub = `${NS.rdfs}subClassOf`;
  const quads = ontology.getQuads(null, sub, null, null).filter((q) => q.object.termType === 'NamedNode');
  for (const q of quads) assert.notEqual(q.subject.value, q.object.value, `reflexive subClassOf on ${q.subject.value}`);
  assert.equal(model.generalisaties.length, 304);
  const pairs = new Set(quads.map((q) => `${q.subject.value} ${q.object.value}`));
  const byGuid = new Map(
    [...model.objecttypen.keys()].map((g) => [
      g,
      ontology.getSubjects(`${NS.dcterms}identifier`, N3.DataFactory.literal(g), null)[0]?.value,
    ]),
  );
  for (const g of model.generalisaties)
    assert.ok(pairs.has(`${byGuid.get(g.subGuid)} ${byGuid.get(g.superGuid)}`), `generalization ${g.guid}`);
});

test('no property has more than one rdfs:domain or rdfs:range', () => {
  for (const pred of [`${NS.rdfs}domain`, `${NS.rdfs}range`]) {
    const count = new Map<string, number>();
    for (const q of ontology.getQuads(null, pred, null, null)) count.set(q.subject.value, (count.get(q.subject.value) ?? 0) + 1);
    const many = [...count.entries()].filter(([, n]) => n > 1);
    assert.deepEqual(many, [], `${pred}`);
    assert.ok(count.size > 5000);
  }
});

test('no label is a placeholder; no vocabulary IRI has whitespace or %', () => {
  const labelPreds = [`${NS.rdfs}label`, `${NS.skos}prefLabel`, `${NS.sh}name`, `${NS.mim}naam`, `${NS.skos}definition`];
  for (const p of labelPreds) {
    for (const o of all.getObjects(null, p, null)) {
      assert.ok(!/^(none|nan|<memo>|null)$/i.test(o.value.trim()) && o.value.trim() !== '', `${p} "${o.value}"`);
      assert.ok(!o.value.includes('#NOTES#'), `${p} contains tagged-value residue`);
    }
  }
  for (const q of all.getQuads(null, null, null, null)) {
    for (const t of [q.subject, q.predicate, q.object]) {
      if (t.termType !== 'NamedNode') continue;
      assert.match(t.value, /^[\x21-\x7e]+$/, t.value);
      assert.ok(!t.value.includes('%'), t.value);
    }
  }
});

test('classes carry definition, domain membership and GUID; code lists are SKOS schemes on their own IRIs', () => {
  // The GGM's own classes (the external classes it uses — GeoSPARQL, skos:Concept, mim:Domein — are declared too, for OWL 2 DL).
  const ggmNs = iriConfig({}).vocabBase + 'def/ggm/';
  const classes = ontology
    .getSubjects(`${NS.rdf}type`, `${NS.owl}Class`, null)
    .map((s) => s.value)
    .filter((c) => c.startsWith(ggmNs));
  assert.equal(classes.length, model.objecttypen.size);
  const schemes = stores
    .get(ARTEFACTS.codelijsten)!
    .getSubjects(`${NS.rdf}type`, `${NS.skos}ConceptScheme`, null)
    .map((s) => s.value);
  assert.equal(schemes.length, model.enumeraties.size);
  const classSet = new Set(classes);
  for (const s of schemes) assert.ok(!classSet.has(s), `${s} is both a class and a code list`);
  const concepts = stores.get(ARTEFACTS.codelijsten)!.getSubjects(`${NS.rdf}type`, `${NS.skos}Concept`, null);
  assert.equal(
    concepts.length,
    [...model.enumeraties.values()].reduce((a, e) => a + e.waarden.length, 0),
  );
  const withDomain = classes.filter((c) => ontology.getObjects(c, `${NS.dcterms}isPartOf`, null).length === 1);
  assert.equal(withDomain.length, classes.length);
  const o = ontology.getSubjects(`${NS.rdf}type`, `${NS.owl}Ontology`, null)[0]!;
  for (const p of [`${NS.owl}versionIRI`, `${NS.owl}versionInfo`, `${NS.dcterms}license`, `${NS.dcterms}source`])
    assert.equal(ontology.getObjects(o, p, null).length, 1, p);
});

test('the quality report lists every design-rule violation with package path and GUID, and the shared class names', () => {
  const rules = new Set(report.findings.map((f) => f.rule));
  for (const r of ['m1', 'm3', 'm6', 'm7', 'clean:notes-residue', 'clean:placeholder', 'datatype:guessed']) assert.ok(rules.has(r), r);
  for (const f of report.findings.filter((x) => /^m\d$/.test(x.rule))) assert.ok(f.guid, `${f.rule} finding has a GUID: ${f.message}`);
  assert.ok(report.sharedClassNames.length >= 60, `${report.sharedClassNames.length} shared names`);
  assert.ok(report.sharedClassNames.some((s) => s.identicalDefinitions) || report.sharedClassNames.every((s) => !s.identicalDefinitions));
  const md = files.get(ARTEFACTS.qualityMd)!;
  assert.match(md, /## m3: Ontwerpregel m3/);
  assert.match(md, /## Klassen met dezelfde naam/);
});
