import { type Kysely, sql } from 'kysely';
import type { Tables } from './tables.js';

/** Options of {@link pruneHistory}. */
export interface PruneHistoryOptions {
  /** Rows submitted (jobs) or created (operations) before this go. */
  before: Date;
  /** Rows deleted per statement. @defaultValue 5000 */
  batchSize?: number;
}

/**
 * Deletes history older than `before` (HISTORY_RETENTION ago), in batches of `batchSize` rows
 * per statement so no statement holds its locks long or writes a burst of WAL; each batch is
 * found through the tables' retention indexes. Returns how many rows went from each table.
 * Safe to run from several workers at once: a row deleted by one is skipped by the other.
 */
export async function pruneHistory(
  db: Kysely<Tables>,
  options: PruneHistoryOptions,
): Promise<{ jobs: number; operations: number }> {
  const batchSize = options.batchSize ?? 5000;
  let jobs = 0;
  for (;;) {
    const result = await db
      .deleteFrom('history_jobs')
      .where(
        sql<boolean>`(cluster, uid) in (${db
          .selectFrom('history_jobs')
          .select(['cluster', 'uid'])
          .where('submitted_at', '<', options.before)
          .limit(batchSize)})`,
      )
      .executeTakeFirst();
    const n = Number(result.numDeletedRows);
    jobs += n;
    if (n < batchSize) break;
  }
  let operations = 0;
  for (;;) {
    const result = await db
      .deleteFrom('history_operations')
      .where(
        'id',
        'in',
        db
          .selectFrom('history_operations')
          .select('id')
          .where('created_at', '<', options.before)
          .limit(batchSize),
      )
      .executeTakeFirst();
    const n = Number(result.numDeletedRows);
    operations += n;
    if (n < batchSize) break;
  }
  return { jobs, operations };
}
