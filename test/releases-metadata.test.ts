/**
 * Ontology metadata (issue 13.3): the committed ontology names its makers by organisation IRI,
 * its release date from the release list (not the export's stale root-package tag), the exact
 * source file as an IRI, its version and prior version; code lists are labelled without EA's
 * `enum_` prefix, the source name kept as skos:notation. Checked against the committed files,
 * releases/releases.yaml and — for the code-list names — the xlsx read independently with exceljs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import N3 from 'n3';
import { NS } from '../src/iri/index.js';
import { ARTEFACTS } from '../src/generate/index.js';
import { GEMEENTE_DELFT } from '../src/generate/owl.js';
import { parseReleases, readReleases, RELEASES_FILE } from '../src/generate/releases.js';
import { PROJECT_ROOT, sharedDir } from '../src/cli/paths.js';

const ONTOLOGY = 'https://gemeentelijkgegevensmodel.nl/def/ggm';
const parse = (rel: string) =>
  new N3.Store(new N3.Parser({ format: 'text/turtle' }).parse(readFileSync(path.join(PROJECT_ROOT, rel), 'utf8')));
const ontology = parse(ARTEFACTS.ontology);
const objects = (s: string, p: string) => ontology.getObjects(N3.DataFactory.namedNode(s), N3.DataFactory.namedNode(p), null);
const releases = readReleases(PROJECT_ROOT);
const latest = releases[0]!;

test('the release list names every release in ../shared/ggm with a date and a source IRI, newest first', () => {
  assert.deepEqual(
    releases.map((r) => r.version),
    ['2.5.1', '2.5.0'],
  );
  for (const r of releases) {
    assert.ok(readFileSync(path.join(sharedDir(), r.source)).length > 100_000, `${r.source} exists`);
    assert.match(r.derivedFrom, /^https:\/\/github\.com\/Gemeente-Delft\/Gemeentelijk-Gegevensmodel\/blob\/[0-9a-f]{40}\//);
    assert.notEqual(r.issued, '2025-07-29', 'not the root package tag (v2.4.0)');
  }
});

test('the ontology header: creator and publisher are organisation IRIs, issued/versionInfo/priorVersion/wasDerivedFrom per release', () => {
  const one = (p: string) => {
    const o = objects(ONTOLOGY, p);
    assert.equal(o.length, 1, `${p}: ${o.map((x) => x.value).join(', ')}`);
    return o[0]!;
  };
  for (const p of [
    `${NS.dcterms}creator`,
    `${NS.dcterms}publisher`,
    `${NS.prov}wasDerivedFrom`,
    `${NS.owl}priorVersion`,
    `${NS.owl}versionIRI`,
  ])
    assert.equal(one(p).termType, 'NamedNode', `${p} is an IRI`);
  assert.equal(one(`${NS.dcterms}creator`).value, GEMEENTE_DELFT);
  assert.equal(one(`${NS.dcterms}publisher`).value, GEMEENTE_DELFT, 'the default publisher');
  const issued = one(`${NS.dcterms}issued`) as N3.Literal;
  assert.equal(issued.value, latest.issued);
  assert.equal(issued.datatype.value, `${NS.xsd}date`);
  assert.equal(one(`${NS.owl}versionInfo`).value, latest.version);
  assert.equal(one(`${NS.owl}versionIRI`).value, `${ONTOLOGY}/${latest.version}`);
  assert.equal(one(`${NS.owl}priorVersion`).value, `${ONTOLOGY}/${releases[1]!.version}`);
  assert.equal(one(`${NS.prov}wasDerivedFrom`).value, latest.derivedFrom);
  assert.equal(objects(GEMEENTE_DELFT, `${NS.rdfs}label`)[0]?.value, 'Gemeente Delft');
});

test('the stale release date of the export is reported in the quality report', () => {
  const report = JSON.parse(readFileSync(path.join(PROJECT_ROOT, ARTEFACTS.qualityJson), 'utf8')) as {
    findings: { rule: string; message: string }[];
  };
  const f = report.findings.filter((x) => x.rule === 'source:release-date');
  assert.equal(f.length, 1);
  assert.match(f[0]!.message, /20250729.*2026-05-12.*v2\.4\.0/);
});

test('code lists are labelled without the enum_ prefix; the source name is their skos:notation (every enumeration of the xlsx)', async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(sharedDir(), latest.source));
  const sheet = wb.getWorksheet('enumerations')!;
  const header = (sheet.getRow(1).values as unknown[]).map(String);
  const nameCol = header.indexOf('name');
  const rows: string[] = [];
  sheet.eachRow((row, i) => {
    if (i > 1) rows.push(row.getCell(nameCol).text.trim());
  });
  // The build repairs double-encoded names ('OriÃ«ntatie' → 'Oriëntatie', reported in the quality report): both count.
  const repaired = (n: string) => {
    if (!/[ÃÂ]/.test(n) || [...n].some((c) => c.charCodeAt(0) > 0xff)) return n;
    const decoded = Buffer.from(n, 'latin1').toString('utf8');
    return decoded.includes('\uFFFD') ? n : decoded;
  };
  const names = new Set([...rows, ...rows.map(repaired)]);
  const codelijsten = parse(ARTEFACTS.codelijsten);
  const schemes = codelijsten.getSubjects(
    N3.DataFactory.namedNode(`${NS.rdf}type`),
    N3.DataFactory.namedNode(`${NS.skos}ConceptScheme`),
    null,
  );
  assert.equal(schemes.length, 521);
  let prefixed = 0;
  for (const s of schemes) {
    const get = (p: string) => codelijsten.getObjects(s, N3.DataFactory.namedNode(p), null).map((o) => o.value);
    const [label] = get(`${NS.skos}prefLabel`);
    assert.doesNotMatch(label!, /^enum[_ ]/i, s.value);
    assert.deepEqual(get(`${NS.rdfs}label`), [label]);
    const notation = get(`${NS.skos}notation`);
    if (notation.length) {
      prefixed++;
      assert.match(notation[0]!, /^enum[_ ]/i);
      assert.equal(notation[0]!.replace(/^enum[_ ]/i, ''), label);
      assert.ok(names.has(notation[0]!), `${notation[0]} is a name in the enumerations sheet`);
    } else assert.ok(names.has(label!), `${label} is a name in the enumerations sheet`);
  }
  const inSheet = rows.filter((n) => /^enum[_ ]/i.test(n)).length;
  assert.ok(prefixed > 100 && prefixed === inSheet, `${prefixed} of ${inSheet} prefixed names`);
});

test('a broken release list is refused naming the file and the entry', () => {
  assert.throws(() => parseReleases('releases: []'), new RegExp(RELEASES_FILE));
  assert.throws(
    () => parseReleases('releases:\n  - {version: 2.5.1, source: a.xlsx, issued: 20250729, derivedFrom: "https://x/y"}'),
    /releases\[0\]: "issued" must be a date/,
  );
  assert.throws(
    () => parseReleases('releases:\n  - {version: 2.5.1, source: ../a.xlsx, issued: 2025-01-01, derivedFrom: "https://x/y"}'),
    /inside the shared folder/,
  );
  assert.throws(
    () => parseReleases('releases:\n  - {version: 2.5.1, source: a.xlsx, issued: 2025-01-01, derivedFrom: "https://x/y", date: 1}'),
    /unknown key "date"/,
  );
});
