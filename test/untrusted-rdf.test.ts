/**
 * Untrusted RDF cannot break or block the service (issue 11.2). POST /validate
 * bodies are parsed in a worker thread with its own heap and time limit, after
 * checks on nesting and XML entities, counting triples and literal lengths:
 * JSON-LD nested 1,000 and 30,000 deep, RDF/XML nested 20,000 deep, a 600-byte
 * RDF/XML whose entities expand to megabytes, a 2 MB literal and deep Turtle
 * are refused with a status and a message naming the limit. After each, plain
 * requests answer — among them the documents the main thread writes with its
 * own Oxigraph (RDF/XML) and JSON-LD validation, which a parse on the main
 * thread used to break for good. The parser's own limits (triples, heap, time,
 * waiting line) and that a failed worker is never reused are checked on the
 * parser itself.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { UntrustedRdfError, UntrustedRdfParser } from '../src/data/validate/untrusted.js';
import { startFixtureService, type FixtureService } from './server-support.js';
import { plainRequestsAnswer } from './support/liveness.js';

const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const GGM = 'https://gemeentelijkgegevensmodel.nl/def/ggm/';

const jsonLdNested = (n: number) => `${`{"@id":"urn:x:${n}","urn:p":`.repeat(n)}"v"${'}'.repeat(n)}`;
const rdfXmlNested = (n: number) =>
  `<rdf:RDF xmlns:rdf="${RDF}" xmlns:ex="urn:ex:"><rdf:Description rdf:about="urn:x">${'<ex:p><rdf:Description>'.repeat(n)}` +
  `${'</rdf:Description></ex:p>'.repeat(n)}</rdf:Description></rdf:RDF>`;
/** Nine entities, each ten times the one before: 593 bytes that expand to 2 × 10⁸ characters. */
function entityBomb(): string {
  let dtd = '<!ENTITY a0 "hahahahahahahahahaha">';
  for (let i = 1; i < 9; i++) dtd += `<!ENTITY a${i} "${`&a${i - 1};`.repeat(10)}">`;
  return `<?xml version="1.0"?><!DOCTYPE rdf:RDF [${dtd}]><rdf:RDF xmlns:rdf="${RDF}" xmlns:ex="urn:ex:"><rdf:Description rdf:about="urn:x"><ex:p>&a8;</ex:p></rdf:Description></rdf:RDF>`;
}
/** A conforming resource, as RDF/XML with the usual namespace entities, and as JSON-LD. */
const goodRdfXml = `<?xml version="1.0"?><!DOCTYPE rdf:RDF [<!ENTITY ggm "${GGM}"><!ENTITY xsd "http://www.w3.org/2001/XMLSchema#">]>
<rdf:RDF xmlns:rdf="${RDF}" xmlns:ggm="${GGM}"><rdf:Description rdf:about="https://example.org/id/aanbesteding/2">
<rdf:type rdf:resource="&ggm;Aanbesteding"/><ggm:aanbesteding.datumStart rdf:datatype="&xsd;date">2024-01-02</ggm:aanbesteding.datumStart>
</rdf:Description></rdf:RDF>`;
const goodJsonLd = JSON.stringify({
  '@id': 'https://example.org/id/aanbesteding/2',
  '@type': `${GGM}Aanbesteding`,
  [`${GGM}aanbesteding.datumStart`]: { '@value': '2024-01-02', '@type': 'http://www.w3.org/2001/XMLSchema#date' },
});

let service: FixtureService;
before(async () => {
  service = await startFixtureService({ cacheBytes: 0 });
});
after(() => service.close());

async function validate(body: string, contentType: string): Promise<{ status: number; text: string }> {
  const res = await fetch(`${service.base}/validate`, {
    method: 'POST',
    headers: { 'content-type': contentType, accept: 'application/n-triples' },
    body,
  });
  return { status: res.status, text: await res.text() };
}

async function conforms(body: string, contentType: string, what: string): Promise<void> {
  const r = await validate(body, contentType);
  assert.equal(r.status, 200, `${what}: ${r.text.slice(0, 300)}`);
  assert.match(r.text, /conforms> "true"/, `${what}: ${r.text.slice(0, 300)}`);
}

