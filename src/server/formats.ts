/**
 * The representations every document is offered in: media type, file
 * extension (…/Zaak.ttl), ?format= names and a label for download links.
 * Order matters: it is the server's preference when the client has none.
 */
export interface Format {
  mediaType: string;
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
  { mediaType: 'text/html', extension: 'html', names: ['html'], contentType: 'text/html; charset=utf-8', label: 'HTML', quads: false },
  {
    mediaType: 'text/turtle',
    extension: 'ttl',
    names: ['turtle'],
    contentType: 'text/turtle; charset=utf-8',
    label: 'Turtle',
    quads: false,
  },
  {
    mediaType: 'application/ld+json',
    extension: 'jsonld',
    names: ['json-ld', 'json'],
    contentType: 'application/ld+json; charset=utf-8',
    label: 'JSON-LD',
    quads: false,
  },
  {
    mediaType: 'application/n-triples',
    extension: 'nt',
    names: ['ntriples', 'n-triples'],
    contentType: 'application/n-triples; charset=utf-8',
    label: 'N-Triples',
    quads: false,
  },
  {
    mediaType: 'application/rdf+xml',
    extension: 'rdf',
    names: ['rdfxml', 'rdf-xml', 'xml'],
    contentType: 'application/rdf+xml; charset=utf-8',
    label: 'RDF/XML',
    quads: false,
  },
  {
    mediaType: 'application/trig',
    extension: 'trig',
    names: [],
    contentType: 'application/trig; charset=utf-8',
    label: 'TriG',
    quads: true,
  },
  {
    mediaType: 'application/n-quads',
    extension: 'nq',
    names: ['nquads', 'n-quads'],
    contentType: 'application/n-quads; charset=utf-8',
    label: 'N-Quads',
    quads: true,
  },
];

export const HTML = FORMATS[0]!;

/** The format with this file extension (without dot), if any. */
export function formatByExtension(ext: string): Format | undefined {
  return FORMATS.find((f) => f.extension === ext);
}

/** The format named by a ?format= value: an extension, a name or a media type. */
export function formatByName(name: string): Format | undefined {
  const n = name.trim().toLowerCase();
  return FORMATS.find((f) => f.extension === n || f.mediaType === n || f.names.includes(n));
}

/** Split a path into its stem and a known format extension ("/def/ggm/Zaak.ttl" → "/def/ggm/Zaak", ttl). */
export function splitExtension(path: string): { stem: string; format?: Format } {
  const m = /\.([a-z]+)$/.exec(path);
  const format = m ? formatByExtension(m[1]!) : undefined;
  return format ? { stem: path.slice(0, -(format.extension.length + 1)), format } : { stem: path };
}
