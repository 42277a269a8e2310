/**
 * GeoSPARQL functions evaluated at the store border (src/store/spatial.ts) on the
 * committed demo municipality (RD New), run on the embedded engine (Oxigraph).
 * Each answer is checked against a computation made here without SPARQL: the
 * TriG parsed with N3.js, every pair of geometries compared with JTS directly.
 * Virtuoso gets the same queries in test/remote-virtuoso.test.ts.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { before, test } from 'node:test';
import N3 from 'n3';
import oxigraph from 'oxigraph';
import GeometryFactory from 'jsts/org/locationtech/jts/geom/GeometryFactory.js';
import GeoJSONReader from 'jsts/org/locationtech/jts/io/GeoJSONReader.js';
import 'jsts/org/locationtech/jts/monkey.js';
import { PROJECT_ROOT } from '../src/cli/paths.js';
import { parseWkt } from '../src/data/wkt.js';
import { lonLatToRd, rdToLonLat } from '../src/data/spatial.js';
import { evaluateSpatialFunctions, type JsonBinding } from '../src/store/spatial.js';
import { graphAsGeoJson, selectAsGeoJson } from '../src/server/geojson.js';
import { GgmError } from '../src/core/errors.js';

const GGM = 'https://gemeentelijkgegevensmodel.nl/def/ggm/';
const GEO = 'http://www.opengis.net/ont/geosparql#';
const PREFIXES = `PREFIX geo: <${GEO}>
PREFIX geof: <http://www.opengis.net/def/function/geosparql/>
PREFIX uom: <http://www.opengis.net/def/uom/OGC/1.0/>
PREFIX ggm: <${GGM}>
`;

interface Geometry {
  within(o: Geometry): boolean;
  contains(o: Geometry): boolean;
  intersects(o: Geometry): boolean;
  touches(o: Geometry): boolean;
  overlaps(o: Geometry): boolean;
  disjoint(o: Geometry): boolean;
  distance(o: Geometry): number;
  getArea(): number;
}
const reader = new GeoJSONReader(new GeometryFactory());

let oxi: oxigraph.Store;
let n3: N3.Store;
before(() => {
  const trig = readFileSync(path.join(PROJECT_ROOT, 'data/demo/gemeente.trig'), 'utf8');
  oxi = new oxigraph.Store();
  oxi.load(trig, { format: 'application/trig' });
  n3 = new N3.Store(
    new N3.Parser({ format: 'application/trig' }).parse(trig).map((q) => N3.DataFactory.quad(q.subject, q.predicate, q.object)),
  );
});

const select = (q: string): JsonBinding[] =>
  (
    JSON.parse(oxi.query(q, { use_default_graph_as_union: true, results_format: 'application/sparql-results+json' }) as string) as {
      results: { bindings: JsonBinding[] };
    }
  ).results.bindings;

/** The query as the service runs it: GeoSPARQL evaluated at the border, the rest by Oxigraph. */
async function run(query: string): Promise<JsonBinding[]> {
  const rewritten = await evaluateSpatialFunctions(PREFIXES + query, undefined, async (q) => select(q));
  assert.ok(rewritten, 'the query calls GeoSPARQL functions');
  return select(rewritten);
}

/** Features of a class with the JTS geometry of one geometry attribute (RD New metres, as published). */
function features(cls: string, attribute: string): { iri: string; g: Geometry }[] {
  return n3
    .getSubjects(`http://www.w3.org/1999/02/22-rdf-syntax-ns#type`, `${GGM}${cls}`, null)
    .flatMap((f) =>
      n3
        .getObjects(f, `${GGM}${attribute}`, null)
        .flatMap((node) =>
          n3
            .getObjects(node, `${GEO}asWKT`, null)
            .map((w) => ({ iri: f.value, g: reader.read(parseWkt(w.value).geometry) as unknown as Geometry })),
        ),
    );
}

const pairs = (rows: JsonBinding[], a: string, b: string) => rows.map((r) => `${r[a]!.value} ${r[b]!.value}`).sort();

function expectedPairs(
  as: { iri: string; g: Geometry }[],
  bs: { iri: string; g: Geometry }[],
  ok: (a: Geometry, b: Geometry) => boolean,
  same = false,
): string[] {
  const out: string[] = [];
  for (const a of as) for (const b of bs) if ((!same || a.iri !== b.iri) && ok(a.g, b.g)) out.push(`${a.iri} ${b.iri}`);
  return out.sort();
}

