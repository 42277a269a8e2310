import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadGgmModel, SourceError } from '../src/source/index.js';
import { COLUMNS, miniModel, writeWorkbook } from './support/mini-workbook.js';

const tmp = await mkdtemp(path.join(os.tmpdir(), 'ggm-reader-'));

test('reads a crunch_uml workbook into the typed model, cleaning residue and placeholders', async () => {
  const file = path.join(tmp, 'ggm-9.9.9.xlsx');
  await writeWorkbook(file, miniModel());
  const m = await loadGgmModel(file);
  assert.equal(m.version, '9.9.9');
  assert.equal(m.objecttypen.size, 2);
  const persoon = m.objecttypen.get('EAID_PERSOON')!;
  assert.equal(persoon.definitie, 'Een mens', 'HTML converted to text and #NOTES# residue removed');
  assert.equal(m.objecttypen.get('EAID_INGESCHREVEN')!.toelichting, undefined, '<memo> is no value');
  assert.equal(persoon.domeinGuid, 'EAPK_DOM');
  const types = Object.fromEntries(persoon.attributen.map((a) => [a.name, a.type]));
  assert.deepEqual(types.geslachtsnaam, {
    kind: 'primitive',
    mim: 'CharacterString',
    xsd: 'http://www.w3.org/2001/XMLSchema#string',
    maxLength: 200,
  });
  assert.equal((types.geboortedatum as { xsd: string }).xsd, 'http://www.w3.org/2001/XMLSchema#date');
  assert.deepEqual(types.geslacht, { kind: 'enumeratie', guid: 'EAID_E_GESL' });
  // the EAID_dst… row is an association end, not an attribute
  assert.equal(m.objecttypen.get('EAID_INGESCHREVEN')!.attributen.length, 0);
  const rel = m.relatiesoorten[0]!;
  assert.equal(rel.doel.navigable, true);
  assert.equal(rel.doel.endGuid, 'EAID_dstSOC_0001');
  assert.deepEqual(rel.bron.multiplicity, { min: 0 }, '-1 is unbounded');
  assert.deepEqual(rel.doel.multiplicity, { min: 1, max: 1 });
  assert.equal(m.generalisaties.length, 1);
  const rules = new Set(m.findings.map((f) => f.rule));
  assert.ok(rules.has('clean:notes-residue') && rules.has('clean:html-stripped') && rules.has('clean:placeholder'));
  const residue = m.findings.find((f) => f.rule === 'clean:notes-residue')!;
  assert.equal(residue.guid, 'EAID_PERSOON');
  assert.deepEqual(residue.origin, { file: 'ggm-9.9.9.xlsx', sheet: 'classes', row: 2 });
  assert.equal(residue.packagePath, 'Test GGM / Burgerzaken / Model Burgerzaken');
});

test('a missing sheet is an error naming the file and the sheet', async () => {
  const file = path.join(tmp, 'no-assoc.xlsx');
  const cols = { ...COLUMNS };
  delete (cols as Record<string, string[]>).associations;
  await writeWorkbook(file, miniModel(), cols);
  await assert.rejects(
    loadGgmModel(file),
    (e: unknown) => e instanceof SourceError && /no-assoc\.xlsx/.test(e.message) && /missing sheet "associations"/.test(e.message),
  );
});

test('a missing column is an error naming file, sheet, row and column', async () => {
  const file = path.join(tmp, 'no-column.xlsx');
  await writeWorkbook(file, miniModel(), { ...COLUMNS, attributes: COLUMNS.attributes!.filter((c) => c !== 'clazz_id') });
  await assert.rejects(
    loadGgmModel(file),
    (e: unknown) => e instanceof SourceError && e.sheet === 'attributes' && e.column === 'clazz_id' && e.row === 1,
  );
});

test('a file that is not an xlsx, a corrupt xlsx and a missing file are clear errors', async () => {
  const text = path.join(tmp, 'not.xlsx');
  await writeFile(text, 'id;name\n1;Zaak\n');
  await assert.rejects(loadGgmModel(text), /not\.xlsx: not an \.xlsx workbook/);
  const corrupt = path.join(tmp, 'corrupt.xlsx');
  await writeFile(corrupt, Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(200, 7)]));
  await assert.rejects(loadGgmModel(corrupt), /corrupt\.xlsx: corrupt \.xlsx workbook/);
  await assert.rejects(loadGgmModel(path.join(tmp, 'absent.xlsx')), /absent\.xlsx: cannot read the file \(ENOENT\)/);
});

test('dangling references become quality findings with sheet and row, never silent', async () => {
  const rows = miniModel();
  rows.attributes!.push({ id: 'EAID_A_WEES', name: 'wees', clazz_id: 'EAID_ONBEKEND', primitive: 'AN10' });
  rows.associations!.push({
    id: 'EAID_ASSOC_0002',
    name: 'kent',
    src_class_id: 'EAID_PERSOON',
    dst_class_id: 'EAID_NERGENS',
    src_mult_start: '1',
    src_mult_end: '1',
    dst_mult_start: '0',
    dst_mult_end: '1',
  });
  rows.generalizations!.push({ id: 'EAID_G_2', subclass_id: 'EAID_PERSOON', superclass_id: 'EAID_PERSOON' });
  rows.attributes!.push({ id: 'EAID_A_RAAR', name: 'raar', clazz_id: 'EAID_PERSOON', primitive: 'Kwantumgetal' });
  const file = path.join(tmp, 'dangling.xlsx');
  await writeWorkbook(file, rows);
  const m = await loadGgmModel(file);
  const by = (guid: string) => m.findings.find((f) => f.guid === guid);
  assert.match(by('EAID_A_WEES')!.message, /unknown class EAID_ONBEKEND; not published/);
  assert.equal(by('EAID_A_WEES')!.origin!.row, 6);
  assert.equal(by('EAID_ASSOC_0002')!.rule, 'm6');
  assert.match(by('EAID_G_2')!.message, /to itself/);
  const raar = by('EAID_A_RAAR')!;
  assert.equal(raar.rule, 'm3');
  assert.equal(raar.severity, 'error');
  assert.equal(m.objecttypen.get('EAID_PERSOON')!.attributen.find((a) => a.name === 'raar')!.type.kind, 'unresolved');
});
