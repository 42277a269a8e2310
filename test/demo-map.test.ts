// The map and the people of the committed demo municipality, checked from the
// published data alone (the TriG file, read with N3.js; geometry with JTS),
// not from the generator's own layout code:
// - GeoSPARQL modelling: every geometry attribute points at a geo:Geometry
//   with one well-formed RD New WKT literal, typed with its Simple Features class;
// - topology: every verblijfsobject within its pand, every pand within exactly
//   one buurt (the buurt its addresses lie in), buurten tile their wijk, wijken
//   their woonplaats, woonplaatsen the gemeente, no two panden overlap, no
//   street crosses a pand, parkeervlakken lie in the zone that contains them,
//   everything lies in the gemeente;
// - people: the living have one current address, the deceased none and a date
//   of death; parents are two different persons, born 20–42 years earlier; no
//   end date lies after the reference date (except what is planned); every
//   woonplaats has a name.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import N3 from 'n3';
import GeometryFactory from 'jsts/org/locationtech/jts/geom/GeometryFactory.js';
import GeoJSONReader from 'jsts/org/locationtech/jts/io/GeoJSONReader.js';
import 'jsts/org/locationtech/jts/monkey.js';
import { NS } from '../src/iri/index.js';
import { PROJECT_ROOT } from '../src/cli/paths.js';
import { RD_NEW, parseWkt, wktProblem } from '../src/data/wkt.js';
import { PEILDATUM } from '../src/data/demo/bevolking.js';

const GGM = 'https://gemeentelijkgegevensmodel.nl/def/ggm/';
const ID = 'https://demo.gemeentelijkgegevensmodel.nl/id/';
const RDF_TYPE = `${NS.rdf}type`;
const quads = new N3.Parser({ format: 'application/trig' }).parse(
  await readFile(path.join(PROJECT_ROOT, 'data/demo/gemeente.trig'), 'utf8'),
);
const store = new N3.Store(quads.map((q) => N3.DataFactory.quad(q.subject, q.predicate, q.object)));
const reader = new GeoJSONReader(new GeometryFactory());
/** The JTS geometry methods used here (added to Geometry by jsts's monkey.js, not in its types). */
interface Geometry {
  intersection(o: Geometry): Geometry;
  union(o: Geometry): Geometry;
  symDifference(o: Geometry): Geometry;
  within(o: Geometry): boolean;
  covers(o: Geometry): boolean;
  intersects(o: Geometry): boolean;
  equals(o: Geometry): boolean;
  getArea(): number;
  getEnvelopeInternal(): { getMinX(): number; getMaxX(): number };
}
const read = (g: unknown) => reader.read(g) as unknown as Geometry;

const objects = (s: string, p: string) => store.getObjects(s, p, null).map((o) => o.value);
const one = (s: string, p: string) => {
  const o = objects(s, p);
  assert.equal(o.length, 1, `${s} ${p}: ${o.length} values`);
  return o[0]!;
};
/** Instances of a class's own family (/id/{type}/…), not of its subclasses. */
const instances = (local: string) =>
  store
    .getSubjects(RDF_TYPE, `${GGM}${local}`, null)
    .map((s) => s.value)
    .filter((s) => s.startsWith(`${ID}${local.toLowerCase().replace(/_/g, '-')}/`))
    .sort();
const geometryOf = new Map<string, Geometry>();
/** The default geometry of a feature, as JTS geometry (RD New metres). */
function shape(feature: string): Geometry {
  let g = geometryOf.get(feature);
  if (g) return g;
  const node = one(feature, `${NS.geo}hasDefaultGeometry`);
  const parsed = parseWkt(one(node, `${NS.geo}asWKT`));
  assert.equal(parsed.crs, RD_NEW, node);
  g = read(parsed.geometry);
  geometryOf.set(feature, g);
  return g;
}
const AREA_TOLERANCE = 0.01; // m²

