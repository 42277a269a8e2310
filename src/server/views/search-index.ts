/**
 * Search that finds what analysts type: one full-text index (MiniSearch) over
 * the classes, attributes, relations, code lists and their values, domains and
 * the named instances in the store, built in the background at start-up and
 * again when the store changes (the old index answers meanwhile).
 *
 *  - Labels, synonyms (skos:altLabel and the abbreviations below), code values
 *    (skos:notation), definitions and the owning class are searched; case and
 *    diacritics are folded ("client" finds "Cliënt"); words match in any order;
 *    a class name written as words finds it ("ingeschreven persoon" →
 *    IngeschrevenPersoon) and a part of a compound finds the compound
 *    ("toeslag" → "Energietoeslag").
 *  - Ranking: exact names first (among them by kind: classes before code
 *    lists, attributes, values and instances), then MiniSearch's score (labels
 *    weigh most, definitions least) times a bonus for a synonym or a name that
 *    starts with the query, and a weight by kind.
 *  - Each thing appears once (SHACL shapes are not indexed: their class is).
 *  - Every entry remembers its graph: a caller sees only what it may read.
 */
import { AsyncResource } from 'node:async_hooks';
import MiniSearch, { type Query, type SearchResult } from 'minisearch';
import { NS, ggmNamespaces, type IriConfig } from '../../iri/index.js';
import type { SparqlStore } from '../../store/types.js';
import { select, text } from '../store-query.js';
import { NAMING_ATTRIBUTE_PATTERN, collect, namesFrom } from './instance-names.js';

export type SearchKind = 'Klasse' | 'Attribuut' | 'Relatie' | 'Codelijst' | 'Waarde' | 'Domein' | 'Object';

export interface SearchHit {
  iri: string;
  label: string;
  kind: SearchKind;
  /** The class a property or instance belongs to, the code list of a value. */
  owner?: { iri: string; label: string };
  /** The domain (and its beleidsdomein) the thing belongs to. */
  domain?: { iri: string; label: string; beleidsdomein?: string };
  definition?: string;
  notation?: string;
}

interface Doc extends SearchHit {
  id: number;
  graph: string;
  synonyms: string;
  parts: string;
}

/**
 * Abbreviations analysts type that the model spells out (searched as either).
 * Kept short and documented here; the GGM's own synonyms come from skos:altLabel.
 */
export const ABBREVIATIONS: Record<string, string[]> = {
  bsn: ['burgerservicenummer'],
  woz: ['waardering onroerende zaken'],
  kvk: ['kamer van koophandel'],
  brp: ['basisregistratie personen', 'ingeschreven persoon'],
  bag: ['basisregistratie adressen en gebouwen'],
  bgt: ['basisregistratie grootschalige topografie'],
  brk: ['basisregistratie kadaster', 'kadastrale onroerende zaak'],
  iban: ['rekeningnummer'],
  anr: ['anummer'],
  wmo: ['wet maatschappelijke ondersteuning'],
  vth: ['vergunningverlening toezicht handhaving'],
  mor: ['melding openbare ruimte'],
  boa: ['buitengewoon opsporingsambtenaar'],
};

const KIND_WEIGHT: Record<SearchKind, number> = {
  Klasse: 1.6,
  Domein: 1.5,
  Codelijst: 1.25,
  Attribuut: 1,
  Relatie: 0.95,
  Waarde: 0.9,
  Object: 0.85,
};

/** Lower case, without diacritics. */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** Words of a text: split at anything but letters and digits, and between camelCase parts (the joined word is kept too). */
export function words(s: string): string[] {
  const out: string[] = [];
  for (const raw of s.normalize('NFC').split(/[^\p{L}\p{N}]+/u)) {
    if (!raw) continue;
    const parts = raw.split(/(?<=\p{Ll})(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})|(?<=\p{L})(?=\p{N})|(?<=\p{N})(?=\p{L})/u).filter(Boolean);
    out.push(...parts);
    if (parts.length > 1) out.push(raw);
  }
  return out.map(fold);
}

/** Compound parts: the tails of long words ("energietoeslag" → "toeslag", "eslag" …), so a part finds the whole. */
function compoundParts(label: string): string {
  const out = new Set<string>();
  for (const w of words(label)) {
    if (w.length < 7) continue;
    for (let i = 3; i <= w.length - 4; i++) out.add(w.slice(i));
  }
  return [...out].join(' ');
}

