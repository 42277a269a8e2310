/**
 * GGM model → SHACL shapes graph.
 *
 * One sh:NodeShape per objecttype and gestructureerd datatype, one named
 * sh:PropertyShape per attribuutsoort (owned by its class) and per relatiesoort
 * (owned by its bron class, pointing at its doel class). Every property shape
 * carries the EA GUID of its attribute/relation as dcterms:identifier.
 *
 * Inheritance does not depend on rdfs:subClassOf triples in the data graph:
 * a subclass's node shape has sh:node to each direct superclass's node shape,
 * and a sh:class constraint on a class with subclasses accepts the class or
 * any of its subclasses (sh:or of sh:class), so an instance typed only with
 * the subclass passes.
 */
import type { Attribuutsoort, GgmModel, Objecttype, Relatiesoort, ResolvedType } from '../model/types.js';
import { NS, isGenericRelationName, type GgmIris } from '../iri/index.js';
import { WKT_LITERAL, digitsPattern, maxLengthOf } from '../model/datatypes.js';
import { isGeometryAttribute, sfClassesFor, type SfClass } from '../model/geometry.js';
import { RdfDocument, blank, iri, lit, list, nl, type Statement } from './rdf-document.js';

const SH = NS.sh;
const RDF_TYPE = `${NS.rdf}type`;
const XSD_INTEGER = `${NS.xsd}integer`;
const XSD_DECIMAL = `${NS.xsd}decimal`;

export function generateShapes(model: GgmModel, iris: GgmIris): RdfDocument {
  const doc = new RdfDocument({
    sh: NS.sh,
    rdf: NS.rdf,
    rdfs: NS.rdfs,
    xsd: NS.xsd,
    dcterms: NS.dcterms,
    geo: NS.geo,
    sf: NS.sf,
    ggm: iris.ns.ggm,
    codelijst: iris.ns.codelijst,
    shape: iris.ns.shape,
    mim: NS.mim,
  });
  const hierarchy = inheritance(model);

  for (const ot of model.objecttypen.values()) {
    const shape = iris.nodeShape(ot.guid);
    doc.add(
      shape,
      [RDF_TYPE, iri(`${SH}NodeShape`)],
      [`${SH}targetClass`, iri(iris.objecttype(ot.guid))],
      [`${NS.rdfs}label`, nl(ot.name)],
      [`${SH}name`, nl(ot.name)],
      [`${NS.dcterms}source`, iri(iris.objecttype(ot.guid))],
      [`${NS.mim}equivalent`, iri(iris.mimElement(iris.objecttype(ot.guid)))],
      ...(hierarchy.supers.get(ot.guid) ?? []).map((sup): Statement => [`${SH}node`, iri(iris.nodeShape(sup))]),
    );
    if (hierarchy.supers.has(ot.guid)) {
      doc.add(shape, [`${SH}message`, nl(`${ot.name}: voldoet niet aan de eisen die het van zijn supertype overerft`)]);
    }
    for (const a of ot.attributen) {
      const ps = iris.propertyShape(ot.guid, iris.names.attribuut.get(a.guid) ?? a.name);
      doc.add(shape, [`${SH}property`, iri(ps)]);
      doc.add(ps, ...attribuutShape(ot, a, model, iris, hierarchy), [`${NS.mim}equivalent`, iri(iris.mimElement(iris.attribuut(a.guid)))]);
    }
  }

  addGeoShapes(doc, model, iris);

  for (const r of model.relatiesoorten) {
    const local = iris.names.relatie.get(r.guid);
    if (local === undefined) continue; // dangling relation: no property minted (reported by the reader)
    const ps = iris.propertyShape(r.bron.classGuid, local);
    doc.add(iris.nodeShape(r.bron.classGuid), [`${SH}property`, iri(ps)]);
    doc.add(ps, ...relatieShape(r, model, iris, hierarchy), [`${NS.mim}equivalent`, iri(iris.mimElement(iris.relatie(r.guid)))]);
  }
  return doc;
}

/**
 * The shapes of the GeoSPARQL nodes the geometry attributes point at: every
 * geo:Geometry has exactly one well-formed geo:asWKT (sh:datatype geo:wktLiteral
 * checks the WKT itself, src/data/wkt.ts); a geometry of a Simple Features class
 * has WKT of that type; a geo:Feature has at most one default geometry.
 */
