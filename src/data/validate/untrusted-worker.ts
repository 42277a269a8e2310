/**
 * The worker thread that parses one untrusted RDF text at a time (see
 * untrusted.ts): the limits of input-limits.ts first (nesting, XML entities),
 * then the parser of parse.ts, counting triples and measuring literals as they
 * come. The quads go back as a flat list of encoded terms (cheap to copy and
 * to rebuild on the main thread). Its heap and its time are limited by the
 * thread that started it, which throws the worker away after any failure.
 */
import { parentPort } from 'node:worker_threads';
import type { Quad, Term } from '@rdfjs/types';
import { InputLimitError, checkTextDepth, checkXml, type RdfInputLimits } from './input-limits.js';
import { rdfSyntaxOfMediaType, rdfTextQuads } from './parse.js';

export interface ParseRequest {
  text: string;
  mediaType: string;
  baseIri: string;
  /** Named in error messages ("request body"). */
  source: string;
  limits: RdfInputLimits;
}

export type ParseReply = { ok: true; terms: string[]; triples: number } | { ok: false; kind: 'syntax' | 'limit'; message: string };

/**
 * Terms as strings: I<iri>, B<label>, D (default graph), L<value> followed by
 * @<language> or ^<datatype>.
 */
function encode(term: Term, out: string[]): void {
  switch (term.termType) {
    case 'NamedNode':
      out.push(`I${term.value}`);
      break;
    case 'BlankNode':
      out.push(`B${term.value}`);
      break;
    case 'Literal':
      out.push(`L${term.value}`, term.language ? `@${term.language}` : `^${term.datatype.value}`);
      break;
    case 'DefaultGraph':
      out.push('D');
      break;
    default:
      throw new InputLimitError(`unsupported term type ${term.termType}`);
  }
}

async function parse(request: ParseRequest): Promise<ParseReply> {
  const { text, mediaType, limits } = request;
  const syntax = rdfSyntaxOfMediaType(mediaType);
  if (syntax === 'rdfxml') checkXml(text, limits);
  else if (syntax === 'jsonld') checkTextDepth(text, 'json', limits);
  else if (syntax === 'turtle' || syntax === 'trig' || syntax === 'n3') checkTextDepth(text, 'brackets', limits);
  const terms: string[] = [];
  let triples = 0;
  for await (const quad of rdfTextQuads(text, mediaType, request.baseIri, request.source) as AsyncIterable<Quad>) {
    if (++triples > limits.maxTriples) throw new InputLimitError(`more than ${limits.maxTriples} triples (triple limit)`);
    if (quad.object.termType === 'Literal' && quad.object.value.length > limits.maxLiteralLength)
      throw new InputLimitError(
        `a literal of ${quad.object.value.length} characters (of <${quad.subject.value}> <${quad.predicate.value}>); ` +
          `at most ${limits.maxLiteralLength} are accepted (literal limit)`,
      );
    encode(quad.subject, terms);
    encode(quad.predicate, terms);
    encode(quad.object, terms);
    encode(quad.graph, terms);
  }
  return { ok: true, terms, triples };
}

parentPort!.on('message', (request: ParseRequest) => {
  parse(request).then(
    (reply) => parentPort!.postMessage(reply),
    (e: unknown) =>
      parentPort!.postMessage({
        ok: false,
        kind: e instanceof InputLimitError ? 'limit' : 'syntax',
        message: e instanceof Error ? e.message : String(e),
      } satisfies ParseReply),
  );
});
