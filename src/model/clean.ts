/**
 * Cleaning rules for text values of the GGM release. Each returns the clean
 * value and what it did, so the reader can report decisions that lost or
 * guessed information.
 */

export type CleanAction =
  'placeholder' | 'notes-residue' | 'html-stripped' | 'whitespace' | 'encoding-repaired' | 'encoding-damaged' | 'entity-decoded';

export interface Cleaned {
  value: string | undefined;
  actions: CleanAction[];
  /** The text that was removed (residue, tags), for the quality report. */
  removed?: string;
  /** Double-encoded runs: [as in the source, as repaired (or undefined when not repairable)]. */
  encoding?: [string, string | undefined][];
  /** Named HTML entities left in the text by the source and decoded here (e.g. &lsquo;). */
  entities?: string[];
}

const PLACEHOLDERS = new Set(['<memo>', 'nan', 'none', 'null', 'n/a', '-']);

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
/** Typographic entities the source leaves undecoded in plain text (&lsquo;Zettingsgevoelig&rsquo;). */
const TYPOGRAPHIC: Record<string, string> = {
  lsquo: '\u2018',
  rsquo: '\u2019',
  ldquo: '\u201c',
  rdquo: '\u201d',
  ndash: '\u2013',
  mdash: '\u2014',
  hellip: '\u2026',
  eacute: '\u00e9',
  euml: '\u00eb',
  iuml: '\u00ef',
  ouml: '\u00f6',
};

/** Windows-1252 bytes 0x80–0x9F by the character they show as. */
const CP1252: Record<string, number> = Object.fromEntries(
  [
    '\u20ac',
    '',
    '\u201a',
    '\u0192',
    '\u201e',
    '\u2026',
    '\u2020',
    '\u2021',
    '\u02c6',
    '\u2030',
    '\u0160',
    '\u2039',
    '\u0152',
    '',
    '\u017d',
    '',
    '',
    '\u2018',
    '\u2019',
    '\u201c',
    '\u201d',
    '\u2022',
    '\u2013',
    '\u2014',
    '\u02dc',
    '\u2122',
    '\u0161',
    '\u203a',
    '\u0153',
    '',
    '\u017e',
    '\u0178',
  ]
    .map((c, i) => [c, 0x80 + i] as const)
    .filter(([c]) => c !== ''),
);
const CONT = `[\\u0080-\\u00bf${Object.keys(CP1252).join('')}]`;
/** A UTF-8 sequence read as Windows-1252: a lead byte Â–ô followed by 1–3 continuation bytes ("Ã©" for "é", "â€˜" for "‘"). */
const MOJIBAKE = new RegExp(`[\\u00c2-\\u00df]${CONT}|[\\u00e0-\\u00ef]${CONT}{2}|[\\u00f0-\\u00f4]${CONT}{3}`, 'g');
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Repair text that was UTF-8, read as Windows-1252 and stored again ("Ã©Ã©n" → "één"). Each run is
 * repaired only when its bytes are exactly one valid UTF-8 sequence; otherwise it is left and reported.
 */
export function repairDoubleEncoding(s: string): { value: string; runs: [string, string | undefined][] } {
  const runs: [string, string | undefined][] = [];
  const value = s.replace(MOJIBAKE, (m) => {
    const bytes = [...m].map((c) => CP1252[c] ?? c.charCodeAt(0));
    try {
      const fixed = utf8.decode(Uint8Array.from(bytes));
      if ([...fixed].length !== 1) throw new Error('not one character');
      runs.push([m, fixed]);
      return fixed;
    } catch {
      runs.push([m, undefined]);
      return m;
    }
  });
  return { value, runs };
}

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

const TAG = /<\/?([a-z][a-z0-9]*)\b[^<>]*>/gi;
const HTML_TAGS = new Set([
  'a',
  'b',
  'i',
  'u',
  'p',
  'br',
  'div',
  'span',
  'font',
  'ul',
  'ol',
  'li',
  'em',
  'strong',
  'table',
  'tr',
  'td',
  'th',
  'sup',
  'sub',
]);

