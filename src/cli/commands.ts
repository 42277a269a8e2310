/**
 * Every command's options, defined once (see options.ts): the flags parsed,
 * the environment and config-file keys, defaults, validation and the help text
 * all come from here. The commands' work lives in build.ts, serve.ts … and is
 * loaded only when the command runs.
 */
import path from 'node:path';
import { DEFAULT_INSTANCE_BASE, DEFAULT_VOCAB_BASE, normaliseBase } from '../iri/index.js';
import { LOG_LEVELS } from '../core/log.js';
import { DEFAULT_SEED } from '../data/demo/index.js';
import { GEMEENTE_DELFT } from '../generate/owl.js';
import { isAbsoluteIri } from '../store/sparql-text.js';
import { command, flag, integer, list, text, value, type CommandSpec } from './options.js';
import { PROJECT_ROOT, sharedDir } from './paths.js';

const folder = (t: string) => path.resolve(t);
const count = (spec: Omit<Parameters<typeof value>[0], 'parse'>) => value({ ...spec, parse: (t) => parseCount(t) });
const base = (t: string) => {
  try {
    return normaliseBase(t);
  } catch (e) {
    throw new Error(`not an IRI base: ${(e as Error).message}`);
  }
};
/** A named graph given on the command line: an absolute IRI that SPARQL can hold (store/sparql-text.ts). */
const graphIri = (t: string) => {
  if (!isAbsoluteIri(t)) throw new Error(`not an absolute IRI without spaces or <>"{}|^\`\\: ${JSON.stringify(t)}`);
  return t;
};
const httpUrl = (t: string) => {
  if (!/^https?:\/\/[^\s]+$/.test(t)) throw new Error(`not an http(s) URL: ${t}`);
  return t;
};

/** "1M" → 1000000, "250k" → 250000, "75000" → 75000; `flag` names the source in the error. */
export function parseCount(text: string, flag?: string): number {
  const at = flag ? `${flag}: ` : '';
  const m = /^(\d+(?:\.\d+)?)\s*([kKmM]?)$/.exec(text.trim());
  if (!m) throw new Error(`${at}expected a number such as 75000, 250k or 1M, got "${text}"`);
  const n = Number(m[1]) * (m[2]?.toLowerCase() === 'm' ? 1e6 : m[2]?.toLowerCase() === 'k' ? 1e3 : 1);
  if (!(n > 0)) throw new Error(`${at}must be positive, got "${text}"`);
  return n;
}

/** Settings several commands share. */
const shared = {
  root: text({
    flag: 'root',
    env: 'GGM_ROOT',
    value: '<dir>',
    help: 'project folder with ontology/, shapes/, data/, reports/, alignments/, queries/',
    default: PROJECT_ROOT,
    defaultText: 'the installed project folder',
    parse: folder,
  }),
  sharedDir: text({
    flag: 'shared-dir',
    env: 'GGM_SHARED_DIR',
    value: '<dir>',
    help: 'the shared read-only material (GGM releases, DDL, vocabularies, W3C suites)',
    default: sharedDir({}),
    defaultText: '../shared beside the project folder',
    parse: folder,
  }),
  vocabBase: text({
    flag: 'vocab-base',
    env: 'GGM_VOCAB_BASE',
    value: '<iri>',
    help: 'base of vocabulary IRIs',
    default: DEFAULT_VOCAB_BASE,
    parse: base,
  }),
  instanceBase: text({
    flag: 'instance-base',
    env: 'GGM_INSTANCE_BASE',
    value: '<iri>',
    help: 'base of instance IRIs',
    default: DEFAULT_INSTANCE_BASE,
    parse: base,
  }),
  logLevel: text({
    flag: 'log-level',
    env: 'GGM_LOG_LEVEL',
    value: '<level>',
    help: `log level: ${LOG_LEVELS.join(', ')}`,
    default: 'info',
    parse: (t) => {
      if (!(LOG_LEVELS as readonly string[]).includes(t)) throw new Error(`not a log level (${LOG_LEVELS.join(', ')}): ${t}`);
      return t;
    },
  }),
  logFormat: text({
    flag: 'log-format',
    env: 'GGM_LOG_FORMAT',
    value: '<format>',
    help: 'log lines: json, pretty (human-readable), or auto (pretty on a terminal)',
    default: 'auto',
    parse: (t) => {
      if (!['auto', 'json', 'pretty'].includes(t)) throw new Error(`not auto, json or pretty: ${t}`);
      return t;
    },
  }),
  quiet: flag({ flag: 'quiet', help: 'no progress display or summary' }),
  source: text({
    flag: 'source',
    value: '<ggm.xlsx>',
    help: 'the GGM release (crunch_uml Excel export)',
    defaultText: '<shared-dir>/ggm/v2.5.1/ggm-2.5.1.xlsx',
    parse: folder,
  }),
};

