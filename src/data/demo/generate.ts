/**
 * The streaming generator: instance after instance, class family after class
 * family, each computed from (seed, class, index) alone, written straight to a
 * sink. Memory use does not grow with the number of instances.
 */
import type { Attribuutsoort, Objecttype, ResolvedType } from '../../model/types.js';
import { NS } from '../../iri/index.js';
import { digitsPattern } from '../../model/datatypes.js';
import { iri, literal } from '../rdf-writer.js';
import type { Family, Plan, Pool } from './plan.js';
import { attributesOf, isRestrictedDomain } from './plan.js';
import { Prng } from './prng.js';
import type { Scenario } from './scenario.js';
import { GEMEENTE } from './gemeente.js';
import { bsn, persona, primitiveValue, volledigeNaam, type Literal, type Persona, type ValueContext } from './values.js';
import { GEO_FEATURE, geometryTriples } from '../geometry-triples.js';
import { defaultGeometry, isGeometryAttribute } from '../../model/geometry.js';
import { personalPlacement } from '../personal-placement.js';

/** Where generated quads go; terms are N-Triples term strings. */
export interface QuadSink {
  add(subject: string, predicate: string, object: string, graph: string): void;
  /** Resolves when buffered output was taken (back-pressure). */
  drain(): Promise<void>;
  readonly triples: number;
}

/** Chance that an optional attribute gets a value. */
const FILL_ATTRIBUTE = 0.8;
/** Chance that an optional relation gets a target. */
const FILL_RELATION = 0.5;

const RDF_TYPE = iri(`${NS.rdf}type`);
const ORGANISATION = /leverancier|organisatie|bedrijf|vereniging|instelling|school|schuldeiser|aanbieder|vervoerder|uitgever|opdrachtnemer|opdrachtgever|signaalpartner|belprovider|grondbeheerder|projectontwikkelaar|sportvereniging/i;

/** Attributes of persons about death, departure or the end of residence. */
const GONE = /overl|vertrek|vertrokken|opschorting|einde ?bewoning|eindeGeldigheidVerblijf|verlies/i;
/** End dates of BAG and RSGB objects (current objects have none). */
const ENDED = /^(datum)?eind|^datumEinde|eindeGeldigheid|eindGeldigheid|eindRegistratie/i;
const CURRENT_DOMAINS = new Set(['BAG', 'RSGBPlus']);

interface Recipe {
  classes: string[];
  attributes: Array<{ owner: Objecttype; a: Attribuutsoort }>;
  /** A class of the instance has geometry attributes: it is a geo:Feature. */
  feature: boolean;
  /** The geometry attribute that is its geo:hasDefaultGeometry. */
  defaultGeometry?: string;
}

interface AttributeCheck {
  maxLength?: number;
  patterns: RegExp[];
}

export class DemoGenerator {
  private readonly termCache = new Map<string, string>();
  private readonly checks = new Map<string, AttributeCheck>();
  private readonly personOffset = new Map<Family, number>();
  private readonly natuurlijkPersoon: Set<string>;
  private readonly nietNatuurlijkPersoon: Set<string>;
  private readonly residents: Family | undefined;
  private readonly recipes = new Map<string, Recipe>();
  private readonly graphs = new Map<string, [string, string]>();
  private readonly iriPrefixes = new Map<Family, string>();
  /** Graphs anyone may read. */
  private readonly publicGraphs = new Set<string>();
  /** The placement rule of personal data (data/personal-placement.ts): out of the public graphs. */
  private readonly place: (subject: string, object: string, graph: string) => string;

