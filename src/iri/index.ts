/**
 * The one place that mints IRIs, for vocabulary terms and for instances.
 *
 * Dutch URI strategy (NL-URI): `{base}def/…` for vocabulary terms (classes,
 * properties, code lists, shapes), `{instanceBase}id/{type}/{ref}` for things,
 * which the service answers with 303 See Other to `{instanceBase}doc/{type}/{ref}`.
 *
 * Slash IRIs, not hash IRIs: the ontology has ~1,000 classes and ~6,000
 * properties; with hash IRIs every dereference would download the whole
 * multi-megabyte ontology. Slash IRIs let each term be its own small document.
 *
 * Local names are derived from names (not GUIDs) so they are readable; they are
 * stable across releases for every element that keeps its name and domain.
 * Names shared by several elements are qualified with their domain (then their
 * package, then a counter), so IRIs are unique.
 */
import type { GgmModel, Objecttype, Enumeratie } from '../model/types.js';
import { NameScope, lowerCamel, lowerFirst, slug, upperCamel } from './names.js';

export const DEFAULT_VOCAB_BASE = 'https://gemeentelijkgegevensmodel.nl/';
export const DEFAULT_INSTANCE_BASE = 'https://demo.gemeentelijkgegevensmodel.nl/';

export interface IriConfig {
  /** Base of vocabulary IRIs, ending in '/'. */
  vocabBase: string;
  /** Base of instance IRIs (a municipality's own domain), ending in '/'. */
  instanceBase: string;
}

export const NS = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  owl: 'http://www.w3.org/2002/07/owl#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  sh: 'http://www.w3.org/ns/shacl#',
  dcterms: 'http://purl.org/dc/terms/',
  dcat: 'http://www.w3.org/ns/dcat#',
  vann: 'http://purl.org/vocab/vann/',
  prov: 'http://www.w3.org/ns/prov#',
  geo: 'http://www.opengis.net/ont/geosparql#',
  sf: 'http://www.opengis.net/ont/sf#',
  mim: 'http://modellen.mim-standaard.nl/def/mim#',
  void: 'http://rdfs.org/ns/void#',
  foaf: 'http://xmlns.com/foaf/0.1/',
  schema: 'https://schema.org/',
} as const;

export function normaliseBase(base: string): string {
  const u = new URL(base); // throws on a malformed base
  if (u.search || u.hash) throw new Error(`IRI base must not have a query or fragment: ${base}`);
  return u.href.endsWith('/') ? u.href : `${u.href}/`;
}

/** The IRI bases: the given ones, the defaults for the rest (the CLI resolves flags and environment). */
export function iriConfig(partial: Partial<IriConfig> = {}): IriConfig {
  return {
    vocabBase: normaliseBase(partial.vocabBase ?? DEFAULT_VOCAB_BASE),
    instanceBase: normaliseBase(partial.instanceBase ?? DEFAULT_INSTANCE_BASE),
  };
}

/**
 * RDF text written with the default bases (every committed artefact is), with
 * its IRIs moved to the configured bases: vocabulary terms under `{base}def/`,
 * instances under `{instanceBase}id/`, `doc/`, `graph/`.
 */
export function rebase(text: string, config: IriConfig): string {
  let out = text;
  if (config.vocabBase !== DEFAULT_VOCAB_BASE) out = out.split(`${DEFAULT_VOCAB_BASE}def/`).join(`${config.vocabBase}def/`);
  if (config.instanceBase !== DEFAULT_INSTANCE_BASE) {
    for (const seg of ['id/', 'doc/', 'graph/']) out = out.split(`${DEFAULT_INSTANCE_BASE}${seg}`).join(`${config.instanceBase}${seg}`);
  }
  return out;
}

