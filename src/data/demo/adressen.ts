/**
 * The BAG address hierarchy of Lindewaard, consistent across instances:
 * openbare ruimte j lies in woonplaats j mod W; nummeraanduiding i lies on
 * openbare ruimte i mod R (so in that street's woonplaats), with house
 * number ⌊i / R⌋ + 1 and the street's postcode; verblijfsobject i has
 * nummeraanduiding i as hoofdadres and lies in pand ⌊i / 2⌋; resident i lives
 * at nummeraanduiding i mod N (several residents share an address).
 */
import type { Attribuutsoort, GgmModel, Objecttype, Relatiesoort } from '../../model/types.js';
import { GEMEENTE } from './gemeente.js';
import type { Family, Plan } from './plan.js';
import type { Literal } from './values.js';

const XSD = 'http://www.w3.org/2001/XMLSchema#';

function bagClass(model: GgmModel, name: string): Objecttype {
  const found = [...model.objecttypen.values()].filter((o) => o.name === name && o.domeinGuid && model.domeinen.get(o.domeinGuid)?.name === 'BAG');
  if (found.length !== 1) throw new Error(`demo addresses: expected one objecttype "${name}" in domain BAG of GGM ${model.version}, found ${found.length}`);
  return found[0]!;
}

function relation(model: GgmModel, bron: Objecttype, doel: Objecttype, name: string): Relatiesoort {
  const found = model.relatiesoorten.filter((r) => r.bron.classGuid === bron.guid && r.doel.classGuid === doel.guid && r.name.toLowerCase() === name.toLowerCase());
  if (found.length !== 1) throw new Error(`demo addresses: expected one relatiesoort "${name}" from ${bron.name} to ${doel.name}, found ${found.length}`);
  return found[0]!;
}

function attribute(ot: Objecttype, name: string): Attribuutsoort {
  const a = ot.attributen.find((x) => x.name === name);
  if (!a) throw new Error(`demo addresses: objecttype ${ot.name} has no attribuutsoort "${name}"`);
  return a;
}

/** Postcode of street j: the digits cycle through Lindewaard's, the letters follow the street. */
export function postcodeOfStreet(j: number): string {
  const letters = 'ABCDEGHJKLMNPRTVWXZ';
  const digits = GEMEENTE.postcodeCijfers[j % GEMEENTE.postcodeCijfers.length]!;
  const k = Math.floor(j / GEMEENTE.postcodeCijfers.length);
  return `${digits}${letters[Math.floor(k / letters.length) % letters.length]}${letters[k % letters.length]}`;
}

export class Adressen {
  private readonly woonplaats: Objecttype;
  private readonly openbareRuimte: Objecttype;
  private readonly nummeraanduiding: Objecttype;
  private readonly verblijfsobject: Objecttype;
  private readonly pand: Objecttype;
  private readonly relations: Map<string, { bron: string; target: (index: number, plan: Plan) => number }>;
  private readonly postcode: Attribuutsoort;
  private readonly huisnummer: Attribuutsoort;

  constructor(model: GgmModel, resident: Objecttype) {
    this.woonplaats = bagClass(model, 'Woonplaats');
    this.openbareRuimte = bagClass(model, 'OpenbareRuimte');
    this.nummeraanduiding = bagClass(model, 'Nummeraanduiding');
    this.verblijfsobject = bagClass(model, 'Verblijfsobject');
    this.pand = bagClass(model, 'Pand');
    const adresseerbaarObject = bagClass(model, 'AdresseerbaarObject');
    this.postcode = attribute(this.nummeraanduiding, 'postcode');
    this.huisnummer = attribute(this.nummeraanduiding, 'huisnummer');
    const n = (ot: Objecttype, plan: Plan) => plan.familyOf.get(ot.guid)!.count;
    const streetOf = (i: number, plan: Plan) => i % n(this.openbareRuimte, plan);
    const woonplaatsOfStreet = (j: number, plan: Plan) => j % n(this.woonplaats, plan);
    this.relations = new Map([
      [relation(model, this.openbareRuimte, this.woonplaats, 'Ligt in').guid, { bron: this.openbareRuimte.guid, target: woonplaatsOfStreet }],
      [relation(model, this.nummeraanduiding, this.openbareRuimte, 'Ligt aan').guid, { bron: this.nummeraanduiding.guid, target: streetOf }],
      [relation(model, this.nummeraanduiding, this.woonplaats, 'Ligt in').guid, { bron: this.nummeraanduiding.guid, target: (i, plan) => woonplaatsOfStreet(streetOf(i, plan), plan) }],
      [relation(model, adresseerbaarObject, this.nummeraanduiding, 'Heeft als hoofdadres').guid, { bron: this.verblijfsobject.guid, target: (i, plan) => i % n(this.nummeraanduiding, plan) }],
      [relation(model, this.verblijfsobject, this.pand, 'Maakt deel uit van').guid, { bron: this.verblijfsobject.guid, target: (i, plan) => Math.floor(i / 2) % n(this.pand, plan) }],
      [relation(model, resident, this.nummeraanduiding, 'heeft als adres').guid, { bron: resident.guid, target: (i, plan) => i % n(this.nummeraanduiding, plan) }],
    ]);
  }

  /** The fixed target of a relation of this instance (of the class or a subclass), or undefined. */
  relationTargets(r: Relatiesoort, family: Family, index: number, plan: Plan): number[] | undefined {
    const rule = this.relations.get(r.guid);
    if (!rule || !plan.lineage(family.ot.guid).includes(rule.bron)) return undefined;
    return [rule.target(index, plan)];
  }

  attributeValue(a: Attribuutsoort, family: Family, index: number, plan: Plan): Literal | undefined {
    if (family.ot.guid !== this.nummeraanduiding.guid) return undefined;
    const streets = plan.familyOf.get(this.openbareRuimte.guid)!.count;
    if (a.guid === this.postcode.guid) return { lexical: postcodeOfStreet(index % streets), datatype: `${XSD}string` };
    if (a.guid === this.huisnummer.guid) return { lexical: String(Math.floor(index / streets) + 1), datatype: `${XSD}integer` };
    return undefined;
  }
}
