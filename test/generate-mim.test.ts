/**
 * The MIM 1.2 linked-data graph of the real GGM v2.5.1 release: counts per MIM
 * class, GUIDs, derived values, and validation against mim-shapes.ttl where the
 * only violations must be exactly the documented gaps (mimGaps).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import N3 from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import { loadGgmModel } from '../src/source/index.js';
import { GgmIris, NS, iriConfig, mintNames } from '../src/iri/index.js';
import {
  MIM_DEFAULTS,
  generateMimGraph,
  mimElements,
  mimGaps,
  mimIris,
  mimShapeGaps,
  parseDatumOpname,
  type MimGap,
} from '../src/generate/mim.js';
import { readWorkbook } from '../src/source/xlsx.js';
import { generateCodelijsten, generateOntology } from '../src/generate/owl.js';
import { generateShapes } from '../src/generate/shacl.js';
import type { GgmModel } from '../src/model/types.js';
import { defaultRelease, sharedDir } from '../src/cli/paths.js';

const MIM = NS.mim;
const SH = NS.sh;
const { namedNode } = N3.DataFactory;
const config = iriConfig({ vocabBase: 'https://example.org/ggm/', instanceBase: 'https://example.org/data/' });

const model = await loadGgmModel(defaultRelease());
const iris = new GgmIris(config, mintNames(model), model.version);
const doc = generateMimGraph(model, iris);
const el = mimElements(iris);
const store = new N3.Store(new N3.Parser().parse(doc.toTurtle('test')));
const instances = (cls: string) => store.getSubjects(namedNode(`${NS.rdf}type`), namedNode(`${MIM}${cls}`), null).map((t) => t.value);
const objects = (s: string, p: string) => store.getObjects(namedNode(s), namedNode(p), null).map((t) => t.value);
const ots = [...model.objecttypen.values()];

test('one MIM resource per model element, on its own IRI apart from the OWL/SKOS terms', () => {
  const same = (cls: string, iriList: string[]) => {
    assert.equal(instances(cls).length, iriList.length, `${cls}: one resource per element`);
    assert.deepEqual(new Set(instances(cls)), new Set(iriList), cls);
  };
  same(
    'Objecttype',
    ots.filter((o) => o.kind === 'objecttype').map((o) => el.objecttype(o.guid)),
  );
  same(
    'GestructureerdDatatype',
    ots.filter((o) => o.kind !== 'objecttype').map((o) => el.objecttype(o.guid)),
  );
  same(
    'Attribuutsoort',
    ots.filter((o) => o.kind === 'objecttype').flatMap((o) => o.attributen.map((a) => el.attribuut(a.guid))),
  );
  same(
    'DataElement',
    ots.filter((o) => o.kind !== 'objecttype').flatMap((o) => o.attributen.map((a) => el.attribuut(a.guid))),
  );
  same(
    'Relatiesoort',
    model.relatiesoorten.map((r) => el.relatie(r.guid)),
  );
  same(
    'RelatierolBron',
    model.relatiesoorten.map((r) => mimIris(iris).relatierol(r.guid, 'bron')),
  );
  same(
    'RelatierolDoel',
    model.relatiesoorten.map((r) => mimIris(iris).relatierol(r.guid, 'doel')),
  );
  same(
    'Generalisatie',
    model.generalisaties.map((g) => iris.generalisatie(g.guid)),
  );
  same(
    'Enumeratie',
    [...model.enumeraties.values()].map((e) => el.enumeratie(e.guid)),
  );
  same(
    'Enumeratiewaarde',
    [...model.enumeraties.values()].flatMap((e) => e.waarden.map((w) => el.waarde(e.guid, w.guid))),
  );
  same(
    'Domein',
    [...model.domeinen.values()].map((d) => iris.domein(d)),
  );
  assert.deepEqual(instances('Informatiemodel'), [mimIris(iris).informatiemodel]);
  // one PrimitiefDatatype per distinct resolved primitive / geometry type
  const distinct = new Set(
    ots
      .flatMap((o) => o.attributen)
      .flatMap((a) => (a.type.kind === 'primitive' ? [a.type.mim] : a.type.kind === 'geometry' ? [a.type.geometry] : [])),
  );
  assert.equal(instances('PrimitiefDatatype').length, distinct.size);
});

test('every element GUID appears as dcterms:identifier', () => {
  const ids = new Set(store.getObjects(null, namedNode(`${NS.dcterms}identifier`), null).map((t) => t.value));
  const guids = [
    ...ots.flatMap((o) => [o.guid, ...o.attributen.map((a) => a.guid)]),
    ...model.relatiesoorten.map((r) => r.guid),
    ...model.generalisaties.map((g) => g.guid),
    ...[...model.enumeraties.values()].flatMap((e) => [e.guid, ...e.waarden.map((w) => w.guid)]),
    ...model.domeinen.keys(),
  ];
  for (const g of guids) assert.ok(ids.has(g), g);
});

test('relations, attributes and enumerations carry their structure and derived values', () => {
  const r = model.relatiesoorten.find((x) => x.doel.role && x.doel.multiplicity.max === undefined)!;
  const ri = el.relatie(r.guid);
  assert.deepEqual(objects(ri, `${MIM}bron`), [el.objecttype(r.bron.classGuid)]);
  assert.deepEqual(objects(ri, `${MIM}doel`), [el.objecttype(r.doel.classGuid)]);
  assert.deepEqual(objects(ri, `${MIM}kardinaliteit`), [`${r.doel.multiplicity.min}..*`]);
  const doelRol = mimIris(iris).relatierol(r.guid, 'doel');
  assert.deepEqual(objects(doelRol, `${MIM}naam`), [r.doel.role!.trim()]);
  assert.deepEqual(objects(doelRol, `${MIM}doel`), [el.objecttype(r.doel.classGuid)]);

  const ot = ots.find((o) => o.kind === 'objecttype' && o.attributen.some((a) => a.type.kind === 'enumeratie'))!;
  const a = ot.attributen.find((x) => x.type.kind === 'enumeratie')!;
  assert.ok(objects(el.objecttype(ot.guid), `${MIM}attribuut`).includes(el.attribuut(a.guid)));
  assert.deepEqual(objects(el.attribuut(a.guid), `${MIM}type`), [el.enumeratie(a.type.kind === 'enumeratie' ? a.type.guid : '')]);
  assert.deepEqual(objects(el.attribuut(a.guid), `${MIM}kardinaliteit`), [a.verplicht ? '1..1' : '0..1']);
  assert.deepEqual(objects(el.attribuut(a.guid), `${MIM}mogelijkGeenWaarde`), [String(a.mogelijkGeenWaarde)]);

  const an = ots.flatMap((o) => o.attributen).find((x) => /^AN\d+$/.test(x.typeSpelling) && x.lengte === undefined)!;
  assert.deepEqual(objects(el.attribuut(an.guid), `${MIM}lengte`), [an.typeSpelling.slice(2)]);

  const e = [...model.enumeraties.values()].find((x) => x.waarden.some((w) => w.alias))!;
  assert.equal(objects(el.enumeratie(e.guid), `${MIM}waarde`).length, e.waarden.length);
  const w = e.waarden.find((x) => x.alias)!;
  assert.deepEqual(objects(el.waarde(e.guid, w.guid), `${MIM}code`), [w.alias!.trim()]);

  // datumOpname: every source value that is a date becomes an xsd:date
  const dated = ots.filter((o) => o.mim.datumOpname && parseDatumOpname(o.mim.datumOpname));
  assert.ok(dated.length > 0);
  for (const o of dated) {
    const v = store.getObjects(namedNode(el.objecttype(o.guid)), namedNode(`${MIM}datumOpname`), null);
    assert.equal(v.length, 1);
    assert.equal((v[0] as N3.Literal).datatype.value, `${NS.xsd}date`);
  }
});

test('every OWL class and property, SKOS scheme and concept, and SHACL shape points with mim:equivalent to its model element; none is one', () => {
  const owl = new N3.Store(new N3.Parser().parse(generateOntology(model, iris).toTurtle()));
  const skos = new N3.Store(new N3.Parser().parse(generateCodelijsten(model, iris).toTurtle()));
  const shapes = new N3.Store(new N3.Parser().parse(generateShapes(model, iris).toTurtle()));
  const mimTypes = new Map<string, string>();
  for (const q of store.getQuads(null, namedNode(`${NS.rdf}type`), null, null))
    mimTypes.set(q.subject.value, q.object.value.slice(MIM.length));
  const check = (s: N3.Store, type: string, expected: string[], where: string) => {
    const subjects = s
      .getSubjects(namedNode(`${NS.rdf}type`), namedNode(type), null)
      // not the inverse properties and GeoSPARQL shapes: derived, no model element of their own
      .filter(
        (t) =>
          t.value.startsWith(iris.ns.ggm) &&
          !t.value.startsWith(iris.geoShape('')) &&
          s.getObjects(t, namedNode(`${NS.owl}inverseOf`), null).length === 0,
      );
    assert.ok(subjects.length > 0, where);
    for (const t of subjects) {
      assert.ok(!mimTypes.has(t.value), `${t.value} is itself a MIM element`);
      const eq = s.getObjects(t, namedNode(`${MIM}equivalent`), null).map((o) => o.value);
      assert.equal(eq.length, 1, `${where} ${t.value}`);
      assert.ok(expected.includes(mimTypes.get(eq[0]!) ?? ''), `${t.value} → ${eq[0]} is a ${mimTypes.get(eq[0]!)}`);
    }
  };
  check(owl, `${NS.owl}Class`, ['Objecttype', 'GestructureerdDatatype'], 'class');
  check(owl, `${NS.owl}DatatypeProperty`, ['Attribuutsoort', 'DataElement'], 'attribute');
  check(owl, `${NS.owl}ObjectProperty`, ['Attribuutsoort', 'DataElement', 'Relatiesoort'], 'property');
  check(skos, `${NS.skos}ConceptScheme`, ['Enumeratie'], 'code list');
  check(skos, `${NS.skos}Concept`, ['Enumeratiewaarde'], 'code value');
  check(shapes, `${SH}NodeShape`, ['Objecttype', 'GestructureerdDatatype'], 'node shape');
  // Inverse properties are derived, not model elements: no mim:equivalent.
  const inv = [...iris.names.inverseRelatie.values()][0];
  if (inv) assert.deepEqual(owl.getObjects(namedNode(iris.ns.ggm + inv), namedNode(`${MIM}equivalent`), null), []);
});

test('every relatiesoort carries mogelijkGeenWaarde from the associations sheet', async () => {
  const rows = (await readWorkbook(defaultRelease())).get('associations')!.rows;
  const bySheet = new Map(rows.map((r) => [r.values.id?.trim(), r.values.mogelijk_geen_waarde?.trim()]));
  let ja = 0;
  for (const r of model.relatiesoorten) {
    if (!iris.names.relatie.has(r.guid)) continue;
    const v = bySheet.get(r.guid);
    assert.ok(v === 'Ja' || v === 'Nee', `${r.guid}: ${v}`);
    assert.deepEqual(objects(el.relatie(r.guid), `${MIM}mogelijkGeenWaarde`), [String(v === 'Ja')], r.guid);
    if (v === 'Ja') ja++;
  }
  assert.ok(ja > 900);
  assert.ok(!mimShapeGaps(model, doc).some((f) => /shape:mogelijkGeenWaarde op mim:Relatiesoort/.test(f.message)));
});

test('MIM defaults: exactly the sh:defaultValue of mim-shapes.ttl, filled only where the source has no value, and reported', async () => {
  const shapes = new N3.Store(new N3.Parser().parse(await readFile(path.join(sharedDir(), 'vocab', 'mim-shapes.ttl'), 'utf8')));
  const fromShapes = new Map<string, string>();
  for (const q of shapes.getQuads(null, namedNode(`${SH}defaultValue`), null, null)) {
    const p = shapes.getObjects(q.subject, namedNode(`${SH}path`), null)[0]!.value.slice(MIM.length);
    fromShapes.set(p, q.object.value);
  }
  // kardinaliteit, unidirectioneel and identificerend are always derived from the source here.
  for (const p of ['kardinaliteit', 'unidirectioneel', 'identificerend']) fromShapes.delete(p);
  assert.deepEqual(
    Object.fromEntries([...fromShapes].sort()),
    Object.fromEntries(
      Object.entries(MIM_DEFAULTS)
        .map(([k, v]) => [k, 'iri' in v ? v.iri : 'value' in v ? v.value : ''])
        .sort(),
    ),
  );
  // Every objecttype has indicatieAbstractObject (the export has no abstract flag: the default), every generalisatie mixin.
  for (const o of instances('Objecttype')) assert.deepEqual(objects(o, `${MIM}indicatieAbstractObject`), ['false'], o);
  for (const g of instances('Generalisatie')) assert.deepEqual(objects(g, `${MIM}mixin`), ['false'], g);
  // A value the source has is never overwritten: attributes with formele historie Ja keep true.
  const hist = ots.flatMap((o) => o.attributen).filter((a) => a.mim.indicatieFormeleHistorie === true);
  assert.ok(hist.length > 100);
  for (const a of hist) assert.deepEqual(objects(el.attribuut(a.guid), `${MIM}indicatieFormeleHistorie`), ['true']);
  const findings = mimShapeGaps(model, doc).filter((f) => f.rule === 'mim:default');
  assert.ok(findings.some((f) => f.message.startsWith('mim:indicatieAbstractObject bij') && f.elementName === 'mim:Objecttype'));
  assert.ok(
    !mimShapeGaps(model, doc).some((f) => f.rule === 'mim:shape-gap' && /indicatieAbstractObject|mixin|aggregatietype/.test(f.message)),
  );
});

test('parseDatumOpname reads the spellings in the GGM and rejects non-dates', () => {
  assert.equal(parseDatumOpname('1 mei 2016'), '2016-05-01');
  assert.equal(parseDatumOpname('2007-04-09 00:00:00'), '2007-04-09');
  assert.equal(parseDatumOpname('24-Apr-09'), '2009-04-24');
  assert.equal(parseDatumOpname('9-4-2007'), '2007-04-09');
  assert.equal(parseDatumOpname('31 februari 2009'), undefined);
  assert.equal(parseDatumOpname('onbekend'), undefined);
});

/**
 * A self-contained part of the model (every 6th objecttype by GUID, all gestructureerde
 * datatypes and enumeraties; relations and generalisations between included classes):
 * rdf-validate-shacl needs ~150 s for the whole graph (which gives exactly the same
 * agreement; see the report), so the test validates this part.
 */
