/**
 * Name → IRI-safe local name conversions. ASCII only, no whitespace, no '%'.
 * Pure functions: the same input always gives the same output.
 */

/** Strip diacritics (é → e, ë → e, ï → i) and other non-ASCII letters. */
export function asciiFold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/[æÆ]/g, 'ae')
    .replace(/[øØ]/g, 'o');
}

function words(s: string): string[] {
  return asciiFold(s)
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w.length > 0);
}

/** "aanwezige deelnemer" → "AanwezigeDeelnemer"; inner capitals are kept ("NatuurlijkPersoon"). */
export function upperCamel(s: string): string {
  return words(s)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}

/** "Datum Aanvraag" → "datumAanvraag"; "BSN" → "bsn"; "IBANNummer" → "ibanNummer". */
export function lowerCamel(s: string): string {
  const u = upperCamel(s);
  if (u === '') return '';
  // Lower-case a leading run of capitals, keeping the last one if a lower-case letter follows.
  const m = /^([A-Z0-9]+)(?=[A-Z][a-z]|$)/.exec(u);
  if (m && m[1]!.length > 1) return m[1]!.toLowerCase() + u.slice(m[1]!.length);
  return u[0]!.toLowerCase() + u.slice(1);
}

/** A readable slug for code-list values: "Touw tornado" → "Touw-tornado". Case is kept. */
export function slug(s: string): string {
  return asciiFold(s)
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Lower-case first character only: "Persoon_Inkomen" → "persoon_Inkomen". */
export function lowerFirst(s: string): string {
  return s === '' ? s : s[0]!.toLowerCase() + s.slice(1);
}

/** Assigns unique names within one scope; collisions get "_2", "_3" … in call order. */
export class NameScope {
  private readonly used = new Map<string, number>();
  /** Mark a name as taken (an IRI minted earlier), so it is never minted for something else. */
  reserve(name: string): void {
    const key = name.toLowerCase();
    if (!this.used.has(key)) this.used.set(key, 1);
  }
  take(wanted: string): { name: string; collided: boolean } {
    const key = wanted.toLowerCase();
    const n = this.used.get(key);
    if (n === undefined) {
      this.used.set(key, 1);
      return { name: wanted, collided: false };
    }
    let i = n + 1;
    while (this.used.has(`${key}_${i}`)) i++;
    this.used.set(key, i);
    this.used.set(`${key}_${i}`, 1);
    return { name: `${wanted}_${i}`, collided: true };
  }
}
