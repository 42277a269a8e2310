// Literal checks that both SHACL engines apply alike (src/data/validate/literal-forms.ts):
// dates that do not exist in the calendar are refused, and sh:maxLength / sh:minLength
// count characters (code points), so emoji and supplementary-plane characters count once.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Parser } from 'n3';
import { characterCount, isCalendarDate } from '../src/data/validate/literal-forms.js';
import { compiledEngine, shaclEngine, termText, validate, type ValidationOutcome } from '../src/data/validate/index.js';

const shapes = new Parser().parse(`
  @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix ex: <http://example.org/> .
  ex:S a sh:NodeShape ; sh:targetClass ex:Melding ;
    sh:property [ sh:path ex:datum ; sh:datatype xsd:date ] ,
                [ sh:path ex:tijdstip ; sh:datatype xsd:dateTime ] ,
                [ sh:path ex:tekst ; sh:maxLength 17 ] ,
                [ sh:path ex:teken ; sh:maxLength 1 ; sh:minLength 1 ] .`);

const data = new Parser().parse(`
  @prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix ex: <http://example.org/> .
  ex:ok a ex:Melding ; ex:datum "2024-02-29"^^xsd:date, "2000-02-29"^^xsd:date, "2024-12-31Z"^^xsd:date ;
    ex:tijdstip "2024-02-29T23:59:59+01:00"^^xsd:dateTime ;
    ex:tekst "Melding via app 👍", "Ĳsselmeer café 17" ; ex:teken "𠮷", "é" .
  ex:bad a ex:Melding ; ex:datum "2024-02-30"^^xsd:date, "2023-02-29"^^xsd:date, "1900-02-29"^^xsd:date, "2024-04-31"^^xsd:date ;
    ex:tijdstip "2024-02-30T10:00:00"^^xsd:dateTime ;
    ex:tekst "Melding via app 👍👍" ; ex:teken "𠮷𠮷" .`);

const summary = (o: ValidationOutcome) =>
  o.results
    .map((r) => `${termText(r.focusNode)} ${r.pathText} ${r.value ? termText(r.value) : ''} ${r.constraint.value.split('#')[1]}`)
    .sort();

test('calendar dates and character counts', () => {
  for (const d of ['2024-02-29', '2000-02-29', '2023-12-31', '-0044-03-15', '2024-02-29T10:00:00Z'])
    assert.equal(isCalendarDate(d), true, d);
  for (const d of ['2024-02-30', '2023-02-29', '1900-02-29', '2024-04-31', '2024-13-01', '2024-00-10', '2024-01-00'])
    assert.equal(isCalendarDate(d), false, d);
  assert.equal(characterCount('Melding via app 👍'), 17);
  assert.equal('Melding via app 👍'.length, 18);
  assert.equal(characterCount('𠮷'), 1);
  assert.equal(characterCount('\ud800'), 1); // a lone surrogate counts as one
});

test('both engines refuse dates that do not exist and count code points for sh:maxLength / sh:minLength', async () => {
  const expected = [
    '<http://example.org/bad> <http://example.org/datum> "1900-02-29"^^<http://www.w3.org/2001/XMLSchema#date> DatatypeConstraintComponent',
    '<http://example.org/bad> <http://example.org/datum> "2023-02-29"^^<http://www.w3.org/2001/XMLSchema#date> DatatypeConstraintComponent',
    '<http://example.org/bad> <http://example.org/datum> "2024-02-30"^^<http://www.w3.org/2001/XMLSchema#date> DatatypeConstraintComponent',
    '<http://example.org/bad> <http://example.org/datum> "2024-04-31"^^<http://www.w3.org/2001/XMLSchema#date> DatatypeConstraintComponent',
    '<http://example.org/bad> <http://example.org/tekst> "Melding via app 👍👍" MaxLengthConstraintComponent',
    '<http://example.org/bad> <http://example.org/teken> "𠮷𠮷" MaxLengthConstraintComponent',
    '<http://example.org/bad> <http://example.org/tijdstip> "2024-02-30T10:00:00"^^<http://www.w3.org/2001/XMLSchema#dateTime> DatatypeConstraintComponent',
  ].sort();
  assert.deepEqual(summary(await validate(data, shapes, { engine: compiledEngine })), expected);
  assert.deepEqual(summary(await validate(data, shapes, { engine: shaclEngine })), expected);
});
