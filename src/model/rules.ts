/**
 * The GGM's own design rules (cookbook, "Regels modelelementen") checked on
 * the whole model. The reader already reports what it finds row by row
 * (m2 names, m3 datatypes, m6 relation ends, m7 cardinality); this adds the
 * rules that need the whole model (m1 definitions, m4 attributes incl.
 * inherited ones, m5 enumeration values) and the same-name analysis.
 */
import type { GgmModel, Objecttype, QualityFinding } from './types.js';

export function checkDesignRules(model: GgmModel): QualityFinding[] {
  const out: QualityFinding[] = [];
  const pathOf = (pkg: string) => model.packages.get(pkg)?.path.join(' / ');
  const supers = new Map<string, string[]>();
  for (const g of model.generalisaties) {
    const l = supers.get(g.subGuid) ?? [];
    l.push(g.superGuid);
    supers.set(g.subGuid, l);
  }
  const hasAttributes = (guid: string, seen = new Set<string>()): boolean => {
    if (seen.has(guid)) return false;
    seen.add(guid);
    const ot = model.objecttypen.get(guid);
    if (!ot) return false;
    if (ot.attributen.length > 0) return true;
    return (supers.get(guid) ?? []).some((s) => hasAttributes(s, seen));
  };
  for (const ot of [...model.objecttypen.values()].sort(byGuid)) {
    if (!ot.definitie) {
      out.push({
        rule: 'm1',
        severity: 'warning',
        message: `${ot.kind === 'objecttype' ? 'Objecttype' : 'Datatype'} "${ot.name}" has no definition (ontwerpregel m1: definitions are mandatory for objecttypes)`,
        guid: ot.guid,
        elementName: ot.name,
        packagePath: pathOf(ot.packageGuid),
        origin: ot.origin,
      });
    }
    if (!hasAttributes(ot.guid)) {
      out.push({
        rule: 'm4',
        severity: 'warning',
        message: `Objecttype "${ot.name}" has no attributes, not even inherited ones (ontwerpregel m4)`,
        guid: ot.guid,
        elementName: ot.name,
        packagePath: pathOf(ot.packageGuid),
        origin: ot.origin,
      });
    }
  }
  for (const e of [...model.enumeraties.values()].sort(byGuid)) {
    if (!e.definitie) {
      out.push({
        rule: 'm1',
        severity: 'warning',
        message: `Enumeratie "${e.name}" has no definition (ontwerpregel m1: definitions are mandatory for enumerations)`,
        guid: e.guid,
        elementName: e.name,
        packagePath: pathOf(e.packageGuid),
        origin: e.origin,
      });
    }
    if (e.waarden.length === 0) {
      out.push({
        rule: 'm5',
        severity: 'warning',
        message: `Enumeratie "${e.name}" has no values (ontwerpregel m5)`,
        guid: e.guid,
        elementName: e.name,
        packagePath: pathOf(e.packageGuid),
        origin: e.origin,
      });
    }
  }
  return out;
}

export interface SharedName {
  name: string;
  classes: { guid: string; domein?: string; packagePath?: string; definitie?: string }[];
  /** True when every class with this name has the same (non-empty) definition. */
  identicalDefinitions: boolean;
}

/** Classes whose names are shared across (or within) domains, with whether their definitions agree. */
export function sharedClassNames(model: GgmModel): SharedName[] {
  const by = new Map<string, SharedName['classes']>();
  for (const ot of model.objecttypen.values()) {
    const key = ot.name.toLowerCase().replace(/\s+/g, '');
    const l = by.get(key) ?? [];
    l.push({
      guid: ot.guid,
      domein: ot.domeinGuid ? model.domeinen.get(ot.domeinGuid)?.name : undefined,
      packagePath: model.packages.get(ot.packageGuid)?.path.join(' / '),
      definitie: ot.definitie,
    });
    by.set(key, l);
  }
  const out: SharedName[] = [];
  for (const [, classes] of by) {
    if (classes.length < 2) continue;
    classes.sort(byGuid);
    const defs = new Set(classes.map((c) => (c.definitie ?? '').trim().toLowerCase()));
    out.push({
      name: model.objecttypen.get(classes[0]!.guid)!.name,
      classes,
      identicalDefinitions: defs.size === 1 && !defs.has(''),
    });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name, 'nl'));
}

function byGuid(a: { guid: string }, b: { guid: string }): number {
  return a.guid < b.guid ? -1 : a.guid > b.guid ? 1 : 0;
}

/** A definition compared for identity: NFC, lower case, whitespace collapsed, trailing full stop ignored. */
export function definitionKey(s: string | undefined): string {
  return (s ?? '').normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim().replace(/\.$/, '').trim();
}

