/**
 * The demo municipality Lindewaard against the real GGM 2.5.1 release: the
 * committed set (data/demo/gemeente.trig) is exactly what the generator makes,
 * conforms to the generated SHACL shapes, covers every domain, and answers the
 * stadspas × energietoeslag question with the residents the scenario says.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import N3 from 'n3';
import oxigraph from 'oxigraph';
import { loadGgmModel } from '../src/source/index.js';
import { NS } from '../src/iri/index.js';
import { generateShapes } from '../src/generate/shacl.js';
import { validate } from '../src/data/validate/index.js';
import {
  committedRegister,
  DEFAULT_DEMO_FILE,
  demo,
  demoGraphs,
  demoHeader,
  demoPrefixes,
  demoText,
  fileSink,
  stadspasEnEnergietoeslagExpected,
  stadspasEnEnergietoeslagQuery,
  schuldhulpEnWmoExpected,
  schuldhulpEnWmoQuery,
} from '../src/data/demo/index.js';
import { isValidBsn, isValidIban } from '../src/data/demo/values.js';
import { PROJECT_ROOT, defaultRelease } from '../src/cli/paths.js';

const model = await loadGgmModel(defaultRelease());
const register = await committedRegister(PROJECT_ROOT);
const committedFile = path.join(PROJECT_ROOT, DEFAULT_DEMO_FILE);
const committed = await readFile(committedFile, 'utf8');
const generated = await demoText(model, 'trig', register ? { register } : {});
const quads = new N3.Parser({ format: 'application/trig' }).parse(committed);
const RDF_TYPE = `${NS.rdf}type`;

/** Objecttypen without instances in the default set, with the reason. Keep empty unless there is a reason. */
const EXCEPTIONS: Record<string, string> = {};

test('the committed demo set is exactly what the generator makes (same seed → byte-identical)', async () => {
  assert.equal(generated.text.length, committed.length, `regenerate with: ggm demo (the committed ${DEFAULT_DEMO_FILE} is stale)`);
  assert.ok(generated.text === committed, `the committed ${DEFAULT_DEMO_FILE} differs from a fresh generation; regenerate with: ggm demo`);
  assert.equal(quads.length, generated.triples);
  assert.ok(generated.triples > 100_000 && generated.triples < 150_000, `default set has ${generated.triples} triples`);
  const again = await demoText(model, 'trig', register ? { register } : {});
  assert.ok(again.text === generated.text, 'a second run gives the same bytes');
});

test('another seed gives other data of the same shape', async () => {
  const small = await demoText(model, 'nquads', { seed: 7, scale: 0.2, ...(register ? { register } : {}) });
  const other = await demoText(model, 'nquads', { seed: 8, scale: 0.2, ...(register ? { register } : {}) });
  assert.notEqual(small.text, other.text);
  // Same plan (classes and counts), different values.
  assert.deepEqual(
    small.demo.plan.families.map((f) => [f.local, f.count]),
    other.demo.plan.families.map((f) => [f.local, f.count]),
  );
});

test('the committed demo set conforms to the SHACL shapes generated from the model and to the published shapes', async () => {
  const d = generated.demo;
  const data = quads.map((q) => N3.DataFactory.quad(q.subject, q.predicate, q.object));
  const published = path.join(PROJECT_ROOT, 'shapes', 'ggm-shapes.ttl');
  const shapesGraphs: Array<[string, N3.Quad[]]> = [['generated', new N3.Parser().parse(generateShapes(model, d.plan.iris).toTurtle())]];
  shapesGraphs.push(['shapes/ggm-shapes.ttl', new N3.Parser().parse(await readFile(published, 'utf8'))]);
  for (const [name, shapes] of shapesGraphs) {
    assert.ok(shapes.length > 10_000, `${name}: a real shapes graph`);
    const outcome = await validate(data, shapes);
    const summary = outcome.results.slice(0, 10).map((r) => `${r.focusNode.value} ${r.pathText ?? ''}: ${r.message ?? ''}`);
    assert.equal(outcome.conforms, true, `${name}: violations (first 10 of ${outcome.results.length}):\n${summary.join('\n')}`);
  }
});

