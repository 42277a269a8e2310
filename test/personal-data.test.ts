/**
 * Personal data as a property of the model (src/model/personal.ts) on the real
 * release, and its publication in ontology/persoonsgegevens.ttl: every class
 * under NatuurlijkPersoon (from the committed ontology's rdfs:subClassOf), the
 * roles and staff classes are personal, things are not; every property of a
 * personal class and every property pointing at one is marked, and the
 * committed file says so for each with the reason.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import N3 from 'n3';
import { loadGgmModel } from '../src/source/index.js';
import { personalData } from '../src/model/personal.js';
import { NS } from '../src/iri/index.js';
import { PROJECT_ROOT, defaultRelease } from '../src/cli/paths.js';

const model = await loadGgmModel(defaultRelease());
const personal = personalData(model);
const parse = (file: string) =>
  new N3.Store(new N3.Parser({ format: 'text/turtle' }).parse(readFileSync(path.join(PROJECT_ROOT, file), 'utf8')));
const ontology = parse('ontology/ggm.ttl');
const published = parse('ontology/persoonsgegevens.ttl');
const GGM = 'https://gemeentelijkgegevensmodel.nl/def/ggm/';
const MARK = `${GGM}betreftNatuurlijkPersoon`;
const byName = (n: string) => [...model.objecttypen.values()].filter((o) => o.name === n).map((o) => o.guid);

test('NatuurlijkPersoon and every class under it (by the published rdfs:subClassOf) are personal', () => {
  const under = new Set([`${GGM}NatuurlijkPersoon`]);
  for (let grew = true; grew;) {
    grew = false;
    for (const q of ontology.getQuads(null, `${NS.rdfs}subClassOf`, null, null))
      if (under.has(q.object.value) && !under.has(q.subject.value)) {
        under.add(q.subject.value);
        grew = true;
      }
  }
  assert.ok(under.size >= 20, `${under.size} classes under NatuurlijkPersoon`);
  for (const c of under) assert.ok(published.countQuads(c, MARK, null, null) === 1, `${c} is marked personal`);
});

test('roles of persons and staff are personal; things and roles that may be organisations are not', () => {
  for (const n of [
    'NatuurlijkPersoon',
    'IngeschrevenPersoon',
    'Client',
    'Leerling',
    'Werkzoekende',
    'Werknemer',
    'Medewerker',
    'Auteur',
    'Sollicitant',
    'Aanwezige Deelnemer',
  ])
    for (const g of byName(n)) assert.ok(personal.classes.has(g), `${n} is personal`);
  for (const n of ['Zaak', 'Pand', 'Nummeraanduiding', 'Object', 'Betrokkene', 'NietNatuurlijkPersoon', 'Beschikking', 'Gemeente'])
    for (const g of byName(n)) assert.ok(!personal.classes.has(g), `${n} is not personal`);
});

test('every attribute of a personal class and every relation from or to one is personal, and published with its reason', () => {
  let checked = 0;
  for (const o of model.objecttypen.values()) {
    for (const a of o.attributen) {
      const expected = personal.classes.has(o.guid) || (a.type.kind === 'objecttype' && personal.classes.has(a.type.guid));
      assert.equal(personal.properties.has(a.guid), expected, `${o.name}.${a.name}`);
      if (expected) checked++;
    }
  }
  for (const r of model.relatiesoorten) {
    const expected = personal.classes.has(r.bron.classGuid) || personal.classes.has(r.doel.classGuid);
    assert.equal(personal.properties.has(r.guid), expected, `relation ${r.name} (${r.guid})`);
  }
  assert.ok(checked > 100, `${checked} personal attributes`);
  // The published file: each marked term is a term of the ontology, with a Dutch reason.
  const marked = published.getQuads(null, MARK, null, null);
  assert.ok(marked.length >= personal.properties.size, `${marked.length} marked terms`);
  for (const q of marked) {
    assert.ok(ontology.countQuads(q.subject, `${NS.rdf}type`, null, null) > 0, `${q.subject.value} is a term of ggm.ttl`);
    assert.match(q.object.value, /natuurlijk persoon|subklasse van|kenmerk van|verwijst naar|relatie van/);
  }
  // Kwetsbare jongere (a pupil's attribute) and a link into the persons domain are marked.
  for (const local of ['leerling.kwetsbareJongere', 'object.isIngezetene'])
    assert.ok(published.countQuads(`${GGM}${local}`, MARK, null, null) === 1, `${local} is marked personal`);
});