const FIELDS = ['label', 'synonyms', 'notation', 'ownerLabel', 'definition', 'parts'] as const;

function newIndex(): MiniSearch<Doc> {
  return new MiniSearch<Doc>({
    fields: [...FIELDS],
    storeFields: [],
    idField: 'id',
    tokenize: words,
    processTerm: (t) => t || null,
    extractField: (doc, field) => {
      if (field === 'ownerLabel') return doc.owner?.label ?? '';
      if (field === 'id') return String(doc.id);
      return doc[field as Exclude<(typeof FIELDS)[number], 'ownerLabel'>] ?? '';
    },
    searchOptions: {
      boost: { label: 8, synonyms: 5, notation: 5, ownerLabel: 1.5, definition: 0.5, parts: 1.5 },
      prefix: (term) => term.length >= 3,
      fuzzy: (term) => (term.length >= 8 ? 0.1 : false),
      weights: { fuzzy: 0.3, prefix: 0.375 },
      combineWith: 'AND',
    },
  });
}

interface Built {
  version: string;
  index: MiniSearch<Doc>;
  docs: Doc[];
}

export class SearchIndex {
  private built?: Built;
  private building?: Promise<Built>;
  private readonly build: () => Promise<Built>;

  constructor(
    private readonly store: SparqlStore & { version?: string },
    private readonly iri: IriConfig,
  ) {
    // Built outside any request: bound to the context the index is made in (start-up), so it reads every
    // graph; each entry keeps its graph and a search shows only what the caller may read.
    this.build = AsyncResource.bind(() => this.load());
  }

  private version(): string {
    return (this.store.version ?? '0').split('@')[0]!;
  }

  /** Start building now (at start-up), without waiting. */
  warm(): void {
    void this.current().catch(() => undefined);
  }

  private async current(): Promise<Built> {
    const version = this.version();
    if (this.built?.version === version) return this.built;
    if (!this.building) {
      this.building = this.build().finally(() => (this.building = undefined));
      this.building.then(
        (b) => (this.built = b),
        () => undefined,
      );
    }
    // A stale index answers while a new one is built; the first search waits for the first index.
    return this.built ?? this.building;
  }

  /** The best hits for `q` among what the caller may read (`readable` graphs), best first. */
  async search(q: string, readable: Set<string>, limit = 200): Promise<SearchHit[]> {
    const words = q.trim().slice(0, 200);
    if (!words) return [];
    const { index, docs } = await this.current();
    const results = index.search(queryFor(words));
    const wanted = fold(words).replace(/\s+/g, ' ');
    const joined = wanted.replace(/ /g, '');
    const scored = results
      .map((r: SearchResult) => {
        const doc = docs[r.id as number]!;
        const label = fold(doc.label);
        const exact = label === wanted || label.replace(/[^\p{L}\p{N}]+/gu, '') === joined;
        const synonym = fold(doc.synonyms).split('\n').includes(wanted) || (doc.notation !== undefined && fold(doc.notation) === wanted);
        const starts = label.startsWith(wanted);
        const bonus = exact ? 6 : synonym ? 3 : starts ? 1.6 : 1;
        return { doc, exact, score: r.score * bonus * KIND_WEIGHT[doc.kind] };
      })
      .filter((r) => readable.has(r.doc.graph))
      // Exact names first, among them by kind (a class before a code value of the same name), then by score.
      .sort(
        (a, b) =>
          Number(b.exact) - Number(a.exact) ||
          (a.exact ? KIND_WEIGHT[b.doc.kind] - KIND_WEIGHT[a.doc.kind] : 0) ||
          b.score - a.score ||
          a.doc.label.localeCompare(b.doc.label, 'nl') ||
          (a.doc.iri < b.doc.iri ? -1 : 1),
      );
    return scored.slice(0, limit).map(({ doc }) => hitOf(doc));
  }

  /** Every indexed thing of the given kinds that the caller may read (the A–Z index lists them). */
  async terms(readable: Set<string>, kinds: SearchKind[]): Promise<SearchHit[]> {
    const { docs } = await this.current();
    const wanted = new Set(kinds);
    return docs.filter((d) => wanted.has(d.kind) && readable.has(d.graph)).map(hitOf);
  }

