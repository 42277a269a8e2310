/**
 * Connecting to PostgreSQL with errors that say where and why, and creating /
 * dropping a database (for a fresh warehouse, and for tests).
 */
import pg from 'pg';

export class DatabaseConnectionError extends Error {
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'DatabaseConnectionError';
  }
}

/** host:port/database of a connection string, never its password. */
export function describeConnection(connectionString: string): string {
  try {
    const u = new URL(connectionString);
    return `${u.hostname || 'localhost'}:${u.port || '5432'}${u.pathname || '/'}`;
  } catch {
    return '(unparsable connection string)';
  }
}

/** Text for every column: values are converted by the importer, not by pg's type parsers. */
const TEXT_TYPES = { getTypeParser: () => (v: string) => v } as unknown as pg.CustomTypesConfig;

export async function connect(connectionString: string, options: { text?: boolean } = {}): Promise<pg.Client> {
  try {
    new URL(connectionString);
  } catch {
    throw new DatabaseConnectionError(`not a PostgreSQL connection string (expected postgres://user@host:port/database): ${JSON.stringify(connectionString.replace(/:[^:@/]*@/, ':***@'))}`);
  }
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 10_000, ...(options.text ? { types: TEXT_TYPES } : {}) });
  client.on('error', () => {}); // a dropped connection surfaces on the next query
  try {
    await client.connect();
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'ECONNREFUSED' ? 'connection refused (is PostgreSQL running there?)' : err.code === '3D000' ? 'the database does not exist' : err.message;
    await client.end().catch(() => {});
    throw new DatabaseConnectionError(`cannot connect to PostgreSQL at ${describeConnection(connectionString)}: ${why}`, e);
  }
  return client;
}

/** The connection string with another database name. */
export function withDatabase(connectionString: string, database: string): string {
  const u = new URL(connectionString);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.href;
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Create an empty database; returns its connection string. */
export async function createDatabase(adminConnectionString: string, name: string): Promise<string> {
  const c = await connect(adminConnectionString);
  try {
    await c.query(`CREATE DATABASE ${quoteIdent(name)}`);
  } finally {
    await c.end();
  }
  return withDatabase(adminConnectionString, name);
}

export async function dropDatabase(adminConnectionString: string, name: string): Promise<void> {
  const c = await connect(adminConnectionString);
  try {
    await c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
  } finally {
    await c.end();
  }
}
