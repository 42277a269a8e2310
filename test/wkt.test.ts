// The one WKT module (src/data/wkt.ts): GeoSPARQL WKT literals parsed with
// their CRS, and every kind of broken geometry refused with a message that
// names what is wrong and where — the same verdict in both SHACL engines
// (sh:datatype geo:wktLiteral checks the lexical form).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DataFactory, Parser } from 'n3';
import { CRS84, RD_NEW, parseWkt, positions, wktProblem } from '../src/data/wkt.js';
import { compiledEngine, shaclEngine } from '../src/data/validate/index.js';

const RD = `<${RD_NEW}> `;

describe('parseWkt', () => {
  it('reads the CRS IRI, or CRS84 when there is none, and every simple-feature type', () => {
    const p = parseWkt(`${RD}POINT(148000.5 452000)`);
    assert.equal(p.crs, RD_NEW);
    assert.equal(p.crsGiven, true);
    assert.deepEqual(p.geometry, { type: 'Point', coordinates: [148000.5, 452000] });
    assert.equal(parseWkt('POINT(4.36 52.01)').crs, CRS84);
    assert.equal(parseWkt('point (4.36 52.01)').geometry.type, 'Point');
    assert.deepEqual(parseWkt('MULTIPOINT(1 2, 3 4)').geometry, parseWkt('MULTIPOINT((1 2), (3 4))').geometry);
    assert.equal(parseWkt('POLYGON((0 0, 1 0, 1 1, 0 0), (0.1 0.1, 0.2 0.1, 0.2 0.2, 0.1 0.1))').geometry.type, 'Polygon');
    assert.equal(parseWkt('MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))').geometry.type, 'MultiPolygon');
    assert.equal(parseWkt('MULTILINESTRING((0 0, 1 1), (2 2, 3 3))').geometry.type, 'MultiLineString');
    const c = parseWkt('GEOMETRYCOLLECTION(POINT(4 52), LINESTRING(4 52, 5 53))');
    assert.equal([...positions(c.geometry)].length, 3);
    assert.equal(parseWkt('POINT Z (4 52 3)').dimension, 3);
    assert.equal(parseWkt('POINT ZM (4 52 3 1)').dimension, 4);
    assert.equal(parseWkt('POINT EMPTY').empty, true);
  });
});

