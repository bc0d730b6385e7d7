/**
 * The optional PostgreSQL of eks-jobs (job history, templates): connection, schema migrations,
 * table types and the queries the schema's indexes are designed for.
 */
export {
  type CreateDatabaseOptions,
  createDatabase,
  type Database,
  type DatabaseConfig,
} from './database.js';
export {
  type HistoryCursor,
  type HistoryJobsPage,
  type HistoryJobsQuery,
  historyJobsPage,
  historyJobsPageQuery,
  type UpsertOutcome,
  upsertHistoryJob,
} from './history-jobs.js';
export { type PruneHistoryOptions, pruneHistory } from './history-retention.js';
export {
  folderMigrationProvider,
  MIGRATIONS_DIR,
  type MigrateOptions,
  MigrationError,
  migrateToLatest,
} from './migrate.js';
export { openDatabase } from './open-database.js';
export * from './tables.js';