/**
 * Clean one text value:
 * - `<memo>`, `nan`, `None`, `null` and empty strings are "no value";
 * - tagged-value residue `…#NOTES#Description: …` keeps only the part before `#NOTES#`
 *   (the rest is EA's description of the tagged value, not the model's content);
 * - HTML markup is turned into plain text (block tags become line breaks, entities decoded);
 * - runs of spaces/tabs collapse; leading/trailing white space is trimmed.
 */
export function cleanText(raw: string | undefined, opts: { multiline?: boolean } = {}): Cleaned {
  const actions: CleanAction[] = [];
  if (raw === undefined) return { value: undefined, actions };
  let s = raw;
  let removed: string | undefined;
  const notes = s.indexOf('#NOTES#');
  if (notes >= 0) {
    removed = s.slice(notes);
    s = s.slice(0, notes);
    actions.push('notes-residue');
  }
  let hadHtml = false;
  s = s.replace(TAG, (m, tag: string) => {
    const t = tag.toLowerCase();
    if (!HTML_TAGS.has(t)) return m;
    hadHtml = true;
    return t === 'br' || t === 'p' || t === 'div' || t === 'li' || t === 'tr' ? '\n' : '';
  });
  if (hadHtml || /&(#\d+|#x[0-9a-f]+|amp|lt|gt|quot|nbsp);/i.test(s)) {
    if (hadHtml) actions.push('html-stripped');
    s = decodeEntities(s);
  }
  const typographic: string[] = [];
  s = s.replace(/&([a-z]+);/gi, (m, e: string) => {
    const c = TYPOGRAPHIC[e.toLowerCase()];
    if (c === undefined) return m;
    typographic.push(m);
    return c;
  });
  if (typographic.length) actions.push('entity-decoded');
  const repaired = repairDoubleEncoding(s);
  if (repaired.runs.some(([, f]) => f !== undefined)) actions.push('encoding-repaired');
  if (repaired.runs.some(([, f]) => f === undefined)) actions.push('encoding-damaged');
  s = repaired.value;
  s = s.replace(/\r\n?/g, '\n');
  const trimmed = opts.multiline
    ? s
        .split('\n')
        .map((l) => l.replace(/[ \t\u00a0]+/g, ' ').trim())
        .join('\n')
        .replace(/\n{3,}/g, '\n\n')
        .trim()
    : s.replace(/\s+/g, ' ').trim();
  if (trimmed !== s && trimmed.replace(/\s/g, '') === s.replace(/\s/g, '') && !actions.length && /\n|\s{2,}|^\s|\s$/.test(s)) {
    actions.push('whitespace');
  }
  s = trimmed;
  if (s === '' || PLACEHOLDERS.has(s.toLowerCase())) {
    if (raw.trim() !== '' && !actions.includes('notes-residue')) actions.push('placeholder');
    return { value: undefined, actions, removed: removed ?? raw };
  }
  return {
    value: s,
    actions,
    removed,
    ...(repaired.runs.length ? { encoding: repaired.runs } : {}),
    ...(typographic.length ? { entities: typographic } : {}),
  };
}

/** "Ja"/"Nee"/true/false → boolean; anything else → undefined. */
export function cleanFlag(raw: string | undefined): boolean | undefined {
  if (raw === undefined) return undefined;
  const s = raw.trim().toLowerCase();
  if (s === 'ja' || s === 'true' || s === 'yes' || s === '1') return true;
  if (s === 'nee' || s === 'false' || s === 'no' || s === '0') return false;
  return undefined;
}

/** Synonyms are separated by commas or semicolons. */
export function splitSynonyms(s: string | undefined): string[] | undefined {
  if (!s) return undefined;
  const parts = s
    .split(/[;,\n]/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  return parts.length ? parts : undefined;
}