test('geometry attributes are geo:Geometry nodes with one well-formed RD New WKT literal of their Simple Features class', () => {
  const nodes = store.getSubjects(RDF_TYPE, `${NS.geo}Geometry`, null);
  assert.ok(nodes.length > 2_000, `${nodes.length} geometries`);
  const sf = new Set(['Point', 'LineString', 'Polygon', 'MultiPoint', 'MultiLineString', 'MultiPolygon'].map((c) => `${NS.sf}${c}`));
  for (const n of nodes) {
    const wkt = store.getObjects(n, `${NS.geo}asWKT`, null);
    assert.equal(wkt.length, 1, n.value);
    assert.equal((wkt[0] as N3.Literal).datatype.value, `${NS.geo}wktLiteral`);
    assert.equal(wktProblem(wkt[0]!.value), undefined, wkt[0]!.value);
    const types = objects(n.value, RDF_TYPE).filter((t) => sf.has(t));
    assert.equal(types.length, 1, n.value);
    assert.equal(`${NS.sf}${parseWkt(wkt[0]!.value).geometry.type}`, types[0], n.value);
    // Reached from its feature by a GGM attribute and by geo:hasGeometry, and the feature is a geo:Feature.
    const features = store.getSubjects(`${NS.geo}hasGeometry`, n, null);
    assert.equal(features.length, 1, n.value);
    assert.ok(
      store.getQuads(features[0]!, null, n, null).some((q) => q.predicate.value.startsWith(GGM)),
      n.value,
    );
    assert.ok(
      store.has(
        N3.DataFactory.quad(features[0] as N3.NamedNode, N3.DataFactory.namedNode(RDF_TYPE), N3.DataFactory.namedNode(`${NS.geo}Feature`)),
      ),
    );
  }
  for (const f of store.getSubjects(RDF_TYPE, `${NS.geo}Feature`, null)) {
    assert.ok(store.getObjects(f, `${NS.geo}hasDefaultGeometry`, null).length <= 1, f.value);
  }
});

test('buurten tile their wijk, wijken their woonplaats, woonplaatsen the gemeente (no gaps, no overlaps)', () => {
  const tiles = (parts: string[], whole: string, what: string) => {
    let union: Geometry | undefined;
    for (let i = 0; i < parts.length; i++) {
      for (let j = i + 1; j < parts.length; j++) {
        assert.ok(shape(parts[i]!).intersection(shape(parts[j]!)).getArea() < AREA_TOLERANCE, `${what}: ${parts[i]} overlaps ${parts[j]}`);
      }
      union = union ? union.union(shape(parts[i]!)) : shape(parts[i]!);
    }
    assert.ok(union, what);
    assert.ok(union.symDifference(shape(whole)).getArea() < AREA_TOLERANCE, `${what}: the parts do not cover ${whole} exactly`);
  };
  const within = (local: string, relation: string) => {
    const groups = new Map<string, string[]>();
    for (const x of instances(local)) {
      const parent = one(x, `${GGM}${relation}`);
      groups.set(parent, [...(groups.get(parent) ?? []), x]);
    }
    return groups;
  };
  const buurten = within('Buurt_BAG', 'buurt_BAG.ligtInWijk');
  assert.equal(buurten.size, 16);
  for (const [wijk, parts] of buurten) tiles(parts, wijk, `wijk ${wijk}`);
  const wijken = within('Wijk_BAG', 'wijk_BAG.ligtInWoonplaats');
  assert.equal(wijken.size, 4);
  for (const [woonplaats, parts] of wijken) tiles(parts, woonplaats, `woonplaats ${woonplaats}`);
  const gemeente = instances('Gemeente_BAG');
  assert.equal(gemeente.length, 1);
  tiles(instances('Woonplaats_BAG'), gemeente[0]!, 'gemeente');
});

test('every verblijfsobject lies within its pand, every pand within exactly one buurt: the buurt of its addresses', () => {
  const buurten = instances('Buurt_BAG');
  const panden = instances('Pand_BAG');
  const vbos = instances('Verblijfsobject_BAG');
  assert.ok(panden.length > 50 && vbos.length > panden.length);
  const buurtOf = new Map<string, string>();
  for (const p of panden) {
    const containing = buurten.filter((b) => shape(p).within(shape(b)));
    assert.equal(containing.length, 1, `${p} lies within ${containing.length} buurten`);
    buurtOf.set(p, containing[0]!);
  }
  for (const v of vbos) {
    const pand = one(v, `${GGM}verblijfsobject_BAG.maaktDeelUitVanPand`);
    assert.ok(shape(v).within(shape(pand)), `${v} within ${pand}`);
    const adres = one(v, `${GGM}adresseerbaarObject.heeftAlsHoofdadresNummeraanduiding`);
    assert.equal(one(adres, `${GGM}nummeraanduiding_BAG.ligtInBuurt`), buurtOf.get(pand), `${adres} lies in the buurt of ${pand}`);
    assert.ok(shape(adres).equals(shape(v)), `${adres} is drawn where ${v} is`);
  }
  // No two panden overlap; no street surface touches a pand.
  const ordered = [...panden].sort((a, b) => shape(a).getEnvelopeInternal().getMinX() - shape(b).getEnvelopeInternal().getMinX());
  for (let i = 0; i < ordered.length; i++) {
    const a = shape(ordered[i]!);
    for (
      let j = i + 1;
      j < ordered.length && shape(ordered[j]!).getEnvelopeInternal().getMinX() <= a.getEnvelopeInternal().getMaxX();
      j++
    ) {
      assert.ok(!a.intersects(shape(ordered[j]!)), `${ordered[i]} and ${ordered[j]} overlap`);
    }
  }
  for (const straat of instances('OpenbareRuimte_BAG')) {
    for (const p of panden)
      if (buurtOf.get(p) === one(straat, `${GGM}openbareRuimte_BAG.ligtInBuurt`))
        assert.ok(!shape(straat).intersects(shape(p)), `${straat} crosses ${p}`);
  }
});

