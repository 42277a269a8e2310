/**
 * The mapping from a GGM warehouse database to the ontology, DERIVED from the
 * model and the database catalog (plus local overrides):
 *
 * - table → objecttype by name (VTH_MELDING ↔ "VTH-Melding"; a trailing _<n>
 *   EA-id suffix is ignored); when several objecttypen share the name (domains),
 *   the one whose attributes cover most columns wins (reported);
 * - `<TABLE>_ID` primary key → instance IRI; a subclass table that reuses its
 *   superclass's key (LEVERANCIER.RECHTSPERSOON_ID) mints the superclass's IRI,
 *   so both rows describe one instance;
 * - column → attribuutsoort by name (own or inherited);
 * - `<ATTR>_ENUM_ID` → enumeratie attribute, values through the `<NAME>_ENUM` lookup table;
 * - `<ROLE>_<TABLE>_ID` (or a catalog foreign key) → relatiesoort between the two
 *   classes whose name or role is ROLE; placed on either end of the relation;
 * - `KP_…` junction tables → many-to-many relatiesoort between the two classes.
 */
import type { Attribuutsoort, Enumeratie, Objecttype, ResolvedType } from '../../model/types.js';
import type { GgmIris } from '../../iri/index.js';
import type { MappingNote } from '../import-report.js';
import { normalName, type ModelIndex } from '../model-index.js';
import type { CatalogTable } from './catalog.js';
import type { Overrides, TableOverride } from './overrides.js';
import { unheldRequirements } from './requirements.js';

export type ColumnMapping =
  | { kind: 'literal'; column: string; predicate: string; type: Extract<ResolvedType, { kind: 'primitive' | 'geometry' }>; geometryColumn: boolean; attribuut: Attribuutsoort }
  | { kind: 'plain'; column: string; predicate: string; attribuut: Attribuutsoort }
  | { kind: 'enum'; column: string; predicate: string; enumeratie: Enumeratie; lookupTable?: string; attribuut: Attribuutsoort }
  | { kind: 'reference'; column: string; predicate: string; forward: boolean; target: TableRef; via: string; attribuut?: Attribuutsoort }
  | { kind: 'objectref'; column: string; predicate: string; targetLocal: string; attribuut: Attribuutsoort };

/** Where a reference points: the target table, the column compared, and how its IRIs are minted. */
export interface TableRef {
  table: string;
  column: string;
  key: string;
  identityLocal: string;
  /** The referring column's type is of another family than the target column's (e.g. varchar → integer): compare as text. */
  compareAsText: boolean;
}

const TYPE_FAMILY: Record<string, string> = { int2: 'number', int4: 'number', int8: 'number', numeric: 'number', varchar: 'text', text: 'text', bpchar: 'text' };
const family = (type: string | undefined) => (type === undefined ? undefined : TYPE_FAMILY[type] ?? type);

export interface TableMapping {
  table: string;
  objecttype: Objecttype;
  classIri: string;
  key: string;
  /** Objecttype local name used in the instance IRIs of this table. */
  identityLocal: string;
  columns: ColumnMapping[];
}

export interface JunctionMapping {
  table: string;
  from: { column: string; ref: TableRef };
  to: { column: string; ref: TableRef };
  predicate: string;
  forward: boolean;
}

export interface WarehouseMapping {
  tables: TableMapping[];
  junctions: JunctionMapping[];
  /** Enumeration lookup tables used: table → { key column, value column }. */
  enumTables: Map<string, { key: string; value: string }>;
  notes: MappingNote[];
}

