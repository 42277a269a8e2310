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
const CREDENTIAL_HEADERS = ['Authorization', 'X-API-Key'];

/** A Vary value with the credential headers added to what the response varies on already (Accept …). */
function withCredentials(value: unknown): string {
  const names = (Array.isArray(value) ? value.join(',') : typeof value === 'string' || typeof value === 'number' ? String(value) : '')
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n !== '');
  for (const h of CREDENTIAL_HEADERS) if (!names.some((n) => n.toLowerCase() === h.toLowerCase())) names.push(h);
  return names.join(', ');
}

/**
 * Rewrite headers however the response sets them (setHeader, or writeHead with an object):
 * Vary always names the credential headers too; a private response is never stored by a cache.
 */
function guardHeaders(res: ServerResponse, privateResponse: boolean): void {
  const rewrite = (name: string, value: unknown): unknown => {
    const lower = name.toLowerCase();
    if (lower === 'vary') return withCredentials(value);
    if (lower === 'cache-control' && privateResponse) return PRIVATE;
    return value;
  };
  const setHeader = res.setHeader.bind(res);
  res.setHeader = (name, value) => setHeader(name, rewrite(name, value) as typeof value);
  const writeHead = res.writeHead.bind(res) as (status: number, ...rest: unknown[]) => ServerResponse;
  res.writeHead = ((status: number, ...rest: unknown[]) => {
    // A copy: the headers object may belong to a cached response.
    const copied = rest.map((r) =>
      typeof r === 'object' && r !== null && !Array.isArray(r)
        ? Object.fromEntries(Object.entries(r as OutgoingHttpHeaders).map(([k, v]) => [k, rewrite(k, v)]))
        : r,
    );
    return writeHead(status, ...copied);
  }) as ServerResponse['writeHead'];
  setHeader('Vary', withCredentials(''));
  if (privateResponse) setHeader('Cache-Control', PRIVATE);
}

export function serveAsCaller(policy: AccessPolicy, req: IncomingMessage, res: ServerResponse, serve: () => void): void {
  const caller = resolveCaller(policy, req.headers);
  if (!caller) {
    res.setHeader('Vary', withCredentials(''));
    res.writeHead(401, {
      'Content-Type': 'text/plain; charset=utf-8',
      'WWW-Authenticate': 'Bearer realm="ggm"',
      'Cache-Control': 'no-store',
    });
    res.end('401 the credential given (Authorization: Bearer … or X-API-Key) is not accepted; leave it out to see the public data\n');
    return;
  }
  guardHeaders(res, caller.role !== 'anonymous');
  asCaller(caller, serve);
}
