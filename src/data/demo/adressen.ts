/**
 * Where things are in Lindewaard, and who lives where: the map (ruimte.ts)
 * and the population (bevolking.ts) turned into instances of the GGM classes.
 *
 * - Sizes: 64 buurten, 16 wijken, 4 woonplaatsen, 1 gemeente (BAG and
 *   RSGBPlus alike); a verblijfsobject (and nummeraanduiding) per household
 *   plus 10 %, 1.6 per pand; a street (openbare ruimte, wegdeel) per row of
 *   panden; trees, green, water and parkeervlakken by scale.
 * - Relations follow the map: a buurt lies in its wijk, a wijk in its
 *   woonplaats; verblijfsobject i has nummeraanduiding i as hoofdadres and
 *   lies in the pand whose outline holds its point; a nummeraanduiding lies on
 *   the street in front of its pand and in that pand's buurt and woonplaats;
 *   a parkeerzone contains the parkeervlakken drawn in it; a resident lives
 *   at the address of their household (the deceased nowhere); Ouder 1 and
 *   Ouder 2 are the person's parents.
 * - Geometry: every geometry attribute gets WKT in RD New from the map; a
 *   class the story does not place gets shapes of its attribute's type in the
 *   edge strip of a buurt (inside the gemeente, away from the panden).
 */
import type { Attribuutsoort, GgmModel, Objecttype, Relatiesoort } from '../../model/types.js';
import { Bevolking, type Inwoner } from './bevolking.js';
import { GEMEENTE } from './gemeente.js';
import type { Family, Plan } from './plan.js';
import { hash32 } from './prng.js';
import { BUURTEN, Ruimte, WIJKEN, WOONPLAATSEN, wijkOfBuurt, wkt, woonplaatsOfBuurt, woonplaatsOfWijk, type Cell, type Pt, type Ring, type Spread } from './ruimte.js';
import type { Literal } from './values.js';

const XSD = 'http://www.w3.org/2001/XMLSchema#';

/** Postcode of street j: the digits cycle through Lindewaard's, the letters follow the street. */
export function postcodeOfStreet(j: number): string {
  const letters = 'ABCDEGHJKLMNPRTVWXZ';
  const digits = GEMEENTE.postcodeCijfers[j % GEMEENTE.postcodeCijfers.length]!;
  const k = Math.floor(j / GEMEENTE.postcodeCijfers.length);
  return `${digits}${letters[Math.floor(k / letters.length) % letters.length]}${letters[k % letters.length]}`;
}

export const WIJKNAMEN = ['Centrum', 'Noord', 'Oost', 'Zuid'];
export const BUURTNAMEN = ['Kern', 'Hof', 'Veld', 'Park'];

/** The world of one scale: population and map. */
export interface Wereld {
  bevolking: Bevolking;
  ruimte: Ruimte;
  verblijfsobjecten: number;
  panden: number;
}

/** Parkeerzones: each covers one wijk. */
export const PARKEERZONES = 6;
const zoneWijk = (z: number) => (z * 3) % WIJKEN;

const SPREADS: Record<string, Spread> = {
  Boom: { strip: 'groen', lane: [0, 1] },
  Groenobject: { strip: 'groen', lane: [0, 0.45] },
  Vegetatieobject: { strip: 'groen', lane: [0.5, 0.95] },
  BegroeidTerreindeel: { strip: 'groen', lane: [0, 1] },
  Waterdeel: { strip: 'water', lane: [0.1, 0.9] },
};

type RelationRule = (index: number, plan: Plan) => number[];

export class Adressen {
  private readonly worlds = new Map<number, Wereld>();
  /** Relation guid → the family class it applies to (by name) and its targets. */
  private readonly rules = new Map<string, { family: string; targets: RelationRule }>();
  private readonly fixed = new Map<string, (index: number, w: Wereld) => Literal | undefined>();
  private readonly residents: Objecttype;

