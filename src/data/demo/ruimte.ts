/**
 * The map of Lindewaard (RD New, EPSG:28992): where every spatial thing of the
 * demo lies, topologically consistent and computed from (seed, counts) alone.
 *
 * - An 8 × 8 grid of buurten (about 1 km each) whose grid points are moved a
 *   little (a seeded jitter), so the buurten are irregular quadrilaterals that
 *   share their corners exactly: 64 buurten tile 16 wijken (2 × 2 buurten),
 *   the wijken tile 4 woonplaatsen (2 × 2 wijken), and those tile the gemeente
 *   — every boundary is drawn through the same grid points.
 * - Inside a buurt, positions are bilinear in the buurt's quadrilateral
 *   (u, v in 0…1): lines of constant u or v are straight, so a rectangle in
 *   (u, v) is a quadrilateral inside the buurt. The panden of a buurt stand in
 *   rows of slots in its middle ([0.1, 0.9]²): the kadastraal perceel is the
 *   slot less a margin, the pand the slot less a wider one, its
 *   verblijfsobjecten points inside the pand; each row has a street
 *   (openbare ruimte, wegdeel) in the gap in front of it.
 * - The edges of a buurt hold the rest: green (begroeide terreindelen,
 *   groen- en vegetatieobjecten, bomen) on the right, water at the bottom,
 *   parkeervlakken on the left, everything else at the top — each kind in
 *   cells of its own, so objects of one kind never overlap.
 * Coordinates are computed in whole centimetres with integer arithmetic
 * (exact in doubles), so every platform writes the same text.
 */
import { RD_CRS } from './gemeente.js';
import { hash32 } from './prng.js';

export const BUURTEN = 64;
export const WIJKEN = 16;
export const WOONPLAATSEN = 4;
const GRID = 8;
/** Parameter scale inside a buurt: u, v are integers in [0, D]. */
const D = 10_000;
/** South-west corner of the grid and cell size, in centimetres. */
const X0 = 14_400_000;
const Y0 = 44_800_000;
const CELL = 100_000;
const JITTER = 15_000;

export type Pt = [x: number, y: number];
export type Ring = Pt[];

/** A rectangle in a buurt's (u, v) parameters. */
export interface Cell {
  buurt: number;
  u0: number;
  v0: number;
  u1: number;
  v1: number;
}

/** The strips at the edge of a buurt, in (u, v): [u0, v0, u1, v1]. */
export const STRIPS = {
  groen: [9_000, 1_000, 9_950, 9_000],
  water: [1_000, 100, 9_000, 900],
  parkeren: [100, 1_000, 900, 9_000],
  overig: [1_000, 9_100, 9_000, 9_900],
} as const;
export type Strip = keyof typeof STRIPS;

function metres(cm: number): string {
  const sign = cm < 0 ? '-' : '';
  const a = Math.abs(cm);
  const whole = Math.floor(a / 100);
  const frac = a % 100;
  return frac === 0 ? `${sign}${whole}` : `${sign}${whole}.${String(frac).padStart(2, '0').replace(/0$/, '')}`;
}
const pt = (p: Pt) => `${metres(p[0])} ${metres(p[1])}`;
const ring = (r: Ring) => `(${r.map(pt).join(', ')})`;
export const wkt = {
  point: (p: Pt) => `${RD_CRS}POINT(${pt(p)})`,
  multiPoint: (ps: Pt[]) => `${RD_CRS}MULTIPOINT(${ps.map((p) => `(${pt(p)})`).join(', ')})`,
  line: (ps: Pt[]) => `${RD_CRS}LINESTRING(${ps.map(pt).join(', ')})`,
  multiLine: (ls: Pt[][]) => `${RD_CRS}MULTILINESTRING(${ls.map((l) => `(${l.map(pt).join(', ')})`).join(', ')})`,
  polygon: (r: Ring) => `${RD_CRS}POLYGON(${ring(r)})`,
  multiPolygon: (rs: Ring[]) => `${RD_CRS}MULTIPOLYGON(${rs.map((r) => `(${ring(r)})`).join(', ')})`,
};

export interface RuimteCounts {
  panden: number;
  verblijfsobjecten: number;
}

/** Kinds of objects placed in cells at the edge of buurten, with the strip they use and how they spread over the buurten. */
export interface Spread {
  strip: Strip;
  /** Sub-range of the strip across its width (0…1 of the width), so kinds sharing a strip stay apart. */
  lane?: [number, number];
  /** Relative number per buurt (undefined: the same everywhere). */
  weight?: (buurt: number) => number;
}

export class Ruimte {
  private readonly vx: number[] = [];
  private readonly vy: number[] = [];
  /** Per buurt: first pand, number of panden, slots per row, rows, first street. */
  private readonly pandStart: number[] = [];
  private readonly pandCount: number[] = [];
  private readonly columns: number[] = [];
  private readonly rows: number[] = [];
  private readonly streetStart: number[] = [];
  readonly straten: number;

