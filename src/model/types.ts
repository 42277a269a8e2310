/**
 * The typed GGM model: source-independent (no Excel, no XMI, no RDF here).
 * Names follow MIM 1.2: objecttype, attribuutsoort, relatiesoort, enumeratie,
 * generalisatie, domein. Every element keeps its Enterprise Architect GUID.
 */

/** MIM metadata shared by most model elements (only present values are set). */
export interface MimMetadata {
  herkomst?: string;
  herkomstDefinitie?: string;
  datumOpname?: string;
  authentiek?: string;
  indicatieFormeleHistorie?: boolean;
  indicatieMaterieleHistorie?: boolean;
  indicatieInOnderzoek?: boolean;
  heeftTijdlijnGeldigheid?: boolean;
  heeftTijdlijnRegistratie?: boolean;
  /** mogelijk_geen_waarde of relatiesoorten (attribuutsoorten carry it as Attribuutsoort.mogelijkGeenWaarde). */
  mogelijkGeenWaarde?: boolean;
  populatie?: string;
  kwaliteit?: string;
  begrip?: string;
  bron?: string;
}

export interface ModelElement {
  /** EA GUID as in the source (EAID_… / EAPK_…). */
  guid: string;
  /** Cleaned name (never empty for elements that need one; see quality report). */
  name: string;
  definitie?: string;
  toelichting?: string;
  synoniemen?: string[];
  alias?: string;
  mim: MimMetadata;
  /** Where the element was read: sheet and 1-based row, for error messages. */
  origin: SourceOrigin;
}

export interface SourceOrigin {
  file: string;
  sheet: string;
  row: number;
}

export interface Package extends ModelElement {
  parentGuid?: string;
  stereotype?: string;
  version?: string;
  release?: string;
  /** Names from the root down to this package, inclusive. */
  path: string[];
}

/** A MIM domein: the nearest package with stereotype «Domein». */
export interface Domein {
  guid: string;
  name: string;
  /** Top-level numbered domain (e.g. "6 Sociaal Domein") this domain belongs to. */
  beleidsdomein: string;
  path: string[];
}

export interface Objecttype extends ModelElement {
  kind: 'objecttype' | 'gestructureerd-datatype';
  packageGuid: string;
  /** Guid of the nearest «Domein» package (absent only for elements outside any domain). */
  domeinGuid?: string;
  gemma?: { naam?: string; url?: string; type?: string; definitie?: string };
  attributen: Attribuutsoort[];
}

/** A resolved datatype of an attribuutsoort. */
export type ResolvedType =
  | {
      kind: 'primitive';
      mim: MimPrimitive;
      /** Full XSD datatype IRI. */
      xsd: string;
      /** Set when the value space is a union of datatypes (onvolledige datum: date | gYearMonth | gYear); xsd is then the first. */
      union?: string[];
      maxLength?: number;
      totalDigits?: number;
      fractionDigits?: number;
      pattern?: string;
      /** The spelling was not in the cookbook table; the mapping is a documented guess (quality report). */
      guessed?: string;
    }
  | { kind: 'geometry'; geometry: string; xsd: string; guessed?: string }
  | { kind: 'objecttype'; guid: string }
  | { kind: 'enumeratie'; guid: string }
  | { kind: 'unresolved'; reason: string };

export type MimPrimitive =
  | 'CharacterString'
  | 'Integer'
  | 'Decimal'
  | 'Boolean'
  | 'Date'
  | 'DateTime'
  | 'Time'
  | 'URI'
  | 'Bedrag'
  | 'Email'
  | 'Blob'
  | 'OnvolledigeDatum'
  | 'GUID'
  | 'Year'
  | 'Geometrie';

export interface Attribuutsoort extends ModelElement {
  ownerGuid: string;
  /** The type as spelled in the source (trimmed), e.g. "AN80", "Datum", "Zaak". */
  typeSpelling: string;
  type: ResolvedType;
  stereotype?: string;
  verplicht: boolean;
  mogelijkGeenWaarde: boolean;
  /** Explicit length column (not the AN<n> spelling). */
  lengte?: number;
  patroon?: string;
  formeelPatroon?: string;
  eenheid?: string;
  minimumInclusief?: string;
  maximumInclusief?: string;
  minimumExclusief?: string;
  maximumExclusief?: string;
  indicatieClassificerend?: boolean;
}

export interface Multiplicity {
  min: number;
  /** undefined = unbounded (source `-1` / `*` / `n`). */
  max?: number;
}

export interface RelatieEind {
  classGuid: string;
  role?: string;
  documentation?: string;
  multiplicity: Multiplicity;
  /** The model navigates to this end (an EAID_src/EAID_dst row exists for it). */
  navigable: boolean;
  /** GUID of the attributes-sheet row that exports this navigable end (EAID_src…/EAID_dst…). */
  endGuid?: string;
}

export interface Relatiesoort extends ModelElement {
  /** The name as in the source (possibly empty or generic). */
  sourceName?: string;
  bron: RelatieEind;
  doel: RelatieEind;
  stereotype?: string;
}

export interface Generalisatie {
  guid: string;
  subGuid: string;
  superGuid: string;
  origin: SourceOrigin;
}

export interface Enumeratiewaarde {
  guid: string;
  name: string;
  definitie?: string;
  toelichting?: string;
  alias?: string;
  /** 0-based position within its enumeratie, in source order. */
  position: number;
  origin: SourceOrigin;
}

export interface Enumeratie extends ModelElement {
  packageGuid: string;
  domeinGuid?: string;
  waarden: Enumeratiewaarde[];
}

export interface Diagram {
  guid: string;
  name: string;
  packageGuid?: string;
  classGuids: string[];
  enumerationGuids: string[];
}

/** A decision made while reading/cleaning that lost or guessed information. */
export interface QualityFinding {
  /** m1..m7 for the GGM design rules, or a cleaning/resolution code. */
  rule: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  guid?: string;
  elementName?: string;
  packagePath?: string;
  origin?: SourceOrigin;
}

export interface GgmModel {
  name: string;
  version: string;
  release?: string;
  sourceFile: string;
  packages: Map<string, Package>;
  domeinen: Map<string, Domein>;
  objecttypen: Map<string, Objecttype>;
  enumeraties: Map<string, Enumeratie>;
  relatiesoorten: Relatiesoort[];
  generalisaties: Generalisatie[];
  diagrams: Diagram[];
  findings: QualityFinding[];
}
