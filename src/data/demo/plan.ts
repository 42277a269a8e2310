/**
 * The plan of a demo data set: which instances exist (per class a "family" of
 * numbered instances), what types each carries, which named graph each triple
 * goes to, and where a relation can point (a "pool" of instances of the doel
 * class or its subclasses). The plan is small (one entry per class): the
 * instances themselves are computed on the fly from (seed, class, index).
 */
import type { Attribuutsoort, GgmModel, Objecttype, Relatiesoort } from '../../model/types.js';
import { GgmIris, instanceIri, iriConfig, mintNames, type IriConfig, type IriRegister } from '../../iri/index.js';
import { slug } from '../../iri/names.js';
import { inheritance, type Inheritance } from '../../generate/shacl.js';

export interface PlanOptions {
  seed: number;
  /** Size multiplier: 1 is the committed default set (~75k triples). */
  scale: number;
  iri?: IriConfig;
  register?: IriRegister;
}

/** Subclasses realised inside another class's family: instance numbers [lo, hi) also carry this type. */
export interface Role {
  guid: string;
  lo: number;
  hi: number;
}

export interface Family {
  ot: Objecttype;
  /** Class local name (type segment of instance IRIs). */
  local: string;
  count: number;
  roles: Role[];
}

interface Segment {
  family: Family;
  lo: number;
  hi: number;
}

export class Pool {
  readonly size: number;
  constructor(readonly segments: Segment[]) {
    this.size = segments.reduce((n, s) => n + s.hi - s.lo, 0);
  }
  /** The n-th member (0 ≤ n < size). */
  at(n: number): { family: Family; index: number } {
    for (const s of this.segments) {
      const len = s.hi - s.lo;
      if (n < len) return { family: s.family, index: s.lo + n };
      n -= len;
    }
    throw new Error(`pool index out of range: ${n}`);
  }
}

/** The size of each class family, decided by the scenario (residents, regelingen …) or by weights. */
export interface Sizing {
  /** Families whose size the scenario fixes; undefined = use weights. */
  count(ot: Objecttype, scale: number): number | undefined;
  /** Roles of a family (subclasses realised inside it). */
  roles(ot: Objecttype, count: number, scale: number): Role[];
  /** Classes that are realised only as roles (no family of their own). */
  roleOnly: Set<string>;
}

const FIXED = /(soort|type|typen|categorie|status|code|niveau|klasse|sector|thema|reden|grondslag|classificatie|valuta|nationaliteit|provincie|land|landofgebied|partij)$/i;
const HEAVY: Record<string, number> = {
  Nummeraanduiding: 40, Verblijfsobject: 40, Pand: 25, OpenbareRuimte: 10, Zaak: 40, EnkelvoudigDocument: 30, Document: 15,
  Besluit: 12, Status: 25, Betrokkene: 20, Klantcontact: 15, Vestiging: 8, NietNatuurlijkPersoon: 10, Huishouden: 30,
  KadastraalPerceel: 15, 'WOZ-object': 15, Factuur: 12, Factuurregel: 20, Melding: 10, Beschikking: 10, Schuldhulptraject: 8,
};
const SINGLE = new Set(['Gemeente']);

export interface Plan {
  model: GgmModel;
  iris: GgmIris;
  config: IriConfig;
  seed: number;
  scale: number;
  families: Family[];
  familyOf: Map<string, Family>;
  hierarchy: Inheritance;
  /** Class guid → the class and its superclasses, nearest first. */
  lineage(guid: string): string[];
  pool(doelGuid: string): Pool;
  /** Relations whose bron is the class, by class guid. */
  relationsFrom: Map<string, Relatiesoort[]>;
  iriOf(family: Family, index: number): string;
  graphOf(domainName: string): string;
  /** Domain name of a class (or "Algemeen"). */
  domainOf(guid: string): string;
}