const BUURT = `?b a ggm:Buurt_BAG ; ggm:buurt_BAG.geometrie/geo:asWKT ?wb .`;
const VBO = `?v a ggm:Verblijfsobject_BAG ; ggm:verblijfsobject_BAG.geometrie ?gv . ?gv geo:asWKT ?wv .`;
const PAND = `?p a ggm:Pand_BAG ; ggm:pand_BAG.geometrieBovenaanzicht/geo:asWKT ?wp .`;

test('sfWithin and sfContains: every verblijfsobject in its buurt, as JTS finds them', async () => {
  const buurten = features('Buurt_BAG', 'buurt_BAG.geometrie');
  const vbos = features('Verblijfsobject_BAG', 'verblijfsobject_BAG.geometrie');
  const expected = expectedPairs(vbos, buurten, (v, b) => v.within(b));
  assert.ok(expected.length >= vbos.length * 0.9, `${expected.length} of ${vbos.length} verblijfsobjecten lie in a buurt`);
  assert.deepEqual(pairs(await run(`SELECT ?v ?b WHERE { ${BUURT} ${VBO} FILTER(geof:sfWithin(?wv, ?wb)) }`), 'v', 'b'), expected);
  assert.deepEqual(pairs(await run(`SELECT ?v ?b WHERE { ${BUURT} ${VBO} FILTER(geof:sfContains(?wb, ?wv)) }`), 'v', 'b'), expected);
});

test('sfTouches, sfIntersects, sfOverlaps and sfDisjoint between buurten and panden, as JTS finds them', async () => {
  const buurten = features('Buurt_BAG', 'buurt_BAG.geometrie');
  const panden = features('Pand_BAG', 'pand_BAG.geometrieBovenaanzicht');
  const other = `?c a ggm:Buurt_BAG ; ggm:buurt_BAG.geometrie/geo:asWKT ?wc .`;
  const touching = expectedPairs(buurten, buurten, (a, b) => a.touches(b), true);
  assert.ok(touching.length > buurten.length, 'buurten that tile touch their neighbours');
  assert.deepEqual(pairs(await run(`SELECT ?b ?c WHERE { ${BUURT} ${other} FILTER(geof:sfTouches(?wb, ?wc)) }`), 'b', 'c'), touching);
  assert.deepEqual(
    pairs(await run(`SELECT ?b ?c WHERE { ${BUURT} ${other} FILTER(geof:sfDisjoint(?wb, ?wc)) }`), 'b', 'c'),
    expectedPairs(buurten, buurten, (a, b) => a.disjoint(b), true),
  );
  assert.deepEqual(
    pairs(await run(`SELECT ?b ?c WHERE { ${BUURT} ${other} FILTER(!geof:sfIntersects(?wb, ?wc)) }`), 'b', 'c'),
    expectedPairs(buurten, buurten, (a, b) => !a.intersects(b), true),
  );
  assert.deepEqual(
    pairs(await run(`SELECT ?p ?b WHERE { ${BUURT} ${PAND} FILTER(geof:sfIntersects(?wp, ?wb)) }`), 'p', 'b'),
    expectedPairs(panden, buurten, (p, b) => p.intersects(b)),
  );
  // no two buurten overlap (they tile their wijk); a buurt and the wijk that holds it do not overlap either (within)
  const wijken = features('Wijk_BAG', 'wijk_BAG.geometrie');
  const overlapping = expectedPairs(buurten, wijken, (a, b) => a.overlaps(b));
  const wijk = `?k a ggm:Wijk_BAG ; ggm:wijk_BAG.geometrie/geo:asWKT ?wk .`;
  assert.deepEqual(pairs(await run(`SELECT ?b ?k WHERE { ${BUURT} ${wijk} FILTER(geof:sfOverlaps(?wb, ?wk)) }`), 'b', 'k'), overlapping);
  assert.equal(
    pairs(await run(`SELECT ?b ?k WHERE { ${BUURT} ${wijk} FILTER(geof:sfWithin(?wb, ?wk)) }`), 'b', 'k').length,
    buurten.length,
    'every buurt within one wijk',
  );
});

