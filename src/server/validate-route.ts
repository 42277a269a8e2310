/**
 * POST /validate: an RDF body → its SHACL validation report against the GGM
 * shapes, in the negotiated RDF format, or an HTML table for browsers.
 * GET /validate: a form (works without JavaScript) to paste data into.
 * The body is untrusted: it is parsed in a worker thread with limits
 * (data/validate/untrusted.ts), never by the main thread's own parsers.
 */
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import N3 from 'n3';
import type { Quad } from '@rdfjs/types';
import { UntrustedRdfError, UntrustedRdfParser } from '../data/validate/untrusted.js';
import { loadGgmShapes, outcomeOf, prepareShapes, termText, type PreparedShapes, type ValidationOutcome } from '../data/validate/index.js';
import { GgmError } from '../core/errors.js';
import type { IriConfig } from '../iri/index.js';
import { FORMATS, HTML, formatByName } from './formats.js';
import { Offers } from './negotiate.js';
import { serialize, type SerializeOptions } from './serialize.js';
import { html } from './pages/html.js';
import { layout } from './pages/layout.js';

export interface ValidateRouteOptions {
  /** The project folder with shapes/ggm-shapes.ttl and ontology/ggm.ttl (the service's --root). */
  root: string;
  /** The service's IRI bases: the shapes are rebased to them, as the published graphs are. */
  iri: IriConfig;
  /** Largest accepted body (default 10 MB). */
  maxBytes?: number;
  serializeOptions: SerializeOptions;
  /** Parses the bodies (limits, workers); default one with the default limits. */
  parser?: UntrustedRdfParser;
}

const INPUT_TYPES = [
  'text/turtle',
  'application/n-triples',
  'application/n-quads',
  'application/trig',
  'application/ld+json',
  'application/rdf+xml',
];

/** The report's formats: HTML and the RDF formats without named graphs. */
const REPORT_OFFERS = new Offers(FORMATS.filter((f) => !f.quads));

/**
 * Parse a request body of one of the INPUT_TYPES (off the main thread) into default-graph triples;
 * errors name the line where the parser has one, or the limit the body went past.
 */
export async function parseRdfBody(parser: UntrustedRdfParser, text: string, mediaType: string): Promise<Quad[]> {
  try {
    const quads = await parser.parse(text, mediaType, { baseIri: 'urn:ggm:validate:', source: 'request body' });
    return quads.map((q) => (q.graph.termType === 'DefaultGraph' ? q : N3.DataFactory.quad(q.subject, q.predicate, q.object)));
  } catch (e) {
    if (e instanceof UntrustedRdfError && e.status === 400)
      throw new UntrustedRdfError(400, `the ${mediaType} body does not parse: ${e.message}`);
    throw e;
  }
}

/** The shapes (compiled once) and the subclass hierarchy that sh:class needs. */
async function loadShapes(root: string, iri: IriConfig): Promise<{ shapes: Quad[]; prepared: PreparedShapes; hierarchy: Quad[] }> {
  const { shapes, hierarchy } = await loadGgmShapes(root, { iri });
  return { shapes, prepared: prepareShapes(shapes), hierarchy };
}

function reportTable(outcome: ValidationOutcome, triples: number) {
  const rows = outcome.results
    .slice(0, 1000)
    .map(
      (r) =>
        html`<tr><td><code>${termText(r.focusNode)}</code></td><td><code>${r.pathText ?? (r.path ? termText(r.path) : '')}</code></td><td>${r.value ? termText(r.value) : ''}</td><td>${r.constraint.value.replace('http://www.w3.org/ns/shacl#', 'sh:')}</td><td>${r.message ?? ''}</td></tr>`,
    );
  return html`<p class="${outcome.conforms ? 'conforms' : 'violations'}">${triples} triples gevalideerd: ${outcome.conforms ? 'voldoet aan de GGM-shapes.' : `${outcome.results.length} bevindingen.`}</p>
${outcome.results.length ? html`<table class="report"><thead><tr><th>focusknoop</th><th>pad</th><th>waarde</th><th>beperking</th><th>melding</th></tr></thead><tbody>${rows}</tbody></table>` : ''}`;
}

