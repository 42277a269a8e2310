/**
 * The SHACL property shapes of the node shapes that target some classes:
 * per property path its datatype/class, multiplicity and further constraints.
 */
import { NS } from '../../iri/index.js';
import type { SparqlStore } from '../../store/types.js';
import { DataFactory } from 'n3';
import { select, sparqlIri, text, type Row } from '../store-query.js';
import { LIST_CELLS, assembleLists } from './rdf-lists.js';

export interface PropertyConstraint {
  /** The class whose node shape holds the property shape. */
  targetClass: string;
  nodeShape: string;
  propertyShape: string;
  path: string;
  minCount?: number;
  maxCount?: number;
  datatype?: string;
  class?: string;
  node?: string;
  nodeKind?: string;
  maxLength?: number;
  pattern?: string;
  name?: string;
  in: string[];
  /** sh:or alternatives by datatype (onvolledige datum: xsd:date, xsd:gYearMonth, xsd:gYear), in list order. */
  orDatatypes: string[];
  /** sh:or alternatives by class (a class and its subclasses), in list order. */
  orClasses: string[];
}

const num = (s: string): number | undefined => (s === '' ? undefined : Number(s));
const opt = (s: string): string | undefined => (s === '' ? undefined : s);

export async function constraintsFor(store: SparqlStore, classes: string[], path?: string): Promise<PropertyConstraint[]> {
  if (classes.length === 0 && path === undefined) return [];
  const sh = NS.sh;
  const values = classes.length ? `VALUES ?tc { ${classes.map(sparqlIri).join(' ')} }` : '';
  // Start from the most selective pattern: the path when one is given, else the target classes.
  const core =
    path !== undefined
      ? `?ps <${sh}path> ${sparqlIri(path)} . ?shape <${sh}property> ?ps ; <${sh}targetClass> ?tc . ${values}`
      : `${values} ?shape <${sh}targetClass> ?tc ; <${sh}property> ?ps . ?ps <${sh}path> ?path .`;
  const bindPath = path !== undefined ? `BIND(${sparqlIri(path)} AS ?path)` : '';
  const rows = await select(
    store,
    `SELECT ?tc ?shape ?ps ?path ?min ?max ?datatype ?class ?node ?nodeKind ?maxLength ?pattern ?name WHERE {
      GRAPH ?g {
        ${core}
        OPTIONAL { ?ps <${sh}minCount> ?min } OPTIONAL { ?ps <${sh}maxCount> ?max }
        OPTIONAL { ?ps <${sh}datatype> ?datatype } OPTIONAL { ?ps <${sh}class> ?class }
        OPTIONAL { ?ps <${sh}node> ?node } OPTIONAL { ?ps <${sh}nodeKind> ?nodeKind }
        OPTIONAL { ?ps <${sh}maxLength> ?maxLength } OPTIONAL { ?ps <${sh}pattern> ?pattern }
        OPTIONAL { ?ps <${sh}name> ?name }
      }
      ${bindPath}
      FILTER(isIRI(?path))
    } ORDER BY ?tc ?path ?ps LIMIT 5000`,
  );
  const inRows = await select(
    store,
    `SELECT ?ps ?v WHERE { GRAPH ?g { ${core} ?ps <${sh}in>/<${NS.rdf}rest>*/<${NS.rdf}first> ?v } } LIMIT 20000`,
  );
  const orRows = await select(
    store,
    `SELECT ?ps ?head ?cell ?next ?member ?datatype ?class WHERE { GRAPH ?g { ${core} ?ps <${sh}or> ?head . ${LIST_CELLS}
      OPTIONAL { ?member <${sh}datatype> ?datatype } OPTIONAL { ?member <${sh}class> ?class } } } LIMIT 20000`,
  );
  const orKey = (r: Row) => `${r.ps?.termType}:${text(r, 'ps')}`;
  const keyed = orRows.map((r) => ({ ...r, key: DataFactory.literal(orKey(r)) }));
  const orDatatypes = assembleLists(keyed, 'key', (r) => (r.datatype?.termType === 'NamedNode' ? r.datatype.value : undefined));
  const orClasses = assembleLists(keyed, 'key', (r) => (r.class?.termType === 'NamedNode' ? r.class.value : undefined));
  const inValues = new Map<string, string[]>();
  for (const r of inRows) {
    const k = `${r.ps?.termType}:${text(r, 'ps')}`;
    const list = inValues.get(k) ?? [];
    if (!list.includes(text(r, 'v'))) list.push(text(r, 'v'));
    inValues.set(k, list);
  }
  const byShape = new Map<string, PropertyConstraint>();
  for (const r of rows) {
    const k = `${r.ps?.termType}:${text(r, 'ps')}`;
    if (byShape.has(k)) continue; // first row wins when a constraint has several values
    byShape.set(k, {
      targetClass: text(r, 'tc'),
      nodeShape: text(r, 'shape'),
      propertyShape: text(r, 'ps'),
      path: text(r, 'path'),
      minCount: num(text(r, 'min')),
      maxCount: num(text(r, 'max')),
      datatype: opt(text(r, 'datatype')),
      class: opt(text(r, 'class')),
      node: opt(text(r, 'node')),
      nodeKind: opt(text(r, 'nodeKind')),
      maxLength: num(text(r, 'maxLength')),
      pattern: opt(text(r, 'pattern')),
      name: opt(text(r, 'name')),
      in: (inValues.get(k) ?? []).sort(),
      orDatatypes: orDatatypes.get(k) ?? [],
      orClasses: orClasses.get(k) ?? [],
    });
  }
  return [...byShape.values()];
}

/** "1..1", "0..*" */
export function multiplicity(c: { minCount?: number; maxCount?: number } | undefined): string {
  if (!c) return '';
  return `${c.minCount ?? 0}..${c.maxCount ?? '*'}`;
}