test('geof:distance in metres: meldingen openbare ruimte within 250 m of an address, distances as JTS measures them', async () => {
  const meldingen = features('Melding_BeheerOpenbareRuimte', 'melding_BeheerOpenbareRuimte.locatie');
  const adressen = features('Nummeraanduiding_BAG', 'nummeraanduiding_BAG.geometrie');
  assert.ok(meldingen.length > 5 && adressen.length > 50);
  const rows = await run(`SELECT ?m ?a ?d WHERE {
    ?m a ggm:Melding_BeheerOpenbareRuimte ; ggm:melding_BeheerOpenbareRuimte.locatie/geo:asWKT ?wm .
    ?a a ggm:Nummeraanduiding_BAG ; ggm:nummeraanduiding_BAG.geometrie/geo:asWKT ?wa .
    FILTER(geof:distance(?wm, ?wa, uom:metre) <= 250)
    BIND(geof:distance(?wm, ?wa, uom:metre) AS ?d) }`);
  const expected = expectedPairs(meldingen, adressen, (m, a) => m.distance(a) <= 250);
  assert.ok(expected.length > 0);
  assert.deepEqual(pairs(rows, 'm', 'a'), expected);
  const distances = new Map(meldingen.flatMap((m) => adressen.map((a) => [`${m.iri} ${a.iri}`, m.g.distance(a.g)] as const)));
  for (const r of rows) {
    assert.equal(r.d!.datatype, 'http://www.w3.org/2001/XMLSchema#decimal');
    assert.ok(Math.abs(Number(r.d!.value) - distances.get(`${r.m!.value} ${r.a!.value}`)!) < 1e-3);
  }
  // "farther than": the complement, through MINUS
  const far = await run(`SELECT ?m ?a WHERE {
    ?m a ggm:Melding_BeheerOpenbareRuimte ; ggm:melding_BeheerOpenbareRuimte.locatie/geo:asWKT ?wm .
    ?a a ggm:Nummeraanduiding_BAG ; ggm:nummeraanduiding_BAG.geometrie/geo:asWKT ?wa .
    FILTER(geof:distance(?wm, ?wa, uom:metre) > 250) }`);
  assert.deepEqual(
    pairs(far, 'm', 'a'),
    expectedPairs(meldingen, adressen, (m, a) => m.distance(a) > 250),
  );
});

test('geof:area in square metres and geof:buffer in metres (a buffer of 100 m catches what lies within 100 m)', async () => {
  const buurten = features('Buurt_BAG', 'buurt_BAG.geometrie');
  const rows = await run(`SELECT ?b ?area WHERE { ${BUURT} BIND(geof:area(?wb, uom:squareMetre) AS ?area) }`);
  assert.equal(rows.length, buurten.length);
  const area = new Map(buurten.map((b) => [b.iri, b.g.getArea()]));
  for (const r of rows) assert.ok(Math.abs(Number(r.area!.value) - area.get(r.b!.value)!) < 1e-3, r.b!.value);
  const total = await run(`SELECT (SUM(geof:area(?wb)) AS ?total) WHERE { ${BUURT} }`);
  assert.ok(Math.abs(Number(total[0]!.total!.value) - [...area.values()].reduce((a, b) => a + b, 0)) < 1);

  const meldingen = features('Melding_BeheerOpenbareRuimte', 'melding_BeheerOpenbareRuimte.locatie');
  const vbos = features('Verblijfsobject_BAG', 'verblijfsobject_BAG.geometrie');
  const near = await run(`SELECT ?m ?v WHERE {
    ?m a ggm:Melding_BeheerOpenbareRuimte ; ggm:melding_BeheerOpenbareRuimte.locatie/geo:asWKT ?wm . ${VBO}
    FILTER(geof:sfWithin(?wv, geof:buffer(?wm, 100, uom:metre))) }`);
  // The buffer is a polygon of 32 segments per circle, inside the true circle by at most 0.5 % of the radius.
  const clear = (d: number) => d < 99.4 || d > 100;
  const got = pairs(near, 'm', 'v').filter((k) => clear(distanceOf(k)));
  function distanceOf(k: string): number {
    const [m, v] = k.split(' ');
    return meldingen.find((x) => x.iri === m)!.g.distance(vbos.find((x) => x.iri === v)!.g);
  }
  const expected = expectedPairs(meldingen, vbos, (m, v) => v.distance(m) < 100).filter((k) => clear(distanceOf(k)));
  assert.ok(expected.length > 0);
  assert.deepEqual(got, expected);
});

