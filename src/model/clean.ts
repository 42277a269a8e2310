/**
 * Cleaning rules for text values of the GGM release. Each returns the clean
 * value and what it did, so the reader can report decisions that lost or
 * guessed information.
 */

export type CleanAction = 'placeholder' | 'notes-residue' | 'html-stripped' | 'whitespace';

export interface Cleaned {
  value: string | undefined;
  actions: CleanAction[];
  /** The text that was removed (residue, tags), for the quality report. */
  removed?: string;
}

const PLACEHOLDERS = new Set(['<memo>', 'nan', 'none', 'null', 'n/a', '-']);

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

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
  return { value: s, actions, removed };
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
