// Reads RDF files into RDF/JS quads, choosing the syntax by file extension.
// Turtle, N-Triples, N-Quads, TriG and N3 stream through N3.js; JSON-LD is
// parsed by Oxigraph (offline: remote @context documents are refused);
// RDF/XML streams through rdfxml-streaming-parser. Every parse error names
// the file (or other source, e.g. a request body) and the line.
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import type { Quad, Quad_Graph, Quad_Object, Quad_Predicate, Quad_Subject, Term } from '@rdfjs/types';
import { DataFactory, StreamParser } from 'n3';
import * as oxigraph from 'oxigraph';
import { RdfXmlParser } from 'rdfxml-streaming-parser';

export type RdfSyntax = 'turtle' | 'ntriples' | 'nquads' | 'trig' | 'n3' | 'jsonld' | 'rdfxml';

const syntaxByExtension: Record<string, RdfSyntax> = {
  '.ttl': 'turtle',
  '.turtle': 'turtle',
  '.nt': 'ntriples',
  '.nq': 'nquads',
  '.trig': 'trig',
  '.n3': 'n3',
  '.jsonld': 'jsonld',
  '.json': 'jsonld',
  '.rdf': 'rdfxml',
  '.owl': 'rdfxml',
  '.xml': 'rdfxml',
};

const n3Format: Record<string, string> = {
  turtle: 'text/turtle',
  ntriples: 'application/n-triples',
  nquads: 'application/n-quads',
  trig: 'application/trig',
  n3: 'text/n3',
};

/** The syntax of an RDF file, from its extension (a trailing .gz is not supported). */
export function rdfSyntaxOf(file: string): RdfSyntax {
  const extension = path.extname(file).toLowerCase();
  const syntax = syntaxByExtension[extension];
  if (!syntax) {
    throw new Error(`${file}: unknown RDF file extension "${extension}" (known: ${Object.keys(syntaxByExtension).join(' ')})`);
  }
  return syntax;
}

export interface ParseOptions {
  /** Base IRI for relative IRIs; defaults to the file's own file: URL. */
  baseIri?: string;
  /** Override the syntax chosen by extension. */
  syntax?: RdfSyntax;
}

/** Streams the quads of an RDF file. JSON-LD is read whole before the first quad. */
export async function* rdfFileQuads(file: string, options: ParseOptions = {}): AsyncGenerator<Quad> {
  const syntax = options.syntax ?? rdfSyntaxOf(file);
  const baseIri = options.baseIri ?? pathToFileURL(path.resolve(file)).href;
  if (syntax === 'jsonld') {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      throw parseError(file, error);
    }
    yield* parseJsonLd(text, file, baseIri);
    return;
  }
  yield* streamQuads(createReadStream(file), syntax, baseIri, file);
}

/**
 * Parses RDF text received as a whole (e.g. a request body) in a syntax named
 * by its media type; errors name `source` and the line.
 */
export async function parseRdfText(text: string, mediaType: string, baseIri: string, source: string): Promise<Quad[]> {
  const quads: Quad[] = [];
  for await (const quad of rdfTextQuads(text, mediaType, baseIri, source)) quads.push(quad);
  return quads;
}

/** Streams the quads of RDF text received as a whole, as parseRdfText reads them. */
export function rdfTextQuads(text: string, mediaType: string, baseIri: string, source: string): AsyncIterable<Quad> | Iterable<Quad> {
  const syntax = syntaxByMediaType[mediaType];
  if (!syntax) throw new Error(`${source}: not an RDF media type: ${mediaType}`);
  return syntax === 'jsonld' ? parseJsonLd(text, source, baseIri) : streamQuads(Readable.from([text]), syntax, baseIri, source);
}

/** The RDF syntax of a media type, when it is one of ours. */
export function rdfSyntaxOfMediaType(mediaType: string): RdfSyntax | undefined {
  return syntaxByMediaType[mediaType];
}

const syntaxByMediaType: Record<string, RdfSyntax> = {
  'text/turtle': 'turtle',
  'application/n-triples': 'ntriples',
  'application/n-quads': 'nquads',
  'application/trig': 'trig',
  'text/n3': 'n3',
  'application/ld+json': 'jsonld',
  'application/rdf+xml': 'rdfxml',
};

async function* streamQuads(input: Readable, syntax: Exclude<RdfSyntax, 'jsonld'>, baseIri: string, source: string): AsyncGenerator<Quad> {
  const parser = syntax === 'rdfxml'
    ? new RdfXmlParser({ baseIRI: baseIri, dataFactory: DataFactory, trackPosition: true })
    : new StreamParser({ baseIRI: baseIri, format: n3Format[syntax] });
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser as unknown as NodeJS.WritableStream);
  try {
    for await (const quad of parser as AsyncIterable<Quad>) yield quad;
  } catch (error) {
    throw parseError(source, error);
  } finally {
    input.destroy();
  }
}

/** Reads all quads of an RDF file. */
export async function parseRdfFile(file: string, options: ParseOptions = {}): Promise<Quad[]> {
  const quads: Quad[] = [];
  for await (const quad of rdfFileQuads(file, options)) quads.push(quad);
  return quads;
}

function* parseJsonLd(text: string, file: string, baseIri: string): Generator<Quad> {
  let parsed: oxigraph.Quad[];
  try {
    parsed = oxigraph.parse(text, { format: 'application/ld+json', base_iri: baseIri });
  } catch (error) {
    throw parseError(file, error);
  }
  // Oxigraph terms live in WebAssembly; copy them to plain N3.js terms and keep
  // blank node labels distinct per file.
  const prefix = `jsonld${++jsonLdFileCounter}_`;
  const term = (t: oxigraph.Term): Term => {
    switch (t.termType) {
      case 'NamedNode': return DataFactory.namedNode(t.value);
      case 'BlankNode': return DataFactory.blankNode(prefix + t.value);
      case 'Literal': return DataFactory.literal(t.value, t.language || DataFactory.namedNode(t.datatype.value));
      case 'DefaultGraph': return DataFactory.defaultGraph();
      default: throw new Error(`${file}: unsupported term type ${t.termType} in JSON-LD`);
    }
  };
  for (const q of parsed)
    yield DataFactory.quad(
      term(q.subject) as Quad_Subject,
      term(q.predicate) as Quad_Predicate,
      term(q.object) as Quad_Object,
      term(q.graph) as Quad_Graph,
    );
}
let jsonLdFileCounter = 0;

function parseError(file: string, error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  if (typeof (error as NodeJS.ErrnoException)?.code === 'string' && (error as NodeJS.ErrnoException).syscall) {
    return new Error(`${file}: cannot read: ${message}`, { cause: error });
  }
  // N3.js: "... on line 3."; Oxigraph: "Parser error at line 4 column 7: ...";
  // rdfxml-streaming-parser: "Line 3 column 5: ..." or (saxes) "4:6: ...".
  const line = /\bline (\d+)/i.exec(message)?.[1] ?? /^(\d+):\d+: /.exec(message)?.[1];
  const where = line ? `${file}:${line}` : file;
  const hint = /LoadDocumentCallback/.test(message) ? ' (remote JSON-LD @context documents are not fetched: work is offline; inline the context)' : '';
  return new Error(`${where}: RDF parse error: ${message}${hint}`, { cause: error });
}
