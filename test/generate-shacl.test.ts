/**
 * The SHACL shapes generator against the real GGM v2.5.1 release: structure,
 * constraints derived from the model, SHACL-for-SHACL, and behaviour on data.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import N3 from 'n3';
import type { DatasetCore, Quad, Term } from '@rdfjs/types';
import { Validator } from 'shacl-engine';
import SHACLValidator from 'rdf-validate-shacl';
import { loadGgmModel } from '../src/source/index.js';
import { GgmIris, NS, iriConfig, mintNames } from '../src/iri/index.js';
import { generateShapes, inheritance } from '../src/generate/shacl.js';
import type { Attribuutsoort, GgmModel, Objecttype } from '../src/model/types.js';
import { defaultRelease, sharedDir } from '../src/cli/paths.js';

const SH = NS.sh;
const { namedNode, literal } = N3.DataFactory;
const factory = { ...N3.DataFactory, dataset: () => new N3.Store() as unknown as DatasetCore };

const model = await loadGgmModel(defaultRelease());
const iris = new GgmIris(
  iriConfig({ vocabBase: 'https://example.org/ggm/', instanceBase: 'https://example.org/data/' }),
  mintNames(model),
  model.version,
);
const doc = generateShapes(model, iris);
const turtle = doc.toTurtle('test');
const store = new N3.Store(new N3.Parser().parse(turtle));

const objects = (s: string, p: string): Term[] => store.getObjects(namedNode(s), namedNode(p), null);
const one = (s: string, p: string): Term | undefined => {
  const o = objects(s, p);
  assert.ok(o.length <= 1, `${s} has at most one ${p}`);
  return o[0];
};
const listItems = (head: Term): Term[] => {
  const out: Term[] = [];
  let node = head;
  while (!(node.termType === 'NamedNode' && node.value === `${NS.rdf}nil`)) {
    out.push(store.getObjects(node, namedNode(`${NS.rdf}first`), null)[0]!);
    node = store.getObjects(node, namedNode(`${NS.rdf}rest`), null)[0]!;
  }
  return out;
};
const attributes = [...model.objecttypen.values()].flatMap((ot) => ot.attributen.map((a) => ({ ot, a })));
const shapeOf = (ot: Objecttype, a: Attribuutsoort) => iris.propertyShape(ot.guid, iris.names.attribuut.get(a.guid)!);

test('every objecttype and gestructureerd datatype has exactly one node shape targeting its class', () => {
  // Besides the GeoSPARQL shapes (shape/geo/…: geometries, features, Simple Features classes).
  const nodeShapes = store
    .getSubjects(namedNode(`${NS.rdf}type`), namedNode(`${SH}NodeShape`), null)
    .filter((s) => !s.value.startsWith(iris.geoShape('')));
  assert.equal(nodeShapes.length, model.objecttypen.size);
  for (const ot of model.objecttypen.values()) {
    const targeting = store.getSubjects(namedNode(`${SH}targetClass`), namedNode(iris.objecttype(ot.guid)), null);
    assert.deepEqual(
      targeting.map((t) => t.value),
      [iris.nodeShape(ot.guid)],
      ot.name,
    );
    assert.equal(one(iris.nodeShape(ot.guid), `${NS.dcterms}source`)?.value, iris.objecttype(ot.guid));
  }
});

test('property shapes: one per attribute and relation, each carrying its GUID', () => {
  const propertyShapes = store
    .getSubjects(namedNode(`${NS.rdf}type`), namedNode(`${SH}PropertyShape`), null)
    .filter((s) => !s.value.startsWith(iris.geoShape('')));
  assert.equal(propertyShapes.length, attributes.length + model.relatiesoorten.length);
  const ids = new Set(store.getObjects(null, namedNode(`${NS.dcterms}identifier`), null).map((t) => t.value));
  for (const { a } of attributes) assert.ok(ids.has(a.guid), `attribute ${a.guid} carried by a shape`);
  for (const r of model.relatiesoorten) assert.ok(ids.has(r.guid), `relation ${r.guid} carried by a shape`);
  // every property shape is listed by exactly one node shape
  for (const ps of propertyShapes) assert.equal(store.getSubjects(namedNode(`${SH}property`), ps, null).length, 1, ps.value);
});

test('an enumeration-typed attribute: sh:in lists exactly the concepts of its scheme, in value order', () => {
  const hit = attributes.find(({ a }) => a.type.kind === 'enumeratie' && (model.enumeraties.get(a.type.guid)?.waarden.length ?? 0) > 2);
  assert.ok(hit);
  const { ot, a } = hit;
  assert.equal(a.type.kind, 'enumeratie');
  const e = model.enumeraties.get(a.type.kind === 'enumeratie' ? a.type.guid : '')!;
  const ps = shapeOf(ot, a);
  const items = listItems(one(ps, `${SH}in`)!).map((t) => t.value);
  assert.deepEqual(
    items,
    [...e.waarden].sort((x, y) => x.position - y.position).map((w) => iris.waarde(e.guid, w.guid)),
  );
  assert.equal(one(ps, `${SH}path`)?.value, iris.attribuut(a.guid));
  assert.equal(one(ps, `${SH}datatype`), undefined);
  assert.equal(one(ps, `${SH}maxCount`)?.value, '1');
});

test('an AN<n> attribute: xsd:string, sh:maxLength n, cardinality from verplicht/mogelijkGeenWaarde', () => {
  const hit = attributes.find(({ a }) => /^AN\d+$/i.test(a.typeSpelling) && a.lengte === undefined && a.definitie);
  assert.ok(hit, 'the release has such an attribute');
  const { ot, a } = hit;
  const ps = shapeOf(ot, a);
  assert.equal(one(ps, `${SH}datatype`)?.value, `${NS.xsd}string`);
  assert.equal(one(ps, `${SH}maxLength`)?.value, a.typeSpelling.slice(2));
  assert.equal(one(ps, `${SH}maxCount`)?.value, '1');
  assert.equal(one(ps, `${SH}minCount`)?.value, a.verplicht && !a.mogelijkGeenWaarde ? '1' : undefined);
  assert.equal(one(ps, `${SH}name`)?.value, a.name);
  assert.equal(one(ps, `${NS.dcterms}identifier`)?.value, a.guid);
  assert.equal(one(ps, `${SH}description`)?.value, a.definitie);
  assert.match(one(ps, `${SH}message`)!.value, new RegExp(`^${escape(ot.name)}\\.${escape(a.name)}: verwacht .*xsd:string`));
  // minCount 1 exactly for the attributes that are verplicht and cannot be empty
  const required = attributes.filter(({ a: x }) => x.verplicht && !x.mogelijkGeenWaarde).map(({ ot: o, a: x }) => shapeOf(o, x));
  const withMin = attributes.map(({ ot: o, a: x }) => shapeOf(o, x)).filter((s) => one(s, `${SH}minCount`) !== undefined);
  assert.deepEqual(withMin.sort(), required.sort());
});

test('N<n> attributes get a digits pattern; OnvolledigeDatum a union of date types', () => {
  const n = attributes.find(
    ({ a }) => a.type.kind === 'primitive' && a.type.totalDigits !== undefined && a.type.fractionDigits === undefined,
  );
  assert.ok(n);
  const digits = n.a.type.kind === 'primitive' ? n.a.type.totalDigits! : 0;
  const pattern = one(shapeOf(n.ot, n.a), `${SH}pattern`)!.value;
  const re = new RegExp(pattern);
  assert.ok(re.test('9'.repeat(digits)) && re.test(`-${'1'.repeat(digits)}`));
  assert.ok(!re.test('9'.repeat(digits + 1)) && !re.test('1.5'));

  const od = attributes.find(({ a }) => a.type.kind === 'primitive' && a.type.mim === 'OnvolledigeDatum');
  assert.ok(od);
  const alternatives = listItems(one(shapeOf(od.ot, od.a), `${SH}or`)!).map(
    (b) => store.getObjects(b, namedNode(`${SH}datatype`), null)[0]!.value,
  );
  assert.deepEqual(alternatives, od.a.type.kind === 'primitive' ? od.a.type.union : []);
});

test('an attribute with an unresolved type gets no value constraint, only its cardinality', () => {
  const unresolved = attributes.filter(({ a }) => a.type.kind === 'unresolved');
  assert.ok(unresolved.length > 0);
  for (const { ot, a } of unresolved) {
    const ps = shapeOf(ot, a);
    for (const p of ['datatype', 'class', 'in', 'or', 'nodeKind']) assert.equal(objects(ps, `${SH}${p}`).length, 0, `${a.name} sh:${p}`);
    assert.equal(one(ps, `${SH}maxCount`)?.value, '1');
  }
});

test('a relation: path owned by the bron, class of the doel, counts from the doel multiplicity', () => {
  const h = inheritance(model);
  const r = model.relatiesoorten.find(
    (x) => x.doel.multiplicity.min === 1 && x.doel.multiplicity.max === 1 && !h.descendants.has(x.doel.classGuid),
  );
  assert.ok(r);
  const ps = iris.propertyShape(r.bron.classGuid, iris.names.relatie.get(r.guid)!);
  assert.ok(objects(iris.nodeShape(r.bron.classGuid), `${SH}property`).some((t) => t.value === ps));
  assert.equal(one(ps, `${SH}path`)?.value, iris.relatie(r.guid));
  assert.equal(one(ps, `${SH}class`)?.value, iris.objecttype(r.doel.classGuid));
  assert.equal(one(ps, `${SH}minCount`)?.value, '1');
  assert.equal(one(ps, `${SH}maxCount`)?.value, '1');
  assert.equal(one(ps, `${NS.dcterms}identifier`)?.value, r.guid);
  // a relation to a class with subclasses accepts the class or any of its subclasses
  const poly = model.relatiesoorten.find((x) => h.descendants.has(x.doel.classGuid))!;
  const polyShape = iris.propertyShape(poly.bron.classGuid, iris.names.relatie.get(poly.guid)!);
  const accepted = listItems(one(polyShape, `${SH}or`)!).map((b) => store.getObjects(b, namedNode(`${SH}class`), null)[0]!.value);
  assert.deepEqual(
    new Set(accepted),
    new Set([poly.doel.classGuid, ...h.descendants.get(poly.doel.classGuid)!].map((g) => iris.objecttype(g))),
  );
});

test('each subclass node shape has sh:node to exactly its direct superclasses', () => {
  for (const ot of model.objecttypen.values()) {
    const expected = model.generalisaties.filter((g) => g.subGuid === ot.guid).map((g) => iris.nodeShape(g.superGuid));
    assert.deepEqual(
      objects(iris.nodeShape(ot.guid), `${SH}node`)
        .map((t) => t.value)
        .sort(),
      [...new Set(expected)].sort(),
      ot.name,
    );
  }
});

test('inheritance rejects an edge that would close a cycle', () => {
  const small: GgmModel = { ...model, generalisaties: [] };
  const [a, b, c] = [...model.objecttypen.keys()];
  const origin = { file: 't', sheet: 'generalizations', row: 1 };
  small.generalisaties = [
    { guid: 'G1', subGuid: a!, superGuid: b!, origin },
    { guid: 'G2', subGuid: b!, superGuid: c!, origin },
    { guid: 'G3', subGuid: c!, superGuid: a!, origin },
  ];
  const h = inheritance(small);
  assert.deepEqual(
    h.rejected.map((r) => r.guid),
    ['G3'],
  );
  assert.deepEqual(h.descendants.get(c!), [a!, b!].sort());
});

test('the shapes graph conforms to SHACL-for-SHACL (every node shape, one property shape per construct)', async () => {
  // The full graph also conforms (rdf-validate-shacl, ~60 s); the generator is uniform, so the test validates
  // every node shape plus one property shape for each distinct combination of constraint constructs.
  const shsh = new N3.Store(new N3.Parser().parse(await readFile(path.join(sharedDir(), 'w3c/shacl-shacl.ttl'), 'utf8')));
  const sample = new N3.Store();
  const closure = (t: Term) => {
    for (const q of store.getQuads(t, null, null, null)) {
      sample.addQuad(q);
      if (q.object.termType === 'BlankNode') closure(q.object);
    }
  };
  const signature = (t: Term): string =>
    store
      .getQuads(t, null, null, null)
      .map((q) => `${q.predicate.value}${q.object.termType === 'BlankNode' ? `(${signature(q.object)})` : ''}`)
      .sort()
      .join(' ');
  const seen = new Set<string>();
  for (const ps of store.getSubjects(namedNode(`${NS.rdf}type`), namedNode(`${SH}PropertyShape`), null)) {
    const sig = signature(ps);
    if (seen.has(sig)) continue;
    seen.add(sig);
    closure(ps);
  }
  const sampled = new Set(sample.getSubjects(namedNode(`${NS.rdf}type`), namedNode(`${SH}PropertyShape`), null).map((t) => t.value));
  for (const ns of store.getSubjects(namedNode(`${NS.rdf}type`), namedNode(`${SH}NodeShape`), null)) {
    // a node shape with the sh:property links to the sampled property shapes only
    for (const q of store.getQuads(ns, null, null, null))
      if (q.predicate.value !== `${SH}property` || sampled.has(q.object.value)) sample.addQuad(q);
  }
  assert.ok(seen.size >= 8, `${seen.size} constructs`);
  const validator = new SHACLValidator(shsh);
  const broken = new N3.Store(
    new N3.Parser().parse('@prefix sh: <http://www.w3.org/ns/shacl#>. <urn:s> a sh:PropertyShape; sh:path <urn:p>; sh:maxCount 1, 2.'),
  );
  assert.equal((await validator.validate(broken)).conforms, false, 'the meta-validation detects a broken shape');
  const report = await validator.validate(sample);
  assert.equal(
    report.conforms,
    true,
    report.results
      .slice(0, 5)
      .map((r) => `${r.focusNode?.value} ${r.path?.value}: ${r.message.map((m) => m.value).join(' ')}`)
      .join('\n'),
  );
});

test('behaviour: an inherited constraint is enforced on a subclass instance without rdfs:subClassOf in the data', async () => {
  // A subclass whose superclass owns a string attribute (at most one value), in a hierarchy without required relations or attributes.
  const h = inheritance(model);
  const ancestors = (g: string): string[] => [g, ...(h.supers.get(g) ?? []).flatMap(ancestors)];
  const requiredSomewhere = new Set([
    ...model.relatiesoorten.filter((r) => r.doel.multiplicity.min > 0).map((r) => r.bron.classGuid),
    ...attributes.filter(({ a }) => a.verplicht && !a.mogelijkGeenWaarde).map(({ ot }) => ot.guid),
  ]);
  let found: { sub: Objecttype; a: Attribuutsoort } | undefined;
  for (const subGuid of [...h.supers.keys()].sort()) {
    if (found || ancestors(subGuid).some((g) => requiredSomewhere.has(g))) continue;
    for (const supGuid of h.supers.get(subGuid)!) {
      const a = model.objecttypen
        .get(supGuid)!
        .attributen.find((x) => x.type.kind === 'primitive' && x.type.mim === 'CharacterString' && !x.type.maxLength && !x.lengte);
      if (a) found = { sub: model.objecttypen.get(subGuid)!, a };
    }
  }
  assert.ok(found, 'the release has such a subclass');
  const { sub, a } = found;
  const validator = new Validator(store as unknown as DatasetCore, { factory });
  const instance = namedNode('https://example.org/data/id/x/1');
  const data = (...values: N3.Literal[]) => {
    const d = new N3.Store();
    d.addQuad(instance, namedNode(`${NS.rdf}type`), namedNode(iris.objecttype(sub.guid)));
    for (const v of values) d.addQuad(instance, namedNode(iris.attribuut(a.guid)), v);
    return d as unknown as DatasetCore;
  };
  for (const bad of [data(literal('een'), literal('twee')), data(literal('12', namedNode(`${NS.xsd}integer`)))]) {
    const report = await validator.validate({ dataset: bad });
    assert.equal(report.conforms, false);
    const results = [...(report.dataset as unknown as Iterable<Quad>)];
    assert.ok(results.some((q) => q.predicate.value === `${SH}focusNode` && q.object.value === instance.value));
    assert.ok(
      results.some((q) => q.predicate.value === `${SH}sourceConstraintComponent` && q.object.value === `${SH}NodeConstraintComponent`),
      'reported through sh:node to the superclass shape',
    );
  }
  const good = await validator.validate({ dataset: data(literal('een')) });
  assert.equal(good.conforms, true, reportText(good.dataset));
});

function reportText(ds: DatasetCore): string {
  return [...(ds as unknown as Iterable<Quad>)]
    .filter((q) => q.predicate.value === `${SH}resultMessage`)
    .map((q) => q.object.value)
    .join('\n');
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

test('a geometry attribute points at a geo:Geometry of its Simple Features class; the geo shapes check the WKT', () => {
  const pand = [...model.objecttypen.values()].find((o) => o.name === 'Pand' && model.domeinen.get(o.domeinGuid ?? '')?.name === 'BAG')!;
  const boven = pand.attributen.find((a) => a.name === 'geometrieBovenaanzicht')!;
  const maaiveld = pand.attributen.find((a) => a.name === 'geometrieMaaiveld')!;
  assert.equal(one(shapeOf(pand, boven), `${SH}class`)?.value, `${NS.sf}Polygon`);
  assert.equal(one(shapeOf(pand, boven), `${SH}datatype`), undefined);
  const or = listItems(one(shapeOf(pand, maaiveld), `${SH}or`)!).map((b) => store.getObjects(b, namedNode(`${SH}class`), null)[0]?.value);
  assert.deepEqual(or, [`${NS.sf}MultiPolygon`, `${NS.sf}Polygon`]);
  // Every geo:Geometry: exactly one well-formed geo:asWKT; every sf:Polygon: POLYGON text.
  const wkt = iris.geoShape('Geometry') + '/asWKT';
  assert.equal(one(iris.geoShape('Geometry'), `${SH}targetClass`)?.value, `${NS.geo}Geometry`);
  assert.equal(one(wkt, `${SH}datatype`)?.value, `${NS.geo}wktLiteral`);
  assert.equal(one(wkt, `${SH}minCount`)?.value, '1');
  assert.equal(one(wkt, `${SH}maxCount`)?.value, '1');
  const polygon = new RegExp(one(iris.geoShape('Polygon') + '/asWKT', `${SH}pattern`)!.value, 'i');
  assert.ok(polygon.test('<http://www.opengis.net/def/crs/EPSG/0/28992> POLYGON((0 0, 1 0, 1 1, 0 0))'));
  assert.ok(polygon.test('polygon z ((0 0 0, 1 0 0, 1 1 0, 0 0 0))'));
  assert.ok(!polygon.test('MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0)))'));
  assert.ok(!polygon.test('POINT(1 2)'));
});