test('parkeervlakken lie in the parkeerzone that contains them; every geometry lies in the gemeente', () => {
  let contained = 0;
  for (const zone of instances('Parkeerzone')) {
    for (const vlak of objects(zone, `${GGM}parkeerzone.bevatParkeervlak`)) {
      assert.ok(shape(vlak).within(shape(zone)), `${vlak} within ${zone}`);
      contained++;
    }
  }
  assert.ok(contained >= 24, `${contained} parkeervlakken in zones`);
  const gemeente = shape(instances('Gemeente_BAG')[0]!);
  for (const n of store.getSubjects(RDF_TYPE, `${NS.geo}Geometry`, null)) {
    const g = read(parseWkt(one(n.value, `${NS.geo}asWKT`)).geometry);
    assert.ok(gemeente.covers(g), `${n.value} lies outside the gemeente`);
  }
});

test('people: the living have a current address, the deceased a date of death; parents are two older persons; woonplaatsen are named; ended is past', () => {
  const persons = instances('IngeschrevenPersoon');
  assert.equal(persons.length, 300);
  const adres = `${GGM}ingeschrevenPersoon.heeftAlsAdresNummeraanduiding`;
  const born = (p: string) => objects(p, `${GGM}natuurlijkPersoon.datumGeboorte`)[0];
  const naam = (p: string) =>
    ['voornamen', 'voorvoegselGeslachtsnaam', 'geslachtsnaam'].flatMap((a) => objects(p, `${GGM}natuurlijkPersoon.${a}`)).join(' ');
  let dead = 0;
  let checkedParents = 0;
  for (const p of persons) {
    const overleden = objects(p, `${GGM}natuurlijkPersoon.indicatieOverleden`)[0] === 'true';
    const puntouder = objects(p, `${GGM}natuurlijkPersoon.geslachtsnaam`)[0] === '.';
    if (overleden) {
      dead++;
      assert.equal(objects(p, adres).length, 0, `${p} died but has an address`);
      const date = objects(p, `${GGM}natuurlijkPersoon.datumOverlijden`)[0];
      if (date) assert.ok(date <= PEILDATUM && date > born(p)!, `${p} died ${date}, born ${born(p)}`);
    } else if (!puntouder) assert.equal(objects(p, adres).length, 1, `${p} lives nowhere`);
    const [o1, o2] = [
      one(p, `${GGM}ingeschrevenPersoon.ouder1IngeschrevenPersoon`),
      one(p, `${GGM}ingeschrevenPersoon.ouder2IngeschrevenPersoon`),
    ];
    if (puntouder) continue;
    assert.notEqual(o1, o2, `${p}: both parents are ${o1}`);
    const parentsKnown = [o1, o2].every((o) => objects(o, `${GGM}natuurlijkPersoon.geslachtsnaam`)[0] !== '.');
    if (!parentsKnown) continue;
    checkedParents++;
    assert.notEqual(naam(o1), naam(o2), `${p}: parents with the same name`);
    const year = (d: string | undefined) => Number(d!.slice(0, 4));
    for (const o of [o1, o2]) {
      const gap = year(born(p)) - year(born(o));
      assert.ok(gap >= 20 && gap <= 42, `${p} (${born(p)}) and parent ${o} (${born(o)})`);
    }
    assert.equal(objects(p, `${GGM}ingeschrevenPersoon.ouder1`)[0], naam(o1), `${p}: ouder1 names the parent`);
  }
  assert.ok(dead >= 10, `${dead} deceased`);
  assert.ok(checkedParents > 200, `${checkedParents} persons with known parents`);
  for (const w of instances('Woonplaats_BAG'))
    assert.ok(objects(w, `${GGM}woonplaats_BAG.woonplaatsnaam`).length === 1, `${w} has no name`);
  // Nothing has ended after the reference date, except what is planned or expires.
  for (const q of quads) {
    const p = q.predicate.value.slice(q.predicate.value.indexOf('.') + 1);
    if (q.object.termType !== 'Literal' || !/eind|einde/i.test(p) || /gepland|verval|uiterlijk|geldig|streef/i.test(p)) continue;
    if (!/#date(Time)?$/.test((q.object as N3.Literal).datatype.value)) continue;
    assert.ok(q.object.value.slice(0, 10) <= PEILDATUM, `${q.subject.value} ${q.predicate.value} ${q.object.value}`);
  }
  // Current addresses have not ended.
  for (const na of instances('Nummeraanduiding_BAG')) {
    assert.ok(!store.getQuads(na, null, null, null).some((q) => /eind/i.test(q.predicate.value.slice(GGM.length))), `${na} has ended`);
  }
});
