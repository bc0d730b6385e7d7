import { Queue } from 'bullmq';
import { Registry } from 'prom-client';
import { describe } from 'vitest';
import { createQueueMonitor, registerQueueDepth } from '../../src/shared/metrics/queue-monitor.js';
import { queueNameOf } from '../../src/shared/operations/index.js';
import { createRedis } from '../../src/shared/redis.js';
import { expect, test } from '../support/fixtures.js';
import { cleanPrefix, testPrefix } from '../support/redis.js';
import { waitFor } from '../support/wait-for.js';
import { sample } from './stack.js';

async function evalCalls(redis: ReturnType<typeof createRedis>): Promise<number> {
  const stats = await redis.info('commandstats');
  return [...stats.matchAll(/cmdstat_(?:evalsha|eval):calls=(\d+)/g)].reduce((n, m) => n + Number(m[1]), 0);
}

describe('queue depth gauge', () => {
  test('counts every state per cluster queue; a scrape storm costs Redis one count per queue', async ({
    redis,
  }) => {
    const prefix = testPrefix();
    const conn = createRedis(redis.url, 'producer');
    await waitFor(() => conn.status === 'ready');
    const producer = new Queue(queueNameOf('a'), { connection: conn, prefix });
    const monitor = createQueueMonitor({ redis: conn, prefix, clusters: ['a', 'b'], cacheMs: 60_000 });
    const registry = new Registry();
    registerQueueDepth(registry, monitor);
    try {
      await producer.add('job.create', {});
      await producer.add('job.create', {}, { delay: 60_000 });
      await producer.add('job.create', {}, { priority: 3 });

      const before = await evalCalls(conn);
      const scrapes = await Promise.all(Array.from({ length: 50 }, () => registry.metrics()));
      const used = (await evalCalls(conn)) - before;
      // One getJobCounts script per queue (2), however many scrapes ran at once.
      expect(used).toBe(2);
      const text = scrapes[49]!;
      expect(scrapes.every((s) => s === text)).toBe(true);
      expect(sample(text, 'eks_jobs_queue_depth', { cluster: 'a', state: 'waiting' })).toBe(1);
      expect(sample(text, 'eks_jobs_queue_depth', { cluster: 'a', state: 'delayed' })).toBe(1);
      expect(sample(text, 'eks_jobs_queue_depth', { cluster: 'a', state: 'prioritized' })).toBe(1);
      expect(sample(text, 'eks_jobs_queue_depth', { cluster: 'b', state: 'waiting' })).toBe(0);
    } finally {
      await monitor.close();
      await producer.close();
      await cleanPrefix(redis.url, prefix);
      conn.disconnect();
    }
  });

  test('Redis down: /metrics still answers, without the gauge, and counts the error', async ({ redis }) => {
    const conn = createRedis(redis.url, 'producer');
    await waitFor(() => conn.status === 'ready');
    conn.disconnect();
    const monitor = createQueueMonitor({ redis: conn, prefix: testPrefix(), clusters: ['a'] });
    const registry = new Registry();
    registerQueueDepth(registry, monitor);
    const text = await registry.metrics();
    expect(text).not.toMatch(/^eks_jobs_queue_depth\{/m);
    expect(sample(text, 'eks_jobs_queue_depth_errors_total', {})).toBe(1);
    await monitor.close();
  });
});