  constructor(readonly plan: Plan, readonly scenario: Scenario) {
    const named = (name: string) => new Set([...plan.model.objecttypen.values()].filter((o) => o.name === name).map((o) => o.guid));
    this.natuurlijkPersoon = named('NatuurlijkPersoon');
    this.nietNatuurlijkPersoon = named('NietNatuurlijkPersoon');
    this.residents = plan.familyOf.get(scenario.c.ingeschrevenPersoon.guid);
    let offset = 0;
    for (const f of plan.families) {
      if (this.isPerson(plan.lineage(f.ot.guid))) {
        this.personOffset.set(f, offset);
        offset += f.count;
      }
    }
    for (const d of new Set(plan.families.map((f) => plan.domainOf(f.ot.guid)))) if (!isRestrictedDomain(plan, d)) this.publicGraphs.add(iri(plan.graphOf(d)));
    // Graphs are N-Triples terms here: the personal companion of <g> is <g/persoonsgegevens>.
    const place = personalPlacement(plan.model, plan.iris, (g) => !this.publicGraphs.has(`<${g}>`));
    this.place = (subject, object, graph) => `<${place(subject, object, graph.slice(1, -1))}>`;
  }

  /** Number of instances the plan holds. */
  get instances(): number {
    return this.plan.families.reduce((n, f) => n + f.count, 0);
  }

  async run(sink: QuadSink, onProgress?: (triples: number) => void): Promise<void> {
    let n = 0;
    for (const family of this.plan.families) {
      for (let i = 0; i < family.count; i++) {
        this.instance(family, i, sink);
        if ((++n & 511) === 0) {
          await sink.drain();
          onProgress?.(sink.triples);
        }
      }
    }
    await sink.drain();
    onProgress?.(sink.triples);
  }

  private term(key: string, make: () => string): string {
    let t = this.termCache.get(key);
    if (t === undefined) this.termCache.set(key, (t = make()));
    return t;
  }

  private isPerson(classes: string[]): boolean {
    return classes.some((c) => this.natuurlijkPersoon.has(c));
  }

  /** The classes of instance `index` of a family: its own, its roles, and all their superclasses. */
  classesOf(family: Family, index: number): string[] {
    return this.recipe(family, index).classes;
  }

  /** What instances of a family with the same roles share: classes and attributes (computed once). */
  private recipe(family: Family, index: number): Recipe {
    let key = family.local;
    for (const r of family.roles) if (index >= r.lo && index < r.hi) key += `+${r.guid}`;
    let recipe = this.recipes.get(key);
    if (recipe) return recipe;
    const own = [family.ot.guid, ...family.roles.filter((r) => index >= r.lo && index < r.hi).map((r) => r.guid)];
    const classes: string[] = [];
    for (const c of own) for (const g of this.plan.lineage(c)) if (!classes.includes(g)) classes.push(g);
    const attributes = attributesOf(this.plan, classes);
    const byNearest = classes.map((g) => this.plan.model.objecttypen.get(g)!).filter(Boolean);
    const d = defaultGeometry(byNearest);
    recipe = { classes, attributes, feature: attributes.some((x) => isGeometryAttribute(x.a)), ...(d ? { defaultGeometry: d.guid } : {}) };
    this.recipes.set(key, recipe);
    return recipe;
  }

  /** The N-Triples term of instance `index` of a family (the IRI module's instance IRI). */
  private instanceTerm(family: Family, index: number): string {
    let prefix = this.iriPrefixes.get(family);
    if (prefix === undefined) {
      const first = this.plan.iriOf(family, 0);
      prefix = first.slice(0, -1); // instance IRIs end in their reference "1", "2", …
      if (!first.endsWith('/1') || iri(first) !== `<${first}>`) throw new Error(`demo: unexpected instance IRI ${first}`);
      this.iriPrefixes.set(family, (prefix = `<${prefix}`));
    }
    return `${prefix}${index + 1}>`;
  }

  /** The graph of a triple owned by a class: its domain's, or the persons graph for RSGB data about a person. */
  private graph(owner: string, person: boolean): string {
    let g = this.graphs.get(owner);
    if (!g) {
      const domain = this.plan.domainOf(owner);
      const own = iri(this.plan.graphOf(domain));
      g = [own, domain === 'RSGBPlus' ? iri(this.plan.graphOf('Personen')) : own];
      this.graphs.set(owner, g);
    }
    return g[person ? 1 : 0];
  }

