/**
 * Model → OWL 2 ontology (Turtle).
 *
 * Property design: one property per owning class (`ggm:zaak.registratiedatum`).
 * Each GGM attribuutsoort and relatiesoort has its own GUID, definition and MIM
 * metadata, so each becomes its own term with exactly one rdfs:domain (its
 * class) and at most one rdfs:range. Sharing properties by name would need
 * unions of domains and would merge different definitions.
 */
import type { Attribuutsoort, GgmModel, Objecttype } from '../model/types.js';
import { NS, type GgmIris } from '../iri/index.js';
import { isGeometryAttribute, sfClassesFor } from '../model/geometry.js';
import { RdfDocument, blank, iri, lit, list, nl, type Statement } from './rdf-document.js';
import type { ReleaseInfo } from './releases.js';
import { declareForOwlDl } from './owl-dl.js';

export const ONTOLOGY_PREFIXES = (iris: GgmIris): Record<string, string> => ({
  ggm: iris.ns.ggm,
  codelijst: iris.ns.codelijst,
  owl: NS.owl,
  rdf: NS.rdf,
  rdfs: NS.rdfs,
  xsd: NS.xsd,
  skos: NS.skos,
  dcterms: NS.dcterms,
  vann: NS.vann,
  prov: NS.prov,
  geo: NS.geo,
  mim: NS.mim,
});

/** MIM 1.2 (Metamodel in Linked Data): a term derived from a model element points to it with mim:equivalent. */
export const MIM_EQUIVALENT = `${NS.mim}equivalent`;

export const LICENCE_IRI = 'https://spdx.org/licenses/EUPL-1.2';
export const GEOSPARQL_ONTOLOGY = 'http://www.opengis.net/ont/geosparql';
export const GGM_REPOSITORY = 'https://github.com/Gemeente-Delft/Gemeentelijk-Gegevensmodel';
/** Gemeente Delft, the GGM's maker, in the TOOI register of government organisations (CBS code 0503). */
export const GEMEENTE_DELFT = 'https://identifier.overheid.nl/tooi/id/gemeente/gm0503';

/** What the ontology header says about its release and its makers. */
export interface OntologyMetadata {
  /** The release being compiled (issued date, source file IRI), from releases/releases.yaml. */
  release?: ReleaseInfo;
  /** The release before it: owl:priorVersion. */
  prior?: ReleaseInfo;
  /** IRI of the organisation that publishes the service (`ggm build --publisher`). */
  publisher: string;
}

export const DEFAULT_METADATA: OntologyMetadata = { publisher: GEMEENTE_DELFT };

/** The code list's name as published: without Enterprise Architect's `enum_` prefix (the source name stays as skos:notation). */
export function codelijstLabel(name: string): string {
  return name.replace(/^enum[_ ]/i, '') || name;
}

export const ATTRIBUTION = 'Bron: Gemeentelijk Gegevensmodel, Gemeente Delft. Afgeleid werk, verspreid onder EUPL-1.2.';

/** Statements every generated term gets: labels, definition, explanation, synonyms, GUID. */
export function describe(el: { name: string; definitie?: string; toelichting?: string; synoniemen?: string[]; guid: string }): Statement[] {
  const st: Statement[] = [
    [`${NS.rdfs}label`, nl(el.name)],
    [`${NS.dcterms}identifier`, lit(el.guid)],
  ];
  if (el.definitie) st.push([`${NS.skos}definition`, nl(el.definitie)]);
  if (el.toelichting) st.push([`${NS.skos}scopeNote`, nl(el.toelichting)]);
  for (const s of el.synoniemen ?? []) st.push([`${NS.skos}altLabel`, nl(s)]);
  return st;
}

export function ontologyHeader(model: GgmModel): string {
  return [`GGM ${model.version} als OWL 2-ontologie — gegenereerd uit ${model.sourceFile}; niet met de hand wijzigen.`, ATTRIBUTION].join(
    '\n',
  );
}

