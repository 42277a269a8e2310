/**
 * Every request gets an id (the client's X-Request-Id when it sent a sane one,
 * else a fresh UUID), echoed in the X-Request-Id response header and bound to
 * every log line about the request; when the answer is finished one access log
 * line: request id, method, path, status, ms. Headers — and so credentials —
 * are never logged.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../core/log.js';

const SANE_ID = /^[\w.:@/+=-]{1,128}$/;
const ids = new WeakMap<IncomingMessage, string>();

/** Give the request its id and echo it in the response; returns the id. */
export function assignRequestId(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && SANE_ID.test(given) ? given : randomUUID();
  ids.set(req, id);
  res.setHeader('X-Request-Id', id);
  return id;
}

/** The id of a request (assigned on arrival; undefined outside the service's listener). */
export function requestIdOf(req: IncomingMessage): string | undefined {
  return ids.get(req);
}

/** One access log line when the response has been handed over (or the connection closed first). */
export function logWhenDone(logger: Logger, req: IncomingMessage, res: ServerResponse): void {
  const start = process.hrtime.bigint();
  const { method, url } = req; // (express rewrites req.url inside mounted routers)
  res.once('close', () => {
    const ms = Math.round(Number(process.hrtime.bigint() - start) / 1e5) / 10;
    logger.info(
      {
        reqId: ids.get(req),
        method,
        path: url,
        status: res.statusCode,
        ms,
        ...(res.writableFinished ? {} : { aborted: true }),
      },
      `${method} ${url} ${res.statusCode}`,
    );
  });
}
