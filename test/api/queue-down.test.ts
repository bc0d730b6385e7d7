import { expect } from 'vitest';
import { test } from '../support/fixtures.js';
import { body, shortJob, startApiStack } from './support.js';

// Its own file: it kills this file's redis-server. The API alone (no worker): this is about
// what the API answers, and BullMQ workers whose Redis vanished mid-block are another test's
// subject (their shutdown is bounded by SHUTDOWN_TIMEOUT in the process, not here).
test('Redis down → 503 QueueUnavailable at once, never a wait for Redis; back to 202 once Redis returns', async ({
  redis,
  onTestFinished,
}) => {
  const stack = await startApiStack({ redis, worker: false });
  onTestFinished(() => stack.close());
  await redis.kill();
  // Fail fast is structural: Redis stays down until the restart below, so a request that waited
  // for it would never be answered (the test times out) — no clock is needed to see it.
  try {
    for (const [method, path, json] of [
      ['POST', '/v1/namespaces/default/jobs', shortJob({ name: 'down' })],
      ['GET', '/v1/operations?limit=1', undefined],
      ['POST', '/v1/batches', { items: [{ namespace: 'default', job: shortJob({ name: 'down-b' }) }] }],
    ] as const) {
      const res = await stack.call(method, path, json ? { json } : {});
      expect(res.status, `${method} ${path}`).toBe(503);
      const err = await body(res);
      expect(err.error.code).toBe('QueueUnavailable');
      expect(res.headers.get('retry-after')).toBe('1');
    }
    expect((await stack.call('GET', '/readyz')).status).toBe(503);
  } finally {
    // Also when an assertion failed: the stack's teardown needs its Redis back.
    await redis.restart();
  }
  await expect
    .poll(
      async () =>
        (await stack.call('POST', '/v1/namespaces/default/jobs', { json: shortJob({ name: 'up' }) })).status,
      {
        timeout: 10_000,
        interval: 50,
      },
    )
    .toBe(202);
});
