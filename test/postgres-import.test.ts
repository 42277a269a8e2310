/**
 * The PostgreSQL warehouse path end to end, against a real PostgreSQL server:
 * build a warehouse from ALL the GGM's DDL files, insert a complete sample
 * across domains (every relation the model requires filled in) with faulty
 * rows, import, and check that the RDF conforms to the complete GGM shapes and
 * that the report names every faulty value.
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
import { Parser, Store, type Quad } from 'n3';
import { loadGgmModel } from '../src/source/index.js';
import type { GgmModel, Objecttype } from '../src/model/types.js';
import { GgmIris, iriConfig, instanceIri, mintNames, NS, type IriRegister } from '../src/iri/index.js';
import { ModelIndex, normalName } from '../src/data/model-index.js';
import { createDatabase, dropDatabase, connect, DatabaseConnectionError } from '../src/data/postgres/database.js';
import { buildWarehouse, summariseWarehouseReport, type WarehouseReport } from '../src/data/postgres/warehouse.js';
import { importWarehouseToFile, importWarehouseAsStream, deriveWarehouseMapping } from '../src/data/postgres/importer.js';
import { loadGgmShapes, validate, type GgmShapes } from '../src/data/validate/index.js';
import { producersOf, requirementsOf } from '../src/data/postgres/requirements.js';
import { findObjecttype } from '../src/data/postgres/mapping.js';
import type { ImportReport } from '../src/data/import-report.js';
import { PROJECT_ROOT, defaultRelease, sharedDir } from '../src/cli/paths.js';

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
  const r = index
    .relatiesBetween(from.guid, to.guid)
    .find(({ relatie: x }) => [x.name, x.doel.role].some((n) => n && normalName(n) === normalName(name)));
  assert.ok(r, `relation ${name} between ${from.name} and ${to.name}`);
  return { iri: iris.relatie(r.relatie.guid), forward: r.forward };
};
let shapesLoaded: Promise<GgmShapes> | undefined;
/** The complete GGM shapes (shapes/ggm-shapes.ttl) with the ontology's class hierarchy, as `ggm validate` uses them. */
const ggmShapes = () => (shapesLoaded ??= loadGgmShapes(PROJECT_ROOT));
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
    // The sample: rows across domains, complete — every relatiesoort the model requires (minimum ≥ 1) of each
    // row's objecttype and superclasses is filled in, recursively for the rows they point to (checked in
    // 'the sample rows are complete' below), except the relations the DDL cannot hold (NOT_IN_THE_WAREHOUSE).
    await c.query(`
      -- Kern (RGBZ): a zaak that is a VTH-zaak (subclass table sharing ZAAK_ID), its zaaktype with a statustype,
      -- the producttype (which requires a VTH-zaak), a document through the KP_ZK_DCMNT junction table, a besluit.
      -- The DDL makes ZAAKTYPE.DOORLOOPTIJDBEHANDELING a TIMESTAMP, the model an integer (days): the value violates the model's type.
      INSERT INTO producttype (producttype_id, omschrijving) VALUES (30, 'Omgevingsvergunning bouwen');
      INSERT INTO zaaktype (zaaktype_id, zaaktypeomschrijving, doorlooptijdbehandeling, heeft_producttype_id) VALUES (7, 'Omgevingsvergunning', '2024-02-01 00:00', 30);
      INSERT INTO statustype (statustype_id, statustypeomschrijving, heeft_zaaktype_id) VALUES (8, 'Ontvangen', 7);
      INSERT INTO zaak (zaak_id, zaakidentificatie, datumstart, duurverlenging, omschrijving, is_van_zaaktype_id, heeft_product_producttype_id)
        VALUES (1, 'ZAAK-2024-0001', '2024-03-01', 14, E'Verbouwing "De Waag"\nMarkt 11', 7, 30);
      INSERT INTO vthzaak (zaak_id, behandelaar, verkamering_enum_id) VALUES (1, 'J. de Vries', (SELECT boolean_enum_id FROM boolean_enum WHERE value = 'NEE'));
      UPDATE producttype SET heeft_zaak_id = 1 WHERE producttype_id = 30;
      INSERT INTO identificatiekenmerk (identificatiekenmerk_id, kenmerk) VALUES (41, 'DOC-2024-0040');
      INSERT INTO documenttype (documenttype_id, documenttypeomschrijving) VALUES (42, 'Bouwtekening');
      INSERT INTO document (document_id, documenttitel, datumcreatiedocument, heeft_kenmerk_identificatiekenmerk_id, is_van_documenttype_id) VALUES (40, 'Plattegrond begane grond', '2024-02-20', 41, 42);
      INSERT INTO kp_zk_dcmnt (kp_zk_dcmnt_id, zaak_id, document_id) VALUES (1, 1, 40);
      INSERT INTO besluittype (besluittype_id, besluittypeomschrijving) VALUES (12, 'Vergunningverlening');
      INSERT INTO besluit (besluit_id, besluitidentificatie, datumbesluit, is_uitkomst_van_zaak_id, is_van_besluittype_id, is_vastgelegd_in_document_id) VALUES (10, 'B-2024-17', '2024-04-15', 1, 12, 40);
      -- Kern (RSGB): a household and three ingeschreven personen. The model requires two parents that are
      -- ingeschreven personen of every ingeschreven persoon ([1..1] each), so a finite sample closes the circle.
      INSERT INTO huishouden (huishouden_id, huishoudennummer) VALUES (60, '600060');
      INSERT INTO ingeschrevenpersoon (ingeschrevenpersoon_id, anummer, datuminschrijvinggemeente, gezinsrelatie_enum_id, heeft_huishouden_id, ouder_1_ingeschrevenpersoon_id, ouder_2_ingeschrevenpersoon_id)
        VALUES (1, '1234567890', '2001-05-17', (SELECT gezinsrelatie_enum_id FROM gezinsrelatie_enum WHERE value = 'KIND'), 60, 2, 3),
               (2, '2234567890', '1975-01-02', NULL, 60, 3, 1),
               (3, '3234567890', '1976-03-04', NULL, 60, 1, 2);
      -- The DDL makes INGEZETENE.INDICATIEBLOKKERING a VARCHAR(255), the model AN1: 'nee' is too long for the model.
      INSERT INTO ingezetene (ingeschrevenpersoon_id, indicatieblokkering) VALUES (1, 'nee');
      -- Kern: an object with a real geometry (RD New), about the zaak
      INSERT INTO object (object_id, identificatie, naam, geometrie, betreft_zaak_id, is_besluit_id, is_huishouden_id, is_ingezetene_id)
        VALUES (5, 'OBJ-5', 'Marktplein', ST_GeomFromText('POINT(84523.1 447390.5)', 28992), 1, 10, 60, 1);
      -- Veiligheid en Vergunningen: a BOA and three VTH meldingen (subclass of AanvraagOfMelding, shared key) about an onderwerp
      INSERT INTO boa (boa_id) VALUES (3);
      INSERT INTO onderwerp (onderwerp_id, naam, hoofdonderwerp_onderwerp_id) VALUES (110, 'Overlast', 110);
      INSERT INTO aanvraagofmelding (aanvraagofmelding_id, identificatie, datumaanmaak) VALUES (100, 'M-100', '2024-05-02'), (101, 'M-101', '2024-05-03'), (102, 'M-102', '2024-05-04');
      INSERT INTO kp_anvrgfmldng_ondrwrp (kp_anvrgfmldng_ondrwrp_id, aanvraagofmelding_id, onderwerp_id) VALUES (1, 100, 110), (2, 101, 110), (3, 102, 110);
      INSERT INTO vth_melding (aanvraagofmelding_id, referentienummer, datumtijdtot, geseponeerd, beoordeling_enum_id, verbalisant_boa_id, locatie)
        VALUES (100, 'REF-100', '2024-05-02 14:30:00', false, ${enumId}, 3, 'SRID=28992;POINT(84600 447400)'),
               (101, 'REF-101', NULL, true, NULL, 3, 'Markt 87, Delft'),
               (102, 'REF-102', NULL, NULL, 99, NULL, NULL);
      -- A municipality's own code added to a GGM enumeration table: not a value of the code list.
      INSERT INTO beoordelingsoort_enum (beoordelingsoort_enum_id, value) VALUES (50, 'NADER_ONDERZOEK');
      -- A many-to-many junction table: the melding is about the object.
      INSERT INTO kp_vth_mldng_objct (kp_vth_mldng_objct_id, vth_melding_id, object_id) VALUES (1, 100, 5);
      -- Sociaal Domein: a leverancier, a subclass of rechtspersoon sharing its key, with the WOZ-belang a rechtspersoon requires
      INSERT INTO rechtspersoon (rechtspersoon_id, naam, kvknummer) VALUES (20, 'Zorg BV', '12345678');
      INSERT INTO leverancier (rechtspersoon_id, agbcode, naam) VALUES (20, '98-765432', 'Zorg BV');
      INSERT INTO woz_belang (woz_belang_id, datumbegingeldigheid, heeft_rechtspersoon_id) VALUES (21, '2020-01-01', 20);
      -- Sociaal Domein, Inkomen: an inkomensvoorziening built from a component of a componentsoort in an uitkeringsrun, with its reden instroom
      INSERT INTO inkomensvoorziening (inkomensvoorziening_id, bedrag, ingangsdatum, eenmalig) VALUES (90, 1250.50, '2024-01-01', false);
      INSERT INTO uitkeringsrun (uitkeringsrun_id, datumrun, soortrun) VALUES (92, '2024-01-25', 'maand');
      INSERT INTO componentsoort (componentsoort_id, omschrijving) VALUES (93, 'Bijstand alleenstaande');
      INSERT INTO component (component_id, bedrag, omschrijving, heeft_uitkeringsrun_id, is_opgebouwd_uit_inkomensvoorziening_id, is_van_soort_componentsoort_id) VALUES (91, 1250.50, 'Norm', 92, 90, 93);
      INSERT INTO redeninstroom (redeninstroom_id, omschrijving, redeninstroom_inkomensvoorziening_id) VALUES (94, 'Verlies van werk', 90);
      -- BAG: a pand with its footprint and status (enumeration table), the vastgoedobject it belongs to; a woonplaats in its gemeente
      INSERT INTO vastgoedobject (vastgoedobject_id, naam, bouwjaar) VALUES (71, 'Stadhuis', 1620);
      INSERT INTO pand (pand_id, identificatie, geometriebovenaanzicht, status_enum_id, heeft_vastgoedobject_id)
        VALUES (70, '0503100000000070', ST_GeomFromText('POLYGON((84500 447380,84540 447380,84540 447410,84500 447410,84500 447380))', 28992),
                (SELECT statuspand_enum_id FROM statuspand_enum WHERE value = 'PAND_IN_GEBRUIK'), 71);
      INSERT INTO gemeente (gemeente_id, gemeentecode, gemeentenaam) VALUES (81, '0503', 'Delft');
      INSERT INTO woonplaats (woonplaats_id, woonplaatsnaam, geometrie, ligt_in_gemeente_id)
        VALUES (80, 'Delft', ST_GeomFromText('POLYGON((80000 440000,90000 440000,90000 450000,80000 450000,80000 440000))', 28992), 81);
    `);
    // Faulty rows as an ETL job with constraints switched off would leave them: a besluit about a zaak that does not
    // exist, a junction row to a missing object, an inkomen component of a componentsoort that does not exist.
    await c.query(`SET session_replication_role = replica;
      INSERT INTO besluit (besluit_id, besluitidentificatie, is_uitkomst_van_zaak_id, is_van_besluittype_id) VALUES (11, 'B-2024-18', 999, 12);
      INSERT INTO kp_vth_mldng_objct (kp_vth_mldng_objct_id, vth_melding_id, object_id) VALUES (2, 100, 77);
      INSERT INTO component (component_id, bedrag, heeft_uitkeringsrun_id, is_opgebouwd_uit_inkomensvoorziening_id, is_van_soort_componentsoort_id) VALUES (95, 80, 92, 90, 999);
      SET session_replication_role = origin;`);
  } finally {
    await c.end();
  }
  const t3 = Date.now();
  report = await importWarehouseToFile(cs, path.join(tmp, 'warehouse.nq'), { model, register, iriConfig: config });
  const t4 = Date.now();
  quads = new Parser({ format: 'N-Quads' }).parse(await readFile(path.join(tmp, 'warehouse.nq'), 'utf8'));
  console.log(
    `# set-up: model ${t1 - t0} ms (incl. create database), warehouse from ${warehouse.files} DDL files ${t2 - t1} ms, rows ${t3 - t2} ms, import of ${report.sources.length} tables ${t4 - t3} ms`,
  );
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
      const geo = await c.query(
        `SELECT udt_name FROM information_schema.columns WHERE table_name = 'object' AND column_name = 'geometrie'`,
      );
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
    assert.ok(
      warehouse.defects.some(
        (d) =>
          d.kind === 'truncated-identifier' && /vordering_bevat_vermindering_terugvordering_vermindering_terugvordering_id/.test(d.message),
      ),
    );
    const summary = summariseWarehouseReport(warehouse);
    assert.match(summary[0]!, /^135 DDL files, \d+ statements/);
    assert.match(summary[1]!, /^error /, 'errors are listed first');
    assert.ok(summary.some((l) => /^error broken-foreign-key: \d+$/.test(l)));
    assert.equal(
      warehouse.defects.filter((d) => d.kind === 'failed-statement').length,
      0,
      JSON.stringify(warehouse.defects.filter((d) => d.kind === 'failed-statement').slice(0, 3)),
    );
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
    const m = objects(id(iris.objecttypeLocal(ot('AanvraagOfMelding@Dienstverlening').guid), '100'), attr(vth, 'datumtijdTot'))[0] as {
      value: string;
      datatype: { value: string };
    };
    assert.deepEqual([m.value, m.datatype.value], ['2024-05-02T14:30:00', `${XSD}dateTime`]);
  });

  it('writes foreign keys as relations to the right instance IRIs, in the model direction', () => {
    const besluit = ot('Besluit@RGBZPlus');
    const zaak = ot('Zaak');
    const r = relation(besluit, zaak, 'is uitkomst van');
    const b = id(iris.objecttypeLocal(besluit.guid), '10');
    const z = id(iris.objecttypeLocal(zaak.guid), '1');
    if (r.forward)
      assert.deepEqual(
        objects(b, r.iri).map((o) => o.value),
        [z],
      );
    else
      assert.deepEqual(
        objects(z, r.iri).map((o) => o.value),
        [b],
      );

    // PRODUCTTYPE.HEEFT_ZAAK_ID refers to ZAAK, but the model's relation is to the subclass VTHzaak, whose table
    // VTHZAAK shares ZAAK_ID: the triple links the producttype to the zaak, typed VTHzaak by its VTHZAAK row.
    const producttype = ot('Producttype');
    const vthzaak = ot('VTHzaak');
    const heeft = relation(producttype, vthzaak, 'heeft');
    assert.ok(heeft.forward);
    assert.deepEqual(
      objects(id(iris.objecttypeLocal(producttype.guid), '30'), heeft.iri).map((o) => o.value),
      [z],
    );
    assert.ok(objects(z, `${NS.rdf}type`).some((o) => o.value === iris.objecttype(vthzaak.guid)));
    assert.ok(
      report.mapping.some(
        (n) => n.source === 'producttype' && n.column === 'heeft_zaak_id' && /whose key the subclass VTHzaak shares/.test(n.message),
      ),
    );

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
    if (r.forward)
      assert.deepEqual(
        objects(melding, r.iri).map((o) => o.value),
        [o5],
      );
    else
      assert.deepEqual(
        objects(o5, r.iri).map((o) => o.value),
        [melding],
      );
    const kp = report.sources.find((s) => s.source === 'kp_vth_mldng_objct')!;
    assert.equal(kp.rowsRead, 2);
    assert.equal(kp.triples, 1);
    assert.deepEqual(
      kp.issues.map((i) => [i.row, i.column, i.value]),
      [['100/77', 'object_id', '77']],
    );
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
    assert.deepEqual(
      objects(melding, iris.attribuut(a.guid)).map((o) => o.value),
      [iris.waarde(e.guid, w.guid)],
    );
  });

  it('writes geometry as GeoSPARQL WKT literals with the CRS of the SRID', () => {
    const object = ot('Object');
    // GeoSPARQL 1.1: the attribute points at a geo:Geometry node holding the WKT (as the demo writes it).
    const feature = id(iris.objecttypeLocal(object.guid), '5');
    const node = objects(feature, attr(object, 'geometrie'));
    assert.equal(node.length, 1);
    assert.deepEqual(objects(feature, `${NS.geo}hasDefaultGeometry`), node);
    const g = objects(node[0]!.value, `${NS.geo}asWKT`);
    assert.equal(g.length, 1);
    assert.equal(g[0]!.value, '<http://www.opengis.net/def/crs/EPSG/0/28992> POINT(84523.1 447390.5)');
    assert.equal((g[0] as { datatype: { value: string } }).datatype.value, GEO_WKT);
    // A WKT text (here EWKT) in a VARCHAR column where the model expects a geometry is accepted as WKT too.
    const vth = ot('VTH-Melding');
    const melding = id(iris.objecttypeLocal(ot('AanvraagOfMelding@Dienstverlening').guid), '100');
    const locatie = objects(melding, attr(vth, 'locatie'))[0]!.value;
    assert.equal(objects(locatie, `${NS.geo}asWKT`)[0]!.value, '<http://www.opengis.net/def/crs/EPSG/0/28992> POINT(84600 447400)');
  });

  it('reports faulty rows with table, row key, column, value and reason', () => {
    // Every faulty value of the sample, and nothing else.
    assert.deepEqual(report.sources.flatMap((s) => s.issues.map((i) => `${i.source} ${i.row} ${i.column}`)).sort(), [
      'besluit 11 is_uitkomst_van_zaak_id',
      'component 95 is_van_soort_componentsoort_id',
      'ingezetene 1 indicatieblokkering',
      'kp_vth_mldng_objct 100/77 object_id',
      'vth_melding 101 locatie',
      'vth_melding 102 beoordeling_enum_id',
      'zaaktype 7 doorlooptijdbehandeling',
    ]);
    const besluit = report.sources.find((s) => s.source === 'besluit')!;
    const dangling = besluit.issues.find((i) => i.row === '11');
    assert.ok(dangling, JSON.stringify(besluit.issues));
    assert.equal(dangling.column, 'is_uitkomst_van_zaak_id');
    assert.equal(dangling.value, '999');
    assert.match(dangling.why, /points nowhere.*zaak/);
    assert.equal(besluit.rowsRead, 2);

    const zaaktype = report.sources.find((s) => s.source === 'zaaktype')!;
    assert.deepEqual(
      zaaktype.issues.map((i) => [i.row, i.column, i.value]),
      [['7', 'doorlooptijdbehandeling', '2024-02-01 00:00:00']],
    );
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
    const ingezetene = report.sources.find((s) => s.source === 'ingezetene')!;
    assert.deepEqual(
      ingezetene.issues.map((i) => [i.row, i.column, i.value, i.why]),
      [['1', 'indicatieblokkering', 'nee', 'indicatieBlokkering: 3 characters, the model allows 1']],
    );
    const component = report.sources.find((s) => s.source === 'component')!;
    assert.deepEqual(
      component.issues.map((i) => [i.row, i.column, i.value]),
      [['95', 'is_van_soort_componentsoort_id', '999']],
    );
    assert.match(component.issues[0]!.why, /points nowhere: no row in componentsoort/);
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
    assert.equal(
      report.sources.reduce((n, s) => n + s.triples, 0),
      quads.length,
    );
    assert.equal(report.rowsRead, 44);
    assert.deepEqual(await readdir(tmp), ['warehouse.nq']);
  });

  it('writes the same triples as Turtle and as a stream for the store', async () => {
    const ttl = path.join(tmp, 'warehouse.ttl');
    await importWarehouseToFile(cs, ttl, { model, register, iriConfig: config });
    const fromTurtle = new Parser({ format: 'Turtle' }).parse(await readFile(ttl, 'utf8'));
    const key = (q: Quad) =>
      `${q.subject.value} ${q.predicate.value} ${q.object.termType}:${q.object.value}:${(q.object as { datatype?: { value: string } }).datatype?.value ?? ''}`;
    assert.deepEqual(fromTurtle.map(key).sort(), quads.map(key).sort());

    const { stream, report: done } = importWarehouseAsStream(cs, {
      model,
      register,
      iriConfig: config,
      graph: 'https://data.example-gemeente.nl/graph/warehouse',
    });
    let text = '';
    for await (const chunk of stream) text += chunk;
    const r = await done;
    const streamed = new Parser({ format: 'N-Quads' }).parse(text);
    assert.equal(streamed.length, r.triples);
    // Personal data (a resident's triples, links to residents) in the restricted companion graph (data/personal-placement.ts).
    const graphs = new Set(streamed.map((q) => q.graph.value));
    assert.deepEqual([...graphs].sort(), [
      'https://data.example-gemeente.nl/graph/warehouse',
      'https://data.example-gemeente.nl/graph/warehouse/persoonsgegevens',
    ]);
    for (const q of streamed)
      assert.equal(
        q.graph.value.endsWith('/persoonsgegevens'),
        /\/id\/(ingezetene|ingeschrevenpersoon|natuurlijkpersoon|medewerker)\//.test(`${q.subject.value} ${q.object.value}`),
        `${q.subject.value} ${q.predicate.value} ${q.object.value}`,
      );
    assert.deepEqual(streamed.map(key).sort(), quads.map(key).sort());
  });

  it('applies an override file for local tables and columns', async () => {
    const c = await connect(cs);
    try {
      // A local table: other names, an extra column, and a text column holding ZAAKTYPE's integer key.
      await c.query(
        `CREATE TABLE mijn_zaken (nr varchar(20) PRIMARY KEY, omschr text, intern_kenmerk text, startdatum date, zaaktype_code varchar(10))`,
      );
      await c.query(`INSERT INTO mijn_zaken VALUES ('Z-9', 'Kapvergunning', 'x', '2024-06-01', '7')`);
    } finally {
      await c.end();
    }
    const overrides = path.join(tmp, 'overrides.yaml');
    await writeFile(
      overrides,
      'tables:\n  mijn_zaken:\n    objecttype: Zaak\n    key: nr\n    ignore: [intern_kenmerk]\n    columns:\n      omschr: omschrijving\n      startdatum: datumStart\n      zaaktype_code: { references: zaaktype, role: is_van }\n',
    );
    const out = path.join(tmp, 'override.nq');
    const r = await importWarehouseToFile(cs, out, {
      model,
      register,
      iriConfig: config,
      overrides,
      tables: ['mijn_zaken'],
    });
    const qs = new Parser({ format: 'N-Quads' }).parse(await readFile(out, 'utf8'));
    const zaak = ot('Zaak');
    const zaaktype = ot('Zaaktype');
    const isVan = relation(zaak, zaaktype, 'is van');
    assert.ok(isVan.forward);
    const s = id(iris.objecttypeLocal(zaak.guid), 'Z-9');
    assert.deepEqual(
      qs
        .filter((q) => q.subject.value === s)
        .map((q) => `${q.predicate.value} ${q.object.value}`)
        .sort(),
      [
        `${NS.rdf}type ${iris.objecttype(zaak.guid)}`,
        `${isVan.iri} ${id(iris.objecttypeLocal(zaaktype.guid), '7')}`,
        `${attr(zaak, 'datumStart')} 2024-06-01`,
        `${attr(zaak, 'omschrijving')} Kapvergunning`,
      ].sort(),
    );
    assert.equal(r.sources.length, 1);
    assert.ok(
      !r.mapping.some((n) => n.source === 'mijn_zaken' && n.column === 'intern_kenmerk'),
      'ignored column is not reported as unmapped',
    );
  });

  it('says clearly when the database cannot be reached, and writes nothing', async () => {
    const out = path.join(tmp, 'unreachable.nq');
    await assert.rejects(
      importWarehouseToFile('postgres://postgres@127.0.0.1:1/ggm', out, { model }),
      (e: Error) => e instanceof DatabaseConnectionError && /127\.0\.0\.1:1\/ggm/.test(e.message) && /refused/.test(e.message),
    );
    assert.equal(existsSync(out), false);
    assert.ok(!(await readdir(tmp)).some((f) => f.includes('.tmp-')));
  });

  it('the sample rows are complete: every relation the model requires has a column the sample fills, or is listed as not in the warehouse', async () => {
    const mapping = await deriveWarehouseMapping(cs, { model, register, iriConfig: config });
    const filled = report.sources
      .filter((s) => s.rowsRead > 0 && s.objecttype)
      .map((s) => mapping.tables.find((t) => t.table === s.source)!);
    assert.ok(filled.length >= 25, `${filled.length} tables with rows`);
    const domains = new Set(filled.map((t) => index.domainOf(t.objecttype)));
    assert.ok(domains.size >= 8, [...domains].join(', '));
    const exceptions = notInTheWarehouse();
    const missing: string[] = [];
    for (const t of filled) {
      for (const r of requirementsOf(index, iris, t.objecttype)) {
        const producers = producersOf(mapping, r.predicate).filter((p) => p.subjectIdentity === t.identityLocal);
        const listed = exceptions.find((e) => e.identity === t.identityLocal && e.predicate === r.predicate);
        if (listed) {
          // The reason given holds: no column at all, or only columns that write on other instances.
          const anywhere = producersOf(mapping, r.predicate);
          assert.deepEqual(producers, [], `${t.table}: ${r.owner.name}.${r.name} is listed, but ${JSON.stringify(producers)} write it`);
          assert.equal(
            anywhere.length > 0,
            listed.reason === 'other-instance',
            `${t.table}: ${r.owner.name}.${r.name}: ${JSON.stringify(anywhere)}`,
          );
          continue;
        }
        // Produced from this table, or from a table the sample fills (a junction table or the other end).
        if (!producers.some((p) => report.sources.some((s) => s.source === p.table && s.rowsRead > 0)))
          missing.push(
            `${t.table}: ${r.owner.name}.${r.name} (${producers.map((p) => `${p.table}.${p.column}`).join(', ') || 'no column'})`,
          );
      }
    }
    assert.deepEqual(missing, []);
    // The importer itself reports each listed relation as one the warehouse cannot hold (and nothing else for these tables).
    const reported = report.mapping.filter(
      (n) => /cannot conform to the shapes/.test(n.message) && filled.some((t) => t.table === n.source),
    );
    const expected = exceptions.flatMap((e) =>
      filled
        .filter((t) => t.identityLocal === e.identity)
        .map((t) => {
          const r = requirementsOf(index, iris, t.objecttype).find((x) => x.predicate === e.predicate)!;
          return `${t.table}: ${r.owner.name}.${r.name}`;
        }),
    );
    assert.deepEqual(reported.map((n) => `${n.source}: ${n.message.split(' (')[0]}`).sort(), expected.sort());
    // Every listed relation is required of some sample table (the list has nothing superfluous).
    for (const e of exceptions)
      assert.ok(
        filled.some(
          (t) => t.identityLocal === e.identity && requirementsOf(index, iris, t.objecttype).some((r) => r.predicate === e.predicate),
        ),
        e.predicate,
      );
  });

  it('reads the requirements from the model exactly as the shapes state them (sh:minCount, through sh:node)', async () => {
    const { shapes } = await ggmShapes();
    const store = new Store(shapes);
    const SH = NS.sh;
    const required = (shape: string, seen = new Set<string>()): string[] => {
      if (seen.has(shape)) return [];
      seen.add(shape);
      const own = store
        .getObjects(shape, `${SH}property`, null)
        .filter((p) => store.getObjects(p, `${SH}minCount`, null).some((m) => Number(m.value) >= 1))
        .map((p) => store.getObjects(p, `${SH}path`, null)[0]!.value);
      return [...own, ...store.getObjects(shape, `${SH}node`, null).flatMap((n) => required(n.value, seen))];
    };
    for (const s of report.sources.filter((x) => x.rowsRead > 0 && x.objecttype)) {
      const fromModel = requirementsOf(index, iris, model.objecttypen.get(s.objecttype!.guid)!).map((r) => r.predicate);
      assert.deepEqual([...new Set(fromModel)].sort(), [...new Set(required(iris.nodeShape(s.objecttype!.guid)))].sort(), s.source);
    }
  });

  it('conforms to the complete GGM shapes, except the faulty rows (each reported) and the relations the warehouse cannot hold', async () => {
    const { shapes, hierarchy } = await ggmShapes();
    const outcome = await validate([...quads, ...hierarchy], shapes);
    const mapping = await deriveWarehouseMapping(cs, { model, register, iriConfig: config });
    // A faulty row is published without its rejected values: where such a value was a required relation or
    // attribute, the row lacks it — and only there.
    const fromFaultyRows: string[] = [];
    for (const s of report.sources) {
      const t = mapping.tables.find((x) => x.table === s.source);
      if (!t) continue;
      const required = new Set(requirementsOf(index, iris, t.objecttype).map((r) => r.predicate));
      for (const i of s.issues) {
        const c = t.columns.find((x) => x.column === i.column)!;
        if (required.has(c.predicate) && (c.kind !== 'reference' || c.forward))
          fromFaultyRows.push(`${id(t.identityLocal, i.row)} ${c.predicate} MinCount`);
      }
    }
    assert.deepEqual(
      fromFaultyRows.sort(),
      [
        `${id(iris.objecttypeLocal(ot('Besluit@RGBZPlus').guid), '11')} ${relation(ot('Besluit@RGBZPlus'), ot('Zaak'), 'is uitkomst van').iri} MinCount`,
        `${id(iris.objecttypeLocal(ot('Component').guid), '95')} ${relation(ot('Component'), ot('ComponentSoort'), 'is van soort').iri} MinCount`,
      ].sort(),
    );
    const fromTheWarehouse = notInTheWarehouse().flatMap((e) => e.rows.map((r) => `${id(e.identity, r)} ${e.predicate} MinCount`));
    const kind = (r: { constraint: { value: string } }) => r.constraint.value.replace(/^.*#(.*)ConstraintComponent$/, '$1');
    const lacking = outcome.results.filter((r) => kind(r) === 'MinCount');
    assert.deepEqual(
      lacking.map((r) => `${r.focusNode.value} ${r.path?.value} MinCount`).sort(),
      [...fromFaultyRows, ...fromTheWarehouse].sort(),
    );
    // Where the missing value is one a supertype of the node's (other) type requires, that type's shape also
    // reports its sh:node to the supertype's shape (SHACL: a result per shape that does not conform) — there
    // and nowhere else. (A row of a subclass table shares its key with the superclass row: one node, two types.)
    const shapeStore = new Store(shapes);
    const typesOf = (node: string) =>
      new Set(quads.filter((q) => q.subject.value === node && q.predicate.value === `${NS.rdf}type`).map((q) => q.object.value));
    const inherited = new Set(
      lacking
        .filter((r) => {
          const owners = shapeStore
            .getSubjects(`${NS.sh}property`, r.sourceShape, null)
            .flatMap((ns) => shapeStore.getObjects(ns, `${NS.sh}targetClass`, null));
          return [...typesOf(r.focusNode.value)].some((t) => !owners.some((o) => o.value === t));
        })
        .map((r) => r.focusNode.value),
    );
    const others = outcome.results.filter((r) => kind(r) !== 'MinCount');
    assert.deepEqual(
      others.filter((r) => kind(r) !== 'Node' || !inherited.has(r.focusNode.value)).map((r) => `${r.focusNode.value} ${kind(r)}`),
      [],
    );
    assert.deepEqual([...new Set(others.map((r) => r.focusNode.value))].sort(), [...inherited].sort());

    // A value the shapes must reject, to show the check is real: a zaak with a start date that is not a date.
    const zaak = ot('Zaak');
    const s = id(iris.objecttypeLocal(zaak.guid), '1');
    const bad = new Parser({ format: 'N-Triples' }).parse(`<${s}> <${attr(zaak, 'datumStart')}> "begin maart" .`);
    const again = await validate(
      [...quads.filter((q) => !(q.subject.value === s && q.predicate.value === attr(zaak, 'datumStart'))), ...bad, ...hierarchy],
      shapes,
    );
    // (zaak 1 is also a VTHzaak, whose shape adds its sh:node result to Zaak's shape.)
    assert.deepEqual(
      again.results
        .filter((r) => r.focusNode.value === s)
        .map((r) => r.constraint.value.replace(/^.*#/, ''))
        .sort(),
      ['DatatypeConstraintComponent', 'NodeConstraintComponent'],
    );
  });
});

/**
 * Relations the model requires that the warehouse built from the GGM's DDL cannot hold for the sample's
 * instances, with the reason. The test 'the sample rows are complete' checks each reason against the
 * derived mapping, and the conformance test expects exactly these violations on exactly these rows.
 */
function notInTheWarehouse(): {
  identity: string;
  predicate: string;
  rows: string[];
  reason: 'no-column' | 'other-instance';
  why: string;
}[] {
  const aom = ot('AanvraagOfMelding@10 Dienstverlening');
  const persoon = ot('IngeschrevenPersoon');
  const required = (o: Objecttype, name: string) => {
    const r = requirementsOf(index, iris, o).find((x) => x.predicate.split('.').pop() === name);
    assert.ok(r, `${o.name} requires ${name}`);
    return r.predicate;
  };
  return [
    {
      identity: iris.objecttypeLocal(aom.guid),
      predicate: required(aom, 'heeftAOMStatus'),
      rows: ['100', '101', '102'],
      reason: 'no-column',
      why: 'AanvraagOfMelding heeft AOMStatus [1..*]: the DDL has no AOMSTATUS table, and no column or junction table for the relation',
    },
    {
      identity: iris.objecttypeLocal(aom.guid),
      predicate: required(aom, 'ingediendDoorIndiener'),
      rows: ['100', '101', '102'],
      reason: 'no-column',
      why:
        'AanvraagOfMelding ingediend door Indiener (Veiligheid en Vergunningen) [1..1]: AANVRAAGOFMELDING.INGEDIEND_DOOR_RECHTSPERSOON_ID ' +
        "refers to RECHTSPERSOON, whose key that Indiener's table INDIENER(RECHTSPERSOON_ID) shares; but the warehouse's INDIENER is the " +
        "Griffie diagram's (key INDIENER_ID, another objecttype Indiener), so no table holds these Indieners",
    },
    {
      identity: iris.objecttypeLocal(persoon.guid),
      predicate: required(persoon, 'relatieMetRegeling'),
      rows: ['1', '2', '3'],
      reason: 'no-column',
      why: 'IngeschrevenPersoon – Regeling [1..1]: no DDL file has a column or junction table for the relation',
    },
    {
      identity: iris.objecttypeLocal(persoon.guid),
      predicate: required(persoon, 'heeftNationaliteit'),
      rows: ['1', '2', '3'],
      reason: 'other-instance',
      why:
        'NatuurlijkPersoon heeft Nationaliteit [1..*]: NATIONALITEIT.HEEFT_RECHTSPERSOON_ID refers to RECHTSPERSOON; the DDL keys ' +
        'INGESCHREVENPERSOON three ways (INGESCHREVENPERSOON_ID, NATUURLIJKPERSOON_ID, RECHTSPERSOON_ID, by diagram), the warehouse by ' +
        'INGESCHREVENPERSOON_ID (the first diagram), so an ingeschreven persoon is not the rechtspersoon instance the relation is on',
    },
    {
      identity: iris.objecttypeLocal(persoon.guid),
      predicate: required(persoon, 'heeftWOZBelang'),
      rows: ['1', '2', '3'],
      reason: 'other-instance',
      why: 'Rechtspersoon heeft WOZ-Belang [1..*]: WOZ_BELANG.HEEFT_RECHTSPERSOON_ID refers to RECHTSPERSOON; as for Nationaliteit',
    },
  ];
}
