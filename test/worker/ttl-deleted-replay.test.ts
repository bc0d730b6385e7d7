import { afterEach, describe } from 'vitest';
import type { EksJobsEvent } from '../../src/shared/events/event.js';
import { createEventPublisher, EVENT_FIELD, eventLogKey } from '../../src/shared/events/event-log.js';
import type { EnqueueCommand } from '../../src/shared/operations/index.js';
import { createRedis, type RedisClient } from '../../src/shared/redis.js';
import { expect, test } from '../support/fixtures.js';
import { cleanPrefix, testPrefix } from '../support/redis.js';
import { waitFor } from '../support/wait-for.js';
import { jobManifest, meta, specFor, startCluster, startPipeline } from './harness.js';

const cleanups: (() => Promise<void>)[] = [];

/** The uids of the Jobs each operation ran, from the `job.*` events in the event log. */
async function jobsRun(redis: RedisClient, prefix: string): Promise<Map<string, Set<string>>> {
  const byOp = new Map<string, Set<string>>();
  for (const [, fields] of await redis.xrange(eventLogKey(prefix), '-', '+')) {
    const event = JSON.parse(fields[fields.indexOf(EVENT_FIELD) + 1]!) as EksJobsEvent;
    const uid = event.data.job?.uid;
    if (!event.type.startsWith('job.') || !event.data.operationId || !uid) continue;
    byOp.set(event.data.operationId, (byOp.get(event.data.operationId) ?? new Set()).add(uid));
  }
  return byOp;
}
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

// A create whose answer is lost after the API server committed it (the connection reset, or the
// worker killed) is run again. When the Job has meanwhile finished and been deleted by its
// `ttlSecondsAfterFinished`, the second create used to succeed: the Job ran twice. The Job watch
// saw the first Job, and notes it on its operation; the second run finds the note and ends the
// operation as a replay whose Job is gone, without creating anything.
describe('a create run again after its Job was TTL-deleted', () => {
  test('makes no second Job: the operation succeeds as a replay of the Job that is gone', async ({
    redis,
  }) => {
    const dc = await startCluster();
    cleanups.push(() => dc.stop());
    const eventsPrefix = testPrefix();
    const connection = createRedis(redis.url, 'worker');
    cleanups.push(async () => {
      connection.disconnect();
      await cleanPrefix(redis.url, eventsPrefix);
    });
    const p = await startPipeline(redis.url, [specFor(dc, 'main')], {
      events: createEventPublisher({ redis: connection, prefix: eventsPrefix }),
      jobWatchLeaseMs: 2000,
      // The retry comes long after the Job (a pod that exits at once, TTL 0) is gone.
      retry: { initialDelayMs: 3000, maxDelayMs: 3000, attemptTimeoutMs: 5000 },
      // Every first attempt fails here, which would open the circuit breaker and only slow the test.
      breaker: { window: 1000 },
    });
    cleanups.push(() => p.close());
    const ns = await p.ops.enqueue(
      { cluster: 'main', command: 'namespace.create', payload: { name: 'ttl' } },
      meta,
    );
    expect((await p.ops.waitForEnd(ns.id, 10_000)).state).toBe('succeeded');

    const count = 20;
    // The first `count` creates are committed, then their connection is reset: the worker never
    // hears of its Job and tries again after its backoff.
    const rule = dc.faults.add({ verb: 'create', resource: 'jobs', namespace: 'ttl', reset: 'after', count });
    const commands: EnqueueCommand[] = Array.from({ length: count }, (_, i) => {
      const manifest = jobManifest(`ttl-${i}`);
      return {
        cluster: 'main',
        command: 'job.create' as const,
        payload: {
          namespace: 'ttl',
          manifest: { ...manifest, spec: { ...manifest.spec, ttlSecondsAfterFinished: 0 } },
        },
      };
    });
    const ops = await p.ops.enqueueBulk(commands, meta);
    const ended = await Promise.all(ops.map((o) => p.ops.waitForEnd(o.id, 60_000)));

    expect(dc.faults.fired(rule)).toBe(count);
    expect(ended.map((o) => o.state)).toEqual(ops.map(() => 'succeeded'));
    // Every Job the cluster ran, deleted ones too, as the Job watch published them: one per operation.
    const made = await waitFor(
      async () => {
        const byOp = await jobsRun(connection, eventsPrefix);
        return ops.every((o) => byOp.has(o.id)) ? byOp : undefined;
      },
      { timeoutMs: 30_000, message: "every operation's Job to have run" },
    );
    expect(new Set(made.keys())).toEqual(new Set(ops.map((o) => o.id)));
    expect([...made.values()].map((uids) => uids.size)).toEqual(ops.map(() => 1));
    // Every operation's answer was lost; each ended as a replay: its Job still there (409, our
    // label) or already deleted (noted by the watch). With a 3 s backoff the Jobs were gone.
    expect(ended.every((o) => o.result?.replayed)).toBe(true);
    const gone = ended.filter((o) => o.result?.alreadyGone).length;
    expect(gone).toBeGreaterThan(0);
    for (const o of ended) expect(o.result?.uid).toBe([...made.get(o.id)!][0]);
    await waitFor(() => dc.store.count('jobs', 'ttl') === 0, { timeoutMs: 10_000, message: 'TTL deletion' });
    console.info(`ttl replay: ${count} creates, answers lost; ${gone} ended with their Job already deleted`);
  }, 90_000);
});
