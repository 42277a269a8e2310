/**
 * Table-driven: every primitive-type spelling in the real v2.5.1 release is
 * checked against the GGM cookbook's own table (read from the cookbook file,
 * not copied into the test).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadGgmModel } from '../src/source/index.js';
import { readWorkbook } from '../src/source/xlsx.js';
import { resolvePrimitive } from '../src/model/datatypes.js';
import { defaultRelease, sharedDir } from '../src/cli/paths.js';

const XSD = 'http://www.w3.org/2001/XMLSchema#';
/** MIM primitive (as the cookbook names it) → the XSD datatype the issue prescribes. */
const EXPECTED_XSD: Record<string, string> = {
  // an XSD datatype, or 'geometry'
  CharacterString: `${XSD}string`,
  Integer: `${XSD}integer`,
  Decimal: `${XSD}decimal`,
  Boolean: `${XSD}boolean`,
  Date: `${XSD}date`,
  DateTime: `${XSD}dateTime`,
  Time: `${XSD}time`,
  URI: `${XSD}anyURI`,
  Bedrag: `${XSD}decimal`,
  Email: `${XSD}string`,
  Blob: `${XSD}base64Binary`,
  'Onvolledige datum': `${XSD}date`,
  GM_Point: 'geometry',
  GUID: `${XSD}string`,
  'GM_… (Geofamilie)': 'geometry',
};

async function cookbookTable(): Promise<{ variants: Map<string, string>; gmFamily: boolean }> {
  const md = await readFile(path.join(sharedDir(), 'ggm/docs/cookbook/modelelementen.md'), 'utf8');
  const section = md.slice(md.indexOf('### Ondersteunde primitieve datatypes'), md.indexOf('### Ondersteuning overige'));
  const variants = new Map<string, string>();
  let gmFamily = false;
  for (const line of section.split('\n')) {
    const m = /^\|\s*\[([^\]]+)\]\([^)]*\)\s*\|[^|]*\|\s*([^|]+)\|/.exec(line);
    if (!m) continue;
    const mim = m[1]!.replace(/\s*\(Extensie op MIM\)/, '').trim();
    assert.ok(mim in EXPECTED_XSD, `cookbook primitive "${mim}" has an expected XSD mapping in this test`);
    if (mim.startsWith('GM_…')) {
      gmFamily = true;
      continue;
    }
    for (const v of m[2]!.split(',')) {
      const s = v.replace(/\*\*/g, '').trim().toLowerCase();
      if (s === '' || s.startsWith('an..') || s.startsWith('n..')) continue;
      variants.set(s, mim);
    }
  }
  return { variants, gmFamily };
}

test('every primitive spelling of the release resolves as the cookbook table says', async () => {
  const { variants, gmFamily } = await cookbookTable();
  assert.ok(variants.size >= 50, `cookbook table parsed (${variants.size} variants)`);
  assert.ok(gmFamily);
  const sheets = await readWorkbook(defaultRelease());
  const spellings = new Set<string>();
  for (const r of sheets.get('attributes')!.rows) spellings.add(r.values.primitive ?? '');
  assert.equal(spellings.size, 726, 'the release has 726 distinct spellings');
  let covered = 0;
  const failures: string[] = [];
  for (const raw of spellings) {
    const s = raw.trim();
    const key = s.toLowerCase();
    let expected: { xsd: string; maxLength?: number; totalDigits?: number; fractionDigits?: number } | undefined;
    const an = /^an(\d+)$/i.exec(s);
    const n = /^n(\d+)(?:[.,](\d+))?$/i.exec(s);
    if (an) expected = { xsd: `${XSD}string`, maxLength: Number(an[1]) };
    else if (n)
      expected = n[2]
        ? { xsd: `${XSD}decimal`, totalDigits: Number(n[1]), fractionDigits: Number(n[2]) }
        : { xsd: `${XSD}integer`, totalDigits: Number(n[1]) };
    else if (variants.has(key)) expected = { xsd: EXPECTED_XSD[variants.get(key)!]! };
    else if (/^gm_/i.test(s)) expected = { xsd: 'geometry' };
    if (!expected) continue;
    covered++;
    const got = resolvePrimitive(raw);
    if (!got) {
      failures.push(`${JSON.stringify(raw)}: not resolved`);
      continue;
    }
    if (expected.xsd === 'geometry') {
      if (got.kind !== 'geometry') failures.push(`${JSON.stringify(raw)}: expected geometry, got ${got.kind}`);
      continue;
    }
    if (got.kind !== 'primitive' || got.xsd !== expected.xsd)
      failures.push(`${JSON.stringify(raw)}: expected ${expected.xsd}, got ${JSON.stringify(got)}`);
    else {
      if (expected.maxLength !== undefined && got.maxLength !== expected.maxLength)
        failures.push(`${JSON.stringify(raw)}: maxLength ${got.maxLength}`);
      if (expected.totalDigits !== undefined && got.totalDigits !== expected.totalDigits)
        failures.push(`${JSON.stringify(raw)}: totalDigits ${got.totalDigits}`);
      if (expected.fractionDigits !== undefined && got.fractionDigits !== expected.fractionDigits)
        failures.push(`${JSON.stringify(raw)}: fractionDigits ${got.fractionDigits}`);
    }
  }
  assert.deepEqual(failures, []);
  assert.ok(covered >= 100, `the table covers ${covered} spellings`);
});

test('spellings outside the table are a relation/code-list range, a reported guess, or a reported error — never a silent string', async () => {
  const model = await loadGgmModel(defaultRelease());
  const reported = new Map<string, string>();
  for (const f of model.findings) if (f.guid && (f.rule === 'm3' || f.rule === 'datatype:guessed')) reported.set(f.guid, f.rule);
  let checked = 0;
  for (const ot of model.objecttypen.values()) {
    for (const a of ot.attributen) {
      const t = a.type;
      if (t.kind === 'unresolved') assert.equal(reported.get(a.guid), 'm3', `${ot.name}.${a.name} (${a.typeSpelling}) is reported as m3`);
      else if ((t.kind === 'primitive' || t.kind === 'geometry') && t.guessed) assert.equal(reported.get(a.guid), 'datatype:guessed');
      else if (t.kind === 'primitive' && t.xsd === `${XSD}string`) {
        // a string type must come from a spelling the table or AN<n> covers
        assert.ok(
          /^an\d+$/i.test(a.typeSpelling) || resolvePrimitive(a.typeSpelling)?.kind === 'primitive',
          `${a.typeSpelling} is a string spelling`,
        );
      }
      checked++;
    }
  }
  assert.ok(checked > 4000);
});
