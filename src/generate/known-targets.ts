/**
 * Which alignment targets exist: every IRI an alignment points to must be
 * defined somewhere we can name.
 *
 * - vocabularies with a file: the official RDF files in shared/vocab (MIM,
 *   NEN 3610, the SEMIC core vocabularies) and the `@vocabulary/*` npm
 *   packages (ORG, PROV, FOAF, schema.org, GeoSPARQL, OWL-Time, DCAT, LOCN,
 *   vCard): an IRI exists when the file types it (rdf:type);
 * - namespaces without a downloadable file (BAG 2.0, BRK, TOOI): the reviewed
 *   list alignments/known-targets.tsv (iri, label, defined_at, note);
 * - GEMMA business objects: the `gemma_url` column of the GGM release itself.
 *
 * This module also owns the prefixes alignments may use (the SSSOM curie_map
 * is the subset actually used).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import N3 from 'n3';
import { RdfXmlParser } from 'rdfxml-streaming-parser';
import type { GgmModel } from '../model/types.js';
import { NS } from '../iri/index.js';

/** Prefixes of alignment targets, with the vocabulary each belongs to (for coverage). */
export const TARGET_PREFIXES: Record<string, { ns: string; vocabulary: string }> = {
  gemma: { ns: 'https://gemmaonline.nl/index.php/GEMMA/', vocabulary: 'GEMMA' },
  // One class (Vorderingregel) links to the GEMMA 2 0.9 publication of its business object.
  gemma2: { ns: 'https://gemmaonline.nl/index.php/GEMMA2/0.9/', vocabulary: 'GEMMA' },
  bag: { ns: 'https://bag2.basisregistraties.overheid.nl/bag/def/', vocabulary: 'BAG 2.0' },
  brk: { ns: 'http://brk.basisregistraties.overheid.nl/def/brk#', vocabulary: 'BRK' },
  tooiont: { ns: 'https://identifier.overheid.nl/tooi/def/ont/', vocabulary: 'TOOI' },
  nen3610: { ns: 'http://definities.geostandaarden.nl/def/nen3610#', vocabulary: 'NEN 3610' },
  mim: { ns: NS.mim, vocabulary: 'MIM' },
  person: { ns: 'http://www.w3.org/ns/person#', vocabulary: 'Core Person' },
  legal: { ns: 'http://www.w3.org/ns/legal#', vocabulary: 'Core Business' },
  locn: { ns: 'http://www.w3.org/ns/locn#', vocabulary: 'Core Location' },
  m8g: { ns: 'http://data.europa.eu/m8g/', vocabulary: 'SEMIC core (m8g)' },
  org: { ns: 'http://www.w3.org/ns/org#', vocabulary: 'ORG' },
  prov: { ns: NS.prov, vocabulary: 'PROV-O' },
  foaf: { ns: NS.foaf, vocabulary: 'FOAF' },
  schema: { ns: NS.schema, vocabulary: 'schema.org' },
  geo: { ns: NS.geo, vocabulary: 'GeoSPARQL' },
  time: { ns: 'http://www.w3.org/2006/time#', vocabulary: 'OWL-Time' },
  dcat: { ns: NS.dcat, vocabulary: 'DCAT' },
  vcard: { ns: 'http://www.w3.org/2006/vcard/ns#', vocabulary: 'vCard' },
};

/** The `@vocabulary/*` packages consulted (each ships `<name>.nq`). */
export const VOCABULARY_PACKAGES = ['org', 'prov', 'foaf', 'schema', 'geo', 'time', 'dcat', 'locn', 'vcard'] as const;

/** Files in shared/vocab consulted. */
export const VOCAB_FILES = [
  'mim.ttl',
  'nen3610-vocabulaire.ttl',
  'nen3610-begrippen.ttl',
  'semic-core-person-2.1.1.ttl',
  'semic-core-location-2.0.2.ttl',
  'semic-core-business-2.2.0.ttl',
  'semic-core-public-organisation-2.1.1.ttl',
  'w3c-person.ttl',
  'w3c-locn.ttl',
  'semic-core-business-1.00.rdf',
] as const;

