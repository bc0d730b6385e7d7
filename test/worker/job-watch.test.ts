import { afterAll, beforeAll, describe } from 'vitest';
import type { DevCluster } from '../../src/devcluster/index.js';
import { createClusterRegistry } from '../../src/shared/cluster/index.js';
import { MANAGED_BY_LABEL, MANAGED_BY_VALUE, OPERATION_LABEL } from '../../src/shared/commands/index.js';
import type { EksJobsEvent } from '../../src/shared/events/event.js';
import { createEventPublisher, EVENT_FIELD, eventLogKey } from '../../src/shared/events/event-log.js';
import { createRedis } from '../../src/shared/redis.js';
import { redisKeys } from '../../src/shared/redis-keys.js';
import { createJobWatch, type JobWatch, jobTransitions } from '../../src/worker/job-watch.js';
import { clientsFor, jobBody } from '../support/devcluster.js';
import { expect, test } from '../support/fixtures.js';
import { testPrefix } from '../support/redis.js';
import { waitFor } from '../support/wait-for.js';
import { silent, specFor, startCluster } from './harness.js';

// The per-cluster Job watch against the devcluster over real HTTPS (its watch sends bookmarks
// and the 410 Expired ERROR event as a real API server does) and real Redis: one holder at a
// time; a holder that dies is replaced once its lease expires; and no Job transition is missed
// across the handover or an expired watch, compared with the Jobs' own final state.

let dc: DevCluster;
beforeAll(async () => {
  // A short watch history, so the new holder's resourceVersion has expired and it must re-list.
  dc = await startCluster({ watchHistory: 30 });
});
afterAll(async () => {
  await dc?.stop();
});

type Status = NonNullable<Parameters<typeof jobTransitions>[0]['status']>;

describe('jobTransitions', () => {
  test.each<[string, Status, string[]]>([
    ['not started', {}, []],
    ['started', { startTime: 't', active: 1 }, ['job.running']],
    [
      'succeeded',
      { startTime: 't', succeeded: 1, conditions: [{ type: 'Complete', status: 'True' }] },
      ['job.running', 'job.succeeded'],
    ],
    [
      'failed before it started',
      { conditions: [{ type: 'Failed', status: 'True', reason: 'DeadlineExceeded' }] },
      ['job.running', 'job.failed'],
    ],
    [
      'a condition not true',
      { startTime: 't', conditions: [{ type: 'Failed', status: 'False' }] },
      ['job.running'],
    ],
  ])('%s', (_name, status, types) => {
    expect(jobTransitions({ metadata: { uid: 'u' }, status }).map((t) => t.type)).toEqual(types);
  });
});

describe('the Job watch', () => {
  test('a killed holder is replaced once its lease expires, and every transition of every Job is published once', async ({
    redis,
  }) => {
    const prefix = testPrefix();
    const connection = createRedis(redis.url, 'worker');
    const registry = createClusterRegistry([specFor(dc, 'dc')], { logger: silent });
    const publisher = createEventPublisher({ redis: connection, prefix });
    const leaseMs = 600;
    const watch = (): JobWatch =>
      createJobWatch({
        cluster: 'dc',
        client: registry.get('dc')!,
        redis: connection,
        keys: redisKeys(prefix),
        leaseMs,
        publisher,
        operationInfo: async (id) => ({ principal: `key-of-${id}` }),
        logger: silent,
      });
    const { batch } = clientsFor(dc);
    const create = (name: string, script: string) => {
      const body = jobBody(name, script);
      body.metadata!.labels = { [MANAGED_BY_LABEL]: MANAGED_BY_VALUE, [OPERATION_LABEL]: `op-${name}` };
      body.spec!.backoffLimit = 0;
      return batch.createNamespacedJob({ namespace: 'default', body });
    };
    const first = watch();
    const second = watch();
    try {
      const holder = await waitFor(() => (first.holding() ? first : second.holding() ? second : undefined));
      const other = holder === first ? second : first;
      expect(other.holding()).toBe(false);
      for (let i = 0; i < 10; i++) await create(`before-${i}`, i % 3 === 0 ? 'exit 1' : 'echo ok');
      // Unmanaged Jobs are not ours to report.
      await batch.createNamespacedJob({ namespace: 'default', body: jobBody('not-managed') });
      await waitFor(async () => (await connection.xlen(eventLogKey(prefix))) >= 4);

      holder.abandon(); // as kill -9: the lease stays until it expires
      const died = Date.now();
      for (let i = 0; i < 10; i++) await create(`after-${i}`, i % 3 === 0 ? 'exit 1' : 'echo ok');
      await waitFor(() => other.holding(), { timeoutMs: 30_000 });
      const tookOverMs = Date.now() - died;

      // Every Job's final state, as the cluster has it, against what the watch published.
      const jobs = await waitFor(
        async () => {
          const list = await batch.listNamespacedJob({
            namespace: 'default',
            labelSelector: `${MANAGED_BY_LABEL}=${MANAGED_BY_VALUE}`,
          });
          return list.items.length === 20 &&
            list.items.every(
              (j) => j.status?.completionTime || j.status?.conditions?.some((c) => c.type === 'Failed'),
            )
            ? list.items
            : undefined;
        },
        { timeoutMs: 30_000 },
      );
      const expected = jobs.flatMap((j) =>
        jobTransitions(j as never).map((t) => `${j.metadata!.name} ${t.type}`),
      );
      const read = async () => {
        const entries = (await connection.xrange(eventLogKey(prefix), '-', '+')) as Array<[string, string[]]>;
        return entries.map(([, f]) => JSON.parse(f[f.indexOf(EVENT_FIELD) + 1]!) as EksJobsEvent);
      };
      const events = await waitFor(
        async () => {
          const all = await read();
          return all.length >= expected.length ? all : undefined;
        },
        { timeoutMs: 30_000 },
      );
      const seen = events.map((e) => `${e.data.name} ${e.type}`);
      expect([...seen].sort()).toEqual([...expected].sort());
      expect(expected.filter((e) => e.endsWith('job.failed'))).toHaveLength(8);
      // Running before the end, for each Job; the operation's key travels with it.
      for (const job of jobs) {
        const mine = events.filter((e) => e.data.name === job.metadata!.name);
        expect(mine.map((e) => e.type)[0]).toBe('job.running');
        expect(mine[0]!.data.principal).toBe(`key-of-op-${job.metadata!.name}`);
        expect(mine[0]!.data.job?.uid).toBe(job.metadata!.uid);
      }
      const failedEvent = events.find((e) => e.type === 'job.failed')!;
      expect(failedEvent.data.job).toMatchObject({
        phase: 'Failed',
        reason: 'BackoffLimitExceeded',
        failed: 1,
      });
      console.log(
        `job-watch handover: took over ${tookOverMs} ms after the holder died (lease ${leaseMs} ms); ${events.length} events for 20 Jobs, ${expected.length} expected`,
      );
    } finally {
      await first.close();
      await second.close();
      await registry.close();
      connection.disconnect();
    }
  });
});
