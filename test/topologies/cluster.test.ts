import { randomUUID } from 'node:crypto';
import { describe, expect, vi } from 'vitest';
import { withServer } from '../../src/dev/redis-topology.js';
import { redisKeys } from '../../src/shared/redis-keys.js';
import { topologyTest } from '../support/topology-fixtures.js';
import { waitFor } from '../support/wait-for.js';
import * as scenario from './scenarios.js';
import { startTopologyStack } from './stack.js';

// Whole scenarios on several redis-servers and real processes: a deadline for a loaded machine, not a speed.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

// The service on a real 3-master/3-replica Redis Cluster (REDIS_CLUSTER_NODES): sharded keys,
// and one replica's confirmation (WAIT) before every 2xx, the cluster mode's default.
const test = topologyTest.extend('stack', { scope: 'file' }, async ({ redisCluster }, { onCleanup }) => {
  const stack = await startTopologyStack(redisCluster.env, { REDIS_WAIT_TIMEOUT: '500ms' });
  onCleanup(() => stack.close());
  return stack;
});

describe('Redis Cluster, 3 masters and 3 replicas', () => {
  test('runs the service: submit, batch, idempotency, rate limit, retry, cancel, list, events', async ({
    stack,
  }) => {
    expect(stack.api.config.redis).toMatchObject({ keyLayout: 'sharded', wait: { replicas: 1 } });
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

  test("two clusters' queues land on different shards", async ({ stack, redisCluster }) => {
    const keys = redisKeys(stack.prefix, 'sharded');
    const placed: Record<string, { slot: number; master: string }> = {};
    for (const cluster of ['dev', 'staging']) {
      const path = cluster === 'dev' ? '' : `/clusters/${cluster}`;
      const res = await stack.call('POST', `/v1${path}/namespaces/default/jobs`, {
        json: { generateName: 'placed-', image: 'busybox:1.36' },
      });
      const op = (await res.json()) as { id: string };
      expect(res.status).toBe(202);
      const jobKey = `${stack.prefix}:${keys.queueName(cluster)}:${op.id}`;
      const slot = await redisCluster.slotOf(jobKey);
      // Every key of the queue, and ours kept with it, hash to that one slot.
      for (const key of [
        `${stack.prefix}:${keys.queueName(cluster)}:wait`,
        `${stack.prefix}:${keys.queueName(cluster)}:events`,
        keys.batchProgress(cluster, 'batch_x'),
        keys.idempotency(cluster, 'digest'),
        keys.ackFence(cluster),
        keys.watchLease(cluster),
      ]) {
        expect(await redisCluster.slotOf(key), key).toBe(slot);
      }
      const master = await redisCluster.masterOf(slot);
      // The job is there, on that master (asked directly, no redirection).
      expect(await withServer(master.address, (r) => r.exists(jobKey))).toBe(1);
      placed[cluster] = { slot, master: master.address };
    }
    expect(placed.dev!.slot).not.toBe(placed.staging!.slot);
    expect(placed.dev!.master).not.toBe(placed.staging!.master);
    // CLUSTER NODES agrees: two different masters serve the two slots.
    const nodes = await redisCluster.clusterNodes();
    const owner = (slot: number) =>
      nodes.find((n) => n.role === 'master' && n.slots.some(([a, b]) => slot >= a && slot <= b))?.address;
    expect(owner(placed.dev!.slot)).toBe(placed.dev!.master);
    expect(owner(placed.staging!.slot)).toBe(placed.staging!.master);
  });

  test("answers 503 while the queue's shard has no replica to confirm, then 202 to the retry", async ({
    stack,
    redisCluster,
  }) => {
    const slot = await redisCluster.slotOf(`${stack.prefix}:{ops-staging}:wait`);
    const [replica] = await redisCluster.replicasOf(slot);
    const headers = { 'idempotency-key': `wait-${randomUUID()}` };
    const body = { json: { generateName: 'confirmed-', image: 'busybox:1.36' }, headers };
    replica!.pause();
    let refused: Response;
    try {
      refused = await stack.call('POST', '/v1/clusters/staging/namespaces/default/jobs', body);
    } finally {
      replica!.resume();
    }
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('ReplicationTimeout');
    // The client retries with its key: the operation the first request stored, now confirmed.
    const accepted = await waitFor(
      async () => {
        const res = await stack.call('POST', '/v1/clusters/staging/namespaces/default/jobs', body);
        return res.status === 202 ? res : undefined;
      },
      { message: 'the retry to be accepted' },
    );
    expect(accepted.headers.get('idempotent-replayed')).toBe('true');
  });

  // Last: it changes the topology. The harness's failover helpers, and the service following it.
  test("after kill -9 of the dev queue's master, its replica takes over and operations run again", async ({
    stack,
    redisCluster,
  }) => {
    const slot = await redisCluster.slotOf(`${stack.prefix}:{ops-dev}:wait`);
    const [replica] = await redisCluster.replicasOf(slot);
    const killed = await redisCluster.killMasterOf(slot);
    await redisCluster.waitUntilHealthy();
    expect(await redisCluster.masterOf(slot)).toBe(replica);
    // The shard has no replica left to confirm a write (WAIT): 503 until the old master is back,
    // as a replica of the new one.
    const refused = await stack.call('POST', '/v1/namespaces/default/jobs', {
      json: { generateName: 'no-replica-', image: 'busybox:1.36' },
    });
    expect(refused.status).toBe(503);
    await killed.restart();
    await redisCluster.waitUntilHealthy();
    expect(await redisCluster.replicasOf(slot)).toEqual([killed]);
    // A client retries 503s (the SDK does); the worker reconnects by itself.
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