/**
 * The same definition on different objecttypen: a definition copied in the
 * source (Provincie carries Land's, Gebied carries Buurt's) says nothing about
 * the class it is on, and identical definitions are no evidence that two
 * classes are one concept, so this is reported and never turned into a
 * mapping. One finding per class, naming the others. Texts under 20
 * characters ("zie …") are left out: they define nothing.
 */
export function sharedDefinitionFindings(model: GgmModel): QualityFinding[] {
  const pathOf = (pkg: string) => model.packages.get(pkg)?.path.join(' / ');
  const domeinOf = (guid: string | undefined) => (guid ? model.domeinen.get(guid)?.name : undefined) ?? 'geen domein';
  const groups = new Map<string, Objecttype[]>();
  for (const ot of [...model.objecttypen.values()].sort(byGuid)) {
    const k = definitionKey(ot.definitie);
    if (k.length < 20) continue;
    groups.set(k, [...(groups.get(k) ?? []), ot]);
  }
  const out: QualityFinding[] = [];
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    for (const ot of group) {
      const others = group.filter((o) => o !== ot);
      const sameName = others.filter((o) => o.name.toLowerCase() === ot.name.toLowerCase());
      out.push({
        rule: 'source:shared-definition',
        severity: 'warning',
        message:
          `Objecttype "${ot.name}" (${domeinOf(ot.domeinGuid)}) heeft dezelfde definitie als ${others.map((o) => `"${o.name}" (${domeinOf(o.domeinGuid)})`).join(', ')}: ` +
          (sameName.length === others.length
            ? 'zelfde naam in een ander domein; hetzelfde begrip of een gekopieerde definitie? Niet als overeenkomst gepubliceerd.'
            : 'een gekopieerde definitie beschrijft maar één van deze begrippen; geef elk objecttype zijn eigen definitie.'),
        guid: ot.guid,
        elementName: ot.name,
        packagePath: pathOf(ot.packageGuid),
        origin: ot.origin,
      });
    }
  }
  return out;
}

/**
 * Source defects in definitions and types that the GGM maintainers can fix:
 * placeholder definitions ("<ontbrekende specificatie>"), notes of an ETL
 * process used as a definition ("Bron: GEM_FORM ID: FORM_ID"), and
 * attributes named as a date (datum…) but typed as text (AN).
 */
export function definitionAndTypeFindings(model: GgmModel): QualityFinding[] {
  const out: QualityFinding[] = [];
  const pathOf = (pkg: string) => model.packages.get(pkg)?.path.join(' / ');
  const PLACEHOLDER = /^<?\s*(ontbrekende specificatie|nog in te vullen|tbd|todo|n\.?v\.?t\.?)\s*>?$/i;
  const ETL = /^\s*Bron\s*:\s*[A-Z][A-Z0-9]*_[A-Z0-9_]+|\n\s*Bron\s*:\s*[A-Z][A-Z0-9]*_[A-Z0-9_]+/;
  const check = (kind: string, el: { guid: string; name: string; definitie?: string; origin: QualityFinding['origin'] }, pkg: string) => {
    const d = el.definitie?.trim();
    if (!d) return;
    if (PLACEHOLDER.test(d))
      out.push({
        rule: 'source:placeholder-definition',
        severity: 'warning',
        message: `${kind} "${el.name}": plaatshouder als definitie (${JSON.stringify(d)}); gepubliceerd zonder definitie zou eerlijker zijn, vul de definitie in`,
        guid: el.guid,
        elementName: el.name,
        packagePath: pathOf(pkg),
        origin: el.origin,
      });
    else if (ETL.test(d))
      out.push({
        rule: 'source:etl-note-definition',
        severity: 'warning',
        message: `${kind} "${el.name}": de definitie is een aantekening over de bron van een laadproces (${JSON.stringify(d.replace(/\s+/g, ' ').slice(0, 80))}), geen omschrijving van het begrip`,
        guid: el.guid,
        elementName: el.name,
        packagePath: pathOf(pkg),
        origin: el.origin,
      });
  };
  for (const ot of [...model.objecttypen.values()].sort(byGuid)) {
    check('Objecttype', ot, ot.packageGuid);
    for (const a of ot.attributen) {
      check('Attribuutsoort', { ...a, name: `${ot.name}.${a.name}` }, ot.packageGuid);
      if (/^datum|Datum/.test(a.name) && /^AN\d*$/i.test(a.typeSpelling))
        out.push({
          rule: 'source:date-as-text',
          severity: 'warning',
          message: `Attribuutsoort "${ot.name}.${a.name}": de naam noemt een datum, het datatype is tekst (${a.typeSpelling}); gebruik Datum of OnvolledigeDatum`,
          guid: a.guid,
          elementName: `${ot.name}.${a.name}`,
          packagePath: pathOf(ot.packageGuid),
          origin: a.origin,
        });
    }
  }
  for (const e of [...model.enumeraties.values()].sort(byGuid)) check('Enumeratie', e, e.packageGuid);
  return out;
}
