/**
 * The PostgreSQL warehouse path end to end, against a real PostgreSQL server:
 * build a warehouse from ALL the GGM's DDL files, insert realistic rows across
 * domains (with faulty ones), import, and check the RDF and the report.
 * Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust) with PostGIS
 * (.ci/setup-machine.sh); PGADMIN_URL overrides the admin connection string.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Parser, type Quad } from 'n3';
import { defaultRelease, loadGgmModel, PROJECT_ROOT, sharedDir } from '../src/source/index.js';
import type { GgmModel, Objecttype } from '../src/model/types.js';
import { GgmIris, iriConfig, instanceIri, mintNames, NS, type IriRegister } from '../src/iri/index.js';
import { ModelIndex, normalName } from '../src/data/model-index.js';
import { createDatabase, dropDatabase, connect, DatabaseConnectionError } from '../src/data/postgres/database.js';
import { buildWarehouse, summariseWarehouseReport, type WarehouseReport } from '../src/data/postgres/warehouse.js';
import { importWarehouseToFile, importWarehouseAsStream } from '../src/data/postgres/importer.js';
import { findObjecttype } from '../src/data/postgres/mapping.js';
import type { ImportReport } from '../src/data/import-report.js';


/** The IRI register of the published ontology (ontology/iri-register.json), when it has been built. */
async function publishedRegister(): Promise<IriRegister | undefined> {
  const file = path.join(PROJECT_ROOT, 'ontology', 'iri-register.json');
  return existsSync(file) ? (JSON.parse(await readFile(file, 'utf8')) as IriRegister) : undefined;
}

const ADMIN = process.env.PGADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DDL = path.join(sharedDir(), 'ggm', 'v2.5.1', 'ddl-postgres');
const dbName = `ggm_test_${randomBytes(4).toString('hex')}`;
const XSD = NS.xsd;
const GEO_WKT = `${NS.geo}wktLiteral`;

let model: GgmModel;
let index: ModelIndex;
let iris: GgmIris;
let register: IriRegister | undefined;
let cs: string;
let warehouse: WarehouseReport;
let tmp: string;
let report: ImportReport;
let quads: Quad[];
let enumId: string;

const config = iriConfig({ instanceBase: 'https://data.example-gemeente.nl/' });
const id = (local: string, ref: string) => instanceIri(config, local, ref);
const ot = (spec: string): Objecttype => {
  const o = findObjecttype(index, spec);
  assert.ok(o, `objecttype ${spec} in the model`);
  return o;
};
const attr = (o: Objecttype, name: string) => {
  const a = index.attribuut(o.guid, name);
  assert.ok(a, `${o.name} has attribute ${name}`);
  return iris.attribuut(a.attribuut.guid);
};
const relation = (from: Objecttype, to: Objecttype, name: string) => {
  const r = index.relatiesBetween(from.guid, to.guid).find(({ relatie: x }) => [x.name, x.doel.role].some((n) => n && normalName(n) === normalName(name)));
  assert.ok(r, `relation ${name} between ${from.name} and ${to.name}`);
  return { iri: iris.relatie(r.relatie.guid), forward: r.forward };
};
const objects = (s: string, p: string) => quads.filter((q) => q.subject.value === s && q.predicate.value === p).map((q) => q.object);

