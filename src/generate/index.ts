/**
 * Model → every generated artefact, in memory, as (relative path → content).
 * Writing them (atomically) is the CLI's job.
 */
import type { GgmModel, QualityFinding } from '../model/types.js';
import { checkDesignRules, definitionAndTypeFindings, sharedClassNames, sharedDefinitionFindings } from '../model/rules.js';
import { GgmIris, NS, mintNames, updatedRegister, type IriConfig, type IriRegister, type MintedNames } from '../iri/index.js';
import { iri, lit, nl, type RdfDocument } from './rdf-document.js';
import { DEFAULT_METADATA, generateCodelijsten, generateOntology, ontologyHeader, type OntologyMetadata } from './owl.js';
import { generateShapes } from './shacl.js';
import { generateMimGraph, mimShapeGaps } from './mim.js';
import { buildQualityReport, qualityReportMarkdown, type QualityReport } from './quality.js';
import { alignmentArtefacts, type AlignmentInputs } from './alignments.js';
import { crossDomainArtefacts } from './cross-domain.js';
import { generatePersoonsgegevens } from './persoonsgegevens.js';

export { releaseFiles as releaseArtefacts } from './releases.js';

export const ARTEFACTS = {
  ontology: 'ontology/ggm.ttl',
  codelijsten: 'ontology/codelijsten.ttl',
  mim: 'ontology/ggm-mim.ttl',
  persoonsgegevens: 'ontology/persoonsgegevens.ttl',
  shapes: 'shapes/ggm-shapes.ttl',
  qualityMd: 'reports/kwaliteitsrapport.md',
  qualityJson: 'reports/kwaliteitsrapport.json',
  register: 'ontology/iri-register.json',
} as const;

export interface Compilation {
  /** The artefacts (path → content), unless an `emit` callback took them. */
  files: Map<string, string>;
  iris: GgmIris;
  report: QualityReport;
}

export interface CompileInputs {
  /** The IRI register of earlier builds (published IRIs are kept). */
  register?: IriRegister;
  /** Curated alignment tables and the index of known target IRIs; without them no alignments are generated. */
  alignments?: AlignmentInputs;
  /** Release metadata (issued, source IRI, prior version) and the publisher; default: no release information, Gemeente Delft publishes. */
  metadata?: OntologyMetadata;
  /** Earlier releases (newest first): their terms that this release no longer has stay published, deprecated. */
  previous?: ReleaseCompilation[];
}

/** An earlier release, compiled: its ontology and code lists, and the names it minted (for the register). */
export interface ReleaseCompilation {
  version: string;
  ontology: RdfDocument;
  codelijsten: RdfDocument;
  names: MintedNames;
}

/**
 * An earlier release's ontology and code lists, with the IRIs the register gives (so a term has the
 * same IRI in every release). The register is updated with what this release minted.
 */
export function compileRelease(
  model: GgmModel,
  config: IriConfig,
  register: IriRegister | undefined,
  metadata: OntologyMetadata,
): ReleaseCompilation {
  const names = mintNames(model, register);
  const iris = new GgmIris(config, names, model.version);
  return {
    version: model.version,
    ontology: generateOntology(model, iris, metadata),
    codelijsten: generateCodelijsten(model, iris),
    names,
  };
}

/**
 * Terms of earlier releases that this release no longer defines: their last description, marked
 * owl:deprecated with the release that removed them (skos:historyNote, and rdfs:seeAlso the
 * versioned IRI of their last description). Only terms of the GGM namespace; each once, from the
 * newest release that had it.
 */
export function addRemovedTerms(
  target: RdfDocument,
  latest: RdfDocument[],
  version: string,
  previous: ReleaseCompilation[],
  pick: (r: ReleaseCompilation) => RdfDocument,
  ggmNs: string,
): number {
  const present = new Set(latest.flatMap((d) => d.subjects()));
  let added = 0;
  for (const r of previous) {
    const doc = pick(r);
    for (const subject of doc.subjects().sort()) {
      if (!subject.startsWith(ggmNs) || present.has(subject) || target.has(subject)) continue;
      const local = subject.slice(ggmNs.length);
      target.add(
        subject,
        ...doc.statements(subject),
        [`${NS.owl}deprecated`, lit(true)],
        [`${NS.skos}historyNote`, nl(`Verwijderd in GGM ${version}; laatst beschreven in GGM ${r.version}.`)],
        [`${NS.rdfs}seeAlso`, iri(`${ggmNs}${r.version}/${local}`)],
      );
      added++;
    }
  }
  return added;
}

