/**
 * What the model requires of an objecttype's instances (every attribuutsoort
 * and relatiesoort with a minimum of at least 1 — sh:minCount in the shapes —
 * of the class and its superclasses), and which warehouse columns write it:
 * a required value no column holds is a defect of the warehouse (of the DDL it
 * was built from) that the mapping reports.
 */
import type { Objecttype } from '../../model/types.js';
import type { GgmIris } from '../../iri/index.js';
import type { ModelIndex } from '../model-index.js';
import type { WarehouseMapping } from './mapping.js';

export interface Requirement {
  /** The class (the objecttype or a superclass) that declares it. */
  owner: Objecttype;
  kind: 'attribuutsoort' | 'relatiesoort';
  name: string;
  /** The property IRI (sh:path of the property shape). */
  predicate: string;
  /** For a relatiesoort: the class at the doel end. */
  doel?: Objecttype;
}

/** The required attribuutsoorten and relatiesoorten of an objecttype, its superclasses' included. */
export function requirementsOf(index: ModelIndex, iris: GgmIris, ot: Objecttype): Requirement[] {
  const out: Requirement[] = [];
  for (const g of index.lineage(ot.guid)) {
    const owner = index.model.objecttypen.get(g);
    if (!owner) continue;
    for (const a of owner.attributen) {
      if (a.verplicht && !a.mogelijkGeenWaarde) out.push({ owner, kind: 'attribuutsoort', name: a.name, predicate: iris.attribuut(a.guid) });
    }
    for (const r of index.model.relatiesoorten) {
      if (r.bron.classGuid !== g || r.doel.multiplicity.min < 1 || !iris.names.relatie.has(r.guid)) continue;
      out.push({ owner, kind: 'relatiesoort', name: r.doel.role ?? r.name, predicate: iris.relatie(r.guid), doel: index.model.objecttypen.get(r.doel.classGuid) });
    }
  }
  return out;
}

export interface Producer {
  /** Table (or junction table) and column the triples come from. */
  table: string;
  column: string;
  /** The instance-IRI type segment of the triples' subject: the table's own, or the referred table's for a relation stored at the other end. */
  subjectIdentity: string;
  /** The table whose rows are the triples' objects (relations only). */
  objectTable?: string;
}

/** Every column of the mapping that writes triples with this predicate. */
export function producersOf(mapping: Pick<WarehouseMapping, 'tables' | 'junctions'>, predicate: string): Producer[] {
  const out: Producer[] = [];
  for (const t of mapping.tables) {
    for (const c of t.columns) {
      if (c.predicate !== predicate) continue;
      if (c.kind !== 'reference') out.push({ table: t.table, column: c.column, subjectIdentity: t.identityLocal });
      else if (c.forward) out.push({ table: t.table, column: c.column, subjectIdentity: t.identityLocal, objectTable: c.target.table });
      else out.push({ table: t.table, column: c.column, subjectIdentity: c.target.identityLocal, objectTable: t.table });
    }
  }
  for (const j of mapping.junctions) {
    if (j.predicate !== predicate) continue;
    const [s, o] = j.forward ? [j.from, j.to] : [j.to, j.from];
    out.push({ table: j.table, column: s.column, subjectIdentity: s.ref.identityLocal, objectTable: o.ref.table });
  }
  return out;
}

/** The requirements of a table's objecttype that no column or junction table writes on that table's instances. */
export function unheldRequirements(mapping: Pick<WarehouseMapping, 'tables' | 'junctions'>, index: ModelIndex, iris: GgmIris, table: WarehouseMapping['tables'][number]): { requirement: Requirement; elsewhere: Producer[] }[] {
  const out: { requirement: Requirement; elsewhere: Producer[] }[] = [];
  for (const requirement of requirementsOf(index, iris, table.objecttype)) {
    const producers = producersOf(mapping, requirement.predicate);
    if (!producers.some((p) => p.subjectIdentity === table.identityLocal)) out.push({ requirement, elsewhere: producers });
  }
  return out;
}