export const KNOWN_TARGETS_FILE = 'alignments/known-targets.tsv';

export interface TargetInfo {
  /** Where the IRI is defined (file, package or documented place). */
  definedAt: string;
  /** Labels by language tag ('' = none). */
  labels: Map<string, string>;
  /** Its rdf:type values in the vocabulary file (none for known-targets.tsv and GEMMA). */
  types: Set<string>;
}

/** IRIs known to exist, with where each is defined and its labels. */
export class TargetIndex {
  private readonly targets = new Map<string, TargetInfo>();

  add(iri: string, definedAt: string, label?: { value: string; lang: string }, type?: string): void {
    let t = this.targets.get(iri);
    if (!t) this.targets.set(iri, (t = { definedAt, labels: new Map(), types: new Set() }));
    if (label && !t.labels.has(label.lang)) t.labels.set(label.lang, label.value);
    if (type) t.types.add(type);
  }

  /** The entry for an IRI; schema.org terms are looked up under http:// too (the package uses http://schema.org/). */
  get(iri: string): TargetInfo | undefined {
    return this.targets.get(iri) ?? (iri.startsWith('https://schema.org/') ? this.targets.get(`http${iri.slice(5)}`) : undefined);
  }

  has(iri: string): boolean {
    return this.get(iri) !== undefined;
  }

  /** Preferred label: Dutch, then English, then untagged, then any (sorted by language for determinism). */
  label(iri: string): string | undefined {
    const l = this.get(iri)?.labels;
    if (!l || l.size === 0) return undefined;
    for (const lang of ['nl', 'en', '']) if (l.has(lang)) return l.get(lang);
    return l.get([...l.keys()].sort()[0]);
  }

  get size(): number {
    return this.targets.size;
  }
}

export function expandCurie(curie: string): string | undefined {
  const m = /^([A-Za-z][\w.-]*):(.*)$/.exec(curie);
  if (!m) return undefined;
  const p = TARGET_PREFIXES[m[1]];
  return p ? p.ns + m[2] : undefined;
}

/** The prefix whose namespace is the longest match for an IRI. */
export function targetPrefixOf(iri: string): string | undefined {
  let best: string | undefined;
  for (const [p, { ns }] of Object.entries(TARGET_PREFIXES)) {
    if (iri.startsWith(ns) && (!best || ns.length > TARGET_PREFIXES[best].ns.length)) best = p;
  }
  return best;
}

const RDF_TYPE = `${NS.rdf}type`;
const LABELS = new Set([`${NS.rdfs}label`, `${NS.skos}prefLabel`]);

function indexQuads(
  index: TargetIndex,
  quads: Iterable<{
    subject: { termType: string; value: string };
    predicate: { value: string };
    object: { termType: string; value: string; language?: string };
  }>,
  definedAt: string,
): void {
  const typed = new Set<string>();
  const labels: [string, string, string][] = [];
  for (const q of quads) {
    if (q.subject.termType !== 'NamedNode') continue;
    if (q.predicate.value === RDF_TYPE) {
      typed.add(q.subject.value);
      index.add(q.subject.value, definedAt, undefined, q.object.value);
    } else if (LABELS.has(q.predicate.value) && q.object.termType === 'Literal')
      labels.push([q.subject.value, q.object.value, q.object.language ?? '']);
  }
  for (const s of typed) index.add(s, definedAt);
  for (const [s, value, lang] of labels) if (typed.has(s)) index.add(s, definedAt, { value, lang });
}

async function parseRdfXml(text: string, base: string): Promise<N3.Quad[]> {
  return new Promise((resolve, reject) => {
    const parser = new RdfXmlParser({ baseIRI: base });
    const quads: N3.Quad[] = [];
    parser.on('data', (q: N3.Quad) => quads.push(q));
    parser.on('error', reject);
    parser.on('end', () => resolve(quads));
    parser.write(text);
    parser.end();
  });
}

