/**
 * The names of the Redis keys that are used together: BullMQ's queues and every key of ours that
 * a script, transaction or pipeline touches along with another (docs/scaling.md, "Key layout").
 *
 * Redis Cluster runs a multi-key command only when all its keys hash to one slot; a key's slot is
 * CRC16 of its hash tag (the first non-empty `{…}`) or, without one, of the whole key.
 * - `sharded`: each cluster's queue is named `{ops-<cluster>}`, so BullMQ's keys of one queue share
 *   a slot (its rule), and queues of different clusters spread over the shards. The keys our
 *   scripts use with a queue's jobs (a batch's record and progress, idempotency claims, the Job
 *   watch's lease, the acknowledgement fence) carry the same tag. The event log and its markers
 *   share `{events}`; the webhook queue is `{webhooks}`.
 * - `plain`: the names of earlier releases, no tags (standalone and Sentinel: one server holds
 *   every key). On a cluster it works only with a hash tag in QUEUE_PREFIX, which puts every key
 *   in that one slot (and so on one shard).
 * A tag in QUEUE_PREFIX comes first in every key, so it always wins over the tags added here.
 */
export type KeyLayout = 'plain' | 'sharded';

/**
 * Name of the BullMQ queue of `cluster`: one queue per cluster, so one cluster's outage or 429
 * storm never stalls another's commands. BullMQ adds the prefix (`<prefix>:<name>:<suffix>`).
 */
export function queueNameOf(cluster: string, layout: KeyLayout = 'plain'): string {
  // BullMQ builds keys as prefix:name:suffix; a colon in the name would make keys ambiguous, and a
  // brace would change the hash tag.
  if (!cluster || /[:{}]/.test(cluster)) {
    throw new Error(`invalid cluster name for a queue: ${JSON.stringify(cluster)}`);
  }
  return layout === 'sharded' ? `{ops-${cluster}}` : `ops-${cluster}`;
}

/** Name of the BullMQ queue of webhook deliveries. */
export function webhookQueueName(layout: KeyLayout = 'plain'): string {
  return layout === 'sharded' ? '{webhooks}' : 'webhooks';
}

/** The keys of one deployment (`prefix`: QUEUE_PREFIX) in `layout`. Pure. */
export function redisKeys(prefix: string, layout: KeyLayout = 'plain') {
  const sharded = layout === 'sharded';
  /** What keys kept with `cluster`'s queue carry: the queue's hash tag, or (plain) nothing. */
  const withQueue = (cluster: string) => (sharded ? `${queueNameOf(cluster, layout)}:` : '');
  const events = sharded ? '{events}' : 'events';
  const batch = (cluster: string, id: string) => `${prefix}:api:batch:${withQueue(cluster)}${id}`;
  return {
    prefix,
    layout,
    queueName: (cluster: string) => queueNameOf(cluster, layout),
    webhookQueueName: () => webhookQueueName(layout),
    /** A batch's record (`POST /v1/batches`); every item of a batch is on one cluster's queue. */
    batchRecord: batch,
    /** A batch's progress counters, changed by scripts that also read its items' job locks. */
    batchProgress: (cluster: string, id: string) => `${batch(cluster, id)}:progress`,
    /** An `Idempotency-Key` claim (`digest` of the principal and the key) on `cluster`. */
    idempotency: (cluster: string, digest: string) =>
      `${prefix}:api:idempotency:${withQueue(cluster)}${digest}`,
    /** Written before `WAIT` so that it covers every earlier write to the queue's shard. */
    ackFence: (cluster: string) =>
      `${prefix}:api:ack-fence:${sharded ? queueNameOf(cluster, layout) : cluster}`,
    /** The Job watch's lease and stored resourceVersion, moved together by one script. */
    watchLease: (cluster: string) =>
      `${prefix}:watch:${sharded ? queueNameOf(cluster, layout) : cluster}:lease`,
    watchVersion: (cluster: string) =>
      `${prefix}:watch:${sharded ? queueNameOf(cluster, layout) : cluster}:rv`,
    /** The event log (one stream) and the marker of each event appended to it, set in one script. */
    eventLog: () => `${prefix}:${events}:log`,
    eventSeen: (id: string) => `${prefix}:${events}:seen:${id}`,
  };
}

/** What {@link redisKeys} returns. */
export type RedisKeys = ReturnType<typeof redisKeys>;
