/**
 * Source defects the quality report names for the GGM maintainers, on the real
 * release: double-encoded text (repaired where unambiguous, and then gone from
 * the published files), HTML entities in plain text, placeholder and ETL-note
 * definitions, date-named attributes typed as text, the attribute without GUID.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { cleanText, repairDoubleEncoding } from '../src/model/clean.js';
import { PROJECT_ROOT } from '../src/cli/paths.js';

const report = JSON.parse(await readFile(`${PROJECT_ROOT}/reports/kwaliteitsrapport.json`, 'utf8')) as {
  findings: { rule: string; severity: string; elementName?: string; message: string; guid?: string }[];
};
const byRule = (rule: string) => report.findings.filter((f) => f.rule === rule);

test('double encoding is repaired only where the bytes are one valid UTF-8 character', () => {
  assert.equal(repairDoubleEncoding('Aanduiding van Ã©Ã©n of meer').value, 'Aanduiding van één of meer');
  assert.equal(repairDoubleEncoding('MateriÃ«le â€˜levensduurâ€™').value, 'Materiële ‘levensduur’');
  assert.equal(repairDoubleEncoding('café, coördinatie, Ångström').value, 'café, coördinatie, Ångström');
  // E0 80 80 is an overlong (invalid) UTF-8 sequence: left as it is, and reported
  const broken = repairDoubleEncoding('à€€x');
  assert.deepEqual(broken.runs, [['à€€', undefined]]);
  assert.equal(broken.value, 'à€€x');
  assert.deepEqual(cleanText('&lsquo;Zettingsgevoelig&rsquo;').value, '‘Zettingsgevoelig’');
});

test('the published files carry no double-encoded text, and every repair is in the report', async () => {
  for (const f of ['ontology/ggm.ttl', 'ontology/codelijsten.ttl', 'ontology/ggm-mim.ttl', 'shapes/ggm-shapes.ttl']) {
    const text = await readFile(`${PROJECT_ROOT}/${f}`, 'utf8');
    const left = text.split('\n').filter((l) => /Ã[\u0080-\u00bf]|â€[˜™œ\u009d“”]/.test(l));
    assert.deepEqual(left.slice(0, 3), [], `${f}: ${left.length} lines still double-encoded`);
    assert.ok(!/&(lsquo|rsquo|ldquo|rdquo);/.test(text), `${f}: undecoded entity`);
  }
  const enc = byRule('source:double-encoded');
  assert.ok(enc.length > 100, `${enc.length}`);
  assert.ok(enc.every((f) => f.severity === 'warning' && /hersteld: "[^"]+" → "[^"]+"|niet eenduidig/.test(f.message)));
  assert.ok(enc.some((f) => f.message.includes('"Ã©" → "é"')));
  assert.ok(byRule('source:html-entity').some((f) => f.message.includes('&lsquo;')));
});

test('placeholder and ETL-note definitions, date-named text attributes and the GUID-less row are reported', () => {
  const names = (rule: string) => byRule(rule).map((f) => f.elementName);
  for (const i of [1, 2, 3])
    assert.ok(names('source:placeholder-definition').includes(`AfwijkendBuitenlandsCorrespondentieadresRol.adresBuitenland${i}`));
  for (const n of ['Aanvraagdata', 'Formuliersoort', 'Formuliersoortveld', 'Onderwerp'])
    assert.ok(names('source:etl-note-definition').includes(n), n);
  assert.ok(names('source:date-as-text').includes('NatuurlijkPersoon.datumGeboorte'));
  assert.ok(!names('source:date-as-text').some((n) => /datering/i.test(n ?? '')), 'datering is no datum');
  assert.ok(byRule('source:missing-guid').length >= 1);
});
