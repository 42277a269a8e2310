/**
 * OWL 2 DL declarations for a generated document.
 *
 * OWL 2 DL (Structural Specification §5.8.1, "typing constraints") needs every
 * class, property and datatype an ontology uses to be declared, and each IRI
 * to be used as one kind of property only. The GGM documents use terms of other
 * vocabularies (SKOS, Dublin Core, VANN, PROV, MIM) without importing them, so
 * each document declares what it uses:
 * - a predicate from another vocabulary → `owl:AnnotationProperty` (SKOS and
 *   Dublin Core describe terms here; they are not part of the logical model);
 * - a class from another vocabulary (object of `rdf:type`, `rdfs:range` of an
 *   object property, `rdfs:domain`, `rdfs:subClassOf`) → `owl:Class`.
 *
 * Not declared: the XSD datatypes outside the OWL 2 datatype map
 * (`xsd:date`, `xsd:gYear`, `xsd:gYearMonth`, `xsd:time`). OWL 2 reserves the
 * XSD namespace, so they can be neither used nor declared in OWL 2 DL; the GGM
 * needs them (datum, onvolledige datum, tijd) and they stay as the documented
 * exception of the OWL 2 DL profile check (see README, "OWL 2 DL").
 */
import { NS } from '../iri/index.js';
import { iri, type Obj, type RdfDocument } from './rdf-document.js';

const BUILT_IN = [NS.rdf, NS.rdfs, NS.owl, NS.xsd];
const isBuiltIn = (i: string) => BUILT_IN.some((ns) => i.startsWith(ns));

const TYPE = `${NS.rdf}type`;
const CLASS_POSITIONS = new Set([`${NS.rdfs}domain`, `${NS.rdfs}subClassOf`]);
const DECLARED_KINDS = new Set(
  ['Class', 'ObjectProperty', 'DatatypeProperty', 'AnnotationProperty', 'Ontology']
    .map((k) => `${NS.owl}${k}`)
    .concat(`${NS.rdfs}Datatype`),
);

/** Declare the other vocabularies' classes and annotation properties the document uses (returns the document). */
export function declareForOwlDl(doc: RdfDocument, ownNamespaces: readonly string[]): RdfDocument {
  const declared = new Set<string>();
  const objectProperties = new Set<string>();
  for (const s of doc.subjects())
    for (const [p, o] of doc.statements(s))
      if (p === TYPE && 'iri' in o && DECLARED_KINDS.has(o.iri)) {
        declared.add(s);
        if (o.iri === `${NS.owl}ObjectProperty`) objectProperties.add(s);
      }
  const own = (i: string) => ownNamespaces.some((ns) => i.startsWith(ns));
  const classes = new Set<string>();
  const annotationProperties = new Set<string>();
  const visit = (subject: string | undefined, statements: readonly [string, Obj][]) => {
    for (const [p, o] of statements) {
      if (!isBuiltIn(p) && !own(p) && !declared.has(p)) annotationProperties.add(p);
      const classPosition = p === TYPE || CLASS_POSITIONS.has(p) || (p === `${NS.rdfs}range` && subject && objectProperties.has(subject));
      if (classPosition && 'iri' in o && !isBuiltIn(o.iri) && !own(o.iri) && !declared.has(o.iri)) classes.add(o.iri);
      if ('blank' in o) visit(undefined, o.blank);
    }
  };
  for (const s of doc.subjects()) visit(s, doc.statements(s));
  for (const c of classes) doc.add(c, [TYPE, iri(`${NS.owl}Class`)]);
  for (const p of annotationProperties) doc.add(p, [TYPE, iri(`${NS.owl}AnnotationProperty`)]);
  return doc;
}
