/**
 * A deterministic Turtle document: resources with their statements, written
 * with N3.js in a canonical order (subjects by IRI, rdf:type first, then
 * predicates and objects sorted), nested blank nodes and RDF lists inline.
 * The same content always gives byte-identical output.
 */
import N3 from 'n3';
import type { Quad_Object } from 'n3';
import { NS } from '../iri/index.js';

const { namedNode, literal } = N3.DataFactory;

export type Obj = { iri: string } | { value: string; datatype?: string; lang?: string } | { blank: Statement[] } | { list: Obj[] };

export type Statement = [predicate: string, object: Obj];

export const iri = (i: string): Obj => ({ iri: i });
export const lit = (value: string | number | boolean, datatype?: string): Obj =>
  typeof value === 'string'
    ? { value, ...(datatype ? { datatype } : {}) }
    : {
        value: String(value),
        datatype:
          datatype ?? (typeof value === 'boolean' ? `${NS.xsd}boolean` : Number.isInteger(value) ? `${NS.xsd}integer` : `${NS.xsd}decimal`),
      };
export const nl = (value: string): Obj => ({ value, lang: 'nl' });
export const blank = (...statements: Statement[]): Obj => ({ blank: statements });
export const list = (...items: Obj[]): Obj => ({ list: items });

export class RdfDocument {
  private readonly resources = new Map<string, Statement[]>();

  constructor(readonly prefixes: Record<string, string>) {}

  /** Add statements about a subject (merged with earlier ones). Undefined objects are skipped. */
  add(subject: string, ...statements: Array<Statement | [string, Obj | undefined] | undefined>): this {
    let l = this.resources.get(subject);
    if (!l) this.resources.set(subject, (l = []));
    for (const s of statements) if (s && s[1] !== undefined) l.push(s as Statement);
    return this;
  }

  has(subject: string): boolean {
    return this.resources.has(subject);
  }

  get size(): number {
    return this.resources.size;
  }

  subjects(): string[] {
    return [...this.resources.keys()];
  }

  statements(subject: string): readonly Statement[] {
    return this.resources.get(subject) ?? [];
  }

  /** Serialise as Turtle. */
  toTurtle(header?: string): string {
    const writer = new N3.Writer({ prefixes: this.prefixes });
    const term = (o: Obj): Quad_Object => {
      if ('iri' in o) return namedNode(o.iri);
      if ('value' in o) return o.lang ? literal(o.value, o.lang) : o.datatype ? literal(o.value, namedNode(o.datatype)) : literal(o.value);
      if ('blank' in o)
        return writer.blank(sortStatements(o.blank).map(([p, ob]) => ({ predicate: namedNode(p), object: term(ob) }))) as Quad_Object;
      return writer.list(o.list.map(term)) as unknown as Quad_Object;
    };
    for (const s of [...this.resources.keys()].sort()) {
      for (const [p, o] of sortStatements(dedupe(this.resources.get(s)!))) {
        writer.addQuad(namedNode(s), namedNode(p), term(o));
      }
    }
    let out = '';
    writer.end((err: Error | null, result: string) => {
      if (err) throw err;
      out = result;
    });
    return (
      (header
        ? `${header
            .split('\n')
            .map((l) => `# ${l}`.trimEnd())
            .join('\n')}\n\n`
        : '') + out
    );
  }
}

const keyCache = new WeakMap<object, string>();

/** A sort key for an object (cached: sorting compares each object many times). */
function key(o: Obj): string {
  let k = keyCache.get(o);
  if (k === undefined) {
    k = computeKey(o);
    keyCache.set(o, k);
  }
  return k;
}

function computeKey(o: Obj): string {
  if ('iri' in o) return `0<${o.iri}>`;
  if ('value' in o) return `1"${o.value}"@${o.lang ?? ''}^^${o.datatype ?? ''}`;
  if ('blank' in o)
    return `2[${sortStatements(o.blank)
      .map(([p, ob]) => `${p} ${key(ob)}`)
      .join(';')}]`;
  return `3(${o.list.map(key).join(' ')})`;
}

function dedupe(st: Statement[]): Statement[] {
  const seen = new Set<string>();
  return st.filter(([p, o]) => {
    const k = `${p} ${key(o)}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

const RDF_TYPE = `${NS.rdf}type`;

function sortStatements(st: Statement[]): Statement[] {
  return [...st].sort((a, b) => {
    if (a[0] !== b[0]) {
      if (a[0] === RDF_TYPE) return -1;
      if (b[0] === RDF_TYPE) return 1;
      return a[0] < b[0] ? -1 : 1;
    }
    const ka = key(a[1]);
    const kb = key(b[1]);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
}