function addGeoShapes(doc: RdfDocument, model: GgmModel, iris: GgmIris): void {
  const sfUsed = new Set<SfClass>();
  for (const ot of model.objecttypen.values())
    for (const a of ot.attributen) if (a.type.kind === 'geometry') for (const c of sfClassesFor(a.type.geometry)) sfUsed.add(c);
  if (![...model.objecttypen.values()].some((ot) => ot.attributen.some(isGeometryAttribute))) return;
  const property = (node: string, local: string, ...st: Statement[]) => {
    const ps = `${node}/${local}`;
    doc.add(node, [`${SH}property`, iri(ps)]);
    doc.add(ps, [RDF_TYPE, iri(`${SH}PropertyShape`)], [`${SH}path`, iri(`${NS.geo}${local}`)], ...st);
  };
  const geometry = iris.geoShape('Geometry');
  doc.add(
    geometry,
    [RDF_TYPE, iri(`${SH}NodeShape`)],
    [`${SH}targetClass`, iri(`${NS.geo}Geometry`)],
    [`${NS.rdfs}label`, nl('Geometrie')],
    [`${SH}name`, nl('Geometrie')],
  );
  property(
    geometry,
    'asWKT',
    [`${SH}minCount`, lit(1)],
    [`${SH}maxCount`, lit(1)],
    [`${SH}datatype`, iri(WKT_LITERAL)],
    [`${SH}message`, nl('Geometrie.asWKT: verwacht precies 1 waarde van type geo:wktLiteral: welgevormde WKT met een bekend CRS')],
  );
  const feature = iris.geoShape('Feature');
  doc.add(
    feature,
    [RDF_TYPE, iri(`${SH}NodeShape`)],
    [`${SH}targetClass`, iri(`${NS.geo}Feature`)],
    [`${NS.rdfs}label`, nl('Feature')],
    [`${SH}name`, nl('Feature')],
  );
  property(
    feature,
    'hasDefaultGeometry',
    [`${SH}maxCount`, lit(1)],
    [`${SH}class`, iri(`${NS.geo}Geometry`)],
    [`${SH}message`, nl('Feature.hasDefaultGeometry: verwacht hoogstens 1 waarde van klasse geo:Geometry')],
  );
  property(
    feature,
    'hasGeometry',
    [`${SH}class`, iri(`${NS.geo}Geometry`)],
    [`${SH}message`, nl('Feature.hasGeometry: verwacht waarden van klasse geo:Geometry')],
  );
  for (const c of [...sfUsed].sort()) {
    const shape = iris.geoShape(c);
    const keyword = c.toUpperCase();
    doc.add(
      shape,
      [RDF_TYPE, iri(`${SH}NodeShape`)],
      [`${SH}targetClass`, iri(`${NS.sf}${c}`)],
      [`${NS.rdfs}label`, nl(`sf:${c}`)],
      [`${SH}name`, nl(`sf:${c}`)],
    );
    property(
      shape,
      'asWKT',
      [`${SH}pattern`, lit(`^\\s*(<[^>]*>\\s+)?${keyword}\\s*(Z|M|ZM)?\\s*\\(`)],
      [`${SH}flags`, lit('i')],
      [`${SH}message`, nl(`sf:${c}: verwacht WKT van type ${keyword}`)],
    );
  }
}

/** The accepted superclass edges (cycle-closing edges are left out and listed in `rejected`). */
export interface Inheritance {
  /** Subclass guid → direct superclass guids, sorted. */
  supers: Map<string, string[]>;
  /** Superclass guid → all (transitive) subclass guids, sorted. */
  descendants: Map<string, string[]>;
  /** Generalisations not turned into sh:node because they would close a cycle. */
  rejected: { guid: string; subGuid: string; superGuid: string }[];
}

/**
 * Superclass edges between known classes, in guid order; an edge that would
 * make a class its own ancestor is rejected, so sh:node chains cannot loop.
 */
