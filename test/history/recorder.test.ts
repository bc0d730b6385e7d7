import type { Redis } from 'ioredis';
import { sql } from 'kysely';
import { Registry } from 'prom-client';
import { afterEach, describe } from 'vitest';
import { createDatabase, type Database, migrateToLatest } from '../../src/shared/db/index.js';
import type { EksJobsEvent } from '../../src/shared/events/event.js';
import { createEventPublisher, eventLogKey } from '../../src/shared/events/event-log.js';
import { createLogger } from '../../src/shared/logger.js';
import { connectorForUrl, createRedis } from '../../src/shared/redis.js';
import { createHistoryRecorder, HISTORY_GROUP } from '../../src/worker/history-recorder.js';
import { expect, test } from '../support/fixtures.js';
import { cleanPrefix, testPrefix } from '../support/redis.js';
import { waitFor } from '../support/wait-for.js';
import { jobLife } from './events.js';

// The history recorder against real Redis (the event log, its consumer group) and real
// PostgreSQL: events become rows once each, whatever is replayed, in whatever order, by however
// many recorders, through a database outage; and events the log's cap trimmed unread are counted.

const silent = createLogger({ level: process.env.DEBUG_HISTORY ? 'debug' : 'silent' });
const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

async function setup(redisUrl: string, databaseUrl: string, options: { historyLength?: number } = {}) {
  const prefix = testPrefix();
  const redis = createRedis(redisUrl, 'worker');
  const database: Database = createDatabase({ url: databaseUrl, poolSize: 4 }, { connectTimeoutMs: 1000 });
  await migrateToLatest(database.db);
  cleanups.push(async () => {
    await database.close();
    redis.disconnect();
    await cleanPrefix(redisUrl, prefix);
  });
  const publisher = createEventPublisher({ redis, prefix, historyLength: options.historyLength ?? 100_000 });
  const publish = async (events: EksJobsEvent[]) => {
    for (const e of events) await publisher.publish(e);
  };
  const start = (extra: { claimIdleMs?: number; batchSize?: number } = {}) => {
    const registry = new Registry();
    const recorder = createHistoryRecorder({
      connector: connectorForUrl(redisUrl),
      prefix,
      db: database.db,
      logger: silent,
      registry,
      blockMs: 100,
      checkEveryMs: 100,
      ...extra,
    });
    cleanups.push(() => recorder.close());
    return { recorder, registry };
  };
  return { prefix, redis, database, publish, start, stream: eventLogKey(prefix) };
}

/** Resolves once the group has been handed every entry of the log and acknowledged them all. */
async function drained(redis: Redis, stream: string) {
  await waitFor(
    async () => {
      const [last] = (await redis.xrevrange(stream, '+', '-', 'COUNT', 1)) as Array<[string, string[]]>;
      const groups = (await redis.xinfo('GROUPS', stream)) as unknown[][];
      const g = groups.map(toMap).find((x) => x.name === HISTORY_GROUP);
      return g && last && g['last-delivered-id'] === last[0] && g.pending === 0;
    },
    { message: 'the history group to have written the whole log' },
  );
}
const toMap = (flat: unknown[]) => {
  const m: Record<string, unknown> = {};
  for (let i = 0; i < flat.length; i += 2) m[String(flat[i])] = flat[i + 1];
  return m;
};

async function rowsOf(database: Database) {
  return database.db.selectFrom('history_jobs').selectAll().orderBy('name').execute();
}

async function metric(registry: Registry, name: string, labels: Record<string, string> = {}) {
  const m = (await registry.getMetricsAsJSON()).find((x) => x.name === name);
  const values = (m?.values ?? []) as Array<{ value: number; labels: Record<string, string> }>;
  return values
    .filter((v) => Object.entries(labels).every(([k, x]) => v.labels[k] === x))
    .reduce((sum, v) => sum + v.value, 0);
}

