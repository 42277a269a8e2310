/**
 * Answer formats of the SPARQL endpoint and their negotiation by Accept
 * (q-values, type/* and *\/* ranges; on equal preference the server's order wins).
 */
import type { QueryForm } from '../../store/types.js';

export interface Offer {
  /** What a client may ask for. */
  accept: string;
  /** What the store writes and the response declares. */
  mediaType: string;
}

const offer = (mediaType: string, accept = mediaType): Offer => ({ accept, mediaType });

export const RESULT_OFFERS: Offer[] = [
  offer('application/sparql-results+json'),
  offer('application/sparql-results+xml'),
  offer('text/csv'),
  offer('text/tab-separated-values'),
  offer('application/sparql-results+json', 'application/json'),
  offer('application/sparql-results+xml', 'application/xml'),
  offer('application/sparql-results+xml', 'text/xml'),
];

export const RDF_OFFERS: Offer[] = [
  offer('text/turtle'),
  offer('application/n-triples'),
  offer('application/ld+json'),
  offer('application/rdf+xml'),
  offer('application/trig'),
  offer('application/n-quads'),
  offer('application/n-triples', 'text/plain'),
  offer('application/ld+json', 'application/json'),
  offer('application/rdf+xml', 'application/xml'),
];

export function offersFor(form: QueryForm): Offer[] {
  return form === 'SELECT' || form === 'ASK' ? RESULT_OFFERS : RDF_OFFERS;
}

interface Range {
  type: string;
  q: number;
}

function parseAccept(header: string): Range[] {
  const ranges: Range[] = [];
  for (const part of header.split(',')) {
    const [type, ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    if (!type) continue;
    let q = 1;
    for (const p of params) {
      const m = /^q\s*=\s*([0-9.]+)$/.exec(p);
      if (m) q = Math.min(1, Number(m[1]) || 0);
    }
    ranges.push({ type, q });
  }
  return ranges;
}

/** Quality the client gives a media type: from its most specific matching range, 0 when none. */
function quality(ranges: Range[], mediaType: string): number {
  const [major] = mediaType.split('/');
  let best = -1;
  let q = 0;
  for (const r of ranges) {
    const specificity = r.type === mediaType ? 2 : r.type === `${major}/*` ? 1 : r.type === '*/*' ? 0 : -1;
    if (specificity > best) {
      best = specificity;
      q = r.q;
    }
  }
  return q;
}

/** The offer the client prefers, the first offer when it sends no Accept, undefined when it accepts none. */
export function negotiate(acceptHeader: string | undefined, offers: Offer[]): Offer | undefined {
  if (!acceptHeader || !acceptHeader.trim()) return offers[0];
  const ranges = parseAccept(acceptHeader);
  let chosen: Offer | undefined;
  let chosenQ = 0;
  for (const o of offers) {
    const q = quality(ranges, o.accept);
    if (q > chosenQ) {
      chosen = o;
      chosenQ = q;
    }
  }
  return chosen;
}

/** Media types a client can ask for, for the 406 message. */
export function offeredTypes(offers: Offer[]): string[] {
  return [...new Set(offers.map((o) => o.accept))];
}