export function deriveMapping(catalog: Map<string, CatalogTable>, index: ModelIndex, iris: GgmIris, overrides: Overrides = { tables: {} }): WarehouseMapping {
  const notes: MappingNote[] = [];
  const note = (source: string, severity: MappingNote['severity'], message: string, column?: string) => notes.push({ source, column, severity, message });
  const model = index.model;
  const names = [...catalog.keys()].sort();

  // ---- tables → objecttypen ------------------------------------------------------
  const classOf = new Map<string, Objecttype>();
  const enumTables = new Map<string, { key: string; value: string }>();
  const junctionNames: string[] = [];
  for (const name of names) {
    const t = catalog.get(name)!;
    const ov: TableOverride = overrides.tables[name] ?? {};
    if (ov.skip) {
      note(name, 'info', 'skipped (override)');
      continue;
    }
    if (ov.objecttype) {
      const ot = findObjecttype(index, ov.objecttype);
      if (!ot) throw new Error(`override for table ${name}: no objecttype "${ov.objecttype}" in the model (give a name, "Naam@Domein" or an EA GUID)`);
      classOf.set(name, ot);
      continue;
    }
    if (/_enum$/.test(name)) {
      const value = t.columns.find((c) => c.name === 'value')?.name;
      const key = t.primaryKey ?? t.columns[0]?.name;
      if (value && key) enumTables.set(name, { key, value });
      continue;
    }
    if (/^kp_/.test(name)) {
      junctionNames.push(name);
      continue;
    }
    const base = name.replace(/_\d+$/, '');
    const candidates = index.objecttypenNamed(name).length ? index.objecttypenNamed(name) : index.objecttypenNamed(base);
    if (candidates.length === 0) {
      note(name, 'warning', `table ${name} matches no objecttype of the model; not published (map it in the override file)`);
      continue;
    }
    const best = index.bestMatch(candidates, t.columns.map((c) => c.name.replace(/_enum_id$/, '')))!;
    const chosen = best.objecttype;
    classOf.set(name, chosen);
    if (candidates.length > 1) {
      note(name, 'info', `${candidates.length} objecttypen are named "${chosen.name}" (${candidates.map((c) => index.domainOf(c)).join(', ')}); chose the one in ${index.domainOf(chosen)}, whose attributes match most columns (${best.matched})`);
    }
  }

  // ---- identities ----------------------------------------------------------------
  const keyOf = (name: string): string | undefined => overrides.tables[name]?.key ?? catalog.get(name)?.primaryKey;
  const identityOf = (name: string): string => {
    const key = keyOf(name);
    const ot = classOf.get(name)!;
    if (key && key !== `${name}_id` && /_id$/.test(key)) {
      // A subclass table reusing its superclass's key: the instance is the superclass's.
      const superTable = key.slice(0, -3);
      const ancestor = index.lineage(ot.guid).map((g) => model.objecttypen.get(g)!).find((a) => a && normalName(a.name) === normalName(superTable));
      if (ancestor) return iris.objecttypeLocal(ancestor.guid);
      const sup = classOf.get(superTable);
      if (sup) return iris.objecttypeLocal(sup.guid);
    }
    return iris.objecttypeLocal(ot.guid);
  };
  const typeOf = (table: string, column: string) => catalog.get(table)?.columns.find((c) => c.name === column)?.type;
  const refTo = (table: string, column: string | undefined, from: { table: string; column: string }): TableRef | undefined => {
    const key = keyOf(table);
    if (!classOf.has(table) || !key) return undefined;
    const target = column ?? key;
    const compareAsText = family(typeOf(table, target)) !== family(typeOf(from.table, from.column));
    return { table, column: target, key, identityLocal: identityOf(table), compareAsText };
  };
  /**
   * The subclasses of a table's class whose own table reuses its key (VTHZAAK.ZAAK_ID), so their
   * instances ARE the table's instances: the DDL points a relation to such a subclass at the
   * superclass's table (PRODUCTTYPE.HEEFT_ZAAK_ID → ZAAK for Producttype → VTHzaak).
   */
  const sharingKey = (table: string): Objecttype[] => {
    const ot = classOf.get(table)!;
    const identity = identityOf(table);
    const sharing = new Set([...classOf].filter(([t]) => t !== table && keyOf(t) && identityOf(t) === identity).map(([, o]) => o.guid));
    // nearest subclasses first
    return index.descendantsAndSelf(ot.guid).filter((g) => g !== ot.guid && sharing.has(g)).map((g) => model.objecttypen.get(g)!);
  };
  /** `<ROLE>_<TABLE>_ID` → the longest TABLE suffix that is a published table. */
  const splitReference = (column: string): { role: string; table: string } | undefined => {
    if (!/_id$/.test(column)) return undefined;
    const body = column.slice(0, -3);
    const parts = body.split('_');
    for (let i = 0; i < parts.length; i++) {
      const table = parts.slice(i).join('_');
      if (classOf.has(table)) return { role: parts.slice(0, i).join('_'), table };
    }
    return undefined;
  };

  // ---- columns -----------------------------------------------------------------
  const tables: TableMapping[] = [];
  for (const name of names) {
    const ot = classOf.get(name);
    if (!ot) continue;
    const t = catalog.get(name)!;
    const ov: TableOverride = overrides.tables[name] ?? {};
    const key = keyOf(name);
    if (!key) {
      note(name, 'error', `table ${name} has no (single-column) primary key; its rows cannot be identified (set "key" in the override file); not published`);
      continue;
    }
    if (!t.columns.some((c) => c.name === key)) throw new Error(`override for table ${name}: key column "${key}" does not exist`);
    const columns: ColumnMapping[] = [];
    const fks = new Map(t.foreignKeys.map((f) => [f.column, f]));
    for (const col of t.columns) {
      const c = col.name;
      if (c === key) continue;
      if (ov.ignore?.includes(c)) continue;
      if (c === `${name}_id` || (/_id$/.test(c) && index.lineage(ot.guid).some((g) => normalName(model.objecttypen.get(g)?.name ?? '') === normalName(c.slice(0, -3))))) {
        note(name, 'info', `column ${c} is another diagram's key for the same instances (the table merges several diagrams); not published`, c);
        continue;
      }
      const colOv = ov.columns?.[c];
      const geometryColumn = col.type === 'geometry';
      // 1. explicit attribute (override) or an attribute of that name
      const attrName = colOv?.attribuut ?? (colOv?.references ? undefined : c);
      const found = attrName ? index.attribuut(ot.guid, attrName) : undefined;
      if (colOv?.attribuut && !found) throw new Error(`override for ${name}.${c}: ${ot.name} has no attribuutsoort "${colOv.attribuut}"`);
      if (found) {
        columns.push(attributeMapping(index, c, found.attribuut, iris, geometryColumn, enumTableFor(found.attribuut, fks.get(c)?.table)));
        continue;
      }
      // 2. <ATTR>_ENUM_ID (optionally <ATTR>_<ENUMNAME>_ENUM_ID)
      if (/_enum_id$/.test(c)) {
        const fkTable = fks.get(c)?.table;
        const rest = c.slice(0, -'_enum_id'.length);
        const byName = index.attribuut(ot.guid, rest)
          ?? (fkTable ? index.attribuut(ot.guid, rest.replace(new RegExp(`_${fkTable.replace(/_enum$/, '')}$`), '')) : undefined);
        if (byName && byName.attribuut.type.kind === 'enumeratie') {
          columns.push(attributeMapping(index, c, byName.attribuut, iris, false, enumTableFor(byName.attribuut, fkTable)));
        } else {
          note(name, 'warning', `column ${c} refers to an enumeration, but ${ot.name} has no enumeration attribuutsoort "${rest}"; not published`, c);
        }
        continue;
      }
      // 3. references: catalog foreign key, override, or <ROLE>_<TABLE>_ID
      const fk = fks.get(c);
      const split = splitReference(c);
      const targetTable = colOv?.references ?? fk?.table ?? split?.table;
      if (targetTable) {
        const target = refTo(targetTable, fk && fk.table === targetTable ? fk.targetColumn : undefined, { table: name, column: c });
        const targetOt = classOf.get(targetTable);
        if (!target || !targetOt) {
          note(name, 'warning', `column ${c} refers to table ${targetTable}, which is not published; not published`, c);
          continue;
        }
        const role = colOv?.role ?? (split && split.table === targetTable ? split.role : c.replace(new RegExp(`_?${targetTable}_id$`), ''));
        const m = referenceMapping(c, role, ot, targetOt, target, sharingKey(targetTable), index, iris, name, note);
        if (m) columns.push(m);
        continue;
      }
      note(name, 'warning', `column ${c} matches no attribuutsoort or relatiesoort of ${ot.name}; not published`, c);
    }
    tables.push({ table: name, objecttype: ot, classIri: iris.objecttype(ot.guid), key, identityLocal: identityOf(name), columns });
  }

  // ---- junction tables -----------------------------------------------------------
  const junctions: JunctionMapping[] = [];
  for (const name of junctionNames) {
    const t = catalog.get(name)!;
    const fks = new Map(t.foreignKeys.map((f) => [f.column, f]));
    const ends = t.columns
      .filter((c) => c.name !== t.primaryKey)
      .map((c) => {
        const fk = fks.get(c.name);
        const table = fk?.table ?? (classOf.has(c.name.replace(/_id$/, '')) ? c.name.replace(/_id$/, '') : splitReference(c.name)?.table);
        return table ? { column: c.name, ref: refTo(table, fk?.targetColumn, { table: name, column: c.name }) } : undefined;
      });
    if (ends.length !== 2 || ends.some((e) => !e?.ref)) {
      note(name, 'warning', `junction table ${name}: expected two columns referring to published tables; not published`);
      continue;
    }
    const [a, b] = ends as { column: string; ref: TableRef }[];
    const aOt = classOf.get(a!.ref.table)!;
    const bOt = classOf.get(b!.ref.table)!;
    // Between a class and its own generalisation the DDL also emits junction tables for the
    // generalisation itself: only a relatiesoort declared on exactly these two classes counts then.
    const subtypeLink = index.lineage(aOt.guid).includes(bOt.guid) || index.lineage(bOt.guid).includes(aOt.guid);
    const candidates = index.relatiesBetween(aOt.guid, bOt.guid)
      .filter((c) => iris.names.relatie.has(c.relatie.guid))
      .filter((c) => !subtypeLink || [c.relatie.bron.classGuid, c.relatie.doel.classGuid].sort().join() === [aOt.guid, bOt.guid].sort().join());
    const many = candidates.filter((c) => c.relatie.bron.multiplicity.max === undefined && c.relatie.doel.multiplicity.max === undefined);
    const pick = (many.length ? many : candidates).sort((x, y) => (x.relatie.guid < y.relatie.guid ? -1 : 1));
    if (pick.length === 0 && subtypeLink) {
      note(name, 'info', `junction table ${name} links ${aOt.name} to its generalisation ${bOt.name}; the subclass relation is in the ontology, nothing to publish`);
      continue;
    }
    if (pick.length === 0) {
      note(name, 'warning', `junction table ${name}: the model has no relatiesoort between ${aOt.name} and ${bOt.name}; not published`);
      continue;
    }
    if (pick.length > 1) {
      note(name, 'warning', `junction table ${name}: ${pick.length} relatiesoorten between ${aOt.name} and ${bOt.name} (${pick.map((p) => p.relatie.name).join(', ')}); the junction table does not say which, used "${pick[0]!.relatie.name}" (${pick[0]!.relatie.guid})`);
    }
    const chosen = pick[0]!;
    junctions.push({ table: name, from: a!, to: b!, predicate: iris.relatie(chosen.relatie.guid), forward: chosen.forward });
  }

  function enumTableFor(a: Attribuutsoort, fkTable: string | undefined): string | undefined {
    if (a.type.kind !== 'enumeratie') return undefined;
    if (fkTable && enumTables.has(fkTable)) return fkTable;
    const e = model.enumeraties.get(a.type.guid);
    if (!e) return undefined;
    const want = normalName(e.name.replace(/^enum[_ ]/i, ''));
    const matches = [...enumTables.keys()].filter((t) => {
      const n = normalName(t.replace(/_enum$/, ''));
      return n === want || n === normalName(e.name) || n.replace(/\d+$/, '') === want;
    });
    return matches.sort()[0];
  }

  // What the model requires of every instance but the warehouse cannot hold: its rows cannot conform to the shapes.
  for (const t of tables) {
    for (const { requirement: r, elsewhere } of unheldRequirements({ tables, junctions }, index, iris, t)) {
      const where = elsewhere.length ? `only ${elsewhere.map((p) => `${p.table}.${p.column}`).join(', ')} hold it, on other instances` : 'no column or junction table holds it';
      note(t.table, 'warning', `${r.owner.name}.${r.name} (${r.kind}) is required of every ${t.objecttype.name}, but ${where}: these rows cannot conform to the shapes`);
    }
  }
  return { tables, junctions, enumTables, notes };
}

