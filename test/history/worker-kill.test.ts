import pg from 'pg';
import { afterEach, describe } from 'vitest';
import type { DevCluster } from '../../src/devcluster/index.js';
import { createDatabase, migrateToLatest } from '../../src/shared/db/index.js';
import { eventLogKey } from '../../src/shared/events/event-log.js';
import { createOperations } from '../../src/shared/operations/index.js';
import { createRedis } from '../../src/shared/redis.js';
import { HISTORY_GROUP } from '../../src/worker/history-recorder.js';
import { expect, test } from '../support/fixtures.js';
import { cleanPrefix, testPrefix } from '../support/redis.js';
import { waitFor } from '../support/wait-for.js';
import { jobManifest, silent, specFor, startCluster } from '../worker/harness.js';
import { startWorkerProcess, writeClustersFile } from '../worker/worker-process.js';

// Issue 19, history under a worker's kill -9, with real processes: worker A's recorder has read
// a batch of events and is writing it (held up by a lock the test takes on the table) when A is
// killed; worker B takes A's commands over, and its recorder takes A's unwritten events over
// (XAUTOCLAIM after 5 × WORKER_LOCK_DURATION). In the end the history has exactly one row per Job,
// with the outcome the cluster has, and nothing is left pending in the consumer group.

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

/** What the Jobs do (the devcluster runs them at 1/100 time): they succeed or fail. */
const RUNS = [
  { command: ['sh', '-c', 'true'], ends: 'Succeeded' },
  { command: ['sh', '-c', 'sleep 40'], ends: 'Succeeded' },
  { command: ['sh', '-c', 'exit 3'], ends: 'Failed' },
] as const;

