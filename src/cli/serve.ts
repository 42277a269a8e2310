/**
 * `ggm serve`: the linked-data service. Loads ontology/, shapes/ and data/ of
 * --root into the embedded store (or uses a remote SPARQL endpoint with
 * --store), serves everything else --root holds (reports, alignments, query
 * library, /validate shapes) under the configured IRI bases, logs through pino
 * (the configuration in force first, credentials masked), and shuts down
 * gracefully on SIGTERM/SIGINT.
 */
import path from 'node:path';
import { createLogger, type Logger, type LogLevel } from '../core/log.js';
import { iriConfig } from '../iri/index.js';
import { EmbeddedStore, type EmbeddedStoreOptions } from '../store/embedded.js';
import { RemoteStore, type RemoteCredential } from '../store/remote.js';
import type { SparqlStore } from '../store/types.js';
import { startService } from '../server/start.js';
import { loadAccessPolicy } from '../server/access/policy.js';
import { SERVE } from './commands.js';
import { describeSettings, type ResolvedCommand } from './options.js';
import { PROJECT_ROOT } from './paths.js';

type Settings = ResolvedCommand<typeof SERVE.options>['values'];

/** The logger of a CLI command from its --log-level / --log-format (pretty on a terminal when auto). */
export function commandLogger(level: string, format: string, stream: NodeJS.WriteStream = process.stdout): Logger {
  const pretty = format === 'pretty' || (format === 'auto' && Boolean(stream.isTTY));
  return createLogger({ level: level as LogLevel, pretty }, stream === process.stdout ? undefined : stream);
}

function storeCredential(s: Settings): RemoteCredential | undefined {
  if (s.storeToken) return { bearer: s.storeToken };
  if (s.storeUser) return { username: s.storeUser, password: s.storePassword ?? '' };
  return undefined;
}

function openStore(s: Settings, logger: Logger): SparqlStore {
  if (!s.store) {
    const embedded: EmbeddedStoreOptions = {
      workers: s.workers,
      heavyWorkers: s.heavyWorkers,
      heavyAfterMs: s.heavyAfter,
      heavyPerCaller: s.heavyPerCaller,
      logger,
    };
    return new EmbeddedStore(embedded);
  }
  return new RemoteStore({ queryUrl: s.store, updateUrl: s.updateUrl, graphStoreUrl: s.graphStoreUrl, credential: storeCredential(s) });
}

export async function run(resolved: ResolvedCommand<typeof SERVE.options>): Promise<void> {
  const s = resolved.values;
  const logger = commandLogger(s.logLevel, s.logFormat);
  logger.info({ event: 'config', settings: describeSettings(SERVE, resolved) }, 'configuration');
  const iri = iriConfig({ vocabBase: s.vocabBase, instanceBase: s.instanceBase });
  const access = s.access ? loadAccessPolicy(s.access, process.env) : undefined;
  if (access?.unsetVariables.length)
    logger.warn({ event: 'access-credentials-unset', variables: access.unsetVariables }, 'credentials of the access policy are unset');
  const store = openStore(s, logger);
  // A failed start closes the store: its worker threads would keep the process alive.
  const service = await startService({
    access,
    maxConcurrent: s.maxConcurrent,
    skipBrokenData: s.skipBrokenData,
    inbound: { headersMs: s.headersTimeout, minBodyBytesPerSecond: s.minBodyRate },
    store,
    root: s.root,
    publicDir: path.join(PROJECT_ROOT, 'public'),
    iri,
    port: s.port,
    host: s.host,
    logger,
    loadFrom: !s.store || s.load ? s.root : undefined,
    cacheBytes: s.cacheMb * 1024 * 1024,
    sparql: {
      timeoutMs: s.queryTimeout,
      resultCap: s.resultCap,
      resultBytes: s.resultBytes,
      serviceAllowlist: s.serviceAllow,
      updateCredential: s.updateCredential,
      maxQueryBytes: s.updateBytes,
      graphStoreBytes: s.storeBytes,
    },
  }).catch(async (e: unknown) => {
    await store.close();
    throw e;
  });
  logger.info(
    {
      event: 'listening',
      url: service.url,
      port: service.port,
      store: store.kind,
      vocabBase: iri.vocabBase,
      instanceBase: iri.instanceBase,
    },
    `listening on ${service.url}`,
  );
  const stop = (signal: string) => {
    logger.info({ event: 'stopping', signal }, `${signal}: finishing the requests in flight`);
    void service.close().then(() => {
      logger.info({ event: 'stopped' }, 'stopped');
      logger.flush(() => process.exit(0));
    });
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}
