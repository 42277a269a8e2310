/**
 * The change log between two releases, computed from the models: elements matched by GUID (code
 * lists and their values, whose GUIDs were re-issued in 2.5.1, by qualified name: package path +
 * name, and value name). Kinds of change: added, removed, renamed, moved (other package), type
 * (datatype, range or code list), multiplicity (verplicht, relation ends), definition, values
 * (a code list's values added or removed). References to code lists compare by the list's name,
 * not its GUID or ordinal, so a re-issued GUID is no change.
 */
import type { Attribuutsoort, GgmModel, ResolvedType } from '../model/types.js';
import { enumKey, type GgmIris } from '../iri/index.js';

export type ChangeKind = 'added' | 'removed' | 'renamed' | 'moved' | 'type' | 'multiplicity' | 'definition' | 'values';
export type ElementKind = 'objecttype' | 'attribuutsoort' | 'relatiesoort' | 'codelijst' | 'waarde';

export interface Change {
  change: ChangeKind;
  element: ElementKind;
  /** IRI of the term (in the release that has it: the new one, or the old one for a removal). */
  iri: string;
  guid: string;
  name: string;
  /** Name of the domain the element belongs to (of its class for properties), if any. */
  domein?: string;
  before?: string;
  after?: string;
}

export interface ChangeLog {
  from: string;
  to: string;
  counts: Record<string, number>;
  changes: Change[];
}

function typeText(model: GgmModel, t: ResolvedType): string {
  switch (t.kind) {
    case 'primitive':
      return t.union ? t.union.join(' | ') : t.xsd;
    case 'geometry':
      return `geometrie ${t.geometry}`;
    case 'objecttype':
      return `objecttype ${model.objecttypen.get(t.guid)?.name ?? t.guid}`;
    case 'enumeratie':
      return `codelijst ${(model.enumeraties.get(t.guid)?.name ?? t.guid).replace(/^enum[_ ]/i, '')}`;
    default:
      return `onopgelost ${(t as { spelling?: string }).spelling ?? ''}`.trim();
  }
}

const mult = (m: { min: number; max?: number }) => `${m.min}..${m.max ?? '*'}`;

