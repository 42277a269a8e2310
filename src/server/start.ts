/**
 * Start the service on a store: load the published graphs, listen, and shut
 * down gracefully (finish in-flight requests, then close the store).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { silentLogger, type Logger } from '../core/log.js';
import type { IriConfig } from '../iri/index.js';
import type { SparqlStore } from '../store/types.js';
import { AccessStore } from '../store/access.js';
import { SpatialStore } from '../store/spatial.js';
import { createService, type AppOptions } from './app.js';
import { loadPublishedGraphs, type BrokenFile, type LoadedGraph } from './published-graphs.js';
import { inboundServerOptions, limitInbound, type InboundLimits } from './access/slow-requests.js';
import { VersionedStore } from './versioned-store.js';
import { policyInForce, type PolicyInForce } from './access/policy-in-force.js';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ggmNamespaces, rebase } from '../iri/index.js';

export interface StartOptions {
  store: SparqlStore;
  /** The project folder whose reports, alignments, queries and /validate shapes the service publishes (`--root`). */
  root: string;
  /** The pages' static assets (the project's public/ folder). */
  publicDir: string;
  iri: IriConfig;
  port: number;
  host?: string;
  /** Directory holding ontology/, shapes/, data/ to load; undefined loads nothing. */
  loadFrom?: string;
  /** Start-up events, the access log and errors; default: nowhere. */
  logger?: Logger;
  cacheBytes?: number;
  sparql?: AppOptions['sparql'];
  /** Access control by named graph: the store is wrapped in an AccessStore and every request served as its caller. */
  access?: AppOptions['access'];
  maxConcurrent?: AppOptions['maxConcurrent'];
  /**
   * A published file that does not load: by default start-up fails (the store is closed, so the
   * process can exit); with this, the service starts without it and says so in the log and its pages.
   */
  skipBrokenData?: boolean;
  /** Headers and body time limits (slow clients); defaults in access/slow-requests.ts. */
  inbound?: Partial<InboundLimits>;
}

export interface RunningService {
  url: string;
  /** The express app behind the listener (its route table tells which pages there are). */
  app: Express;
  port: number;
  server: Server;
  /** The store the service answers from; change data through it so cached responses go stale. */
  store: VersionedStore;
  loaded: LoadedGraph[];
  /** Files left out at start-up (skipBrokenData). */
  broken: BrokenFile[];
  /** The access policy in force (the configured one, or the built-in default) and why. */
  policy: PolicyInForce;
  /** Stop accepting connections, finish in-flight requests, close the store. */
  close(graceMs?: number): Promise<void>;
}

