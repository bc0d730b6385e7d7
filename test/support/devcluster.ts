/**
 * Test helpers to run against a real devcluster over HTTPS: start one, build a client-node
 * KubeConfig for it, and a vitest fixture that starts and stops one per test.
 */
import * as k8s from '@kubernetes/client-node';
import { test as base } from 'vitest';
import { type DevCluster, type DevClusterOptions, startDevCluster } from '../../src/devcluster/index.js';

export type { DevCluster, DevClusterOptions };

/** Defaults for tests: fast simulated time. */
export const TEST_DEVCLUSTER_OPTIONS: DevClusterOptions = { timeScale: 0.01 };

/** Starts a devcluster with test defaults (overridable). */
export function startTestDevCluster(options: DevClusterOptions = {}): Promise<DevCluster> {
  return startDevCluster({ ...TEST_DEVCLUSTER_OPTIONS, ...options });
}

/** A KubeConfig for client-node pointing at the devcluster with `token` (the admin token by default). */
export function kubeConfigFor(cluster: DevCluster, token: string = cluster.token): k8s.KubeConfig {
  const kc = new k8s.KubeConfig();
  kc.loadFromOptions({
    clusters: [
      {
        name: cluster.clusterName,
        server: cluster.url,
        caData: Buffer.from(cluster.caPem).toString('base64'),
        skipTLSVerify: false,
      },
    ],
    users: [{ name: 'test', token }],
    contexts: [{ name: 'test', cluster: cluster.clusterName, user: 'test' }],
    currentContext: 'test',
  });
  return kc;
}

/** Typed API clients for a devcluster. */
export function clientsFor(
  cluster: DevCluster,
  token?: string,
): { kc: k8s.KubeConfig; core: k8s.CoreV1Api; batch: k8s.BatchV1Api } {
  const kc = kubeConfigFor(cluster, token);
  return { kc, core: kc.makeApiClient(k8s.CoreV1Api), batch: kc.makeApiClient(k8s.BatchV1Api) };
}

/**
 * vitest fixture: `devclusterTest('…', async ({ devcluster }) => …)` gets a fresh devcluster
 * (timeScale 0.01) stopped after the test. Override options with `devclusterTest.scoped({ devclusterOptions: {…} })`.
 */
/** A minimal valid Job whose one container runs `script` with the devcluster's sh interpreter. */
export function jobBody(name: string, script = 'echo hi'): k8s.V1Job {
  return {
    metadata: { name },
    spec: {
      template: {
        spec: {
          restartPolicy: 'Never',
          containers: [{ name: 'main', image: 'busybox', command: ['sh', '-c', script] }],
        },
      },
    },
  };
}

let namespaceSeq = 0;

/** Creates a namespace with a fresh name starting with `prefix` (and `finalizers`, to keep it Terminating). */
export async function freshNamespace(
  core: k8s.CoreV1Api,
  prefix: string,
  finalizers?: string[],
): Promise<string> {
  const name = `${prefix}-${++namespaceSeq}`;
  await core.createNamespace({ body: { metadata: { name, ...(finalizers ? { finalizers } : {}) } } });
  return name;
}

export const devclusterTest = base.extend<{ devclusterOptions: DevClusterOptions; devcluster: DevCluster }>({
  devclusterOptions: [{}, { injected: false }],
  devcluster: async ({ devclusterOptions }, use) => {
    const cluster = await startTestDevCluster(devclusterOptions);
    try {
      await use(cluster);
    } finally {
      await cluster.stop();
    }
  },
});