function attributeMapping(index: ModelIndex, column: string, a: Attribuutsoort, iris: GgmIris, geometryColumn: boolean, lookupTable: string | undefined): ColumnMapping {
  const predicate = iris.attribuut(a.guid);
  const t = a.type;
  switch (t.kind) {
    case 'primitive':
    case 'geometry':
      return { kind: 'literal', column, predicate, type: t, geometryColumn, attribuut: a };
    case 'enumeratie': {
      const e = index.model.enumeraties.get(t.guid);
      return e ? { kind: 'enum', column, predicate, enumeratie: e, lookupTable, attribuut: a } : { kind: 'plain', column, predicate, attribuut: a };
    }
    case 'objecttype':
      return { kind: 'objectref', column, predicate, targetLocal: iris.objecttypeLocal(t.guid), attribuut: a };
    case 'unresolved':
      return { kind: 'plain', column, predicate, attribuut: a };
  }
}

function referenceMapping(
  column: string, role: string, ot: Objecttype, targetOt: Objecttype, target: TableRef, subclassesSharingKey: Objecttype[], index: ModelIndex, iris: GgmIris,
  table: string, note: (s: string, sev: MappingNote['severity'], m: string, c?: string) => void,
): ColumnMapping | undefined {
  const published = (to: Objecttype) => index.relatiesBetween(ot.guid, to.guid).filter((c) => iris.names.relatie.has(c.relatie.guid));
  const r = normalName(role);
  const byRole = (l: ReturnType<typeof published>) => (r ? l.filter(({ relatie: x }) => [x.name, x.sourceName, x.doel.role, x.bron.role].some((n) => n && normalName(n) === r)) : l);
  let candidates = published(targetOt);
  let named = byRole(candidates);
  let onSubclass: Objecttype | undefined;
  if (named.length === 0 && r) {
    // An attribuutsoort typed by the target class, named ROLE.
    const a = index.attribuut(ot.guid, role);
    if (a && a.attribuut.type.kind === 'objecttype') {
      return { kind: 'reference', column, predicate: iris.attribuut(a.attribuut.guid), forward: true, target, via: `attribuutsoort ${a.attribuut.name}`, attribuut: a.attribuut };
    }
    // A relatiesoort ROLE to a subclass whose table shares the target table's key (its instances are the target's).
    for (const sub of subclassesSharingKey) {
      const own = byRole(published(sub)).filter((c) => !candidates.some((x) => x.relatie.guid === c.relatie.guid));
      if (own.length) {
        [candidates, named, onSubclass] = [own, own, sub];
        break;
      }
    }
  }
  const pool = named.length ? named : r ? [] : candidates;
  if (pool.length === 0) {
    note(table, 'warning', `column ${column} refers to ${targetOt.name}, but the model has no relatiesoort${role ? ` "${role.toLowerCase().replace(/_/g, ' ')}"` : ''} between ${ot.name} and ${targetOt.name}; not published`, column);
    return undefined;
  }
  // Prefer the direction the column sits on (FK on the bron end), then GUID order.
  const sorted = [...pool].sort((x, y) => Number(y.forward) - Number(x.forward) || (x.relatie.guid < y.relatie.guid ? -1 : 1));
  const chosen = sorted[0]!;
  if (pool.length > 1) {
    note(table, 'info', `column ${column}: ${pool.length} relatiesoorten "${chosen.relatie.name}" between ${ot.name} and ${targetOt.name}; used ${chosen.relatie.guid}`, column);
  }
  if (onSubclass) note(table, 'info', `column ${column} refers to table ${target.table}, whose key the subclass ${onSubclass.name} shares; published as relatiesoort "${chosen.relatie.name}" between ${ot.name} and ${onSubclass.name}`, column);
  return { kind: 'reference', column, predicate: iris.relatie(chosen.relatie.guid), forward: chosen.forward, target, via: `relatiesoort ${chosen.relatie.name}${onSubclass ? ` (to ${onSubclass.name})` : ''}` };
}

/** Objecttype by name, "Naam@Domein" or GUID. */
export function findObjecttype(index: ModelIndex, spec: string): Objecttype | undefined {
  return index.findObjecttype(spec);
}
