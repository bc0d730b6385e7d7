import { afterAll, describe } from 'vitest';
import { HEALTH_PROBE_CACHE_MS } from '../../src/api/routes/health.js';
import { expect, test } from '../support/fixtures.js';
import { testPrefix } from '../support/redis.js';
import { type ApiUnderTest, startApiUnderTest } from './support/api-under-test.js';

// `/health` is open: without a cache, every anonymous request would cost a call to each cluster.

let api: ApiUnderTest | undefined;

describe('unauthenticated /health', () => {
  afterAll(async () => {
    await api?.close();
  });

  test('200 requests, concurrent and sequential, cause a bounded number of cluster calls', async ({
    redis,
  }) => {
    api = await startApiUnderTest({ redisUrl: redis.url, prefix: testPrefix(), keys: [] });
    const a = api;
    const health = () => a.app.request('/health');
    expect((await health()).status).toBe(200); // warms the client (discovery, connections)
    a.devcluster.counters.reset();
    const start = performance.now();
    const statuses: number[] = [];
    // 100 at once: they share one probe in flight.
    statuses.push(...(await Promise.all(Array.from({ length: 100 }, health))).map((r) => r.status));
    // 100 one after another: they reuse the cached answer.
    for (let i = 0; i < 100; i++) statuses.push((await health()).status);
    const elapsed = performance.now() - start;
    expect(statuses.filter((s) => s === 200)).toHaveLength(200);
    const calls = a.devcluster.counters.requests();
    // One cluster: at most one probe per cache period that began during the run (plus the one
    // whose period was running at the start).
    const bound = Math.floor(elapsed / HEALTH_PROBE_CACHE_MS) + 1;
    expect(calls).toBeLessThanOrEqual(bound);
    const body = (await (await health()).json()) as { clusters: Record<string, { status: string }> };
    expect(body.clusters.main?.status).toBe('ok');
  });
});
