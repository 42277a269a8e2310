/**
 * The story of the demo municipality, on top of the model-driven instances:
 *
 * - Residents: one family of IngeschrevenPersoon (RSGBPlus) instances, all of
 *   them also Ingezetene; the first 40% are also Client (Sociaal Domein
 *   Generiek) and the first 10% also Werkzoekende (Werk, a subclass of
 *   Client). So the SAME person IRIs carry the BRP data (RSGBPlus) and are
 *   the clients that Inkomen, Schuldhulpverlening, Wmo/Jeugd, Vroegsignalering
 *   and Werk relate to (their relations point at Client or its subclasses).
 * - Regelingen (Model Inkomen): GGM 2.5.1 links a client to the income support
 *   arrangements it receives as Client —heeft regeling→ Regeling —is
 *   regelingsoort→ Regelingsoort (naam). The class Stadspas (Sociaal Domein
 *   Generiek) has no relations at all in GGM 2.5.1, and energietoeslag has no
 *   class of its own, so both are Regelingsoorten: "Stadspas" and
 *   "Energietoeslag". Every client has three regelingen (slot 0: Stadspas or
 *   Individuele inkomenstoeslag, slot 1: Energietoeslag or Bijzondere bijstand,
 *   slot 2: Kwijtschelding gemeentelijke belastingen); every other resident one
 *   (Collectieve zorgverzekering), because IngeschrevenPersoon —relatie met
 *   Regeling→ Regeling is mandatory (1..1).
 * - Population and map: residents are families (bevolking.ts) living at the
 *   addresses of a topologically consistent map of Lindewaard in RD New
 *   (ruimte.ts): buurten tiling wijken tiling woonplaatsen, panden with their
 *   verblijfsobjecten, streets, green, water, parkeerzones (adressen.ts).
 */
import type { Attribuutsoort, GgmModel, Objecttype, Relatiesoort } from '../../model/types.js';
import { Adressen } from './adressen.js';
import type { Inwoner } from './bevolking.js';
import { Prng } from './prng.js';
import type { Family, Plan, Role, Sizing } from './plan.js';
import type { Literal } from './values.js';

export const REGELINGSOORTEN = [
  'Stadspas',
  'Energietoeslag',
  'Individuele inkomenstoeslag',
  'Bijzondere bijstand',
  'Kwijtschelding gemeentelijke belastingen',
  'Collectieve zorgverzekering',
] as const;
const [STADSPAS, ENERGIE, IIT, BIJZ, KWIJT, CZV] = [0, 1, 2, 3, 4, 5];

/** Share of clients with a stadspas, and with energietoeslag (drawn independently per client). */
export const KANS_STADSPAS = 0.35;
export const KANS_ENERGIETOESLAG = 0.3;

export interface ScenarioClasses {
  ingeschrevenPersoon: Objecttype;
  ingezetene: Objecttype;
  client: Objecttype;
  werkzoekende: Objecttype;
  regeling: Objecttype;
  regelingsoort: Objecttype;
  clientHeeftRegeling: Relatiesoort;
  persoonRelatieMetRegeling: Relatiesoort;
  regelingIsRegelingsoort: Relatiesoort;
  regelingsoortNaam: Attribuutsoort;
  regelingOmschrijving: Attribuutsoort;
  bsn: Attribuutsoort;
  schuldhulptraject: Objecttype;
  wmoBeschikking: Objecttype;
  trajectClient: Relatiesoort;
  beschikkingClient: Relatiesoort;
}

function objecttype(model: GgmModel, domain: string, name: string): Objecttype {
  const found = [...model.objecttypen.values()].filter((o) => o.name === name && o.domeinGuid && model.domeinen.get(o.domeinGuid)?.name === domain);
  if (found.length !== 1) throw new Error(`demo scenario: expected one objecttype "${name}" in domain "${domain}" of GGM ${model.version}, found ${found.length}`);
  return found[0]!;
}

function relatie(model: GgmModel, bron: Objecttype, doel: Objecttype, name: string): Relatiesoort {
  const found = model.relatiesoorten.filter((r) => r.bron.classGuid === bron.guid && r.doel.classGuid === doel.guid && r.name === name);
  if (found.length !== 1) throw new Error(`demo scenario: expected one relatiesoort "${name}" from ${bron.name} to ${doel.name}, found ${found.length}`);
  return found[0]!;
}

function attribuut(ot: Objecttype, name: string): Attribuutsoort {
  const a = ot.attributen.find((x) => x.name === name);
  if (!a) throw new Error(`demo scenario: objecttype ${ot.name} has no attribuutsoort "${name}"`);
  return a;
}

export function scenarioClasses(model: GgmModel): ScenarioClasses {
  const ingeschrevenPersoon = objecttype(model, 'RSGBPlus', 'IngeschrevenPersoon');
  const client = objecttype(model, 'Sociaal Domein Generiek', 'Client');
  const regeling = objecttype(model, 'Model Inkomen', 'Regeling');
  const regelingsoort = objecttype(model, 'Model Inkomen', 'Regelingsoort');
  const schuldhulptraject = objecttype(model, 'Schuldhulpverlening', 'Schuldhulptraject');
  const wmoBeschikking = objecttype(model, 'Generiek Jeugd en Wmo', 'Beschikking');
  return {
    ingeschrevenPersoon,
    ingezetene: objecttype(model, 'RSGBPlus', 'Ingezetene'),
    client,
    werkzoekende: objecttype(model, 'Werk', 'Werkzoekende'),
    regeling,
    regelingsoort,
    clientHeeftRegeling: relatie(model, client, regeling, 'heeft regeling'),
    persoonRelatieMetRegeling: relatie(model, ingeschrevenPersoon, regeling, 'relatie met Regeling'),
    regelingIsRegelingsoort: relatie(model, regeling, regelingsoort, 'is regelingsoort'),
    regelingsoortNaam: attribuut(regelingsoort, 'naam'),
    regelingOmschrijving: attribuut(regeling, 'omschrijving'),
    bsn: attribuut(objecttype(model, 'RSGBPlus', 'NatuurlijkPersoon'), 'burgerservicenummer'),
    schuldhulptraject,
    wmoBeschikking,
    trajectClient: relatie(model, schuldhulptraject, client, 'heeft traject'),
    beschikkingClient: relatie(model, wmoBeschikking, client, 'relatie met Client'),
  };
}

