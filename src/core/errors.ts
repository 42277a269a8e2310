/**
 * The one error type of the project: every error that can reach a client
 * carries its HTTP status, a stable code (for clients and logs; never parse the
 * message) and the headers its answer needs (Retry-After, Allow …). Stages throw
 * it or a subclass with typed fields (QueryTimeoutError …); the server maps it
 * to a response in one place (src/server/error-response.ts) by reading these
 * fields, never by looking at message text.
 *
 * `core/` is below every stage: any stage may import it; it imports nothing of
 * the project.
 */
import createHttpError from 'http-errors';

export interface GgmErrorOptions {
  /** Headers the answer must carry (Retry-After, Allow, Link …). */
  headers?: Record<string, string>;
  /** Whether the message may be shown to the client; default: for every status below 500. */
  expose?: boolean;
  cause?: unknown;
}

export class GgmError extends Error {
  readonly headers: Record<string, string>;
  /** The message is meant for the client (a 5xx is answered "internal error" unless exposed). */
  readonly expose: boolean;

  constructor(
    /** The HTTP status a client gets for it. */
    readonly status: number,
    /** Stable, kebab-case: 'query-timeout', 'not-acceptable' … */
    readonly code: string,
    message: string,
    options: GgmErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GgmError';
    this.headers = options.headers ?? {};
    this.expose = options.expose ?? status < 500;
  }
}

/** Nothing is known about the requested resource (404); `iri` is what the path names, when it names one. */
export class NotFoundError extends GgmError {
  constructor(
    message: string,
    readonly iri?: string,
  ) {
    super(404, 'not-found', message);
    this.name = 'NotFoundError';
  }
}

/**
 * Any thrown value as a GgmError: itself; an error of express's own toolkit
 * (http-errors: body too large, undecodable path …) with its status; anything
 * else is a bug, 500 with its message hidden from the client.
 */
export function asGgmError(e: unknown): GgmError {
  if (e instanceof GgmError) return e;
  if (createHttpError.isHttpError(e)) {
    const type = (e as { type?: unknown }).type; // body-parser's stable error types: 'entity.too.large' …
    const code = typeof type === 'string' ? type.replace(/\./g, '-') : 'http';
    return new GgmError(e.status, code, e.message, { expose: e.expose, cause: e });
  }
  return new GgmError(500, 'internal', e instanceof Error ? e.message : String(e), { cause: e });
}