export function makePlan(model: GgmModel, options: PlanOptions, sizing: Sizing): Plan {
  const config = options.iri ?? iriConfig();
  const iris = new GgmIris(config, mintNames(model, options.register), model.version);
  const hierarchy = inheritance(model);
  const lineageCache = new Map<string, string[]>();
  const lineage = (guid: string): string[] => {
    let l = lineageCache.get(guid);
    if (l) return l;
    l = [];
    const queue = [guid];
    while (queue.length) {
      const g = queue.shift()!;
      if (l.includes(g)) continue;
      l.push(g);
      queue.push(...(hierarchy.supers.get(g) ?? []));
    }
    lineageCache.set(guid, l);
    return l;
  };

  const relationsFrom = new Map<string, Relatiesoort[]>();
  for (const r of [...model.relatiesoorten].sort((a, b) => (a.guid < b.guid ? -1 : 1))) {
    if (!iris.names.relatie.has(r.guid) || !model.objecttypen.has(r.doel.classGuid)) continue;
    const l = relationsFrom.get(r.bron.classGuid) ?? [];
    l.push(r);
    relationsFrom.set(r.bron.classGuid, l);
  }

  const domainOf = (guid: string): string => {
    const ot = model.objecttypen.get(guid);
    return (ot?.domeinGuid && model.domeinen.get(ot.domeinGuid)?.name) || 'Algemeen';
  };

  // Family sizes: the scenario's, else weights × scale; at least what relations into the class need.
  const need = new Map<string, number>();
  for (const rels of relationsFrom.values()) {
    for (const r of rels) {
      // One more than the minimum where an instance could otherwise have to point at itself.
      const selfish = lineage(r.doel.classGuid).includes(r.bron.classGuid) || lineage(r.bron.classGuid).includes(r.doel.classGuid) ? 1 : 0;
      need.set(r.doel.classGuid, Math.max(need.get(r.doel.classGuid) ?? 1, r.doel.multiplicity.min + selfish));
    }
  }
  const ordered = [...model.objecttypen.values()].sort((a, b) => {
    const da = domainOf(a.guid);
    const db = domainOf(b.guid);
    if (da !== db) return da < db ? -1 : 1;
    const la = iris.objecttypeLocal(a.guid);
    const lb = iris.objecttypeLocal(b.guid);
    return la < lb ? -1 : la > lb ? 1 : 0;
  });
  const families: Family[] = [];
  const familyOf = new Map<string, Family>();
  for (const ot of ordered) {
    if (sizing.roleOnly.has(ot.guid)) continue;
    let count = sizing.count(ot, options.scale);
    if (count === undefined) {
      if (SINGLE.has(ot.name)) count = 1;
      else if (FIXED.test(ot.name.replace(/[^A-Za-z]/g, ''))) count = 4;
      else count = Math.max(1, Math.round((HEAVY[ot.name] ?? 3) * options.scale));
      count = Math.max(count, need.get(ot.guid) ?? 1);
    }
    const family: Family = { ot, local: iris.objecttypeLocal(ot.guid), count, roles: [] };
    family.roles = sizing.roles(ot, count, options.scale);
    families.push(family);
    familyOf.set(ot.guid, family);
  }

  const poolCache = new Map<string, Pool>();
  const pool = (doel: string): Pool => {
    let p = poolCache.get(doel);
    if (p) return p;
    const members = new Set([doel, ...(hierarchy.descendants.get(doel) ?? [])]);
    const segments: Segment[] = [];
    for (const f of families) {
      if (members.has(f.ot.guid)) segments.push({ family: f, lo: 0, hi: f.count });
      else for (const r of f.roles) if (members.has(r.guid) && r.hi > r.lo) segments.push({ family: f, lo: r.lo, hi: r.hi });
    }
    // Two roles of one family may overlap (Werkzoekende inside Client): keep the widest per family.
    const widest = new Map<Family, Segment>();
    for (const s of segments) {
      const w = widest.get(s.family);
      if (!w || s.hi - s.lo > w.hi - w.lo) widest.set(s.family, s);
    }
    p = new Pool(segments.filter((s) => widest.get(s.family) === s));
    poolCache.set(doel, p);
    return p;
  };

  return {
    model, iris, config, seed: options.seed, scale: options.scale, families, familyOf, hierarchy, lineage, pool, relationsFrom, domainOf,
    iriOf: (family, index) => instanceIri(config, family.local, String(index + 1)),
    graphOf: (domain) => `${config.instanceBase}graph/demo/${slug(domain).toLowerCase()}`,
  };
}

/** The attributes of a set of classes (each once), in a stable order. */
export function attributesOf(plan: Plan, classes: string[]): Array<{ owner: Objecttype; a: Attribuutsoort }> {
  const out: Array<{ owner: Objecttype; a: Attribuutsoort }> = [];
  for (const g of classes) {
    const ot = plan.model.objecttypen.get(g);
    if (ot) for (const a of ot.attributen) out.push({ owner: ot, a });
  }
  return out;
}

/** Whether a domain's graph holds personal or social-domain data (restricted): Personen, HR and the social domains (beleidsdomein 6). */
export function isRestrictedDomain(plan: Plan, domain: string): boolean {
  if (domain === 'Personen' || domain === 'HR') return true;
  return [...plan.model.domeinen.values()].some((d) => d.name === domain && d.beleidsdomein.startsWith('6 '));
}
