import { randomUUID } from 'node:crypto';
import { Registry } from 'prom-client';
import { describe } from 'vitest';
import { writeHistory } from '../../src/shared/db/history-writes.js';
import { createDatabase, migrateToLatest } from '../../src/shared/db/index.js';
import { createLogger } from '../../src/shared/logger.js';
import { createRedis } from '../../src/shared/redis.js';
import { createHistoryPruner } from '../../src/worker/history-pruner.js';
import { jobVersion } from '../../src/worker/history-rows.js';
import { expect, test } from '../support/fixtures.js';
import { cleanPrefix, testPrefix } from '../support/redis.js';

// HISTORY_RETENTION: the workers' pruners delete what was submitted longer ago, one worker per
// interval (a Redis key set NX for the interval), in batches.

const silent = createLogger({ level: 'silent' });
const DAY = 86_400_000;

describe('history retention', () => {
  test('one of two workers prunes per interval; rows older than the retention go, newer stay', async ({
    redis,
    postgres,
  }) => {
    const database = createDatabase({ url: await postgres.createDatabase(), poolSize: 2 });
    const connection = createRedis(redis.url, 'worker');
    const prefix = testPrefix();
    try {
      await migrateToLatest(database.db);
      const now = Date.now();
      const job = (ageDays: number, i: number) => ({
        cluster: 'dev',
        uid: randomUUID(),
        namespace: 'team-a',
        name: `job-${ageDays}-${i}`,
        operation_id: `op_${ageDays}_${i}`,
        batch_id: null,
        request_id: null,
        submitted_by: 'ci',
        phase: 'Succeeded' as const,
        reason: null,
        active: 0,
        succeeded: 1,
        failed: 0,
        submitted_at: new Date(now - ageDays * DAY).toISOString(),
        started_at: null,
        finished_at: null,
        images: null,
        labels: null,
        version: jobVersion('Succeeded', '1'),
      });
      const old = Array.from({ length: 23 }, (_, i) => job(40, i));
      const recent = Array.from({ length: 7 }, (_, i) => job(5, i));
      const operation = (ageDays: number, i: number) => ({
        id: `op_${ageDays}_${i}`,
        kind: 'job.create',
        state: 'succeeded' as const,
        cluster: 'dev',
        namespace: 'team-a',
        name: `job-${ageDays}-${i}`,
        submitted_by: 'ci',
        request_id: null,
        batch_id: null,
        created_at: new Date(now - ageDays * DAY).toISOString(),
        finished_at: new Date(now - ageDays * DAY + 1000).toISOString(),
        error_code: null,
        error_message: null,
        attempts: 1,
      });
      await writeHistory(database.db, {
        jobs: [...old, ...recent],
        deletions: [],
        operations: [...old.map((_, i) => operation(40, i)), ...recent.map((_, i) => operation(5, i))],
      });
      const registries = [new Registry(), new Registry()] as const;
      const options = {
        db: database.db,
        redis: connection,
        prefix,
        retentionMs: 30 * DAY,
        // Long: only runOnce prunes in this test, never the timer.
        intervalMs: 3_600_000,
        batchSize: 10,
        logger: silent,
      };
      const first = createHistoryPruner({ ...options, registry: registries[0] });
      const second = createHistoryPruner({ ...options, registry: registries[1] });
      try {
        const results = await Promise.all([first.runOnce(), second.runOnce()]);
        // Exactly one of them pruned, in batches of 10 (23 rows: three statements).
        expect(results.filter((r) => r !== undefined)).toEqual([{ jobs: 23, operations: 23 }]);
        const left = await database.db.selectFrom('history_jobs').select('name').execute();
        expect(left.map((r) => r.name).sort()).toEqual(recent.map((r) => r.name).sort());
        expect(await database.db.selectFrom('history_operations').select('id').execute()).toHaveLength(7);
        // Within the interval nobody prunes again.
        expect(await first.runOnce()).toBeUndefined();
        const pruner = results.findIndex((r) => r !== undefined);
        const metric = await registries[pruner]!.getSingleMetricAsString(
          'eks_jobs_history_pruned_rows_total',
        );
        expect(metric).toContain('table="jobs"} 23');
      } finally {
        await Promise.all([first.close(), second.close()]);
      }
    } finally {
      connection.disconnect();
      await cleanPrefix(redis.url, prefix);
      await database.close();
    }
  });
});
