// Reading RDF files by extension (src/data/validate/parse.ts): every syntax
// yields the same triples, and a syntax error names the file and the line.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Quad } from '@rdfjs/types';
import { parseRdfFile, rdfSyntaxOf } from '../src/data/validate/index.js';
import { sharedDir } from '../src/cli/paths.js';

let dir: string;
before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'shacl-parse-'));
});
after(async () => rm(dir, { recursive: true, force: true }));

const EX = 'http://example.org/';
const canonical = (quads: Quad[]) =>
  quads
    .map((q) =>
      [q.subject, q.predicate, q.object, q.graph]
        .map((t) =>
          t.termType === 'BlankNode'
            ? '_'
            : `${t.termType}:${t.value}:${'language' in t ? t.language : ''}:${'datatype' in t ? t.datatype.value : ''}`,
        )
        .join(' '),
    )
    .sort();

const sameGraph: Record<string, string> = {
  'g.ttl': `@prefix ex: <${EX}> .\nex:gemeente ex:naam "Delft"@nl ; ex:code 503 ; ex:adres [ ex:straat "Markt" ] .\n`,
  'g.nt': `<${EX}gemeente> <${EX}naam> "Delft"@nl .\n<${EX}gemeente> <${EX}code> "503"^^<http://www.w3.org/2001/XMLSchema#integer> .\n<${EX}gemeente> <${EX}adres> _:a .\n_:a <${EX}straat> "Markt" .\n`,
  'g.nq': `<${EX}gemeente> <${EX}naam> "Delft"@nl .\n<${EX}gemeente> <${EX}code> "503"^^<http://www.w3.org/2001/XMLSchema#integer> .\n<${EX}gemeente> <${EX}adres> _:a .\n_:a <${EX}straat> "Markt" .\n`,
  'g.trig': `@prefix ex: <${EX}> .\n{ ex:gemeente ex:naam "Delft"@nl ; ex:code 503 ; ex:adres [ ex:straat "Markt" ] . }\n`,
  'g.jsonld': JSON.stringify({
    '@context': { ex: EX, code: { '@id': 'ex:code', '@type': 'http://www.w3.org/2001/XMLSchema#integer' } },
    '@id': 'ex:gemeente',
    'ex:naam': { '@value': 'Delft', '@language': 'nl' },
    code: '503',
    'ex:adres': { 'ex:straat': 'Markt' },
  }),
  'g.rdf': `<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="${EX}">\n  <rdf:Description rdf:about="${EX}gemeente">\n    <ex:naam xml:lang="nl">Delft</ex:naam>\n    <ex:code rdf:datatype="http://www.w3.org/2001/XMLSchema#integer">503</ex:code>\n    <ex:adres><rdf:Description><ex:straat>Markt</ex:straat></rdf:Description></ex:adres>\n  </rdf:Description>\n</rdf:RDF>\n`,
};

test('every supported syntax yields the same four triples', async () => {
  const results: Record<string, string[]> = {};
  for (const [name, text] of Object.entries(sameGraph)) {
    const file = path.join(dir, name);
    await writeFile(file, text);
    results[name] = canonical(await parseRdfFile(file));
  }
  for (const [name, triples] of Object.entries(results)) {
    assert.equal(triples.length, 4, name);
    assert.deepEqual(triples, results['g.ttl'], `${name} differs from Turtle`);
  }
});

test('relative IRIs resolve against the file location', async () => {
  const file = path.join(dir, 'relative.ttl');
  await writeFile(file, '<> <http://example.org/p> <other.ttl> .\n');
  const [q] = await parseRdfFile(file);
  assert.equal(q!.subject.value, `file://${file}`);
  assert.equal(q!.object.value, `file://${path.join(dir, 'other.ttl')}`);
});

test('a real shapes file parses', async () => {
  const quads = await parseRdfFile(path.join(sharedDir(), 'w3c', 'shacl-shacl.ttl'));
  assert.ok(quads.length > 300, `${quads.length} quads`);
});

const broken: Array<[string, string, number]> = [
  ['bad.ttl', `@prefix ex: <${EX}> .\nex:a ex:b ex:c .\nex:a ex:b "open ;\n`, 3],
  ['bad.nt', `<${EX}a> <${EX}b> <${EX}c> .\n<${EX}a> <${EX}b> .\n`, 2],
  ['bad.jsonld', `{\n  "@id": "${EX}a",\n  "${EX}b": [ }\n`, 3],
  [
    'bad.rdf',
    `<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n<rdf:Description rdf:about="${EX}a">\n<ex:b>v</ex:b>\n</rdf:Description></rdf:RDF>\n`,
    4,
  ],
];

for (const [name, text, line] of broken) {
  test(`a syntax error in ${name} names the file and line ${line}`, async () => {
    const file = path.join(dir, name);
    await writeFile(file, text);
    await assert.rejects(parseRdfFile(file), (error: Error) => {
      assert.ok(error.message.startsWith(`${file}:${line}: RDF parse error`), error.message);
      return true;
    });
  });
}

test('a JSON-LD file with a remote @context is refused, offline, with a hint', async () => {
  const file = path.join(dir, 'remote.jsonld');
  await writeFile(file, JSON.stringify({ '@context': 'https://schema.org/', '@id': 'http://example.org/a', name: 'Delft' }));
  await assert.rejects(parseRdfFile(file), (error: Error) => {
    assert.ok(error.message.startsWith(`${file}: RDF parse error`), error.message);
    assert.match(error.message, /not fetched: work is offline; inline the context/);
    return true;
  });
});

test('an unknown extension or a missing file is a clear error', async () => {
  assert.throws(() => rdfSyntaxOf('data/export.csv'), /data\/export\.csv: unknown RDF file extension "\.csv"/);
  await assert.rejects(parseRdfFile(path.join(dir, 'absent.ttl')), /absent\.ttl: cannot read: ENOENT/);
});
