/**
 * RDF lists read through SELECT: each answer row is one list cell (its owner,
 * the list head, the cell, the next cell, the member). Blank-node labels are
 * consistent within one answer, so the cells chain up into ordered lists.
 */
import { NS } from '../../iri/index.js';
import type { Row } from '../store-query.js';

/** A SPARQL pattern binding ?head's cells: ?cell, ?next, ?member (place it where ?head is bound). */
export const LIST_CELLS = `?head <${NS.rdf}rest>* ?cell . ?cell <${NS.rdf}first> ?member ; <${NS.rdf}rest> ?next .`;

/**
 * Rows with ?head ?cell ?next ?member (and the owner under `ownerKey`) → owner → members in list order.
 * A member is `pick(row)`; cells without one (e.g. an alternative without sh:datatype) are skipped.
 */
export function assembleLists(rows: Row[], ownerKey: string, pick: (row: Row) => string | undefined): Map<string, string[]> {
  const cells = new Map<string, { next: string; member?: string; owner: string; head: string }>();
  for (const r of rows) {
    const cell = r.cell?.value;
    const owner = r[ownerKey]?.value;
    const head = r.head?.value;
    if (cell === undefined || owner === undefined || head === undefined) continue;
    const known = cells.get(cell);
    const member = pick(r) ?? known?.member;
    cells.set(cell, { next: r.next?.value ?? `${NS.rdf}nil`, member, owner, head });
  }
  const out = new Map<string, string[]>();
  const heads = new Map<string, string>();
  for (const c of cells.values()) heads.set(c.head, c.owner);
  for (const [head, owner] of heads) {
    if (out.has(owner)) continue; // one list per owner (the first found)
    const members: string[] = [];
    const seen = new Set<string>();
    for (let cell = cells.get(head) && head; cell && !seen.has(cell); cell = cells.get(cell)?.next) {
      seen.add(cell);
      const c = cells.get(cell);
      if (!c) break;
      if (c.member !== undefined) members.push(c.member);
    }
    out.set(owner, members);
  }
  return out;
}