test('RD New and CRS84: a point written in CRS84 finds the same buurt as the same point in RD New; proj4 is within 1.5 m of RDNAPTRANS at Amersfoort', async () => {
  // RDNAPTRANS™ reference: the RD origin (155000, 463000) lies at 52.15517440 N, 5.38720621 E (ETRS89).
  const [lon, lat] = rdToLonLat([155_000, 463_000]);
  const metresPerDegreeLat = 111_250;
  const metresPerDegreeLon = 111_320 * Math.cos((52.155 * Math.PI) / 180);
  assert.ok(Math.abs(lat! - 52.1551744) * metresPerDegreeLat < 1.5, `latitude ${lat}`);
  assert.ok(Math.abs(lon! - 5.38720621) * metresPerDegreeLon < 1.5, `longitude ${lon}`);
  const [x, y] = lonLatToRd([lon!, lat!]);
  assert.ok(Math.hypot(x! - 155_000, y! - 463_000) < 0.01, 'round trip within a centimetre');

  const vbos = features('Verblijfsobject_BAG', 'verblijfsobject_BAG.geometrie');
  const v = n3.getObjects(n3.getObjects(vbos[0]!.iri, `${GGM}verblijfsobject_BAG.geometrie`, null)[0]!, `${GEO}asWKT`, null)[0]!.value;
  const rd = (parseWkt(v).geometry as { coordinates: number[] }).coordinates;
  const [plon, plat] = rdToLonLat(rd);
  const inRd = await run(`SELECT ?b WHERE { ${BUURT} FILTER(geof:sfContains(?wb, "${v}"^^geo:wktLiteral)) }`);
  const inCrs84 = await run(`SELECT ?b WHERE { ${BUURT} FILTER(geof:sfContains(?wb, "POINT(${plon} ${plat})"^^geo:wktLiteral)) }`);
  const in4326 = await run(
    `SELECT ?b WHERE { ${BUURT} FILTER(geof:sfContains(?wb, "<http://www.opengis.net/def/crs/EPSG/0/4326> POINT(${plat} ${plon})"^^geo:wktLiteral)) }`,
  );
  assert.equal(inRd.length, 1);
  assert.deepEqual(inCrs84, inRd);
  assert.deepEqual(in4326, inRd);
  const d = await run(
    `SELECT ?d WHERE { ?gv geo:asWKT "${v}"^^geo:wktLiteral BIND(geof:distance("${v}"^^geo:wktLiteral, "POINT(${plon} ${plat})"^^geo:wktLiteral, uom:metre) AS ?d) }`,
  );
  assert.ok(Number(d[0]!.d!.value) < 0.01, 'the same point in two CRSs is at distance 0');
});

test('what cannot be evaluated is refused naming the function: 501 for other functions and unbound arguments, 400 for bad units and WKT', async () => {
  const refused = async (query: string, status: number, pattern: RegExp) => {
    await assert.rejects(
      () => evaluateSpatialFunctions(PREFIXES + query, undefined, async (q) => select(q)),
      (e: Error) => e instanceof GgmError && e.status === status && pattern.test(e.message),
      query,
    );
  };
  await refused(
    `SELECT * WHERE { ${BUURT} BIND(geof:envelope(?wb) AS ?e) }`,
    501,
    /geof:envelope: this GeoSPARQL function is not evaluated/,
  );
  await refused(
    `SELECT * WHERE { ${BUURT} BIND("x" AS ?w2) FILTER(geof:sfWithin(?w2, ?wb)) }`,
    501,
    /geof:sfWithin: \?w2 is not bound by a triple pattern/,
  );
  await refused(
    `SELECT * WHERE { ${BUURT} BIND(geof:distance(?wb, ?wb, uom:degree) AS ?d) }`,
    400,
    /geof:distance: unit <.*degree> is not supported/,
  );
  await refused(
    `SELECT * WHERE { ${BUURT} FILTER(geof:sfWithin(?wb, "POLYGON((0 0, 1 1))"^^geo:wktLiteral)) }`,
    400,
    /geof:sfWithin: .*no usable WKT/,
  );
  await refused(
    `DELETE WHERE { ?g geo:asWKT ?w FILTER(geof:sfWithin(?w, ?w)) }`.replace('DELETE WHERE', 'DELETE { ?g geo:asWKT ?w } WHERE'),
    501,
    /not evaluated in updates/,
  );
  assert.equal(await evaluateSpatialFunctions('SELECT * WHERE { ?s ?p ?o } LIMIT 1', undefined, async (q) => select(q)), undefined);
});

