/**
 * Ranges and constraints that are a choice: a datatype union (owl:unionOf, or
 * sh:or of sh:datatype — the GGM's "onvolledige datum" is xsd:date, xsd:gYearMonth
 * or xsd:gYear) reads as what it means, "datum, jaar-maand of jaar", with its
 * member datatypes; a choice of classes (sh:or of sh:class) as "A, B of C".
 */
import type { Quad, Term } from 'n3';
import { NS } from '../../iri/index.js';
import { html, type Html } from './html.js';
import { iriLink, type LinkContext } from './links.js';

/** Dutch names of the XSD datatypes that occur in unions. */
const DATATYPE_NAMES: Record<string, string> = {
  date: 'datum',
  gYearMonth: 'jaar-maand',
  gYear: 'jaar',
  dateTime: 'datum en tijd',
  time: 'tijd',
  string: 'tekst',
  integer: 'geheel getal',
  decimal: 'decimaal getal',
  boolean: 'ja/nee',
};

function readableDatatype(iri: string): string {
  return iri.startsWith(NS.xsd) ? (DATATYPE_NAMES[iri.slice(NS.xsd.length)] ?? iri.slice(NS.xsd.length)) : iri.replace(/.*[/#]/, '');
}

/** "a, b of c" */
export function orList<T>(items: T[], sep: (i: number) => string = (i) => (i === items.length - 1 ? ' of ' : ', ')): (T | string)[] {
  return items.flatMap((x, i) => (i === 0 ? [x] : [sep(i), x]));
}

/** "datum, jaar-maand of jaar (xsd:date, xsd:gYearMonth, xsd:gYear)" */
export function datatypeUnionHtml(members: string[], ctx: LinkContext): Html {
  const words = orList(members.map(readableDatatype)).join('');
  return html`<span class="datatype-union">${words}</span> (${members.map((m, i) => html`${i ? ', ' : ''}${iriLink(m, ctx)}`)})`;
}

/** "Zaak, Vroegsignaalzaak of VTHzaak" with links. */
export function classChoiceHtml(classes: string[], ctx: LinkContext): Html {
  return html`${orList(classes.map((c) => iriLink(c, ctx)))}`;
}

/** What a constraint or range says about the value's type: one datatype/class, a union of datatypes or a choice of classes. */
export function valueTypeHtml(
  t: { datatype?: string; class?: string; node?: string; orDatatypes?: string[]; orClasses?: string[] },
  ctx: LinkContext,
): Html | '' {
  const one = t.datatype ?? t.class ?? t.node;
  if (one) return iriLink(one, ctx);
  if (t.orDatatypes?.length) return datatypeUnionHtml(t.orDatatypes, ctx);
  if (t.orClasses?.length) return classChoiceHtml(t.orClasses, ctx);
  return '';
}

/** The members of `node owl:unionOf ( … )` found in `quads` (a description with its blank-node closure), or undefined. */
export function unionMembersIn(node: Term, quads: Quad[]): string[] | undefined {
  if (node.termType !== 'BlankNode') return undefined;
  const of = (s: Term, p: string) => quads.find((q) => q.subject.equals(s) && q.predicate.value === p)?.object;
  let cell = of(node, `${NS.owl}unionOf`);
  if (!cell) return undefined;
  const members: string[] = [];
  for (let n = 0; cell && cell.termType === 'BlankNode' && n < 1000; n++) {
    const first = of(cell, `${NS.rdf}first`);
    if (first?.termType === 'NamedNode') members.push(first.value);
    cell = of(cell, `${NS.rdf}rest`);
  }
  return members;
}