export async function startService(options: StartOptions): Promise<RunningService> {
  const logger = options.logger ?? silentLogger;
  const base = options.access && !(options.store instanceof AccessStore) ? new AccessStore(options.store) : options.store;
  // GeoSPARQL functions are evaluated outside the access decorator: candidate geometries are read with the caller's rights.
  let store = base instanceof VersionedStore ? base : new VersionedStore(new SpatialStore(base));
  const start = performance.now();
  const broken: BrokenFile[] = [];
  const skip = (b: BrokenFile) => {
    broken.push(b);
    logger.warn({ event: 'data-file-skipped', file: b.file, graphs: b.graphs, error: b.error }, `skipped ${b.file}`);
  };
  let loaded: LoadedGraph[] = [];
  try {
    if (options.loadFrom)
      loaded = await loadPublishedGraphs(
        store,
        options.loadFrom,
        options.iri,
        (g) => logger.info({ event: 'loaded', graph: g.graph, file: g.file, triples: g.triples, ms: g.ms }, `loaded ${g.file}`),
        options.skipBrokenData ? skip : undefined,
      );
  } catch (e) {
    await store.close().catch(() => undefined); // its worker threads would keep the process alive
    throw e;
  }
  if (options.loadFrom) {
    const triples = loaded.reduce((n, g) => n + g.triples, 0);
    logger.info(
      { event: 'loaded-all', graphs: loaded.length, triples, ms: Math.round(performance.now() - start), skippedFiles: broken.length },
      `loaded ${loaded.length} graphs, ${triples} triples`,
    );
  }
  // Secure by default: without a policy, graphs holding personal data that is not synthetic are restricted.
  const personalFile = options.loadFrom ? join(options.loadFrom, 'ontology', 'persoonsgegevens.ttl') : undefined;
  let inForce: PolicyInForce;
  try {
    inForce = await policyInForce({
      store,
      loaded,
      ...(options.access ? { policy: options.access } : {}),
      ...(personalFile && existsSync(personalFile)
        ? {
            personalOntology: {
              text: rebase(readFileSync(personalFile, 'utf8'), options.iri),
              ggmNamespace: ggmNamespaces(options.iri.vocabBase).ggm,
            },
          }
        : {}),
      vocabularyPrefix: `${options.iri.vocabBase}def/`,
      ...(options.sparql?.updateCredential ? { updateCredential: options.sparql.updateCredential } : {}),
    });
  } catch (e) {
    await store.close().catch(() => undefined);
    throw e;
  }
  logger.info(
    { event: 'access-policy', source: inForce.source, personalGraphs: inForce.personalGraphs, enforced: inForce.policy !== undefined },
    inForce.description,
  );
  if (inForce.publicPersonalGraphs.length > 0)
    logger.warn(
      { event: 'personal-data-public', graphs: inForce.publicPersonalGraphs },
      `the access policy serves graphs holding personal data (not synthetic) to anonymous callers: ${inForce.publicPersonalGraphs.join(', ')}`,
    );
  const access = options.access ?? inForce.policy;
  if (access && !options.access) {
    // The built-in default restricts something: the same chain as with a policy file (spatial outside access).
    const raw = options.store instanceof VersionedStore ? options.store.inner : options.store;
    store = new VersionedStore(new SpatialStore(new AccessStore(raw)));
  }
  const { app, listener } = await createService({
    store,
    root: options.root,
    publicDir: options.publicDir,
    iri: options.iri,
    logger,
    cacheBytes: options.cacheBytes,
    sparql: options.sparql,
    access,
    maxConcurrent: options.maxConcurrent,
    brokenData: broken,
  });
  // Count responses in flight: shutdown waits until each has been handed to the OS, because
  // http.Server.close() destroys connections whose response has ended but not yet been flushed.
  let inFlight = 0;
  let closingDown = false;
  let onDrained: (() => void) | undefined;
  const server = createServer(inboundServerOptions(options.inbound), (req, res) => {
    inFlight++;
    res.once('close', () => {
      if (--inFlight === 0) onDrained?.();
    });
    if (closingDown) res.setHeader('Connection', 'close');
    listener(req, res);
  });
  limitInbound(server, options.inbound);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', () => resolve());
  });
  // Longer than the idle time clients keep a connection for reuse (rdflib.js fetches the next document on it after parsing a large one).
  server.keepAliveTimeout = 65_000;
  const port = (server.address() as AddressInfo).port;
  const url = `http://${options.host && options.host !== '0.0.0.0' ? options.host : 'localhost'}:${port}`;
  let closing: Promise<void> | undefined;
  const close = (graceMs = 10_000) =>
    (closing ??= new Promise<void>((resolve) => {
      closingDown = true;
      const force = setTimeout(() => server.closeAllConnections(), graceMs);
      const stop = () =>
        server.close(() => {
          clearTimeout(force);
          store.close().then(resolve, (e: unknown) => {
            logger.warn({ event: 'store-close-failed', err: e }, 'the store did not close cleanly');
            resolve();
          });
        });
      if (inFlight === 0) stop();
      else onDrained = stop;
    }));
  return { url, app, port, server, store, loaded, broken, policy: inForce, close };
}
