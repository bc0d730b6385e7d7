import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  type ClusterRegistry,
  createClusterClient,
  createClusterRegistry,
  loadClusterSpecs,
} from '../../src/shared/cluster/index.js';
import { parseConfig } from '../../src/shared/config.js';
import { DEPLOYER_ROLE, silentLogger, startEksDevCluster, staticCredentials, USER_KEY } from './support.js';

// Real AWS is not reachable here: EKS/STS are the devcluster's emulator; credentials are given
// to the providers explicitly instead of through the SDK's environment chain.

const dir = mkdtempSync(join(tmpdir(), 'eks-jobs-providers-'));
let env: Awaited<ReturnType<typeof startEksDevCluster>>;

beforeAll(async () => {
  env = await startEksDevCluster({ clusterName: 'files' });
});

afterAll(async () => {
  await env?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Replaces a file the way kubelet and secret mounts do: write aside, then rename over. */
function rotate(path: string, content: string) {
  writeFileSync(`${path}.tmp`, content);
  renameSync(`${path}.tmp`, path);
}

describe('static provider', () => {
  test('token value and CA data', async () => {
    env.dc.addToken('static-value-token', 'static-user');
    const client = createClusterClient(
      {
        name: 'kind',
        provider: 'static',
        server: env.dc.url,
        caData: Buffer.from(env.dc.caPem).toString('base64'),
        token: 'static-value-token',
      },
      { logger: silentLogger },
    );
    try {
      const ns = await client.run((k) => k.core.readNamespace({ name: 'default' }));
      expect(ns.metadata?.name).toBe('default');
    } finally {
      await client.close();
    }
  });

  test('a rotated token file is picked up, the old token may already be dead', async () => {
    const tokenFile = join(dir, 'static-token');
    env.dc.addToken('file-token-1', 'rotating');
    rotate(tokenFile, 'file-token-1\n');
    const client = createClusterClient(
      { name: 'k3s', provider: 'static', server: env.dc.url, caFile: env.dc.caFile, tokenFile },
      { logger: silentLogger },
    );
    try {
      await client.run((k) => k.core.readNamespace({ name: 'default' }));
      env.dc.addToken('file-token-2', 'rotating');
      rotate(tokenFile, 'file-token-2\n');
      expect(env.dc.revokeTokens({ identity: 'rotating', permanent: true })).toBe(1);
      const rejectedBefore = env.dc.counters.requests({ code: 401 });
      await client.run((k) => k.core.readNamespace({ name: 'default' }));
      // The new token was read before the request: no 401 at all.
      expect(env.dc.counters.requests({ code: 401 })).toBe(rejectedBefore);
      expect(client.stats().tokenRefreshes).toBe(1);
    } finally {
      await client.close();
    }
  });

  test('a wrong CA file fails naming the cluster', async () => {
    const other = await startEksDevCluster({ clusterName: 'other-ca', aws: env.aws });
    const caFile = join(dir, 'other-ca.pem');
    writeFileSync(caFile, other.dc.caPem);
    await other.stop();
    const client = createClusterClient(
      { name: 'kind', provider: 'static', server: env.dc.url, caFile, token: 'x' },
      { logger: silentLogger },
    );
    try {
      await expect(client.run((k) => k.core.listNamespace())).rejects.toThrow(
        /^cluster "kind": TLS verification/,
      );
    } finally {
      await client.close();
    }
  });
});

describe('in-cluster provider', () => {
  test('server from KUBERNETES_SERVICE_*, CA and rotating service-account token from files', async () => {
    const { hostname, port } = new URL(env.dc.url);
    const tokenFile = join(dir, 'sa-token');
    const clustersFile = join(dir, 'in-cluster.json');
    writeFileSync(
      clustersFile,
      JSON.stringify([{ name: 'here', provider: 'in-cluster', caFile: env.dc.caFile, tokenFile }]),
    );
    const specs = loadClusterSpecs(
      parseConfig({
        CLUSTERS_FILE: clustersFile,
        KUBERNETES_SERVICE_HOST: hostname,
        KUBERNETES_SERVICE_PORT: port,
      }),
    );
    expect(specs[0]).toMatchObject({ provider: 'in-cluster', server: env.dc.url });
    env.dc.addToken('sa-token-1', 'system:serviceaccount:eks-jobs:api');
    rotate(tokenFile, 'sa-token-1');
    const registry = createClusterRegistry(specs, { logger: silentLogger });
    try {
      const client = registry.get('here')!;
      await client.run((k) => k.core.readNamespace({ name: 'default' }));
      env.dc.addToken('sa-token-2', 'system:serviceaccount:eks-jobs:api');
      rotate(tokenFile, 'sa-token-2');
      env.dc.revokeTokens({ identity: 'system:serviceaccount:eks-jobs:api', permanent: true });
      await expect(client.run((k) => k.core.readNamespace({ name: 'default' }))).resolves.toBeTruthy();
      expect(client.stats().tokenRefreshes).toBe(1);
    } finally {
      await registry.close();
    }
  });
});

describe('several clusters from CLUSTERS_FILE', () => {
  test('two devclusters, each reached with its own credentials, one through an assumed role', async () => {
    const assumed = `arn:aws:sts::111122223333:assumed-role/deployer/eks-jobs`;
    // Each devcluster lets in only its expected identity: a wrong credential would get 403.
    const a = await startEksDevCluster({
      clusterName: 'team-a',
      aws: env.aws,
      devcluster: { policy: [{ identity: USER_KEY.arn }] },
    });
    const b = await startEksDevCluster({
      clusterName: 'team-b',
      aws: env.aws,
      devcluster: { policy: [{ identity: assumed }] },
    });
    const clustersFile = join(dir, 'clusters.json');
    writeFileSync(
      clustersFile,
      JSON.stringify({
        clusters: [
          { name: 'team-a', provider: 'eks', region: 'us-west-2', default: true },
          { name: 'b', eksClusterName: 'team-b', region: 'us-west-2', roleArn: DEPLOYER_ROLE },
        ],
      }),
    );
    let registry: ClusterRegistry | undefined;
    try {
      const assumeRolesBefore = env.aws.counters().assumeRole;
      registry = createClusterRegistry(loadClusterSpecs(parseConfig({ CLUSTERS_FILE: clustersFile })), {
        logger: silentLogger,
        credentials: staticCredentials(USER_KEY),
        eksEndpoint: env.aws.url,
        stsEndpoint: env.aws.url,
      });
      expect(registry.names()).toEqual(['team-a', 'b']);
      expect(registry.defaultName).toBe('team-a');
      const [nsA, nsB] = await Promise.all([
        registry.get('team-a')!.run((k) => k.core.listNamespace()),
        registry.get('b')!.run((k) => k.core.listNamespace()),
      ]);
      expect(nsA.items.length).toBeGreaterThan(0);
      expect(nsB.items.length).toBeGreaterThan(0);
      expect(env.aws.counters().assumeRole).toBe(assumeRolesBefore + 1);
      // Swapped identities are refused: the policies really tell the two credentials apart.
      const wrong = createClusterClient(
        { name: 'team-b', provider: 'eks', region: 'us-west-2' },
        { logger: silentLogger, credentials: staticCredentials(USER_KEY), eksEndpoint: env.aws.url },
      );
      await expect(wrong.run((k) => k.core.listNamespace())).rejects.toMatchObject({ code: 403 });
      await wrong.close();
    } finally {
      await registry?.close();
      await a.stop();
      await b.stop();
    }
  });
});