describe('history recorder', () => {
  test('a Job’s events make one row with its outcome; replaying the whole log makes no second row and changes nothing', async ({
    redis,
    postgres,
  }) => {
    const h = await setup(redis.url, await postgres.createDatabase());
    const lives = [jobLife({ labels: { team: 'a' } }), jobLife({ outcome: 'failed' })];
    await h.publish(lives.flatMap((l) => l.events));
    h.start();
    await drained(h.redis, h.stream);
    const rows = await rowsOf(h.database);
    expect(rows).toHaveLength(2);
    const ok = rows.find((r) => r.uid === lives[0]!.uid)!;
    const created = lives[0]!.events[0]!.data;
    expect(ok).toMatchObject({
      cluster: 'dev',
      namespace: 'team-a',
      name: lives[0]!.name,
      phase: 'Succeeded',
      reason: null,
      succeeded: 1,
      operation_id: lives[0]!.operationId,
      submitted_by: 'ci',
      request_id: created.requestId,
      images: ['busybox:1.36'],
      labels: expect.objectContaining({ team: 'a', 'eks-jobs/operation': lives[0]!.operationId }),
    });
    expect(ok.submitted_at.toISOString()).toBe(created.submittedAt);
    expect(ok.finished_at?.toISOString()).toBe(lives[0]!.events[2]!.data.job?.completionTime);
    expect(rows.find((r) => r.uid === lives[1]!.uid)).toMatchObject({
      phase: 'Failed',
      reason: 'BackoffLimitExceeded',
    });
    const operations = await h.database.db.selectFrom('history_operations').selectAll().execute();
    expect(operations.map((o) => o.id).sort()).toEqual(lives.map((l) => l.operationId).sort());

    // At-least-once: the group is sent back to the log's start, so every entry is delivered again.
    await h.redis.xgroup('SETID', h.stream, HISTORY_GROUP, '0');
    await drained(h.redis, h.stream);
    expect(await rowsOf(h.database)).toEqual(rows);
    expect(await h.database.db.selectFrom('history_operations').selectAll().execute()).toEqual(operations);
  });

  test('events out of order, each its own batch: the newest state is kept, and what only an older event knew is filled in', async ({
    redis,
    postgres,
  }) => {
    const h = await setup(redis.url, await postgres.createDatabase());
    const life = jobLife({ labels: { team: 'a' } });
    const [created, running, succeeded] = life.events as [EksJobsEvent, EksJobsEvent, EksJobsEvent];
    // One event per batch, so each is its own write: the outcome first, as the watch publishes
    // it once the operation has expired (no submitter, no labels known), then what preceded it.
    const { recorder } = h.start({ batchSize: 1 });
    await recorder.ready();
    const { principal: _p, requestId: _r, operationId: _o, labels: _l, ...rest } = succeeded.data;
    await h.publish([{ ...succeeded, data: { ...rest, principal: '' } }]);
    await drained(h.redis, h.stream);
    const [bare] = await rowsOf(h.database);
    expect(bare).toMatchObject({ phase: 'Succeeded', submitted_by: null, operation_id: null, labels: {} });
    await h.publish([running, created]);
    await drained(h.redis, h.stream);
    const [row] = await rowsOf(h.database);
    expect(row).toMatchObject({
      phase: 'Succeeded',
      succeeded: 1,
      active: 0,
      version: bare!.version,
      submitted_by: 'ci',
      operation_id: life.operationId,
      request_id: created.data.requestId,
      labels: expect.objectContaining({ team: 'a' }),
    });
    expect(row!.finished_at?.toISOString()).toBe(succeeded.data.job?.completionTime);
    expect(row!.started_at?.toISOString()).toBe(succeeded.data.job?.startTime);
    expect(await h.database.db.selectFrom('history_operations').select('id').execute()).toHaveLength(1);
    // Replayed once more: nothing changes, not even updated_at.
    await h.redis.xgroup('SETID', h.stream, HISTORY_GROUP, '0');
    await drained(h.redis, h.stream);
    expect(await rowsOf(h.database)).toEqual([row]);
  });

  test('a Job deleted before it finished is Deleted; one deleted after keeps its outcome', async ({
    redis,
    postgres,
  }) => {
    const h = await setup(redis.url, await postgres.createDatabase());
    const unfinished = jobLife();
    const finished = jobLife();
    const deleteOf = (life: ReturnType<typeof jobLife>): EksJobsEvent => ({
      ...life.events[0]!,
      id: `evt_delete_${life.uid}`,
      data: {
        ...life.events[0]!.data,
        operationId: `${life.operationId}_del`,
        command: 'job.delete',
        result: { uid: life.uid, name: life.name, namespace: life.namespace },
      },
    });
    await h.publish([
      ...unfinished.events.slice(0, 2),
      deleteOf(unfinished),
      ...finished.events,
      deleteOf(finished),
    ]);
    h.start();
    await drained(h.redis, h.stream);
    const rows = await rowsOf(h.database);
    expect(rows.find((r) => r.uid === unfinished.uid)?.phase).toBe('Deleted');
    expect(rows.find((r) => r.uid === finished.uid)?.phase).toBe('Succeeded');
    expect(await h.database.db.selectFrom('history_operations').select('kind').execute()).toHaveLength(4);
  });

  test('two recorders share the log: every event written, one row per Job', async ({ redis, postgres }) => {
    const h = await setup(redis.url, await postgres.createDatabase());
    const lives = Array.from({ length: 200 }, () => jobLife());
    const a = h.start({ batchSize: 20 });
    const b = h.start({ batchSize: 20 });
    await Promise.all([a.recorder.ready(), b.recorder.ready()]);
    await h.publish(lives.flatMap((l) => l.events));
    await drained(h.redis, h.stream);
    const rows = await rowsOf(h.database);
    expect(rows).toHaveLength(200);
    expect(new Set(rows.map((r) => r.uid))).toEqual(new Set(lives.map((l) => l.uid)));
    expect(rows.every((r) => r.phase === 'Succeeded')).toBe(true);
    const written = async (r: Registry) => metric(r, 'eks_jobs_history_events_total', { outcome: 'written' });
    expect((await written(a.registry)) + (await written(b.registry))).toBe(600);
  });

  test('PostgreSQL down: events wait in the log and are written once it answers again', async ({
    redis,
    postgres,
  }) => {
    const h = await setup(redis.url, await postgres.createDatabase());
    const { recorder, registry } = h.start();
    await recorder.ready();
    // The test server runs with synchronous_commit off: make the schema durable before the crash.
    await sql`checkpoint`.execute(h.database.db);
    await postgres.kill();
    try {
      const lives = Array.from({ length: 20 }, () => jobLife());
      await h.publish(lives.flatMap((l) => l.events));
      await waitFor(async () => (await metric(registry, 'eks_jobs_history_write_failures_total')) > 0, {
        message: 'a failed write',
      });
      expect((await h.redis.xpending(h.stream, HISTORY_GROUP))[0]).toBeGreaterThan(0);
    } finally {
      await postgres.restart();
    }
    await waitFor(async () => (await rowsOf(h.database).catch(() => [])).length === 20, {
      timeoutMs: 60_000,
      message: '20 rows once PostgreSQL is back',
    });
    await drained(h.redis, h.stream);
    expect((await rowsOf(h.database)).every((r) => r.phase === 'Succeeded')).toBe(true);
  }, 120_000);

  test('an event PostgreSQL refuses costs only its own row', async ({ redis, postgres }) => {
    const h = await setup(redis.url, await postgres.createDatabase());
    const good = jobLife();
    const bad = jobLife();
    // PostgreSQL's jsonb and text cannot hold U+0000: the whole batch is refused with a data error.
    const poisoned = bad.events.map((e) => ({ ...e, data: { ...e.data, labels: { broken: 'a\u0000b' } } }));
    await h.publish([...good.events, ...poisoned]);
    const { registry } = h.start();
    await drained(h.redis, h.stream);
    const rows = await rowsOf(h.database);
    expect(rows.map((r) => r.uid)).toEqual([good.uid]);
    expect(await metric(registry, 'eks_jobs_history_events_total', { outcome: 'rejected' })).toBe(3);
  });

  test('entries the log’s cap trimmed before the recorder read them are counted as lost, once', async ({
    redis,
    postgres,
  }) => {
    const h = await setup(redis.url, await postgres.createDatabase(), { historyLength: 10 });
    // The group exists (a recorder ran once), then 300 Jobs' events come while none runs.
    const first = h.start();
    await first.recorder.ready();
    await first.recorder.close();
    const lives = Array.from({ length: 300 }, () => jobLife());
    await h.publish(lives.flatMap((l) => l.events));
    const kept = await h.redis.xlen(h.stream);
    expect(kept).toBeLessThan(900);
    const { registry } = h.start();
    await drained(h.redis, h.stream);
    await waitFor(async () => (await metric(registry, 'eks_jobs_history_events_lost_total')) > 0, {
      message: 'the loss to be counted',
    });
    // Later checks find nothing more to count.
    const checks = 3;
    for (let i = 0; i < checks; i++) {
      const before = await metric(registry, 'eks_jobs_history_events_total');
      await h.publish(jobLife().events);
      await waitFor(async () => (await metric(registry, 'eks_jobs_history_events_total')) > before);
    }
    await drained(h.redis, h.stream);
    expect(await metric(registry, 'eks_jobs_history_events_lost_total')).toBe(900 - kept);
    const written = await sql<{ n: string }>`select count(*) as n from history_jobs`.execute(h.database.db);
    expect(Number(written.rows[0]!.n)).toBeGreaterThan(0);
  });
});
