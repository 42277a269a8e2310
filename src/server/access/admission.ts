/**
 * Admission control: at most `limit` requests are worked on at once (responses
 * served straight from the response cache do not count); the next one is told
 * 503 Service Unavailable with Retry-After at once, instead of queueing until
 * every client times out. A request with a body takes its slot only once the
 * body has arrived: slots go to requests being worked on, not to clients that
 * send slowly (those are cut off by slow-requests.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { hasBody } from './slow-requests.js';
import { RETRY_AFTER_SECONDS } from '../../store/types.js';

export { RETRY_AFTER_SECONDS };

export class Admission {
  private busy = 0;

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`concurrency limit must be a positive whole number, got ${limit}`);
  }

  get inFlight(): number {
    return this.busy;
  }

  /** Serve the request when there is room, else answer 503. */
  admit(req: IncomingMessage, res: ServerResponse, serve: () => void): void {
    if (this.busy >= this.limit) {
      req.resume();
      res.writeHead(503, {
        'Content-Type': 'text/plain; charset=utf-8',
        'Retry-After': String(RETRY_AFTER_SECONDS),
        'Cache-Control': 'no-store',
      });
      res.end(`503 the service is busy (${this.limit} requests in progress); retry in ${RETRY_AFTER_SECONDS} s\n`);
      return;
    }
    let counted = false;
    const count = () => {
      if (counted || res.writableEnded) return;
      counted = true;
      this.busy++;
    };
    res.once('close', () => counted && this.busy--);
    if (hasBody(req) && !req.readableEnded) req.once('end', count);
    else count();
    serve();
  }
}
