/**
 * The two topologies the failover scenarios break (failover-scenario.ts), on the harness of
 * test/support/redis-topology.ts: a 3-master/3-replica Redis Cluster, and a Sentinel group of a
 * master, 2 replicas and 3 sentinels. Each kills the master holding the chaos stack's queue.
 */
import { replicaInSync, withServer } from '../../../src/dev/redis-topology.js';
import { queueNameOf } from '../../../src/shared/redis-keys.js';
import { type RedisProcess, startTestCluster, startTestSentinel } from '../../support/redis-topology.js';
import { waitFor } from '../../support/wait-for.js';
import type { FailoverTopology } from './failover-scenario.js';
import { CHAOS_QUEUE_PREFIX } from './stack.js';

/** How long Redis may take to promote a replica, or a node to rejoin; a deadline, not a measure. */
const TOPOLOGY_DEADLINE_MS = 60_000;

/**
 * Closes `master`'s replication links. Its replicas are stopped first: a running one would
 * reconnect at its next replication cron (within a second) and catch up from the backlog. What
 * the master had already handed to the kernel still reaches them; what it writes afterwards does not.
 */
async function dropReplicaLinks(master: RedisProcess): Promise<void> {
  await withServer(master.address, (r) => r.call('CLIENT', 'KILL', 'TYPE', 'replica'));
}

/**
 * A Redis Cluster (3 masters, a replica each, `cluster-node-timeout` 2 s). After the promotion the
 * dead master is started again, as a supervisor (a StatefulSet, ElastiCache) would, and rejoins
 * as the new master's replica: with one replica per shard, `REDIS_WAIT_REPLICAS=1` cannot be met
 * until it has. Started only once the promotion is done: nothing is persisted, and a node that
 * came back empty before its replica took over would still be the master of its slots.
 */
export async function clusterTopology(): Promise<FailoverTopology> {
  const cluster = await startTestCluster();
  // Every key of the `dev` queue carries its hash tag (sharded layout, the cluster mode's default).
  const slot = await cluster.slotOf(`${CHAOS_QUEUE_PREFIX}:${queueNameOf('dev', 'sharded')}:wait`);
  let killed: RedisProcess | undefined;
  let paused: RedisProcess[] = [];
  return {
    env: cluster.env,
    async isolateQueueMaster() {
      paused = await cluster.replicasOf(slot);
      for (const replica of paused) replica.pause();
      await dropReplicaLinks(await cluster.masterOf(slot));
    },
    async killQueueMaster() {
      killed = await cluster.killMasterOf(slot);
      for (const replica of paused) replica.resume();
      paused = [];
      return `${killed.address} (slot ${slot})`;
    },
    async promoted() {
      await waitFor(async () => (await cluster.masterOf(slot)) !== killed, {
        timeoutMs: TOPOLOGY_DEADLINE_MS,
        intervalMs: 50,
        message: `a replica to take over slot ${slot}`,
      });
    },
    async heal() {
      const old = killed;
      if (!old) throw new Error('heal() before killQueueMaster()');
      await old.restart();
      await waitFor(
        async () => (await cluster.replicasOf(slot)).includes(old) && (await replicaInSync(old.address)),
        { timeoutMs: TOPOLOGY_DEADLINE_MS, intervalMs: 50, message: 'the old master to rejoin as a replica' },
      );
      await cluster.waitUntilHealthy(TOPOLOGY_DEADLINE_MS);
    },
    stop: () => cluster.stop(),
  };
}

/**
 * A Sentinel group (1 master, 2 replicas, 3 sentinels, quorum 2, `down-after-milliseconds` 1 s).
 * The dead master stays down: the promoted replica keeps the other one, which is all
 * `REDIS_WAIT_REPLICAS=1` needs, so healing is the surviving replica's resync.
 */
export async function sentinelTopology(): Promise<FailoverTopology> {
  const group = await startTestSentinel();
  let killed: RedisProcess | undefined;
  let paused: RedisProcess[] = [];
  return {
    env: group.env,
    async isolateQueueMaster() {
      const master = await group.currentMaster();
      paused = [group.master, ...group.replicas].filter((p) => p !== master && p.running());
      for (const replica of paused) replica.pause();
      await dropReplicaLinks(master);
    },
    async killQueueMaster() {
      killed = await group.killMaster();
      for (const replica of paused) replica.resume();
      paused = [];
      return killed.address;
    },
    async promoted() {
      await waitFor(async () => (await group.currentMaster()) !== killed, {
        timeoutMs: TOPOLOGY_DEADLINE_MS,
        intervalMs: 50,
        message: 'the sentinels to promote a replica',
      });
    },
    async heal() {
      if (!killed) throw new Error('heal() before killQueueMaster()');
      await group.waitForFailover(killed, TOPOLOGY_DEADLINE_MS);
    },
    stop: () => group.stop(),
  };
}
