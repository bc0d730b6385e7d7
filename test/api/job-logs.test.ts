/**
 * `GET …/jobs/{name}/logs` against a devcluster over HTTPS, through the API's real HTTP server:
 * followed logs stream as the pod writes them and end with it, limits, pod and container
 * choice, validation, and a client that leaves releases the cluster request. The API reads the
 * devcluster through a TCP proxy, so the test sees which connection carried a log and when it closed.
 */
import type { V1Job, V1Pod } from '@kubernetes/client-node';
import { describe, expect } from 'vitest';
import { createHttpServer } from '../../src/api/http-server.js';
import { createLogger } from '../../src/shared/logger.js';
import { clientsFor, type DevCluster, startTestDevCluster } from '../support/devcluster.js';
import { test as fixtureTest } from '../support/fixtures.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { waitFor } from '../support/wait-for.js';
import { body, startApiStack } from './support.js';

const NS = 'logs';

interface LogEnv {
  base: string;
  devcluster: DevCluster;
  proxy: TcpProxy;
  /** Creates Job `name` in NS: `spec` fields, its pod's `containers` (default one running `script`). */
  createJob(
    name: string,
    spec: Partial<V1Job['spec']> & { containers?: unknown[]; restartPolicy?: 'Never' | 'OnFailure' },
    script?: string,
  ): Promise<void>;
  pods(job: string): V1Pod[];
}

const test = fixtureTest.extend('env', { scope: 'file' }, async ({ redis }, { onCleanup }) => {
  // Simulated seconds are 0.1 s: a `sleep 5` between lines leaves the test half a second to see one.
  const devcluster = await startTestDevCluster({ timeScale: 0.1 });
  const proxy = await startTcpProxy(devcluster.url);
  const stack = await startApiStack({ redis, worker: false, devcluster: { ...devcluster, url: proxy.url } });
  const server = createHttpServer({ logger: createLogger({ level: 'silent' }), drainTimeoutMs: 2000 });
  const { port } = await server.listen(stack.app.fetch, { port: 0, hostname: '127.0.0.1' });
  onCleanup(async () => {
    await server.close().catch(() => {});
    await stack.close();
    await proxy.close();
    await devcluster.stop();
  });
  const { core, batch } = clientsFor(devcluster);
  await core.createNamespace({ body: { metadata: { name: NS } } });
  const env: LogEnv = {
    base: `http://127.0.0.1:${port}/v1/namespaces/${NS}/jobs`,
    devcluster,
    proxy,
    async createJob(name, spec, script = 'echo hi') {
      const { containers, restartPolicy, ...rest } = spec;
      await batch.createNamespacedJob({
        namespace: NS,
        body: {
          metadata: { name },
          spec: {
            ...rest,
            template: {
              spec: {
                restartPolicy: restartPolicy ?? 'Never',
                containers: (containers ?? [
                  { name: 'main', image: 'busybox', command: ['sh', '-c', script] },
                ]) as never,
              },
            },
          },
        },
      });
    },
    pods: (job) =>
      (devcluster.store.list('pods', NS) as V1Pod[]).filter((p) => p.metadata?.labels?.['job-name'] === job),
  };
  return env;
});

const phaseOf = (env: LogEnv, job: string) => env.pods(job)[0]?.status?.phase;
const running = (env: LogEnv, job: string) =>
  waitFor(() => phaseOf(env, job) === 'Running', { timeoutMs: 15_000, message: `${job}'s pod to run` });

