import { DescribeClusterCommand, type DescribeClusterCommandOutput, EKSClient } from '@aws-sdk/client-eks';
import { ClusterAccessError } from './errors.js';
import type { AwsCredentialsProvider } from './token.js';

/** Where a cluster's Kubernetes API is and which CA signs its certificate. */
export interface ClusterEndpoint {
  /** https URL of the API server. */
  server: string;
  /** CA bundle PEM; undefined means the system trust store. */
  caPem?: string;
}

/** Options of {@link createEksDiscovery}. */
export interface EksDiscoveryOptions {
  /** Name used in errors (the service's name for the cluster). */
  cluster: string;
  eksClusterName: string;
  region: string;
  credentials: AwsCredentialsProvider;
  /** EKS endpoint URL; without it the SDK's regional one (AWS_ENDPOINT_URL_EKS honoured). */
  endpoint?: string;
  /** Least time between two refreshes, so an outage does not become a DescribeCluster storm. @defaultValue 5000 */
  minRefreshIntervalMs?: number;
  /** @defaultValue Date.now */
  clock?: () => number;
}

/** DescribeCluster, cached. */
export interface EksDiscovery {
  /** The cached endpoint, described on first use. */
  get(): Promise<ClusterEndpoint>;
  /** Describes the cluster again (single flight, rate-limited); resolves true when endpoint or CA changed. */
  refresh(): Promise<boolean>;
  count(): number;
  close(): void;
}

/** Finds a cluster's endpoint and CA with EKS DescribeCluster, and caches them. */
export function createEksDiscovery(options: EksDiscoveryOptions): EksDiscovery {
  const client = new EKSClient({
    region: options.region,
    credentials: options.credentials,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    maxAttempts: 3,
  });
  let cached: Promise<ClusterEndpoint> | undefined;
  let refreshing: Promise<boolean> | undefined;
  let lastRefresh = Number.NEGATIVE_INFINITY;
  let count = 0;
  const clock = options.clock ?? Date.now;

  async function describe(): Promise<ClusterEndpoint> {
    count += 1;
    let cluster: DescribeClusterCommandOutput['cluster'];
    try {
      ({ cluster } = await client.send(new DescribeClusterCommand({ name: options.eksClusterName })));
    } catch (err) {
      const name = (err as { name?: string }).name;
      const why =
        name === 'ResourceNotFoundException'
          ? `EKS cluster "${options.eksClusterName}" not found in ${options.region}`
          : `DescribeCluster of "${options.eksClusterName}" in ${options.region} failed: ${(err as Error).message}`;
      throw new ClusterAccessError(options.cluster, why, { cause: err });
    }
    const endpoint = cluster?.endpoint;
    const caData = cluster?.certificateAuthority?.data;
    if (!endpoint || !caData) {
      throw new ClusterAccessError(
        options.cluster,
        `EKS cluster "${options.eksClusterName}" has no endpoint or CA yet (status ${cluster?.status ?? 'unknown'})`,
      );
    }
    if (!endpoint.startsWith('https://')) {
      throw new ClusterAccessError(options.cluster, `EKS returned a non-https endpoint ${endpoint}`);
    }
    // EKS returns the CA as base64 of the PEM, the kubeconfig certificate-authority-data form.
    return { server: endpoint, caPem: Buffer.from(caData, 'base64').toString('utf8') };
  }

  function load(): Promise<ClusterEndpoint> {
    const p = describe();
    // A failed describe is not cached: the next caller tries again.
    p.catch(() => {
      if (cached === p) cached = undefined;
    });
    cached = p;
    return p;
  }

  return {
    get: () => cached ?? load(),
    refresh() {
      if (!refreshing && clock() - lastRefresh < (options.minRefreshIntervalMs ?? 5000)) {
        return Promise.resolve(false);
      }
      refreshing ??= (async () => {
        lastRefresh = clock();
        const before = await cached?.catch(() => undefined);
        try {
          const after = await load();
          return !before || before.server !== after.server || before.caPem !== after.caPem;
        } finally {
          refreshing = undefined;
        }
      })();
      return refreshing;
    },
    count: () => count,
    close: () => client.destroy(),
  };
}