  constructor(
    readonly model: GgmModel,
    resident: Objecttype,
    readonly seed: number,
  ) {
    this.residents = resident;
    const w = (plan: Plan) => this.wereld(plan.scale);
    const rule = (bron: string, name: string, doel: string, family: string, targets: RelationRule) => {
      const found = model.relatiesoorten.filter(
        (r) =>
          model.objecttypen.get(r.bron.classGuid)?.name === bron &&
          model.objecttypen.get(r.doel.classGuid)?.name === doel &&
          r.name.trim().toLowerCase() === name,
      );
      if (found.length === 0) throw new Error(`demo map: no relatiesoort "${name}" from ${bron} to ${doel} in GGM ${model.version}`);
      for (const r of found) this.rules.set(r.guid, { family, targets });
    };
    const r = w;
    rule('Buurt', 'ligt in', 'Wijk', 'Buurt', (i) => [wijkOfBuurt(i % BUURTEN)]);
    rule('Wijk', 'ligt in', 'Woonplaats', 'Wijk', (i) => [woonplaatsOfWijk(i % WIJKEN)]);
    rule('Wijk', 'ligt in', 'Gemeente', 'Wijk', () => [0]);
    rule('Nummeraanduiding', 'ligt in', 'Buurt', 'Nummeraanduiding', (i, plan) => [r(plan).ruimte.vboBuurt(i)]);
    rule('Nummeraanduiding', 'ligt in', 'Woonplaats', 'Nummeraanduiding', (i, plan) => [woonplaatsOfBuurt(r(plan).ruimte.vboBuurt(i))]);
    rule('Nummeraanduiding', 'ligt aan', 'OpenbareRuimte', 'Nummeraanduiding', (i, plan) => [r(plan).ruimte.vboStraat(i)]);
    rule('OpenbareRuimte', 'ligt in', 'Woonplaats', 'OpenbareRuimte', (i, plan) => [woonplaatsOfBuurt(r(plan).ruimte.straatBuurt(i))]);
    rule('OpenbareRuimte', 'ligt in', 'Buurt', 'OpenbareRuimte', (i, plan) => [r(plan).ruimte.straatBuurt(i)]);
    rule('AdresseerbaarObject', 'heeft als hoofdadres', 'Nummeraanduiding', 'Verblijfsobject', (i) => [i]);
    rule('Verblijfsobject', 'maakt deel uit van', 'Pand', 'Verblijfsobject', (i, plan) => [r(plan).ruimte.vboPand(i)]);
    rule('Pand', 'zonder verblijfsobject ligt in', 'Buurt', 'Pand', () => []);
    rule('Parkeerzone', 'bevat', 'Parkeervlak', 'Parkeerzone', (z, plan) => {
      const n = plan.familyOf.get(this.classNamed('Parkeervlak').guid)!.count;
      const out: number[] = [];
      for (let v = z; v < n; v += PARKEERZONES) out.push(v);
      return out;
    });
    rule('Areaal', 'ligt in', 'Buurt', 'Areaal', (i) => [i % BUURTEN]);
    rule('Areaal', 'valt binnen', 'Wijk', 'Areaal', (i) => [wijkOfBuurt(i % BUURTEN)]);
    rule(resident.name, 'heeft als adres', 'Nummeraanduiding', resident.name, (i, plan) => {
      const x = r(plan);
      const h = x.bevolking.inwoner(i).huishouden;
      return h < 0 ? [] : [Math.floor((h * x.verblijfsobjecten) / x.bevolking.households)];
    });
    rule(resident.name, 'ouder 1', resident.name, resident.name, (i, plan) => [r(plan).bevolking.inwoner(i).ouder1]);
    rule(resident.name, 'ouder 2', resident.name, resident.name, (i, plan) => [r(plan).bevolking.inwoner(i).ouder2]);
  }

  private classNamed(name: string): Objecttype {
    const o = [...this.model.objecttypen.values()].find((x) => x.name === name);
    if (!o) throw new Error(`demo map: no objecttype ${name}`);
    return o;
  }

  /** The population and map of a scale (made once). */
  wereld(scale: number): Wereld {
    let w = this.worlds.get(scale);
    if (w) return w;
    const bevolking = new Bevolking(this.seed, Math.max(20, Math.round(300 * scale)));
    // About one household per 2.2 residents, plus vacant and non-residential units; a function of the
    // number of residents only, so every seed has the same plan (households beyond it would share).
    const verblijfsobjecten = Math.round(bevolking.size * 0.5) + 2;
    const panden = Math.max(1, Math.round(verblijfsobjecten / 1.6));
    w = { bevolking, ruimte: new Ruimte(this.seed, { panden, verblijfsobjecten }), verblijfsobjecten, panden };
    this.worlds.set(scale, w);
    return w;
  }

