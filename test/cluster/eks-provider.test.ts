import type { V1Job } from '@kubernetes/client-node';
import { ApiException } from '@kubernetes/client-node';
import { Agent, fetch } from 'undici';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  assumeRoleCredentials,
  ClusterAccessError,
  type ClusterClient,
  createClusterClient,
} from '../../src/shared/cluster/index.js';
import { DEPLOYER_ROLE, silentLogger, startEksDevCluster, staticCredentials, USER_KEY } from './support.js';
import { rejectionCases, tokenMaker } from './token-cases.js';

// Real AWS is not reachable here: the EKS/STS side is the devcluster's emulator, and credentials
// are passed to the provider explicitly instead of through the SDK's environment chain.

function job(name: string): V1Job {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name },
    spec: {
      template: {
        spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox', command: ['true'] }] },
      },
    },
  };
}

let env: Awaited<ReturnType<typeof startEksDevCluster>>;
const clients: ClusterClient[] = [];

function eksClient(options: { clock?: () => number; refreshAfterMs?: number; lifetimeMs?: number } = {}) {
  const client = createClusterClient(
    { name: 'dev', provider: 'eks', region: 'us-west-2' },
    {
      logger: silentLogger,
      credentials: staticCredentials(USER_KEY),
      eksEndpoint: env.aws.url,
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.refreshAfterMs ? { tokenRefreshAfterMs: options.refreshAfterMs } : {}),
      ...(options.lifetimeMs ? { tokenLifetimeMs: options.lifetimeMs } : {}),
    },
  );
  clients.push(client);
  return client;
}

beforeAll(async () => {
  env = await startEksDevCluster();
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await env?.stop();
});

describe('eks provider against the devcluster', () => {
  test('discovers the cluster, connects over verified TLS, creates and reads a Job', async () => {
    const client = eksClient();
    const created = await client.run((k) =>
      k.batch.createNamespacedJob({ namespace: 'default', body: job('hello') }),
    );
    expect(created.metadata?.uid).toBeTruthy();
    const read = await client.run((k) => k.batch.readNamespacedJob({ namespace: 'default', name: 'hello' }));
    expect(read.metadata?.uid).toBe(created.metadata?.uid);
    expect(client.stats()).toMatchObject({ presigns: 1, discoveries: 1 });
    expect(env.aws.counters().tokensAccepted).toBeGreaterThanOrEqual(2);
  });

  test('Kubernetes errors stay client-node ApiExceptions', async () => {
    const client = eksClient();
    const err = await client
      .run((k) => k.batch.readNamespacedJob({ namespace: 'default', name: 'missing' }))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiException);
    expect((err as ApiException<string>).code).toBe(404);
    expect(JSON.parse((err as ApiException<string>).body)).toMatchObject({ reason: 'NotFound' });
  });

  test('a wrong CA fails with an error naming the cluster, verification stays on', async () => {
    const other = await startEksDevCluster({ clusterName: 'wrong-ca', aws: env.aws });
    await other.dc.stop();
    env.aws.registerCluster('wrong-ca', { endpoint: env.dc.url, caPem: other.dc.caPem });
    const client = createClusterClient(
      { name: 'wrong-ca', provider: 'eks', region: 'us-west-2' },
      { logger: silentLogger, credentials: staticCredentials(USER_KEY), eksEndpoint: env.aws.url },
    );
    clients.push(client);
    const err = await client.run((k) => k.core.listNamespace()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ClusterAccessError);
    expect((err as Error).message).toMatch(
      /^cluster "wrong-ca": TLS verification of https:\/\/127\.0\.0\.1:\d+ failed/,
    );
    expect(((err as Error).cause as { code?: string }).code).toMatch(/CERT|SIGNATURE|ISSUER/);
    // It looked the endpoint up again before giving up, in case the cluster had moved.
    expect(client.stats().discoveries).toBe(2);
  });

  test('a cluster that cannot be reached is looked up again and found where it moved', async () => {
    const first = await startEksDevCluster({ clusterName: 'moving', aws: env.aws });
    const client = createClusterClient(
      { name: 'moving', provider: 'eks', region: 'us-west-2' },
      { logger: silentLogger, credentials: staticCredentials(USER_KEY), eksEndpoint: env.aws.url },
    );
    clients.push(client);
    await client.run((k) => k.core.readNamespace({ name: 'default' }));
    await first.dc.stop();
    // The replacement registers its own endpoint and CA with EKS.
    const second = await startEksDevCluster({ clusterName: 'moving', aws: env.aws });
    try {
      const ns = await client.run((k) => k.core.readNamespace({ name: 'default' }));
      expect(ns.metadata?.name).toBe('default');
      expect(client.stats().discoveries).toBe(2);
      expect(second.dc.counters.requests()).toBeGreaterThan(0);
    } finally {
      await second.dc.stop();
    }
  });

  test('an unknown EKS cluster fails with ResourceNotFoundException named in the error', async () => {
    const client = createClusterClient(
      { name: 'nowhere', provider: 'eks', region: 'us-west-2' },
      { logger: silentLogger, credentials: staticCredentials(USER_KEY), eksEndpoint: env.aws.url },
    );
    clients.push(client);
    const err = await client.run((k) => k.core.listNamespace()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ClusterAccessError);
    expect((err as Error).message).toBe('cluster "nowhere": EKS cluster "nowhere" not found in us-west-2');
    expect(((err as Error).cause as Error).name).toBe('ResourceNotFoundException');
  });
});

