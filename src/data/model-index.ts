/**
 * Look-ups from the names a data source uses (table and column names, CSV file
 * names and headers: upper case, underscores, no spaces) to model elements.
 * Names are compared in a normal form: accents removed, letters and digits
 * only, upper case ("VTH-Melding", "VTH_MELDING", "vthMelding" → "VTHMELDING").
 */
import type { Attribuutsoort, Enumeratie, Enumeratiewaarde, GgmModel, Objecttype, Relatiesoort } from '../model/types.js';

export function normalName(name: string): string {
  return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toUpperCase().replace(/[^A-Z0-9]/g, '');
}

export class ModelIndex {
  private readonly byName = new Map<string, Objecttype[]>();
  private readonly supers = new Map<string, string[]>();
  private readonly subs = new Map<string, string[]>();
  private readonly waarden = new Map<string, Map<string, Enumeratiewaarde>>();

  constructor(readonly model: GgmModel) {
    const ots = [...model.objecttypen.values()].sort((a, b) => (a.guid < b.guid ? -1 : 1));
    for (const ot of ots) push(this.byName, normalName(ot.name), ot);
    for (const g of model.generalisaties) {
      push(this.supers, g.subGuid, g.superGuid);
      push(this.subs, g.superGuid, g.subGuid);
    }
  }

  /** Objecttypen with this name (several when domains share a name), in GUID order. */
  objecttypenNamed(name: string): Objecttype[] {
    return this.byName.get(normalName(name)) ?? [];
  }

  /** The domain (or package) name of an objecttype, for messages and "Naam@Domein" look-ups. */
  domainOf(ot: Objecttype): string {
    return (ot.domeinGuid && this.model.domeinen.get(ot.domeinGuid)?.name) || this.model.packages.get(ot.packageGuid)?.name || ot.guid;
  }

  /** Objecttype by EA GUID, name, or "Naam@Domein" (the domain's leading number may be left out). */
  findObjecttype(spec: string): Objecttype | undefined {
    const byGuid = this.model.objecttypen.get(spec);
    if (byGuid) return byGuid;
    const [name, domain] = spec.split('@');
    const c = this.objecttypenNamed(name!);
    if (!domain) return c[0];
    const want = normalName(domain).replace(/^\d+/, '');
    return c.find((ot) => normalName(this.domainOf(ot)).replace(/^\d+/, '') === want);
  }

  /**
   * Of several objecttypen sharing a name, the one whose OWN attributes match most of the
   * given column names, then most inherited ones, then a real objecttype over a datatype.
   */
  bestMatch(candidates: Objecttype[], columns: string[]): { objecttype: Objecttype; matched: number } | undefined {
    const scored = candidates
      .map((ot) => {
        const matched = columns.map((c) => this.attribuut(ot.guid, c)).filter((m) => m !== undefined);
        const own = matched.filter((m) => m.owner.guid === ot.guid).length;
        return { objecttype: ot, matched: own, tie: (matched.length - own) * 2 + (ot.kind === 'objecttype' ? 1 : 0) };
      })
      .sort((a, b) => b.matched - a.matched || b.tie - a.tie);
    return scored[0];
  }

  /** The class and all its superclasses, nearest first. */
  lineage(guid: string): string[] {
    return closure(guid, this.supers);
  }

  /** The class and all its subclasses. */
  descendantsAndSelf(guid: string): string[] {
    return closure(guid, this.subs);
  }

  /** The attribuutsoort of the class (or an ancestor, nearest first) with this name. */
  attribuut(classGuid: string, name: string): { owner: Objecttype; attribuut: Attribuutsoort } | undefined {
    const n = normalName(name);
    for (const g of this.lineage(classGuid)) {
      const ot = this.model.objecttypen.get(g);
      const a = ot?.attributen.find((x) => normalName(x.name) === n);
      if (ot && a) return { owner: ot, attribuut: a };
    }
    return undefined;
  }

  /**
   * Relatiesoorten between two classes (their ancestors included), each with the
   * direction the data goes: `forward` when `from` is at the bron end.
   */
  relatiesBetween(fromGuid: string, toGuid: string): { relatie: Relatiesoort; forward: boolean }[] {
    const from = new Set(this.lineage(fromGuid));
    const to = new Set(this.lineage(toGuid));
    const out: { relatie: Relatiesoort; forward: boolean }[] = [];
    for (const r of this.model.relatiesoorten) {
      if (from.has(r.bron.classGuid) && to.has(r.doel.classGuid)) out.push({ relatie: r, forward: true });
      else if (to.has(r.bron.classGuid) && from.has(r.doel.classGuid)) out.push({ relatie: r, forward: false });
    }
    return out;
  }

  /** The value of an enumeratie whose name (or alias) matches, in normal form. */
  waarde(e: Enumeratie, value: string): Enumeratiewaarde | undefined {
    let m = this.waarden.get(e.guid);
    if (!m) {
      m = new Map();
      for (const w of e.waarden) {
        for (const k of [w.alias, w.name]) if (k && !m.has(normalName(k))) m.set(normalName(k), w);
      }
      this.waarden.set(e.guid, m);
    }
    return m.get(normalName(value));
  }
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}

/** `start` and everything reachable from it over `edges`, breadth first (nearest first). */
function closure(start: string, edges: Map<string, string[]>): string[] {
  const out: string[] = [];
  const queue = [start];
  while (queue.length) {
    const g = queue.shift()!;
    if (out.includes(g)) continue;
    out.push(g);
    queue.push(...(edges.get(g) ?? []));
  }
  return out;
}