/** One row of alignments/known-targets.tsv. */
export interface KnownTarget {
  iri: string;
  label: string;
  definedAt: string;
  note: string;
  row: number;
}

/** Parse known-targets.tsv: header `iri label defined_at note`; `#` lines are comments. */
export function parseKnownTargets(text: string, file: string): KnownTarget[] {
  const lines = text.split(/\r?\n/);
  const out: KnownTarget[] = [];
  let header: string[] | undefined;
  lines.forEach((line, i) => {
    if (line.trim() === '' || line.startsWith('#')) return;
    const cells = line.split('\t');
    if (!header) {
      header = cells;
      const want = ['iri', 'label', 'defined_at', 'note'];
      if (want.some((w, j) => header![j] !== w))
        throw new Error(`${file}:${i + 1}: header must be ${want.join(' TAB ')}, found ${cells.join(' TAB ')}`);
      return;
    }
    const [iri, label, definedAt, note] = cells;
    if (!iri || !/^https?:\/\/\S+$/.test(iri)) throw new Error(`${file}:${i + 1}: "${iri ?? ''}" is not an absolute IRI`);
    if (!definedAt?.trim()) throw new Error(`${file}:${i + 1}: ${iri} has no defined_at (where the term is documented)`);
    if (!targetPrefixOf(iri)) throw new Error(`${file}:${i + 1}: ${iri} is in no known target namespace`);
    out.push({ iri, label: label ?? '', definedAt: definedAt.trim(), note: note ?? '', row: i + 1 });
  });
  const seen = new Set<string>();
  for (const t of out) {
    if (seen.has(t.iri)) throw new Error(`${file}:${t.row}: ${t.iri} is listed twice`);
    seen.add(t.iri);
  }
  return out;
}

/**
 * Build the index from shared/vocab, the npm packages, known-targets.tsv
 * (under projectRoot) and, when a model is given, its GEMMA URLs.
 */
export async function loadTargetIndex(opts: { sharedDir: string; projectRoot: string; model?: GgmModel }): Promise<TargetIndex> {
  const index = new TargetIndex();
  for (const f of VOCAB_FILES) {
    const file = path.join(opts.sharedDir, 'vocab', f);
    const text = await readFile(file, 'utf8');
    const quads = f.endsWith('.rdf') ? await parseRdfXml(text, `file://${file}`) : new N3.Parser({ format: 'text/turtle' }).parse(text);
    indexQuads(index, quads, `shared/vocab/${f}`);
  }
  const require = createRequire(path.join(opts.projectRoot, 'package.json'));
  for (const name of VOCABULARY_PACKAGES) {
    const pkgJson = require.resolve(`@vocabulary/${name}/package.json`);
    const version = (JSON.parse(await readFile(pkgJson, 'utf8')) as { version: string }).version;
    const text = await readFile(path.join(path.dirname(pkgJson), `${name}.nq`), 'utf8');
    indexQuads(index, new N3.Parser({ format: 'N-Quads' }).parse(text), `npm @vocabulary/${name}@${version}`);
  }
  const ktFile = path.join(opts.projectRoot, KNOWN_TARGETS_FILE);
  for (const t of parseKnownTargets(await readFile(ktFile, 'utf8'), KNOWN_TARGETS_FILE)) {
    index.add(t.iri, t.definedAt, t.label ? { value: t.label, lang: 'nl' } : undefined);
  }
  if (opts.model) addGemmaTargets(index, opts.model);
  return index;
}

/** GEMMA business objects are defined by the release's classes sheet (gemma_url, gemma_naam). */
export function addGemmaTargets(index: TargetIndex, model: GgmModel): void {
  for (const ot of model.objecttypen.values()) {
    const url = ot.gemma?.url?.trim();
    if (!url) continue;
    index.add(
      url,
      `${path.basename(model.sourceFile)}, classes sheet, column gemma_url (row ${ot.origin.row})`,
      ot.gemma?.naam ? { value: ot.gemma.naam, lang: 'nl' } : undefined,
    );
  }
}