  /** The made-up person behind instance `index` of a family of natural persons. */
  persona(family: Family, index: number): Persona {
    const offset = this.personOffset.get(family);
    if (offset === undefined) throw new Error(`demo: ${family.ot.name} is not a class of natural persons`);
    if (family === this.residents) {
      // The residents are the population of Lindewaard: families, the living and the deceased (bevolking.ts).
      const x = this.scenario.inwoner(index, this.plan);
      return {
        geslacht: x.geslacht,
        voornamen: x.voornamen,
        ...(x.voorvoegsel ? { voorvoegsel: x.voorvoegsel } : {}),
        geslachtsnaam: x.geslachtsnaam,
        geboortedatum: x.geboortedatum,
        bsn: bsn(offset + index),
        ...(x.overlijdensdatum ? { overlijdensdatum: x.overlijdensdatum } : {}),
        ...(x.generatie === 'puntouder' ? { puntouder: true } : {}),
      };
    }
    return persona(this.plan.seed, offset + index, false);
  }

  /** Generates one instance into `sink`. */
  instance(family: Family, index: number, sink: QuadSink): void {
    const { plan, scenario } = this;
    const prng = Prng.for(plan.seed, family.local, index);
    const { classes, attributes } = this.recipe(family, index);
    const person = this.isPerson(classes);
    const organisation = !person && (classes.some((c) => this.nietNatuurlijkPersoon.has(c)) || ORGANISATION.test(family.ot.name));
    const ctx: ValueContext = {
      prng,
      className: family.ot.name,
      index,
      organisation,
      ...(person ? { persona: this.persona(family, index) } : {}),
    };
    const s = this.instanceTerm(family, index);
    const quads: Array<[string, string, string]> = [];
    const recipe = this.recipe(family, index);
    for (const c of classes) quads.push([RDF_TYPE, this.term(c, () => iri(plan.iris.objecttype(c))), this.graph(c, person)]);
    if (recipe.feature) quads.push([RDF_TYPE, GEO_FEATURE, this.graph(family.ot.guid, person)]);
    const nodes: Array<[string, string, string, string]> = [];

    for (const { owner, a } of attributes) {
      if (a.type.kind === 'geometry') {
        // GeoSPARQL 1.1: the attribute points at a geo:Geometry node with the WKT (model/geometry.ts).
        if (!ctx.prng.chance(FILL_ATTRIBUTE) && a.guid !== recipe.defaultGeometry) continue;
        const g = this.graph(owner.guid, person);
        const feature = s.slice(1, -1);
        const wkt = scenario.geometry(a, family, index, plan);
        for (const [ts, tp, to] of geometryTriples(feature, plan.iris.attribuut(a.guid), plan.iris.names.attribuut.get(a.guid)!, wkt, a.guid === recipe.defaultGeometry)) {
          if (ts === s) quads.push([tp, to, g]);
          else nodes.push([ts, tp, to, g]);
        }
        continue;
      }
      const o = this.attributeObject(owner, a, family, index, ctx);
      if (o !== undefined) quads.push([this.term(a.guid, () => iri(plan.iris.attribuut(a.guid))), o, this.graph(owner.guid, person)]);
    }

    for (const c of classes) {
      for (const r of plan.relationsFrom.get(c) ?? []) {
        const p = this.term(r.guid, () => iri(plan.iris.relatie(r.guid)));
        const g = this.graph(c, person);
        const fixed = scenario.relationTargets(r, family, index, plan);
        if (fixed) {
          const doel = plan.familyOf.get(r.doel.classGuid);
          if (!doel) throw new Error(`demo scenario: fixed targets of ${family.ot.name} → ${r.name} need a family of ${r.doel.classGuid}`);
          for (const t of fixed) quads.push([p, this.instanceTerm(doel, t), g]);
          continue;
        }
        const { min, max } = r.doel.multiplicity;
        let k = min === 0 ? (prng.chance(FILL_RELATION) ? 1 : 0) : min + (prng.chance(0.25) ? 1 : 0);
        if (max !== undefined) k = Math.min(k, max);
        for (const t of this.pick(r.doel.classGuid, k, min, family, index, prng, () => `${family.ot.name} → ${r.name} → ${plan.model.objecttypen.get(r.doel.classGuid)?.name}`)) quads.push([p, t, g]);
      }
    }
    // Personal data out of the public graphs: about a personal instance, or pointing at one.
    for (const q of quads) q[2] = this.place(s, q[1], q[2]);
    for (const n of nodes) n[3] = this.place(n[0], n[2], n[3]);
    // Group by graph (stable), so a TriG writer opens few graph blocks per subject.
    const order = new Map<string, number>();
    for (const q of quads) if (!order.has(q[2])) order.set(q[2], order.size);
    quads.sort((x, y) => order.get(x[2])! - order.get(y[2])!);
    for (const [p, o, g] of quads) sink.add(s, p, o, g);
    for (const [ns, p, o, g] of nodes) sink.add(ns, p, o, g);
  }