  constructor(
    readonly seed: number,
    readonly counts: RuimteCounts,
  ) {
    if (counts.verblijfsobjecten < counts.panden) throw new Error('demo map: fewer verblijfsobjecten than panden');
    for (let j = 0; j <= GRID; j++) {
      for (let i = 0; i <= GRID; i++) {
        const h = hash32(`${seed}:grid:${i}:${j}`);
        const jx = (h % (2 * JITTER + 1)) - JITTER;
        const jy = ((h >>> 16) % (2 * JITTER + 1)) - JITTER;
        // Points on the outline move outward or inward only, so the outline stays simple.
        const edgeX = i === 0 || i === GRID;
        const edgeY = j === 0 || j === GRID;
        this.vx.push(X0 + i * CELL + (edgeY && !edgeX ? 0 : jx));
        this.vy.push(Y0 + j * CELL + (edgeX && !edgeY ? 0 : jy));
      }
    }
    // Panden per buurt by density (dense centre of Lindewaard, quieter villages).
    const weights = Array.from({ length: BUURTEN }, (_, b) => this.density(b));
    const total = weights.reduce((a, b) => a + b, 0);
    let cumulative = 0;
    let streets = 0;
    for (let b = 0; b < BUURTEN; b++) {
      const start = Math.floor((cumulative * counts.panden) / total);
      cumulative += weights[b]!;
      const n = Math.floor((cumulative * counts.panden) / total) - start;
      const g = Math.max(1, Math.ceil(Math.sqrt(n)));
      this.pandStart.push(start);
      this.pandCount.push(n);
      this.columns.push(g);
      this.rows.push(n === 0 ? 0 : Math.ceil(n / g));
      this.streetStart.push(streets);
      streets += this.rows[b]!;
    }
    this.straten = streets;
  }

  /** Building density of a buurt, 1…4 (woonplaats 0 — Lindewaard itself — is denser). */
  density(buurt: number): number {
    // Lindewaard's own layout (not the seed's): every seed gets the same number of panden per buurt and streets.
    return 1 + (hash32(`lindewaard:dichtheid:${buurt}`) % 3) + (woonplaatsOfBuurt(buurt) === 0 ? 1 : 0);
  }

  /** Green per buurt, 1…4: the inverse of density (hittestress: the dense buurten have least green). */
  green(buurt: number): number {
    return 5 - this.density(buurt);
  }

  // ---- grid and administrative areas

  private vertex(i: number, j: number): Pt {
    const k = j * (GRID + 1) + i;
    return [this.vx[k]!, this.vy[k]!];
  }

  /** Grid cell (i, j) of a buurt: woonplaats quadrant, wijk within it, buurt within that. */
  static cellOf(buurt: number): [number, number] {
    const p = Math.floor(buurt / 16);
    const k = Math.floor(buurt / 4) % 4;
    const m = buurt % 4;
    return [(p % 2) * 4 + (k % 2) * 2 + (m % 2), Math.floor(p / 2) * 4 + Math.floor(k / 2) * 2 + Math.floor(m / 2)];
  }

  /** The outline of a block of grid cells, counter-clockwise through every grid point on it. */
  private block(i0: number, j0: number, w: number, h: number): Ring {
    const r: Ring = [];
    for (let i = i0; i < i0 + w; i++) r.push(this.vertex(i, j0));
    for (let j = j0; j < j0 + h; j++) r.push(this.vertex(i0 + w, j));
    for (let i = i0 + w; i > i0; i--) r.push(this.vertex(i, j0 + h));
    for (let j = j0 + h; j > j0; j--) r.push(this.vertex(i0, j));
    r.push(r[0]!);
    return r;
  }

  buurtRing(buurt: number): Ring {
    const [i, j] = Ruimte.cellOf(buurt);
    return this.block(i, j, 1, 1);
  }
  wijkRing(wijk: number): Ring {
    const [i, j] = Ruimte.cellOf(wijk * 4);
    return this.block(i, j, 2, 2);
  }
  woonplaatsRing(woonplaats: number): Ring {
    const [i, j] = Ruimte.cellOf(woonplaats * 16);
    return this.block(i, j, 4, 4);
  }
  gemeenteRing(): Ring {
    return this.block(0, 0, GRID, GRID);
  }

  /** The point at (u, v) of a buurt (bilinear in its quadrilateral). */
  at(buurt: number, u: number, v: number): Pt {
    const [i, j] = Ruimte.cellOf(buurt);
    const a = this.vertex(i, j);
    const b = this.vertex(i + 1, j);
    const c = this.vertex(i, j + 1);
    const d = this.vertex(i + 1, j + 1);
    const w00 = (D - u) * (D - v);
    const w10 = u * (D - v);
    const w01 = (D - u) * v;
    const w11 = u * v;
    const f = (k: 0 | 1) => Math.round((a[k] * w00 + b[k] * w10 + c[k] * w01 + d[k] * w11) / (D * D));
    return [f(0), f(1)];
  }

