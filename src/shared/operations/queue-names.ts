/**
 * Name of the BullMQ queue of `cluster`: one queue per cluster, so one cluster's outage or
 * 429 storm never stalls another's commands. The Redis key prefix (QUEUE_PREFIX, which may
 * carry a `{hash tag}` for Redis Cluster) is applied by BullMQ on top of this name.
 */
export function queueNameOf(cluster: string): string {
  // BullMQ builds keys as prefix:name:suffix; a colon in the name would make keys ambiguous.
  if (!cluster || cluster.includes(':'))
    throw new Error(`invalid cluster name for a queue: ${JSON.stringify(cluster)}`);
  return `ops-${cluster}`;
}
