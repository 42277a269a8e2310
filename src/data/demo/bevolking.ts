/**
 * The population of Lindewaard: who the residents (IngeschrevenPersoon) are,
 * as families. Computed once per (seed, number of residents) into small
 * arrays, so every instance can still be generated on its own.
 *
 * - Living adults first (the first 40 % are also Client, the first 10 %
 *   Werkzoekende: all adults), then living seniors, then children; then the
 *   deceased (indicatieOverleden, a date of death in the past, no address);
 *   last the two "puntouders" of the BRP (an unknown parent: geslachtsnaam
 *   ".") that the oldest generation has as parents — the GGM makes both
 *   parents (Ouder 1, Ouder 2) mandatory for every IngeschrevenPersoon, and
 *   with finitely many persons the puntouders can only be their own parents.
 * - Households: a couple (man and woman, at most 5 years apart) with or
 *   without children, or a single; seniors likewise. Everyone living has the
 *   household's address; nobody's address has an end date.
 * - Parents: children have their household's couple as Ouder 1 (father) and
 *   Ouder 2 (mother) and the father's geslachtsnaam; every adult, senior and
 *   deceased person has a couple of an older generation as parents, both
 *   born 20 to 42 years before them, and their father's geslachtsnaam. So two
 *   parents never share a person or (by construction) usually not a name, and
 *   no one is older than their parents.
 *
 * Dates are before the demo's reference date (PEILDATUM): the data describe
 * Lindewaard as it was on that day.
 */
import { GESLACHTSNAMEN, MET_VOORVOEGSEL, VOORNAMEN_M, VOORNAMEN_V } from './gemeente.js';
import { Prng } from './prng.js';

/** The day the demo data describe: every past event is before it, nothing current has ended. */
export const PEILDATUM = '2026-06-30';
export const PEILJAAR = 2026;

/** Surnames: plain ones, then those written with a voorvoegsel. */
const SURNAMES: ReadonlyArray<readonly [string | undefined, string]> = [
  ...GESLACHTSNAMEN.map((n) => [undefined, n] as const),
  ...MET_VOORVOEGSEL,
];

export type Generatie = 'volwassene' | 'senior' | 'kind' | 'overleden' | 'puntouder';

export interface Inwoner {
  index: number;
  generatie: Generatie;
  geslacht: 'M' | 'V';
  voornamen: string;
  voorvoegsel?: string;
  geslachtsnaam: string;
  geboortedatum: string;
  overlijdensdatum?: string;
  ouder1: number;
  ouder2: number;
  /** Household number (an address), or -1 (deceased, puntouder). */
  huishouden: number;
}

interface Draft {
  generatie: Generatie;
  man: boolean;
  year: number;
  /** Index of the couple (in `couples`) that are the parents; -1 = the puntouders. */
  parents: number;
  /** A couple's own children get their surname from the man; others from their parents' couple. */
  surname: number;
  household: number;
  deathYear?: number;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

export class Bevolking {
  readonly size: number;
  /** Number of living adults (indices [0, volwassenen)). */
  readonly volwassenen: number;
  readonly households: number;
  private readonly drafts: Draft[] = [];
  /** Per person (final index): draft position. */
  private readonly order: number[];
  private readonly indexOf: number[];
  /** Couples as draft positions [man, woman]. */
  private readonly couples: Array<[number, number]> = [];
  private readonly byYear = new Map<number, number[]>();

