/**
 * CSV import against the real GGM release: files named after objecttypen,
 * headers with GGM attribute names, typed literals, code-list concepts,
 * relations, and every problem reported with file, line, column and value.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { Parser, type Quad } from 'n3';
import { loadGgmModel } from '../src/source/index.js';
import { existsSync } from 'node:fs';
import type { GgmModel, Objecttype } from '../src/model/types.js';
import { GgmIris, iriConfig, instanceIri, mintNames, NS, type IriRegister } from '../src/iri/index.js';
import { ModelIndex, normalName } from '../src/data/model-index.js';
import { importCsvAsStream, importCsvToFile, importCsvToStream } from '../src/data/csv/importer.js';
import type { ImportReport } from '../src/data/import-report.js';
import { PROJECT_ROOT, defaultRelease } from '../src/cli/paths.js';

/** The IRI register of the published ontology (ontology/iri-register.json), when it has been built. */
async function publishedRegister(): Promise<IriRegister | undefined> {
  const file = path.join(PROJECT_ROOT, 'ontology', 'iri-register.json');
  return existsSync(file) ? (JSON.parse(await readFile(file, 'utf8')) as IriRegister) : undefined;
}

const config = iriConfig({ instanceBase: 'https://data.example-gemeente.nl/' });
let model: GgmModel;
let index: ModelIndex;
let iris: GgmIris;
let register: IriRegister | undefined;
let dir: string;
let input: string;
let report: ImportReport;
let quads: Quad[];

const ot = (spec: string): Objecttype => {
  const o = index.findObjecttype(spec);
  assert.ok(o, spec);
  return o;
};
const attr = (o: Objecttype, name: string) => iris.attribuut(index.attribuut(o.guid, name)!.attribuut.guid);
const subject = (o: Objecttype, ref: string) => instanceIri(config, iris.objecttypeLocal(o.guid), ref);
const objects = (s: string, p: string) =>
  quads
    .filter((q) => q.subject.value === s && q.predicate.value === p)
    .map((q) => q.object as { value: string; datatype?: { value: string }; termType: string });
const source = (file: string) => report.sources.find((s) => s.source === file)!;

before(async () => {
  model = await loadGgmModel(defaultRelease());
  index = new ModelIndex(model);
  // The published ontology's IRI register (when built), as the CLI passes it.
  register = await publishedRegister();
  iris = new GgmIris(config, mintNames(model, register), model.version);
  dir = await mkdtemp(path.join(os.tmpdir(), 'ggm-csv-'));
  input = path.join(dir, 'in');
  await mkdir(input);
  // A Dutch spreadsheet export: BOM, semicolons, quoted field with a semicolon and a newline, lower/upper case headers.
  await writeFile(
    path.join(input, 'zaak.csv'),
    '\ufeffID;Zaakidentificatie;datumstart;DUURVERLENGING;omschrijving;kleur\r\n' +
      '1;ZAAK-2024-0001;2024-03-01;14;"Verbouwing; ""De Waag""\nMarkt 11";blauw\r\n' +
      '2;ZAAK-2024-0002;31-02-2024;veertien;Kapvergunning;\r\n' +
      // An identification longer than the model's AN40, a duur verlenging with more digits than its N3.
      `3;${'ZAAK-2024-0003-'.repeat(3)};2024-03-03;1234;Te lang;\r\n` +
      ';ZAAK-ZONDER-ID;2024-03-02;;;\r\n' +
      '\r\n',
  );
  await writeFile(
    path.join(input, 'VTH-Melding.csv'),
    'id,referentienummer,beoordeling,locatie,geseponeerd,datumtijdTot\n' +
      '100,REF-100,Niet Oke,SRID=28992;POINT(84600 447400),ja,2024-05-02 14:30\n' +
      '101,REF-101,Misschien,Markt 87,nee,\n',
  );
  await writeFile(path.join(input, 'Besluit@RGBZPlus.csv'), 'id,besluitidentificatie,zaak\n10, B-2024-17 ,1\n'); // spaces around a value: trimmed, and reported
  // Saved as Windows-1252 instead of UTF-8: "Café" has the single byte E9.
  await writeFile(
    path.join(input, 'Rechtspersoon.csv'),
    Buffer.concat([Buffer.from('id,naam,kvknummer\n20,Caf'), Buffer.from([0xe9]), Buffer.from(' De Waag BV,12345678\n')]),
  );
  await writeFile(path.join(input, 'Kleurenwaaier.csv'), 'id,naam\n1,rood\n');
  report = await importCsvToFile(input, path.join(dir, 'out.nq'), { model, register, iriConfig: config });
  quads = new Parser({ format: 'N-Quads' }).parse(await readFile(path.join(dir, 'out.nq'), 'utf8'));
});