  /** Family sizes the map fixes (by class name, so BAG and RSGBPlus classes agree). */
  count(ot: Objecttype, scale: number): number | undefined {
    const w = this.wereld(scale);
    const s = (n: number, min: number) => Math.max(min, Math.round(n * scale));
    switch (ot.name) {
      case 'Gemeente':
        return 1;
      case 'Woonplaats':
        return WOONPLAATSEN;
      case 'Wijk':
        return WIJKEN;
      case 'Buurt':
        return BUURTEN;
      case 'Pand':
      case 'KadastraalPerceel':
        return w.panden;
      case 'Verblijfsobject':
      case 'Nummeraanduiding':
        return w.verblijfsobjecten;
      case 'OpenbareRuimte':
      case 'Wegdeel':
        return w.ruimte.straten;
      case 'Boom':
        return s(150, 64);
      case 'Groenobject':
      case 'Vegetatieobject':
        return s(40, 32);
      case 'BegroeidTerreindeel':
        return s(20, 64);
      case 'Waterdeel':
        return s(10, 12);
      case 'Parkeerzone':
        return PARKEERZONES;
      case 'Parkeervlak':
        return s(60, 4 * PARKEERZONES);
      default:
        return undefined;
    }
  }

  /** The fixed targets of a relation of this instance, or undefined. */
  relationTargets(r: Relatiesoort, family: Family, index: number, plan: Plan): number[] | undefined {
    const rule = this.rules.get(r.guid);
    if (!rule || family.ot.name !== rule.family) return undefined;
    return rule.targets(index, plan);
  }

  /** The population's person behind resident `index`. */
  inwoner(index: number, plan: Plan): Inwoner {
    return this.wereld(plan.scale).bevolking.inwoner(index);
  }

  attributeValue(a: Attribuutsoort, family: Family, index: number, plan: Plan): Literal | undefined {
    const w = this.wereld(plan.scale);
    const n = a.name.toLowerCase();
    const s = (lexical: string): Literal => ({ lexical, datatype: `${XSD}string` });
    switch (family.ot.name) {
      case 'Nummeraanduiding':
        if (n === 'postcode') return s(postcodeOfStreet(w.ruimte.vboStraat(index)));
        if (n === 'huisnummer') return { lexical: String(w.ruimte.huisnummer(index)), datatype: `${XSD}integer` };
        break;
      case 'Woonplaats':
        if (/naam/.test(n)) return s(GEMEENTE.woonplaatsen[index % WOONPLAATSEN]!);
        break;
      case 'Wijk':
        if (/naam/.test(n)) return s(`${GEMEENTE.woonplaatsen[woonplaatsOfWijk(index)]} ${WIJKNAMEN[index % 4]}`);
        if (/code/.test(n)) return s(String(index % WIJKEN).padStart(2, '0'));
        break;
      case 'Buurt':
        if (/naam/.test(n)) return s(`${GEMEENTE.woonplaatsen[woonplaatsOfBuurt(index)]} ${WIJKNAMEN[wijkOfBuurt(index) % 4]}-${BUURTNAMEN[index % 4]}`);
        if (/code/.test(n)) return s(String(index % 4).padStart(2, '0'));
        break;
      case 'Gemeente':
        if (/naam/.test(n)) return s(GEMEENTE.naam);
        if (/code/.test(n)) return s(GEMEENTE.code);
        break;
      case 'Gebied':
        if (index === 0 && n === 'gebiedsoort') return s('Waterbergingsgebied');
        if (index === 0 && n === 'naam') return s('Waterberging Lindestroom');
        break;
    }
    return undefined;
  }

