/**
 * Every release served (issue 13.1), by the real service on a root holding the latest ontology,
 * the code lists and the committed earlier releases: the version IRIs dereference to each
 * release's ontology, versioned term IRIs to the term as that release describes it (the four BAG
 * attributes renamed in 2.5.1 carry their old names in 2.5.0), the unversioned IRIs to the latest;
 * owl:priorVersion links the releases; no term of an earlier release is dropped silently (a term
 * the latest no longer has is kept, deprecated, with the release that removed it).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import N3 from 'n3';
import { Agent, fetch } from 'undici';
import { NS } from '../src/iri/index.js';
import { ARTEFACTS, addRemovedTerms } from '../src/generate/index.js';
import { RdfDocument, iri, nl } from '../src/generate/rdf-document.js';
import { readReleases, releaseFiles, RELEASES_FILE } from '../src/generate/releases.js';
import { PROJECT_ROOT } from '../src/cli/paths.js';
import { startFixtureService, type FixtureService } from './server-support.js';

const GGM = 'https://gemeentelijkgegevensmodel.nl/def/ggm';
const { namedNode } = N3.DataFactory;
const releases = readReleases(PROJECT_ROOT);
const [latest, earlier] = [releases[0]!, releases[1]!];
const parseFile = (rel: string) =>
  new N3.Store(new N3.Parser({ format: 'text/turtle' }).parse(readFileSync(path.join(PROJECT_ROOT, rel), 'utf8')));
const earlierOntology = parseFile(releaseFiles(earlier.version).ontology);
const latestOntology = parseFile(ARTEFACTS.ontology);

// Idle sockets are closed by the client well before the server's keep-alive timeout (5 s): parsing a
// whole ontology between two requests must not meet a socket the server is closing.
const dispatcher = new Agent({ keepAliveTimeout: 1000, keepAliveMaxTimeout: 1000 });
const get = (p: string, init: { headers?: Record<string, string>; method?: string } = {}) =>
  fetch(`${svc.base}${p}`, { ...init, dispatcher });

let svc: FixtureService;
let root: string;
before(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'ggm-releases-'));
  mkdirSync(path.join(root, 'ontology'));
  for (const rel of [ARTEFACTS.ontology, ARTEFACTS.codelijsten, RELEASES_FILE, ...Object.values(releaseFiles(earlier.version))])
    cpSync(path.join(PROJECT_ROOT, rel), path.join(root, rel), { recursive: true });
  svc = await startFixtureService({ root });
});
after(async () => {
  await svc?.close();
  await dispatcher.close();
  rmSync(root, { recursive: true, force: true });
});

async function turtle(p: string): Promise<N3.Store> {
  const res = await get(p, { headers: { Accept: 'text/turtle' } });
  assert.equal(res.status, 200, `${p}: ${res.status}`);
  return new N3.Store(new N3.Parser({ format: 'text/turtle' }).parse(await res.text()));
}
const value = (s: N3.Store, subject: string, p: string) => s.getObjects(namedNode(subject), namedNode(p), null).map((o) => o.value);

test('each version IRI dereferences to that release’s ontology; priorVersion links them', async () => {
  const old = await turtle(`/def/ggm/${earlier.version}`);
  const missing = (served: N3.Store, file: N3.Store) =>
    file
      .getQuads(null, null, null, null)
      .filter((q) => q.object.termType !== 'BlankNode' && q.subject.termType !== 'BlankNode' && !served.has(q)).length;
  assert.equal(missing(old, earlierOntology), 0, 'every triple of the earlier release file is served');
  assert.ok(old.size < earlierOntology.size + 100, 'and (beside the document metadata) nothing else');
  assert.deepEqual(value(old, GGM, `${NS.owl}versionIRI`), [`${GGM}/${earlier.version}`]);
  assert.deepEqual(value(old, GGM, `${NS.owl}versionInfo`), [earlier.version]);
  assert.deepEqual(value(old, GGM, `${NS.dcterms}issued`), [earlier.issued]);
  const now = await turtle(`/def/ggm/${latest.version}`);
  assert.equal(missing(now, latestOntology), 0, 'the latest ontology');
  assert.ok(now.size < latestOntology.size + 100);
  assert.deepEqual(value(now, GGM, `${NS.owl}versionIRI`), [`${GGM}/${latest.version}`]);
  assert.deepEqual(value(now, GGM, `${NS.owl}priorVersion`), [`${GGM}/${earlier.version}`]);
  const codes = await turtle(`/def/ggm/${earlier.version}/codelijsten`);
  assert.equal(missing(codes, parseFile(releaseFiles(earlier.version).codelijsten)), 0);
});

test('versioned term IRIs give each release’s description; the unversioned IRI is the latest', async () => {
  // The attributes of Standplaats renamed in 2.5.1 (the GGM team's own change log names these four).
  const renamed: Record<string, [string, string]> = {
    'standplaats_BAG.datumBeginGeldigheid': ['Datum Begin Geldigheid', 'beginGeldigheid'],
    'standplaats_BAG.datumEinde': ['Datum Einde', 'datumEinde'],
    'standplaats_BAG.datumIngang': ['Datum Ingang', 'datumIngang'],
    'standplaats_BAG.datumEindeGeldigheid': ['Datum Einde Geldigheid', 'eindGeldigheid'],
  };
  for (const [local, [before, now]] of Object.entries(renamed)) {
    const term = `${GGM}/${local}`;
    assert.deepEqual(value(earlierOntology, term, `${NS.rdfs}label`), [before], `${local} in the committed ${earlier.version} file`);
    assert.deepEqual(value(await turtle(`/def/ggm/${earlier.version}/${local}`), term, `${NS.rdfs}label`), [before]);
    assert.deepEqual(value(await turtle(`/def/ggm/${latest.version}/${local}`), term, `${NS.rdfs}label`), [now]);
    assert.deepEqual(value(await turtle(`/def/ggm/${local}`), term, `${NS.rdfs}label`), [now]);
  }
  // A type that changed: opTalud was a boolean in 2.5.0 and a code list in 2.5.1.
  const opTalud = `${GGM}/begroeidTerreindeel.opTalud`;
  assert.deepEqual(value(await turtle(`/def/ggm/${earlier.version}/begroeidTerreindeel.opTalud`), opTalud, `${NS.rdfs}range`), [
    `${NS.xsd}boolean`,
  ]);
  assert.deepEqual(value(await turtle(`/def/ggm/${latest.version}/begroeidTerreindeel.opTalud`), opTalud, `${NS.rdfs}range`), [
    `${NS.skos}Concept`,
  ]);
});

test('every class of the earlier release has its versioned document, with the same statements as the release file', async () => {
  const classes = earlierOntology
    .getSubjects(namedNode(`${NS.rdf}type`), namedNode(`${NS.owl}Class`), null)
    .filter((c) => c.value.startsWith(`${GGM}/`));
  assert.ok(classes.length > 900, `${classes.length} classes`);
  for (const c of classes) {
    const doc = await turtle(`/def/ggm/${earlier.version}/${c.value.slice(GGM.length + 1)}`);
    const own = earlierOntology.getQuads(c, null, null, null).filter((q) => q.object.termType !== 'BlankNode');
    for (const q of own)
      assert.ok(doc.has(N3.DataFactory.quad(q.subject, q.predicate, q.object)), `${c.value}: ${q.predicate.value} ${q.object.value}`);
  }
});

test('pages name the release; unknown releases and terms are 404', async () => {
  const html = await (await get(`/def/ggm/${earlier.version}/Zaak`, { headers: { Accept: 'text/html' } })).text();
  assert.match(
    html,
    new RegExp(
      `<p class="release-notice" role="note">Deze beschrijving is die in GGM ${earlier.version} \\(uitgebracht ${earlier.issued}\\)`,
    ),
  );
  assert.match(html, new RegExp(`de actuele is <a href="/def/ggm/Zaak">GGM ${latest.version}</a>`));
  assert.match(html, /<h1>Zaak<\/h1>/);
  assert.equal((await get('/def/ggm/9.9.9')).status, 404);
  assert.equal((await get(`/def/ggm/${earlier.version}/BestaatNiet`)).status, 404);
  const res = await get(`/def/ggm/${earlier.version}.ttl`, { method: 'HEAD' });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('link') ?? '', /rel="latest-version"/);
});

test('no term of the earlier release is dropped: each is in the latest files (else it would be kept there, deprecated)', () => {
  const latestSubjects = new Set(
    [...latestOntology.getSubjects(null, null, null), ...parseFile(ARTEFACTS.codelijsten).getSubjects(null, null, null)].map(
      (s) => s.value,
    ),
  );
  const earlierSubjects = [
    ...earlierOntology.getSubjects(null, null, null),
    ...parseFile(releaseFiles(earlier.version).codelijsten).getSubjects(null, null, null),
  ]
    .map((s) => s.value)
    .filter((s) => s.startsWith(`${GGM}/`));
  assert.deepEqual(
    earlierSubjects.filter((s) => !latestSubjects.has(s)),
    [],
  );
  // 2.5.0 → 2.5.1 removed nothing, so nothing is deprecated yet.
  assert.equal(latestOntology.getQuads(null, namedNode(`${NS.owl}deprecated`), null, null).length, 0);
});

test('a term an earlier release had and the latest has not is kept, deprecated, naming the release that removed it', () => {
  const ns = `${GGM}/`;
  const old = new RdfDocument({});
  old.add(`${ns}Weg`, [`${NS.rdf}type`, iri(`${NS.owl}Class`)], [`${NS.rdfs}label`, nl('Weg')]);
  old.add(`${ns}Blijft`, [`${NS.rdf}type`, iri(`${NS.owl}Class`)]);
  const now = new RdfDocument({});
  now.add(`${ns}Blijft`, [`${NS.rdf}type`, iri(`${NS.owl}Class`)]);
  const n = addRemovedTerms(
    now,
    [now],
    '3.0.0',
    [{ version: '2.5.1', ontology: old, codelijsten: new RdfDocument({}), names: undefined as never }],
    (r) => r.ontology,
    ns,
  );
  assert.equal(n, 1);
  const st = now.statements(`${ns}Weg`).map(([p, o]) => `${p} ${'iri' in o ? o.iri : 'value' in o ? o.value : ''}`);
  assert.ok(st.includes(`${NS.owl}deprecated true`));
  assert.ok(st.includes(`${NS.rdfs}label Weg`));
  assert.ok(st.includes(`${NS.skos}historyNote Verwijderd in GGM 3.0.0; laatst beschreven in GGM 2.5.1.`));
  assert.ok(st.includes(`${NS.rdfs}seeAlso ${ns}2.5.1/Weg`));
});