export function inheritance(model: GgmModel): Inheritance {
  const supers = new Map<string, string[]>();
  const rejected: Inheritance['rejected'] = [];
  const reaches = (from: string, to: string): boolean => {
    const seen = new Set<string>();
    const stack = [from];
    while (stack.length) {
      const c = stack.pop()!;
      if (c === to) return true;
      if (seen.has(c)) continue;
      seen.add(c);
      stack.push(...(supers.get(c) ?? []));
    }
    return false;
  };
  const gens = [...model.generalisaties].sort((a, b) => cmp(a.guid, b.guid));
  for (const g of gens) {
    if (!model.objecttypen.has(g.subGuid) || !model.objecttypen.has(g.superGuid)) continue;
    if (g.subGuid === g.superGuid || reaches(g.superGuid, g.subGuid)) {
      rejected.push({ guid: g.guid, subGuid: g.subGuid, superGuid: g.superGuid });
      continue;
    }
    const l = supers.get(g.subGuid) ?? [];
    if (!l.includes(g.superGuid)) l.push(g.superGuid);
    supers.set(g.subGuid, l);
  }
  for (const l of supers.values()) l.sort(cmp);

  const subs = new Map<string, string[]>();
  for (const [sub, sups] of supers) for (const s of sups) subs.set(s, [...(subs.get(s) ?? []), sub]);
  const descendants = new Map<string, string[]>();
  for (const root of subs.keys()) {
    const out = new Set<string>();
    const stack = [...subs.get(root)!];
    while (stack.length) {
      const c = stack.pop()!;
      if (out.has(c)) continue;
      out.add(c);
      stack.push(...(subs.get(c) ?? []));
    }
    descendants.set(root, [...out].sort(cmp));
  }
  return { supers, descendants, rejected };
}

function attribuutShape(ot: Objecttype, a: Attribuutsoort, model: GgmModel, iris: GgmIris, h: Inheritance): Statement[] {
  const minCount = a.verplicht && !a.mogelijkGeenWaarde ? 1 : 0;
  const st: Statement[] = [
    [RDF_TYPE, iri(`${SH}PropertyShape`)],
    [`${SH}path`, iri(iris.attribuut(a.guid))],
    [`${SH}name`, nl(a.name)],
    [`${NS.dcterms}identifier`, lit(a.guid)],
    [`${SH}maxCount`, lit(1)],
  ];
  if (a.definitie) st.push([`${SH}description`, nl(a.definitie)]);
  if (minCount > 0) st.push([`${SH}minCount`, lit(minCount)]);
  const v = valueConstraints(a.type, model, iris, h);
  st.push(...v.statements);

  // Literal constraints: length, digits, patterns, ranges.
  const t = a.type;
  const literalTyped = t.kind === 'primitive';
  const extra: string[] = [];
  if (literalTyped) {
    const max = maxLengthOf(a);
    if (max !== undefined) {
      st.push([`${SH}maxLength`, lit(max)]);
      extra.push(`met hoogstens ${max} tekens`);
    }
    const patterns: string[] = [];
    if (t.kind === 'primitive') {
      const digits = digitsPattern(t);
      if (digits) patterns.push(digits);
      if (t.pattern) patterns.push(t.pattern);
    }
    if (a.formeelPatroon && isRegex(a.formeelPatroon)) patterns.push(a.formeelPatroon);
    if (patterns.length === 1) st.push([`${SH}pattern`, lit(patterns[0]!)]);
    else if (patterns.length > 1) st.push([`${SH}and`, list(...patterns.map((p) => blank([`${SH}pattern`, lit(p)])))]);
    if (patterns.length) extra.push(`volgens patroon ${patterns.join(' en ')}`);
    const numericType = t.kind === 'primitive' && (t.xsd === XSD_INTEGER || t.xsd === XSD_DECIMAL) ? t.xsd : undefined;
    const ranges: Array<[string, string | undefined, string]> = [
      ['minInclusive', a.minimumInclusief, '≥'],
      ['maxInclusive', a.maximumInclusief, '≤'],
      ['minExclusive', a.minimumExclusief, '>'],
      ['maxExclusive', a.maximumExclusief, '<'],
    ];
    for (const [p, value, symbol] of ranges) {
      const n = value?.trim();
      if (n === undefined || !/^[+-]?\d+(\.\d+)?$/.test(n)) continue;
      const dt = n.includes('.') ? XSD_DECIMAL : (numericType ?? XSD_DECIMAL);
      st.push([`${SH}${p}`, lit(n, dt)]);
      extra.push(`${symbol} ${n}`);
    }
  }
  const owner = ot.name;
  st.push([
    `${SH}message`,
    nl(
      `${owner}.${a.name}: verwacht ${cardinality(minCount, 1)}${v.description ? ` ${v.description}` : ''}${extra.length ? ` ${extra.join(', ')}` : ''}`,
    ),
  ]);
  return st;
}