before(async () => {
  const t0 = Date.now();
  model = await loadGgmModel(defaultRelease());
  index = new ModelIndex(model);
  // The published ontology's IRI register (when built), as the CLI passes it.
  register = await publishedRegister();
  iris = new GgmIris(config, mintNames(model, register), model.version);
  cs = await createDatabase(ADMIN, dbName);
  const t1 = Date.now();
  warehouse = await buildWarehouse(cs, DDL);
  const t2 = Date.now();
  tmp = await mkdtemp(path.join(os.tmpdir(), 'ggm-pg-'));

  const c = await connect(cs);
  try {
    enumId = (await c.query(`SELECT beoordelingsoort_enum_id::text AS id FROM beoordelingsoort_enum WHERE value = 'NIET_OKE'`)).rows[0].id;
    await c.query(`
      -- Kern (RGBZ): a zaaktype, a zaak, a besluit that is its outcome. The DDL makes
      -- DOORLOOPTIJDBEHANDELING a TIMESTAMP, the model an integer (days): the value violates the model's type.
      INSERT INTO zaaktype (zaaktype_id, zaaktypeomschrijving, doorlooptijdbehandeling) VALUES (7, 'Omgevingsvergunning', '2024-02-01 00:00');
      INSERT INTO zaak (zaak_id, zaakidentificatie, datumstart, duurverlenging, omschrijving, is_van_zaaktype_id)
        VALUES (1, 'ZAAK-2024-0001', '2024-03-01', 14, E'Verbouwing "De Waag"\nMarkt 11', 7);
      INSERT INTO besluit (besluit_id, besluitidentificatie, datumbesluit, is_uitkomst_van_zaak_id) VALUES (10, 'B-2024-17', '2024-04-15', 1);
      -- Kern: an object with a real geometry (RD New), about the zaak
      INSERT INTO object (object_id, identificatie, naam, geometrie, betreft_zaak_id)
        VALUES (5, 'OBJ-5', 'Marktplein', ST_GeomFromText('POINT(84523.1 447390.5)', 28992), 1);
      -- Veiligheid en Vergunningen: a BOA and two VTH meldingen (subclass of AanvraagOfMelding, shared key)
      INSERT INTO boa (boa_id) VALUES (3);
      INSERT INTO aanvraagofmelding (aanvraagofmelding_id, identificatie, datumaanmaak) VALUES (100, 'M-100', '2024-05-02'), (101, 'M-101', '2024-05-03'), (102, 'M-102', '2024-05-04');
      INSERT INTO vth_melding (aanvraagofmelding_id, referentienummer, datumtijdtot, geseponeerd, beoordeling_enum_id, verbalisant_boa_id, locatie)
        VALUES (100, 'REF-100', '2024-05-02 14:30:00', false, ${enumId}, 3, 'POINT(84600 447400)'),
               (101, 'REF-101', NULL, true, NULL, 3, 'Markt 87, Delft'),
               (102, 'REF-102', NULL, NULL, 99, NULL, NULL);
      -- A municipality's own code added to a GGM enumeration table: not a value of the code list.
      INSERT INTO beoordelingsoort_enum (beoordelingsoort_enum_id, value) VALUES (50, 'NADER_ONDERZOEK');
      -- A many-to-many junction table: the melding is about the object.
      INSERT INTO kp_vth_mldng_objct (kp_vth_mldng_objct_id, vth_melding_id, object_id) VALUES (1, 100, 5);
      -- Sociaal Domein: a leverancier, a subclass of rechtspersoon sharing its key
      INSERT INTO rechtspersoon (rechtspersoon_id, naam, kvknummer) VALUES (20, 'Zorg BV', '12345678');
      INSERT INTO leverancier (rechtspersoon_id, agbcode, naam) VALUES (20, '98-765432', 'Zorg BV');
    `);
    // A faulty row as an ETL job with constraints switched off would leave it: a besluit about a zaak that does not exist.
    await c.query(`SET session_replication_role = replica; INSERT INTO besluit (besluit_id, besluitidentificatie, is_uitkomst_van_zaak_id) VALUES (11, 'B-2024-18', 999);
      INSERT INTO kp_vth_mldng_objct (kp_vth_mldng_objct_id, vth_melding_id, object_id) VALUES (2, 100, 77); SET session_replication_role = origin;`);
  } finally {
    await c.end();
  }
  const t3 = Date.now();
  report = await importWarehouseToFile(cs, path.join(tmp, 'warehouse.nq'), { model, register, iriConfig: config, progress: false });
  const t4 = Date.now();
  quads = new Parser({ format: 'N-Quads' }).parse(await readFile(path.join(tmp, 'warehouse.nq'), 'utf8'));
  console.log(`# set-up: model ${t1 - t0} ms (incl. create database), warehouse from ${warehouse.files} DDL files ${t2 - t1} ms, rows ${t3 - t2} ms, import of ${report.sources.length} tables ${t4 - t3} ms`);
});

after(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
  await dropDatabase(ADMIN, dbName);
});

