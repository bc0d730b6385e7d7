import { Counter, Histogram, type Registry } from 'prom-client';
import type { ClusterClient, ClusterRegistry } from '../cluster/index.js';
import type { KubeCallEvent } from './kube-call.js';

/**
 * Metrics of the Kubernetes calls a process makes and of the tokens it makes for them. Wire it
 * in two steps, because the observers go into the cluster registry that the counters then read:
 *
 * ```ts
 * const clusterMetrics = createClusterMetrics(registry);
 * const clusters = createClusterRegistry(specs, { logger, ...clusterMetrics.observers });
 * clusterMetrics.track(clusters);
 * ```
 */
export function createClusterMetrics(registry: Registry) {
  const calls = new Counter({
    name: 'eks_jobs_kube_requests_total',
    help: 'Kubernetes API requests by cluster, verb, resource and HTTP status (0: no answer)',
    labelNames: ['cluster', 'verb', 'resource', 'code'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'eks_jobs_kube_request_duration_seconds',
    help: 'Kubernetes API request latency up to the response headers, by cluster, verb and resource',
    labelNames: ['cluster', 'verb', 'resource'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const tokenFailures = new Counter({
    name: 'eks_jobs_cluster_token_failures_total',
    help: 'Requests not sent because no cluster token could be made (credentials, STS, token file)',
    labelNames: ['cluster'] as const,
    registers: [registry],
  });

  let tracked: ClusterRegistry | undefined;
  // The clients count these themselves (ClusterClient.stats); the counters mirror them on scrape.
  const fromStats = (
    name: string,
    help: string,
    read: (stats: ReturnType<ClusterClient['stats']>) => number,
  ) =>
    new Counter({
      name,
      help,
      labelNames: ['cluster'] as const,
      registers: [registry],
      collect() {
        if (!tracked) return;
        this.reset();
        for (const cluster of tracked.names()) {
          const client = tracked.get(cluster);
          if (client) this.inc({ cluster }, read(client.stats()));
        }
      },
    });
  fromStats(
    'eks_jobs_cluster_token_presigns_total',
    'EKS bearer tokens presigned, by cluster',
    (s) => s.presigns,
  );
  fromStats(
    'eks_jobs_cluster_token_refreshes_total',
    'Tokens replaced while in use (EKS re-presign ahead of expiry, token file re-read), by cluster',
    (s) => s.tokenRefreshes,
  );
  fromStats(
    'eks_jobs_cluster_discoveries_total',
    'Cluster endpoint lookups (EKS DescribeCluster, CA/endpoint re-reads), by cluster',
    (s) => s.discoveries,
  );

  return {
    /** Spread into the deps of `createClusterRegistry` / `createClusterClient`. */
    observers: {
      onCall(e: KubeCallEvent) {
        calls.inc({ cluster: e.cluster, verb: e.verb, resource: e.resource, code: String(e.code) });
        duration.observe({ cluster: e.cluster, verb: e.verb, resource: e.resource }, e.durationMs / 1000);
      },
      onTokenFailure(cluster: string) {
        tokenFailures.inc({ cluster });
      },
    },
    /** Reads token and discovery counts from these clients on every scrape. */
    track(clusters: ClusterRegistry) {
      tracked = clusters;
    },
  };
}

/** What {@link createClusterMetrics} returns. */
export type ClusterMetrics = ReturnType<typeof createClusterMetrics>;