  constructor(
    readonly seed: number,
    residents: number,
  ) {
    if (residents < 12) throw new Error(`demo population: at least 12 residents needed, got ${residents}`);
    const p = Prng.for(seed, 'bevolking');
    const deceased = Math.max(2, 2 * Math.round(residents * 0.04));
    const seniors = Math.max(2, Math.round(residents * 0.12));
    const living = residents - 2 - deceased - seniors;
    let household = 0;

    // The deceased: couples born 1900–1946, children of the puntouders.
    for (let i = 0; i < deceased; i += 2) {
      const year = p.int(1900, 1946);
      const man = this.draft({ generatie: 'overleden', man: true, year, parents: -1, surname: p.int(0, SURNAMES.length - 1), household: -1 });
      const woman = this.draft({ generatie: 'overleden', man: false, year: year + p.int(-5, 5), parents: -1, surname: p.int(0, SURNAMES.length - 1), household: -1 });
      for (const d of [man, woman]) this.drafts[d]!.deathYear = Math.min(PEILJAAR - 1, Math.max(1985, this.drafts[d]!.year + p.int(55, 95)));
      this.couple(man, woman);
    }
    // Seniors: couples (60 %) and singles, born 1935–1956, with a household each.
    for (let n = 0; n < seniors; ) {
      const year = p.int(1935, 1956);
      const man = this.person(p, 'senior', p.chance(0.5), year, household);
      n++;
      if (n < seniors && p.chance(0.6)) {
        const a = this.drafts[man]!;
        const partner = this.person(p, 'senior', !a.man, year + p.int(-5, 5), household);
        n++;
        this.couple(a.man ? man : partner, a.man ? partner : man);
      }
      household++;
    }
    // Adults and children: couples with children (40 %), couples (30 %), singles (30 %).
    const adults: number[] = [];
    const children: number[] = [];
    while (adults.length + children.length < living) {
      const r = p.next();
      const withChildren = r < 0.4;
      const year = withChildren ? p.int(1970, 1998) : p.int(1956, 2006);
      const first = this.person(p, 'volwassene', p.chance(0.5), year, household);
      adults.push(first);
      if (r < 0.7 && adults.length + children.length < living) {
        const a = this.drafts[first]!;
        const second = this.person(p, 'volwassene', !a.man, Math.min(2006, year + p.int(-5, 5)), household);
        adults.push(second);
        const [man, woman] = a.man ? [first, second] : [second, first];
        const c = this.couple(man, woman);
        if (withChildren) {
          const lo = Math.max(2005, Math.max(this.drafts[man]!.year, this.drafts[woman]!.year) + 20);
          const hi = Math.min(PEILJAAR - 1, Math.min(this.drafts[man]!.year, this.drafts[woman]!.year) + 42);
          for (let k = p.int(1, 3); k > 0 && lo <= hi && adults.length + children.length < living; k--) {
            children.push(this.draft({ generatie: 'kind', man: p.chance(0.5), year: p.int(lo, hi), parents: c, surname: this.drafts[man]!.surname, household }));
          }
        }
      }
      household++;
    }
    this.households = household;
    // Parents and surnames of everyone who is not a child of a household couple.
    for (let d = 0; d < this.drafts.length; d++) {
      const x = this.drafts[d]!;
      if (x.generatie === 'overleden' || x.generatie === 'kind') continue;
      x.parents = this.parentsFor(x.year, d, Prng.for(seed, 'ouders', d));
      x.surname = this.drafts[this.couples[x.parents]![0]]!.surname;
    }

    // Final order: living adults, seniors, children, deceased, puntouders.
    const rank: Record<Generatie, number> = { volwassene: 0, senior: 1, kind: 2, overleden: 3, puntouder: 4 };
    this.order = this.drafts.map((_, i) => i).sort((a, b) => rank[this.drafts[a]!.generatie] - rank[this.drafts[b]!.generatie] || a - b);
    this.order.push(-1, -2);
    this.size = this.order.length;
    if (this.size !== residents) throw new Error(`demo population: ${this.size} persons for ${residents} residents`);
    this.indexOf = new Array<number>(this.drafts.length);
    this.order.forEach((d, i) => {
      if (d >= 0) this.indexOf[d] = i;
    });
    this.volwassenen = this.order.filter((d) => d >= 0 && this.drafts[d]!.generatie === 'volwassene').length;
  }

