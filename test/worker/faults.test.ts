import { afterEach, describe } from 'vitest';
import type { DevCluster } from '../../src/devcluster/index.js';
import type { EnqueueCommand } from '../../src/shared/operations/index.js';
import { expect, test } from '../support/fixtures.js';
import { waitFor } from '../support/wait-for.js';
import { jobManifest, meta, specFor, startCluster, startPipeline } from './harness.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

async function cluster(options: Parameters<typeof startCluster>[0] = {}) {
  const dc = await startCluster(options);
  cleanups.push(() => dc.stop());
  return dc;
}

function creates(cluster: string, namespace: string, count: number, prefix: string): EnqueueCommand[] {
  return Array.from({ length: count }, (_, i) => ({
    cluster,
    command: 'job.create' as const,
    payload: { namespace, manifest: jobManifest(`${prefix}-${i}`) },
  }));
}

/** Jobs in `namespace` per operation label: exactly one each means no duplicates. */
function jobsByOperation(dc: DevCluster, namespace: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const job of dc.store.list<{ metadata: { labels?: Record<string, string> } }>('jobs', namespace)) {
    const id = job.metadata.labels?.['eks-jobs/operation'] ?? '(unlabelled)';
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

describe('the pipeline under faults', () => {
  test('1,000 creates with 20% reset-after-commit, 10% 503, 5% 429: exactly 1,000 Jobs, all succeeded', async ({
    redis,
  }) => {
    const dc = await cluster();
    const p = await startPipeline(redis.url, [specFor(dc, 'main')], { concurrency: 128 });
    cleanups.push(() => p.close());
    const ns = await p.ops.enqueue(
      { cluster: 'main', command: 'namespace.create', payload: { name: 'load' } },
      meta,
    );
    expect((await p.ops.waitForEnd(ns.id, 5000)).state).toBe('succeeded');

    const rules = dc.faults.addAll([
      { verb: 'create', resource: 'jobs', reset: 'after', rate: 0.2 },
      { verb: 'create', resource: 'jobs', status: 503, rate: 0.1 },
      { verb: 'create', resource: 'jobs', status: 429, retryAfterSeconds: 1, rate: 0.05 },
    ]);
    const started = Date.now();
    const ops = await p.ops.enqueueBulk(creates('main', 'load', 1000, 'load'), meta);
    const ended = await Promise.all(ops.map((o) => p.ops.waitForEnd(o.id, 60_000)));
    const elapsedMs = Date.now() - started;

    const fired = rules.map((id) => dc.faults.fired(id));
    const byOp = jobsByOperation(dc, 'load');
    expect(dc.store.count('jobs', 'load')).toBe(1000);
    expect(byOp.size).toBe(1000);
    expect([...byOp.values()].every((n) => n === 1)).toBe(true);
    expect(new Set(ops.map((o) => o.id))).toEqual(new Set(byOp.keys()));
    expect(ended.filter((o) => o.state !== 'succeeded')).toEqual([]);
    // The faults really happened, in about the proportions asked for.
    expect(fired[0]).toBeGreaterThan(150);
    expect(fired[1]).toBeGreaterThan(60);
    expect(fired[2]).toBeGreaterThan(25);
    // Every create that committed before its connection was reset came back as a replay (409 + our
    // label); a reset can also hit the replaying request itself, so there are at most as many replays as resets.
    const replays = ended.filter((o) => o.result?.replayed);
    expect(replays.length).toBeGreaterThan(150);
    expect(replays.length).toBeLessThanOrEqual(fired[0]!);
    console.info(
      `fault test: 1000 creates in ${elapsedMs} ms; faults fired reset-after=${fired[0]} 503=${fired[1]} 429=${fired[2]}; replays=${replays.length}`,
    );
  }, 120_000);

  test("one cluster answering only 429/503 does not slow another's operations", async ({ redis }) => {
    // Latency like a remote EKS endpoint, so drain time is set by the cluster and the pipeline rather
    // than by the CPU this test process shares with both simulated clusters.
    const [healthy, sick] = await Promise.all([
      cluster({ baseLatencyMs: 40 }),
      cluster({ baseLatencyMs: 40 }),
    ]);
    const p = await startPipeline(redis.url, [specFor(healthy, 'healthy'), specFor(sick, 'sick')], {
      concurrency: 8,
      retry: { initialDelayMs: 200, maxDelayMs: 2000, attemptTimeoutMs: 5000 },
      // The sick cluster's breaker opens (every attempt fails); short pauses keep the recovery below quick.
      breaker: { maxPauseMs: 2000 },
    });
    cleanups.push(() => p.close());
    const N = 300;
    const created = () => healthy.counters.requests({ verb: 'create', resource: 'jobs', code: 201 });

    const drain = async (round: string) => {
      const before = created();
      const started = Date.now();
      await p.ops.enqueueBulk(creates('healthy', 'default', N, round), meta);
      await waitFor(() => created() - before === N, {
        timeoutMs: 60_000,
        intervalMs: 10,
        message: `${round} to drain`,
      });
      return Date.now() - started;
    };

    await drain('warmup');
    const alone = await drain('alone');

    const storm = sick.faults.addAll([
      { status: 429, retryAfterSeconds: 1, rate: 0.5 },
      { status: 503, rate: 0.5 },
    ]);
    await p.ops.enqueueBulk(creates('sick', 'default', N, 'sick'), meta);
    // Few requests reach it: once nearly all fail, its circuit breaker pauses the sick queue.
    await waitFor(() => sick.counters.requests({ code: 503 }) > 5, { message: 'the storm to start' });
    const during = await drain('during');
    const stormHits = storm.map((id) => sick.faults.fired(id));
    for (const id of storm) sick.faults.remove(id);

    console.info(
      `isolation: healthy drained ${N} alone in ${alone} ms, during the other's storm in ${during} ms`,
    );
    expect(stormHits[0]).toBeGreaterThan(0);
    expect(stormHits[1]).toBeGreaterThan(0);
    expect(during).toBeLessThanOrEqual(Math.max(alone * 1.5, alone + 100));
    // The sick cluster's operations are not lost: once it recovers they end.
    await waitFor(
      async () =>
        (await p.ops.depth('sick')) === 0 &&
        (await p.ops.list({ cluster: 'sick', state: 'running', limit: 1 })).items.length === 0,
      {
        timeoutMs: 30_000,
        intervalMs: 100,
        message: 'the sick cluster to drain after recovery',
      },
    );
  }, 120_000);
});