describe('job logs', () => {
  test('follow=true streams lines while the pod writes them and ends when the pod ends', async ({ env }) => {
    const script =
      'echo line 1; sleep 5; echo line 2; sleep 5; echo line 3; sleep 5; echo line 4; sleep 5; echo line 5';
    await env.createJob('ticker', {}, script);
    await running(env, 'ticker');
    const res = await fetch(`${env.base}/ticker/logs?follow=true`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(res.headers.get('transfer-encoding')).toBe('chunked');
    expect(res.headers.get('x-pod-name')).toBe(env.pods('ticker')[0]?.metadata?.name);
    const arrivals: Array<{ text: string; podPhase: string | undefined }> = [];
    const decoder = new TextDecoder();
    let text = '';
    for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
      text += decoder.decode(chunk, { stream: true });
      arrivals.push({ text, podPhase: phaseOf(env, 'ticker') });
    }
    const early = arrivals.find((a) => a.text.includes('line 1'));
    // The first line reached the client while the pod was still running, before its last line.
    expect(early?.podPhase).toBe('Running');
    expect(early?.text).not.toContain('line 5');
    expect(text).toBe('line 1\nline 2\nline 3\nline 4\nline 5\n');
    // The stream ended because the pod did.
    expect(phaseOf(env, 'ticker')).toBe('Succeeded');
  });

  test('limitBytes cuts a whole read and a followed one; a cut follow releases the cluster request', async ({
    env,
  }) => {
    await env.createJob('bytes', {}, 'echo 0123456789; echo abcdef');
    await waitFor(() => phaseOf(env, 'bytes') === 'Succeeded', { timeoutMs: 15_000 });
    const whole = await fetch(`${env.base}/bytes/logs`);
    expect(await whole.text()).toBe('0123456789\nabcdef\n');
    const cut = await fetch(`${env.base}/bytes/logs?limitBytes=5`);
    expect(await cut.text()).toBe('01234');

    await env.createJob('bytes-follow', {}, 'echo line 1; echo line 2; sleep 100000');
    await running(env, 'bytes-follow');
    const before = new Set(env.proxy.connections().map((c) => c.id));
    const followed = await fetch(`${env.base}/bytes-follow/logs?follow=true&limitBytes=8`);
    // The devcluster does not apply limitBytes to a follow: the API's cut is what ends this one.
    expect(await followed.text()).toBe('line 1\nl');
    expect(phaseOf(env, 'bytes-follow')).toBe('Running');
    await waitFor(() => env.proxy.connections().every((c) => before.has(c.id) || !c.open) || undefined, {
      message: 'no new connection to the cluster left open',
    });
  });

  test('a client that leaves mid-follow releases the cluster request', async ({ env }) => {
    const ticks = Array.from({ length: 400 }, (_, i) => `echo tick ${i}; sleep 1`).join('; ');
    await env.createJob('leaver', {}, `echo start; ${ticks}`);
    await running(env, 'leaver');
    const client = new AbortController();
    const res = await fetch(`${env.base}/leaver/logs?follow=true`, { signal: client.signal });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    // The connection carrying the log is the one the cluster keeps sending on while we read on.
    const sent = new Map(env.proxy.connections().map((c) => [c.id, c.down]));
    await reader.read();
    const carrying = env.proxy.connections().filter((c) => c.open && c.down > (sent.get(c.id) ?? 0));
    expect(carrying).toHaveLength(1);
    client.abort();
    await reader.read().catch(() => undefined);
    await waitFor(() => env.proxy.connections().find((c) => c.id === carrying[0]?.id)?.open === false, {
      message: 'the log request to the cluster to close',
    });
    expect(phaseOf(env, 'leaver')).toBe('Running');
  });

  test('sinceSeconds, timestamps and tailLines are passed on; container picks one of several', async ({
    env,
  }) => {
    await env.createJob('pair', {
      containers: [
        { name: 'main', image: 'busybox', command: ['sh', '-c', 'echo from-main'] },
        { name: 'side', image: 'busybox', command: ['sh', '-c', 'echo side-1; echo side-2'] },
      ],
    });
    await waitFor(() => phaseOf(env, 'pair') === 'Succeeded', { timeoutMs: 15_000 });
    const unnamed = await fetch(`${env.base}/pair/logs`);
    expect(unnamed.status).toBe(400);
    expect((await body(unnamed)).error.message).toContain('a container name must be specified');
    expect(await (await fetch(`${env.base}/pair/logs?container=side`)).text()).toBe('side-1\nside-2\n');
    const tail = await fetch(
      `${env.base}/pair/logs?container=side&tailLines=1&sinceSeconds=3600&timestamps=false`,
    );
    expect(tail.status).toBe(200);
    expect(await tail.text()).toBe('side-2\n');
    const stamped = await fetch(`${env.base}/pair/logs?container=main&timestamps=true&sinceSeconds=60`);
    expect(stamped.status).toBe(200);
    expect(await stamped.text()).toContain('from-main');
  });

  test('previous reads the crashed container instance; without a restart the cluster refuses', async ({
    env,
  }) => {
    await env.createJob('crashy', { backoffLimit: 100, restartPolicy: 'OnFailure' }, 'echo attempt; exit 1');
    const none = await fetch(`${env.base}/crashy/logs?previous=true`);
    expect([400, 404]).toContain(none.status);
    await waitFor(() => (env.pods('crashy')[0]?.status?.containerStatuses?.[0]?.restartCount ?? 0) >= 1, {
      timeoutMs: 15_000,
      message: 'the container to restart',
    });
    const previous = await fetch(`${env.base}/crashy/logs?previous=true`);
    expect(previous.status).toBe(200);
    expect(await previous.text()).toBe('attempt\n');
  });

  test('index picks the newest pod of that completion index of an Indexed Job', async ({ env }) => {
    await env.createJob(
      'indexed',
      { completionMode: 'Indexed', completions: 3, parallelism: 3 },
      'echo hi; sleep 100000',
    );
    // Running: a log read of a container that has not started answers 400 "waiting to start".
    await waitFor(
      () => {
        const pods = env.pods('indexed');
        return pods.length === 3 && pods.every((p) => p.status?.phase === 'Running');
      },
      { timeoutMs: 15_000 },
    );
    const missing = await fetch(`${env.base}/indexed/logs?index=1`);
    expect(missing.status).toBe(404);
    expect((await body(missing)).error.code).toBe('PodNotFound');
    // The devcluster's controller does not write completion indexes: label the pods as the real one does.
    const { core } = clientsFor(env.devcluster);
    const names = env.pods('indexed').map((p) => p.metadata?.name as string);
    for (const [i, name] of names.entries()) {
      const label = '/metadata/labels/batch.kubernetes.io~1job-completion-index';
      await core.patchNamespacedPod({
        name,
        namespace: NS,
        body: [{ op: 'add', path: label, value: String(i) }],
      });
    }
    for (const [i, name] of names.entries()) {
      const res = await fetch(`${env.base}/indexed/logs?index=${i}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('x-pod-name')).toBe(name);
      await res.body?.cancel();
    }
    const outOfRange = await fetch(`${env.base}/indexed/logs?index=3`);
    expect(outOfRange.status).toBe(422);
    await env.createJob('plain', {}, 'echo hi');
    const notIndexed = await fetch(`${env.base}/plain/logs?index=0`);
    expect(notIndexed.status).toBe(422);
    expect((await body(notIndexed)).error.message).toContain('not Indexed');
  });

  test('bad query values are 422 ValidationFailed in the error envelope', async ({ env }) => {
    for (const query of [
      'follow=maybe',
      'limitBytes=0',
      `limitBytes=${10 * 1024 * 1024 + 1}`,
      'sinceSeconds=-1',
      'sinceSeconds=soon',
      'tailLines=abc',
      'index=-1',
      'index=0&pod=x',
      'timestamps=yes',
      'previous=2',
    ]) {
      const res = await fetch(`${env.base}/whatever/logs?${query}`);
      expect(res.status, query).toBe(422);
      const err = (await body(res)).error;
      expect(err.code, query).toBe('ValidationFailed');
      expect(err.requestId, query).toBeTruthy();
      expect(err.details.issues.length, query).toBeGreaterThan(0);
    }
  });
});
