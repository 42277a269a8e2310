/**
 * The one content negotiation of the service (documents, pages, SPARQL answers,
 * error bodies), on the kept `negotiator` package (the one express uses).
 *
 * Rules (RFC 9110 §12.5.1):
 *  - q-values and wildcards; the most specific matching range sets a type's q;
 *    among equal q the more specific range, then the client's order, then the
 *    server's order of offers wins (negotiator's ordering);
 *  - no Accept header, an empty one, or one without a single parseable media
 *    range (`Accept: garbage`) is treated as absent — "any media type" — and
 *    gets the first offer: the header is disregarded, as §12.5.1 allows, because
 *    a malformed header is not a statement about what the client accepts;
 *  - a header with media ranges none of which matches an offer → undefined,
 *    which callers answer with 406 listing `mediaTypes()`.
 * An offer may be asked for by other names (aliases): text/plain selects
 * N-Triples, application/json JSON-LD …; aliases never win a wildcard.
 * An extension or ?format= is decided before negotiation, by the caller.
 */
import Negotiator from 'negotiator';

export interface Offer {
  /** The media type answered with. */
  mediaType: string;
  /** Other media types that select this offer (text/plain → N-Triples …). */
  aliases?: readonly string[];
}

/** A media range: type/subtype with optional parameters, as negotiator parses it. */
const MEDIA_RANGE = /(?:^|,)\s*[^\s/;,]+\/[^\s;,]+/;
const MEMO_SIZE = 256;

/** What one kind of answer is offered in, in the server's order of preference. */
export class Offers<T extends Offer> {
  private readonly available: string[];
  private readonly byType = new Map<string, T>();
  /** Clients send the same few Accept headers again and again. */
  private readonly memo = new Map<string, T | null>();

  constructor(readonly list: readonly T[]) {
    const primary = list.map((o) => o.mediaType);
    const aliases = list.flatMap((o) => o.aliases ?? []);
    this.available = [...new Set([...primary, ...aliases])];
    for (const o of list) for (const t of [o.mediaType, ...(o.aliases ?? [])]) if (!this.byType.has(t)) this.byType.set(t, o);
  }

  /** The offer to answer with, or undefined when the client accepts none (406). */
  choose(accept: string | undefined): T | undefined {
    if (accept === undefined || !MEDIA_RANGE.test(accept)) return this.list[0];
    const known = this.memo.get(accept);
    if (known !== undefined) return known ?? undefined;
    const best = new Negotiator({ headers: { accept } }).mediaType(this.available);
    const chosen = best === undefined ? undefined : this.byType.get(best);
    if (this.memo.size >= MEMO_SIZE) this.memo.clear();
    this.memo.set(accept, chosen ?? null);
    return chosen;
  }

  /** Every media type a client may ask for (for a 406 answer). */
  mediaTypes(): string[] {
    return [...this.available];
  }
}
