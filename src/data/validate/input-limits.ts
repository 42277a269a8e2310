/**
 * Limits on untrusted RDF text, checked before (or while) a parser reads it:
 * parsers recurse or allocate per level of nesting, and an XML document type
 * can define entities that expand to gigabytes (a 600-byte RDF/XML expands to
 * 20 MB in Oxigraph's parser). Linear scans, no recursion: nesting of
 * Turtle-family and SPARQL brackets ({ ( [), of JSON ([ {), and of XML elements
 * with its entity declarations (through saxes, which streams).
 */
import { SaxesParser } from 'saxes';

export interface RdfInputLimits {
  /** Deepest nesting of brackets (Turtle, TriG, N3, JSON-LD) or elements (RDF/XML). */
  maxDepth: number;
  /** Most triples in one document (what the main thread then holds and validates). */
  maxTriples: number;
  /** Longest literal, in UTF-16 code units (about bytes for Latin text). */
  maxLiteralLength: number;
  /** RDF/XML: most entity declarations in the document type. */
  maxEntities: number;
  /** RDF/XML: most characters of text and attribute values after entities are expanded. */
  maxExpandedLength: number;
  /** Heap of the parser's worker thread (MB); past it the worker is stopped. */
  memoryMb: number;
  /** Time the parse may take (ms); past it the worker is stopped. */
  timeoutMs: number;
}

export const RDF_INPUT_LIMITS: RdfInputLimits = {
  maxDepth: 128,
  maxTriples: 200_000,
  maxLiteralLength: 1024 * 1024,
  maxEntities: 256,
  maxExpandedLength: 64 * 1024 * 1024,
  memoryMb: 512,
  timeoutMs: 20_000,
};

/** A limit was passed: the message names it and its value. */
export class InputLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputLimitError';
  }
}

const IRI = /<[^<>"{}|^`\\\s]*>/y;

/** How deeply a SPARQL or Turtle-family text nests { ( [; strings, IRIs and comments are skipped. */
export function bracketDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '{' || c === '(' || c === '[') deepest = Math.max(deepest, ++depth);
    else if (c === '}' || c === ')' || c === ']') depth = Math.max(0, depth - 1);
    else if (c === '#') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (c === '<') {
      IRI.lastIndex = i;
      if (IRI.test(text)) i = IRI.lastIndex - 1;
    } else if (c === '"' || c === "'") {
      const long = text.startsWith(c.repeat(3), i);
      const close = long ? c.repeat(3) : c;
      let j = i + close.length;
      while (j < text.length && !text.startsWith(close, j)) {
        if (text[j] === '\\') j++;
        else if (!long && text[j] === '\n') break;
        j++;
      }
      i = j + close.length - 1;
    }
  }
  return deepest;
}

/** How deeply a JSON text nests [ and {; strings are skipped. */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7b || c === 0x5b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x7d || c === 0x5d) depth = Math.max(0, depth - 1);
    else if (c === 0x22) {
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c) i++;
    }
  }
  return deepest;
}

function tooDeep(depth: number, limits: RdfInputLimits, what: string): InputLimitError {
  return new InputLimitError(`${what} nests ${depth} levels deep; at most ${limits.maxDepth} are accepted (depth limit)`);
}

/** Refuse a Turtle-family or JSON-LD text nested deeper than the limit. */
export function checkTextDepth(text: string, syntax: 'brackets' | 'json', limits: RdfInputLimits): void {
  const depth = syntax === 'json' ? jsonDepth(text) : bracketDepth(text);
  if (depth > limits.maxDepth) throw tooDeep(depth, limits, 'the document');
}

const ENTITY = /<!ENTITY\s+([^\s%"'<>]+)\s+("[^"]*"|'[^']*')\s*>/g;
const REFERENCE = /&([^\s&;<>"']+);/g;

/**
 * The internal entities an XML document type declares, each expanded (entities may
 * refer to other entities), refused when there are too many, one refers to itself,
 * one is external or a parameter entity, or an expansion is longer than a literal may be.
 */
export function xmlEntities(doctype: string, limits: RdfInputLimits): Record<string, string> {
  if (/<!ENTITY\s+%/.test(doctype)) throw new InputLimitError('the document type declares a parameter entity; they are not accepted');
  if (/<!ENTITY\s+\S+\s+(SYSTEM|PUBLIC)\b/.test(doctype))
    throw new InputLimitError('the document type declares an external entity; they are not accepted (nothing is fetched)');
  const declared = new Map<string, string>();
  for (const m of doctype.matchAll(ENTITY)) {
    if (!declared.has(m[1]!)) declared.set(m[1]!, m[2]!.slice(1, -1));
    if (declared.size > limits.maxEntities)
      throw new InputLimitError(`the document type declares more than ${limits.maxEntities} entities (entity limit)`);
  }
  const expanded = new Map<string, string>();
  const expanding = new Set<string>();
  const expand = (name: string): string => {
    const done = expanded.get(name);
    if (done !== undefined) return done;
    if (expanding.has(name)) throw new InputLimitError(`entity &${name}; refers to itself`);
    expanding.add(name);
    const value = declared.get(name)!.replace(REFERENCE, (all, ref: string) => (declared.has(ref) ? expand(ref) : all));
    expanding.delete(name);
    if (value.length > limits.maxLiteralLength)
      throw new InputLimitError(
        `entity &${name}; expands to ${value.length} characters; at most ${limits.maxLiteralLength} are accepted (entity expansion limit)`,
      );
    expanded.set(name, value);
    return value;
  };
  for (const name of declared.keys()) expand(name);
  return Object.fromEntries(expanded);
}

/**
 * Read an XML text once with a streaming parser: refuse element nesting deeper than the
 * limit, bad entity declarations (xmlEntities), and more expanded text than maxExpandedLength.
 * Returns the expanded entities (for the RDF/XML parser). Syntax errors are left to that parser.
 */
export function checkXml(text: string, limits: RdfInputLimits): Record<string, string> {
  const parser = new SaxesParser({ xmlns: false, position: true });
  let entities: Record<string, string> = {};
  let depth = 0;
  let expandedLength = 0;
  const grow = (n: number) => {
    expandedLength += n;
    if (expandedLength > limits.maxExpandedLength)
      throw new InputLimitError(
        `the document's text expands to more than ${limits.maxExpandedLength} characters (entity expansion limit)`,
      );
  };
  parser.on('doctype', (doctype) => {
    entities = xmlEntities(doctype, limits);
    Object.assign(parser.ENTITIES, entities);
  });
  parser.on('opentag', (tag) => {
    if (++depth > limits.maxDepth) throw tooDeep(depth, limits, 'the XML document');
    for (const value of Object.values(tag.attributes)) grow(String(value).length);
  });
  parser.on('closetag', () => depth--);
  parser.on('text', (t) => grow(t.length));
  parser.on('error', () => undefined); // syntax errors: the RDF/XML parser reports them with their line
  try {
    parser.write(text).close();
  } catch (e) {
    if (e instanceof InputLimitError) throw e;
  }
  return entities;
}
