/**
 * IRI stability: an element present in both v2.5.0 and v2.5.1 (same GUID, or
 * same qualified name for enumerations, which got new GUIDs in 2.5.1) gets the
 * same IRI in both builds. Also: IRIs are ASCII, without whitespace or '%', unique.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadGgmModel } from '../src/source/index.js';
import { lowerCamel } from '../src/iri/names.js';
import { enumKey as qualifiedEnumKey, GgmIris, iriConfig, mintNames, updatedRegister } from '../src/iri/index.js';
import type { GgmModel } from '../src/model/types.js';
import { defaultRelease } from '../src/cli/paths.js';

const [m0, m1] = await Promise.all([loadGgmModel(defaultRelease('2.5.0')), loadGgmModel(defaultRelease('2.5.1'))]);
const cfg = iriConfig({ vocabBase: 'https://example.org/ggm/' });
// The release process: build v2.5.0, keep its IRI register, build v2.5.1 with it.
const n0 = mintNames(m0);
const i0 = new GgmIris(cfg, n0, m0.version);
const i1 = new GgmIris(cfg, mintNames(m1, updatedRegister(m0, n0)), m1.version);

function enumKey(m: GgmModel, guid: string): string {
  return qualifiedEnumKey(m, m.enumeraties.get(guid)!);
}

test('classes, attributes and relations keep their IRIs from v2.5.0 to v2.5.1 (matched by GUID)', () => {
  let same = 0;
  const changed: string[] = [];
  for (const [guid, ot] of m1.objecttypen) {
    if (!m0.objecttypen.has(guid)) continue;
    if (i0.objecttype(guid) === i1.objecttype(guid)) same++;
    else changed.push(`${ot.name}: ${i0.objecttype(guid)} → ${i1.objecttype(guid)}`);
    const old = new Set(m0.objecttypen.get(guid)!.attributen.map((a) => a.guid));
    for (const a of ot.attributen) {
      if (!old.has(a.guid)) continue;
      if (i0.attribuut(a.guid) === i1.attribuut(a.guid)) same++;
      else changed.push(`${ot.name}.${a.name}: ${i0.attribuut(a.guid)} → ${i1.attribuut(a.guid)}`);
    }
  }
  const rel0 = new Set(m0.relatiesoorten.map((r) => r.guid));
  for (const r of m1.relatiesoorten) {
    if (!rel0.has(r.guid)) continue;
    if (i0.relatie(r.guid) === i1.relatie(r.guid)) same++;
    else changed.push(`relation ${r.name}: ${i0.relatie(r.guid)} → ${i1.relatie(r.guid)}`);
  }
  assert.deepEqual(changed, []);
  assert.ok(same > 6000, `${same} elements compared`);
});

test('code lists and their values keep their IRIs although the enumerations got new GUIDs (matched by qualified name)', () => {
  const byKey0 = new Map([...m0.enumeraties.keys()].map((g) => [enumKey(m0, g), g]));
  let matched = 0;
  const changed: string[] = [];
  for (const [g1, e1] of m1.enumeraties) {
    const g0 = byKey0.get(enumKey(m1, g1));
    if (!g0) continue;
    matched++;
    if (i0.enumeratie(g0) !== i1.enumeratie(g1)) changed.push(`${e1.name}: ${i0.enumeratie(g0)} → ${i1.enumeratie(g1)}`);
    // values: same GUID, else the same name (when the name occurs once)
    const old = m0.enumeraties.get(g0)!.waarden;
    const byGuid = new Set(old.map((w) => w.guid));
    const byName = new Map<string, string | null>();
    for (const w of old) byName.set(w.name, byName.has(w.name) ? null : w.guid);
    for (const w of e1.waarden) {
      const w0 = byGuid.has(w.guid) ? w.guid : byName.get(w.name);
      if (w0 && i0.waarde(g0, w0) !== i1.waarde(g1, w.guid)) changed.push(`${e1.name}/${w.name}`);
    }
  }
  const newGuids = [...m1.enumeraties.keys()].filter((g) => !m0.enumeraties.has(g)).length;
  assert.ok(newGuids > 100, `many enumerations have new GUIDs in 2.5.1 (${newGuids})`);
  assert.ok(matched >= 500, `${matched} enumerations matched by qualified name`);
  assert.deepEqual(changed, []);
});

test('a renamed attribute keeps its IRI; without the register its name-based IRI would change', () => {
  const renamed = [...m1.objecttypen.values()]
    .flatMap((ot) => ot.attributen.map((a) => ({ ot, a })))
    .filter(({ ot, a }) =>
      m0.objecttypen.get(ot.guid)?.attributen.some((b) => b.guid === a.guid && lowerCamel(b.name) !== lowerCamel(a.name)),
    );
  assert.ok(renamed.length > 0, 'the releases contain renamed attributes');
  const fresh = new GgmIris(cfg, mintNames(m1), m1.version);
  for (const { a } of renamed) {
    assert.equal(i1.attribuut(a.guid), i0.attribuut(a.guid));
    assert.notEqual(fresh.attribuut(a.guid), i0.attribuut(a.guid));
  }
});

test('every vocabulary IRI is ASCII, has no whitespace or %, and is unique', () => {
  const all = new Map<string, string>();
  const add = (iri: string, what: string) => {
    assert.match(iri, /^[\x21-\x7e]+$/, `${what}: ${iri}`);
    assert.ok(!iri.includes('%'), `${what}: ${iri}`);
    const prev = all.get(iri);
    assert.equal(prev, undefined, `${iri} minted for both ${prev} and ${what}`);
    all.set(iri, what);
  };
  for (const ot of m1.objecttypen.values()) {
    add(i1.objecttype(ot.guid), `class ${ot.guid}`);
    for (const a of ot.attributen) add(i1.attribuut(a.guid), `attribute ${a.guid}`);
  }
  for (const r of m1.relatiesoorten) {
    add(i1.relatie(r.guid), `relation ${r.guid}`);
    const inv = i1.inverseRelatie(r.guid);
    if (inv) add(inv, `inverse ${r.guid}`);
  }
  for (const e of m1.enumeraties.values()) {
    add(i1.enumeratie(e.guid), `code list ${e.guid}`);
    for (const w of e.waarden) add(i1.waarde(e.guid, w.guid), `value ${w.guid}`);
  }
  for (const d of m1.domeinen.values()) add(i1.domein(d), `domain ${d.guid}`);
  assert.ok(all.size > 10000);
  // readable: classes UpperCamelCase, properties lowerCamelCase after the owner
  for (const ot of m1.objecttypen.values())
    assert.match(i1.objecttype(ot.guid).slice(i1.ns.ggm.length), /^[A-Z0-9][A-Za-z0-9]*(_[A-Za-z0-9]+)*$/);
  for (const ot of m1.objecttypen.values())
    for (const a of ot.attributen)
      assert.match(i1.attribuut(a.guid).slice(i1.ns.ggm.length), /^[a-z0-9][A-Za-z0-9_]*\.[a-z0-9][A-Za-z0-9_]*$/);
});