describe('warehouse builder (all GGM DDL files into one database)', () => {
  it('executes every file and merges tables created by several diagrams', async () => {
    const files = (await readdir(DDL, { recursive: true })).filter((f) => f.endsWith('.sql'));
    assert.equal(warehouse.files, files.length);
    assert.ok(warehouse.postgis, 'PostGIS extension created');
    // Independently of the builder: the union of VORDERING's columns over all CREATE TABLE statements.
    const expected = new Set<string>();
    for (const f of files) {
      const text = await readFile(path.join(DDL, f), 'utf8');
      for (const m of text.matchAll(/CREATE TABLE VORDERING \(([\s\S]*?)\n\);/g)) {
        for (const line of m[1]!.split('\n')) {
          const col = /^\s*(\w+)\s/.exec(line)?.[1];
          if (col) expected.add(col.toLowerCase().slice(0, 63)); // PostgreSQL truncates identifiers to 63 characters
        }
      }
    }
    assert.ok(expected.size > 20, 'VORDERING is defined with different columns in several diagrams');
    const c = await connect(cs);
    try {
      const r = await c.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'vordering'`);
      assert.deepEqual(new Set(r.rows.map((x) => x.column_name)), expected);
      const geo = await c.query(`SELECT udt_name FROM information_schema.columns WHERE table_name = 'object' AND column_name = 'geometrie'`);
      assert.equal(geo.rows[0].udt_name, 'geometry');
    } finally {
      await c.end();
    }
  });

  it('reports each DDL defect with file, statement and line', () => {
    const broken = warehouse.defects.filter((d) => d.kind === 'broken-foreign-key');
    assert.ok(broken.length > 0);
    const vth = broken.find((d) => d.message.includes('beoordeling_enum_id_beoordelingsoort_enum_id'));
    assert.ok(vth, 'the VTH_MELDING enum foreign key naming a missing column is reported');
    assert.match(vth.file, /Brede_Handhaving_postgres\.sql$|Vergunningen/);
    assert.ok(vth.line > 0 && vth.statement > 0);
    assert.match(vth.message, /does not exist/);
    assert.ok(warehouse.defects.some((d) => d.kind === 'duplicate-table' && /table vordering already exists/.test(d.message)));
    assert.ok(warehouse.defects.some((d) => d.kind === 'conflicting-enum-value' && d.severity === 'error'));
    assert.ok(warehouse.defects.some((d) => d.kind === 'invalid-identifier' && /24uurs/.test(d.message)));
    assert.ok(warehouse.defects.some((d) => d.kind === 'truncated-identifier' && /vordering_bevat_vermindering_terugvordering_vermindering_terugvordering_id/.test(d.message)));
    const summary = summariseWarehouseReport(warehouse);
    assert.match(summary[0]!, /^135 DDL files, \d+ statements/);
    assert.match(summary[1]!, /^error /, 'errors are listed first');
    assert.ok(summary.some((l) => /^error broken-foreign-key: \d+$/.test(l)));
    assert.equal(warehouse.defects.filter((d) => d.kind === 'failed-statement').length, 0, JSON.stringify(warehouse.defects.filter((d) => d.kind === 'failed-statement').slice(0, 3)));
  });
});

describe('importer (warehouse → RDF)', () => {
  it('types rows by their objecttype and writes typed literals', () => {
    const zaak = ot('Zaak');
    const s = id(iris.objecttypeLocal(zaak.guid), '1');
    assert.ok(objects(s, `${NS.rdf}type`).some((o) => o.value === iris.objecttype(zaak.guid)));
    const start = objects(s, attr(zaak, 'datumStart'));
    assert.equal(start.length, 1);
    assert.equal(start[0]!.value, '2024-03-01');
    assert.equal((start[0] as { datatype: { value: string } }).datatype.value, `${XSD}date`);
    const duur = objects(s, attr(zaak, 'duurVerlenging'))[0] as { value: string; datatype: { value: string } };
    assert.deepEqual([duur.value, duur.datatype.value], ['14', `${XSD}integer`]);
    assert.equal(objects(s, attr(zaak, 'omschrijving'))[0]!.value, 'Verbouwing "De Waag"\nMarkt 11');

    const vth = ot('VTH-Melding');
    const m = objects(id(iris.objecttypeLocal(ot('AanvraagOfMelding@Dienstverlening').guid), '100'), attr(vth, 'datumtijdTot'))[0] as { value: string; datatype: { value: string } };
    assert.deepEqual([m.value, m.datatype.value], ['2024-05-02T14:30:00', `${XSD}dateTime`]);
  });

  it('writes foreign keys as relations to the right instance IRIs, in the model direction', () => {
    const besluit = ot('Besluit@RGBZPlus');
    const zaak = ot('Zaak');
    const r = relation(besluit, zaak, 'is uitkomst van');
    const b = id(iris.objecttypeLocal(besluit.guid), '10');
    const z = id(iris.objecttypeLocal(zaak.guid), '1');
    if (r.forward) assert.deepEqual(objects(b, r.iri).map((o) => o.value), [z]);
    else assert.deepEqual(objects(z, r.iri).map((o) => o.value), [b]);

    // VTH_MELDING.VERBALISANT_BOA_ID: the relation is modelled from BOA to VTH-Melding, so the triple goes that way.
    const vth = ot('VTH-Melding');
    const boa = ot('BOA');
    const v = relation(vth, boa, 'verbalisant');
    const melding = id(iris.objecttypeLocal(ot('AanvraagOfMelding@Dienstverlening').guid), '100');
    const boaIri = id(iris.objecttypeLocal(boa.guid), '3');
    if (v.forward) assert.ok(objects(melding, v.iri).some((o) => o.value === boaIri));
    else assert.ok(objects(boaIri, v.iri).some((o) => o.value === melding));
  });

  it('writes junction-table rows as many-to-many relation triples, and reports dangling ones', () => {
    const vth = ot('VTH-Melding');
    const object = ot('Object');
    const r = relation(vth, object, 'betreft');
    const melding = id(iris.objecttypeLocal(ot('AanvraagOfMelding@Dienstverlening').guid), '100');
    const o5 = id(iris.objecttypeLocal(object.guid), '5');
    if (r.forward) assert.deepEqual(objects(melding, r.iri).map((o) => o.value), [o5]);
    else assert.deepEqual(objects(o5, r.iri).map((o) => o.value), [melding]);
    const kp = report.sources.find((s) => s.source === 'kp_vth_mldng_objct')!;
    assert.equal(kp.rowsRead, 2);
    assert.equal(kp.triples, 1);
    assert.deepEqual(kp.issues.map((i) => [i.row, i.column, i.value]), [['100/77', 'object_id', '77']]);
    assert.match(kp.issues[0]!.why, /points nowhere: no row in object/);
  });

  it('gives a subclass row sharing its superclass key the superclass instance IRI, with both types', () => {
    const rp = ot('Rechtspersoon');
    const s = id(iris.objecttypeLocal(rp.guid), '20');
    const types = objects(s, `${NS.rdf}type`).map((o) => o.value);
    const lev = model.objecttypen.get(report.sources.find((x) => x.source === 'leverancier')!.objecttype!.guid)!;
    assert.ok(types.includes(iris.objecttype(rp.guid)), 'typed as Rechtspersoon');
    assert.ok(types.includes(iris.objecttype(lev.guid)), 'typed as Leverancier');
    assert.equal(objects(s, attr(lev, 'agbCode'))[0]!.value, '98-765432');
  });

  it('maps enumeration ids through the lookup table to the code-list concepts', () => {
    const vth = ot('VTH-Melding');
    const a = index.attribuut(vth.guid, 'beoordeling')!.attribuut;
    assert.equal(a.type.kind, 'enumeratie');
    const e = model.enumeraties.get((a.type as { guid: string }).guid)!;
    const w = e.waarden.find((x) => normalName(x.name) === 'NIETOKE')!;
    const melding = id(iris.objecttypeLocal(ot('AanvraagOfMelding@Dienstverlening').guid), '100');
    assert.deepEqual(objects(melding, iris.attribuut(a.guid)).map((o) => o.value), [iris.waarde(e.guid, w.guid)]);
  });

  it('writes geometry as GeoSPARQL WKT literals with the CRS of the SRID', () => {
    const object = ot('Object');
    const g = objects(id(iris.objecttypeLocal(object.guid), '5'), attr(object, 'geometrie'));
    assert.equal(g.length, 1);
    assert.equal(g[0]!.value, '<http://www.opengis.net/def/crs/EPSG/0/28992> POINT(84523.1 447390.5)');
    assert.equal((g[0] as { datatype: { value: string } }).datatype.value, GEO_WKT);
    // A WKT text in a VARCHAR column where the model expects a geometry is accepted as WKT too.
    const vth = ot('VTH-Melding');
    const melding = id(iris.objecttypeLocal(ot('AanvraagOfMelding@Dienstverlening').guid), '100');
    assert.equal(objects(melding, attr(vth, 'locatie'))[0]!.value, 'POINT(84600 447400)');
  });

  it('reports faulty rows with table, row key, column, value and reason', () => {
    const besluit = report.sources.find((s) => s.source === 'besluit')!;
    const dangling = besluit.issues.find((i) => i.row === '11');
    assert.ok(dangling, JSON.stringify(besluit.issues));
    assert.equal(dangling.column, 'is_uitkomst_van_zaak_id');
    assert.equal(dangling.value, '999');
    assert.match(dangling.why, /points nowhere.*zaak/);
    assert.equal(besluit.rowsRead, 2);

    const zaaktype = report.sources.find((s) => s.source === 'zaaktype')!;
    assert.deepEqual(zaaktype.issues.map((i) => [i.row, i.column, i.value]), [['7', 'doorlooptijdbehandeling', '2024-02-01 00:00:00']]);
    assert.match(zaaktype.issues[0]!.why, /not an integer/);

    const vth = report.sources.find((s) => s.source === 'vth_melding')!;
    const wkt = vth.issues.find((i) => i.row === '101' && i.column === 'locatie');
    assert.ok(wkt);
    assert.equal(wkt.value, 'Markt 87, Delft');
    assert.match(wkt.why, /WKT/);
    const badEnum = vth.issues.find((i) => i.row === '102' && i.column === 'beoordeling_enum_id');
    assert.ok(badEnum);
    assert.match(badEnum.why, /no row with id 99 in enumeration table beoordelingsoort_enum/);
    assert.equal(vth.valuesRejected, 2);
    const localCode = report.mapping.find((n) => n.source === 'beoordelingsoort_enum');
    assert.ok(localCode, 'enumeration table values outside the code list are reported');
    assert.match(localCode.message, /1 value\(s\) are not values of codelijst Beoordelingsoort: 50 = "NADER_ONDERZOEK"/);
    // The rejected values are left out, the rows are still published.
    const vthOt = ot('VTH-Melding');
    const m101 = id(iris.objecttypeLocal(ot('AanvraagOfMelding@Dienstverlening').guid), '101');
    assert.equal(objects(m101, attr(vthOt, 'locatie')).length, 0);
    assert.equal(objects(m101, attr(vthOt, 'referentienummer'))[0]!.value, 'REF-101');
  });

  it('counts triples per table in agreement with the file, and leaves no temporary files', async () => {
    assert.equal(report.triples, quads.length);
    assert.equal(report.sources.reduce((n, s) => n + s.triples, 0), quads.length);
    assert.equal(report.rowsRead, 16);
    assert.deepEqual(await readdir(tmp), ['warehouse.nq']);
  });

  it('writes the same triples as Turtle and as a stream for the store', async () => {
    const ttl = path.join(tmp, 'warehouse.ttl');
    await importWarehouseToFile(cs, ttl, { model, register, iriConfig: config, progress: false });
    const fromTurtle = new Parser({ format: 'Turtle' }).parse(await readFile(ttl, 'utf8'));
    const key = (q: Quad) => `${q.subject.value} ${q.predicate.value} ${q.object.termType}:${q.object.value}:${(q.object as { datatype?: { value: string } }).datatype?.value ?? ''}`;
    assert.deepEqual(fromTurtle.map(key).sort(), quads.map(key).sort());

    const { stream, report: done } = importWarehouseAsStream(cs, { model, register, iriConfig: config, progress: false, graph: 'https://data.example-gemeente.nl/graph/warehouse' });
    let text = '';
    for await (const chunk of stream) text += chunk;
    const r = await done;
    const streamed = new Parser({ format: 'N-Quads' }).parse(text);
    assert.equal(streamed.length, r.triples);
    assert.ok(streamed.every((q) => q.graph.value === 'https://data.example-gemeente.nl/graph/warehouse'));
    assert.deepEqual(streamed.map(key).sort(), quads.map(key).sort());
  });

  it('applies an override file for local tables and columns', async () => {
    const c = await connect(cs);
    try {
      // A local table: other names, an extra column, and a text column holding ZAAKTYPE's integer key.
      await c.query(`CREATE TABLE mijn_zaken (nr varchar(20) PRIMARY KEY, omschr text, intern_kenmerk text, startdatum date, zaaktype_code varchar(10))`);
      await c.query(`INSERT INTO mijn_zaken VALUES ('Z-9', 'Kapvergunning', 'x', '2024-06-01', '7')`);
    } finally {
      await c.end();
    }
    const overrides = path.join(tmp, 'overrides.yaml');
    await writeFile(overrides, 'tables:\n  mijn_zaken:\n    objecttype: Zaak\n    key: nr\n    ignore: [intern_kenmerk]\n    columns:\n      omschr: omschrijving\n      startdatum: datumStart\n      zaaktype_code: { references: zaaktype, role: is_van }\n');
    const out = path.join(tmp, 'override.nq');
    const r = await importWarehouseToFile(cs, out, { model, register, iriConfig: config, progress: false, overrides, tables: ['mijn_zaken'] });
    const qs = new Parser({ format: 'N-Quads' }).parse(await readFile(out, 'utf8'));
    const zaak = ot('Zaak');
    const zaaktype = ot('Zaaktype');
    const isVan = relation(zaak, zaaktype, 'is van');
    assert.ok(isVan.forward);
    const s = id(iris.objecttypeLocal(zaak.guid), 'Z-9');
    assert.deepEqual(qs.filter((q) => q.subject.value === s).map((q) => `${q.predicate.value} ${q.object.value}`).sort(), [
      `${NS.rdf}type ${iris.objecttype(zaak.guid)}`,
      `${isVan.iri} ${id(iris.objecttypeLocal(zaaktype.guid), '7')}`,
      `${attr(zaak, 'datumStart')} 2024-06-01`,
      `${attr(zaak, 'omschrijving')} Kapvergunning`,
    ].sort());
    assert.equal(r.sources.length, 1);
    assert.ok(!r.mapping.some((n) => n.source === 'mijn_zaken' && n.column === 'intern_kenmerk'), 'ignored column is not reported as unmapped');
  });

  it('says clearly when the database cannot be reached, and writes nothing', async () => {
    const out = path.join(tmp, 'unreachable.nq');
    await assert.rejects(
      importWarehouseToFile('postgres://postgres@127.0.0.1:1/ggm', out, { model, progress: false }),
      (e: Error) => e instanceof DatabaseConnectionError && /127\.0\.0\.1:1\/ggm/.test(e.message) && /refused/.test(e.message),
    );
    assert.equal(existsSync(out), false);
    assert.ok(!(await readdir(tmp)).some((f) => f.includes('.tmp-')));
  });

  it('produces values that conform to the SHACL shapes (datatypes, classes, code lists)', async () => {
    const { validate } = await import('../src/data/validate/index.js');
    const shapesFile = path.join(PROJECT_ROOT, 'shapes', 'ggm-shapes.ttl');
    const shapesTtl = existsSync(shapesFile) ? await readFile(shapesFile, 'utf8') : (await import('../src/generate/shacl.js')).generateShapes(model, iris).toTurtle();
    const shapes = new Parser({ format: 'Turtle' }).parse(shapesTtl);
    const outcome = await validate(quads, shapes);
    // Every value the importer wrote has the datatype, class or code-list concept the shapes require.
    // Missing mandatory values (sh:minCount) are facts about the sample rows (a handful of rows, not a
    // complete registration), not about the import; they are checked to be the only kind of result
    // (with the sh:node result of a subclass instance that lacks a value its superclass requires).
    const lacking = new Set(outcome.results.filter((r) => r.constraint.value.endsWith('MinCountConstraintComponent')).map((r) => r.focusNode.value));
    const wrong = outcome.results.filter((r) => !r.constraint.value.endsWith('MinCountConstraintComponent') && !(r.constraint.value.endsWith('NodeConstraintComponent') && lacking.has(r.focusNode.value)));
    assert.deepEqual(wrong.map((r) => `${r.focusNode.value} ${r.pathText ?? r.path?.value}: ${r.message} (${r.constraint.value})`), []);
    assert.ok(outcome.results.length > 0 && !outcome.conforms, 'the sample rows do lack mandatory relations');
    // A value the shapes must reject, to show the check is real: a zaak with a start date that is not a date.
    const zaak = ot('Zaak');
    const s = id(iris.objecttypeLocal(zaak.guid), '1');
    const bad = new Parser({ format: 'N-Triples' }).parse(`<${s}> <${attr(zaak, 'datumStart')}> "begin maart" .`);
    const again = await validate([...quads.filter((q) => !(q.subject.value === s && q.predicate.value === attr(zaak, 'datumStart'))), ...bad], shapes);
    assert.ok(again.results.some((r) => r.focusNode.value === s && r.constraint.value.endsWith('DatatypeConstraintComponent')));
  });
});