export class Scenario implements Sizing {
  readonly c: ScenarioClasses;
  readonly roleOnly: Set<string>;
  private readonly adressen: Adressen;
  constructor(model: GgmModel, readonly seed: number) {
    this.c = scenarioClasses(model);
    this.adressen = new Adressen(model, this.c.ingeschrevenPersoon, seed);
    this.roleOnly = new Set([this.c.ingezetene.guid, this.c.client.guid, this.c.werkzoekende.guid]);
  }

  residents(scale: number): number {
    return Math.max(20, Math.round(300 * scale));
  }
  clients(scale: number): number {
    return Math.round(this.residents(scale) * 0.4);
  }
  werkzoekenden(scale: number): number {
    return Math.round(this.residents(scale) * 0.1);
  }

  count(ot: Objecttype, scale: number): number | undefined {
    if (ot.guid === this.c.ingeschrevenPersoon.guid) return this.residents(scale);
    if (ot.guid === this.c.regelingsoort.guid) return REGELINGSOORTEN.length;
    if (ot.guid === this.c.regeling.guid) return 3 * this.clients(scale) + (this.residents(scale) - this.clients(scale));
    return this.adressen.count(ot, scale);
  }

  roles(ot: Objecttype, count: number, scale: number): Role[] {
    if (ot.guid !== this.c.ingeschrevenPersoon.guid) return [];
    return [
      { guid: this.c.ingezetene.guid, lo: 0, hi: count },
      { guid: this.c.client.guid, lo: 0, hi: this.clients(scale) },
      { guid: this.c.werkzoekende.guid, lo: 0, hi: this.werkzoekenden(scale) },
    ];
  }

  hasStadspas(client: number): boolean {
    return Prng.for(this.seed, 'stadspas', client).chance(KANS_STADSPAS);
  }
  hasEnergietoeslag(client: number): boolean {
    return Prng.for(this.seed, 'energietoeslag', client).chance(KANS_ENERGIETOESLAG);
  }

  /** The Regelingsoort (index into REGELINGSOORTEN) of regeling number j. */
  soortOf(j: number, scale: number): number {
    const clients = this.clients(scale);
    if (j >= 3 * clients) return CZV;
    const client = Math.floor(j / 3);
    switch (j % 3) {
      case 0:
        return this.hasStadspas(client) ? STADSPAS : IIT;
      case 1:
        return this.hasEnergietoeslag(client) ? ENERGIE : BIJZ;
      default:
        return KWIJT;
    }
  }

  /**
   * Targets the scenario fixes for a relation of instance `index` of `family`,
   * as instance numbers in the doel's family; undefined = generate as usual.
   */
  relationTargets(r: Relatiesoort, family: Family, index: number, plan: Plan): number[] | undefined {
    const clients = this.clients(plan.scale);
    if (r.guid === this.c.clientHeeftRegeling.guid && family.ot.guid === this.c.ingeschrevenPersoon.guid) {
      return [3 * index, 3 * index + 1, 3 * index + 2];
    }
    if (r.guid === this.c.persoonRelatieMetRegeling.guid && family.ot.guid === this.c.ingeschrevenPersoon.guid) {
      return [index < clients ? 3 * index : 3 * clients + (index - clients)];
    }
    if (r.guid === this.c.regelingIsRegelingsoort.guid && family.ot.guid === this.c.regeling.guid) {
      return [this.soortOf(index, plan.scale)];
    }
    return this.adressen.relationTargets(r, family, index, plan);
  }

  /** Attribute values the scenario fixes; undefined = generate as usual. */
  attributeValue(a: Attribuutsoort, family: Family, index: number, plan: Plan): Literal | undefined {
    const string = 'http://www.w3.org/2001/XMLSchema#string';
    if (a.guid === this.c.regelingsoortNaam.guid && family.ot.guid === this.c.regelingsoort.guid) {
      return { lexical: REGELINGSOORTEN[index]!, datatype: string };
    }
    if (a.guid === this.c.regelingOmschrijving.guid && family.ot.guid === this.c.regeling.guid) {
      return { lexical: `${REGELINGSOORTEN[this.soortOf(index, plan.scale)]} ${index < 3 * this.clients(plan.scale) ? `cliënt ${Math.floor(index / 3) + 1}` : ''}`.trim(), datatype: string };
    }
    return this.adressen.attributeValue(a, family, index, plan);
  }

  /** WKT (RD New) for a geometry attribute of an instance: from the map of Lindewaard. */
  geometry(a: Attribuutsoort, family: Family, index: number, plan: Plan): string {
    return this.adressen.geometry(a, family, index, plan);
  }

  /** The person behind resident `index` (bevolking.ts). */
  inwoner(index: number, plan: Plan): Inwoner {
    return this.adressen.inwoner(index, plan);
  }

  /** Resident numbers (0-based) with both a Stadspas and an Energietoeslag regeling. */
  stadspasEnEnergietoeslag(scale: number): number[] {
    const out: number[] = [];
    for (let c = 0; c < this.clients(scale); c++) if (this.hasStadspas(c) && this.hasEnergietoeslag(c)) out.push(c);
    return out;
  }
}
