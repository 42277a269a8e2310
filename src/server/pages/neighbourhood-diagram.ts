/**
 * The neighbourhood of a class as inline SVG, generated from the model: the
 * class in the middle, its direct superclasses above and subclasses below
 * (generalisations, hollow arrow towards the superclass), the classes its own
 * relations lead to on the right and the classes whose relations lead to it on
 * the left (arrow towards the target; the relation names are written in the
 * box, several relations to one class in one box). Every box links to its
 * class page; a class in another domain (or outside the model) has a dashed
 * border and names its domain in its title. Works without JavaScript; the tables of the page say
 * the same in text.
 */
import { html, type Html } from './html.js';
import { hrefFor, type LinkContext } from './links.js';

export interface NeighbourRelation {
  /** The relation (property) IRI and its label. */
  property: string;
  label: string;
  /** The class at the other end. */
  other: string;
}

export interface Neighbourhood {
  iri: string;
  label: string;
  /** Direct superclasses and subclasses. */
  superclasses: string[];
  subclasses: string[];
  /** The class's own relations (to the target) and the relations of other classes to it (from the source). */
  outgoing: NeighbourRelation[];
  incoming: NeighbourRelation[];
  /** The domain of each class shown (where the model says). */
  domains: Map<string, { iri: string; label: string }>;
}

const BOX = { width: 210, height: 44, gap: 10 };
const COLUMN_GAP = 130;
const ROW_GAP = 50;
const PER_ROW = 4;