export function generateOntology(model: GgmModel, iris: GgmIris, meta: OntologyMetadata = DEFAULT_METADATA): RdfDocument {
  const doc = new RdfDocument(ONTOLOGY_PREFIXES(iris));
  const onto = iris.ontology();
  const a = `${NS.rdf}type`;
  doc.add(
    onto,
    [a, iri(`${NS.owl}Ontology`)],
    [`${NS.owl}versionIRI`, iri(iris.ontologyVersion())],
    [`${NS.owl}versionInfo`, lit(model.version)],
    [`${NS.dcterms}title`, nl(`Gemeentelijk Gegevensmodel (GGM) ${model.version}`)],
    [
      `${NS.dcterms}description`,
      nl(
        'Het Gemeentelijk Gegevensmodel van Gemeente Delft als OWL 2-ontologie: objecttypen als klassen, attribuutsoorten en relatiesoorten als eigenschappen.',
      ),
    ],
    [`${NS.dcterms}license`, iri(LICENCE_IRI)],
    [`${NS.dcterms}rights`, nl(ATTRIBUTION)],
    [`${NS.dcterms}creator`, iri(GEMEENTE_DELFT)],
    [`${NS.dcterms}publisher`, iri(meta.publisher)],
    [`${NS.dcterms}source`, iri(GGM_REPOSITORY)],
    [`${NS.vann}preferredNamespacePrefix`, lit('ggm')],
    [`${NS.vann}preferredNamespaceUri`, lit(iris.ns.ggm)],
  );
  if (meta.release) {
    doc.add(
      onto,
      [`${NS.dcterms}issued`, lit(meta.release.issued, `${NS.xsd}date`)],
      [`${NS.prov}wasDerivedFrom`, iri(meta.release.derivedFrom)],
    );
  }
  if (meta.prior) doc.add(onto, [`${NS.owl}priorVersion`, iri(`${iris.ontology()}/${meta.prior.version}`)]);
  // The organisations by name, for readers of the document (their IRIs are TOOI's or the publisher's own).
  doc.add(GEMEENTE_DELFT, [`${NS.rdfs}label`, nl('Gemeente Delft')]);

  for (const d of model.domeinen.values()) {
    const parent = model.packages.get(d.guid)?.parentGuid;
    let parentDomein: string | undefined;
    for (let p = parent ? model.packages.get(parent) : undefined; p; p = p.parentGuid ? model.packages.get(p.parentGuid) : undefined) {
      if (model.domeinen.has(p.guid)) {
        parentDomein = iris.domein(model.domeinen.get(p.guid)!);
        break;
      }
    }
    doc.add(
      iris.domein(d),
      [a, iri(`${NS.mim}Domein`)],
      [`${NS.rdfs}label`, nl(d.name)],
      [`${NS.dcterms}identifier`, lit(d.guid)],
      [`${NS.dcterms}isPartOf`, iri(parentDomein ?? onto)],
      [`${NS.rdfs}isDefinedBy`, iri(onto)],
    );
  }

  const supersOf = new Map<string, string[]>();
  for (const g of model.generalisaties) {
    const l = supersOf.get(g.subGuid) ?? [];
    l.push(g.superGuid);
    supersOf.set(g.subGuid, l);
  }

  // GeoSPARQL 1.1 terms the geometry attributes build on (declared, as OWL 2 DL needs every entity it uses).
  if ([...model.objecttypen.values()].some((ot) => ot.attributen.some(isGeometryAttribute))) {
    for (const [term, type] of [
      ['Feature', 'Class'],
      ['Geometry', 'Class'],
      ['hasGeometry', 'ObjectProperty'],
    ] as const)
      doc.add(`${NS.geo}${term}`, [a, iri(`${NS.owl}${type}`)], [`${NS.rdfs}isDefinedBy`, iri(GEOSPARQL_ONTOLOGY)]);
  }

  for (const ot of model.objecttypen.values()) {
    const c = iris.objecttype(ot.guid);
    doc.add(
      c,
      [a, iri(`${NS.owl}Class`)],
      [`${NS.rdfs}isDefinedBy`, iri(onto)],
      [MIM_EQUIVALENT, iri(iris.mimElement(c))],
      ...describe(ot),
    );
    // A class with geometry attributes is a spatial thing: a geo:Feature (its subclasses inherit that).
    if (ot.attributen.some(isGeometryAttribute)) doc.add(c, [`${NS.rdfs}subClassOf`, iri(`${NS.geo}Feature`)]);
    if (ot.domeinGuid) doc.add(c, [`${NS.dcterms}isPartOf`, iri(iris.domein(model.domeinen.get(ot.domeinGuid)!))]);
    for (const sup of supersOf.get(ot.guid) ?? []) doc.add(c, [`${NS.rdfs}subClassOf`, iri(iris.objecttype(sup))]);
    for (const at of ot.attributen) addAttribuutsoort(doc, model, iris, ot, at);
  }

  for (const r of model.relatiesoorten) {
    const p = iris.relatie(r.guid);
    const bron = iris.objecttype(r.bron.classGuid);
    const doel = iris.objecttype(r.doel.classGuid);
    doc.add(
      p,
      [a, iri(`${NS.owl}ObjectProperty`)],
      [`${NS.rdfs}domain`, iri(bron)],
      [`${NS.rdfs}range`, iri(doel)],
      [`${NS.rdfs}isDefinedBy`, iri(onto)],
      [MIM_EQUIVALENT, iri(iris.mimElement(p))],
      ...describe({ ...r, name: r.doel.role ? `${r.doel.role}` : r.name }),
    );
    if (r.doel.role && r.sourceName) doc.add(p, [`${NS.skos}altLabel`, nl(r.sourceName)]);
    const inv = iris.inverseRelatie(r.guid);
    if (inv) {
      doc.add(
        inv,
        [a, iri(`${NS.owl}ObjectProperty`)],
        [`${NS.owl}inverseOf`, iri(p)],
        [`${NS.rdfs}domain`, iri(doel)],
        [`${NS.rdfs}range`, iri(bron)],
        [`${NS.rdfs}label`, nl(r.bron.role ?? `${r.name} (omgekeerd)`)],
        [`${NS.rdfs}isDefinedBy`, iri(onto)],
      );
    }
  }
  return declareForOwlDl(doc, [iris.ns.ggm, iris.ns.codelijst]);
}

