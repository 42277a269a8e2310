/**
 * GGM model → the model itself as MIM 1.2 linked data (vocabulary
 * http://modellen.mim-standaard.nl/def/mim#), so the model can be queried and
 * checked with the MIM shapes.
 *
 * Model elements sit on their OWN IRIs (…/def/ggm/mim/Zaak), apart from the OWL
 * class, properties, SKOS concept schemes and SHACL shapes derived from them
 * (…/def/ggm/Zaak), which point to them with mim:equivalent. MIM 1.2, chapter
 * "Metamodel in Linked Data": "vb:Schip is in dit voorbeeld een voorkomen van de
 * klasse mim:Objecttype. Dit voorkomen kent zelf geen voorkomens. Hiervoor is
 * een vertaling nodig naar een rdfs:Class, bijvoorbeeld door: vbo:Schip a
 * rdfs:Class; mim:equivalent vb:Schip." One IRI that is both an owl:Class and a
 * mim:Objecttype would make the model element the class of its own instances.
 * The informatiemodel gets its own IRI
 * (`{ontology}/informatiemodel`), not the ontology IRI: the owl:Ontology is the
 * published artefact (version IRI, imports, licence), the mim:Informatiemodel is
 * the UML model the GGM maintains in Enterprise Architect (with its own EA GUID
 * and package version); keeping them apart keeps each description true.
 *
 * Only values the GGM source has are written (plus values derived from it, such
 * as kardinaliteit from verplicht and the relation ends' multiplicities). Where
 * a MIM shape demands a value the source lacks, `mimGaps` lists it; the quality
 * report includes the summary from `mimShapeGaps`.
 */
import type { Attribuutsoort, GgmModel, MimMetadata, Multiplicity, QualityFinding, RelatieEind, ResolvedType } from '../model/types.js';
import { GgmIris, NS, iriConfig, mintNames } from '../iri/index.js';
import { RdfDocument, iri, lit, nl, type Statement } from './rdf-document.js';

const MIM = NS.mim;
const RDF_TYPE = `${NS.rdf}type`;
const ANY_URI = `${NS.xsd}anyURI`;
const XSD_DATE = `${NS.xsd}date`;
const ID = `${NS.dcterms}identifier`;

/** The MIM version this graph is expressed in (mim:mimversie of the informatiemodel). */
export const MIM_VERSION = '1.2';

/** The model elements' IRIs (…/def/ggm/mim/…), apart from the OWL/SKOS terms derived from them. */
export function mimElements(iris: GgmIris) {
  return {
    objecttype: (guid: string) => iris.mimElement(iris.objecttype(guid)),
    attribuut: (guid: string) => iris.mimElement(iris.attribuut(guid)),
    relatie: (guid: string) => iris.mimElement(iris.relatie(guid)),
    enumeratie: (guid: string) => iris.mimElement(iris.enumeratie(guid)),
    waarde: (enumGuid: string, waardeGuid: string) => iris.mimElement(iris.waarde(enumGuid, waardeGuid)),
  };
}

/** The MIM-only IRIs, all minted by src/iri. */
export function mimIris(iris: GgmIris) {
  return {
    informatiemodel: iris.informatiemodel(),
    primitiefDatatype: (name: string) => iris.primitiefDatatype(name),
    relatierol: (relatieGuid: string, end: 'bron' | 'doel') => iris.relatierol(relatieGuid, end),
  };
}

