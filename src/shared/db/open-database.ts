import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { createDatabase, type Database } from './database.js';
import { migrateToLatest } from './migrate.js';

/**
 * The start of each process that uses PostgreSQL (API, worker, `npm run db:migrate`): without
 * DATABASE_URL, undefined — history and templates are off and nothing else changes. With it,
 * connects and brings the schema to the newest migration before anything else runs. A server
 * that cannot be reached, or a migration that fails, is thrown: the process does not start
 * half-configured (Kubernetes restarts it until PostgreSQL answers).
 */
export async function openDatabase(
  config: Pick<Config, 'database'>,
  options: { applicationName: string; logger: Logger },
): Promise<Database | undefined> {
  if (!config.database) return undefined;
  const database = createDatabase(config.database, options);
  try {
    await migrateToLatest(database.db, { logger: options.logger });
  } catch (err) {
    await database.close().catch(() => {});
    throw err;
  }
  return database;
}