  private async load(): Promise<Built> {
    const version = this.version();
    const docs = await loadDocs(this.store, this.iri);
    const index = newIndex();
    index.addAll(docs);
    return { version, index, docs };
  }
}

function hitOf(d: Doc): SearchHit {
  const { iri, label, kind, owner, domain, definition, notation } = d;
  return { iri, label, kind, owner, domain, definition, notation };
}

/** Every word must match (in any field, any order); an abbreviation also matches what it stands for. */
export function queryFor(q: string): Query {
  const terms = q.split(/\s+/).filter(Boolean);
  return {
    combineWith: 'AND',
    queries: terms.map((t) => {
      const expansions = ABBREVIATIONS[fold(t)] ?? [];
      return expansions.length
        ? { combineWith: 'OR', queries: [t, ...expansions.map((e) => ({ combineWith: 'AND', queries: e.split(' ') }))] }
        : t;
    }),
  } as Query;
}

const VOCAB_KINDS: [string, SearchKind][] = [
  [`${NS.owl}Class`, 'Klasse'],
  [`${NS.owl}DatatypeProperty`, 'Attribuut'],
  [`${NS.owl}ObjectProperty`, 'Relatie'],
  [`${NS.skos}ConceptScheme`, 'Codelijst'],
  [`${NS.skos}Concept`, 'Waarde'],
  [`${NS.mim}Domein`, 'Domein'],
];