function addAttribuutsoort(doc: RdfDocument, model: GgmModel, iris: GgmIris, ot: Objecttype, at: Attribuutsoort) {
  const p = iris.attribuut(at.guid);
  const a = `${NS.rdf}type`;
  doc.add(
    p,
    [`${NS.rdfs}domain`, iri(iris.objecttype(ot.guid))],
    [`${NS.rdfs}isDefinedBy`, iri(iris.ontology())],
    [MIM_EQUIVALENT, iri(iris.mimElement(p))],
    ...describe(at),
  );
  const t = at.type;
  switch (t.kind) {
    case 'primitive':
      doc.add(p, [a, iri(`${NS.owl}DatatypeProperty`)]);
      if (t.union) doc.add(p, [`${NS.rdfs}range`, blank([a, iri(`${NS.rdfs}Datatype`)], [`${NS.owl}unionOf`, list(...t.union.map(iri))])]);
      else doc.add(p, [`${NS.rdfs}range`, iri(t.xsd)]);
      break;
    case 'geometry': {
      // GeoSPARQL 1.1: the attribute points at a geo:Geometry whose geo:asWKT holds the coordinates (see model/geometry.ts).
      const sf = sfClassesFor(t.geometry);
      doc.add(
        p,
        [a, iri(`${NS.owl}ObjectProperty`)],
        [`${NS.rdfs}subPropertyOf`, iri(`${NS.geo}hasGeometry`)],
        [`${NS.rdfs}range`, iri(`${NS.geo}Geometry`)],
        [
          `${NS.rdfs}comment`,
          nl(
            `Geometrie (ISO 19107 ${t.geometry}): een geo:Geometry${sf.length ? ` van type ${sf.map((x) => `sf:${x}`).join(' of ')}` : ''}, met de coördinaten als WKT in geo:asWKT.`,
          ),
        ],
      );
      break;
    }
    case 'objecttype':
      doc.add(p, [a, iri(`${NS.owl}ObjectProperty`)], [`${NS.rdfs}range`, iri(iris.objecttype(t.guid))]);
      break;
    case 'enumeratie':
      // The value is a concept of the code list; the exact set is enforced by SHACL (sh:in).
      doc.add(
        p,
        [a, iri(`${NS.owl}ObjectProperty`)],
        [`${NS.rdfs}range`, iri(`${NS.skos}Concept`)],
        [`${NS.rdfs}seeAlso`, iri(iris.enumeratie(t.guid))],
      );
      break;
    case 'unresolved':
      // Reported in the quality report (ontwerpregel m3); no range is asserted. The importers write its values
      // as plain literals, so it is a datatype property (an rdf:Property alone reads as an annotation in OWL 2 DL).
      doc.add(
        p,
        [a, iri(`${NS.owl}DatatypeProperty`)],
        [
          `${NS.rdfs}comment`,
          nl('Het datatype in de GGM-bron is niet te herleiden (zie het kwaliteitsrapport, ontwerpregel m3); waarden zijn literals.'),
        ],
      );
      break;
  }
  void model;
}