describe('wktProblem', () => {
  it('accepts well-formed WKT in the known CRSs', () => {
    for (const ok of [
      `${RD}POINT(148000 452000)`,
      `${RD}POLYGON((148000 452000, 148010 452000, 148010 452010, 148000 452010, 148000 452000))`,
      `${RD}MULTIPOLYGON(((148000 452000, 148010 452000, 148010 452010, 148000 452000)), ((149000 452000, 149010 452000, 149010 452010, 149000 452000)))`,
      `${RD}LINESTRING(148000 452000, 148100 452100)`,
      'POINT(4.357 52.011)',
      `<${CRS84}> POINT(4.357 52.011)`,
      '<http://www.opengis.net/def/crs/EPSG/0/4326> POINT(52.011 4.357)',
      'POINT Z (4.357 52.011 -2.5)',
    ])
      assert.equal(wktProblem(ok), undefined, ok);
  });

  // The broken values of the data-pipeline issue, and more: each with what the message must say.
  const broken: Array<[string, RegExp]> = [
    ['LINESTRING(84410 447320, 8452', /expected a number, found the end of the text \(at character 30\)/],
    ['POINT(abc def)', /expected a number, found "abc def\)" \(at character 7\)/],
    [
      `${RD}POLYGON((148000 452000, 148010 452010, 148010 452000, 148000 452010, 148000 452000))`,
      /invalid polygon: self-intersection near \(148005 452005\)/,
    ],
    ['POINT EMPTY', /empty geometry/],
    [`${RD}POINT EMPTY`, /empty geometry/],
    ['SRID=0;POINT(84410 447320)', /EWKT "SRID=…;" prefix is not GeoSPARQL WKT/],
    ['SRID=28992;POINT(84410 447320)', /<http:\/\/www\.opengis\.net\/def\/crs\/EPSG\/0\/28992> POINT/],
    ['POINT(84410 447320)', /outside the area of CRS84.*RD New needs/],
    [`${RD}POINT(4.36 52.01)`, /outside the area of EPSG:28992/],
    ['<urn:x-own-crs> POINT(1 2)', /unknown coordinate reference system <urn:x-own-crs>/],
    ['<http://www.opengis.net/def/crs/EPSG/0/28992>POINT(1 2)', /expected a space after the CRS IRI/],
    ['<http://www.opengis.net/def/crs/EPSG/0/28992 POINT(1 2)', /not an IRI|not closed/],
    [`${RD}POLYGON((148000 452000, 148010 452000, 148010 452010, 148000 452001))`, /outer ring is not closed/],
    [`${RD}POLYGON((148000 452000, 148010 452000, 148000 452000))`, /3 points; a ring needs at least 4/],
    [`${RD}LINESTRING(148000 452000)`, /1 point; a line needs at least 2/],
    ['POINT(4.5.6 52)', /expected a number/],
    ['POINT(4 52, 3)', /expected "\)" to close the point/],
    ['POINT(4 52) extra', /unexpected text after the geometry/],
    ['POINT(4 52 1, 5 53)', /expected "\)"/],
    ['LINESTRING(4 52 1, 5 53)', /a position with 2 coordinates where the geometry has 3/],
    ['CIRCULARSTRING(0 0, 1 1, 2 0)', /CIRCULARSTRING is not supported/],
    ['BLOB(1 2)', /unknown geometry type BLOB/],
    ['', /expected a geometry type/],
    ['POINT(1e400 2)', /number out of range/],
    ['MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0)), ((0 0, 1 0, 1 1, 0 0)))', /invalid multipolygon/],
  ];
  for (const [text, message] of broken) {
    it(`refuses ${JSON.stringify(text)}`, () => {
      const problem = wktProblem(text);
      assert.ok(problem, `accepted: ${text}`);
      assert.match(problem, message);
    });
  }

  it('allows EMPTY when asked', () => {
    assert.equal(wktProblem('POINT EMPTY', { allowEmpty: true }), undefined);
  });
});

describe('sh:datatype geo:wktLiteral', () => {
  const shapes = new Parser().parse(`
    @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix geo: <http://www.opengis.net/ont/geosparql#> .
    <urn:s> a sh:NodeShape ; sh:targetClass geo:Geometry ;
      sh:property [ sh:path geo:asWKT ; sh:datatype geo:wktLiteral ] .`);
  const data = new Parser().parse(`
    @prefix geo: <http://www.opengis.net/ont/geosparql#> .
    <urn:g1> a geo:Geometry ; geo:asWKT "<${RD_NEW}> POINT(148000 452000)"^^geo:wktLiteral .
    <urn:g2> a geo:Geometry ; geo:asWKT "LINESTRING(84410 447320, 8452"^^geo:wktLiteral .
    <urn:g3> a geo:Geometry ; geo:asWKT "POINT(abc def)"^^geo:wktLiteral .
    <urn:g4> a geo:Geometry ; geo:asWKT "POLYGON((0 0, 2 2, 2 0, 0 2, 0 0))"^^geo:wktLiteral .
    <urn:g5> a geo:Geometry ; geo:asWKT "POINT(4 52)" .`);

  for (const engine of [compiledEngine, shaclEngine]) {
    it(`${engine.name}: broken WKT violates sh:datatype; well-formed WKT conforms`, async () => {
      const report = await engine.prepare(shapes).validate(data);
      const focus = report.quads
        .filter((q) => q.predicate.value === 'http://www.w3.org/ns/shacl#focusNode')
        .map((q) => q.object.value)
        .sort();
      assert.deepEqual(focus, ['urn:g2', 'urn:g3', 'urn:g4', 'urn:g5']);
      assert.ok(report.quads.some((q) => q.object.equals(DataFactory.namedNode('http://www.w3.org/ns/shacl#DatatypeConstraintComponent'))));
    });
  }
});