export function computeChangeLog(a: GgmModel, b: GgmModel, ia: GgmIris, ib: GgmIris): ChangeLog {
  const changes: Change[] = [];
  const domeinOf = (m: GgmModel, guid?: string) => (guid ? m.domeinen.get(guid)?.name : undefined);
  const pkgPath = (m: GgmModel, guid: string) => m.packages.get(guid)?.path.join('/') ?? '';
  const push = (c: Change) => changes.push(Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined)) as unknown as Change);
  const diffText = (base: Omit<Change, 'change' | 'before' | 'after'>, kind: ChangeKind, before?: string, after?: string) => {
    if ((before ?? '') !== (after ?? '')) push({ ...base, change: kind, before, after });
  };

  // objecttypen
  for (const [g, o] of a.objecttypen)
    if (!b.objecttypen.has(g))
      push({ change: 'removed', element: 'objecttype', iri: ia.objecttype(g), guid: g, name: o.name, domein: domeinOf(a, o.domeinGuid) });
  for (const [g, n] of b.objecttypen) {
    const o = a.objecttypen.get(g);
    const base = { element: 'objecttype' as const, iri: ib.objecttype(g), guid: g, name: n.name, domein: domeinOf(b, n.domeinGuid) };
    if (!o) {
      push({ ...base, change: 'added' });
      continue;
    }
    diffText(base, 'renamed', o.name, n.name);
    diffText(base, 'moved', pkgPath(a, o.packageGuid), pkgPath(b, n.packageGuid));
    diffText(base, 'definition', o.definitie, n.definitie);
  }

  // attribuutsoorten
  const attrs = (m: GgmModel) =>
    new Map(
      [...m.objecttypen.values()].flatMap((o) =>
        o.attributen.map((x) => [x.guid, { x, owner: o }] as [string, { x: Attribuutsoort; owner: typeof o }]),
      ),
    );
  const aa = attrs(a);
  const ab = attrs(b);
  for (const [g, { x, owner }] of aa)
    if (!ab.has(g))
      push({
        change: 'removed',
        element: 'attribuutsoort',
        iri: ia.attribuut(g),
        guid: g,
        name: `${owner.name}.${x.name}`,
        domein: domeinOf(a, owner.domeinGuid),
      });
  for (const [g, { x, owner }] of ab) {
    const old = aa.get(g);
    const base = {
      element: 'attribuutsoort' as const,
      iri: ib.attribuut(g),
      guid: g,
      name: `${owner.name}.${x.name}`,
      domein: domeinOf(b, owner.domeinGuid),
    };
    if (!old) {
      push({ ...base, change: 'added' });
      continue;
    }
    diffText(base, 'renamed', old.x.name, x.name);
    diffText(base, 'moved', old.owner.name, owner.name);
    diffText(base, 'type', typeText(a, old.x.type), typeText(b, x.type));
    diffText(base, 'multiplicity', old.x.verplicht ? '1' : '0..1', x.verplicht ? '1' : '0..1');
    diffText(base, 'definition', old.x.definitie, x.definitie);
  }

  // relatiesoorten
  const ra = new Map(a.relatiesoorten.map((r) => [r.guid, r]));
  const rb = new Map(b.relatiesoorten.map((r) => [r.guid, r]));
  const relName = (m: GgmModel, r: (typeof a.relatiesoorten)[number]) =>
    `${m.objecttypen.get(r.bron.classGuid)?.name ?? '?'}.${r.doel.role ?? r.name}`;
  const relIri = (i: GgmIris, g: string) => {
    try {
      return i.relatie(g);
    } catch {
      return '';
    }
  };
  for (const [g, r] of ra)
    if (!rb.has(g))
      push({
        change: 'removed',
        element: 'relatiesoort',
        iri: relIri(ia, g),
        guid: g,
        name: relName(a, r),
        domein: domeinOf(a, a.objecttypen.get(r.bron.classGuid)?.domeinGuid),
      });
  for (const [g, r] of rb) {
    const old = ra.get(g);
    const base = {
      element: 'relatiesoort' as const,
      iri: relIri(ib, g),
      guid: g,
      name: relName(b, r),
      domein: domeinOf(b, b.objecttypen.get(r.bron.classGuid)?.domeinGuid),
    };
    if (!old) {
      push({ ...base, change: 'added' });
      continue;
    }
    diffText(base, 'renamed', old.doel.role ?? old.name, r.doel.role ?? r.name);
    diffText(base, 'type', a.objecttypen.get(old.doel.classGuid)?.name, b.objecttypen.get(r.doel.classGuid)?.name);
    diffText(
      base,
      'multiplicity',
      `${mult(old.bron.multiplicity)} → ${mult(old.doel.multiplicity)}`,
      `${mult(r.bron.multiplicity)} → ${mult(r.doel.multiplicity)}`,
    );
    diffText(base, 'definition', old.definitie, r.definitie);
  }

  // codelijsten (by GUID, else qualified name) and their values (by GUID, else name)
  const byKey = new Map([...a.enumeraties.values()].map((e) => [enumKey(a, e), e]));
  const matched = new Set<string>();
  for (const [g, e] of b.enumeraties) {
    const old = a.enumeraties.get(g) ?? byKey.get(enumKey(b, e));
    const base = {
      element: 'codelijst' as const,
      iri: ib.enumeratie(g),
      guid: g,
      name: e.name.replace(/^enum[_ ]/i, ''),
      domein: domeinOf(b, e.domeinGuid),
    };
    if (!old) {
      push({ ...base, change: 'added' });
      for (const w of e.waarden)
        push({
          change: 'added',
          element: 'waarde',
          iri: ib.waarde(g, w.guid),
          guid: w.guid,
          name: `${base.name}: ${w.name}`,
          domein: base.domein,
        });
      continue;
    }
    matched.add(old.guid);
    diffText(base, 'renamed', old.name, e.name);
    diffText(base, 'definition', old.definitie, e.definitie);
    const oldNames = new Set(old.waarden.map((w) => w.name));
    const newNames = new Set(e.waarden.map((w) => w.name));
    const added = e.waarden.filter((w) => !oldNames.has(w.name));
    const removed = old.waarden.filter((w) => !newNames.has(w.name));
    for (const w of added)
      push({
        change: 'added',
        element: 'waarde',
        iri: ib.waarde(g, w.guid),
        guid: w.guid,
        name: `${base.name}: ${w.name}`,
        domein: base.domein,
      });
    for (const w of removed)
      push({
        change: 'removed',
        element: 'waarde',
        iri: ia.waarde(old.guid, w.guid),
        guid: w.guid,
        name: `${base.name}: ${w.name}`,
        domein: base.domein,
      });
    if (added.length || removed.length)
      push({
        ...base,
        change: 'values',
        before: `${old.waarden.length} waarden`,
        after: `${e.waarden.length} waarden (+${added.length} −${removed.length})`,
      });
  }
  for (const [g, e] of a.enumeraties)
    if (!matched.has(g))
      push({
        change: 'removed',
        element: 'codelijst',
        iri: ia.enumeratie(g),
        guid: g,
        name: e.name.replace(/^enum[_ ]/i, ''),
        domein: domeinOf(a, e.domeinGuid),
      });

  changes.sort((x, y) => (x.element + x.change + x.iri + x.guid < y.element + y.change + y.iri + y.guid ? -1 : 1));
  const counts: Record<string, number> = {};
  for (const c of changes) counts[`${c.element} ${c.change}`] = (counts[`${c.element} ${c.change}`] ?? 0) + 1;
  return { from: a.version, to: b.version, counts: Object.fromEntries(Object.entries(counts).sort()), changes };
}