/** Code lists (enumeraties) as SKOS concept schemes. */
export function generateCodelijsten(model: GgmModel, iris: GgmIris): RdfDocument {
  // Labels without EA's `enum_` prefix; the name in the source is kept as skos:notation.
  const doc = new RdfDocument({
    codelijst: iris.ns.codelijst,
    ggm: iris.ns.ggm,
    skos: NS.skos,
    dcterms: NS.dcterms,
    rdfs: NS.rdfs,
    xsd: NS.xsd,
    mim: NS.mim,
  });
  const a = `${NS.rdf}type`;
  for (const e of model.enumeraties.values()) {
    const s = iris.enumeratie(e.guid);
    doc.add(
      s,
      [a, iri(`${NS.skos}ConceptScheme`)],
      [`${NS.skos}prefLabel`, nl(codelijstLabel(e.name))],
      codelijstLabel(e.name) !== e.name ? [`${NS.skos}notation`, lit(e.name)] : undefined,
      [`${NS.rdfs}isDefinedBy`, iri(iris.ontology())],
      [MIM_EQUIVALENT, iri(iris.mimElement(s))],
      ...describe({ ...e, name: codelijstLabel(e.name) }),
    );
    if (e.domeinGuid) doc.add(s, [`${NS.dcterms}isPartOf`, iri(iris.domein(model.domeinen.get(e.domeinGuid)!))]);
    for (const w of e.waarden) {
      const c = iris.waarde(e.guid, w.guid);
      doc.add(s, [`${NS.skos}hasTopConcept`, iri(c)]);
      doc.add(
        c,
        [a, iri(`${NS.skos}Concept`)],
        [`${NS.skos}prefLabel`, nl(w.name)],
        [`${NS.skos}notation`, lit(w.alias ?? w.name)],
        [`${NS.skos}inScheme`, iri(s)],
        [MIM_EQUIVALENT, iri(iris.mimElement(c))],
        [`${NS.skos}topConceptOf`, iri(s)],
        [`${NS.dcterms}identifier`, lit(w.guid)],
        w.definitie ? [`${NS.skos}definition`, nl(w.definitie)] : undefined,
        w.toelichting ? [`${NS.skos}scopeNote`, nl(w.toelichting)] : undefined,
        [`${NS.rdfs}label`, nl(w.name)],
      );
    }
  }
  return declareForOwlDl(doc, [iris.ns.ggm, iris.ns.codelijst]);
}
