/**
 * Proactive content negotiation (RFC 9110 §12.5.1): q-values, wildcards,
 * the most specific matching range wins; ties go to the server's order.
 */
import { FORMATS, type Format } from './formats.js';

interface MediaRange {
  type: string;
  subtype: string;
  q: number;
  /** 0 for * / *, 1 for type/*, 2 for type/subtype (parameters other than q add 1). */
  specificity: number;
}

export class AcceptParseError extends Error {}

export function parseAccept(header: string): MediaRange[] {
  const ranges: MediaRange[] = [];
  for (const part of header.split(',')) {
    const trimmed = part.trim();
    if (trimmed === '') continue;
    const [range, ...params] = trimmed.split(';').map((s) => s.trim());
    const m = /^([a-z0-9!#$%&'*+.^_`|~-]+)\/([a-z0-9!#$%&'*+.^_`|~-]+)$/i.exec(range ?? '');
    if (!m) continue; // RFC: ignore what cannot be parsed rather than fail the request
    let q = 1;
    let extra = 0;
    for (const p of params) {
      const [k, v] = p.split('=').map((s) => s.trim());
      if (k?.toLowerCase() === 'q') {
        const n = Number(v);
        q = Number.isFinite(n) ? Math.min(1, Math.max(0, n)) : 1;
      } else if (k?.toLowerCase() !== 'charset') extra = 1;
    }
    const type = m[1]!.toLowerCase();
    const subtype = m[2]!.toLowerCase();
    if (type === '*' && subtype !== '*') continue;
    ranges.push({ type, subtype, q, specificity: (type === '*' ? 0 : subtype === '*' ? 1 : 2) + extra });
  }
  return ranges;
}

function qualityOf(mediaType: string, ranges: MediaRange[]): number {
  const [type, subtype] = mediaType.split('/') as [string, string];
  let best: MediaRange | undefined;
  for (const r of ranges) {
    const matches = (r.type === '*' || r.type === type) && (r.subtype === '*' || r.subtype === subtype);
    if (matches && (!best || r.specificity > best.specificity)) best = r;
  }
  return best ? best.q : 0;
}

/**
 * The format to answer with for an Accept header, or undefined when the client
 * accepts none of the offered formats (406). No header means anything goes.
 */
export function negotiate(accept: string | undefined, offered: readonly Format[] = FORMATS): Format | undefined {
  if (accept === undefined || accept.trim() === '') return offered[0];
  const ranges = parseAccept(accept);
  if (ranges.length === 0) return offered[0];
  let chosen: Format | undefined;
  let chosenQ = 0;
  for (const f of offered) {
    const q = qualityOf(f.mediaType, ranges);
    if (q > chosenQ) {
      chosen = f;
      chosenQ = q;
    }
  }
  return chosen;
}
