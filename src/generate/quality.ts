/**
 * The quality report: every violation of the GGM design rules m1–m7 and every
 * cleaning/resolution decision that lost or guessed information, each with
 * the element's package path and GUID; plus the classes that share a name.
 */
import type { GgmModel, QualityFinding } from '../model/types.js';
import type { SharedName } from '../model/rules.js';

export interface QualityReport {
  model: { name: string; version: string; sourceFile: string };
  counts: Record<string, number>;
  summary: { rule: string; description: string; severity: string; count: number }[];
  findings: QualityFinding[];
  sharedClassNames: SharedName[];
}

const RULES: Record<string, string> = {
  m1: 'Ontwerpregel m1: definities verplicht bij objecttypen en enumeraties',
  m2: 'Ontwerpregel m2: naamgeving verplicht',
  m3: 'Ontwerpregel m3: attributen hebben een ondersteund datatype',
  m4: 'Ontwerpregel m4: objecttypen hebben minstens één attribuut',
  m5: 'Ontwerpregel m5: enumeraties hebben minstens één waarde',
  m6: 'Ontwerpregel m6: relaties en generalisaties hebben een begin- en eindpunt',
  m7: 'Ontwerpregel m7: kardinaliteit verplicht',
  'clean:notes-residue': 'Opschoning: restant van EA tagged-value-beschrijving (#NOTES#) verwijderd',
  'clean:placeholder': 'Opschoning: plaatshouder (<memo>, nan, None) als "geen waarde" gelezen',
  'clean:html-stripped': 'Opschoning: HTML-opmaak omgezet naar platte tekst',
  'datatype:guessed': 'Datatype: schrijfwijze buiten de tabel van het kookboek, afbeelding beredeneerd',
  'datatype:by-name': 'Datatype: type op naam gevonden (geen verwijzing naar klasse of enumeratie in de bron)',
  'naming:unnamed-association': 'Naamgeving: associatie zonder naam, label afgeleid',
  'naming:qualified': 'Naamgeving: gedeelde of botsende naam, IRI gekwalificeerd',
  'source:not-a-model-element': 'Bron: klasse zonder stereotype Objecttype (diagramartefact), niet gepubliceerd',
  'source:association-end': 'Bron: rij in het attributenblad die het navigeerbare einde van een associatie is (geen attribuut)',
  'source:orphan-association-end': 'Bron: associatie-einde zonder gepubliceerde associatie',
  'source:dangling-reference': 'Bron: verwijzing naar een onbekend element',
  'source:missing-guid': 'Bron: element zonder GUID',
  'source:version': 'Bron: versienummer in het model wijkt af van de release',
  'source:release-date': 'Bron: releasedatum in het model wijkt af van de release',
  'source:double-encoded': 'Bron: dubbel gecodeerde tekst ("Ã©Ã©n"), hersteld waar eenduidig',
  'source:html-entity': 'Bron: HTML-entiteit (&lsquo; …) in platte tekst',
  'source:placeholder-definition': 'Bron: plaatshouder als definitie ("<ontbrekende specificatie>")',
  'source:etl-note-definition': 'Bron: aantekening van een laadproces als definitie ("Bron: GEM_FORM …")',
  'source:date-as-text': 'Bron: attribuut met een datum in de naam heeft tekst (AN) als datatype',
  'source:shared-definition': 'Bron: dezelfde definitie bij verschillende objecttypen (gekopieerd; geen bewijs van hetzelfde begrip)',
  'mim:shape-gap': 'MIM-graaf: door de MIM-shapes gevraagd gegeven ontbreekt in de bron',
  'mim:default': 'MIM-graaf: ontbrekend metagegeven aangevuld met de standaardwaarde van MIM 1.2',
};