function short(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

interface Box {
  iri: string;
  x: number;
  y: number;
  /** Small text above the name (relation names). */
  note?: string;
  role: string;
}

/** One box per other class; the names of all relations to it in the note. */
function grouped(relations: NeighbourRelation[], self: string): { iri: string; labels: string[] }[] {
  const by = new Map<string, string[]>();
  for (const r of relations) {
    if (r.other === self) continue;
    const list = by.get(r.other) ?? [];
    if (!list.includes(r.label)) list.push(r.label);
    by.set(r.other, list);
  }
  return [...by].map(([iri, labels]) => ({ iri, labels })).sort((a, b) => (a.iri < b.iri ? -1 : 1));
}

/** The diagram, or '' for a class without neighbours. */
export function neighbourhoodDiagram(n: Neighbourhood, ctx: LinkContext): Html | '' {
  const out = grouped(n.outgoing, n.iri);
  const inc = grouped(n.incoming, n.iri);
  const supers = n.superclasses.filter((s) => s !== n.iri);
  const subs = n.subclasses.filter((s) => s !== n.iri);
  if (out.length + inc.length + supers.length + subs.length === 0) return '';
  const name = (iri: string) => ctx.labels.get(iri) ?? iri.replace(/.*[/#]/, '');
  const left = 10;
  const middle = left + BOX.width + COLUMN_GAP;
  const right = middle + BOX.width + COLUMN_GAP;
  const width = right + BOX.width + 10;
  const rowWidth = (count: number) => count * BOX.width + (count - 1) * 20;
  // Rows of at most PER_ROW boxes, centred on the middle column.
  const rows = (iris: string[], top: number, role: string): Box[] =>
    iris.map((iri, i) => {
      const row = Math.floor(i / PER_ROW);
      const inRow = Math.min(PER_ROW, iris.length - row * PER_ROW);
      const x0 = middle + BOX.width / 2 - rowWidth(inRow) / 2;
      return { iri, x: x0 + (i % PER_ROW) * (BOX.width + 20), y: top + row * (BOX.height + BOX.gap), role };
    });
  const rowsHeight = (count: number) => (count ? Math.ceil(count / PER_ROW) * (BOX.height + BOX.gap) - BOX.gap : 0);
  const top = 10;
  const superBoxes = rows(supers, top, 'superklasse');
  const sideTop = top + (supers.length ? rowsHeight(supers.length) + ROW_GAP : 0);
  const sideHeight = Math.max(1, out.length, inc.length) * (BOX.height + BOX.gap) - BOX.gap;
  const column = (items: { iri: string; labels: string[] }[], x: number, role: string): Box[] => {
    const h = items.length * (BOX.height + BOX.gap) - BOX.gap;
    const y0 = sideTop + (sideHeight - h) / 2;
    return items.map((it, i) => ({ iri: it.iri, x, y: y0 + i * (BOX.height + BOX.gap), note: it.labels.join(', '), role }));
  };
  const incBoxes = column(inc, left, 'relatie naar deze klasse');
  const outBoxes = column(out, right, 'relatie van deze klasse');
  const self: Box = { iri: n.iri, x: middle, y: sideTop + (sideHeight - BOX.height) / 2, role: 'deze klasse' };
  const subTop = sideTop + sideHeight + (subs.length ? ROW_GAP : 0);
  const subBoxes = rows(subs, subTop, 'subklasse');
  const height = subTop + rowsHeight(subs.length) + 10;

  const f = (v: number) => Math.round(v * 10) / 10;
  const line = (x1: number, y1: number, x2: number, y2: number, kind: string, title: string) =>
    html`<line x1="${f(x1)}" y1="${f(y1)}" x2="${f(x2)}" y2="${f(y2)}" class="${kind}" marker-end="${kind === 'generalisatie' ? 'url(#erft)' : 'url(#naar)'}"><title>${title}</title></line>`;
  const lines = [
    ...superBoxes.map((b) =>
      line(self.x + BOX.width / 2, self.y, b.x + BOX.width / 2, b.y + BOX.height, 'generalisatie', `${n.label} is een ${name(b.iri)}`),
    ),
    ...subBoxes.map((b) =>
      line(b.x + BOX.width / 2, b.y, self.x + BOX.width / 2, self.y + BOX.height, 'generalisatie', `${name(b.iri)} is een ${n.label}`),
    ),
    ...outBoxes.map((b) =>
      line(self.x + BOX.width, self.y + BOX.height / 2, b.x, b.y + BOX.height / 2, 'relatie', `${n.label} ${b.note} ${name(b.iri)}`),
    ),
    ...incBoxes.map((b) =>
      line(b.x + BOX.width, b.y + BOX.height / 2, self.x, self.y + BOX.height / 2, 'relatie', `${name(b.iri)} ${b.note} ${n.label}`),
    ),
  ];
  const own = n.domains.get(n.iri)?.iri;
  const box = (b: Box) => {
    const domain = n.domains.get(b.iri);
    // Another domain, or outside the GGM (GeoSPARQL's Feature and Geometry).
    const elsewhere = b !== self && domain?.iri !== own;
    const title = `${name(b.iri)} (${b.role}${b.note ? `: ${b.note}` : ''}${domain ? `; domein ${domain.label}` : ''})`;
    const cx = b.x + BOX.width / 2;
    const shape = html`<rect x="${f(b.x)}" y="${f(b.y)}" width="${BOX.width}" height="${BOX.height}" rx="4" class="${b === self ? 'zelf' : elsewhere ? 'elders' : 'hier'}"></rect>${b.note ? html`<text x="${f(cx)}" y="${f(b.y + 16)}" text-anchor="middle" class="sub">${short(b.note, 34)}</text>` : ''}<text x="${f(cx)}" y="${f(b.y + (b.note ? 33 : 27))}" text-anchor="middle">${short(name(b.iri), 28)}</text>`;
    const href = b === self ? undefined : hrefFor(b.iri, ctx.iri);
    return href
      ? html`<a href="${href}" data-rol="${b.role}"><title>${title}</title>${shape}</a>`
      : html`<g><title>${title}</title>${shape}</g>`;
  };
  const summary = `Omgeving van ${n.label}: ${supers.length} superklassen, ${subs.length} subklassen, relaties naar ${out.length} en van ${inc.length} andere klassen`;
  return html`<figure class="diagram"><svg class="class-diagram neighbourhood" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${f(height)}" width="${width}" role="group" aria-labelledby="omgeving-titel"><title id="omgeving-titel">${summary}</title><defs><marker id="naar" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10" fill="none" stroke="#5b6570"></path></marker><marker id="erft" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="10" markerHeight="10" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#fff" stroke="#1b1f24"></path></marker></defs>${lines}${[...superBoxes, ...incBoxes, self, ...outBoxes, ...subBoxes].map(box)}</svg><figcaption>Boven de superklassen, onder de subklassen (gestippelde lijn, open driehoek naar de superklasse); links de klassen met een relatie naar deze klasse, rechts de klassen waar de eigen relaties naartoe gaan (de namen van de relaties staan in het vak). Een gestreept vak is een klasse in een ander domein. Elk vak linkt naar zijn klasse.</figcaption></figure>`;
}