/** Everything to index, read from the store. */
async function loadDocs(store: SparqlStore, config: IriConfig): Promise<Doc[]> {
  const ns = ggmNamespaces(config.vocabBase);
  const things = `${config.instanceBase}id/`;
  const [terms, synonyms, containment, instanceValues, instanceTypes] = await Promise.all([
    select(
      store,
      `SELECT ?x ?t ?g (SAMPLE(?l) AS ?label) (SAMPLE(?d) AS ?def) (SAMPLE(?o) AS ?owner) (SAMPLE(?s) AS ?scheme) (SAMPLE(?n) AS ?notation) (SAMPLE(?p) AS ?partOf) WHERE {
        VALUES ?t { ${VOCAB_KINDS.map(([t]) => `<${t}>`).join(' ')} }
        GRAPH ?g { ?x a ?t ; <${NS.rdfs}label>|<${NS.skos}prefLabel> ?l .
          OPTIONAL { ?x <${NS.skos}definition> ?d } OPTIONAL { ?x <${NS.rdfs}domain> ?o } OPTIONAL { ?x <${NS.skos}inScheme> ?s }
          OPTIONAL { ?x <${NS.skos}notation> ?n } OPTIONAL { ?x <${NS.dcterms}isPartOf> ?p } }
        FILTER(isIRI(?x))
      } GROUP BY ?x ?t ?g`,
    ),
    select(store, `SELECT ?x ?alt WHERE { GRAPH ?g { ?x <${NS.skos}altLabel> ?alt } FILTER(isIRI(?x)) }`),
    // A domain contains MIM model elements (and subdomains); the terms derived from an element point to it with mim:equivalent.
    select(
      store,
      `SELECT ?domain ?x WHERE { GRAPH ?g { ?domain a <${NS.mim}Domein> ; <${NS.mim}bevatModelelement> ?m } { GRAPH ?h { ?x <${NS.mim}equivalent> ?m } } UNION { GRAPH ?g { ?m a <${NS.mim}Domein> } BIND(?m AS ?x) } }`,
    ),
    select(
      store,
      `SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o }
        FILTER(isLiteral(?o) && STRSTARTS(STR(?s), ${JSON.stringify(things)}) && STRSTARTS(STR(?p), ${JSON.stringify(ns.ggm)}) && REGEX(STR(?p), ${JSON.stringify(NAMING_ATTRIBUTE_PATTERN)}))
      } LIMIT 1000000`,
    ),
    select(
      store,
      `SELECT DISTINCT ?s ?t WHERE { GRAPH ?g { ?s a ?t } FILTER(STRSTARTS(STR(?s), ${JSON.stringify(things)})) } LIMIT 1000000`,
    ),
  ]);
  const labels = new Map<string, string>();
  const vocab = new Map<string, { kind: SearchKind; row: (typeof terms)[number] }>();
  const rank = (k: SearchKind) => VOCAB_KINDS.findIndex(([, v]) => v === k);
  for (const r of terms) {
    const kind = VOCAB_KINDS.find(([t]) => t === text(r, 't'))![1];
    const x = text(r, 'x');
    const prev = vocab.get(x);
    // One entry per IRI (a domain is typed in the ontology and the MIM graph): the ontology's, else the first kind.
    if (prev && rank(prev.kind) <= rank(kind) && !(text(r, 'g') === ns.ontology && text(prev.row, 'g') !== ns.ontology)) continue;
    vocab.set(x, { kind, row: r });
    if (!labels.has(x) || text(r, 'g') === ns.ontology) labels.set(x, text(r, 'label'));
  }
  const parentDomain = new Map<string, string>();
  const domainOf = new Map<string, string>();
  for (const r of containment) {
    const x = text(r, 'x');
    if (vocab.get(x)?.kind === 'Domein') parentDomain.set(x, text(r, 'domain'));
    else if (!domainOf.has(x)) domainOf.set(x, text(r, 'domain'));
  }
  const top = (d: string) => {
    let at = d;
    for (let i = 0; i < 20 && parentDomain.has(at); i++) at = parentDomain.get(at)!;
    return at;
  };
  const domainRef = (d: string | undefined): SearchHit['domain'] => {
    if (!d) return undefined;
    const t = top(d);
    return { iri: d, label: labels.get(d) ?? d.replace(/.*\//, ''), beleidsdomein: t !== d ? labels.get(t) : undefined };
  };
  const alts = new Map<string, string[]>();
  for (const r of synonyms) alts.set(text(r, 'x'), [...(alts.get(text(r, 'x')) ?? []), text(r, 'alt')]);

  const docs: Doc[] = [];
  const add = (d: Omit<Doc, 'id' | 'parts'>) => docs.push({ ...d, id: docs.length, parts: compoundParts(d.label) });
  for (const [x, { kind, row }] of [...vocab].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const owner = text(row, 'owner') || text(row, 'scheme');
    const domain =
      domainOf.get(x) ??
      (text(row, 'partOf').startsWith(`${ns.ggm}domein/`) ? text(row, 'partOf') : undefined) ??
      (owner ? domainOf.get(owner) : undefined);
    add({
      iri: x,
      label: labels.get(x)!,
      kind,
      graph: text(row, 'g'),
      owner: owner ? { iri: owner, label: labels.get(owner) ?? owner.replace(/.*[/#]/, '') } : undefined,
      domain: kind === 'Domein' ? (parentDomain.has(x) ? domainRef(parentDomain.get(x)) : undefined) : domainRef(domain),
      definition: text(row, 'def') || undefined,
      notation: text(row, 'notation') || undefined,
      synonyms: (alts.get(x) ?? []).join('\n'),
    });
  }
  // Instances named by their naming attributes, in the graph that names them.
  const values = new Map<string, Map<string, string[]>>();
  const graphOf = new Map<string, string>();
  for (const r of instanceValues) {
    collect(values, text(r, 's'), text(r, 'p'), text(r, 'o'));
    if (!graphOf.has(text(r, 's'))) graphOf.set(text(r, 's'), text(r, 'g'));
  }
  const typeOf = new Map<string, string>();
  for (const r of instanceTypes) {
    const s = text(r, 's');
    const t = text(r, 't');
    // The most specific class named in the IRI wins ("…/id/vthzaak/1" is a VTHzaak before a Zaak).
    const current = typeOf.get(s);
    if (!current || s.slice(things.length).split('/')[0] === fold(t.replace(/.*\//, '')).replace(/_/g, '-')) typeOf.set(s, t);
  }
  for (const [s, name] of [...namesFrom(values)].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const t = typeOf.get(s);
    add({
      iri: s,
      label: name,
      kind: 'Object',
      graph: graphOf.get(s)!,
      owner: t ? { iri: t, label: labels.get(t) ?? t.replace(/.*\//, '') } : undefined,
      domain: t ? domainRef(domainOf.get(t)) : undefined,
      synonyms: '',
    });
  }
  return docs;
}