test('the validation would catch a broken demo set (missing mandatory relation, bad datatype)', async () => {
  const d = generated.demo;
  const shapes = new N3.Parser().parse(generateShapes(model, d.plan.iris).toTurtle());
  const heeftProfiel = d.plan.iris.relatie(
    model.relatiesoorten.find(
      (r) =>
        r.bron.classGuid === d.scenario.c.client.guid &&
        r.doel.multiplicity.min === 1 &&
        model.objecttypen.get(r.doel.classGuid)?.name === 'Profiel',
    )!.guid,
  );
  const bsnProperty = d.plan.iris.attribuut(d.scenario.c.bsn.guid);
  const persons = quads.filter((q) => q.predicate.value === bsnProperty);
  const broken = quads.filter((q) => q.predicate.value !== heeftProfiel).map((q) => N3.DataFactory.quad(q.subject, q.predicate, q.object));
  broken.push(
    N3.DataFactory.quad(
      persons[0]!.subject,
      N3.DataFactory.namedNode(bsnProperty),
      N3.DataFactory.literal('9999999990', N3.DataFactory.namedNode(`${NS.xsd}integer`)),
    ),
  );
  const outcome = await validate(broken, shapes);
  assert.equal(outcome.conforms, false);
  const paths = new Set(outcome.results.map((r) => r.path?.value));
  assert.ok(paths.has(heeftProfiel), 'missing client → profiel relations are reported');
  const focus = new Set(outcome.results.map((r) => r.focusNode.value));
  assert.ok(focus.has(persons[0]!.subject.value), 'a second, wrongly typed BSN is reported');
});

test('every domain with objecttypen has instances; every objecttype has at least one', (t) => {
  const typed = new Set(quads.filter((q) => q.predicate.value === RDF_TYPE).map((q) => q.object.value));
  const iris = generated.demo.plan.iris;
  const byDomain = new Map<string, { classes: string[]; missing: string[] }>();
  for (const ot of model.objecttypen.values()) {
    const domain = (ot.domeinGuid && model.domeinen.get(ot.domeinGuid)?.name) || 'Algemeen';
    const entry = byDomain.get(domain) ?? { classes: [], missing: [] };
    (typed.has(iris.objecttype(ot.guid)) ? entry.classes : entry.missing).push(ot.name);
    byDomain.set(domain, entry);
  }
  const lines: string[] = [];
  for (const [domain, { classes, missing }] of [...byDomain].sort()) {
    lines.push(
      `${domain} (${classes.length} classes with instances): ${classes.sort().join(', ')}${missing.length ? `; without: ${missing.join(', ')}` : ''}`,
    );
    assert.ok(classes.length > 0, `domain ${domain} has no instances`);
    for (const name of missing)
      assert.ok(EXCEPTIONS[name], `${domain}: objecttype ${name} has no instance and is not a documented exception`);
  }
  t.diagnostic(lines.join('\n'));
  // Domains without objecttypen of their own are containers of other domains.
  const withClasses = new Set([...model.objecttypen.values()].map((o) => o.domeinGuid));
  const containers = [...model.domeinen.values()].filter((d) => !withClasses.has(d.guid)).map((d) => d.name);
  t.diagnostic(`domains without objecttypen (containers): ${containers.join(', ')}`);
  const domainsWithClasses = new Set(
    [...model.objecttypen.values()].map((o) => (o.domeinGuid && model.domeinen.get(o.domeinGuid)?.name) || 'Algemeen'),
  );
  assert.equal(byDomain.size, domainsWithClasses.size);
  assert.ok(byDomain.size >= 40, `${byDomain.size} domains with objecttypen`);
});