type ClusterJob = {
  metadata: { uid: string; name: string; labels?: Record<string, string> };
  status?: { conditions?: Array<{ type: string; status: string; reason?: string }> };
};
const outcomeOf = (job: ClusterJob) => {
  const done = job.status?.conditions?.find(
    (c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True',
  );
  return done
    ? {
        phase: done.type === 'Complete' ? 'Succeeded' : 'Failed',
        reason: done.reason ?? null,
      }
    : undefined;
};

describe('history under kill -9', () => {
  test('a worker killed while writing history: another takes its events over; one row per Job, each with its outcome', async ({
    redis,
    postgres,
  }) => {
    const dc: DevCluster = await startCluster();
    cleanups.push(() => dc.stop());
    const prefix = testPrefix();
    const databaseUrl = await postgres.createDatabase();
    const clusters = writeClustersFile([specFor(dc, 'dev', { default: true })]);
    cleanups.push(clusters.remove);
    const producer = createRedis(redis.url, 'producer');
    await waitFor(() => producer.status === 'ready');
    const ops = createOperations({
      redis: producer,
      prefix,
      clusters: ['dev'],
      retentionMs: 3_600_000,
      logger: silent,
    });
    cleanups.push(async () => {
      await ops.close();
      producer.disconnect();
      await cleanPrefix(redis.url, prefix);
    });
    const env = {
      REDIS_URL: redis.url,
      QUEUE_PREFIX: prefix,
      CLUSTERS_FILE: clusters.path,
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_SIZE: '4',
      WORKER_LOCK_DURATION: '2s',
      WORKER_STALLED_INTERVAL: '1s',
      JOB_WATCH_LEASE: '2s',
    };
    const start = async () => {
      const worker = await startWorkerProcess(env);
      cleanups.push(() => worker.kill());
      return worker;
    };
    const enqueue = (from: number, count: number) =>
      ops.enqueueBulk(
        Array.from({ length: count }, (_, k) => {
          const i = from + k;
          const manifest = jobManifest(`hist-${i}`);
          manifest.spec.template.spec.containers = [
            { name: 'main', image: `busybox:1.${i % 3}`, command: [...RUNS[i % 3]!.command] },
          ];
          return {
            cluster: 'dev',
            command: 'job.create' as const,
            payload: { namespace: 'default', manifest },
          };
        }),
        { requestId: 'req-kill', principal: 'tester' },
      );
    const n = 60;
    const stream = eventLogKey(prefix);

    // First half: a worker without a database runs them; their events wait in the log.
    const plain = await startWorkerProcess({ ...env, DATABASE_URL: '' });
    cleanups.push(() => plain.kill());
    const first = await enqueue(0, n / 2);
    await Promise.all(first.map((o) => ops.waitForEnd(o.id, 60_000)));
    plain.child.kill('SIGKILL');
    await plain.exited;

    // Holds every write to the history until released (the schema first, as A would make it).
    const database = createDatabase({ url: databaseUrl, poolSize: 1 });
    cleanups.push(() => database.close());
    await migrateToLatest(database.db);
    const locker = new pg.Client({ connectionString: databaseUrl });
    await locker.connect();
    cleanups.push(() => locker.end().catch(() => {}));
    await locker.query('begin');
    await locker.query('lock table history_jobs, history_operations in share row exclusive mode');
    const a = await start();

    // Second half, run by A, whose recorder has read the log's backlog and cannot write it.
    const second = await enqueue(n / 2, n / 2);
    const created = [...first, ...second];
    await waitFor(async () => Number((await producer.xpending(stream, HISTORY_GROUP))[0]) >= n / 2, {
      timeoutMs: 30_000,
      message: 'worker A to hold unwritten history events',
    });
    a.child.kill('SIGKILL');
    expect(await a.exited).toBe('SIGKILL');
    const heldByA = Number((await producer.xpending(stream, HISTORY_GROUP))[0]);
    const endedBeforeKill = (await Promise.all(second.map((o) => ops.get(o.id)))).filter(
      (o) => o?.state === 'succeeded',
    ).length;

    await start();
    await locker.query('commit');

    const ended = await Promise.all(created.map((o) => ops.waitForEnd(o.id, 60_000)));
    expect(ended.map((o) => o.state)).toEqual(created.map(() => 'succeeded'));
    const jobs = () => dc.store.list<ClusterJob>('jobs', 'default');
    await waitFor(() => jobs().length === n && jobs().every((j) => outcomeOf(j)), {
      timeoutMs: 60_000,
      message: 'every Job to end',
    });
    const rows = () => database.db.selectFrom('history_jobs').selectAll().execute();
    await waitFor(
      async () => (await rows()).filter((r) => r.phase === 'Succeeded' || r.phase === 'Failed').length === n,
      {
        timeoutMs: 60_000,
        message: `${n} finished Jobs in the history`,
      },
    );

    const history = await rows();
    expect(history).toHaveLength(n);
    expect(new Set(history.map((r) => r.operation_id)).size).toBe(n);
    const byUid = new Map(history.map((r) => [r.uid, r]));
    const wrong = jobs().filter((job) => {
      const row = byUid.get(job.metadata.uid);
      const want = outcomeOf(job)!;
      return !row || row.phase !== want.phase || row.reason !== want.reason || row.submitted_by !== 'tester';
    });
    expect(
      wrong.map((j) => {
        const row = byUid.get(j.metadata.uid);
        return `${j.metadata.name}: ${JSON.stringify(outcomeOf(j))} recorded as ${row?.phase}/${row?.reason}/${row?.submitted_by}`;
      }),
    ).toEqual([]);
    expect(history.every((r) => r.images.length === 1 && r.images[0]!.startsWith('busybox:1.'))).toBe(true);
    const operations = await database.db.selectFrom('history_operations').select(['id', 'state']).execute();
    expect(operations.map((o) => o.id).sort()).toEqual(created.map((o) => o.id).sort());
    await waitFor(async () => Number((await producer.xpending(stream, HISTORY_GROUP))[0]) === 0, {
      message: 'no history event left unwritten',
    });
    console.info(
      `history kill -9: worker A held ${heldByA} unwritten events and had ended ${endedBeforeKill} of its ${n / 2} operations; ${n} Jobs, ${history.length} rows`,
    );
  }, 180_000);
});
