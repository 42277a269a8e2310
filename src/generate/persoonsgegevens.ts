/**
 * Model → ontology/persoonsgegevens.ttl: which classes and properties of the
 * GGM are personal data (model/personal.ts decides), published so analysts
 * and data stewards see it next to the ontology. Each personal class and
 * property carries `ggm:betreftNatuurlijkPersoon` with the reason in Dutch
 * ("subklasse van NatuurlijkPersoon", "kenmerk van Leerling", "verwijst naar
 * Client"); the service places triples about their instances, and triples
 * pointing at them, in restricted graphs only.
 */
import type { GgmModel } from '../model/types.js';
import { personalData } from '../model/personal.js';
import { NS, type GgmIris } from '../iri/index.js';
import { RdfDocument, iri, lit, nl } from './rdf-document.js';
import { ONTOLOGY_PREFIXES } from './owl.js';

/** Data Privacy Vocabulary: the concept of personal data. */
export const DPV_PERSONAL_DATA = 'https://w3id.org/dpv#PersonalData';

/** The annotation property that marks a personal class or property. */
export const betreftNatuurlijkPersoon = (iris: GgmIris): string => `${iris.ns.ggm}betreftNatuurlijkPersoon`;

export function generatePersoonsgegevens(model: GgmModel, iris: GgmIris): RdfDocument {
  const doc = new RdfDocument({ ...ONTOLOGY_PREFIXES(iris), dpv: 'https://w3id.org/dpv#' });
  const a = `${NS.rdf}type`;
  const { classes, properties } = personalData(model);
  const onto = `${iris.ontology()}/persoonsgegevens`;
  const mark = betreftNatuurlijkPersoon(iris);
  doc.add(
    onto,
    [a, iri(`${NS.owl}Ontology`)],
    [`${NS.dcterms}title`, nl(`Persoonsgegevens in het Gemeentelijk Gegevensmodel ${model.version}`)],
    [
      `${NS.dcterms}description`,
      nl(
        'Welke objecttypen natuurlijke personen beschrijven (NatuurlijkPersoon en alles daaronder, klassen die een persoon bij naam of geboortedatum beschrijven, rollen die één persoon zijn) en welke attribuutsoorten en relatiesoorten hen beschrijven of naar hen verwijzen. Afgeleid uit de generalisaties, relatiesoorten en attribuutsoorten van het model. De dienst plaatst elk triple over een instantie van zo’n klasse, en elk triple dat ernaar verwijst, alleen in afgeschermde grafen.',
      ),
    ],
    [`${NS.rdfs}seeAlso`, iri(DPV_PERSONAL_DATA)],
    [`${NS.rdfs}isDefinedBy`, iri(iris.ontology())],
  );
  doc.add(
    mark,
    [a, iri(`${NS.owl}AnnotationProperty`)],
    [`${NS.rdfs}label`, nl('betreft natuurlijk persoon')],
    [
      `${NS.skos}definition`,
      nl(
        'De klasse beschrijft natuurlijke personen, of de eigenschap beschrijft hen of verwijst naar hen: persoonsgegevens (AVG). De waarde zegt waarom.',
      ),
    ],
    [`${NS.rdfs}seeAlso`, iri(DPV_PERSONAL_DATA)],
    [`${NS.rdfs}isDefinedBy`, iri(onto)],
  );
  for (const [guid, reason] of classes)
    if (model.objecttypen.get(guid)?.kind === 'objecttype') doc.add(iris.objecttype(guid), [mark, nl(reason.text)]);
  const relaties = new Map(model.relatiesoorten.map((r) => [r.guid, r]));
  for (const [guid, reason] of properties) {
    if (relaties.has(guid)) {
      if (!iris.names.relatie.has(guid)) continue;
      doc.add(iris.relatie(guid), [mark, nl(reason.text)]);
      const inverse = iris.inverseRelatie(guid);
      if (inverse) doc.add(inverse, [mark, nl(reason.text)]);
    } else if (iris.names.attribuut.has(guid)) doc.add(iris.attribuut(guid), [mark, nl(reason.text)]);
  }
  doc.add(onto, [
    `${NS.dcterms}extent`,
    lit(
      `${[...classes.keys()].filter((g) => model.objecttypen.get(g)?.kind === 'objecttype').length} klassen, ${properties.size} eigenschappen`,
    ),
  ]);
  return doc;
}
