/**
 * Shared by the server tests: start the real service on the fixture (or the
 * published files), parse every RDF format back to canonical N-Quads.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Parser, Writer, type Quad } from 'n3';
import jsonld from 'jsonld';
import { RdfXmlParser } from 'rdfxml-streaming-parser';
import { createLogger } from '../src/core/log.js';
import { iriConfig } from '../src/iri/index.js';
import { EmbeddedStore } from '../src/store/embedded.js';
import { startService, type RunningService, type StartOptions } from '../src/server/start.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const FIXTURE = `${ROOT}test/fixtures/server`;

/** The demo IRI configuration the tests publish under. */
export const DEMO_IRIS = iriConfig({
  vocabBase: 'https://gemeentelijkgegevensmodel.nl/',
  instanceBase: 'https://demo.gemeentelijkgegevensmodel.nl/',
});

export type FixtureService = RunningService & { logs: string[]; base: string };

/**
 * The real service on an embedded store, on a free loopback port, loading the
 * fixture (or `root`, which then is also the --root it serves reports, queries
 * and /validate shapes from; null loads nothing); other options as startService
 * takes them. Without a root of its own it serves the project's.
 */
export async function startFixtureService(
  options: Partial<Omit<StartOptions, 'root'>> & { root?: string | null } = {},
): Promise<FixtureService> {
  const { root, ...rest } = options;
  const logs: string[] = [];
  const service = await startService({
    store: rest.store ?? new EmbeddedStore(), // (a default built eagerly would keep its worker threads alive)
    root: root ?? ROOT,
    publicDir: path.join(ROOT, 'public'),
    iri: DEMO_IRIS,
    port: 0,
    host: '127.0.0.1',
    logger: createLogger({ level: 'info', pretty: false }, { write: (l: string) => void logs.push(l) }),
    ...rest,
    ...(root === null ? {} : { loadFrom: root ?? FIXTURE }),
  });
  return Object.assign(service, { logs, base: service.url.replace('localhost', '127.0.0.1') });
}

function writeNQuads(quads: Quad[]): string {
  const w = new Writer({ format: 'N-Quads' });
  w.addQuads(quads);
  let out = '';
  w.end((e, r) => {
    if (e) throw e;
    out = r;
  });
  return out;
}

function parseRdfXml(text: string, baseIRI: string): Promise<Quad[]> {
  return new Promise((resolve, reject) => {
    const quads: Quad[] = [];
    const parser = new RdfXmlParser({ baseIRI });
    parser.on('data', (q: Quad) => quads.push(q));
    parser.on('error', reject);
    parser.on('end', () => resolve(quads));
    parser.write(text);
    parser.end();
  });
}

/** Parse a body in any of the service's RDF formats to N-Quads; `dropGraphs` merges everything into the default graph. */
export async function toNQuads(body: string, mediaType: string, baseIRI: string, dropGraphs = false): Promise<string> {
  let nquads: string;
  switch (mediaType) {
    case 'application/ld+json':
      nquads = (await jsonld.toRDF(JSON.parse(body), { format: 'application/n-quads' })) as unknown as string;
      break;
    case 'application/rdf+xml':
      nquads = writeNQuads(await parseRdfXml(body, baseIRI));
      break;
    default:
      nquads = writeNQuads(new Parser({ format: mediaType, baseIRI }).parse(body));
  }
  if (dropGraphs) {
    const quads = new Parser({ format: 'application/n-quads' }).parse(nquads);
    const { DataFactory } = await import('n3');
    nquads = writeNQuads(quads.map((q) => DataFactory.quad(q.subject, q.predicate, q.object)));
  }
  return nquads;
}

/** Canonical form (URDNA2015): two graphs are isomorphic exactly when their canonical forms are equal. */
export async function canonical(nquads: string): Promise<string> {
  const canonize = jsonld.canonize as unknown as (input: string, options: Record<string, string>) => Promise<string>;
  return canonize(nquads, { algorithm: 'URDNA2015', inputFormat: 'application/n-quads', format: 'application/n-quads' });
}
