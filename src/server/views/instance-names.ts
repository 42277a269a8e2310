/**
 * What an instance is called on a page and in search, when it has no label of
 * its own: the GGM's naming attributes, chosen by one documented rule.
 *
 * Instances (things under {instanceBase}id/) rarely carry rdfs:label; the
 * GGM gives them attributes that name them. The rule, in order:
 *  1. a person's name: voornamen + voorvoegselGeslachtsnaam + geslachtsnaam,
 *     when voornamen and geslachtsnaam are there;
 *  2. the first attribute present by name: naam, then volledige/officiële/
 *     statutaire/handelsnaam, titel, omschrijving, any other …naam, any
 *     …identificatie, any …nummer, code;
 *  (the attribute's name is the part of the property's local name after the
 *  class: ggm:zaak.omschrijving → omschrijving; of several values the first
 *  in code-point order, so the choice is deterministic).
 * Without any of these, the page keeps "Zaak 27" (class and IRI tail).
 *
 * Properties that share a label on one page ("heeft" twice on Zaak) are told
 * apart by the class they point to: "heeft → Document".
 */
import { NS } from '../../iri/index.js';
import type { SparqlStore } from '../../store/types.js';
import { select, sparqlIri, text } from '../store-query.js';

/** Attribute names in order of preference (rule 2). */
const NAMING_ATTRIBUTES: RegExp[] = [
  /^naam$/,
  /^(volledigenaam|officielenaam|statutairenaam|handelsnaam)$/,
  /^titel$/,
  /^omschrijving$/,
  /naam$/,
  /identificatie$/,
  /nummer$/,
  /^code$/,
];

/** Matches every attribute name the rule may use (for filtering in the store). */
export const NAMING_ATTRIBUTE_PATTERN =
  '\\.(voornamen|voorvoegselGeslachtsnaam|[A-Za-z]*naam|titel|omschrijving|[A-Za-z]*identificatie|[A-Za-z]*nummer|code)$';

const MAX_NAME = 120;

/** The attribute name of a GGM property IRI: ggm:zaak.omschrijving → omschrijving. */
export function attributeName(predicate: string): string {
  return predicate.slice(predicate.lastIndexOf('.') + 1);
}

/** The name for one instance from its attribute values (attribute name → values), or undefined. */
export function pickName(values: Map<string, string[]>): string | undefined {
  const first = (attr: string) => [...(values.get(attr) ?? [])].sort()[0];
  const voornamen = first('voornamen');
  const geslachtsnaam = first('geslachtsnaam');
  let name: string | undefined;
  if (voornamen && geslachtsnaam) name = [voornamen, first('voorvoegselGeslachtsnaam'), geslachtsnaam].filter(Boolean).join(' ');
  else {
    const attrs = [...values.keys()].sort();
    for (const rule of NAMING_ATTRIBUTES) {
      const attr = attrs.find(
        (a) =>
          rule.test(
            a
              .toLowerCase()
              .normalize('NFD')
              .replace(/[\u0300-\u036f]/g, ''),
          ) && first(a)?.trim(),
      );
      if (attr) {
        name = first(attr)!.trim();
        break;
      }
    }
  }
  if (!name) return undefined;
  return name.length > MAX_NAME ? `${name.slice(0, MAX_NAME - 1)}…` : name;
}

/** Names of the given instances (those the rule can name), read from the store. */
export async function instanceNames(store: SparqlStore, iris: Iterable<string>, ggmNamespace: string): Promise<Map<string, string>> {
  const unique = [...new Set(iris)];
  const values = new Map<string, Map<string, string[]>>();
  for (let i = 0; i < unique.length; i += 300) {
    const chunk = unique.slice(i, i + 300);
    const rows = await select(
      store,
      `SELECT ?s ?p ?o WHERE { VALUES ?s { ${chunk.map(sparqlIri).join(' ')} } GRAPH ?g { ?s ?p ?o }
        FILTER(isLiteral(?o) && STRSTARTS(STR(?p), ${JSON.stringify(ggmNamespace)}) && REGEX(STR(?p), ${JSON.stringify(NAMING_ATTRIBUTE_PATTERN)})) }`,
    );
    for (const r of rows) collect(values, text(r, 's'), text(r, 'p'), text(r, 'o'));
  }
  return namesFrom(values);
}