/** Namespaces of the GGM vocabulary under a base. */
export function ggmNamespaces(vocabBase: string) {
  const def = `${vocabBase}def/`;
  return {
    ggm: `${def}ggm/`,
    codelijst: `${def}ggm/codelijst/`,
    shape: `${def}ggm/shape/`,
    ontology: `${def}ggm`,
    shapesGraph: `${def}ggm/shapes`,
    mimGraph: `${def}ggm/mim`,
    /** MIM model elements (mim:Objecttype …), apart from the OWL/SKOS terms derived from them. */
    mimElement: `${def}ggm/mim/`,
    codelijstenGraph: `${def}ggm/codelijsten`,
    alignmentsGraph: `${def}ggm/alignments`,
  };
}

export interface MintedNames {
  /** Objecttype guid → local name (UpperCamelCase, unique). */
  objecttype: Map<string, string>;
  /** Enumeratie guid → local name (UpperCamelCase, unique). */
  enumeratie: Map<string, string>;
  /** Attribuutsoort guid → property local name ("zaak.registratiedatum"). */
  attribuut: Map<string, string>;
  /** Relatiesoort guid → property local name ("zaak.heeftDocument"). */
  relatie: Map<string, string>;
  /** Relatiesoort guid → inverse property local name, only where the bron end is navigable too. */
  inverseRelatie: Map<string, string>;
  /** Enumeratiewaarde guid → local name within its enumeratie. */
  waarde: Map<string, string>;
  /** Human-readable notes on every name that had to be qualified. */
  decisions: { guid: string; message: string }[];
}

const GENERIC_RELATION_NAMES = new Set(['heeft', 'betreft', 'is', 'bevat', 'hoort bij', 'is van', 'van', 'met', 'relatie']);

export function isGenericRelationName(name: string | undefined): boolean {
  return name === undefined || name.trim() === '' || GENERIC_RELATION_NAMES.has(name.trim().toLowerCase());
}

/**
 * The IRI register: every local name minted by earlier builds, keyed by GUID
 * (and, for enumerations and their values, by qualified name, since the GGM
 * re-imported enumerations with new GUIDs in 2.5.1). A build reuses a
 * registered name for the same element even when the element was renamed, and
 * never mints a registered name for another element: published IRIs persist.
 */
export interface IriRegister {
  objecttype: Record<string, string>;
  enumeratie: Record<string, string>;
  property: Record<string, string>;
  waarde: Record<string, string>;
}

export function emptyRegister(): IriRegister {
  return { objecttype: {}, enumeratie: {}, property: {}, waarde: {} };
}

/**
 * Qualified name of an enumeration: package path + name, plus an ordinal where one package has
 * several enumerations of the same name (in the order of the export).
 */
const enumKeyCache = new WeakMap<GgmModel, Map<string, string>>();
export function enumKey(model: GgmModel, e: Enumeratie): string {
  let keys = enumKeyCache.get(model);
  if (!keys) {
    keys = new Map();
    const groups = new Map<string, Enumeratie[]>();
    for (const x of model.enumeraties.values()) {
      const k = `${model.packages.get(x.packageGuid)?.path.join('/') ?? ''}/${x.name}`;
      const l = groups.get(k) ?? [];
      l.push(x);
      groups.set(k, l);
    }
    for (const [k, l] of groups) {
      l.sort((a, b) => a.origin.row - b.origin.row);
      l.forEach((x, i) => keys!.set(x.guid, l.length === 1 ? k : `${k}#${i + 1}`));
    }
    enumKeyCache.set(model, keys);
  }
  return keys.get(e.guid)!;
}

