import { test } from 'node:test';
import assert from 'node:assert/strict';
import { negotiate, parseAccept } from '../src/server/negotiate.js';
import { FORMATS, formatByName, splitExtension } from '../src/server/formats.js';

const mt = (accept: string | undefined) => negotiate(accept)?.mediaType;

test('Accept: exact types, q-values and server order for ties', () => {
  assert.equal(mt('text/turtle'), 'text/turtle');
  assert.equal(mt('application/rdf+xml;q=0.5, application/n-triples;q=0.9'), 'application/n-triples');
  assert.equal(mt('application/ld+json, text/turtle'), 'text/turtle', 'equal q: the server order decides (Turtle before JSON-LD)');
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

test('Accept: nothing acceptable gives undefined (406)', () => {
  assert.equal(mt('image/png'), undefined);
  assert.equal(mt('text/turtle;q=0'), undefined);
  assert.equal(mt('application/json'), undefined);
});

test('parseAccept ignores malformed ranges and clamps q', () => {
  const r = parseAccept('garbage, text/turtle;q=7, */html, application/n-triples;q=abc');
  assert.deepEqual(
    r.map((x) => [x.type, x.subtype, x.q]),
    [
      ['text', 'turtle', 1],
      ['application', 'n-triples', 1],
    ],
  );
});

test('extensions and ?format= names', () => {
  assert.deepEqual(splitExtension('/def/ggm/Zaak.ttl'), { stem: '/def/ggm/Zaak', format: formatByName('ttl') });
  assert.deepEqual(splitExtension('/def/ggm/zaak.registratiedatum'), { stem: '/def/ggm/zaak.registratiedatum' });
  assert.equal(splitExtension('/def/ggm/zaak.heeftDocument.jsonld').stem, '/def/ggm/zaak.heeftDocument');
  for (const f of FORMATS) {
    assert.equal(formatByName(f.extension), f);
    assert.equal(formatByName(f.mediaType), f);
  }
  assert.equal(formatByName('turtle')?.mediaType, 'text/turtle');
  assert.equal(formatByName('xyz'), undefined);
});