function relatieShape(r: Relatiesoort, model: GgmModel, iris: GgmIris, h: Inheritance): Statement[] {
  const { min, max } = r.doel.multiplicity;
  const local = iris.names.relatie.get(r.guid)!;
  // The doel role names the property; a generic relation name ("is", "heeft") says less than the property's local name.
  const name = r.doel.role?.trim() || (isGenericRelationName(r.name) ? local.slice(local.indexOf('.') + 1) : r.name);
  const st: Statement[] = [
    [RDF_TYPE, iri(`${SH}PropertyShape`)],
    [`${SH}path`, iri(iris.relatie(r.guid))],
    [`${SH}name`, nl(name)],
    [`${NS.dcterms}identifier`, lit(r.guid)],
  ];
  if (r.definitie) st.push([`${SH}description`, nl(r.definitie)]);
  if (min > 0) st.push([`${SH}minCount`, lit(min)]);
  if (max !== undefined) st.push([`${SH}maxCount`, lit(max)]);
  const v = valueConstraints({ kind: 'objecttype', guid: r.doel.classGuid }, model, iris, h);
  st.push(...v.statements);
  const owner = model.objecttypen.get(r.bron.classGuid)?.name ?? r.bron.classGuid;
  st.push([`${SH}message`, nl(`${owner}.${name}: verwacht ${cardinality(min, max)} ${v.description}`)]);
  return st;
}

/** sh:datatype / sh:or / sh:class / sh:in for a resolved type, with a Dutch description for messages. */
function valueConstraints(
  t: ResolvedType,
  model: GgmModel,
  iris: GgmIris,
  h: Inheritance,
): { statements: Statement[]; description: string } {
  switch (t.kind) {
    case 'primitive':
      if (t.union && t.union.length > 1) {
        return {
          statements: [[`${SH}or`, list(...t.union.map((d) => blank([`${SH}datatype`, iri(d)])))]],
          description: `van type ${t.union.map(curie).join(' of ')}`,
        };
      }
      return { statements: [[`${SH}datatype`, iri(t.xsd)]], description: `van type ${curie(t.xsd)}` };
    case 'geometry': {
      // A geo:Geometry node typed with its Simple Features class (model/geometry.ts); its WKT is checked by the geo shapes.
      const sf = sfClassesFor(t.geometry);
      const description = `(een geo:Geometry${sf.length ? ` van type ${sf.map((x) => `sf:${x}`).join(' of ')}` : ''})`;
      if (sf.length === 0) return { statements: [[`${SH}class`, iri(`${NS.geo}Geometry`)]], description };
      if (sf.length === 1) return { statements: [[`${SH}class`, iri(`${NS.sf}${sf[0]}`)]], description };
      return { statements: [[`${SH}or`, list(...sf.map((x) => blank([`${SH}class`, iri(`${NS.sf}${x}`)])))]], description };
    }
    case 'objecttype': {
      const target = model.objecttypen.get(t.guid);
      if (!target) return { statements: [], description: '' };
      const subs = h.descendants.get(t.guid) ?? [];
      if (subs.length === 0)
        return { statements: [[`${SH}class`, iri(iris.objecttype(t.guid))]], description: `van klasse ${target.name}` };
      const classes = [t.guid, ...subs].map((g) => blank([`${SH}class`, iri(iris.objecttype(g))]));
      return { statements: [[`${SH}or`, list(...classes)]], description: `van klasse ${target.name} (of een subtype)` };
    }
    case 'enumeratie': {
      const e = model.enumeraties.get(t.guid);
      if (!e) return { statements: [], description: '' };
      const waarden = [...e.waarden].sort((a, b) => a.position - b.position);
      if (waarden.length === 0) {
        // An empty code list in the source: only require a concept IRI (the quality report lists empty enumerations).
        return { statements: [[`${SH}nodeKind`, iri(`${SH}IRI`)]], description: `uit codelijst ${e.name}` };
      }
      return {
        statements: [[`${SH}in`, list(...waarden.map((w) => iri(iris.waarde(e.guid, w.guid))))]],
        description: `uit codelijst ${e.name}`,
      };
    }
    case 'unresolved':
      return { statements: [], description: '' };
  }
}

function cardinality(min: number, max: number | undefined): string {
  const w = (n: number) => (n === 1 ? 'waarde' : 'waarden');
  if (max === undefined) return min === 0 ? 'nul of meer waarden' : `minstens ${min} ${w(min)}`;
  if (min === max) return `precies ${min} ${w(min)}`;
  if (min === 0) return `hoogstens ${max} ${w(max)}`;
  return `${min} tot ${max} waarden`;
}

function curie(i: string): string {
  if (i.startsWith(NS.xsd)) return `xsd:${i.slice(NS.xsd.length)}`;
  if (i.startsWith(NS.geo)) return `geo:${i.slice(NS.geo.length)}`;
  return i;
}

function isRegex(p: string): boolean {
  try {
    new RegExp(p, 'u');
    return true;
  } catch {
    return false;
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
