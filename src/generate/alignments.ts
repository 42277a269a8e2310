/**
 * Alignments of GGM objecttypen to national and EU vocabularies, as SSSOM
 * mapping sets (alignments/*.sssom.tsv), as RDF on the GGM terms
 * (ontology/alignments.ttl) and as a coverage report.
 *
 * Sources of mappings, in this order:
 * - GEMMA: the release's own gemma_url column. The GGM team linked each class
 *   to the GEMMA business object of (nearly always) the same name; these rows
 *   say so (author the GGM team, mapping_provider the GGM release). Only the
 *   predicate is decided here, from the definitions: skos:exactMatch when the
 *   GGM definition equals the gemma_definitie (normalised: whitespace,
 *   encoding damage), skos:closeMatch otherwise (different wording, or no
 *   GEMMA definition to compare).
 * - Provenance: a class named after a BAG 2.0 objecttype is the BAG object
 *   when the model places it in its BAG domain (skos:exactMatch: the
 *   definitions are the Catalogus BAG 2018 texts), and RSGB's view of it when
 *   its attribuutsoorten have herkomst BAG (skos:closeMatch: RSGB adds KING
 *   and GFO attributes and rewords the definition).
 * - Curated tables alignments/curated/*.tsv (reviewed, one row per mapping).
 * No GGM-to-GGM mappings: classes of one name and one definition in several
 * domains are often a definition copied in the source (all three Categorie
 * classes carry the Inkoop one), so they are reported in the quality report
 * (source:shared-definition), not declared identical.
 * Every target must exist (known-targets.ts); every curated row is validated;
 * no two GGM classes may share an exactMatch target (exactMatch is
 * transitive: they would be declared identical).
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { GgmModel, Objecttype } from '../model/types.js';
import { NS, type GgmIris } from '../iri/index.js';
import { upperCamel } from '../iri/names.js';
import { RdfDocument, iri, lit, nl } from './rdf-document.js';
import { ATTRIBUTION, GGM_REPOSITORY, LICENCE_IRI } from './owl.js';
import { compareDomainNames, normaliseDefinition } from './cross-domain.js';
import { TARGET_PREFIXES, expandCurie, loadTargetIndex, targetPrefixOf, type TargetIndex } from './known-targets.js';
import { writeSssom, type SssomRow } from './sssom.js';

/** Predicates an alignment may use: SKOS mapping relations and the two OWL class axioms. */
export const MAPPING_PREDICATES: Record<string, string> = {
  'skos:exactMatch': `${NS.skos}exactMatch`,
  'skos:closeMatch': `${NS.skos}closeMatch`,
  'skos:broadMatch': `${NS.skos}broadMatch`,
  'skos:narrowMatch': `${NS.skos}narrowMatch`,
  'skos:relatedMatch': `${NS.skos}relatedMatch`,
  'owl:equivalentClass': `${NS.owl}equivalentClass`,
  'rdfs:subClassOf': `${NS.rdfs}subClassOf`,
};

export const SEMAPV = 'https://w3id.org/semapv/vocab/';
export const CURATED_DIR = 'alignments/curated';
export const ALIGNMENTS_TTL = 'ontology/alignments.ttl';
export const COVERAGE_MD = 'reports/alignments-coverage.md';

/** The BAG 2.0 objecttypen (local names in the BAG 2.0 vocabulary). */
const BAG_OBJECTTYPEN = ['Pand', 'Verblijfsobject', 'Nummeraanduiding', 'OpenbareRuimte', 'Woonplaats', 'Ligplaats', 'Standplaats'];

/** Mapping sets (files) and which target prefixes go into each. */
export const MAPPING_SETS = [
  { file: 'alignments/ggm-gemma.sssom.tsv', title: 'GGM ↔ GEMMA bedrijfsobjecten', prefixes: ['gemma', 'gemma2'] },
  {
    file: 'alignments/ggm-nl.sssom.tsv',
    title: 'GGM ↔ nationale vocabulaires (BAG 2.0, BRK, TOOI, NEN 3610, MIM)',
    prefixes: ['bag', 'brk', 'tooiont', 'nen3610', 'mim'],
  },
  {
    file: 'alignments/ggm-eu-w3c.sssom.tsv',
    title: 'GGM ↔ EU-kernvocabulaires en W3C/community-vocabulaires',
    prefixes: ['person', 'legal', 'locn', 'm8g', 'org', 'prov', 'foaf', 'schema', 'geo', 'time', 'dcat', 'vcard'],
  },
] as const;

