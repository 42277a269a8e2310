/**
 * The change log 2.5.0 → 2.5.1 (issue 13.2), checked against an independent diff of the two
 * xlsx files read here with exceljs (not through src/source): attributes matched by their id,
 * their name and type (primitive, else the code list's or class's name) compared; code-list values
 * matched by package, list name and value name. The GGM team's own log says every element was
 * removed and nothing added; this one must name exactly what changed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { readReleases } from '../src/generate/releases.js';
import type { ChangeLog } from '../src/generate/changelog.js';
import { PROJECT_ROOT, sharedDir } from '../src/cli/paths.js';

const releases = readReleases(PROJECT_ROOT);
const [latest, earlier] = [releases[0]!, releases[1]!];
const log = JSON.parse(readFileSync(path.join(PROJECT_ROOT, `releases/${latest.version}/wijzigingen.json`), 'utf8')) as ChangeLog;

type Row = Record<string, string>;
async function sheets(file: string): Promise<Map<string, Row[]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out = new Map<string, Row[]>();
  for (const ws of wb.worksheets) {
    const header = (ws.getRow(1).values as unknown[]).map((v) => (typeof v === 'string' ? v : ''));
    const rows: Row[] = [];
    ws.eachRow((row, i) => {
      if (i === 1) return;
      const r: Row = {};
      header.forEach((h, c) => {
        if (h) r[h] = row.getCell(c).text.trim();
      });
      rows.push(r);
    });
    out.set(ws.name, rows);
  }
  return out;
}

const [a, b] = await Promise.all([sheets(path.join(sharedDir(), earlier.source)), sheets(path.join(sharedDir(), latest.source))]);

function attributeFacts(s: Map<string, Row[]>) {
  const enumName = new Map(s.get('enumerations')!.map((e) => [e.id!, e.name!.replace(/^enum[_ ]/i, '')]));
  const className = new Map(s.get('classes')!.map((c) => [c.id!, c.name!]));
  return new Map(
    s
      .get('attributes')!
      .filter((r) => r.id)
      .map((r) => [
        r.id!,
        {
          name: r.name!,
          type: r.enumeration_id
            ? `enum ${enumName.get(r.enumeration_id)}`
            : r.type_class_id
              ? `class ${className.get(r.type_class_id)}`
              : `primitive ${r.primitive!.toLowerCase()}`,
        },
      ]),
  );
}

test('the attributes that changed: exactly those whose name or type differs between the two xlsx files', () => {
  const fa = attributeFacts(a);
  const fb = attributeFacts(b);
  const renamed = [...fb]
    .filter(([id, f]) => fa.has(id) && fa.get(id)!.name !== f.name)
    .map(([id]) => id)
    .sort();
  const retyped = [...fb]
    .filter(([id, f]) => fa.has(id) && fa.get(id)!.type !== f.type)
    .map(([id]) => id)
    .sort();
  assert.equal(renamed.length, 4, 'the four Standplaats attributes');
  assert.equal(retyped.length, 2, 'opTalud and onbegroeidTerreindeelOpTalud');
  const logged = (kind: string) =>
    log.changes
      .filter((c) => c.element === 'attribuutsoort' && c.change === kind)
      .map((c) => c.guid)
      .sort();
  assert.deepEqual(logged('renamed'), renamed);
  assert.deepEqual(logged('type'), retyped);
  assert.deepEqual(logged('added'), [...fb.keys()].filter((id) => !fa.has(id)).sort());
  assert.deepEqual(logged('removed'), [...fa.keys()].filter((id) => !fb.has(id)).sort());
  for (const c of log.changes.filter((x) => x.element === 'attribuutsoort' && x.change === 'renamed')) {
    assert.equal(c.before, fa.get(c.guid)!.name);
    assert.equal(c.after, fb.get(c.guid)!.name);
  }
});

test('code-list values added and removed: exactly the difference of the two enumerationliterals sheets', () => {
  const values = (s: Map<string, Row[]>) => {
    const enums = new Map(s.get('enumerations')!.map((e) => [e.id!, `${e.package_id}/${e.name!.replace(/^enum[_ ]/i, '')}`]));
    const counts = new Map<string, number>();
    for (const r of s.get('enumerationliterals')!) {
      const k = `${enums.get(r.enumeratie_id!)}: ${r.name}`;
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    return counts;
  };
  const va = values(a);
  const vb = values(b);
  const more = (x: Map<string, number>, y: Map<string, number>) =>
    [...x].flatMap(([k, n]) => Array(Math.max(0, n - (y.get(k) ?? 0))).fill(k.replace(/^.*\//, ''))).sort();
  const logged = (kind: string) =>
    log.changes
      .filter((c) => c.element === 'waarde' && c.change === kind)
      .map((c) => c.name)
      .sort();
  assert.deepEqual(logged('added'), more(vb, va));
  assert.deepEqual(logged('removed'), more(va, vb));
  assert.ok(logged('added').includes('statusVerblijfsobject: verblijfsobject verbouwing'), logged('added').join(', '));
});

test('nothing else is reported as removed, and the counts add up', () => {
  assert.equal(log.from, earlier.version);
  assert.equal(log.to, latest.version);
  assert.equal(log.changes.filter((c) => c.element === 'objecttype' && c.change === 'removed').length, 0);
  assert.equal(log.changes.filter((c) => c.element === 'codelijst' && c.change === 'removed').length, 0, 're-issued GUIDs are no removal');
  assert.equal(
    Object.values(log.counts).reduce((x, y) => x + y, 0),
    log.changes.length,
  );
  for (const c of log.changes) assert.match(c.iri, /^https:\/\/gemeentelijkgegevensmodel\.nl\/def\/ggm\//, JSON.stringify(c));
});
