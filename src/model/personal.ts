/**
 * Personal data (persoonsgegevens) as a property of the model: which GGM
 * objecttypen describe natural persons, and which attribuutsoorten and
 * relatiesoorten describe or point at them. Derived from the model itself
 * (generalisaties, relatiesoorten, attribuutsoorten), not from a hand list:
 *
 *  1. NatuurlijkPersoon and everything under it (IngeschrevenPersoon, Client,
 *     Leerling, Werkzoekende, Auteur, Sollicitant …): generalisaties.
 *  2. Classes that describe a person by the attributes that name one
 *     (geslachtsnaam, voornamen, achternaam, voornaam, geboortedatum,
 *     burgerservicenummer): Medewerker, and under it Werknemer,
 *     Clientbegeleider …; the structured name and birth datatypes of persons.
 *  3. Roles that are always one person: a class whose relatiesoorten named
 *     "is" (or "is <the class's own name>") all point at personal classes
 *     (Aanwezige Deelnemer "is" Collegelid / NatuurlijkPersoon), and their
 *     subclasses. A role that may also be something else (Betrokkene "is"
 *     NatuurlijkPersoon or NietNatuurlijkPersoon, the RGBZ Object "is"
 *     Ingezetene or Pand …) is not personal itself; its "is" link to a person
 *     is (a relatiesoort pointing at a personal class, below).
 *  Rules 2 and 3 are applied until nothing changes (a role of a role).
 *
 * A property is personal when it is an attribuutsoort of a personal class, a
 * relatiesoort from or to a personal class, or an attribuutsoort typed by a
 * personal class. An instance of a personal class is a personal instance; a
 * triple whose subject or object is one is personal data, and belongs in a
 * restricted graph (data/personal-placement.ts places it, `publish` refuses
 * it in a public graph, the ontology's persoonsgegevens.ttl publishes this).
 */
import type { GgmModel } from './types.js';

/** Why a class or property is personal (Dutch, shown to analysts). */
export interface PersonalReason {
  /** natuurlijk-persoon: NatuurlijkPersoon or a subclass; kenmerken: names a person by its attributes; rol: is one person; subklasse: under a personal class. */
  kind: 'natuurlijk-persoon' | 'kenmerken' | 'rol' | 'subklasse' | 'kenmerk' | 'verwijzing';
  text: string;
}

export interface PersonalData {
  /** Objecttype guid → why its instances are natural persons (or one person's role). */
  classes: Map<string, PersonalReason>;
  /** Attribuutsoort or relatiesoort guid → why it describes or points at a person. */
  properties: Map<string, PersonalReason>;
}

/** Attribute names that name or identify a natural person. */
const PERSON_ATTRIBUTE =
  /^(geslachtsnaam|voornamen|voornaam|achternaam|voorvoegselAchternaam|geboortedatum|datumGeboorte|burgerservicenummer)$/i;
const ROLE_RELATION = /^is( (.+))?$/i;

const cache = new WeakMap<GgmModel, PersonalData>();

/** The personal classes and properties of a model (computed once per model). */
export function personalData(model: GgmModel): PersonalData {
  const known = cache.get(model);
  if (known) return known;
  const name = (g: string) => model.objecttypen.get(g)?.name ?? g;
  const subs = new Map<string, string[]>();
  for (const g of [...model.generalisaties].sort((a, b) => (a.guid < b.guid ? -1 : 1))) {
    if (!model.objecttypen.has(g.subGuid) || !model.objecttypen.has(g.superGuid) || g.subGuid === g.superGuid) continue;
    subs.set(g.superGuid, [...(subs.get(g.superGuid) ?? []), g.subGuid]);
  }
  const classes = new Map<string, PersonalReason>();
  /** Mark a class and everything under it. */
  const mark = (guid: string, reason: PersonalReason) => {
    if (classes.has(guid)) return false;
    classes.set(guid, reason);
    const stack = [guid];
    while (stack.length) {
      const c = stack.pop()!;
      for (const s of subs.get(c) ?? []) {
        if (classes.has(s)) continue;
        classes.set(s, { kind: 'subklasse', text: `subklasse van ${name(c)}` });
        stack.push(s);
      }
    }
    return true;
  };

  const roots = [...model.objecttypen.values()].filter((o) => o.name === 'NatuurlijkPersoon');
  if (roots.length === 0) throw new Error(`GGM ${model.version}: no objecttype NatuurlijkPersoon, so personal data cannot be decided`);
  for (const r of roots) mark(r.guid, { kind: 'natuurlijk-persoon', text: 'natuurlijk persoon' });

  const ordered = [...model.objecttypen.values()].sort((a, b) => (a.guid < b.guid ? -1 : 1));
  const relations = [...model.relatiesoorten].sort((a, b) => (a.guid < b.guid ? -1 : 1));
  for (let changed = true; changed;) {
    changed = false;
    for (const o of ordered) {
      if (classes.has(o.guid)) continue;
      const naming = o.attributen.filter((a) => PERSON_ATTRIBUTE.test(a.name)).map((a) => a.name);
      if (naming.length > 0) {
        changed = mark(o.guid, { kind: 'kenmerken', text: `beschrijft een natuurlijk persoon (${naming.join(', ')})` }) || changed;
        continue;
      }
      // A role that is always one person: every "is" relation of the class points at a personal class.
      const identities = relations.filter((r) => {
        if (r.bron.classGuid !== o.guid) return false;
        const m = ROLE_RELATION.exec((r.sourceName ?? r.name).trim());
        return m !== null && (m[2] === undefined || m[2].replace(/\s+/g, '').toLowerCase() === o.name.replace(/\s+/g, '').toLowerCase());
      });
      if (identities.length > 0 && identities.every((r) => classes.has(r.doel.classGuid)))
        changed =
          mark(o.guid, {
            kind: 'rol',
            text: `is één natuurlijk persoon: ${identities.map((r) => `relatie '${(r.sourceName ?? r.name).trim()}' naar ${name(r.doel.classGuid)}`).join(', ')}`,
          }) || changed;
    }
  }

  const properties = new Map<string, PersonalReason>();
  for (const o of ordered) {
    for (const a of o.attributen) {
      if (classes.has(o.guid)) properties.set(a.guid, { kind: 'kenmerk', text: `kenmerk van ${o.name}` });
      else if (a.type.kind === 'objecttype' && classes.has(a.type.guid))
        properties.set(a.guid, { kind: 'verwijzing', text: `verwijst naar ${name(a.type.guid)}` });
    }
  }
  for (const r of relations) {
    if (classes.has(r.doel.classGuid)) properties.set(r.guid, { kind: 'verwijzing', text: `verwijst naar ${name(r.doel.classGuid)}` });
    else if (classes.has(r.bron.classGuid)) properties.set(r.guid, { kind: 'kenmerk', text: `relatie van ${name(r.bron.classGuid)}` });
  }
  const result = { classes, properties };
  cache.set(model, result);
  return result;
}

/** Whether instances of this class are personal. */
export function isPersonalClass(model: GgmModel, guid: string): boolean {
  return personalData(model).classes.has(guid);
}