/** Who made a mapping: the author IRIs (under the alignments graph) are described in ontology/alignments.ttl. */
export const AUTHORS: Record<string, { label: string; homepage?: string }> = {
  'ggm-team': { label: 'GGM-team van Gemeente Delft (kolom gemma_url van de GGM-release)', homepage: GGM_REPOSITORY },
  'ggm-ld-project': { label: 'GGM linked data (deze publicatie): regels en gecureerde tabellen van dit project' },
};

export interface CuratedRow {
  file: string;
  row: number;
  subject: string;
  predicate: string;
  object: string;
  justification: string;
  author: string;
  confidence: string;
}

export interface AlignmentInputs {
  curated: CuratedRow[];
  targets: TargetIndex;
}

export interface Mapping {
  subjectGuid: string;
  subject: string;
  subjectLabel: string;
  /** CURIE, one of MAPPING_PREDICATES. */
  predicate: string;
  object: string;
  objectLabel: string;
  justification: 'semapv:ManualMappingCuration' | 'semapv:LexicalMatching';
  author: string;
  confidence: number;
  comment: string;
  /** SSSOM mapping_provider: where the mapping itself comes from, when not from this project. */
  provider?: string;
  origin: 'gemma' | 'provenance' | 'curated';
}

export interface Alignments {
  mappings: Mapping[];
  rdf: RdfDocument;
  /** Path → SSSOM TSV. */
  sssom: Map<string, string>;
  coverageMd: string;
}

const CURATED_COLUMNS = ['subject', 'predicate', 'object', 'justification', 'author', 'confidence'];
const PROJECT_AUTHOR = 'ggm-ld-project';

/** Parse one curated table; structural errors name the file and row. */
export function parseCuratedTable(text: string, file: string): CuratedRow[] {
  const out: CuratedRow[] = [];
  let header: string[] | undefined;
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '' || line.startsWith('#')) return;
    const cells = line.split('\t').map((c) => c.trim());
    if (!header) {
      header = cells;
      if (CURATED_COLUMNS.some((c, j) => header![j] !== c))
        throw new Error(`${file}:${i + 1}: header must be ${CURATED_COLUMNS.join(' TAB ')}, found ${cells.join(' TAB ')}`);
      return;
    }
    if (cells.length !== CURATED_COLUMNS.length)
      throw new Error(`${file}:${i + 1}: ${cells.length} cells, expected ${CURATED_COLUMNS.length} (${CURATED_COLUMNS.join(', ')})`);
    const [subject, predicate, object, justification, author, confidence] = cells;
    out.push({ file, row: i + 1, subject, predicate, object, justification, author, confidence });
  });
  if (!header) throw new Error(`${file}: no header row`);
  return out;
}

/** Every alignments/curated/*.tsv under the project root, in file-name order. */
export async function readCuratedTables(projectRoot: string): Promise<CuratedRow[]> {
  const dir = path.join(projectRoot, CURATED_DIR);
  const names = (await readdir(dir)).filter((n) => n.endsWith('.tsv')).sort();
  const rows: CuratedRow[] = [];
  for (const n of names) rows.push(...parseCuratedTable(await readFile(path.join(dir, n), 'utf8'), `${CURATED_DIR}/${n}`));
  return rows;
}