function part(m: GgmModel): GgmModel {
  const keep = new Set(
    [...m.objecttypen.values()]
      .sort((a, b) => (a.guid < b.guid ? -1 : 1))
      .filter((o, i) => i % 6 === 0 || o.kind !== 'objecttype')
      .map((o) => o.guid),
  );
  return {
    ...m,
    objecttypen: new Map([...m.objecttypen].filter(([g]) => keep.has(g))),
    relatiesoorten: m.relatiesoorten.filter((r) => keep.has(r.bron.classGuid) && keep.has(r.doel.classGuid)),
    generalisaties: m.generalisaties.filter((g) => keep.has(g.subGuid) && keep.has(g.superGuid)),
  };
}

test('validation against mim-shapes.ttl reports exactly the documented gaps', async () => {
  const sub = part(model);
  const subIris = new GgmIris(config, mintNames(sub), sub.version);
  const subDoc = generateMimGraph(sub, subIris);
  const gaps = mimGaps(subDoc);
  // The part exercises every kind of gap.
  for (const c of ['MinCount', 'Class', 'Node'] as const)
    assert.ok(
      gaps.some((g) => g.component === c),
      c,
    );
  assert.ok(sub.relatiesoorten.length > 20 && sub.generalisaties.length > 5);

  // Data graph: the MIM graph plus the MIM vocabulary's class hierarchy and concept schemes
  // (sh:class and sh:targetClass follow rdfs:subClassOf in the data graph).
  const vocab = new N3.Parser()
    .parse(await readFile(path.join(sharedDir(), 'vocab/mim.ttl'), 'utf8'))
    .filter((q) => q.predicate.value === `${NS.rdfs}subClassOf` || q.predicate.value === `${NS.skos}inScheme`);
  const data = new N3.Store([...new N3.Parser().parse(subDoc.toTurtle()), ...vocab]);
  const shapes = new N3.Store(new N3.Parser().parse(await readFile(path.join(sharedDir(), 'vocab/mim-shapes.ttl'), 'utf8')));
  const report = await new SHACLValidator(shapes).validate(data);

  const key = (focus: string, p: string | undefined, component: string, value: string | undefined) =>
    `${focus} ${p} ${component} ${value ?? ''}`;
  const count = (keys: string[]) => {
    const m = new Map<string, number>();
    for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
    return m;
  };
  const actual = count(
    report.results.map((r) =>
      key(
        r.focusNode!.value,
        r.path?.value,
        r.sourceConstraintComponent!.value,
        r.sourceConstraintComponent!.value.endsWith('MinCountConstraintComponent') ? undefined : r.value?.value,
      ),
    ),
  );
  const expected = count(gaps.map((g: MimGap) => key(g.focus, g.path, `${SH}${g.component}ConstraintComponent`, g.value)));
  const diff = [...new Set([...actual.keys(), ...expected.keys()])].filter((k) => actual.get(k) !== expected.get(k));
  assert.deepEqual(diff.slice(0, 10), [], `${diff.length} differences between SHACL results and documented gaps`);
  assert.equal(report.results.length, gaps.length);
});