export const BUILD = command({
  name: 'build',
  summary: 'GGM release → ontology/, shapes/, reports/, alignments (atomic, deterministic)',
  usage: '[options]',
  options: {
    source: shared.source,
    out: text({
      flag: 'out',
      value: '<dir>',
      help: 'output folder (ontology/, shapes/, reports/ below it)',
      defaultText: 'the --root folder',
      parse: folder,
    }),
    register: text({
      flag: 'register',
      value: '<file>',
      help: 'the IRI register of earlier builds (names minted before are kept)',
      defaultText: '<out>/ontology/iri-register.json',
      parse: folder,
    }),
    vocabBase: shared.vocabBase,
    publisher: text({
      flag: 'publisher',
      env: 'GGM_PUBLISHER',
      value: '<iri>',
      help: 'IRI of the organisation that publishes the service (dcterms:publisher of the ontology)',
      default: GEMEENTE_DELFT,
      defaultText: `Gemeente Delft, ${GEMEENTE_DELFT}`,
      parse: (t) => {
        if (!/^https?:\/\/[^\s<>"{}|\\^`]+$/.test(t)) throw new Error(`not an http(s) IRI: ${t}`);
        return t;
      },
    }),
    root: shared.root,
    sharedDir: shared.sharedDir,
    quiet: shared.quiet,
  },
});

export const SERVE = command({
  name: 'serve',
  summary: 'the linked-data service: dereferencing, pages, SPARQL, validation',
  usage: '[options]',
  options: {
    port: integer({ flag: 'port', env: 'PORT', value: '<n>', help: 'port to listen on (0 picks a free port)', default: 3000, max: 65535 }),
    host: text({ flag: 'host', env: 'GGM_HOST', value: '<addr>', help: 'address to listen on', default: '0.0.0.0' }),
    root: shared.root,
    vocabBase: shared.vocabBase,
    instanceBase: shared.instanceBase,
    store: text({
      flag: 'store',
      env: 'GGM_STORE',
      value: '<url>',
      help: 'a remote SPARQL 1.1 endpoint instead of the embedded store',
      parse: httpUrl,
    }),
    updateUrl: text({
      flag: 'update-url',
      value: '<url>',
      help: "the remote store's update endpoint",
      defaultText: 'the --store URL',
      parse: httpUrl,
    }),
    graphStoreUrl: text({
      flag: 'graph-store-url',
      value: '<url>',
      help: "the remote store's Graph Store Protocol endpoint",
      defaultText: 'graphs are replaced by SPARQL Update',
      parse: httpUrl,
    }),
    load: flag({ flag: 'load', help: 'also load the published files into a remote store (the embedded store always loads)' }),
    storeToken: text({ env: 'GGM_STORE_TOKEN', file: false, help: 'bearer credential for the remote store', secret: true }),
    storeUser: text({ env: 'GGM_STORE_USER', file: false, help: 'user name for the remote store (with GGM_STORE_PASSWORD)' }),
    storePassword: text({ env: 'GGM_STORE_PASSWORD', file: false, help: 'password for the remote store', secret: true }),
    cacheMb: integer({ flag: 'cache-mb', value: '<n>', help: 'response cache size in MB (0 = off)', default: 256 }),
    queryTimeout: integer({
      flag: 'query-timeout',
      value: '<ms>',
      help: 'time limit of one SPARQL query or update',
      default: 10_000,
      min: 1,
    }),
    resultCap: integer({
      flag: 'result-cap',
      value: '<n>',
      help: 'most solutions / triples one SPARQL answer may have',
      default: 10_000,
      min: 1,
    }),
    resultBytes: integer({
      flag: 'result-bytes',
      value: '<n>',
      help: 'most bytes one SPARQL answer may have (8388608 = 8 MiB)',
      default: 8 * 1024 * 1024,
      min: 1,
    }),
    updateBytes: integer({
      flag: 'update-bytes',
      value: '<n>',
      help: 'largest SPARQL query or update text accepted, in bytes (262144 = 256 KiB)',
      default: 256 * 1024,
      min: 1,
    }),
    storeBytes: integer({
      flag: 'store-bytes',
      value: '<n>',
      help: 'largest Graph Store Protocol body (PUT/POST /store?graph=…) accepted, in bytes (67108864 = 64 MiB)',
      default: 64 * 1024 * 1024,
      min: 1,
    }),
    serviceAllow: list({ flag: 'service-allow', value: '<host>', help: 'host[:port] SPARQL SERVICE may call (repeatable; default none)' }),
    updateCredential: text({
      env: 'GGM_UPDATE_CREDENTIAL',
      file: false,
      help: 'bearer credential that allows SPARQL updates (unset: updates off)',
      secret: true,
    }),
    access: text({
      flag: 'access',
      env: 'GGM_ACCESS',
      value: '<file.yaml>',
      help: 'access control by named graph, e.g. config/access.yaml (unset: everything public); its credentials come from the environment variables it names',
      parse: folder,
    }),
    maxConcurrent: integer({
      flag: 'max-concurrent',
      value: '<n>',
      help: 'requests worked on at once; more get 503 with Retry-After',
      default: 256,
      min: 1,
    }),
    headersTimeout: integer({
      flag: 'headers-timeout',
      value: '<ms>',
      help: 'request headers must arrive within this long',
      default: 10_000,
      min: 1,
    }),
    minBodyRate: integer({
      flag: 'min-body-rate',
      value: '<n>',
      help: 'a request body must arrive at n bytes/s or more after 5 s, pausing at most 10 s; slower: 408 and the connection is closed',
      default: 1024,
      min: 1,
    }),
    skipBrokenData: flag({
      flag: 'skip-broken-data',
      help: 'start without a published file that does not load (default: exit 1 naming file and line); the log and the home page say which, its graphs answer 503',
    }),
    workers: integer({
      flag: 'workers',
      value: '<n>',
      help: 'embedded store: replicas answering pages and light queries (each holds all the data, ~190 MB)',
      default: 2,
      min: 1,
    }),
    heavyWorkers: integer({
      flag: 'heavy-workers',
      value: '<n>',
      help: 'embedded store: replicas for heavy SPARQL queries, at lower CPU priority (0: heavy queries share the replicas)',
      default: 1,
    }),
    heavyAfter: integer({
      flag: 'heavy-after',
      value: '<ms>',
      help: 'a query still running on the shared lane after this long is stopped and run again in the heavy lane',
      default: 3000,
      min: 1,
    }),
    heavyPerCaller: integer({
      flag: 'heavy-per-caller',
      value: '<n>',
      help: 'heavy queries one caller (role and address) may have at once; more get 503 with Retry-After',
      default: 1,
      min: 1,
    }),
    logLevel: shared.logLevel,
    logFormat: shared.logFormat,
  },
  notes: ['The configuration in force is logged at start-up (event "config"), credentials masked.'],
});

export const DEMO = command({
  name: 'demo',
  summary: 'generate the synthetic demo municipality Lindewaard (streamed to disk)',
  usage: '[options]',
  options: {
    scale: count({
      flag: 'scale',
      value: '<n>',
      help: 'size: a multiplier below 1000 (1 is the committed data/demo/gemeente.trig, ~70k triples), or a number of triples to aim at (250k, 1M, 20M)',
      defaultText: '1',
    }),
    triples: count({ flag: 'triples', value: '<n>', help: 'the same as --scale with a number of triples (250k, 1M, 1000000)' }),
    seed: integer({
      flag: 'seed',
      value: '<n>',
      help: 'seed of the generator; the same seed and scale give byte-identical output',
      default: DEFAULT_SEED,
      min: Number.MIN_SAFE_INTEGER,
    }),
    out: text({
      flag: 'out',
      value: '<file>',
      help: 'output file: .trig (named graphs, prefixes) or .nq (N-Quads, best for large sets)',
      defaultText: '<root>/data/demo/gemeente.trig',
      parse: folder,
    }),
    source: shared.source,
    instanceBase: shared.instanceBase,
    vocabBase: shared.vocabBase,
    root: shared.root,
    sharedDir: shared.sharedDir,
    quiet: shared.quiet,
  },
});

export const IMPORT = command({
  name: 'import',
  summary: 'publish a GGM data warehouse (PostgreSQL) or CSV files as RDF; build a warehouse from the GGM DDL',
  usage: '<postgres|csv|warehouse> … [options]',
  positionals: true,
  forms: [
    'postgres <connection-string> --out <file.nq|file.ttl> [--overrides <file>] [--graph <iri>] [--tables A,B]',
    'csv <file.csv|folder …> --out <file.nq|file.ttl> [--graph <iri>]',
    'warehouse <connection-string> [--ddl <dir>]   create the GGM tables from the GGM DDL (all diagrams, merged)',
  ],
  options: {
    out: text({ flag: 'out', value: '<file>', help: 'output file (.nq, .nt, .ttl …), written atomically', parse: folder }),
    overrides: text({ flag: 'overrides', value: '<file.yaml>', help: 'postgres: table/column mapping overrides', parse: folder }),
    graph: text({ flag: 'graph', value: '<iri>', help: 'named graph of the output', parse: graphIri }),
    tables: list({ flag: 'tables', value: '<A,B>', help: 'postgres: only these tables' }),
    ddl: text({
      flag: 'ddl',
      value: '<dir>',
      help: "warehouse: the GGM's PostgreSQL DDL",
      defaultText: '<shared-dir>/ggm/v2.5.1/ddl-postgres',
      parse: folder,
    }),
    source: shared.source,
    instanceBase: shared.instanceBase,
    vocabBase: shared.vocabBase,
    root: shared.root,
    sharedDir: shared.sharedDir,
  },
  notes: ['The report lists per table/file the rows read, triples written and every rejected row or value with the reason.'],
});

export const VALIDATE = command({
  name: 'validate',
  summary: 'SHACL-validate RDF files, or a graph of a SPARQL endpoint, against the GGM shapes',
  usage: '<file …> [options]',
  positionals: true,
  options: {
    shapes: text({
      flag: 'shapes',
      value: '<file>',
      help: "shapes graph; the ontology's subclass axioms are added",
      defaultText: '<root>/shapes/ggm-shapes.ttl',
      parse: folder,
    }),
    endpoint: text({
      flag: 'endpoint',
      value: '<sparql-url>',
      help: 'validate a named graph of a running SPARQL endpoint instead of files',
      parse: httpUrl,
    }),
    graph: text({ flag: 'graph', value: '<iri>', help: 'the named graph to validate (with --endpoint)', parse: graphIri }),
    report: text({ flag: 'report', value: '<file.ttl>', help: 'also write the sh:ValidationReport as Turtle', parse: folder }),
    maxResults: integer({ flag: 'max-results', value: '<n>', help: 'results kept in the report', default: 10_000, min: 1 }),
    vocabBase: shared.vocabBase,
    root: shared.root,
    quiet: shared.quiet,
  },
  notes: ['files: Turtle, N-Triples, N-Quads, TriG, JSON-LD or RDF/XML (by extension)', 'exit code: 0 conforms, 1 violations or error'],
});

export const PUBLISH = command({
  name: 'publish',
  summary: 'validate a data set, then replace a named graph of a running service or store atomically',
  usage: '<file> --graph <iri> --to <sparql-url> [options]',
  positionals: true,
  options: {
    graph: text({ flag: 'graph', value: '<iri>', help: 'the named graph to replace', parse: graphIri }),
    to: text({ flag: 'to', value: '<sparql-url>', help: 'the SPARQL endpoint of the service or store', parse: httpUrl }),
    updateUrl: text({ flag: 'update-url', value: '<url>', help: 'its update endpoint', defaultText: 'the --to URL', parse: httpUrl }),
    graphStoreUrl: text({
      flag: 'graph-store-url',
      value: '<url>',
      help: 'its Graph Store Protocol endpoint (the service: <base>/store; Virtuoso: …/sparql-graph-crud); without it: SPARQL Update',
      parse: httpUrl,
    }),
    chunkBytes: integer({
      flag: 'chunk-bytes',
      value: '<n>',
      help: "bytes of N-Triples per request into the temporary graph; keep below the target's body cap (the service: --store-bytes, 64 MiB; --update-bytes, 256 KiB)",
      defaultText: '4194304 (4 MiB) with --graph-store-url, else 196608 (192 KiB)',
      min: 1,
    }),
    shapes: text({ flag: 'shapes', value: '<file>', help: 'shapes graph', defaultText: '<root>/shapes/ggm-shapes.ttl', parse: folder }),
    access: text({
      flag: 'access',
      env: 'GGM_ACCESS',
      value: '<file.yaml>',
      help: 'the access policy of the target service: personal data is published only into a graph it restricts (unset: only into a …/persoonsgegevens graph)',
      parse: folder,
    }),
    token: text({ env: 'GGM_PUBLISH_TOKEN', file: false, help: 'bearer credential for the endpoint', secret: true }),
    user: text({ env: 'GGM_PUBLISH_USER', file: false, help: 'user name for the endpoint (with GGM_PUBLISH_PASSWORD)' }),
    password: text({ env: 'GGM_PUBLISH_PASSWORD', file: false, help: 'password for the endpoint', secret: true }),
    vocabBase: shared.vocabBase,
    root: shared.root,
    quiet: shared.quiet,
  },
  notes: ['e.g. ggm publish import.nt --graph https://data.gemeente.nl/graph/zaken --to http://localhost:3000/sparql'],
});

export const COMMANDS: readonly CommandSpec[] = [BUILD, SERVE, DEMO, IMPORT, VALIDATE, PUBLISH];
