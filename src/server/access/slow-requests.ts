/**
 * Time limits on the way in, so that slow clients cannot hold connections and
 * request slots: headers must arrive within `headersMs`; a request body must
 * keep coming — no pause longer than `bodyIdleMs`, and after `bodyGraceMs` at
 * least `minBodyBytesPerSecond` on average — or the request is answered 408
 * and its connection closed. Bytes are counted on the socket (the body stream
 * itself is left alone); a tick in which the service has not yet read what
 * arrived (its own back-pressure) does not count against the client. Between
 * requests a keep-alive connection is governed by keepAliveTimeout only (long
 * enough for clients such as rdflib.js): nothing here touches idle connections.
 */
import type { IncomingMessage, Server, ServerOptions, ServerResponse } from 'node:http';

export interface InboundLimits {
  /** Complete request headers within this long (ms). */
  headersMs: number;
  /** A body may pause at most this long (ms). */
  bodyIdleMs: number;
  /** The rate is judged only after this long (ms). */
  bodyGraceMs: number;
  /** Least average rate of a body after the grace (bytes per second). */
  minBodyBytesPerSecond: number;
  /** How often bodies are checked (ms). */
  checkEveryMs: number;
}

export const INBOUND_LIMITS: InboundLimits = {
  headersMs: 10_000,
  bodyIdleMs: 10_000,
  bodyGraceMs: 5_000,
  minBodyBytesPerSecond: 1024,
  checkEveryMs: 1_000,
};

function limitsOf(given: Partial<InboundLimits>): InboundLimits {
  return { ...INBOUND_LIMITS, ...Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) };
}

/** Whether a request announces a body. */
export function hasBody(req: IncomingMessage): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

interface Upload {
  req: IncomingMessage;
  res: ServerResponse;
  started: number;
  /** socket.bytesRead when the body started, and at the last progress. */
  startBytes: number;
  lastBytes: number;
  lastProgress: number;
}

/** Options for http.createServer: Node itself checks the headers timeout, every checkEveryMs. */
export function inboundServerOptions(given: Partial<InboundLimits> = {}): ServerOptions {
  const limits = limitsOf(given);
  return { headersTimeout: limits.headersMs, connectionsCheckingInterval: limits.checkEveryMs };
}

/** Check the bodies of a server's requests (made with inboundServerOptions). Returns a function that stops the checks. */
export function limitInbound(server: Server, given: Partial<InboundLimits> = {}): () => void {
  const limits = limitsOf(given);
  const uploads = new Set<Upload>();
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (!hasBody(req)) return;
    const bytes = req.socket.bytesRead;
    const upload: Upload = { req, res, started: Date.now(), startBytes: bytes, lastBytes: bytes, lastProgress: Date.now() };
    uploads.add(upload);
    const done = () => uploads.delete(upload);
    req.once('end', done);
    req.once('close', done);
    res.once('close', done);
  });
  const tooSlow = (u: Upload, why: string) => {
    uploads.delete(u);
    const { res, req } = u;
    if (!res.headersSent) {
      res.writeHead(408, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close', 'Cache-Control': 'no-store' });
      res.end(`408 the request body ${why}; the connection is closed\n`);
    }
    // Close after the answer has gone out (or at once when an answer was already on its way).
    res.once('finish', () => req.socket.destroy());
    setTimeout(() => req.socket.destroy(), 1000).unref();
  };
  const timer = setInterval(() => {
    const now = Date.now();
    for (const u of uploads) {
      const bytes = u.req.socket.bytesRead;
      if (u.req.readableLength > 0) {
        // The service has not read what came yet (its own back-pressure): not the client's fault; judge anew from here.
        Object.assign(u, { started: now, startBytes: bytes, lastBytes: bytes, lastProgress: now });
        continue;
      }
      if (bytes > u.lastBytes) [u.lastBytes, u.lastProgress] = [bytes, now];
      const elapsed = now - u.started;
      if (now - u.lastProgress > limits.bodyIdleMs) tooSlow(u, `paused for more than ${limits.bodyIdleMs} ms`);
      else if (elapsed > limits.bodyGraceMs && ((bytes - u.startBytes) * 1000) / elapsed < limits.minBodyBytesPerSecond)
        tooSlow(u, `arrived at less than ${limits.minBodyBytesPerSecond} bytes per second`);
    }
  }, limits.checkEveryMs);
  timer.unref();
  server.once('close', () => clearInterval(timer));
  return () => clearInterval(timer);
}