test('the gap summary for the quality report counts per MIM class, property and failure', () => {
  const findings = mimShapeGaps(model, doc).filter((f) => f.rule !== 'mim:default');
  assert.ok(findings.length > 0 && findings.every((f) => f.rule === 'mim:shape-gap'));
  const gaps = mimGaps(doc);
  const herkomst = findings.find((f) => f.message.startsWith('MIM 1.2 shape:herkomst op mim:Objecttype:'));
  const missing = ots.filter((o) => o.kind === 'objecttype' && !o.mim.herkomst).length;
  assert.ok(herkomst, 'objecttypes without herkomst are reported');
  assert.match(herkomst.message, new RegExp(`bij ${missing} van ${ots.filter((o) => o.kind === 'objecttype').length} elementen`));
  // attributes typed by an objecttype (not a datatype) are a warning
  const typedByObjecttype = ots
    .filter((o) => o.kind === 'objecttype')
    .flatMap((o) => o.attributen)
    .filter((a) => a.type.kind === 'objecttype' && model.objecttypen.get(a.type.guid)?.kind === 'objecttype').length;
  assert.equal(gaps.filter((g) => g.component === 'Class' && g.mimClass === 'Attribuutsoort').length, typedByObjecttype);
  assert.ok(findings.some((f) => f.severity === 'warning' && f.message.includes('shape:type op mim:Attribuutsoort')));
});
