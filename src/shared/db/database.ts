import { readFileSync } from 'node:fs';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { Tables } from './tables.js';

/** What {@link createDatabase} connects to: `config.database`. */
export type DatabaseConfig = NonNullable<Config['database']>;

/** Options of {@link createDatabase}. */
export interface CreateDatabaseOptions {
  /** Shown in `pg_stat_activity.application_name`, e.g. `eks-jobs-api`. @defaultValue `eks-jobs` */
  applicationName?: string;
  /** Told about connections the pool lost while idle (a server restart, a failover). */
  logger?: Logger;
  /** How long getting a connection may take before the query fails. @defaultValue 5000 */
  connectTimeoutMs?: number;
}

/** The service's PostgreSQL: the typed query builder, a readiness ping and a close. */
export interface Database {
  /** Kysely over a node-postgres pool of `poolSize` connections. */
  db: Kysely<Tables>;
  /** True when the server answers `select 1` within `timeoutMs`. Never throws, never hangs. */
  ping(timeoutMs?: number): Promise<boolean>;
  /** Ends the pool: waits for checked-out connections to come back, then closes them all. */
  close(): Promise<void>;
}

/**
 * Connects lazily (the first query opens the first connection) to `config.url`. With
 * `config.ssl` the connection is TLS and the server's certificate and host name are verified,
 * against the PEM bundle of `ssl.caFile` when given (RDS signs with its own CAs), else Node's.
 * Throws only when that CA file cannot be read.
 */
export function createDatabase(config: DatabaseConfig, options: CreateDatabaseOptions = {}): Database {
  const pool = new pg.Pool({
    connectionString: config.url,
    max: config.poolSize,
    // pg waits forever for a connection by default: a dead server would hang every request.
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
    application_name: options.applicationName ?? 'eks-jobs',
    ...(config.ssl ? { ssl: tlsOptions(config.ssl) } : {}),
  });
  // A connection that dies (server restart, failover) emits 'error'; without a listener that is
  // an uncaught exception and ends the process. Idle, the pool reports it (logged here) and drops
  // the connection. Checked out — even in the moment between a query's answer and its release —
  // the connection reports it to itself only: the query in flight, if any, fails with it, and
  // the pool drops the connection when it comes back. The next query opens a new one.
  pool.on('error', (err) => options.logger?.warn({ err }, 'PostgreSQL connection lost while idle'));
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  let closed: Promise<void> | undefined;
  return {
    db,
    ping: (timeoutMs = 500) => ping(db, timeoutMs),
    close: () => {
      closed ??= db.destroy();
      return closed;
    },
  };
}

function tlsOptions(ssl: NonNullable<DatabaseConfig['ssl']>): pg.PoolConfig['ssl'] {
  if (!ssl.caFile) return { rejectUnauthorized: true };
  let ca: string;
  try {
    ca = readFileSync(ssl.caFile, 'utf8');
  } catch (err) {
    throw new Error(`DATABASE_SSL_CA: cannot read ${ssl.caFile}: ${(err as Error).message}`);
  }
  return { rejectUnauthorized: true, ca };
}

async function ping(db: Kysely<Tables>, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const result = await Promise.race([
      sql<{ ok: number }>`select 1 as ok`.execute(db),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
      }),
    ]);
    return result.rows[0]?.ok === 1;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