/**
 * "Subsidie 1" for instances the naming rule cannot name: the label of their class and
 * the last segment of their IRI, as their own page is titled (the Dutch label first,
 * then one without language, then the first in code-point order, so the choice is deterministic).
 */
export async function namesAfterClass(store: SparqlStore, iris: Iterable<string>): Promise<Map<string, string>> {
  const unique = [...new Set(iris)];
  const candidates = new Map<string, { value: string; language: string }[]>();
  for (let i = 0; i < unique.length; i += 300) {
    const chunk = unique.slice(i, i + 300);
    const rows = await select(
      store,
      `SELECT ?s ?label WHERE { VALUES ?s { ${chunk.map(sparqlIri).join(' ')} } GRAPH ?g { ?s a ?c } GRAPH ?h { ?c <${NS.rdfs}label> ?label } FILTER(isLiteral(?label)) }`,
    );
    for (const r of rows) {
      const s = text(r, 's');
      const label = r.label;
      if (label?.termType !== 'Literal') continue;
      candidates.set(s, [...(candidates.get(s) ?? []), { value: label.value, language: label.language }]);
    }
  }
  const out = new Map<string, string>();
  for (const [s, labels] of candidates) {
    labels.sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
    const label = labels.find((l) => l.language === 'nl') ?? labels.find((l) => l.language === '') ?? labels[0]!;
    const tail = s.replace(/.*[/#]/, '');
    let shown = tail;
    try {
      shown = decodeURIComponent(tail);
    } catch {
      // keep the encoded tail
    }
    out.set(s, `${label.value} ${shown}`);
  }
  return out;
}

export function collect(values: Map<string, Map<string, string[]>>, subject: string, predicate: string, value: string): void {
  const attrs = values.get(subject) ?? new Map<string, string[]>();
  const attr = attributeName(predicate);
  attrs.set(attr, [...(attrs.get(attr) ?? []), value]);
  values.set(subject, attrs);
}

export function namesFrom(values: Map<string, Map<string, string[]>>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [s, attrs] of values) {
    const name = pickName(attrs);
    if (name) out.set(s, name);
  }
  return out;
}

/**
 * For properties that share a label among `predicates`: "label → target class"
 * (the range's label, for relations), so two "heeft" rows read differently.
 */
export async function disambiguatedPredicates(
  store: SparqlStore,
  predicates: string[],
  labels: Map<string, string>,
): Promise<Map<string, string>> {
  const byLabel = new Map<string, string[]>();
  for (const p of new Set(predicates)) {
    const l = labels.get(p);
    if (l !== undefined) byLabel.set(l, [...(byLabel.get(l) ?? []), p]);
  }
  const shared = [...byLabel.values()].filter((ps) => ps.length > 1).flat();
  if (shared.length === 0) return new Map();
  const rows = await select(
    store,
    `SELECT ?p ?range (SAMPLE(?l) AS ?label) WHERE { VALUES ?p { ${shared.map(sparqlIri).join(' ')} }
      GRAPH ?g { ?p <${NS.rdfs}range> ?range } OPTIONAL { GRAPH ?h { ?range <${NS.rdfs}label> ?l } } } GROUP BY ?p ?range`,
  );
  const out = new Map<string, string>();
  for (const r of rows) {
    const p = text(r, 'p');
    const range = text(r, 'label') || text(r, 'range').replace(/.*[/#]/, '');
    if (!out.has(p)) out.set(p, `${labels.get(p)} → ${range}`);
  }
  // Still the same (two relations to one class): add the property's own local name.
  const seen = new Map<string, number>();
  for (const v of out.values()) seen.set(v, (seen.get(v) ?? 0) + 1);
  for (const [p, v] of out) if (seen.get(v)! > 1) out.set(p, `${v} (${p.replace(/.*[/#]/, '')})`);
  return out;
}