function formPage(): string {
  return layout({
    title: 'Valideren tegen de GGM-shapes',
    kind: 'SHACL',
    body: html`<p>Plak RDF-gegevens en valideer ze tegen de SHACL-shapes van het GGM. Of stuur ze met <code>POST /validate</code> (Content-Type: een RDF-formaat); het antwoord is een <code>sh:ValidationReport</code> in het gevraagde formaat.</p>
<form method="post" action="/validate">
<label for="format">Formaat</label>
<select id="format" name="format">${INPUT_TYPES.map((t) => html`<option value="${t}">${t}</option>`)}</select>
<label for="data">Gegevens</label>
<textarea id="data" name="data" rows="16" cols="100" required></textarea>
<button type="submit">Valideren</button>
</form>`,
  }).value;
}

export function createValidateRouter(options: ValidateRouteOptions): Router {
  const maxBytes = options.maxBytes ?? 10 * 1024 * 1024;
  const parser = options.parser ?? new UntrustedRdfParser();
  let shapes: ReturnType<typeof loadShapes> | undefined;
  const router = express.Router();
  router.get('/validate', (_req: Request, res: Response) => {
    res.type(HTML.contentType).setHeader('Vary', 'Accept');
    res.send(formPage());
  });
  router.post(
    '/validate',
    express.text({ type: INPUT_TYPES, limit: maxBytes }),
    express.urlencoded({ extended: false, limit: maxBytes }),
    async (req: Request, res: Response, next: NextFunction) => {
      try {
        await answer(req, res);
      } catch (e) {
        next(e);
      }
    },
  );
  async function answer(req: Request, res: Response): Promise<void> {
    let text: string;
    let mediaType: string;
    const contentType = (req.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (contentType === 'application/x-www-form-urlencoded') {
      const form = (req.body ?? {}) as Record<string, unknown>;
      text = formField(form, 'data') ?? '';
      mediaType = formField(form, 'format') ?? 'text/turtle';
    } else {
      text = typeof req.body === 'string' ? req.body : '';
      mediaType = contentType;
    }
    if (!INPUT_TYPES.includes(mediaType))
      throw new GgmError(
        415,
        'unsupported-media-type',
        `POST /validate takes an RDF body: ${INPUT_TYPES.join(', ')} (got "${contentType || 'none'}")`,
      );
    const accept = typeof req.query.format === 'string' ? formatByName(req.query.format) : REPORT_OFFERS.choose(req.get('accept'));
    if (!accept) throw new GgmError(406, 'not-acceptable', `not acceptable; offered: ${REPORT_OFFERS.mediaTypes().join(', ')}`);
    const data = await parseRdfBody(parser, text, mediaType);
    if (!shapes) {
      shapes = loadShapes(options.root, options.iri);
      shapes.catch(() => (shapes = undefined)); // (reported by the await below; tried again on the next request)
    }
    const s = await shapes;
    const outcome = outcomeOf(await s.prepared.validate([...data, ...s.hierarchy]), s.shapes);
    res.setHeader('Vary', 'Accept');
    if (accept === HTML) {
      res.type(HTML.contentType).send(layout({ title: 'Validatierapport', kind: 'SHACL', body: reportTable(outcome, data.length) }).value);
      return;
    }
    res.type(accept.contentType).send(await serialize(outcome.report as N3.Quad[], accept, options.serializeOptions));
  }
  return router;
}

/** One form field's text; a field sent twice (`data=…&data=…`) is refused rather than joined with commas. */
function formField(form: Record<string, unknown>, name: string): string | undefined {
  const value = form[name];
  if (value === undefined || typeof value === 'string') return value;
  throw new GgmError(400, 'bad-form-field', `the form field "${name}" must be given once, as text`);
}