after(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('CSV importer', () => {
  it('maps file names to objecttypen and headers to attributes, case-insensitively, with typed literals', () => {
    const zaak = ot('Zaak');
    const s = subject(zaak, '1');
    assert.ok(objects(s, `${NS.rdf}type`).some((o) => o.value === iris.objecttype(zaak.guid)));
    const start = objects(s, attr(zaak, 'datumStart'));
    assert.deepEqual(
      start.map((o) => [o.value, o.datatype?.value]),
      [['2024-03-01', `${NS.xsd}date`]],
    );
    assert.deepEqual(
      objects(s, attr(zaak, 'duurVerlenging')).map((o) => [o.value, o.datatype?.value]),
      [['14', `${NS.xsd}integer`]],
    );
    assert.equal(objects(s, attr(zaak, 'omschrijving'))[0]!.value, 'Verbouwing; "De Waag"\nMarkt 11');
    assert.equal(objects(s, attr(zaak, 'zaakidentificatie'))[0]!.value, 'ZAAK-2024-0001');

    const vth = ot('VTH-Melding');
    const m = subject(vth, '100');
    assert.deepEqual(
      objects(m, attr(vth, 'geseponeerd')).map((o) => [o.value, o.datatype?.value]),
      [['true', `${NS.xsd}boolean`]],
    );
    assert.deepEqual(
      objects(m, attr(vth, 'datumtijdTot')).map((o) => o.value),
      ['2024-05-02T14:30:00'],
    );
    // Geometry as GeoSPARQL 1.1: the attribute points at a geo:Geometry node holding the WKT.
    const geometry = objects(m, attr(vth, 'locatie')).map((o) => o.value);
    assert.deepEqual(geometry, [`${m}/${attr(vth, 'locatie').slice(attr(vth, 'locatie').lastIndexOf('/') + 1)}`]);
    assert.deepEqual(
      objects(m, `${NS.geo}hasGeometry`).map((o) => o.value),
      geometry,
    );
    assert.deepEqual(
      objects(m, `${NS.geo}hasDefaultGeometry`).map((o) => o.value),
      geometry,
    );
    assert.deepEqual(
      objects(geometry[0]!, `${NS.rdf}type`)
        .map((o) => o.value)
        .sort(),
      [`${NS.geo}Geometry`, `${NS.sf}Point`],
    );
    assert.deepEqual(
      objects(geometry[0]!, `${NS.geo}asWKT`).map((o) => [o.value, o.datatype?.value]),
      [['<http://www.opengis.net/def/crs/EPSG/0/28992> POINT(84600 447400)', `${NS.geo}wktLiteral`]],
    );
    assert.ok(objects(m, `${NS.rdf}type`).some((o) => o.value === `${NS.geo}Feature`));
  });

  it('maps code-list values to the concepts of the enumeratie', () => {
    const vth = ot('VTH-Melding');
    const a = index.attribuut(vth.guid, 'beoordeling')!.attribuut;
    const e = model.enumeraties.get((a.type as { guid: string }).guid)!;
    const w = e.waarden.find((x) => normalName(x.name) === 'NIETOKE')!;
    assert.deepEqual(
      objects(subject(vth, '100'), iris.attribuut(a.guid)).map((o) => o.value),
      [iris.waarde(e.guid, w.guid)],
    );
  });

  it('writes relation columns as links to instance IRIs of the target objecttype', () => {
    const besluit = ot('Besluit@RGBZPlus');
    assert.equal(source('Besluit@RGBZPlus.csv').objecttype?.guid, besluit.guid);
    assert.equal(source('Besluit@RGBZPlus.csv').valuesTrimmed, 1, 'the value with spaces around it is reported as trimmed');
    assert.equal(source('zaak.csv').valuesTrimmed ?? 0, 0);
    const r = model.relatiesoorten.find(
      (x) =>
        x.bron.classGuid === besluit.guid && iris.names.relatie.get(x.guid) === `${iris.names.relatie.get(x.guid)!.split('.')[0]}.zaak`,
    )!;
    assert.ok(r, 'Besluit has a relation with role "zaak"');
    assert.deepEqual(
      objects(subject(besluit, '10'), iris.relatie(r.guid)).map((o) => o.value),
      [subject(ot('Zaak'), '1')],
    );
  });

  it('reports wrong types, unknown columns and code-list values with file, line, column and value', () => {
    const z = source('zaak.csv');
    const issues = z.issues.map((i) => [i.row, i.column, i.value]);
    assert.deepEqual(issues, [
      ['1', 'kleur', 'kleur'],
      ['4', 'datumstart', '31-02-2024'], // line 4: the first record spans lines 2 and 3
      ['4', 'DUURVERLENGING', 'veertien'],
      ['5', 'Zaakidentificatie', 'ZAAK-2024-0003-'.repeat(3)],
      ['5', 'DUURVERLENGING', '1234'],
      ['6', 'ID', ''],
    ]);
    assert.match(z.issues[0]!.why, /unknown column/);
    assert.match(z.issues[1]!.why, /not a date/);
    assert.match(z.issues[2]!.why, /not an integer/);
    // The length and digits the shapes allow (sh:maxLength, the N3 pattern) are checked on import too.
    assert.equal(z.issues[3]!.why, 'zaakidentificatie: 45 characters, the model allows 40');
    assert.equal(z.issues[4]!.why, 'duurVerlenging: more digits than N3 allows');
    assert.match(z.issues[5]!.why, /without a key/);
    assert.equal(z.rowsRead, 4);
    assert.equal(z.rowsRejected, 1);
    assert.equal(z.valuesRejected, 4);
    // The rest of row 2 is still published; the faulty values are not.
    const zaak = ot('Zaak');
    assert.equal(objects(subject(zaak, '2'), attr(zaak, 'omschrijving'))[0]!.value, 'Kapvergunning');
    assert.equal(objects(subject(zaak, '2'), attr(zaak, 'datumStart')).length, 0);

    const v = source('VTH-Melding.csv');
    assert.deepEqual(
      v.issues.map((i) => [i.row, i.column, i.value]),
      [
        ['3', 'beoordeling', 'Misschien'],
        ['3', 'locatie', 'Markt 87'],
      ],
    );
    assert.match(v.issues[0]!.why, /not a value of codelijst Beoordelingsoort/);
  });

  it('reports bytes that are not UTF-8', () => {
    const r = source('Rechtspersoon.csv');
    assert.equal(r.issues.length, 1);
    assert.deepEqual([r.issues[0]!.row, r.issues[0]!.column], ['2', 'naam']);
    assert.match(r.issues[0]!.value, /^Caf\ufffd De Waag BV$/);
    assert.match(r.issues[0]!.why, /UTF-8/);
    const rp = ot('Rechtspersoon');
    assert.equal(objects(subject(rp, '20'), attr(rp, 'kvkNummer'))[0]!.value, '12345678');
  });

  it('reports a file that names no objecttype, and counts what it wrote', async () => {
    assert.ok(
      report.mapping.some(
        (n) => n.source === 'Kleurenwaaier.csv' && n.severity === 'error' && /no objecttype named "Kleurenwaaier"/.test(n.message),
      ),
    );
    assert.equal(report.triples, quads.length);
    assert.deepEqual((await readdir(dir)).sort(), ['in', 'out.nq']);
  });

  it('streams the same triples for the store', async () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (c) => (text += c));
    const r = await importCsvToStream(input, out, {
      model,
      register,
      iriConfig: config,
      graph: 'https://data.example-gemeente.nl/graph/csv',
    });
    const streamed = new Parser({ format: 'N-Quads' }).parse(text);
    assert.equal(streamed.length, r.triples);
    assert.equal(streamed.length, quads.length);
    assert.ok(streamed.every((q) => q.graph.value === 'https://data.example-gemeente.nl/graph/csv'));

    const { stream, report: done } = importCsvAsStream([path.join(input, 'zaak.csv')], { model, register, iriConfig: config });
    let text2 = '';
    for await (const chunk of stream) text2 += chunk;
    const zaakOnly = new Parser({ format: 'N-Quads' }).parse(text2);
    assert.equal(zaakOnly.length, (await done).triples);
    assert.equal(zaakOnly.length, source('zaak.csv').triples);
  });
});