/** Qualify names that several elements share: Name → Name_Domein → Name_Domein_Package → _n. */
function uniqueTypeNames<T extends { guid: string; name: string; packageGuid: string; domeinGuid?: string }>(
  items: T[],
  model: GgmModel,
  registered: (it: T) => string | undefined,
  reservedNames: Iterable<string>,
): Map<string, string> {
  const out = new Map<string, string>();
  const scope = new NameScope();
  for (const n of reservedNames) scope.reserve(n);
  const sorted = [...items].sort((a, b) => (a.guid < b.guid ? -1 : a.guid > b.guid ? 1 : 0));
  const fresh: T[] = [];
  const usedRegistered = new Set<string>();
  for (const it of sorted) {
    const reg = registered(it);
    if (reg && !usedRegistered.has(reg)) {
      usedRegistered.add(reg);
      out.set(it.guid, reg);
    } else fresh.push(it);
  }
  const byBase = new Map<string, T[]>();
  for (const it of sorted) {
    const key = (upperCamel(it.name) || 'Naamloos').toLowerCase();
    const list = byBase.get(key) ?? [];
    list.push(it);
    byBase.set(key, list);
  }
  const freshSet = new Set(fresh);
  for (const [, list] of [...byBase.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const qualified = list
      .filter((it) => freshSet.has(it))
      .map((it) => {
        const base = upperCamel(it.name) || 'Naamloos';
        if (list.length === 1) return { it, name: base };
        const dom = it.domeinGuid ? model.domeinen.get(it.domeinGuid)?.name : undefined;
        return { it, name: `${base}_${upperCamel(dom ?? 'Algemeen')}` };
      });
    // Still shared within one domain: add the package name.
    const counts = new Map<string, number>();
    for (const q of qualified) counts.set(q.name.toLowerCase(), (counts.get(q.name.toLowerCase()) ?? 0) + 1);
    for (const q of qualified) {
      let name = q.name;
      if ((counts.get(name.toLowerCase()) ?? 0) > 1) {
        const pkg = model.packages.get(q.it.packageGuid);
        name = `${name}_${upperCamel(pkg?.name ?? 'Pakket')}`;
      }
      out.set(q.it.guid, scope.take(name).name);
    }
  }
  return out;
}

/** Mint all vocabulary local names for a model. Deterministic: depends only on the model and the register. */
export function mintNames(model: GgmModel, register: IriRegister = emptyRegister()): MintedNames {
  const decisions: MintedNames['decisions'] = [];
  const objecttype = uniqueTypeNames(
    [...model.objecttypen.values()],
    model,
    (ot) => register.objecttype[ot.guid],
    Object.values(register.objecttype),
  );
  // Enumerations named "enum_X" are published as X (the prefix is a naming habit, not part of the name).
  const enumeratie = uniqueTypeNames(
    [...model.enumeraties.values()].map((e) => ({ ...e, name: e.name.replace(/^enum[_ ]/i, '') })),
    model,
    (e) => register.enumeratie[e.guid] ?? register.enumeratie[enumKey(model, model.enumeraties.get(e.guid)!)],
    Object.values(register.enumeratie),
  );

  // Property local names carry their owner ("zaak.registratiedatum"), so one scope serves all classes.
  const scope = new NameScope();
  for (const n of Object.values(register.property)) scope.reserve(n);
  const take = (key: string, wanted: string): { name: string; collided: boolean } => {
    const reg = register.property[key];
    return reg ? { name: reg, collided: false } : scope.take(wanted);
  };
  const attribuut = new Map<string, string>();
  const ots = [...model.objecttypen.values()].sort((a, b) => (a.guid < b.guid ? -1 : 1));
  for (const ot of ots) {
    const owner = lowerFirst(objecttype.get(ot.guid)!);
    const attrs = [...ot.attributen].sort((a, b) => (a.guid < b.guid ? -1 : 1));
    for (const a of attrs) {
      const t = take(a.guid, `${owner}.${lowerCamel(a.name) || 'attribuut'}`);
      attribuut.set(a.guid, t.name);
    }
  }

  const relatie = new Map<string, string>();
  const inverseRelatie = new Map<string, string>();
  const rels = [...model.relatiesoorten].sort((a, b) => (a.guid < b.guid ? -1 : 1));
  for (const r of rels) {
    const srcName = objecttype.get(r.bron.classGuid);
    const dstName = objecttype.get(r.doel.classGuid);
    if (!srcName || !dstName) continue; // dangling: reported by the reader
    const owner = lowerFirst(srcName);
    let local: string;
    if (r.doel.role && lowerCamel(r.doel.role)) local = lowerCamel(r.doel.role);
    else if (r.sourceName && lowerCamel(r.sourceName)) local = `${lowerCamel(r.sourceName)}${dstName.replace(/_.*/, '')}`;
    else local = `relatieMet${dstName.replace(/_.*/, '')}`;
    const t = take(r.guid, `${owner}.${local}`);
    relatie.set(r.guid, t.name);
    // A MIM relatiesoort always navigates from bron to doel; when the export also marks the
    // bron end navigable (an EAID_src… row), both ends are navigable and an inverse is minted.
    if (r.bron.navigable) {
      const invOwner = lowerFirst(dstName);
      let invLocal: string;
      if (r.bron.role && lowerCamel(r.bron.role)) invLocal = lowerCamel(r.bron.role);
      else invLocal = `inv${upperCamel(r.sourceName ?? '') || 'Relatie'}${srcName.replace(/_.*/, '')}`;
      const ti = take(`inverse:${r.guid}`, `${invOwner}.${invLocal}`);
      inverseRelatie.set(r.guid, ti.name);
    }
  }

  const waarde = new Map<string, string>();
  for (const e of [...model.enumeraties.values()].sort((a, b) => (a.guid < b.guid ? -1 : 1))) {
    const vscope = new NameScope();
    const key = enumKey(model, e);
    const reg = (w: { guid: string; name: string }) => register.waarde[w.guid] ?? register.waarde[`${key}|${w.name}`];
    for (const w of e.waarden) {
      const r = reg(w);
      if (r) vscope.reserve(r);
    }
    for (const w of e.waarden) {
      const r = reg(w);
      if (r) {
        waarde.set(w.guid, r);
        continue;
      }
      waarde.set(w.guid, vscope.take(slug(w.name) || `waarde-${w.position + 1}`).name);
    }
  }
  const minted = { objecttype, enumeratie, attribuut, relatie, inverseRelatie, waarde, decisions };
  decisions.push(...namingDecisions(model, minted));
  return minted;
}

/**
 * Every local name that is not simply the element's own name, with the reason. Derived from
 * the model and the final names only, so the report is the same in every rebuild.
 */
function namingDecisions(model: GgmModel, n: Omit<MintedNames, 'decisions'>): MintedNames['decisions'] {
  const out: MintedNames['decisions'] = [];
  const shared = new Map<string, number>();
  const countKey = (kind: string, name: string) => `${kind}:${(upperCamel(name) || 'Naamloos').toLowerCase()}`;
  for (const ot of model.objecttypen.values()) shared.set(countKey('ot', ot.name), (shared.get(countKey('ot', ot.name)) ?? 0) + 1);
  for (const e of model.enumeraties.values()) {
    const k = countKey('en', e.name.replace(/^enum[_ ]/i, ''));
    shared.set(k, (shared.get(k) ?? 0) + 1);
  }
  const why = (count: number) =>
    count > 1
      ? `the name is shared by ${count} elements, so it is qualified`
      : 'kept from the IRI register (minted by an earlier release or a name collision)';
  for (const ot of [...model.objecttypen.values()].sort((a, b) => (a.guid < b.guid ? -1 : 1))) {
    const local = n.objecttype.get(ot.guid)!;
    const plain = upperCamel(ot.name) || 'Naamloos';
    if (local !== plain)
      out.push({
        guid: ot.guid,
        message: `Objecttype "${ot.name}": local name "${local}" instead of "${plain}": ${why(shared.get(countKey('ot', ot.name)) ?? 0)}`,
      });
    const owner = lowerFirst(local);
    for (const a of ot.attributen) {
      const p = n.attribuut.get(a.guid)!;
      const plainP = `${owner}.${lowerCamel(a.name) || 'attribuut'}`;
      if (p !== plainP)
        out.push({
          guid: a.guid,
          message: `attribuutsoort "${a.name}" of ${ot.name}: property "${p}" instead of "${plainP}" (same name twice in the class, or kept from the IRI register)`,
        });
    }
  }
  for (const e of [...model.enumeraties.values()].sort((a, b) => (a.guid < b.guid ? -1 : 1))) {
    const local = n.enumeratie.get(e.guid)!;
    const bare = e.name.replace(/^enum[_ ]/i, '');
    const plain = upperCamel(bare) || 'Naamloos';
    if (local !== plain)
      out.push({
        guid: e.guid,
        message: `Enumeratie "${e.name}": local name "${local}" instead of "${plain}": ${why(shared.get(countKey('en', bare)) ?? 0)}`,
      });
    for (const w of e.waarden) {
      const v = n.waarde.get(w.guid)!;
      const plainV = slug(w.name) || `waarde-${w.position + 1}`;
      if (v !== plainV)
        out.push({
          guid: w.guid,
          message: `value "${w.name}" of ${e.name}: local name "${v}" instead of "${plainV}" (the value occurs more than once, or kept from the IRI register)`,
        });
    }
  }
  return out;
}

/** The register after a build: the previous entries plus every name minted now (sorted, for stable files). */
export function updatedRegister(model: GgmModel, names: MintedNames, previous: IriRegister = emptyRegister()): IriRegister {
  const next: IriRegister = {
    objecttype: { ...previous.objecttype },
    enumeratie: { ...previous.enumeratie },
    property: { ...previous.property },
    waarde: { ...previous.waarde },
  };
  for (const [g, n] of names.objecttype) next.objecttype[g] = n;
  for (const [g, n] of names.enumeratie) {
    const e = model.enumeraties.get(g)!;
    next.enumeratie[g] = n;
    next.enumeratie[enumKey(model, e)] = n;
    for (const w of e.waarden) {
      const wn = names.waarde.get(w.guid)!;
      next.waarde[w.guid] = wn;
      next.waarde[`${enumKey(model, e)}|${w.name}`] = wn;
    }
  }
  for (const [g, n] of names.attribuut) next.property[g] = n;
  for (const [g, n] of names.relatie) next.property[g] = n;
  for (const [g, n] of names.inverseRelatie) next.property[`inverse:${g}`] = n;
  const sortObj = (o: Record<string, string>) =>
    Object.fromEntries(Object.entries(o).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
  return {
    objecttype: sortObj(next.objecttype),
    enumeratie: sortObj(next.enumeratie),
    property: sortObj(next.property),
    waarde: sortObj(next.waarde),
  };
}

/** IRIs of one model under one configuration. */
export class GgmIris {
  readonly ns: ReturnType<typeof ggmNamespaces>;
  constructor(
    readonly config: IriConfig,
    readonly names: MintedNames,
    readonly version: string,
  ) {
    this.ns = ggmNamespaces(config.vocabBase);
  }
  ontology(): string {
    return this.ns.ontology;
  }
  ontologyVersion(): string {
    return `${this.ns.ontology}/${this.version}`;
  }
  objecttype(guid: string): string {
    return this.ns.ggm + this.required(this.names.objecttype, guid, 'objecttype');
  }
  attribuut(guid: string): string {
    return this.ns.ggm + this.required(this.names.attribuut, guid, 'attribuut');
  }
  relatie(guid: string): string {
    return this.ns.ggm + this.required(this.names.relatie, guid, 'relatie');
  }
  inverseRelatie(guid: string): string | undefined {
    const n = this.names.inverseRelatie.get(guid);
    return n === undefined ? undefined : this.ns.ggm + n;
  }
  enumeratie(guid: string): string {
    return this.ns.codelijst + this.required(this.names.enumeratie, guid, 'enumeratie');
  }
  waarde(enumGuid: string, waardeGuid: string): string {
    return `${this.enumeratie(enumGuid)}/${this.required(this.names.waarde, waardeGuid, 'enumeratiewaarde')}`;
  }
  nodeShape(objecttypeGuid: string): string {
    return this.ns.shape + this.required(this.names.objecttype, objecttypeGuid, 'objecttype');
  }
  propertyShape(objecttypeGuid: string, propertyLocal: string): string {
    return `${this.nodeShape(objecttypeGuid)}/${propertyLocal.split('.').pop()}`;
  }
  /**
   * Shapes of GeoSPARQL nodes: `shape/geo/Geometry` (every geo:Geometry), `shape/geo/Feature`,
   * `shape/geo/Polygon` … (a Simple Features class). Class names never contain '/', so these never
   * meet a class's shape.
   */
  geoShape(name: string): string {
    return `${this.ns.shape}geo/${name}`;
  }
  generalisatie(guid: string): string {
    return `${this.ns.ggm}generalisatie/${slug(guid)}`;
  }
  /** The MIM informatiemodel (the EA model), distinct from the published owl:Ontology document. */
  informatiemodel(): string {
    return `${this.ns.ontology}/informatiemodel`;
  }
  /** A primitive datatype of the model as a MIM resource, e.g. …/def/ggm/datatype/CharacterString. */
  primitiefDatatype(name: string): string {
    return `${this.ns.ggm}datatype/${name.replace(/[^A-Za-z0-9_-]/g, '')}`;
  }
  /** The bron or doel relatierol of a relatiesoort. */
  relatierol(relatieGuid: string, end: 'bron' | 'doel'): string {
    return `${this.relatie(relatieGuid)}/${end}`;
  }
  /**
   * The MIM model element an OWL/SKOS term is derived from (MIM 1.2, "Metamodel in Linked Data": the model
   * element is an instance of mim:Objecttype, the class derived from it points to it with mim:equivalent):
   * …/def/ggm/Zaak → …/def/ggm/mim/Zaak, …/def/ggm/codelijst/Geslacht/Man → …/def/ggm/mim/codelijst/Geslacht/Man.
   */
  mimElement(term: string): string {
    if (!term.startsWith(this.ns.ggm)) throw new Error(`not a GGM term: ${term}`);
    return this.ns.mimElement + term.slice(this.ns.ggm.length);
  }
  domein(d: { name: string }): string {
    return `${this.ns.ggm}domein/${upperCamel(d.name)}`;
  }
  /** Local name of a class: used as the {type} segment of instance IRIs (lower-cased). */
  objecttypeLocal(guid: string): string {
    return this.required(this.names.objecttype, guid, 'objecttype');
  }
  private required(m: Map<string, string>, guid: string, kind: string): string {
    const v = m.get(guid);
    if (v === undefined) throw new Error(`no IRI minted for ${kind} ${guid}`);
    return v;
  }
}

/** Instance IRIs: {instanceBase}id/{type}/{ref}, documents at {instanceBase}doc/{type}/{ref}. */
export function instanceTypeSegment(objecttypeLocal: string): string {
  return objecttypeLocal.toLowerCase().replace(/_/g, '-');
}

export function instanceIri(config: IriConfig, objecttypeLocal: string, ref: string): string {
  const r = String(ref).trim();
  if (r === '') throw new Error(`empty instance reference for type ${objecttypeLocal}`);
  return `${config.instanceBase}id/${instanceTypeSegment(objecttypeLocal)}/${encodeRef(r)}`;
}

/**
 * The geo:Geometry an instance has as the value of a geometry attribute: `{instance}/{property local name}`
 * (`…/id/pand-bag/12/pand_BAG.geometrieBovenaanzicht`; the whole local name, since a class and its
 * superclass may both have a "geometrie"). Instance references are percent-encoded, so no instance
 * IRI has a further '/' segment and these never meet one.
 */
export function geometryIri(instance: string, attributeLocal: string): string {
  return `${instance}/${attributeLocal}`;
}

/** Reference segment: unreserved characters kept, the rest percent-encoded (reversible, no spaces). */
export function encodeRef(ref: string): string {
  return encodeURIComponent(ref);
}

export type { Objecttype, Enumeratie };
