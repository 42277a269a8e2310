/**
 * Logging through pino, the Node standard: levels, one JSON object per line,
 * child loggers with bound fields (a request id …). On a terminal the lines are
 * printed human-readable (pino-pretty, in-process); piped or in CI they stay
 * JSON, one per line, for log collectors.
 *
 * Library code (store, data, generate, server) never writes to stdout/stderr:
 * it gets a Logger handed to it and reports through it; without one it stays
 * silent (`silentLogger`). Only `src/cli/` creates the real logger, from the
 * configuration. Credentials are never logged: the fields that may carry them
 * are redacted.
 */
import { pino, type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface LoggerSettings {
  level: LogLevel;
  /** Human-readable lines instead of JSON (the CLI turns it on when the output is a terminal). */
  pretty: boolean;
}

/** Field paths that may carry secrets: never written. */
const REDACT = [
  'authorization',
  'headers.authorization',
  'headers["x-api-key"]',
  'credential',
  'password',
  'token',
  '*.authorization',
  '*.credential',
  '*.password',
  '*.token',
];

/**
 * A logger writing to `destination` (default: stdout). Any object with a
 * write(line) method will do, which is how tests collect the lines. Writes to
 * stdout are buffered: call `logger.flush()` before process.exit().
 */
export function createLogger(settings: LoggerSettings, destination?: DestinationStream): Logger {
  const options = {
    level: settings.level,
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACT, censor: '[redacted]' },
  };
  if (settings.pretty)
    return pino(
      options,
      pretty({
        destination: destination ?? 1,
        colorize: destination === undefined,
        translateTime: 'SYS:HH:MM:ss.l',
        singleLine: true,
        ignore: 'event',
        sync: true,
      }),
    );
  return pino(options, destination ?? pino.destination({ dest: 1, sync: false }));
}

/** For library code called without a logger: reports nothing. */
export const silentLogger: Logger = pino({ level: 'silent' });