test('the same residents appear in Burgerzaken (RSGB), Inkomen, Schuldhulpverlening, Wmo/Jeugd and Werk', () => {
  const d = generated.demo;
  const resident = new RegExp(`^${d.plan.config.instanceBase}id/ingeschrevenpersoon/`);
  const graphsOfResidents = new Map<string, Set<string>>();
  for (const q of quads) {
    if (q.object.termType === 'NamedNode' && resident.test(q.object.value)) {
      const s = graphsOfResidents.get(q.object.value) ?? new Set<string>();
      s.add(q.graph.value);
      graphsOfResidents.set(q.object.value, s);
    }
  }
  const g = (domain: string) => d.plan.graphOf(domain);
  const wanted = [g('Schuldhulpverlening'), g('Generiek Jeugd en Wmo'), g('Terug- en invordering')];
  const inAll = [...graphsOfResidents].filter(([, gs]) => wanted.every((w) => gs.has(w)));
  assert.ok(inAll.length > 0, 'some resident is referred to from Schuldhulpverlening, Wmo/Jeugd and Terug- en invordering');
  // Their BRP data is in the persons graph, their client and werkzoekende data in the social graphs.
  const subjectsIn = (graph: string) => new Set(quads.filter((q) => q.graph.value === graph).map((q) => q.subject.value));
  const personen = subjectsIn(g('Personen'));
  const werk = subjectsIn(g('Werk'));
  const sociaal = subjectsIn(g('Sociaal Domein Generiek'));
  assert.ok(inAll.every(([iri]) => personen.has(iri) && sociaal.has(iri)));
  assert.ok(
    [...werk].some((iri) => resident.test(iri) && personen.has(iri)),
    'werkzoekenden are residents',
  );
  const restricted = demoGraphs(d.plan)
    .filter((x) => x.restricted)
    .map((x) => x.graph);
  assert.ok(restricted.includes(g('Personen')) && restricted.includes(g('Schuldhulpverlening')) && !restricted.includes(g('BAG')));
});

test("BAG: nummeraanduidingen lie on a street in that street's woonplaats, unique addresses, every resident has one", () => {
  const store = new oxigraph.Store();
  store.load(committed, { format: 'application/trig' });
  const d = generated.demo;
  const bag = (name: string) =>
    [...model.objecttypen.values()].find((o) => o.name === name && model.domeinen.get(o.domeinGuid ?? '')?.name === 'BAG')!;
  const rel = (bron: string, doel: string, name: string) =>
    d.plan.iris.relatie(
      model.relatiesoorten.find((r) => r.bron.classGuid === bag(bron).guid && r.doel.classGuid === bag(doel).guid && r.name === name)!.guid,
    );
  const attr = (cls: string, name: string) => d.plan.iris.attribuut(bag(cls).attributen.find((a) => a.name === name)!.guid);
  const rows = store.query(
    `SELECT ?na ?postcode ?huisnummer ?straat ?wpStraat ?wpNa WHERE {
    ?na a <${d.plan.iris.objecttype(bag('Nummeraanduiding').guid)}> ;
      <${attr('Nummeraanduiding', 'postcode')}> ?postcode ; <${attr('Nummeraanduiding', 'huisnummer')}> ?huisnummer ;
      <${rel('Nummeraanduiding', 'OpenbareRuimte', 'Ligt aan')}> ?straat ; <${rel('Nummeraanduiding', 'Woonplaats', 'Ligt in')}> ?wpNa .
    ?straat <${rel('OpenbareRuimte', 'Woonplaats', 'Ligt in')}> ?wpStraat .
    FILTER(STRSTARTS(STR(?na), "${d.plan.config.instanceBase}id/nummeraanduiding-bag/"))
  }`,
    { use_default_graph_as_union: true },
  ) as Map<string, { value: string }>[];
  assert.equal(rows.length, d.plan.familyOf.get(bag('Nummeraanduiding').guid)!.count);
  for (const r of rows)
    assert.equal(r.get('wpNa')!.value, r.get('wpStraat')!.value, `${r.get('na')!.value} lies in the woonplaats of its street`);
  const addresses = rows.map((r) => `${r.get('postcode')!.value} ${r.get('huisnummer')!.value}`);
  assert.equal(new Set(addresses).size, addresses.length, 'postcode + huisnummer identify a nummeraanduiding');
  // Every living resident has an address; the deceased and the BRP's puntouders (unknown parents) have none.
  const homeless = (
    store.query(
      `SELECT ?p WHERE { ?p a <${d.plan.iris.objecttype(d.scenario.c.ingeschrevenPersoon.guid)}> FILTER NOT EXISTS { ?p <${d.plan.iris.relatie(model.relatiesoorten.find((r) => r.bron.classGuid === d.scenario.c.ingeschrevenPersoon.guid && r.doel.classGuid === bag('Nummeraanduiding').guid)!.guid)}> ?na } FILTER(STRSTARTS(STR(?p), "${d.plan.iriOf(d.plan.familyOf.get(d.scenario.c.ingeschrevenPersoon.guid)!, 0).slice(0, -1)}")) }`,
      { use_default_graph_as_union: true },
    ) as Map<string, { value: string }>[]
  )
    .map((r) => r.get('p')!.value)
    .sort();
  const residents = d.plan.familyOf.get(d.scenario.c.ingeschrevenPersoon.guid)!;
  const gone: string[] = [];
  for (let i = 0; i < residents.count; i++) {
    const x = d.scenario.inwoner(i, d.plan);
    if (x.generatie === 'overleden' || x.generatie === 'puntouder') gone.push(d.plan.iriOf(residents, i));
  }
  assert.ok(gone.length > 0);
  assert.deepEqual(homeless, gone.sort(), 'every living resident has an address, the deceased none');
});

