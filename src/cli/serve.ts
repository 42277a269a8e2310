/**
 * `ggm serve`: the linked-data service. Loads ontology/, shapes/ and data/
 * into the embedded store (or uses a remote SPARQL endpoint with --store),
 * listens on PORT / --port (default 3000), one JSON log line per request,
 * graceful shutdown on SIGTERM/SIGINT.
 */
import { parseArgs } from 'node:util';
import { createLogger } from '../core/log.js';
import { iriConfig } from '../iri/index.js';
import { EmbeddedStore, type EmbeddedStoreOptions } from '../store/embedded.js';
import { RemoteStore, type RemoteCredential } from '../store/remote.js';
import type { SparqlStore } from '../store/types.js';
import { startService } from '../server/start.js';
import { loadAccessPolicy } from '../server/access/policy.js';

export const SERVE_HELP = `ggm serve [options]
  --port <n>            port (default: $PORT or 3000; 0 picks a free port)
  --host <addr>         address to listen on (default 0.0.0.0)
  --root <dir>          directory with ontology/, shapes/, data/ (default: current directory)
  --store <url>         use a remote SPARQL 1.1 endpoint instead of the embedded store
  --update-url <url>    its update endpoint (default: the query URL)
  --graph-store-url <url>  its Graph Store Protocol endpoint (default: graphs are replaced by SPARQL Update)
  env GGM_STORE_TOKEN (bearer) or GGM_STORE_USER / GGM_STORE_PASSWORD: credentials for the remote store
  --load                also load the published files into a remote store (the embedded store always loads)
  --vocab-base <iri>    base of vocabulary IRIs (default: $GGM_VOCAB_BASE or https://gemeentelijkgegevensmodel.nl/)
  --instance-base <iri> base of instance IRIs (default: $GGM_INSTANCE_BASE or https://demo.gemeentelijkgegevensmodel.nl/)
  --cache-mb <n>        response cache size in MB (default 256; 0 = off)
  --query-timeout <ms>  time limit of one SPARQL query or update (default 10000)
  --result-cap <n>      most solutions / triples one SPARQL answer may have (default 10000)
  --result-bytes <n>    most bytes one SPARQL answer may have (default 8388608 = 8 MiB)
  --service-allow <h>   host[:port] that SPARQL SERVICE may call (repeatable; default none)
  env GGM_UPDATE_CREDENTIAL  bearer credential that allows SPARQL updates (default: updates off)
  --access <file.yaml>  access control by named graph (default: $GGM_ACCESS; none: everything public),
                        e.g. config/access.yaml; credentials come from the environment variables it names
  --max-concurrent <n>  requests worked on at once (default 256); more get 503 with Retry-After
  --headers-timeout <ms>  request headers must arrive within this long (default 10000)
  --min-body-rate <n>   a request body must arrive at n bytes/s or more after 5 s, pausing at most 10 s
                        (default 1024); slower: 408 and the connection is closed
  --skip-broken-data    start without a published file that does not load (default: exit 1 naming file and line);
                        the log and the home page say which, its graphs answer 503
  embedded store: each replica holds all the data (about 190 MB for the published files)
  --workers <n>         replicas answering pages and light queries (the shared lane; default 2)
  --heavy-workers <n>   replicas for heavy SPARQL queries (the heavy lane, lower CPU priority; default 1;
                        0: none, heavy queries share the replicas)
  --heavy-after <ms>    a query still running on the shared lane after this long moves to the heavy lane
                        (stopped and run again there; default 3000)
  --heavy-per-caller <n>  heavy queries one caller (role and address) may have at once (default 1);
                        more get 503 with Retry-After`;

function storeCredential(): RemoteCredential | undefined {
  if (process.env.GGM_STORE_TOKEN) return { bearer: process.env.GGM_STORE_TOKEN };
  if (process.env.GGM_STORE_USER) return { username: process.env.GGM_STORE_USER, password: process.env.GGM_STORE_PASSWORD ?? '' };
  return undefined;
}