test('GeoJSON (RFC 7946) of a spatial SELECT and of a CONSTRUCT: WGS 84 lon/lat, closed right-hand rings, properties from the other columns', async () => {
  const rows = select(`${PREFIXES}SELECT ?b ?naam ?wb WHERE { ${BUURT} ?b ggm:buurt_BAG.naam ?naam }`);
  const body = JSON.stringify({ head: { vars: ['b', 'naam', 'wb'] }, results: { bindings: rows } });
  const fc = JSON.parse(selectAsGeoJson(body)) as {
    type: string;
    crs?: unknown;
    features: { type: string; id: string; geometry: { type: string; coordinates: number[][][][] }; properties: Record<string, string> }[];
  };
  assert.equal(fc.type, 'FeatureCollection');
  assert.equal(fc.crs, undefined, 'no crs member: RFC 7946 is WGS 84 by definition');
  assert.equal(fc.features.length, features('Buurt_BAG', 'buurt_BAG.geometrie').length);
  const signedArea = (r: number[][]) => r.reduce((a, p, i) => (i ? a + (r[i - 1]![0]! * p[1]! - p[0]! * r[i - 1]![1]!) : a), 0) / 2;
  for (const f of fc.features) {
    assert.equal(f.type, 'Feature');
    assert.match(f.id, /\/id\/buurt-bag\//);
    assert.ok(f.properties.naam && !('wb' in f.properties));
    assert.ok(['Polygon', 'MultiPolygon'].includes(f.geometry.type));
    const polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates as unknown as number[][][]] : f.geometry.coordinates;
    for (const polygon of polygons)
      polygon.forEach((ring, i) => {
        assert.deepEqual(ring[0], ring[ring.length - 1], 'closed ring');
        assert.ok(i === 0 ? signedArea(ring) > 0 : signedArea(ring) < 0, 'exterior counter-clockwise, holes clockwise');
        for (const [lon, lat] of ring)
          assert.ok(lon! > 3.2 && lon! < 7.3 && lat! > 50.7 && lat! < 53.7, `(${lon} ${lat}) in the Netherlands`);
      });
  }
  // the first vertex back in RD New is within a centimetre of the published one
  const published = rows.find((r) => r.b!.value === fc.features[0]!.id)!.wb!.value;
  const rd = (parseWkt(published).geometry as { coordinates: number[][][][] }).coordinates.flat(2)[0]!;
  const lonLat = (fc.features[0]!.geometry.coordinates as unknown as number[][][][]).flat(2)[0]!;
  const back = lonLatToRd(lonLat);
  assert.ok(Math.hypot(back[0]! - rd[0]!, back[1]! - rd[1]!) < 0.02, `round trip ${back.join(' ')} vs ${rd.join(' ')}`);

  assert.throws(() => selectAsGeoJson(JSON.stringify({ head: { vars: ['b'] }, results: { bindings: [] } })), /exactly one geometry column/);
  const constructed = oxi.query(
    `${PREFIXES}CONSTRUCT { ?v a ggm:Verblijfsobject_BAG ; geo:hasGeometry ?gv . ?gv geo:asWKT ?wv } WHERE { ${VBO} }`,
    { use_default_graph_as_union: true, results_format: 'application/n-triples' },
  ) as string;
  const graph = JSON.parse(graphAsGeoJson(constructed)) as {
    features: { id: string; geometry: { type: string; coordinates: number[] } }[];
  };
  assert.equal(
    graph.features.length,
    features('Verblijfsobject_BAG', 'verblijfsobject_BAG.geometrie').length,
    'one feature per verblijfsobject, none per geometry node',
  );
  for (const f of graph.features) assert.equal(f.geometry.type, 'Point');
});
