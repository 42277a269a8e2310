/**
 * The representations every document is offered in: media type, other media
 * types that ask for it, file extension (…/Zaak.ttl), ?format= names and a label
 * for download links. Order matters: it is the server's preference when the
 * client has none.
 */
import { Offers } from './negotiate.js';

export interface Format {
  mediaType: string;
  /** Media types clients use for the same syntax (text/plain for N-Triples …): they select this format. */
  aliases: readonly string[];
  /** File extension without the dot. */
  extension: string;
  /** Names accepted by ?format= (besides the media type and the extension). */
  names: string[];
  /** Content-Type header value. */
  contentType: string;
  label: string;
  /** Whether the format can carry named graphs. */
  quads: boolean;
}

export const FORMATS: readonly Format[] = [
  {
    mediaType: 'text/html',
    aliases: [],
    extension: 'html',
    names: ['html'],
    contentType: 'text/html; charset=utf-8',
    label: 'HTML',
    quads: false,
  },
  {
    mediaType: 'text/turtle',
    aliases: ['text/n3', 'application/x-turtle'],
    extension: 'ttl',
    names: ['turtle'],
    contentType: 'text/turtle; charset=utf-8',
    label: 'Turtle',
    quads: false,
  },
  {
    mediaType: 'application/ld+json',
    aliases: ['application/json'],
    extension: 'jsonld',
    names: ['json-ld', 'json'],
    contentType: 'application/ld+json; charset=utf-8',
    label: 'JSON-LD',
    quads: false,
  },
  {
    mediaType: 'application/n-triples',
    aliases: ['text/plain'],
    extension: 'nt',
    names: ['ntriples', 'n-triples'],
    contentType: 'application/n-triples; charset=utf-8',
    label: 'N-Triples',
    quads: false,
  },
  {
    mediaType: 'application/rdf+xml',
    aliases: ['application/xml', 'text/xml'],
    extension: 'rdf',
    names: ['rdfxml', 'rdf-xml', 'xml'],
    contentType: 'application/rdf+xml; charset=utf-8',
    label: 'RDF/XML',
    quads: false,
  },
  {
    mediaType: 'application/trig',
    aliases: [],
    extension: 'trig',
    names: [],
    contentType: 'application/trig; charset=utf-8',
    label: 'TriG',
    quads: true,
  },
  {
    mediaType: 'application/n-quads',
    aliases: [],
    extension: 'nq',
    names: ['nquads', 'n-quads'],
    contentType: 'application/n-quads; charset=utf-8',
    label: 'N-Quads',
    quads: true,
  },
];

export const HTML = FORMATS[0]!;

/** The RDF formats (everything but HTML). */
export const RDF_FORMATS: readonly Format[] = FORMATS.filter((f) => f !== HTML);

/** Negotiation among the document formats (HTML first), and among the RDF formats only (Turtle first). */
export const DOCUMENT_OFFERS = new Offers(FORMATS);
export const RDF_OFFERS = new Offers(RDF_FORMATS);

/** The format with this file extension (without dot), if any. */
export function formatByExtension(ext: string): Format | undefined {
  return FORMATS.find((f) => f.extension === ext);
}

/** The format named by a ?format= value: an extension, a name or a media type. */
export function formatByName(name: string): Format | undefined {
  const n = name.trim().toLowerCase();
  return FORMATS.find((f) => f.extension === n || f.mediaType === n || f.names.includes(n) || f.aliases.includes(n));
}

/** Split a path into its stem and a known format extension ("/def/ggm/Zaak.ttl" → "/def/ggm/Zaak", ttl). */
export function splitExtension(path: string): { stem: string; format?: Format } {
  const m = /\.([a-z]+)$/.exec(path);
  const format = m ? formatByExtension(m[1]!) : undefined;
  return format ? { stem: path.slice(0, -(format.extension.length + 1)), format } : { stem: path };
}