export function buildQualityReport(
  model: GgmModel,
  findings: QualityFinding[],
  shared: SharedName[],
  counts: Record<string, number>,
): QualityReport {
  const sorted = [...findings].sort(
    (a, b) =>
      cmp(a.rule, b.rule) || cmp(a.packagePath ?? '', b.packagePath ?? '') || cmp(a.guid ?? '', b.guid ?? '') || cmp(a.message, b.message),
  );
  const byRule = new Map<string, QualityFinding[]>();
  for (const f of sorted) {
    const l = byRule.get(f.rule) ?? [];
    l.push(f);
    byRule.set(f.rule, l);
  }
  const summary = [...byRule.entries()].map(([rule, l]) => ({
    rule,
    description: RULES[rule] ?? rule,
    severity: l[0]!.severity,
    count: l.length,
  }));
  return {
    model: { name: model.name, version: model.version, sourceFile: model.sourceFile },
    counts,
    summary,
    findings: sorted,
    sharedClassNames: shared,
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function md(s: string | undefined): string {
  return (s ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ').replace(/</g, '&lt;');
}

export function qualityReportMarkdown(r: QualityReport): string {
  const out: string[] = [];
  out.push(`# Kwaliteitsrapport GGM ${r.model.version}`, '');
  out.push(`Bron: \`${r.model.sourceFile}\` (${r.model.name}). Gegenereerd door de GGM-compiler; niet met de hand wijzigen.`, '');
  out.push('## Omvang', '', '| onderdeel | aantal |', '| --- | ---: |');
  for (const [k, v] of Object.entries(r.counts)) out.push(`| ${k} | ${v} |`);
  // Actionable first: errors, then warnings, then the informative cleaning notes (as on /kwaliteit).
  const rank = (sev: string) => (sev === 'error' ? 0 : sev === 'warning' ? 1 : 2);
  const order = new Map(
    [...r.summary]
      .sort((a, b) => rank(a.severity) - rank(b.severity) || b.count - a.count || cmp(a.rule, b.rule))
      .map((s, i) => [s.rule, i]),
  );
  out.push(
    '',
    '## Samenvatting (te verbeteren eerst; ook als pagina’s op /kwaliteit)',
    '',
    '| regel | omschrijving | ernst | aantal |',
    '| --- | --- | --- | ---: |',
  );
  for (const s of [...r.summary].sort((a, b) => order.get(a.rule)! - order.get(b.rule)!))
    out.push(`| ${s.rule} | ${md(s.description)} | ${s.severity} | ${s.count} |`);
  out.push('', '## Klassen met dezelfde naam', '');
  out.push(
    `${r.sharedClassNames.length} namen worden gedeeld door ${r.sharedClassNames.reduce((a, s) => a + s.classes.length, 0)} klassen. Hun IRI's zijn gekwalificeerd met het domein (zie de IRI-strategie in de README).`,
    '',
  );
  out.push('| naam | klassen (domein) | definities gelijk |', '| --- | --- | --- |');
  for (const s of r.sharedClassNames) {
    out.push(
      `| ${md(s.name)} | ${s.classes.map((c) => `${md(c.domein ?? '—')} (\`${c.guid}\`)`).join('<br>')} | ${s.identicalDefinitions ? 'ja' : 'nee'} |`,
    );
  }
  let currentRule = '';
  for (const f of [...r.findings].sort((a, b) => order.get(a.rule)! - order.get(b.rule)!)) {
    if (f.rule !== currentRule) {
      currentRule = f.rule;
      out.push(
        '',
        `## ${f.rule}: ${md(RULES[f.rule] ?? f.rule)}`,
        '',
        '| pakket | element | GUID | bevinding | bron |',
        '| --- | --- | --- | --- | --- |',
      );
    }
    const origin = f.origin ? `${f.origin.sheet}:${f.origin.row}` : '';
    out.push(`| ${md(f.packagePath)} | ${md(f.elementName)} | ${md(f.guid)} | ${md(f.message)} | ${origin} |`);
  }
  return `${out.join('\n')}\n`;
}