export function generateMimGraph(model: GgmModel, iris: GgmIris): RdfDocument {
  const doc = new RdfDocument({
    mim: MIM,
    rdf: NS.rdf,
    rdfs: NS.rdfs,
    xsd: NS.xsd,
    dcterms: NS.dcterms,
    ggm: iris.ns.ggm,
    codelijst: iris.ns.codelijst,
  });
  const ids = mimIris(iris);
  const el = mimElements(iris);
  const self = (i: string): Statement => [`${MIM}identificatie`, lit(i, ANY_URI)];

  // Informatiemodel: the root package.
  const roots = [...model.packages.values()].filter((p) => p.parentGuid === undefined);
  const root = roots.length === 1 ? roots[0] : undefined;
  doc.add(
    ids.informatiemodel,
    [RDF_TYPE, iri(`${MIM}Informatiemodel`)],
    self(ids.informatiemodel),
    [`${MIM}naam`, nl(root?.name ?? model.name)],
    [`${MIM}basisUri`, lit(iris.ns.ggm, ANY_URI)],
    [`${MIM}mimversie`, lit(MIM_VERSION)],
    [ID, root ? lit(root.guid) : undefined],
    [`${MIM}definitie`, root?.definitie ? nl(root.definitie) : undefined],
    [`${MIM}alias`, root?.alias ? lit(root.alias) : undefined],
  );

  // Domeinen, nested by their nearest «Domein» ancestor package.
  for (const d of model.domeinen.values()) {
    const pkg = model.packages.get(d.guid);
    const parent = parentDomein(model, d.guid);
    doc.add(parent ? iris.domein(parent) : ids.informatiemodel, [`${MIM}bevatModelelement`, iri(iris.domein(d))]);
    doc.add(
      iris.domein(d),
      [RDF_TYPE, iri(`${MIM}Domein`)],
      self(iris.domein(d)),
      [`${MIM}naam`, nl(d.name)],
      [`${MIM}basisUri`, lit(iris.ns.ggm, ANY_URI)],
      [ID, lit(d.guid)],
      [`${MIM}definitie`, pkg?.definitie ? nl(pkg.definitie) : undefined],
      [`${MIM}alias`, pkg?.alias ? lit(pkg.alias) : undefined],
    );
  }

  const primitives = new Map<string, ResolvedType>();
  for (const ot of model.objecttypen.values()) {
    const o = el.objecttype(ot.guid);
    const gestructureerd = ot.kind === 'gestructureerd-datatype';
    if (ot.domeinGuid && model.domeinen.has(ot.domeinGuid))
      doc.add(iris.domein(model.domeinen.get(ot.domeinGuid)!), [`${MIM}bevatModelelement`, iri(o)]);
    doc.add(
      o,
      [RDF_TYPE, iri(`${MIM}${gestructureerd ? 'GestructureerdDatatype' : 'Objecttype'}`)],
      self(o),
      [ID, lit(ot.guid)],
      ...element(ot.name, ot.definitie, ot.toelichting, ot.alias),
      ...metadata(ot.mim),
    );
    for (const a of ot.attributen) {
      const ai = el.attribuut(a.guid);
      doc.add(o, [`${MIM}${gestructureerd ? 'dataElement' : 'attribuut'}`, iri(ai)]);
      doc.add(
        ai,
        [RDF_TYPE, iri(`${MIM}${gestructureerd ? 'DataElement' : 'Attribuutsoort'}`)],
        self(ai),
        [ID, lit(a.guid)],
        ...element(a.name, a.definitie, a.toelichting, a.alias),
        ...metadata(a.mim),
        ...attribuut(a, model, el, ids, primitives),
      );
    }
  }

  for (const [name, t] of primitives) {
    const p = ids.primitiefDatatype(name);
    doc.add(
      p,
      [RDF_TYPE, iri(`${MIM}PrimitiefDatatype`)],
      self(p),
      [`${MIM}naam`, nl(name)],
      [`${MIM}definitie`, nl(primitiveDefinition(t))],
      [`${MIM}formeelPatroon`, t.kind === 'primitive' && t.pattern ? lit(t.pattern) : undefined],
      [`${NS.rdfs}seeAlso`, MIM_STANDARD.has(name) ? iri(`${MIM}${name}`) : undefined],
    );
  }

  for (const r of model.relatiesoorten) {
    if (!iris.names.relatie.has(r.guid)) continue; // dangling: reported by the reader
    const ri = el.relatie(r.guid);
    const bronRol = ids.relatierol(r.guid, 'bron');
    const doelRol = ids.relatierol(r.guid, 'doel');
    doc.add(
      ri,
      [RDF_TYPE, iri(`${MIM}Relatiesoort`)],
      self(ri),
      [ID, lit(r.guid)],
      ...element(r.name, r.definitie, r.toelichting, r.alias),
      ...metadata(r.mim),
      [`${MIM}bron`, iri(el.objecttype(r.bron.classGuid))],
      [`${MIM}doel`, iri(el.objecttype(r.doel.classGuid))],
      [`${MIM}unidirectioneel`, lit(!(r.bron.navigable && r.doel.navigable))],
      [`${MIM}kardinaliteit`, lit(kardinaliteit(r.doel.multiplicity))],
      [`${MIM}kardinaliteitRelatieBron`, lit(kardinaliteit(r.bron.multiplicity))],
      [`${MIM}mogelijkGeenWaarde`, r.mim.mogelijkGeenWaarde === undefined ? undefined : lit(r.mim.mogelijkGeenWaarde)],
      [`${MIM}relatierol`, iri(bronRol)],
      [`${MIM}relatierol`, iri(doelRol)],
    );
    const rol = (end: RelatieEind, which: 'bron' | 'doel', i: string) =>
      doc.add(
        i,
        [RDF_TYPE, iri(`${MIM}${which === 'bron' ? 'RelatierolBron' : 'RelatierolDoel'}`)],
        self(i),
        [`${MIM}${which}`, iri(el.objecttype(end.classGuid))],
        [`${MIM}naam`, end.role?.trim() ? nl(end.role.trim()) : undefined],
        [`${MIM}definitie`, end.documentation?.trim() ? nl(end.documentation.trim()) : undefined],
        [`${MIM}kardinaliteit`, lit(kardinaliteit(end.multiplicity))],
      );
    rol(r.bron, 'bron', bronRol);
    rol(r.doel, 'doel', doelRol);
  }

  for (const g of model.generalisaties) {
    if (!iris.names.objecttype.has(g.subGuid) || !iris.names.objecttype.has(g.superGuid)) continue;
    const gi = iris.generalisatie(g.guid);
    doc.add(
      gi,
      [RDF_TYPE, iri(`${MIM}Generalisatie`)],
      self(gi),
      [ID, lit(g.guid)],
      [`${MIM}subtype`, iri(el.objecttype(g.subGuid))],
      [`${MIM}supertype`, iri(el.objecttype(g.superGuid))],
    );
  }

  for (const e of model.enumeraties.values()) {
    const ei = el.enumeratie(e.guid);
    if (e.domeinGuid && model.domeinen.has(e.domeinGuid))
      doc.add(iris.domein(model.domeinen.get(e.domeinGuid)!), [`${MIM}bevatModelelement`, iri(ei)]);
    doc.add(
      ei,
      [RDF_TYPE, iri(`${MIM}Enumeratie`)],
      self(ei),
      [ID, lit(e.guid)],
      ...element(e.name, e.definitie, e.toelichting, e.alias),
      ...metadata(e.mim),
    );
    for (const w of e.waarden) {
      const wi = el.waarde(e.guid, w.guid);
      doc.add(ei, [`${MIM}waarde`, iri(wi)]);
      doc.add(
        wi,
        [RDF_TYPE, iri(`${MIM}Enumeratiewaarde`)],
        self(wi),
        [ID, lit(w.guid)],
        ...element(w.name, w.definitie, w.toelichting, undefined),
        // The EA alias of an enumeration literal is its code ("1", "NH", …).
        [`${MIM}code`, w.alias?.trim() ? lit(w.alias.trim()) : undefined],
      );
    }
  }
  applyMimDefaults(doc);
  return doc;
}

