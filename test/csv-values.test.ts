/**
 * Source text → typed literal lexical forms, as the importers (CSV cells and
 * PostgreSQL text output) use them.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { convertValue } from '../src/data/typed-value.js';
import { literal, iri } from '../src/data/rdf-writer.js';

const XSD = 'http://www.w3.org/2001/XMLSchema#';
const p = (local: string, extra: object = {}) => ({
  kind: 'primitive' as const,
  mim: 'CharacterString' as const,
  xsd: XSD + local,
  ...extra,
});
const ok = (v: string, t: Parameters<typeof convertValue>[1], srid?: number) => {
  const r = convertValue(v, t, srid);
  assert.ok(!('error' in r), `${v}: ${'error' in r ? r.error : ''}`);
  return 'error' in r ? '' : `${r.lexical}^^${r.datatype.replace(XSD, 'xsd:').replace('http://www.opengis.net/ont/geosparql#', 'geo:')}`;
};
const bad = (v: string, t: Parameters<typeof convertValue>[1], srid?: number) => {
  const r = convertValue(v, t, srid);
  assert.ok('error' in r, `${v} should be rejected`);
  return 'error' in r ? r.error : '';
};

describe('convertValue', () => {
  it('dates: ISO only, real calendar days, midnight timestamps accepted', () => {
    assert.equal(ok('2024-02-29', p('date')), '2024-02-29^^xsd:date');
    assert.equal(ok('2024-03-01 00:00:00', p('date')), '2024-03-01^^xsd:date');
    assert.match(bad('2023-02-29', p('date')), /not a date/);
    assert.match(bad('1900-02-29', p('date')), /not a date/);
    assert.equal(ok('2000-02-29', p('date')), '2000-02-29^^xsd:date');
    assert.match(bad('31-12-2024', p('date')), /YYYY-MM-DD/);
    assert.match(bad('2024-03-01 10:00:00', p('date')), /not a date/);
  });
  it('dateTime from PostgreSQL text output and ISO, time zones normalised', () => {
    assert.equal(ok('2024-05-02 14:30:00', p('dateTime')), '2024-05-02T14:30:00^^xsd:dateTime');
    assert.equal(ok('2024-05-02 14:30:00.25+02', p('dateTime')), '2024-05-02T14:30:00.25+02:00^^xsd:dateTime');
    assert.equal(ok('2024-05-02T14:30', p('dateTime')), '2024-05-02T14:30:00^^xsd:dateTime');
    assert.match(bad('2024-05-02 25:00', p('dateTime')), /dateTime/);
  });
  it('numbers, booleans and the onvolledige datum union', () => {
    assert.equal(ok('+42', p('integer')), '42^^xsd:integer');
    assert.equal(ok('12.0', p('integer')), '12^^xsd:integer');
    assert.match(bad('12.5', p('integer')), /integer/);
    assert.equal(ok('1234.50', p('decimal')), '1234.50^^xsd:decimal');
    assert.match(bad('1.234,50', p('decimal')), /decimal comma/);
    assert.equal(ok('t', p('boolean')), 'true^^xsd:boolean');
    assert.equal(ok('Nee', p('boolean')), 'false^^xsd:boolean');
    assert.match(bad('misschien', p('boolean')), /boolean/);
    const onvolledig = p('date', { union: [XSD + 'date', XSD + 'gYearMonth', XSD + 'gYear'] });
    assert.equal(ok('2024-05', onvolledig), '2024-05^^xsd:gYearMonth');
    assert.equal(ok('2024', onvolledig), '2024^^xsd:gYear');
    assert.match(bad('mei 2024', onvolledig), /xsd:date or xsd:gYearMonth or xsd:gYear/);
  });
  it('geometry: WKT and EWKT, with the CRS IRI of the SRID (none for CRS84/4326)', () => {
    const g = { kind: 'geometry' as const, geometry: 'Point', xsd: 'http://www.opengis.net/ont/geosparql#wktLiteral' };
    assert.equal(
      ok('POINT(155000 463000)', g, 28992),
      '<http://www.opengis.net/def/crs/EPSG/0/28992> POINT(155000 463000)^^geo:wktLiteral',
    );
    assert.equal(
      ok('SRID=28992;POLYGON((155000 463000,155001 463000,155001 463001,155000 463000))', g),
      '<http://www.opengis.net/def/crs/EPSG/0/28992> POLYGON((155000 463000,155001 463000,155001 463001,155000 463000))^^geo:wktLiteral',
    );
    assert.equal(ok('POINT(4.36 52.01)', g, 4326), 'POINT(4.36 52.01)^^geo:wktLiteral');
    assert.match(bad('Markt 87', g), /WKT/);
    // Broken geometry is refused with the reason (src/data/wkt.ts), never written.
    assert.match(bad('LINESTRING(84410 447320, 8452', g, 28992), /expected a number/);
    assert.match(bad('POINT(abc def)', g, 28992), /expected a number/);
    assert.match(bad('POLYGON((155000 463000,155010 463010,155010 463000,155000 463010,155000 463000))', g, 28992), /self-intersection/);
    assert.match(bad('POINT EMPTY', g, 28992), /empty geometry/);
    assert.match(bad('POINT(84410 447320)', g, 0), /SRID 0/);
    // A GeoSPARQL literal with its CRS IRI (as the service publishes it) is taken as written.
    assert.equal(
      ok('<http://www.opengis.net/def/crs/EPSG/0/28992> POINT(155000 463000)', g),
      '<http://www.opengis.net/def/crs/EPSG/0/28992> POINT(155000 463000)^^geo:wktLiteral',
    );
  });
});

describe('N-Triples terms', () => {
  it('escapes literals and IRIs', () => {
    assert.equal(literal('a "b"\n\\c\u0001'), '"a \\"b\\"\\n\\\\c\\u0001"');
    assert.equal(literal('5', `${XSD}integer`), `"5"^^<${XSD}integer>`);
    assert.equal(iri('https://x.nl/a b<c>'), '<https://x.nl/a%20b%3Cc%3E>');
  });
});