  /** WKT (RD New) for a geometry attribute of instance `index` of a family. */
  geometry(a: Attribuutsoort, family: Family, index: number, plan: Plan): string {
    const { ruimte } = this.wereld(plan.scale);
    const iso = a.type.kind === 'geometry' ? a.type.geometry.toLowerCase() : 'point';
    const areal = (ring: Ring) => (iso === 'multisurface' ? wkt.multiPolygon([ring]) : iso.includes('surface') || iso === 'geometry' ? wkt.polygon(ring) : wkt.point(centroid(ring)));
    const point = (p: Pt) => (iso === 'multipoint' ? wkt.multiPoint([p]) : wkt.point(p));
    const line = (ps: Pt[]) => (iso === 'multicurve' ? wkt.multiLine([ps]) : wkt.line(ps));
    const name = family.ot.name;
    const count = family.count;
    switch (name) {
      case 'Gemeente':
        return areal(ruimte.gemeenteRing());
      case 'Woonplaats':
        return areal(ruimte.woonplaatsRing(index % WOONPLAATSEN));
      case 'Wijk':
        return areal(ruimte.wijkRing(index % WIJKEN));
      case 'Buurt':
      case 'Areaal':
        return areal(ruimte.buurtRing(index % BUURTEN));
      case 'Pand':
        return iso === 'point' ? point(ruimte.pandPunt(index)) : areal(ruimte.pandRing(index));
      case 'KadastraalPerceel':
        return iso === 'point' ? point(ruimte.pandPunt(index)) : areal(ruimte.perceelRing(index));
      case 'Verblijfsobject':
      case 'Nummeraanduiding':
        // A verblijfsobject's area (BenoemdObject.geometrieVlak) is its pand's outline.
        return iso.includes('surface') ? areal(ruimte.pandRing(ruimte.vboPand(index))) : point(ruimte.vboPunt(index));
      case 'OpenbareRuimte':
      case 'Wegdeel':
        return iso.includes('curve') ? line(ruimte.straatLijn(index)) : areal(ruimte.straatVlak(index));
      case 'Parkeerzone':
        return areal(ruimte.wijkRing(zoneWijk(index)));
      case 'Parkeervlak': {
        // Parkeervlak v lies in zone v mod Z, in the parking strip of one of that wijk's buurten.
        const zone = index % PARKEERZONES;
        const t = Math.floor(index / PARKEERZONES);
        const buurt = zoneWijk(zone) * 4 + (t % 4);
        const perBuurt = Math.ceil(count / (PARKEERZONES * 4));
        const rank = Math.floor(t / 4);
        const v0 = 1_000 + Math.floor((8_000 * rank) / perBuurt);
        const v1 = 1_000 + Math.floor((8_000 * (rank + 1)) / perBuurt);
        return point(ruimte.centre({ buurt, u0: 200, v0, u1: 800, v1 }));
      }
      case 'Plan':
        if (index === 0) return areal(ruimte.octagon(2, 2, 90_000));
        if (index === 1) return areal(ruimte.octagon(6, 6, 70_000));
        break;
      case 'Gebied':
        if (index === 0 && family.ot.domeinGuid && this.model.domeinen.get(family.ot.domeinGuid)?.name === 'RSGBPlus') return areal(ruimte.octagon(5, 3, 80_000));
        break;
      case 'Melding':
      case 'MOR-AanvraagOfMelding':
        return point(ruimte.nearVbo(hash32(`${family.local}:${index}`) % this.wereld(plan.scale).verblijfsobjecten, `${family.local}:${index}`));
    }
    const spread = SPREADS[name];
    if (spread) {
      const cell = ruimte.edgeCell(name, spread, index, count);
      if (name === 'Boom') return point(ruimte.centre(cell));
      return shapeIn(ruimte, cell, iso, areal, point, line, name === 'BegroeidTerreindeel' ? 0.03 : 0.12);
    }
    // Everything else: in the top strip of a buurt, spread per family.
    const cell = ruimte.edgeCell(family.local, { strip: 'overig' }, index, count);
    return shapeIn(ruimte, cell, iso, areal, point, line, 0.15);
  }
}

function shapeIn(ruimte: Ruimte, cell: Cell, iso: string, areal: (r: Ring) => string, point: (p: Pt) => string, line: (ps: Pt[]) => string, inset: number): string {
  const q = ruimte.quad(cell, inset);
  if (iso.includes('curve') || iso === 'linestring') return line([q[0]!, q[2]!]);
  if (iso.includes('point')) return point(ruimte.centre(cell));
  return areal(q);
}

/** The mean of a ring's distinct corners (centimetres, rounded). */
function centroid(r: Ring): Pt {
  const pts = r.slice(0, -1);
  return [Math.round(pts.reduce((s, p) => s + p[0], 0) / pts.length), Math.round(pts.reduce((s, p) => s + p[1], 0) / pts.length)];
}
