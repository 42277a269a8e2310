/**
 * Content-derived blank node labels. Stores give blank nodes random ids (a
 * different id in each replica and after each restart); relabelling every
 * blank node by a hash of its surroundings makes the same description give
 * the same bytes and the same ETag wherever and whenever it is built.
 *
 * Colour refinement: a blank node starts with a hash of its own triples with
 * other blank nodes blanked out, then takes in its neighbours' hashes for a
 * few rounds. Blank nodes that still share a hash are indistinguishable by
 * their surroundings; they are numbered in order of their original ids.
 */
import { createHash } from 'node:crypto';
import { DataFactory, type Quad } from 'n3';

type Term = Quad['subject'] | Quad['object'] | Quad['graph'];
const ROUNDS = 4;

function plain(t: Term): string {
  if (t.termType === 'Literal') return `"${t.value}"@${t.language}^^${t.datatype.value}`;
  return t.termType === 'BlankNode' ? '_' : `<${t.value}>`;
}

export function relabelBlankNodes(quads: Quad[]): Quad[] {
  const blanks = new Set<string>();
  for (const q of quads) {
    if (q.subject.termType === 'BlankNode') blanks.add(q.subject.value);
    if (q.object.termType === 'BlankNode') blanks.add(q.object.value);
  }
  if (blanks.size === 0) return quads;
  let colour = new Map([...blanks].map((b) => [b, '']));
  const name = (t: Term, c: Map<string, string>) => (t.termType === 'BlankNode' ? `_:${c.get(t.value)}` : plain(t));
  for (let round = 0; round < ROUNDS; round++) {
    const parts = new Map([...blanks].map((b) => [b, [] as string[]]));
    for (const q of quads) {
      const g = plain(q.graph);
      if (q.subject.termType === 'BlankNode') parts.get(q.subject.value)!.push(`> ${q.predicate.value} ${name(q.object, colour)} ${g}`);
      if (q.object.termType === 'BlankNode') parts.get(q.object.value)!.push(`< ${name(q.subject, colour)} ${q.predicate.value} ${g}`);
    }
    const next = new Map<string, string>();
    for (const [b, p] of parts) next.set(b, createHash('sha256').update(p.sort().join('\n')).digest('hex').slice(0, 16));
    colour = next;
  }
  const byColour = [...blanks].sort((a, b) =>
    colour.get(a)! < colour.get(b)! ? -1 : colour.get(a)! > colour.get(b)! ? 1 : a < b ? -1 : 1,
  );
  const label = new Map<string, string>();
  const seen = new Map<string, number>();
  for (const b of byColour) {
    const c = colour.get(b)!;
    const n = seen.get(c) ?? 0;
    seen.set(c, n + 1);
    label.set(b, n === 0 ? `b${c}` : `b${c}_${n}`);
  }
  const term = <T extends Term>(t: T): T => (t.termType === 'BlankNode' ? (DataFactory.blankNode(label.get(t.value)!) as T) : t);
  return quads.map((q) => DataFactory.quad(term(q.subject), q.predicate, term(q.object), q.graph));
}