describe('bearer token rules at the devcluster', () => {
  const agent = () => new Agent({ connect: { ca: env.dc.caPem } });
  const get = async (token: string) =>
    (
      await fetch(`${env.dc.url}/api/v1/namespaces`, {
        headers: { authorization: `Bearer ${token}` },
        dispatcher: agent(),
      })
    ).status;

  test('a valid token passes', async () => {
    expect(await get(await tokenMaker('dev', Date.now).token())).toBe(200);
  });

  // A real AssumeRole session of the emulator, for the session-token rules.
  const session = async () => {
    const creds = await assumeRoleCredentials({
      roleArn: DEPLOYER_ROLE,
      region: 'us-west-2',
      base: staticCredentials(USER_KEY),
      stsEndpoint: env.aws.url,
    })();
    return { ...creds, arn: '', userId: '', account: '' };
  };

  test.each(rejectionCases('dev', Date.now, session))('401 for %s', async (name, make, reason) => {
    const before = env.aws.counters().rejections.length;
    expect(await get(await make())).toBe(401);
    if (name === 'wrong prefix') return; // not an EKS token: the devcluster's static tokens refuse it
    const rejections = env.aws.counters().rejections;
    expect(rejections.length).toBeGreaterThan(before);
    expect(rejections.at(-1)).toMatch(reason);
  });

  test('401 for a token older than the lifetime', async () => {
    const old = await tokenMaker('dev', () => Date.now() - 15 * 60_000 - 5_000).token();
    expect(await get(old)).toBe(401);
    expect(env.aws.counters().rejections.at(-1)).toBe('token expired');
  });
});

describe('token lifetime and refresh', () => {
  test('requests across more than 3 token lifetimes see no failures', async () => {
    // One clock for the client and the emulator, moved 30 s per request over 50 minutes.
    let now = Date.now();
    const aws = await startEksDevCluster({ clusterName: 'clocked', awsOptions: { now: () => now } });
    try {
      const client = createClusterClient(
        { name: 'clocked', provider: 'eks', region: 'us-west-2' },
        {
          logger: silentLogger,
          credentials: staticCredentials(USER_KEY),
          eksEndpoint: aws.aws.url,
          clock: () => now,
        },
      );
      clients.push(client);
      const start = now;
      let failures = 0;
      while (now - start < 50 * 60_000) {
        await client.run((k) => k.core.readNamespace({ name: 'default' })).catch(() => (failures += 1));
        now += 30_000;
      }
      expect(failures).toBe(0);
      // Refreshed ahead (every 10 minutes), never by a 401.
      expect(client.stats().presigns).toBe(5);
      expect(aws.aws.counters().tokensRejected).toBe(0);
    } finally {
      await aws.stop();
    }
  });

  test('with a 1 s token lifetime at the devcluster and no refresh-ahead, 401s are absorbed', async () => {
    // Real time: the client refreshes only when told by a 401 (its own lifetime is left at 15 min).
    env.aws.setTokenLifetime(1);
    try {
      const client = eksClient();
      const until = Date.now() + 3_500;
      let failures = 0;
      let requests = 0;
      while (Date.now() < until) {
        await client.run((k) => k.core.readNamespace({ name: 'default' })).catch(() => (failures += 1));
        requests += 1;
      }
      expect(failures).toBe(0);
      expect(requests).toBeGreaterThan(10);
      expect(client.stats().tokenRefreshes).toBeGreaterThanOrEqual(3);
    } finally {
      env.aws.setTokenLifetime(900);
    }
  });

  test('100 concurrent requests at the refresh moment cause exactly one new presign', async () => {
    // The first token is signed 10 minutes in the past (still valid at the devcluster), then the
    // client's clock jumps to now: its refresh moment.
    let offset = -10 * 60_000;
    const client = eksClient({ clock: () => Date.now() + offset });
    await client.run((k) => k.core.readNamespace({ name: 'default' }));
    expect(client.stats().presigns).toBe(1);
    offset = 0;
    const results = await Promise.allSettled(
      Array.from({ length: 100 }, () => client.run((k) => k.core.readNamespace({ name: 'default' }))),
    );
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(client.stats()).toMatchObject({ presigns: 2, tokenRefreshes: 1 });
  });

  test('a token revoked mid-run: the next request gets 401, the client refreshes, the caller sees no error', async () => {
    const client = eksClient();
    await client.run((k) => k.core.readNamespace({ name: 'default' }));
    const rejectedBefore = env.aws.counters().tokensRejected;
    expect(env.aws.revokeAll()).toBeGreaterThan(0);
    const ns = await client.run((k) => k.core.readNamespace({ name: 'default' }));
    expect(ns.metadata?.name).toBe('default');
    expect(env.aws.counters().tokensRejected).toBe(rejectedBefore + 1);
    expect(env.aws.counters().rejections.at(-1)).toBe('token revoked');
    expect(client.stats().tokenRefreshes).toBe(1);
  });

  test('the devcluster revoking tokens once is absorbed the same way', async () => {
    const client = eksClient();
    await client.run((k) => k.core.readNamespace({ name: 'default' }));
    expect(env.dc.revokeTokens()).toBeGreaterThan(0);
    await expect(client.run((k) => k.core.readNamespace({ name: 'default' }))).resolves.toBeTruthy();
  });
});

describe('connection reuse', () => {
  test('1,000 sequential requests open at most 2 TLS connections', async () => {
    const client = eksClient();
    await client.run((k) => k.core.readNamespace({ name: 'default' }));
    env.dc.counters.reset();
    for (let i = 0; i < 1000; i += 1) {
      await client.run((k) => k.core.readNamespace({ name: 'default' }));
    }
    expect(env.dc.counters.requests()).toBe(1000);
    expect(env.dc.counters.tlsConnections()).toBeLessThanOrEqual(2);
  });
});
