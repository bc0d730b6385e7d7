import { describe, expect, vi } from 'vitest';
import { startService, waitForHttp } from '../support/process.js';
import { freePort } from '../support/redis.js';
import { topologyTest } from '../support/topology-fixtures.js';
import { waitFor } from '../support/wait-for.js';
import * as scenario from './scenarios.js';
import { startTopologyStack } from './stack.js';

// Whole scenarios on several redis-servers and real processes: a deadline for a loaded machine, not a speed.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

// The service on a real Sentinel group (1 master, 2 replicas, 3 sentinels): found through the
// sentinels, plain keys, one replica's confirmation (WAIT) before every 2xx, the default here.
const test = topologyTest.extend('stack', { scope: 'file' }, async ({ redisSentinel }, { onCleanup }) => {
  const stack = await startTopologyStack(redisSentinel.env);
  onCleanup(() => stack.close());
  return stack;
});

describe('Sentinel: 1 master, 2 replicas, 3 sentinels', () => {
  test('runs the service: submit, batch, idempotency, rate limit, retry, cancel, list, events', async ({
    stack,
    redisSentinel,
  }) => {
    expect(stack.api.config.redis).toMatchObject({ keyLayout: 'plain', wait: { replicas: 1 } });
    expect((await redisSentinel.currentMaster()).port).toBe(redisSentinel.master.port);
    await scenario.ready(stack);
    const succeeded = await scenario.submitAndRead(stack);
    await scenario.batchToDone(stack);
    await scenario.idempotentReplay(stack);
    await scenario.rateLimited(stack);
    await scenario.retryFailed(stack);
    await scenario.cancelQueued(stack);
    await scenario.listOperations(stack, succeeded);
    await scenario.eventsPublished(stack, succeeded);
  });

  test('the API process stops on SIGTERM and exits 0, its connections to the sentinels closed too', async ({
    redisSentinel,
  }) => {
    const port = await freePort();
    const api = startService('src/api/main.ts', {
      ...redisSentinel.env,
      EKS_JOBS_INSECURE_NO_AUTH: 'true',
      EKS_CLUSTER_NAME: 'dev',
      EKS_REGION: 'us-west-2',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      SHUTDOWN_TIMEOUT: '10s',
    });
    try {
      await waitForHttp(`http://127.0.0.1:${port}/readyz`, 200, 30_000);
      api.child.kill('SIGTERM');
      expect(await api.exited).toBe(0);
      expect(api.output()).not.toMatch(/shutdown timed out/);
    } finally {
      await api.kill();
    }
  });

  // Last: it changes the topology. The harness's failover helpers, and the service following it.
  test('after kill -9 of the master, the sentinels promote a replica and operations run again', async ({
    stack,
    redisSentinel,
  }) => {
    const old = await redisSentinel.killMaster();
    const promoted = await redisSentinel.waitForFailover(old);
    expect(redisSentinel.replicas).toContain(promoted);
    const done = await waitFor(
      async () => {
        const res = await stack.call('POST', '/v1/namespaces/default/jobs', {
          json: { generateName: 'after-failover-', image: 'busybox:1.36' },
          headers: { prefer: 'wait=10' },
        });
        return res.status === 201 ? res : undefined;
      },
      { timeoutMs: 60_000, message: 'a create to succeed after the failover' },
    );
    expect(((await done.json()) as { state: string }).state).toBe('succeeded');
  });
});
