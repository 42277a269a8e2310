/**
 * The one place where errors become responses. Whatever was thrown is taken as
 * a GgmError (src/core/errors.ts: status, stable code, headers); its body is
 * negotiated like any answer:
 *  - HTML: the Dutch error page (404: "niets bekend over …");
 *  - application/problem+json (also for application/json): RFC 9457 problem
 *    details with the code;
 *  - text/plain: "<status> <message>";
 *  - for 404 only, the RDF formats: an empty document (nothing is known about
 *    the IRI), so RDF clients can parse every answer.
 * Pages and documents prefer HTML; the SPARQL endpoint prefers plain text (its
 * clients are programs). When the client accepts none of these, plain text.
 * A 5xx is logged with its stack and the request id; its message reaches the
 * client only when the error says it may (store errors do, bugs do not).
 */
import { STATUS_CODES } from 'node:http';
import type { ErrorRequestHandler, Request, Response } from 'express';
import { asGgmError, NotFoundError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import { HTML, RDF_FORMATS, type Format } from './formats.js';
import { Offers, type Offer } from './negotiate.js';
import { renderErrorPage, renderNotFoundPage } from './pages/message-page.js';
import { requestIdOf } from './request-log.js';
import { serialize, type SerializeOptions } from './serialize.js';

export interface ErrorResponseContext {
  /** Where 5xx errors are logged; default: nowhere. */
  logger?: Logger;
  /** Prefixes of the (empty) RDF documents of a 404. */
  serializeOptions?: SerializeOptions;
}

type ErrorBody = Offer & { kind: 'html' | 'plain' | 'problem' | 'rdf'; format?: Format };

const HTML_BODY: ErrorBody = { kind: 'html', mediaType: 'text/html' };
const PLAIN_BODY: ErrorBody = { kind: 'plain', mediaType: 'text/plain' };
const PROBLEM_BODY: ErrorBody = { kind: 'problem', mediaType: 'application/problem+json', aliases: ['application/json'] };
const RDF_BODIES: ErrorBody[] = RDF_FORMATS.map((f) => ({ kind: 'rdf', mediaType: f.mediaType, aliases: f.aliases, format: f }));

const OFFERS = {
  page: new Offers([HTML_BODY, PLAIN_BODY, PROBLEM_BODY]),
  pageNotFound: new Offers([HTML_BODY, ...RDF_BODIES, PLAIN_BODY, PROBLEM_BODY]),
  plain: new Offers([PLAIN_BODY, PROBLEM_BODY, HTML_BODY]),
};

export type ErrorStyle = 'page' | 'plain';

/** Answer `thrown` on `res`. */
export async function sendError(ctx: ErrorResponseContext, req: Request, res: Response, thrown: unknown, style: ErrorStyle = 'page') {
  const e = asGgmError(thrown);
  if (e.status >= 500 && e.status !== 503 && e.status !== 501)
    ctx.logger?.error({ reqId: requestIdOf(req), code: e.code, err: e.cause ?? e, path: req.originalUrl }, e.message);
  if (res.headersSent) {
    res.end();
    return;
  }
  const message = e.expose ? e.message : 'internal error';
  const offers = style === 'plain' ? OFFERS.plain : e.status === 404 ? OFFERS.pageNotFound : OFFERS.page;
  const body = offers.choose(req.get('accept')) ?? PLAIN_BODY;
  res.status(e.status);
  res.setHeader('Vary', 'Accept');
  res.setHeader('Cache-Control', 'no-cache');
  for (const [name, value] of Object.entries(e.headers)) res.setHeader(name, value);
  switch (body.kind) {
    case 'html': {
      const page =
        e.status === 404
          ? renderNotFoundPage(e instanceof NotFoundError ? e.iri : undefined, req.path)
          : renderErrorPage(e.status, message);
      res.type(HTML.contentType).send(page.value);
      return;
    }
    case 'rdf':
      res
        .type(body.format!.contentType)
        .send(await serialize([], body.format!, ctx.serializeOptions ?? { prefixes: {}, jsonldContext: {} }));
      return;
    case 'problem':
      res
        .type('application/problem+json; charset=utf-8')
        .send(
          `${JSON.stringify({ type: 'about:blank', title: STATUS_CODES[e.status] ?? 'Error', status: e.status, detail: message, code: e.code, instance: req.originalUrl })}\n`,
        );
      return;
    case 'plain':
      res.type('text/plain; charset=utf-8').send(`${e.status} ${message}\n`);
  }
}

/** express error middleware answering through sendError. */
export function errorHandler(ctx: ErrorResponseContext, style: ErrorStyle = 'page'): ErrorRequestHandler {
  return (err, req, res, _next) => void sendError(ctx, req, res, err, style);
}