  private draft(d: Draft): number {
    this.drafts.push(d);
    return this.drafts.length - 1;
  }

  private person(p: Prng, generatie: Generatie, man: boolean, year: number, household: number): number {
    return this.draft({ generatie, man, year, parents: -1, surname: p.int(0, SURNAMES.length - 1), household });
  }

  private couple(man: number, woman: number): number {
    this.couples.push([man, woman]);
    const c = this.couples.length - 1;
    const y = this.drafts[man]!.year;
    const l = this.byYear.get(y) ?? [];
    l.push(c);
    this.byYear.set(y, l);
    return c;
  }

  /** A couple of an older generation, both born 20–42 years before `year` (not the person's own couple). */
  private parentsFor(year: number, self: number, p: Prng): number {
    const fits = (c: number) => {
      const [m, w] = this.couples[c]!;
      if (m === self || w === self) return false;
      return [m, w].every((x) => year - this.drafts[x]!.year >= 20 && year - this.drafts[x]!.year <= 42);
    };
    const start = year - p.int(25, 35);
    for (let delta = 0; delta <= 20; delta++) {
      for (const y of delta === 0 ? [start] : [start - delta, start + delta]) {
        const list = this.byYear.get(y);
        if (!list) continue;
        const from = p.int(0, list.length - 1);
        for (let k = 0; k < list.length; k++) {
          const c = list[(from + k) % list.length]!;
          if (fits(c)) return c;
        }
      }
    }
    // No couple of that generation (a very small set): the oldest deceased couple, with the birth year moved to fit.
    const c = 0;
    const [m, w] = this.couples[c]!;
    const lo = Math.max(this.drafts[m]!.year, this.drafts[w]!.year) + 20;
    const hi = Math.min(this.drafts[m]!.year, this.drafts[w]!.year) + 42;
    this.drafts[self]!.year = Math.min(Math.max(this.drafts[self]!.year, lo), hi);
    return c;
  }

  private yearToDate(d: number, year: number, what: string): string {
    const p = Prng.for(this.seed, what, d);
    const m = p.int(1, 12);
    const day = p.int(1, [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!);
    const date = `${year}-${pad2(m)}-${pad2(day)}`;
    return date > PEILDATUM ? PEILDATUM : date;
  }

  /** Person number `index` (0 ≤ index < size). */
  inwoner(index: number): Inwoner {
    const d = this.order[index];
    if (d === undefined) throw new Error(`demo population: no resident ${index}`);
    if (d < 0) {
      // The puntouders: parents of the oldest generation, and (the model requires parents) of themselves.
      return { index, generatie: 'puntouder', geslacht: d === -1 ? 'M' : 'V', voornamen: '.', geslachtsnaam: '.', geboortedatum: '1850-01-01', ouder1: this.size - 2, ouder2: this.size - 1, huishouden: -1 };
    }
    const x = this.drafts[d]!;
    const p = Prng.for(this.seed, 'voornamen', d);
    const namen = x.man ? VOORNAMEN_M : VOORNAMEN_V;
    const [voorvoegsel, geslachtsnaam] = SURNAMES[x.surname]!;
    const [ouder1, ouder2] = x.parents < 0 ? [this.size - 2, this.size - 1] : this.couples[x.parents]!.map((c) => this.indexOf[c]!);
    return {
      index,
      generatie: x.generatie,
      geslacht: x.man ? 'M' : 'V',
      voornamen: p.chance(0.4) ? `${p.pick(namen)} ${p.pick(namen)}` : p.pick(namen),
      ...(voorvoegsel ? { voorvoegsel } : {}),
      geslachtsnaam,
      geboortedatum: this.yearToDate(d, x.year, 'geboorte'),
      ...(x.deathYear !== undefined ? { overlijdensdatum: this.yearToDate(d, x.deathYear, 'overlijden') } : {}),
      ouder1: ouder1!,
      ouder2: ouder2!,
      huishouden: x.household,
    };
  }
}