  /** k distinct members of the pool of `doel` (the instance itself only when unavoidable). */
  private pick(doel: string, k: number, min: number, family: Family, index: number, prng: Prng, what: () => string): string[] {
    if (k === 0) return [];
    const pool = this.plan.pool(doel);
    if (pool.size < min) throw new Error(`demo: ${what()} needs ${min} targets but only ${pool.size} instances exist`);
    const want = Math.min(k, pool.size);
    const chosen = new Set<number>();
    const isSelf = (n: number) => {
      const m = pool.at(n);
      return m.family === family && m.index === index;
    };
    // Aligned: instance i of any class that refers to residents refers (first) to resident i of the
    // pool, so the same residents turn up in every domain (client 1 has a schuldhulptraject, a Wmo
    // beschikking, a vordering …).
    const residents = this.residentSegment(pool);
    if (residents) {
      const n = residents.offset + (index % residents.size);
      if (!isSelf(n)) chosen.add(n);
    }
    for (let attempt = 0; chosen.size < want && attempt < want * 8; attempt++) {
      const n = Math.floor(prng.next() * pool.size);
      if (!isSelf(n)) chosen.add(n);
    }
    for (let n = 0; chosen.size < want && n < pool.size; n++) if (!isSelf(n)) chosen.add(n);
    if (chosen.size < Math.min(min, pool.size)) for (let n = 0; chosen.size < min && n < pool.size; n++) chosen.add(n);
    return [...chosen].sort((a, b) => a - b).map((n) => {
      const m = pool.at(n);
      return this.instanceTerm(m.family, m.index);
    });
  }

  /** Where the residents' family sits in a pool (offset and size), if it is in it. */
  private residentSegment(pool: Pool): { offset: number; size: number } | undefined {
    let offset = 0;
    for (const s of pool.segments) {
      if (s.family === this.residents) return { offset, size: s.hi - s.lo };
      offset += s.hi - s.lo;
    }
    return undefined;
  }

