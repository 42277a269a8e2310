/**
 * The service's one content negotiation (negotiator underneath): documents,
 * SPARQL answers and error bodies choose with the same rules.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Offers } from '../src/server/negotiate.js';
import { DOCUMENT_OFFERS, FORMATS, RDF_OFFERS, formatByName, splitExtension } from '../src/server/formats.js';
import { RESULT_OFFERS } from '../src/server/sparql/formats.js';

const mt = (accept: string | undefined) => DOCUMENT_OFFERS.choose(accept)?.mediaType;

test('Accept: exact types, q-values; equal q goes to the client’s order, then the server’s', () => {
  assert.equal(mt('text/turtle'), 'text/turtle');
  assert.equal(mt('application/rdf+xml;q=0.5, application/n-triples;q=0.9'), 'application/n-triples');
  assert.equal(mt('application/ld+json, text/turtle'), 'application/ld+json', 'equal q: the client listed JSON-LD first');
  assert.equal(mt('text/turtle, application/ld+json'), 'text/turtle');
  assert.equal(mt('application/trig;q=0.1, application/n-quads'), 'application/n-quads');
});

test('Accept: wildcards, and the most specific range decides a type’s quality', () => {
  assert.equal(mt('*/*'), 'text/html');
  assert.equal(mt(undefined), 'text/html');
  assert.equal(mt('application/*'), 'application/ld+json');
  assert.equal(mt('text/*;q=0.5, text/html;q=0'), 'text/turtle', 'text/html;q=0 excludes HTML although text/* allows it');
  assert.equal(mt('*/*;q=0.1, application/rdf+xml'), 'application/rdf+xml');
  // A browser's Accept header gets HTML.
  assert.equal(mt('text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8'), 'text/html');
});

test('Accept: the media types clients use for the same syntaxes select the document formats', () => {
  assert.equal(mt('text/plain'), 'application/n-triples');
  assert.equal(mt('text/n3'), 'text/turtle');
  assert.equal(mt('application/x-turtle'), 'text/turtle');
  assert.equal(mt('application/json'), 'application/ld+json');
  assert.equal(mt('application/xml'), 'application/rdf+xml');
  assert.equal(mt('text/xml'), 'application/rdf+xml');
  // Python rdflib's parse(url, format="nt") and rapper's default headers
  assert.equal(mt('text/plain;q=1.0, */*;q=0.1'), 'application/n-triples');
  assert.equal(mt('application/rdf+xml, text/turtle;q=0.9, */*;q=0.1'), 'application/rdf+xml');
  // an alias never wins a wildcard: text/* is Turtle (the first text/ format after HTML), not text/plain
  assert.equal(mt('text/*;q=0.9, text/html;q=0'), 'text/turtle');
});

test('Accept: nothing acceptable gives undefined (406); an unparseable header counts as none sent', () => {
  assert.equal(mt('image/png'), undefined);
  assert.equal(mt('text/turtle;q=0'), undefined);
  assert.equal(mt('garbage, image/png'), undefined, 'one parseable range that matches nothing');
  for (const header of ['garbage', '', '   ', ';;;', 'text']) {
    assert.equal(mt(header), 'text/html', `documents: ${JSON.stringify(header)} is disregarded`);
    assert.equal(RESULT_OFFERS.choose(header)?.mediaType, 'application/sparql-results+json', `SPARQL: ${JSON.stringify(header)}`);
    assert.equal(RDF_OFFERS.choose(header)?.mediaType, 'text/turtle');
  }
});

test('SPARQL answers: results formats and their aliases; RDF answers share the document formats', () => {
  assert.equal(RESULT_OFFERS.choose('application/json')?.mediaType, 'application/sparql-results+json');
  assert.equal(RESULT_OFFERS.choose('text/xml')?.mediaType, 'application/sparql-results+xml');
  assert.equal(RESULT_OFFERS.choose('text/turtle'), undefined);
  assert.equal(RDF_OFFERS.choose('text/plain')?.mediaType, 'application/n-triples');
  assert.equal(RDF_OFFERS.choose('text/html'), undefined);
  assert.deepEqual(
    RESULT_OFFERS.mediaTypes(),
    [
      'application/sparql-results+json',
      'application/sparql-results+xml',
      'text/csv',
      'text/tab-separated-values',
      'application/json',
      'application/xml',
      'text/xml',
    ],
    'a 406 lists every type that can be asked for, the primary types first',
  );
});

test('the same header gives the same answer when asked again (the memo)', () => {
  const offers = new Offers([{ mediaType: 'a/b' }, { mediaType: 'c/d' }]);
  for (let i = 0; i < 600; i++) assert.equal(offers.choose(`c/d, x/y${i % 300};q=0.5`)?.mediaType, 'c/d');
  assert.equal(offers.choose('a/b;q=0.2, c/d;q=0.1')?.mediaType, 'a/b');
});

test('extensions and ?format= names', () => {
  assert.deepEqual(splitExtension('/def/ggm/Zaak.ttl'), { stem: '/def/ggm/Zaak', format: formatByName('ttl') });
  assert.deepEqual(splitExtension('/def/ggm/zaak.registratiedatum'), { stem: '/def/ggm/zaak.registratiedatum' });
  assert.equal(splitExtension('/def/ggm/zaak.heeftDocument.jsonld').stem, '/def/ggm/zaak.heeftDocument');
  for (const f of FORMATS) {
    assert.equal(formatByName(f.extension), f);
    assert.equal(formatByName(f.mediaType), f);
    for (const a of f.aliases) assert.equal(formatByName(a), f);
  }
  assert.equal(formatByName('turtle')?.mediaType, 'text/turtle');
  assert.equal(formatByName('xyz'), undefined);
});