/**
 * MIM 1.2's own defaults (sh:defaultValue in mim-shapes.ttl) for metadata the GGM
 * source leaves empty: written into the graph where a MIM class requires the
 * property, and counted for the quality report (rule mim:default).
 */
export const MIM_DEFAULTS: Record<string, ReturnType<typeof lit>> = {
  indicatieAbstractObject: lit(false),
  heeftTijdlijnGeldigheid: lit(false),
  heeftTijdlijnRegistratie: lit(false),
  indicatieMaterieleHistorie: lit(false),
  indicatieFormeleHistorie: lit(false),
  indicatieAfleidbaar: lit(false),
  indicatieClassificerend: lit(false),
  mogelijkGeenWaarde: lit(false),
  mixin: lit(false),
  aggregatietype: iri(`${MIM}Geen`),
};

const defaultsApplied = new WeakMap<RdfDocument, Map<string, number>>();

function applyMimDefaults(doc: RdfDocument): void {
  const counts = new Map<string, number>();
  for (const s of doc.subjects()) {
    const cls = doc.statements(s).find(([p, o]) => p === RDF_TYPE && 'iri' in o && o.iri.startsWith(MIM))?.[1] as
      { iri: string } | undefined;
    if (!cls) continue;
    const name = cls.iri.slice(MIM.length);
    const present = new Set(doc.statements(s).map(([p]) => p));
    for (const r of REQUIRED[name] ?? []) {
      const prop = local(r.path);
      const d = MIM_DEFAULTS[prop];
      if (!d || present.has(r.path)) continue;
      doc.add(s, [r.path, d]);
      const k = `${name}\u0000${prop}`;
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
  }
  defaultsApplied.set(doc, counts);
}

function parentDomein(model: GgmModel, domeinGuid: string) {
  const seen = new Set<string>();
  let p = model.packages.get(domeinGuid)?.parentGuid;
  while (p !== undefined && !seen.has(p)) {
    seen.add(p);
    const d = model.domeinen.get(p);
    if (d) return d;
    p = model.packages.get(p)?.parentGuid;
  }
  return undefined;
}

function element(
  naam: string,
  definitie?: string,
  toelichting?: string,
  alias?: string,
): Array<[string, ReturnType<typeof nl> | undefined]> {
  return [
    [`${MIM}naam`, naam ? nl(naam) : undefined],
    [`${MIM}definitie`, definitie ? nl(definitie) : undefined],
    [`${MIM}toelichting`, toelichting ? nl(toelichting) : undefined],
    [`${MIM}alias`, alias ? lit(alias) : undefined],
  ];
}

/** MimMetadata → MIM properties (only present values; indicatieInOnderzoek and bron have no MIM 1.2 property). */
function metadata(m: MimMetadata): Array<[string, ReturnType<typeof lit> | undefined]> {
  const datum = m.datumOpname ? parseDatumOpname(m.datumOpname) : undefined;
  const bool = (v: boolean | undefined) => (v === undefined ? undefined : lit(v));
  return [
    [`${MIM}herkomst`, m.herkomst ? lit(m.herkomst) : undefined],
    [`${MIM}herkomstDefinitie`, m.herkomstDefinitie ? lit(m.herkomstDefinitie) : undefined],
    [`${MIM}datumOpname`, datum ? lit(datum, XSD_DATE) : undefined],
    [
      `${MIM}authentiek`,
      m.authentiek && AUTHENTICITEIT[m.authentiek.trim().toLowerCase()]
        ? iri(`${MIM}${AUTHENTICITEIT[m.authentiek.trim().toLowerCase()]}`)
        : undefined,
    ],
    [`${MIM}indicatieFormeleHistorie`, bool(m.indicatieFormeleHistorie)],
    [`${MIM}indicatieMaterieleHistorie`, bool(m.indicatieMaterieleHistorie)],
    [`${MIM}heeftTijdlijnGeldigheid`, bool(m.heeftTijdlijnGeldigheid)],
    [`${MIM}heeftTijdlijnRegistratie`, bool(m.heeftTijdlijnRegistratie)],
    [`${MIM}populatie`, m.populatie ? lit(m.populatie) : undefined],
    [`${MIM}kwaliteit`, m.kwaliteit ? lit(m.kwaliteit) : undefined],
    [`${MIM}begripsterm`, m.begrip && !/^https?:\/\//.test(m.begrip) ? lit(m.begrip) : undefined],
    [`${MIM}begrip`, m.begrip && /^https?:\/\//.test(m.begrip) ? iri(m.begrip) : undefined],
  ];
}

/** The concepts of mim:Authenticiteit by their Dutch label. */
const AUTHENTICITEIT: Record<string, string> = {
  authentiek: 'Authentiek',
  basisgegeven: 'Basisgegeven',
  'wettelijk gegeven': 'WettelijkGegeven',
  'landelijk kerngegeven': 'LandelijkKerngegeven',
  overig: 'OverigeAuthenticiteit',
};

/** The primitive datatypes mim.ttl itself defines. */
const MIM_STANDARD = new Set([
  'CharacterString',
  'Integer',
  'Real',
  'Decimal',
  'Boolean',
  'Date',
  'DateTime',
  'Year',
  'Day',
  'Month',
  'URI',
]);

function attribuut(
  a: Attribuutsoort,
  model: GgmModel,
  el: ReturnType<typeof mimElements>,
  ids: ReturnType<typeof mimIris>,
  primitives: Map<string, ResolvedType>,
): Array<[string, ReturnType<typeof lit> | undefined]> {
  const t = a.type;
  let type: string | undefined;
  if (t.kind === 'primitive' || t.kind === 'geometry') {
    const name = primitiveName(t);
    if (!primitives.has(name)) primitives.set(name, t);
    type = ids.primitiefDatatype(name);
  } else if (t.kind === 'objecttype' && model.objecttypen.has(t.guid)) type = el.objecttype(t.guid);
  else if (t.kind === 'enumeratie' && model.enumeraties.has(t.guid)) type = el.enumeratie(t.guid);
  let lengte: string | undefined;
  if (a.lengte !== undefined) lengte = String(a.lengte);
  else if (t.kind === 'primitive' && t.maxLength !== undefined) lengte = String(t.maxLength);
  else if (t.kind === 'primitive' && t.totalDigits !== undefined)
    lengte = t.fractionDigits !== undefined ? `${t.totalDigits},${t.fractionDigits}` : String(t.totalDigits);
  const s = (v: string | undefined) => (v?.trim() ? lit(v.trim()) : undefined);
  return [
    [`${MIM}type`, type ? iri(type) : undefined],
    [`${MIM}lengte`, lengte ? lit(lengte) : undefined],
    [`${MIM}patroon`, s(a.patroon)],
    [`${MIM}formeelPatroon`, s(a.formeelPatroon)],
    [`${MIM}kardinaliteit`, lit(a.verplicht ? '1..1' : '0..1')],
    [`${MIM}mogelijkGeenWaarde`, lit(a.mogelijkGeenWaarde)],
    [`${MIM}indicatieClassificerend`, a.indicatieClassificerend === undefined ? undefined : lit(a.indicatieClassificerend)],
    [`${MIM}minimumwaardeInclusief`, s(a.minimumInclusief)],
    [`${MIM}maximumwaardeInclusief`, s(a.maximumInclusief)],
    [`${MIM}minimumwaardeExclusief`, s(a.minimumExclusief)],
    [`${MIM}maximumwaardeExclusief`, s(a.maximumExclusief)],
  ];
}

/** Name of the MIM primitive datatype resource for a resolved type: the MIM primitive, or GM_<geometry>. */
export function primitiveName(t: Extract<ResolvedType, { kind: 'primitive' | 'geometry' }>): string {
  if (t.kind === 'primitive') return t.mim;
  return t.geometry === 'Geometry' ? 'GM_Object' : `GM_${t.geometry}`;
}

function primitiveDefinition(t: ResolvedType): string {
  if (t.kind === 'geometry')
    return `Geometrie (ISO 19107 ${t.geometry}); in de linked-data-publicatie een geo:Geometry met de coördinaten als geo:wktLiteral in geo:asWKT (GeoSPARQL 1.1).`;
  if (t.kind !== 'primitive') return '';
  const xsd = (t.union ?? [t.xsd]).map((d) => d.replace(NS.xsd, 'xsd:')).join(' of ');
  return `Primitief datatype ${t.mim} van het GGM; in de linked-data-publicatie een waarde van type ${xsd}.`;
}

function kardinaliteit(m: Multiplicity): string {
  return `${m.min}..${m.max === undefined ? '*' : m.max}`;
}

const MAANDEN = [
  'januari',
  'februari',
  'maart',
  'april',
  'mei',
  'juni',
  'juli',
  'augustus',
  'september',
  'oktober',
  'november',
  'december',
];
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * A datumOpname as written in the GGM ("1 mei 2016", "2007-04-09 00:00:00",
 * "24-Apr-09", "9-4-2007") → xsd:date lexical form, or undefined when it is not a date.
 */
export function parseDatumOpname(raw: string): string | undefined {
  const s = raw.trim();
  let y: number, m: number, d: number;
  let r: RegExpExecArray | null;
  if ((r = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(s))) [y, m, d] = [+r[1]!, +r[2]!, +r[3]!];
  else if ((r = /^(\d{1,2})\s+([a-z]+)\s+(\d{4})$/i.exec(s)) && MAANDEN.includes(r[2]!.toLowerCase()))
    [d, m, y] = [+r[1]!, MAANDEN.indexOf(r[2]!.toLowerCase()) + 1, +r[3]!];
  else if ((r = /^(\d{1,2})-([a-z]{3})-(\d{2}|\d{4})$/i.exec(s)) && MONTHS.includes(r[2]!.toLowerCase())) {
    const yy = +r[3]!;
    [d, m, y] = [+r[1]!, MONTHS.indexOf(r[2]!.toLowerCase()) + 1, r[3]!.length === 2 ? (yy < 50 ? 2000 + yy : 1900 + yy) : yy];
  } else if ((r = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(s))) [d, m, y] = [+r[1]!, +r[2]!, +r[3]!];
  else return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

// ---------------------------------------------------------------------------
// Known gaps: where the MIM 1.2 shapes (mim-shapes.ttl) demand what the GGM
// source does not have. Computed from the generated graph with the shapes'
// own rules, so the quality report needs no SHACL run; the test checks that a
// real SHACL validation reports exactly these.

type Requirement = { path: string; shape: string; missing: string };
const req = (...names: string[]): Requirement[] =>
  names.map((n) => ({
    path: `${MIM}${n.replace(/_.*/, '')}`,
    shape: n,
    missing: `${n.replace(/_.*/, '')} ontbreekt: de GGM-bron heeft hiervoor geen waarde`,
  }));

/** Paths with sh:minCount ≥ 1 per MIM class, as in mim-shapes.ttl (MIM 1.2); superclass shapes included. */
const REQUIRED: Record<string, Requirement[]> = {
  Objecttype: req('identificatie', 'naam', 'herkomst', 'definitie', 'herkomstDefinitie', 'datumOpname', 'indicatieAbstractObject'),
  Attribuutsoort: req(
    'identificatie',
    'naam',
    'herkomst',
    'definitie',
    'herkomstDefinitie',
    'datumOpname',
    'type',
    'heeftTijdlijnGeldigheid',
    'indicatieMaterieleHistorie',
    'indicatieFormeleHistorie',
    'heeftTijdlijnRegistratie',
    'kardinaliteit_attribuut',
    'authentiek',
    'indicatieAfleidbaar',
    'indicatieClassificerend',
    'mogelijkGeenWaarde',
  ),
  Relatiesoort: req(
    'identificatie',
    'naam',
    'unidirectioneel',
    'bron',
    'doel',
    'aggregatietype',
    'kardinaliteit',
    'herkomst',
    'definitie',
    'herkomstDefinitie',
    'datumOpname',
    'heeftTijdlijnGeldigheid',
    'indicatieMaterieleHistorie',
    'indicatieFormeleHistorie',
    'heeftTijdlijnRegistratie',
    'authentiek',
    'indicatieAfleidbaar',
    'mogelijkGeenWaarde',
    'relatierol',
  ),
  RelatierolBron: req(
    'identificatie',
    'naam',
    'kardinaliteit',
    'herkomst',
    'herkomstDefinitie',
    'datumOpname',
    'heeftTijdlijnGeldigheid',
    'indicatieMaterieleHistorie',
    'indicatieFormeleHistorie',
    'heeftTijdlijnRegistratie',
    'authentiek',
    'mogelijkGeenWaarde',
    'bron',
  ),
  RelatierolDoel: req(
    'identificatie',
    'naam',
    'kardinaliteit',
    'herkomst',
    'herkomstDefinitie',
    'datumOpname',
    'heeftTijdlijnGeldigheid',
    'indicatieMaterieleHistorie',
    'indicatieFormeleHistorie',
    'heeftTijdlijnRegistratie',
    'authentiek',
    'mogelijkGeenWaarde',
    'doel',
  ),
  Generalisatie: req('identificatie', 'subtype', 'supertype', 'mixin', 'datumOpname'),
  Enumeratie: req('identificatie', 'naam', 'definitie', 'waarde', 'datumOpname'),
  Enumeratiewaarde: req('identificatie', 'naam', 'datumOpname'),
  PrimitiefDatatype: req('identificatie', 'naam', 'definitie', 'herkomst', 'datumOpname'),
  GestructureerdDatatype: req('identificatie', 'naam', 'herkomst', 'definitie', 'datumOpname'),
  DataElement: req('identificatie', 'naam', 'definitie', 'type', 'kardinaliteit', 'datumOpname'),
  Informatiemodel: req(
    'basisUri',
    'identificatie',
    'naam',
    'informatiemodeltype',
    'informatiedomein',
    'relatiemodelleringstype',
    'mimversie',
    'datumOpname',
  ),
  Domein: req('basisUri', 'identificatie', 'naam', 'datumOpname'),
};

/** MIM classes whose instances may be the value of mim:type (subclasses of mim:Datatype). */
const DATATYPE_CLASSES = new Set([
  'PrimitiefDatatype',
  'GestructureerdDatatype',
  'Enumeratie',
  'Codelijst',
  'Referentielijst',
  'Keuze',
  'Datatype',
]);

export type MimGapComponent = 'MinCount' | 'Class' | 'Node';

export interface MimGap {
  /** The resource that fails. */
  focus: string;
  /** Its MIM class (local name). */
  mimClass: string;
  /** The MIM property (full IRI). */
  path: string;
  /** The mim-shapes property shape (local name in the shape: namespace). */
  shape: string;
  /** The SHACL constraint component: sh:<component>ConstraintComponent. */
  component: MimGapComponent;
  /** The offending value (sh:value) for Class and Node failures. */
  value?: string;
  /** EA GUID of the focus, when it has one. */
  guid?: string;
  reason: string;
}

/** Every place where the MIM graph cannot satisfy mim-shapes.ttl, with the reason. */
export function mimGaps(doc: RdfDocument): MimGap[] {
  const typeOf = new Map<string, string>();
  for (const s of doc.subjects()) {
    for (const [p, o] of doc.statements(s))
      if (p === RDF_TYPE && 'iri' in o && o.iri.startsWith(MIM)) typeOf.set(s, o.iri.slice(MIM.length));
  }
  const values = (s: string, p: string): string[] => {
    const out: string[] = [];
    for (const [pp, o] of doc.statements(s)) if (pp === p) out.push('iri' in o ? o.iri : 'value' in o ? o.value : '');
    return out;
  };
  const guidOf = (s: string) => values(s, ID)[0];

  const own = new Map<string, MimGap[]>();
  const gapsOf = (s: string): MimGap[] => {
    let g = own.get(s);
    if (g) return g;
    g = [];
    const cls = typeOf.get(s)!;
    const guid = guidOf(s);
    const present = new Set(doc.statements(s).map(([p]) => p));
    for (const r of REQUIRED[cls] ?? []) {
      if (!present.has(r.path))
        g.push({ focus: s, mimClass: cls, path: r.path, shape: r.shape, component: 'MinCount', guid, reason: r.missing });
    }
    if (cls === 'Attribuutsoort' || cls === 'DataElement') {
      for (const t of values(s, `${MIM}type`)) {
        if (!DATATYPE_CLASSES.has(typeOf.get(t) ?? '')) {
          g.push({
            focus: s,
            mimClass: cls,
            path: `${MIM}type`,
            shape: 'type',
            component: 'Class',
            value: t,
            guid: guidOf(s),
            reason: `type is een ${typeOf.get(t) ?? 'onbekend element'}, geen datatype (MIM: gebruik een relatiesoort)`,
          });
        }
      }
    }
    own.set(s, g);
    return g;
  };
  const conforms = new Map<string, boolean>();
  const conformsTo = (s: string, cls: 'Objecttype' | 'Attribuutsoort'): boolean => {
    if (typeOf.get(s) !== cls) return false; // shape:Objecttype checks rdf:type; the others have no other targets here
    const key = `${cls} ${s}`;
    let c = conforms.get(key);
    if (c === undefined) {
      c = gapsOf(s).length === 0;
      if (c && cls === 'Objecttype') c = values(s, `${MIM}attribuut`).every((a) => conformsTo(a, 'Attribuutsoort'));
      conforms.set(key, c);
    }
    return c;
  };

  const out: MimGap[] = [];
  for (const s of [...typeOf.keys()].sort()) {
    const cls = typeOf.get(s)!;
    out.push(...gapsOf(s));
    const node = (path: string, shape: string, fails: (v: string) => boolean, reason: (v: string) => string) => {
      for (const v of values(s, `${MIM}${path}`))
        if (fails(v))
          out.push({
            focus: s,
            mimClass: cls,
            path: `${MIM}${path}`,
            shape,
            component: 'Node',
            value: v,
            guid: guidOf(s),
            reason: reason(v),
          });
    };
    const notOt = (v: string) => `${local(v)} voldoet niet aan shape:Objecttype (zie de tekorten daar)`;
    if (cls === 'Objecttype')
      node(
        'attribuut',
        'attribuut',
        (v) => !conformsTo(v, 'Attribuutsoort'),
        (v) => `attribuutsoort ${local(v)} voldoet niet aan shape:Attribuutsoort (zie de tekorten daar)`,
      );
    if (cls === 'Relatiesoort' || cls === 'RelatierolBron') node('bron', 'bron', (v) => !conformsTo(v, 'Objecttype'), notOt);
    if (cls === 'Relatiesoort' || cls === 'RelatierolDoel') node('doel', 'doel', (v) => !conformsTo(v, 'Objecttype'), notOt);
    if (cls === 'Generalisatie') {
      // mim-shapes requires sh:xone (shape:Objecttype shape:Datatype); shape:Datatype has no constraints, so
      // every node conforms to it and xone fails exactly for values that DO conform to shape:Objecttype.
      const both = (v: string) => conformsTo(v, 'Objecttype');
      const why = (v: string) => `${local(v)} voldoet aan zowel shape:Objecttype als shape:Datatype (fout in mim-shapes.ttl: sh:xone)`;
      node('subtype', 'subtype', both, why);
      node('supertype', 'supertype', both, why);
    }
  }
  return out;
}

/**
 * The MIM gaps summarised for the quality report: one finding per MIM class,
 * property and kind of failure, with counts. Pass the generated graph to avoid
 * generating it again.
 */
export function mimShapeGaps(model: GgmModel, graph?: RdfDocument): QualityFinding[] {
  const doc = graph ?? generateMimGraph(model, new GgmIris(iriConfig(), mintNames(model), model.version));
  const totals = new Map<string, number>();
  for (const s of doc.subjects()) {
    for (const [p, o] of doc.statements(s))
      if (p === RDF_TYPE && 'iri' in o && o.iri.startsWith(MIM))
        totals.set(o.iri.slice(MIM.length), (totals.get(o.iri.slice(MIM.length)) ?? 0) + 1);
  }
  const groups = new Map<string, MimGap[]>();
  for (const g of mimGaps(doc)) {
    const k = `${g.mimClass}\u0000${g.shape}\u0000${g.component}`;
    let l = groups.get(k);
    if (!l) groups.set(k, (l = []));
    l.push(g);
  }
  const findings: QualityFinding[] = [];
  for (const [k, gs] of [...groups].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const [cls, shape, component] = k.split('\u0000') as [string, string, MimGapComponent];
    const focusCount = new Set(gs.map((g) => g.focus)).size;
    const what =
      component === 'MinCount'
        ? `mim:${local(gs[0]!.path)} ontbreekt (sh:minCount 1)`
        : component === 'Class'
          ? `mim:${local(gs[0]!.path)} verwijst niet naar een mim:Datatype (sh:class)`
          : `mim:${local(gs[0]!.path)} faalt sh:node`;
    const example = gs[0]!;
    findings.push({
      rule: 'mim:shape-gap',
      severity: component === 'Class' ? 'warning' : 'info',
      elementName: `mim:${cls}`,
      message: `MIM 1.2 shape:${shape} op mim:${cls}: ${what} bij ${focusCount} van ${totals.get(cls) ?? focusCount} elementen. Voorbeeld: ${example.focus}${example.guid ? ` (${example.guid})` : ''}: ${example.reason}`,
    });
  }
  for (const [k, n] of [...(defaultsApplied.get(doc) ?? new Map<string, number>())].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const [cls, prop] = k.split('\u0000') as [string, string];
    const d = MIM_DEFAULTS[prop]!;
    findings.push({
      rule: 'mim:default',
      severity: 'info',
      elementName: `mim:${cls}`,
      message: `mim:${prop} bij ${n} van ${totals.get(cls) ?? n} elementen van mim:${cls}: de GGM-bron heeft geen waarde, de MIM-standaardwaarde ${'iri' in d ? `mim:${local(d.iri)}` : 'value' in d ? d.value : ''} (sh:defaultValue in mim-shapes.ttl) is ingevuld${prop === 'indicatieAbstractObject' ? '; de crunch_uml-export mist de abstract-vlag van Enterprise Architect, dus een abstract objecttype staat hier als niet-abstract' : ''}`,
    });
  }
  // A datumOpname that is not a date is left out of the graph (and so shows up as a gap above).
  const dated: Array<{ guid: string; name: string; datumOpname?: string }> = [];
  for (const ot of model.objecttypen.values()) {
    dated.push({ guid: ot.guid, name: ot.name, datumOpname: ot.mim.datumOpname });
    for (const a of ot.attributen) dated.push({ guid: a.guid, name: `${ot.name}.${a.name}`, datumOpname: a.mim.datumOpname });
  }
  for (const r of model.relatiesoorten) dated.push({ guid: r.guid, name: r.name, datumOpname: r.mim.datumOpname });
  for (const e of model.enumeraties.values()) dated.push({ guid: e.guid, name: e.name, datumOpname: e.mim.datumOpname });
  for (const d of dated) {
    if (d.datumOpname === undefined || d.datumOpname.trim() === '' || parseDatumOpname(d.datumOpname)) continue;
    findings.push({
      rule: 'mim:shape-gap',
      severity: 'warning',
      guid: d.guid,
      elementName: d.name,
      message: `datumOpname "${d.datumOpname}" van ${d.name} is geen datum; weggelaten uit de MIM-graaf`,
    });
  }
  return findings;
}

function local(i: string): string {
  return i.slice(Math.max(i.lastIndexOf('#'), i.lastIndexOf('/')) + 1);
}