function openStore(
  remote: string | undefined,
  updateUrl: string | undefined,
  graphStoreUrl: string | undefined,
  embedded: EmbeddedStoreOptions,
): SparqlStore {
  if (!remote) return new EmbeddedStore(embedded);
  for (const [flag, url] of [
    ['--store', remote],
    ['--update-url', updateUrl],
    ['--graph-store-url', graphStoreUrl],
  ] as const) {
    if (url !== undefined && !/^https?:\/\/[^\s]+$/.test(url)) throw new Error(`${flag}: not an http(s) URL: ${url}`);
  }
  return new RemoteStore({ queryUrl: remote, updateUrl, graphStoreUrl, credential: storeCredential() });
}

export async function serve(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      root: { type: 'string' },
      store: { type: 'string' },
      'update-url': { type: 'string' },
      'graph-store-url': { type: 'string' },
      load: { type: 'boolean' },
      'vocab-base': { type: 'string' },
      'instance-base': { type: 'string' },
      'cache-mb': { type: 'string' },
      'query-timeout': { type: 'string' },
      'result-cap': { type: 'string' },
      'result-bytes': { type: 'string' },
      'service-allow': { type: 'string', multiple: true },
      access: { type: 'string' },
      'max-concurrent': { type: 'string' },
      'skip-broken-data': { type: 'boolean' },
      'headers-timeout': { type: 'string' },
      'min-body-rate': { type: 'string' },
      workers: { type: 'string' },
      'heavy-workers': { type: 'string' },
      'heavy-after': { type: 'string' },
      'heavy-per-caller': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(`${SERVE_HELP}\n`);
    return;
  }
  const portText = values.port ?? process.env.PORT ?? '3000';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port: not a port number: ${portText}`);
  const cacheMb = Number(values['cache-mb'] ?? '256');
  if (!Number.isFinite(cacheMb) || cacheMb < 0) throw new Error(`--cache-mb: not a size: ${values['cache-mb']}`);
  const positive = (name: string, text: string | undefined): number | undefined => {
    if (text === undefined) return undefined;
    const n = Number(text);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name}: not a positive whole number: ${text}`);
    return n;
  };
  const sparql = {
    timeoutMs: positive('query-timeout', values['query-timeout']),
    resultCap: positive('result-cap', values['result-cap']),
    resultBytes: positive('result-bytes', values['result-bytes']),
    serviceAllowlist: values['service-allow']?.flatMap((h) => h.split(',')).filter((h) => h !== ''),
    updateCredential: process.env.GGM_UPDATE_CREDENTIAL || undefined,
  };
  const iri = iriConfig({ vocabBase: values['vocab-base'], instanceBase: values['instance-base'] });
  const heavyWorkersText = values['heavy-workers'];
  if (heavyWorkersText !== undefined && !/^\d+$/.test(heavyWorkersText))
    throw new Error(`--heavy-workers: not a whole number: ${heavyWorkersText}`);
  const embedded: EmbeddedStoreOptions = {
    workers: positive('workers', values.workers),
    heavyWorkers: heavyWorkersText === undefined ? undefined : Number(heavyWorkersText),
    heavyAfterMs: positive('heavy-after', values['heavy-after']),
    heavyPerCaller: positive('heavy-per-caller', values['heavy-per-caller']),
  };
  const logger = createLogger({ level: 'info', pretty: Boolean(process.stdout.isTTY) });
  const store = openStore(values.store, values['update-url'], values['graph-store-url'], { ...embedded, logger });
  const root = values.root ?? process.cwd();
  const accessFile = values.access ?? (process.env.GGM_ACCESS || undefined);
  const access = accessFile ? loadAccessPolicy(accessFile) : undefined;
  if (access?.unsetVariables.length)
    logger.warn({ event: 'access-credentials-unset', variables: access.unsetVariables }, 'credentials of the access policy are unset');
  const service = await startService({
    access,
    maxConcurrent: positive('max-concurrent', values['max-concurrent']),
    skipBrokenData: values['skip-broken-data'],
    inbound: {
      headersMs: positive('headers-timeout', values['headers-timeout']),
      minBodyBytesPerSecond: positive('min-body-rate', values['min-body-rate']),
    },
    store,
    iri,
    port,
    host: values.host,
    logger,
    loadFrom: !values.store || values.load ? root : undefined,
    cacheBytes: cacheMb * 1024 * 1024,
    sparql,
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