export async function loadAlignmentInputs(opts: { projectRoot: string; sharedDir: string; model: GgmModel }): Promise<AlignmentInputs> {
  return { curated: await readCuratedTables(opts.projectRoot), targets: await loadTargetIndex(opts) };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function generateAlignments(model: GgmModel, iris: GgmIris, inputs: AlignmentInputs): Alignments {
  const { targets } = inputs;
  const classIri = (ot: Objecttype) => iris.objecttype(ot.guid);
  const mappings: Mapping[] = [];
  const domeinName = (ot: Objecttype) => (ot.domeinGuid ? model.domeinen.get(ot.domeinGuid)?.name : undefined);
  const requireTarget = (target: string, where: string) => {
    if (!targets.has(target))
      throw new Error(
        `${where}: unknown alignment target ${target} (not in shared/vocab, the @vocabulary packages, alignments/known-targets.tsv or the release's gemma_url column)`,
      );
  };

  // GEMMA, from the release.
  for (const ot of model.objecttypen.values()) {
    const url = ot.gemma?.url?.trim();
    if (!url) continue;
    requireTarget(url, `${ot.origin.file} ${ot.origin.sheet} row ${ot.origin.row} (${ot.name})`);
    const ggmDef = normaliseDefinition(ot.definitie);
    const gemmaDef = normaliseDefinition(ot.gemma?.definitie);
    const same = ggmDef !== '' && ggmDef === gemmaDef;
    const source = `Link by the GGM team: column gemma_url of ${path.basename(model.sourceFile)}, classes sheet row ${ot.origin.row}, not curated here`;
    const why = same
      ? `${source}; predicate exactMatch because the GGM definition equals the release's gemma_definitie`
      : gemmaDef === ''
        ? `${source}; predicate closeMatch: the release has no GEMMA definition to compare`
        : ggmDef === ''
          ? `${source}; predicate closeMatch: the GGM class has no definition to compare`
          : `${source}; predicate closeMatch: the GGM and GEMMA definitions differ in wording`;
    const nameNote = ot.gemma?.naam && ot.gemma.naam !== ot.name ? ` (GEMMA name "${ot.gemma.naam}")` : '';
    mappings.push({
      subjectGuid: ot.guid,
      subject: classIri(ot),
      subjectLabel: ot.name,
      predicate: same ? 'skos:exactMatch' : 'skos:closeMatch',
      object: url,
      objectLabel: ot.gemma?.naam ?? '',
      justification: 'semapv:ManualMappingCuration',
      author: 'ggm-team',
      confidence: same ? 0.95 : 0.8,
      comment: `${why}${nameNote}`,
      provider: GGM_REPOSITORY,
      origin: 'gemma',
    });
  }

  // BAG 2.0, from the model's own provenance (domain BAG, herkomst BAG).
  for (const ot of model.objecttypen.values()) {
    if (ot.kind !== 'objecttype') continue;
    const base = upperCamel(ot.name);
    if (!BAG_OBJECTTYPEN.includes(base)) continue;
    const inBagDomain = domeinName(ot) === 'BAG';
    const bagAttributes = ot.attributen.filter((a) => a.mim.herkomst?.trim() === 'BAG').length;
    if (!inBagDomain && bagAttributes === 0) continue;
    const target = `${TARGET_PREFIXES.bag.ns}${base}`;
    requireTarget(target, `${ot.origin.file} ${ot.origin.sheet} row ${ot.origin.row} (${ot.name})`);
    mappings.push({
      subjectGuid: ot.guid,
      subject: classIri(ot),
      subjectLabel: ot.name,
      predicate: inBagDomain ? 'skos:exactMatch' : 'skos:closeMatch',
      object: target,
      objectLabel: targets.label(target) ?? base,
      justification: 'semapv:LexicalMatching',
      author: PROJECT_AUTHOR,
      confidence: inBagDomain ? 0.95 : 0.85,
      comment: inBagDomain
        ? `BAG objecttype ${base} in the GGM domain BAG, defined with the Catalogus BAG 2018 text`
        : `RSGB view of BAG objecttype ${base}: ${bagAttributes} of ${ot.attributen.length} attribuutsoorten have herkomst BAG, the others come from KING/GFO; definition reworded`,
      origin: 'provenance',
    });
  }

  // Curated tables.
  const byLocal = new Map<string, Objecttype>();
  for (const ot of model.objecttypen.values()) byLocal.set(iris.objecttypeLocal(ot.guid), ot);
  for (const r of inputs.curated) {
    const where = `${r.file}:${r.row}`;
    const ot = byLocal.get(r.subject) ?? model.objecttypen.get(r.subject);
    if (!ot) throw new Error(`${where}: unknown GGM subject "${r.subject}" (no objecttype with this local name or GUID)`);
    if (!(r.predicate in MAPPING_PREDICATES))
      throw new Error(`${where}: predicate "${r.predicate}" is not one of ${Object.keys(MAPPING_PREDICATES).join(', ')}`);
    const prefix = /^([A-Za-z][\w.-]*):/.exec(r.object)?.[1];
    if (!prefix) throw new Error(`${where}: object "${r.object}" is not a CURIE (prefix:local)`);
    const target = expandCurie(r.object);
    if (!target)
      throw new Error(`${where}: unknown prefix "${prefix}" in object ${r.object} (known: ${Object.keys(TARGET_PREFIXES).join(', ')})`);
    requireTarget(target, where);
    if (!r.justification) throw new Error(`${where}: no justification`);
    if (!/^[A-Za-z0-9][\w.-]*$/.test(r.author))
      throw new Error(`${where}: author "${r.author}" must be a name without spaces (it becomes a CURIE)`);
    const confidence = Number(r.confidence);
    if (r.confidence === '' || !Number.isFinite(confidence) || confidence < 0 || confidence > 1)
      throw new Error(`${where}: confidence "${r.confidence}" is not a number between 0 and 1`);
    mappings.push({
      subjectGuid: ot.guid,
      subject: classIri(ot),
      subjectLabel: ot.name,
      predicate: r.predicate,
      object: target,
      objectLabel: targets.label(target) ?? '',
      justification: 'semapv:ManualMappingCuration',
      author: r.author,
      confidence,
      comment: `${r.justification} [${where}]`,
      origin: 'curated',
    });
  }

  // One statement per (subject, predicate, object); one predicate per (subject, object).
  const seen = new Map<string, Mapping>();
  for (const m of mappings) {
    const k = `${m.subject} ${m.object}`;
    const prev = seen.get(k);
    if (prev) {
      const place = (x: Mapping) => (x.origin === 'curated' ? x.comment.replace(/.*\[(.*)\]$/, '$1') : `${x.origin} rule`);
      throw new Error(`${place(m)}: ${m.subjectLabel} → ${m.object} is already mapped (${prev.predicate}) by ${place(prev)}`);
    }
    seen.set(k, m);
  }
  // exactMatch is transitive: two GGM classes with one exactMatch target would be declared identical.
  const exactBy = new Map<string, Mapping>();
  for (const m of mappings) {
    if (m.predicate !== 'skos:exactMatch') continue;
    const prev = exactBy.get(m.object);
    if (prev) {
      const place = (x: Mapping) => (x.origin === 'curated' ? x.comment.replace(/.*\[(.*)\]$/, '$1') : `${x.origin} rule`);
      throw new Error(
        `${place(m)}: ${m.subjectLabel} and ${prev.subjectLabel} (${place(prev)}) are both skos:exactMatch ${m.object}, which would make them one concept; use closeMatch for one`,
      );
    }
    exactBy.set(m.object, m);
  }
  mappings.sort((a, b) => cmp(a.subject, b.subject) || cmp(a.predicate, b.predicate) || cmp(a.object, b.object));

  return {
    mappings,
    rdf: alignmentsRdf(model, iris, mappings),
    sssom: sssomFiles(model, iris, mappings, targets),
    coverageMd: coverageMarkdown(model, iris, mappings),
  };
}

/** The GGM release date (YYYYMMDD in the model) as an ISO date, when known. */
export function releaseDate(model: GgmModel): string | undefined {
  return model.release && /^\d{8}$/.test(model.release)
    ? `${model.release.slice(0, 4)}-${model.release.slice(4, 6)}-${model.release.slice(6)}`
    : undefined;
}

function curieMapFor(iris: GgmIris): Record<string, string> {
  const m: Record<string, string> = {
    ggm: iris.ns.ggm,
    skos: NS.skos,
    owl: NS.owl,
    rdfs: NS.rdfs,
    semapv: SEMAPV,
    auteur: `${iris.ns.alignmentsGraph}/auteur/`,
  };
  for (const [p, { ns }] of Object.entries(TARGET_PREFIXES)) m[p] = ns;
  return m;
}

function toCurie(iriValue: string, map: Record<string, string>, used: Set<string>): string {
  let best: [string, string] | undefined;
  for (const [p, ns] of Object.entries(map)) if (iriValue.startsWith(ns) && (!best || ns.length > best[1].length)) best = [p, ns];
  if (!best) throw new Error(`no prefix for ${iriValue}`);
  used.add(best[0]);
  return `${best[0]}:${iriValue.slice(best[1].length)}`;
}

/** The IRI of a mapping set (the service serves the TSV there). */
export function mappingSetId(iris: GgmIris, file: string): string {
  return `${iris.ns.alignmentsGraph}/${path.basename(file)}`;
}

/** SSSOM entity type of a target: from its rdf:type in the vocabulary file, else what its vocabulary publishes. */
function objectType(target: string, targets: TargetIndex): string {
  const types = targets.get(target)?.types ?? new Set<string>();
  if (types.has(`${NS.owl}Class`)) return 'owl class';
  if (types.has(`${NS.rdfs}Class`)) return 'rdfs class';
  if (types.has(`${NS.skos}Concept`)) return 'skos concept';
  const p = targetPrefixOf(target);
  // BAG 2.0, BRK and TOOI publish their objecttypen as OWL classes; a GEMMA business object is a wiki page.
  if (p === 'bag' || p === 'brk' || p === 'tooiont') return 'owl class';
  return 'rdfs resource';
}

function sssomFiles(model: GgmModel, iris: GgmIris, mappings: Mapping[], targets: TargetIndex): Map<string, string> {
  const all = curieMapFor(iris);
  const files = new Map<string, string>();
  for (const set of MAPPING_SETS) {
    const prefixes = new Set<string>(set.prefixes);
    const inSet = mappings.filter((m) => prefixes.has(targetPrefixOf(m.object) ?? ''));
    const used = new Set<string>();
    const rows: SssomRow[] = inSet.map((m) => ({
      subject_id: toCurie(m.subject, all, used),
      subject_label: m.subjectLabel,
      predicate_id: (used.add(m.predicate.split(':')[0]), m.predicate),
      object_id: toCurie(m.object, all, used),
      object_label: m.objectLabel,
      object_type: objectType(m.object, targets),
      object_source: TARGET_PREFIXES[targetPrefixOf(m.object)!].ns.replace(/#$/, ''),
      mapping_justification: (used.add('semapv'), m.justification),
      author_id: toCurie(`${all.auteur}${m.author}`, all, used),
      mapping_provider: m.provider ?? '',
      confidence: String(m.confidence),
      comment: m.comment,
    }));
    const curie_map = Object.fromEntries([...used].sort().map((p) => [p, all[p]]));
    const date = releaseDate(model);
    files.set(
      set.file,
      writeSssom({
        metadata: {
          curie_map,
          sssom_version: '1.0',
          subject_type: 'owl class',
          subject_source: iris.ontologyVersion(),
          mapping_set_id: mappingSetId(iris, set.file),
          mapping_set_title: set.title,
          mapping_set_description: `Alignments of GGM ${model.version} objecttypen, generated from ${path.basename(model.sourceFile)} and alignments/curated/*.tsv. ${ATTRIBUTION}`,
          mapping_set_version: model.version,
          license: LICENCE_IRI,
          ...(date ? { mapping_date: date } : {}),
          mapping_tool: 'ggm-linked-data src/generate/alignments.ts',
        },
        rows,
      }),
    );
  }
  return files;
}

function alignmentsRdf(model: GgmModel, iris: GgmIris, mappings: Mapping[]): RdfDocument {
  const prefixes: Record<string, string> = {
    ggm: iris.ns.ggm,
    owl: NS.owl,
    rdf: NS.rdf,
    rdfs: NS.rdfs,
    skos: NS.skos,
    dcterms: NS.dcterms,
    xsd: NS.xsd,
    foaf: NS.foaf,
  };
  for (const m of mappings) {
    const p = targetPrefixOf(m.object);
    if (p) prefixes[p] = TARGET_PREFIXES[p].ns;
  }
  const doc = new RdfDocument(Object.fromEntries(Object.entries(prefixes).sort((a, b) => cmp(a[0], b[0]))));
  const graph = iris.ns.alignmentsGraph;
  doc.add(
    graph,
    [`${NS.rdf}type`, iri(`${NS.owl}Ontology`)],
    [`${NS.dcterms}title`, nl(`Alignments van het GGM ${model.version}`)],
    [
      `${NS.dcterms}description`,
      nl(
        "Overeenkomsten (SKOS) en klasse-axioma's (OWL) tussen GGM-objecttypen en GEMMA, BAG 2.0, BRK, TOOI, NEN 3610, MIM, de EU-kernvocabulaires en W3C-vocabulaires; ook als SSSOM in alignments/.",
      ),
    ],
    [`${NS.dcterms}license`, iri(LICENCE_IRI)],
    [`${NS.dcterms}source`, iri(iris.ontology())],
    [`${NS.owl}versionInfo`, lit(model.version)],
  );
  for (const m of mappings) doc.add(m.subject, [MAPPING_PREDICATES[m.predicate], iri(m.object)]);
  for (const author of [...new Set(mappings.map((m) => m.author))].sort()) {
    const a = AUTHORS[author];
    doc.add(
      `${graph}/auteur/${author}`,
      [`${NS.rdf}type`, iri(`${NS.foaf}Agent`)],
      [`${NS.rdfs}label`, nl(a?.label ?? author)],
      a?.homepage ? [`${NS.foaf}homepage`, iri(a.homepage)] : undefined,
    );
  }
  return doc;
}

const md = (s: string) => s.replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim();
const pct = (n: number, d: number) => (d === 0 ? '—' : `${((100 * n) / d).toFixed(1)} %`);

function coverageMarkdown(model: GgmModel, iris: GgmIris, mappings: Mapping[]): string {
  const external = mappings;
  const vocabOf = (m: Mapping) => TARGET_PREFIXES[targetPrefixOf(m.object)!].vocabulary;
  const vocabularies = [...new Set(Object.values(TARGET_PREFIXES).map((p) => p.vocabulary))];
  const predicates = Object.keys(MAPPING_PREDICATES);
  const classes = [...model.objecttypen.values()].filter((o) => o.kind === 'objecttype');
  const bySubject = new Map<string, Mapping[]>();
  for (const m of external) bySubject.set(m.subjectGuid, [...(bySubject.get(m.subjectGuid) ?? []), m]);
  const aligned = classes.filter((c) => bySubject.has(c.guid));
  const nonGemma = classes.filter((c) => (bySubject.get(c.guid) ?? []).some((m) => vocabOf(m) !== 'GEMMA'));

  const out: string[] = [];
  out.push(
    `# Dekking van de alignments — GGM ${model.version}`,
    '',
    'Gegenereerd; niet met de hand wijzigen. Bronnen: gemma_url in de release, herkomst/domein BAG, alignments/curated/*.tsv.',
    '',
  );
  out.push(`- objecttypen: ${classes.length}`);
  out.push(`- met ten minste één externe alignment: ${aligned.length} (${pct(aligned.length, classes.length)})`);
  out.push(`- met een alignment buiten GEMMA: ${nonGemma.length} (${pct(nonGemma.length, classes.length)})`);
  out.push(
    `- mappings: ${external.length}, waarvan ${external.filter((m) => m.origin === 'gemma').length} naar GEMMA uit de kolom gemma_url van de release (gelegd door het GGM-team; hier alleen exact/close bepaald)`,
  );
  out.push(
    '- geen GGM ↔ GGM-mappings: een gelijke definitie bij twee objecttypen is geen bewijs van één begrip en staat als bronfout in het kwaliteitsrapport (source:shared-definition)',
  );
  const none = vocabularies.filter((v) => !external.some((m) => vocabOf(m) === v));
  if (none.length) out.push(`- geen objecttype met een definitie die een klasse van ${none.join(', ')} ondersteunt: geen alignments`);
  out.push("- IMBOR is niet opgenomen: de CROW-IRI's (GUID-lokale namen) konden offline niet worden geverifieerd.", '');

  out.push(
    '## Per vocabulaire en predicaat',
    '',
    `| vocabulaire | klassen | ${predicates.join(' | ')} |`,
    `| --- | ---: | ${predicates.map(() => '---:').join(' | ')} |`,
  );
  for (const v of vocabularies) {
    const ms = external.filter((m) => vocabOf(m) === v);
    const cls = new Set(ms.map((m) => m.subjectGuid)).size;
    out.push(`| ${v} | ${cls} | ${predicates.map((p) => ms.filter((m) => m.predicate === p).length).join(' | ')} |`);
  }
  out.push('');

  out.push(
    '## Per domein',
    '',
    '| beleidsdomein | domein | objecttypen | gealigneerd | aandeel | buiten GEMMA | per vocabulaire |',
    '| --- | --- | ---: | ---: | ---: | ---: | --- |',
  );
  const domeinen = [...model.domeinen.values()].sort(
    (a, b) => compareDomainNames(a.beleidsdomein, b.beleidsdomein) || compareDomainNames(a.name, b.name),
  );
  for (const d of domeinen) {
    const cs = classes.filter((c) => c.domeinGuid === d.guid);
    if (cs.length === 0) continue;
    const al = cs.filter((c) => bySubject.has(c.guid)).length;
    const ng = cs.filter((c) => (bySubject.get(c.guid) ?? []).some((m) => vocabOf(m) !== 'GEMMA')).length;
    const perVocab = new Map<string, number>();
    for (const c of cs) for (const v of new Set((bySubject.get(c.guid) ?? []).map(vocabOf))) perVocab.set(v, (perVocab.get(v) ?? 0) + 1);
    const vs =
      [...perVocab.entries()]
        .sort((a, b) => cmp(a[0], b[0]))
        .map(([v, n]) => `${v} ${n}`)
        .join(', ') || '—';
    out.push(`| ${md(d.beleidsdomein)} | ${md(d.name)} | ${cs.length} | ${al} | ${pct(al, cs.length)} | ${ng} | ${md(vs)} |`);
  }
  out.push('');

  out.push('## Alignments buiten GEMMA', '', '| klasse | predicaat | doel | herkomst van de mapping |', '| --- | --- | --- | --- |');
  for (const m of external.filter((x) => vocabOf(x) !== 'GEMMA')) {
    const p = targetPrefixOf(m.object)!;
    out.push(
      `| ${md(iris.objecttypeLocal(m.subjectGuid))} | ${m.predicate} | ${p}:${md(m.object.slice(TARGET_PREFIXES[p].ns.length))} | ${m.origin === 'curated' ? md(m.comment.replace(/.*\[(.*)\]$/, '$1')) : `${m.origin}-regel`} |`,
    );
  }
  out.push('');
  return out.join('\n');
}

/** All alignment artefacts as (relative path → content), for the build. */
export function alignmentArtefacts(
  model: GgmModel,
  iris: GgmIris,
  inputs: AlignmentInputs,
  header: string,
): { files: Map<string, string>; alignments: Alignments } {
  const a = generateAlignments(model, iris, inputs);
  const files = new Map<string, string>();
  files.set(
    ALIGNMENTS_TTL,
    a.rdf.toTurtle(`${header}\nAlignments: SKOS-overeenkomsten en OWL-axioma's op GGM-termen (ook als SSSOM in alignments/).`),
  );
  for (const [p, c] of a.sssom) files.set(p, c);
  files.set(COVERAGE_MD, a.coverageMd);
  return { files, alignments: a };
}