  /** A (u, v) rectangle as a ring (counter-clockwise), shrunk by `inset` (0…0.5 of its size) on every side. */
  quad(c: Cell, inset = 0): Ring {
    const du = Math.round((c.u1 - c.u0) * inset);
    const dv = Math.round((c.v1 - c.v0) * inset);
    const [u0, v0, u1, v1] = [c.u0 + du, c.v0 + dv, c.u1 - du, c.v1 - dv];
    const r: Ring = [this.at(c.buurt, u0, v0), this.at(c.buurt, u1, v0), this.at(c.buurt, u1, v1), this.at(c.buurt, u0, v1)];
    r.push(r[0]!);
    return r;
  }
  centre(c: Cell): Pt {
    return this.at(c.buurt, Math.round((c.u0 + c.u1) / 2), Math.round((c.v0 + c.v1) / 2));
  }

  // ---- panden, percelen, verblijfsobjecten, straten

  /** The buurt a pand stands in. */
  pandBuurt(pand: number): number {
    let lo = 0;
    let hi = BUURTEN - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.pandStart[mid]! <= pand) lo = mid;
      else hi = mid - 1;
    }
    // Buurten without panden share their start with the next one: take the one that has it.
    while (this.pandCount[lo] === 0) lo--;
    return lo;
  }

  private slot(pand: number): { buurt: number; row: number; col: number; cell: Cell } {
    const buurt = this.pandBuurt(pand);
    const rank = pand - this.pandStart[buurt]!;
    const g = this.columns[buurt]!;
    const rows = this.rows[buurt]!;
    const row = Math.floor(rank / g);
    const col = rank % g;
    const s = Math.min(400, Math.floor(8_000 / Math.max(g, rows)));
    const u0 = 5_000 - Math.round((g * s) / 2) + col * s;
    const v0 = 5_000 - Math.round((rows * s) / 2) + row * s;
    return { buurt, row, col, cell: { buurt, u0, v0, u1: u0 + s, v1: v0 + s } };
  }

  pandRing(pand: number): Ring {
    return this.quad(this.slot(pand).cell, 0.25);
  }
  pandPunt(pand: number): Pt {
    return this.centre(this.slot(pand).cell);
  }
  perceelRing(pand: number): Ring {
    return this.quad(this.slot(pand).cell, 0.08);
  }

  /** The pand of verblijfsobject i, and the verblijfsobjecten of a pand ([first, end)). */
  vboPand(vbo: number): number {
    return Math.floor((vbo * this.counts.panden) / this.counts.verblijfsobjecten);
  }
  pandVbos(pand: number): [number, number] {
    const v = this.counts.verblijfsobjecten;
    const p = this.counts.panden;
    return [Math.ceil((pand * v) / p), Math.ceil(((pand + 1) * v) / p)];
  }
  vboPunt(vbo: number): Pt {
    const pand = this.vboPand(vbo);
    const [first, end] = this.pandVbos(pand);
    const c = this.slot(pand).cell;
    const s = c.u1 - c.u0;
    const u = c.u0 + Math.round(s / 4 + (s / 2) * ((vbo - first + 1) / (end - first + 1)));
    return this.at(c.buurt, u, c.v0 + Math.round(s / 2));
  }
  vboBuurt(vbo: number): number {
    return this.pandBuurt(this.vboPand(vbo));
  }
  /** House number of a verblijfsobject on its street: odd numbers along the row. */
  huisnummer(vbo: number): number {
    const pand = this.vboPand(vbo);
    const [first] = this.pandVbos(pand);
    return this.slot(pand).col * 4 + 1 + 2 * (vbo - first);
  }
  /** The street (openbare ruimte) of a verblijfsobject's address: the one in front of its row. */
  vboStraat(vbo: number): number {
    const s = this.slot(this.vboPand(vbo));
    return this.streetStart[s.buurt]! + s.row;
  }
  straatBuurt(straat: number): number {
    let b = 0;
    while (b + 1 < BUURTEN && this.streetStart[b + 1]! <= straat) b++;
    while (this.rows[b] === 0) b--;
    return b;
  }
  /** A street's centre line (the front of its row of panden) and the band of road around it. */
  private street(straat: number): { buurt: number; v: number; u0: number; u1: number; half: number } {
    const buurt = this.straatBuurt(straat);
    const row = straat - this.streetStart[buurt]!;
    const first = this.slot(this.pandStart[buurt]! + row * this.columns[buurt]!);
    const s = first.cell.u1 - first.cell.u0;
    return { buurt, v: first.cell.v0, u0: first.cell.u0, u1: first.cell.u0 + this.columns[buurt]! * s, half: Math.max(1, Math.round(s * 0.06)) };
  }
  straatLijn(straat: number): Pt[] {
    const s = this.street(straat);
    return [this.at(s.buurt, s.u0, s.v), this.at(s.buurt, s.u1, s.v)];
  }
  straatVlak(straat: number): Ring {
    const s = this.street(straat);
    return this.quad({ buurt: s.buurt, u0: s.u0, v0: s.v - s.half, u1: s.u1, v1: s.v + s.half });
  }

  // ---- objects at the edge of buurten

  /**
   * Cell of object `index` of `count` of a kind: the objects spread over the
   * buurten by the kind's weight (a cycle through the buurten, each as often
   * as its weight), and a buurt's objects fill a grid of cells in the kind's
   * strip and lane.
   */
  edgeCell(kind: string, spread: Spread, index: number, count: number): Cell {
    const cycle = this.cycle(kind, spread);
    const round = Math.floor(index / cycle.length);
    const pos = index % cycle.length;
    const buurt = cycle[pos]!;
    const weight = spread.weight ? spread.weight(buurt) : 1;
    const first = cycle.indexOf(buurt);
    const rank = round * weight + (pos - first);
    const perBuurt = Math.ceil(count / cycle.length) * (spread.weight ? 4 : 1);
    const [su0, sv0, su1, sv1] = STRIPS[spread.strip];
    const [l0, l1] = spread.lane ?? [0, 1];
    const across = spread.strip === 'groen' || spread.strip === 'parkeren';
    // The strip's length runs along v (left and right strips) or u (top and bottom).
    const [a0, a1, b0, b1] = across ? [sv0, sv1, su0, su1] : [su0, su1, sv0, sv1];
    const w0 = b0 + Math.round((b1 - b0) * l0);
    const w1 = b0 + Math.round((b1 - b0) * l1);
    const lanes = Math.max(1, Math.round(Math.sqrt((perBuurt * (w1 - w0)) / (a1 - a0))));
    const along = Math.ceil(perBuurt / lanes);
    const i = rank % along;
    const k = Math.floor(rank / along) % lanes;
    const la = Math.floor((a1 - a0) / along);
    const lb = Math.floor((w1 - w0) / lanes);
    const [p0, p1, q0, q1] = [a0 + i * la, a0 + (i + 1) * la, w0 + k * lb, w0 + (k + 1) * lb];
    return across ? { buurt, u0: q0, v0: p0, u1: q1, v1: p1 } : { buurt, u0: p0, v0: q0, u1: p1, v1: q1 };
  }

  private readonly cycles = new Map<string, number[]>();
  private cycle(kind: string, spread: Spread): number[] {
    let c = this.cycles.get(kind);
    if (c) return c;
    c = [];
    const offset = hash32(`${this.seed}:${kind}`) % BUURTEN;
    for (let k = 0; k < BUURTEN; k++) {
      const b = (k + offset) % BUURTEN;
      for (let w = spread.weight ? spread.weight(b) : 1; w > 0; w--) c.push(b);
    }
    this.cycles.set(kind, c);
    return c;
  }

  /** A point near a verblijfsobject (within about 300 m, inside its buurt): where a melding about the street is made. */
  nearVbo(vbo: number, salt: string): Pt {
    const pand = this.vboPand(vbo);
    const c = this.slot(pand).cell;
    const h = hash32(`${this.seed}:${salt}`);
    const du = (h % 6_001) - 3_000;
    const dv = ((h >>> 13) % 6_001) - 3_000;
    const clamp = (x: number) => Math.min(9_800, Math.max(200, x));
    return this.at(c.buurt, clamp(Math.round((c.u0 + c.u1) / 2) + du), clamp(c.v0 + dv));
  }

  /** A regular octagon (counter-clockwise) around a grid point: the large plan and water-storage areas. */
  octagon(i: number, j: number, radius: number): Ring {
    const [x, y] = this.vertex(i, j);
    // cos/sin of k·45° as exact fractions (√½ ≈ 7071/10000), so the corners are the same everywhere.
    const c = [10_000, 7_071, 0, -7_071, -10_000, -7_071, 0, 7_071];
    const r: Ring = c.map((_, k) => [x + Math.round((radius * c[k]!) / 10_000), y + Math.round((radius * c[(k + 6) % 8]!) / 10_000)]);
    r.push(r[0]!);
    return r;
  }
}

export function wijkOfBuurt(buurt: number): number {
  return Math.floor(buurt / 4);
}
export function woonplaatsOfWijk(wijk: number): number {
  return Math.floor(wijk / 4);
}
export function woonplaatsOfBuurt(buurt: number): number {
  return Math.floor(buurt / 16);
}