test('hostile bodies on POST /validate are refused naming the limit; validation and the main thread’s writers keep working', async () => {
  const attacks: Array<[name: string, body: string, type: string, status: number, message: RegExp]> = [
    [
      'JSON-LD nested 1,000 deep (24 KB)',
      jsonLdNested(1000),
      'application/ld+json',
      413,
      /nests 1000 levels deep; at most 128 .*depth limit/,
    ],
    ['JSON-LD nested 30,000 deep (720 KB)', jsonLdNested(30_000), 'application/ld+json', 413, /depth limit/],
    [
      'RDF/XML nested 20,000 deep (920 KB)',
      rdfXmlNested(20_000),
      'application/rdf+xml',
      413,
      /XML document nests \d+ levels deep.*\(depth limit\)/,
    ],
    ['RDF/XML with entities that expand to 200 MB (593 bytes)', entityBomb(), 'application/rdf+xml', 413, /entity expansion limit/],
    [
      'RDF/XML with an external entity',
      `<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rdf:RDF xmlns:rdf="${RDF}"/>`,
      'application/rdf+xml',
      413,
      /external entity/,
    ],
    [
      'Turtle nested 50,000 brackets deep',
      `<urn:s> <urn:p> ${'['.repeat(50_000)}${']'.repeat(50_000)} .`,
      'text/turtle',
      413,
      /depth limit/,
    ],
    ['a literal of 2 MB', `<urn:s> <urn:p> "${'x'.repeat(2_000_000)}" .`, 'application/n-triples', 413, /literal limit/],
    ['broken JSON-LD', '{"@id": "urn:x", "urn:p": [', 'application/ld+json', 400, /does not parse/],
  ];
  for (const [name, body, type, status, message] of attacks) {
    const r = await validate(body, type);
    assert.equal(r.status, status, `${name}: ${r.status} ${r.text.slice(0, 300)}`);
    assert.match(r.text, message, name);
    await conforms(goodJsonLd, 'application/ld+json', `JSON-LD after ${name}`);
    await conforms(goodRdfXml, 'application/rdf+xml', `RDF/XML after ${name}`);
    await plainRequestsAnswer(service.base, name);
  }
});

test('the parser counts triples, and stops a worker past its heap or its time; a failed worker is never reused', async () => {
  const parser = new UntrustedRdfParser({ limits: { maxTriples: 1000 } });
  try {
    const lines = (n: number) => Array.from({ length: n }, (_, i) => `<urn:s${i}> <urn:p> "${i}" .`).join('\n');
    assert.equal((await parser.parse(lines(1000), 'application/n-triples', { baseIri: 'urn:b:', source: 'body' })).length, 1000);
    assert.equal(parser.discarded, 0, 'a worker that parsed well is kept');
    await assert.rejects(parser.parse(lines(1001), 'application/n-triples', { baseIri: 'urn:b:', source: 'body' }), (e: Error) => {
      assert.ok(e instanceof UntrustedRdfError && e.status === 413, e.message);
      assert.match(e.message, /more than 1000 triples \(triple limit\)/);
      return true;
    });
    assert.equal(parser.discarded, 1, 'the worker of a refused parse is thrown away');
    const quads = await parser.parse('<urn:s> <urn:p> "v"@nl, 1, _:b .', 'text/turtle', { baseIri: 'urn:b:', source: 'body' });
    assert.deepEqual(
      quads.map((q) => [q.object.termType, q.object.value.startsWith('b') || q.object.value]),
      [
        ['Literal', 'v'],
        ['Literal', '1'],
        ['BlankNode', true],
      ],
    );
    assert.equal(quads[0]!.object.termType === 'Literal' && quads[0]!.object.language, 'nl');
  } finally {
    parser.close();
  }
  const small = new UntrustedRdfParser({ limits: { memoryMb: 32, maxTriples: 1_000_000 } });
  try {
    // 150,000 triples (4.7 MB) held as terms: more than a 32 MB heap.
    const big = Array.from({ length: 150_000 }, (_, i) => `<urn:s${i}> <urn:p> "${i}" .`).join('\n');
    await assert.rejects(small.parse(big, 'application/n-triples', { baseIri: 'urn:b:', source: 'body' }), (e: Error) => {
      assert.ok(e instanceof UntrustedRdfError && e.status === 413, e.message);
      assert.match(e.message, /needs more than 32 MB to parse \(memory limit\)/);
      return true;
    });
    assert.equal((await small.parse('<urn:s> <urn:p> <urn:o> .', 'text/turtle', { baseIri: 'urn:b:', source: 'body' })).length, 1);
  } finally {
    small.close();
  }
  const slow = new UntrustedRdfParser({ limits: { timeoutMs: 1 }, concurrency: 1, waiting: 0 });
  try {
    const parses = [1, 2].map(() => slow.parse('<urn:s> <urn:p> <urn:o> .', 'text/turtle', { baseIri: 'urn:b:', source: 'body' }));
    const [first, second] = await Promise.allSettled(parses);
    assert.equal(first.status, 'rejected');
    assert.match((first as PromiseRejectedResult).reason.message, /longer than 1 ms to parse \(time limit\)/);
    assert.equal(second.status, 'rejected');
    assert.equal((second as PromiseRejectedResult).reason.status, 503, 'no room to wait: busy');
  } finally {
    slow.close();
  }
});
