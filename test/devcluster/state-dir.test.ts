/**
 * A devcluster with a state directory survives a restart: stopped while a Job runs, started
 * again on the same directory and port, it is the same cluster to the same client.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { V1Job } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { type AwsEmulator, startAwsEmulator } from '../../src/devcluster/aws/index.js';
import { presignEksToken } from '../../src/shared/cluster/token.js';
import { clientsFor, type DevCluster, jobBody, startTestDevCluster } from '../support/devcluster.js';
import { waitFor } from '../support/wait-for.js';

const ROLE = 'arn:aws:iam::111122223333:role/eks-jobs-restart';
// A throwaway key that only the emulator knows, made per run as src/dev/main.ts makes its own.
const KEY = {
  accessKeyId: `AKIATEST${randomBytes(6).toString('hex').toUpperCase()}`,
  secretAccessKey: randomBytes(30).toString('base64'),
  arn: 'arn:aws:iam::111122223333:user/restart-test',
};

const portOf = (url: string) => Number(new URL(url).port);

let running: { stop(): Promise<void> }[] = [];
let dirs: string[] = [];
afterEach(async () => {
  for (const r of running.reverse()) await r.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  running = [];
  dirs = [];
});

function stateDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'devcluster-state-'));
  dirs.push(d);
  return d;
}

async function startPair(dir: string, ports?: { aws: number; kube: number }) {
  const aws = await startAwsEmulator({
    accessKeys: [KEY],
    roles: [{ arn: ROLE }],
    stateDir: dir,
    ...(ports ? { port: ports.aws } : {}),
  });
  const cluster = await startTestDevCluster({
    stateDir: dir,
    plugins: [aws.plugin('dev')],
    ...(ports ? { port: ports.kube } : {}),
  });
  running.push(aws, cluster);
  return { aws, cluster };
}

async function stopPair(p: { aws: AwsEmulator; cluster: DevCluster }) {
  await p.cluster.stop();
  await p.aws.stop();
  running = running.filter((r) => r !== p.aws && r !== p.cluster);
}

async function eksToken(credentials: {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}) {
  const t = await presignEksToken({
    clusterName: 'dev',
    region: 'us-west-2',
    credentials,
    signingDate: new Date(),
  });
  return t.token;
}

const finished = (j: V1Job) =>
  j.status?.conditions?.some((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');

describe('devcluster with a state directory', () => {
  it('comes back after a stop with the same CA, token, objects and uids, and finishes the Job it was running', async () => {
    const dir = stateDir();
    const first = await startPair(dir);
    // One client for both runs: the CA and the admin token are what it was configured with.
    const { core, batch } = clientsFor(first.cluster);
    const ns = await core.createNamespace({ body: { metadata: { name: 'restart' } } });
    const job = await batch.createNamespacedJob({
      namespace: 'restart',
      body: jobBody('long', 'echo started; sleep 40; echo finished'),
    });
    const pod = await waitFor(
      async () => {
        const pods = await core.listNamespacedPod({ namespace: 'restart' });
        return pods.items.find((p) => p.status?.phase === 'Running');
      },
      { message: 'the pod to run' },
    );
    const before = await batch.readNamespacedJob({ namespace: 'restart', name: 'long' });
    expect(finished(before)).toBeFalsy();
    const lastRv = Number((await core.listNamespace()).metadata?.resourceVersion ?? Number.POSITIVE_INFINITY);

    await stopPair(first);
    await expect(core.listNamespace()).rejects.toThrow();

    const second = await startPair(dir, { aws: portOf(first.aws.url), kube: portOf(first.cluster.url) });
    expect(second.cluster.url).toBe(first.cluster.url);
    expect(second.cluster.caPem).toBe(first.cluster.caPem);
    expect(second.cluster.token).toBe(first.cluster.token);

    const nsAgain = await core.readNamespace({ name: 'restart' });
    expect(nsAgain.metadata?.uid).toBe(ns.metadata?.uid);
    const jobAgain = await batch.readNamespacedJob({ namespace: 'restart', name: 'long' });
    expect(jobAgain.metadata?.uid).toBe(job.metadata?.uid);
    const podAgain = await core.readNamespacedPod({ namespace: 'restart', name: pod.metadata?.name ?? '' });
    expect(podAgain.metadata?.uid).toBe(pod.metadata?.uid);

    const created = await core.createNamespace({ body: { metadata: { name: 'after-restart' } } });
    expect(Number(created.metadata?.resourceVersion)).toBeGreaterThan(lastRv);

    // The pod that was running goes on to finish; the Job completes with that one pod.
    const done = await waitFor(
      async () => {
        const j = await batch.readNamespacedJob({ namespace: 'restart', name: 'long' });
        return finished(j) ? j : undefined;
      },
      { message: 'the Job to finish after the restart' },
    );
    expect(done.status?.conditions?.map((c) => c.type)).toEqual(['SuccessCriteriaMet', 'Complete']);
    expect(done.status?.succeeded).toBe(1);
    expect(Number(done.metadata?.resourceVersion)).toBeGreaterThan(lastRv);
    const pods = await core.listNamespacedPod({ namespace: 'restart' });
    expect(pods.items.map((p) => p.metadata?.uid)).toEqual([pod.metadata?.uid]);
    const log = await core.readNamespacedPodLog({ namespace: 'restart', name: pod.metadata?.name ?? '' });
    expect(log).toBe('started\nfinished\n');
  });

  it('still accepts EKS tokens of the same access keys, configured and assumed, after a restart', async () => {
    const dir = stateDir();
    const first = await startPair(dir);
    const sts = new STSClient({ region: 'us-west-2', endpoint: first.aws.url, credentials: KEY });
    const assumed = await sts.send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'restart' }));
    sts.destroy();
    const session = {
      accessKeyId: assumed.Credentials?.AccessKeyId ?? '',
      secretAccessKey: assumed.Credentials?.SecretAccessKey ?? '',
      sessionToken: assumed.Credentials?.SessionToken ?? '',
    };
    const userBefore = clientsFor(first.cluster, await eksToken(KEY)).core;
    const roleBefore = clientsFor(first.cluster, await eksToken(session)).core;
    await userBefore.listNamespace();
    await roleBefore.listNamespace();

    await stopPair(first);
    const second = await startPair(dir, { aws: portOf(first.aws.url), kube: portOf(first.cluster.url) });

    // Tokens signed before the outage, and new ones signed with the same keys, still verify.
    await expect(userBefore.listNamespace()).resolves.toBeTruthy();
    await expect(roleBefore.listNamespace()).resolves.toBeTruthy();
    const roleAfter = clientsFor(second.cluster, await eksToken(session)).core;
    const who = await roleAfter.listNamespace();
    expect(who.items.map((n) => n.metadata?.name)).toContain('default');
    expect(second.aws.counters().tokensRejected).toBe(0);
  });

  it('without a state directory starts empty every time', async () => {
    const a = await startTestDevCluster();
    running.push(a);
    await clientsFor(a).core.createNamespace({ body: { metadata: { name: 'gone' } } });
    const port = portOf(a.url);
    await a.stop();
    running = [];
    const b = await startTestDevCluster({ port });
    running.push(b);
    expect(b.token).not.toBe(a.token);
    expect(b.store.get('namespaces', '', 'gone')).toBeUndefined();
  });
});