/** What the export itself says about its release date, checked against the release list. */
export function releaseDateFindings(model: GgmModel, metadata: OntologyMetadata): QualityFinding[] {
  const release = metadata.release;
  if (!release)
    return [
      {
        rule: 'source:release-date',
        severity: 'warning',
        message: `release ${model.version} staat niet in releases/releases.yaml: de ontologie krijgt geen dcterms:issued en geen prov:wasDerivedFrom`,
      },
    ];
  const tagged =
    model.release && /^\d{8}$/.test(model.release)
      ? `${model.release.slice(0, 4)}-${model.release.slice(4, 6)}-${model.release.slice(6)}`
      : undefined;
  if (tagged === release.issued) return [];
  return [
    {
      rule: 'source:release-date',
      severity: 'warning',
      message: `het rootpakket noemt als release ${model.release ?? '(niets)'}, maar GGM ${model.version} is uitgebracht op ${release.issued} (git-tag ${release.tag ?? model.version} in de GGM-repository); dcterms:issued is ${release.issued}${tagged === '2025-07-29' ? ' (2025-07-29 is de datum van de tag v2.4.0: het rootpakket is niet bijgewerkt)' : ''}`,
      elementName: model.name,
    },
  ];
}

/**
 * Generate every artefact. With `emit`, each file is handed over as soon as it
 * is made and not kept (the build writes it to a staging file), so the
 * generators' intermediate graphs can be collected one after the other.
 */
export function compile(
  model: GgmModel,
  config: IriConfig,
  inputs: CompileInputs = {},
  onStep: (label: string) => void = () => {},
  emit?: (path: string, content: string) => void,
): Compilation {
  const { register } = inputs;
  onStep('IRIs');
  const names = mintNames(model, register);
  const iris = new GgmIris(config, names, model.version);
  const header = ontologyHeader(model);
  const metadata = inputs.metadata ?? DEFAULT_METADATA;
  const kept = new Map<string, string>();
  const files = { set: (p: string, c: string) => (emit ? emit(p, c) : kept.set(p, c)) };
  onStep('ontology');
  {
    const ontology = generateOntology(model, iris, metadata);
    const codelijsten = generateCodelijsten(model, iris);
    const previous = inputs.previous ?? [];
    const latest = [ontology, codelijsten];
    addRemovedTerms(ontology, latest, model.version, previous, (r) => r.ontology, iris.ns.ggm);
    addRemovedTerms(codelijsten, latest, model.version, previous, (r) => r.codelijsten, iris.ns.ggm);
    files.set(ARTEFACTS.ontology, ontology.toTurtle(header));
    onStep('code lists');
    files.set(ARTEFACTS.codelijsten, codelijsten.toTurtle(`${header}\nCodelijsten (enumeraties) als SKOS.`));
  }
  onStep('shapes');
  files.set(ARTEFACTS.shapes, generateShapes(model, iris).toTurtle(`${header}\nSHACL-shapes.`));
  onStep('personal data');
  files.set(
    ARTEFACTS.persoonsgegevens,
    generatePersoonsgegevens(model, iris).toTurtle(
      `${header}\nPersoonsgegevens: welke klassen en eigenschappen natuurlijke personen betreffen.`,
    ),
  );
  onStep('MIM graph');
  const mimGaps = (() => {
    const mimGraph = generateMimGraph(model, iris);
    files.set(ARTEFACTS.mim, mimGraph.toTurtle(`${header}\nHet model in het MIM 1.2-vocabulaire.`));
    return mimShapeGaps(model, mimGraph);
  })();
  if (inputs.alignments) {
    onStep('alignments');
    for (const [p, c] of alignmentArtefacts(model, iris, inputs.alignments, header).files) files.set(p, c);
  }
  onStep('cross-domain relations');
  for (const [p, c] of crossDomainArtefacts(model, iris)) files.set(p, c);
  onStep('quality report');
  const findings = [
    ...model.findings,
    ...releaseDateFindings(model, metadata),
    ...checkDesignRules(model),
    ...sharedDefinitionFindings(model),
    ...definitionAndTypeFindings(model),
    ...names.decisions.map((d) => ({ rule: 'naming:qualified', severity: 'info' as const, message: d.message, guid: d.guid })),
    ...mimGaps,
  ];
  let attributen = 0;
  for (const ot of model.objecttypen.values()) attributen += ot.attributen.length;
  const counts = {
    objecttypen: [...model.objecttypen.values()].filter((o) => o.kind === 'objecttype').length,
    'gestructureerde datatypen': [...model.objecttypen.values()].filter((o) => o.kind !== 'objecttype').length,
    attribuutsoorten: attributen,
    relatiesoorten: model.relatiesoorten.length,
    'inverse relaties': names.inverseRelatie.size,
    generalisaties: model.generalisaties.length,
    enumeraties: model.enumeraties.size,
    enumeratiewaarden: [...model.enumeraties.values()].reduce((a, e) => a + e.waarden.length, 0),
    domeinen: model.domeinen.size,
  };
  const report = buildQualityReport(model, findings, sharedClassNames(model), counts);
  files.set(ARTEFACTS.qualityJson, `${JSON.stringify(report, null, 1)}\n`);
  files.set(ARTEFACTS.qualityMd, qualityReportMarkdown(report));
  files.set(ARTEFACTS.register, `${JSON.stringify(updatedRegister(model, names, register), null, 1)}\n`);
  return { files: kept, iris, report };
}
