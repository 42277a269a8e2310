/**
 * Front of every request when access control is on: find the caller from its
 * credential (401 for a credential that is not accepted: no silent fall-back
 * to anonymous), make every response to a caller with a credential private to
 * them (no shared cache may keep it), and serve the request as that caller.
 * The secret itself is never logged or echoed.
 */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { asCaller } from '../../store/access.js';
import { resolveCaller, type AccessPolicy } from './policy.js';

const PRIVATE = 'private, no-store';

function keepPrivate(res: ServerResponse): void {
  const setHeader = res.setHeader.bind(res);
  res.setHeader = (name, value) => setHeader(name, name.toLowerCase() === 'cache-control' ? PRIVATE : value);
  const writeHead = res.writeHead.bind(res) as (status: number, ...rest: unknown[]) => ServerResponse;
  res.writeHead = ((status: number, ...rest: unknown[]) => {
    const headers = rest.find((r): r is OutgoingHttpHeaders => typeof r === 'object' && r !== null && !Array.isArray(r));
    if (headers) for (const k of Object.keys(headers)) if (k.toLowerCase() === 'cache-control') headers[k] = PRIVATE;
    return writeHead(status, ...rest);
  }) as ServerResponse['writeHead'];
  setHeader('Cache-Control', PRIVATE);
}

export function serveAsCaller(policy: AccessPolicy, req: IncomingMessage, res: ServerResponse, serve: () => void): void {
  res.setHeader('Vary', 'Authorization, X-API-Key');
  const caller = resolveCaller(policy, req.headers);
  if (!caller) {
    res.writeHead(401, {
      'Content-Type': 'text/plain; charset=utf-8',
      'WWW-Authenticate': 'Bearer realm="ggm"',
      'Cache-Control': 'no-store',
    });
    res.end('401 the credential given (Authorization: Bearer … or X-API-Key) is not accepted; leave it out to see the public data\n');
    return;
  }
  if (caller.role !== 'anonymous') keepPrivate(res);
  asCaller(caller, serve);
}