  private attributeObject(owner: Objecttype, a: Attribuutsoort, family: Family, index: number, ctx: ValueContext): string | undefined {
    const fixed = this.scenario.attributeValue(a, family, index, this.plan);
    if (fixed) return literal(fixed.lexical, fixed.datatype);
    const t = a.type;
    const p = ctx.prng;
    const pers = ctx.persona;
    if (pers && GONE.test(a.name)) {
      // The deceased have died (a date, a place, the BRP's "opschorting" for death); the living have not,
      // and nobody has left or stopped living here.
      const dead = pers.overlijdensdatum !== undefined;
      if (t.kind === 'primitive' && t.xsd.endsWith('#boolean')) return literal(dead && /overl/i.test(a.name) ? 'true' : 'false', t.xsd);
      if (!dead || t.kind !== 'primitive') return undefined;
      if (/datum ?overl|datumOpschorting/i.test(a.name) && t.xsd.endsWith('#date')) return literal(pers.overlijdensdatum!, t.xsd);
      if (/overlijdensplaats/i.test(a.name)) return literal(GEMEENTE.woonplaatsen[index % GEMEENTE.woonplaatsen.length]!);
      if (/redenOpschorting/i.test(a.name)) return literal('O');
      return undefined;
    }
    if (pers?.puntouder) return /geslachtsnaam|voornamen/i.test(a.name) ? literal('.') : undefined;
    if (family === this.residents && /^ouder[12]$/i.test(a.name)) {
      const x = this.scenario.inwoner(index, this.plan);
      const parent = this.persona(family, a.name.endsWith('1') ? x.ouder1 : x.ouder2);
      return literal(parent.puntouder ? '.' : volledigeNaam(parent));
    }
    // Current BAG and RSGB objects (addresses, buildings, areas) have not ended.
    if (ENDED.test(a.name) && CURRENT_DOMAINS.has(this.plan.domainOf(owner.guid))) return undefined;
    switch (t.kind) {
      case 'primitive': {
        // Every person has a BSN: the cross-domain questions identify residents by it.
        // So are their names and date of birth (parents are named after them, ages compared).
        const always = ctx.persona !== undefined && /^(burgerservicenummer|voornamen|geslachtsnaam|voorvoegselGeslachtsnaam|datumGeboorte)$/i.test(a.name);
        if (!p.chance(FILL_ATTRIBUTE) && !always) return undefined;
        const check = this.check(a);
        const v = primitiveValue(a, t, check.maxLength, ctx);
        if (!v) return undefined;
        this.verify(owner, a, v, check);
        return literal(v.lexical, v.datatype);
      }
      case 'geometry':
        return undefined; // written as a geo:Geometry node by instance()
      case 'enumeratie': {
        const e = this.plan.model.enumeraties.get(t.guid);
        if (!e || e.waarden.length === 0 || !p.chance(FILL_ATTRIBUTE)) return undefined;
        const w = p.pick(e.waarden);
        return this.term(w.guid, () => iri(this.plan.iris.waarde(e.guid, w.guid)));
      }
      case 'objecttype': {
        if (!this.plan.model.objecttypen.has(t.guid) || !p.chance(0.6)) return undefined;
        return this.pick(t.guid, 1, 0, family, index, p, () => `${owner.name}.${a.name}`)[0];
      }
      case 'unresolved':
        return undefined;
    }
  }

  private check(a: Attribuutsoort): AttributeCheck {
    let c = this.checks.get(a.guid);
    if (c) return c;
    const t = a.type as Extract<ResolvedType, { kind: 'primitive' }>;
    const lengths = [t.maxLength, a.lengte].filter((n): n is number => n !== undefined && n > 0);
    const patterns: RegExp[] = [];
    const digits = digitsPattern(t);
    if (digits) patterns.push(new RegExp(digits, 'u'));
    if (t.pattern) patterns.push(new RegExp(t.pattern, 'u'));
    if (a.formeelPatroon) {
      try {
        patterns.push(new RegExp(a.formeelPatroon, 'u'));
      } catch {
        // not a regular expression: the shapes leave it out too
      }
    }
    c = { ...(lengths.length ? { maxLength: Math.min(...lengths) } : {}), patterns };
    this.checks.set(a.guid, c);
    return c;
  }

  private verify(owner: Objecttype, a: Attribuutsoort, v: Literal, c: AttributeCheck): void {
    const bad = (c.maxLength !== undefined && [...v.lexical].length > c.maxLength) || c.patterns.some((re) => !re.test(v.lexical));
    if (bad) throw new Error(`demo: generated value "${v.lexical}" for ${owner.name}.${a.name} (${a.origin.sheet} row ${a.origin.row}) breaks its constraints (max length ${c.maxLength ?? '-'}, patterns ${c.patterns.map(String).join(', ') || '-'})`);
  }
}
