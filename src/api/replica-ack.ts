import { isCluster, type RedisClient } from '../shared/redis.js';
import type { RedisKeys } from '../shared/redis-keys.js';
import { ApiError } from './errors.js';

/**
 * Replica confirmation of what the API acknowledges (REDIS_WAIT_REPLICAS, docs/scaling.md).
 * Redis replicates asynchronously: a primary that dies right after answering an enqueue can take
 * it along, and a replica promoted in its place never had it. `WAIT n t` blocks until `n`
 * replicas have acknowledged every write the *same connection* made before it, and answers how
 * many did.
 *
 * So that the API's own connection (shared by every request, reads included) is never blocked
 * by a `WAIT`, confirmations run on a connection of their own, and each starts with a write of
 * its own, the fence: `INCR` of the queue's fence key, then `WAIT`. The replication stream of a
 * shard is one ordered stream; a replica that has the fence has every write the shard executed
 * before it, from any connection of any API replica — the claim, the enqueue, the batch record,
 * and the earlier request's writes that an `Idempotency-Key` replay answers with. The fence key
 * is in the slot of the cluster's queue, so on a Redis Cluster the pair goes to the shard that
 * holds the queue and the request's other keys (redis-keys.ts).
 *
 * Confirmations of one queue are grouped: while one is in flight, callers share the next one,
 * which starts when it returns (it may have fenced before their writes, so it cannot cover them).
 */
export interface ReplicaAck {
  /**
   * Resolves once the configured number of replicas hold everything written so far to the shard
   * of `cluster`'s queue.
   * @throws ApiError `ReplicationTimeout` (503, `Retry-After`) when fewer confirmed in time; the
   * connection's own errors as they come (the caller maps an outage to `QueueUnavailable`).
   */
  confirm(cluster: string): Promise<void>;
}

/** The {@link ReplicaAck} of REDIS_WAIT_REPLICAS=0: nothing to wait for. */
export const noReplicaAck: ReplicaAck = { confirm: async () => {} };

/** Options of {@link createReplicaAck}. */
export interface ReplicaAckOptions {
  /** A fail-fast connection used for nothing else (`WAIT` blocks it), with a command timeout above `timeoutMs`. */
  connection: RedisClient;
  keys: Pick<RedisKeys, 'ackFence'>;
  /** REDIS_WAIT_REPLICAS (at least 1). */
  replicas: number;
  /** REDIS_WAIT_TIMEOUT. */
  timeoutMs: number;
}

interface Group {
  running?: Promise<number>;
  next?: Promise<number>;
}

export function createReplicaAck(options: ReplicaAckOptions): ReplicaAck {
  const { connection, replicas, timeoutMs } = options;
  const groups = new Map<string, Group>();

  async function fenceAndWait(cluster: string): Promise<number> {
    const send = () =>
      connection.pipeline().incr(options.keys.ackFence(cluster)).wait(replicas, timeoutMs).exec();
    let results = await send();
    // After a failover the slot map is stale: the fence answers MOVED, and ioredis does not send
    // a pipeline with a WAIT in it again by itself. Learn the new map once, then fence again.
    if (isCluster(connection) && results?.some(([err]) => err && /^(MOVED|ASK) /.test(err.message))) {
      await new Promise<void>((resolve) => connection.refreshSlotsCache(() => resolve()));
      results = await send();
    }
    // A pipeline reports a lost connection per command, not by rejecting.
    const failed = results?.find(([err]) => err);
    if (failed) throw failed[0];
    return Number(results?.[1]?.[1] ?? 0);
  }

  function start(group: Group, cluster: string): Promise<number> {
    const running = fenceAndWait(cluster).finally(() => {
      if (group.running === running) group.running = undefined;
    });
    group.running = running;
    return running;
  }

  function confirmed(cluster: string): Promise<number> {
    let group = groups.get(cluster);
    if (!group) {
      group = {};
      groups.set(cluster, group);
    }
    const g = group;
    if (!g.running) return start(g, cluster);
    g.next ??= g.running
      .then(
        () => undefined,
        () => undefined,
      )
      .then(() => {
        g.next = undefined;
        return start(g, cluster);
      });
    return g.next;
  }

  return {
    async confirm(cluster) {
      const count = await confirmed(cluster);
      if (count >= replicas) return;
      throw new ApiError(
        'ReplicationTimeout',
        `stored, but ${count} of the ${replicas} replica(s) REDIS_WAIT_REPLICAS asks for confirmed it within ${timeoutMs} ms; retry with the same Idempotency-Key (a retry without one may enqueue it twice)`,
        { replicas: count, required: replicas },
        { 'Retry-After': '1' },
      );
    },
  };
}