test('BSNs pass the elfproef and are unique per person; IBANs have valid check digits', () => {
  const d = generated.demo;
  const bsnProperty = d.plan.iris.attribuut(d.scenario.c.bsn.guid);
  const bsns = quads.filter((q) => q.predicate.value === bsnProperty);
  assert.ok(bsns.length >= d.scenario.residents(1));
  for (const q of bsns)
    assert.ok(isValidBsn(q.object.value) && q.object.value.startsWith('9'), `BSN ${q.object.value} of ${q.subject.value}`);
  assert.equal(new Set(bsns.map((q) => q.object.value)).size, new Set(bsns.map((q) => q.subject.value)).size);
  const ibans = quads.filter((q) => q.object.termType === 'Literal' && /^NL\d\d[A-Z]{4}\d{10}$/.test(q.object.value));
  assert.ok(ibans.length > 10);
  for (const q of ibans) assert.ok(isValidIban(q.object.value), `IBAN ${q.object.value}`);
});

test('stadspas × energietoeslag: the SPARQL query answers exactly the residents the scenario gave both', () => {
  const d = generated.demo;
  const store = new oxigraph.Store();
  store.load(committed, { format: 'application/trig' });
  const { sparql } = stadspasEnEnergietoeslagQuery(d);
  const rows = store.query(sparql) as Map<string, { value: string }>[];
  const actual = rows.map((r) => ({ inwoner: r.get('inwoner')!.value, bsn: r.get('bsn')!.value }));
  const expected = stadspasEnEnergietoeslagExpected(d);
  assert.ok(expected.length > 0, 'the scenario has residents with both');
  assert.ok(expected.length < d.scenario.clients(1) / 2, 'and many clients without both');
  assert.deepEqual(actual, expected);
});

test('schuldhulp × Wmo/Jeugd: the SPARQL query answers the residents the generated trajecten and beschikkingen share', () => {
  const d = generated.demo;
  const store = new oxigraph.Store();
  store.load(committed, { format: 'application/trig' });
  const rows = store.query(schuldhulpEnWmoQuery(d).sparql) as Map<string, { value: string }>[];
  const expected = schuldhulpEnWmoExpected(d);
  assert.ok(expected.length >= 3, `${expected.length} residents in both`);
  assert.deepEqual(
    rows.map((r) => r.get('inwoner')!.value),
    expected,
  );
});

test('large sets stream to N-Quads atomically: same quads as TriG, no temporary file left', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'ggm-demo-'));
  try {
    const d = demo(model, { scale: 0.3, ...(register ? { register } : {}) });
    const file = path.join(dir, 'klein.nq');
    const sink = await fileSink(file, { prefixes: demoPrefixes(d.plan), header: demoHeader(d.plan) });
    await d.generator.run(sink);
    await sink.close();
    assert.deepEqual(await readdir(dir), ['klein.nq']);
    const nq = new N3.Parser({ format: 'application/n-quads' }).parse(await readFile(file, 'utf8'));
    assert.equal(nq.length, sink.triples);
    const trig = await demoText(model, 'trig', { scale: 0.3, ...(register ? { register } : {}) });
    const key = (q: N3.Quad) =>
      `${q.subject.value} ${q.predicate.value} ${q.object.termType}:${q.object.value}^^${(q.object as N3.Literal).datatype?.value ?? ''} ${q.graph.value}`;
    const trigQuads = new N3.Parser({ format: 'application/trig' }).parse(trig.text);
    assert.deepEqual(nq.map(key), trigQuads.map(key));
    // An aborted write leaves nothing behind.
    const aborted = await fileSink(path.join(dir, 'weg.nq'));
    aborted.add('<urn:a>', '<urn:b>', '<urn:c>', '<urn:g>');
    await aborted.abort();
    assert.deepEqual(await readdir(dir), ['klein.nq']);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
