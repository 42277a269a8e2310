/**
 * Read a SPARQL 1.1 Protocol request: GET ?query=, POST form (query= / update=),
 * POST application/sparql-query and application/sparql-update, with the dataset
 * parameters. Malformed requests throw a GgmError with the HTTP status.
 */
import type { Request } from 'express';
import { GgmError } from '../../core/errors.js';

/** A malformed protocol request: the one error type, code 'bad-request' (or the status's own). */
function protocolError(status: number, message: string, headers: Record<string, string> = {}): GgmError {
  const code = { 405: 'method-not-allowed', 413: 'request-too-large', 415: 'unsupported-media-type' }[status] ?? 'bad-request';
  return new GgmError(status, code, message, { headers });
}

export type ProtocolRequest =
  | { kind: 'query'; text: string; defaultGraphs: string[]; namedGraphs: string[] }
  | { kind: 'update'; text: string; usingGraphs: string[]; usingNamedGraphs: string[] }
  /** GET without query: the service description (or the query page). */
  | { kind: 'description' };

const FORM = 'application/x-www-form-urlencoded';
const QUERY = 'application/sparql-query';
const UPDATE = 'application/sparql-update';

function one(params: URLSearchParams, name: string): string | undefined {
  const values = params.getAll(name);
  if (values.length > 1) throw protocolError(400, `more than one ${name} parameter: send one ${name} per request`);
  return values[0];
}

function contentType(req: Request): { type: string; charset?: string } {
  const header = req.get('content-type');
  if (!header) throw protocolError(415, `POST needs a Content-Type: ${FORM}, ${QUERY} or ${UPDATE}`);
  const [type, ...params] = header.split(';').map((s) => s.trim());
  const charset = params.map((p) => /^charset\s*=\s*"?([^";]+)"?$/i.exec(p)?.[1]).find(Boolean);
  if (charset && charset.toLowerCase() !== 'utf-8' && charset.toLowerCase() !== 'utf8')
    throw protocolError(415, `charset ${charset} is not supported: send UTF-8`);
  return { type: type.toLowerCase(), charset };
}

export async function readBody(req: Request, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  const tooLarge = () => protocolError(413, `request body larger than ${limit} bytes`);
  // Refuse a declared oversize body unread (node discards it); read past an undeclared one, so the
  // client gets the 413 instead of a reset connection (up to 16 × the limit, then the socket closes).
  if (Number(req.get('content-length')) > limit) throw tooLarge();
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit * 16) throw tooLarge();
    if (size <= limit) chunks.push(chunk);
  }
  if (size > limit) throw tooLarge();
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw protocolError(400, 'request body is not valid UTF-8');
  }
}

function fromParams(params: URLSearchParams, extra = new URLSearchParams()): ProtocolRequest | undefined {
  const all = (name: string) => [...params.getAll(name), ...extra.getAll(name)];
  const query = one(params, 'query');
  const update = one(params, 'update');
  if (query !== undefined && update !== undefined) throw protocolError(400, 'a request carries either query or update, not both');
  if (query !== undefined)
    return { kind: 'query', text: query, defaultGraphs: all('default-graph-uri'), namedGraphs: all('named-graph-uri') };
  if (update !== undefined)
    return { kind: 'update', text: update, usingGraphs: all('using-graph-uri'), usingNamedGraphs: all('using-named-graph-uri') };
  return undefined;
}

export async function readProtocolRequest(req: Request, maxBytes: number): Promise<ProtocolRequest> {
  const url = new URL(req.originalUrl, 'http://endpoint');
  const params = url.searchParams;
  if (req.method === 'GET' || req.method === 'HEAD') {
    if (params.has('update')) throw protocolError(400, 'updates must be sent with POST, not GET');
    return fromParams(params) ?? { kind: 'description' };
  }
  if (req.method !== 'POST') throw protocolError(405, `method ${req.method} not allowed: use GET or POST`, { Allow: 'GET, HEAD, POST' });
  const { type } = contentType(req);
  const body = await readBody(req, type === FORM ? maxBytes * 3 : maxBytes);
  switch (type) {
    case FORM: {
      const form = new URLSearchParams(body);
      if (params.has('query') || params.has('update'))
        throw protocolError(400, 'with a form POST, query/update goes in the body, not the URL');
      const request = fromParams(form, params);
      if (!request) throw protocolError(400, 'the form has no query= or update= field');
      return request;
    }
    case QUERY:
      return {
        kind: 'query',
        text: body,
        defaultGraphs: params.getAll('default-graph-uri'),
        namedGraphs: params.getAll('named-graph-uri'),
      };
    case UPDATE:
      return {
        kind: 'update',
        text: body,
        usingGraphs: params.getAll('using-graph-uri'),
        usingNamedGraphs: params.getAll('using-named-graph-uri'),
      };
    default:
      throw protocolError(415, `Content-Type ${type} not supported: use ${FORM}, ${QUERY} or ${UPDATE}`);
  }
}
