/** Every fault type, observed by client-node over real HTTPS; counters and token revocation. */
import { Agent, request } from 'node:https';
import { ApiException, type BatchV1Api, type CoreV1Api, type V1Job } from '@kubernetes/client-node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { clientsFor, type DevCluster, startTestDevCluster } from '../support/devcluster.js';

let cluster: DevCluster;
let core: CoreV1Api;
let batch: BatchV1Api;
let seq = 0;

beforeAll(async () => {
  cluster = await startTestDevCluster({ adminEndpoint: true, tokens: { 'static-token': 'ci' } });
  ({ core, batch } = clientsFor(cluster));
});
afterEach(() => cluster.faults.clear());
afterAll(() => cluster.stop());

const job = (name: string): V1Job => ({
  metadata: { name },
  spec: {
    template: {
      spec: {
        restartPolicy: 'Never',
        containers: [{ name: 'c', image: 'busybox', command: ['sh', '-c', 'sleep 100'] }],
      },
    },
  },
});

async function namespace(): Promise<string> {
  const name = `f-${++seq}`;
  await core.createNamespace({ body: { metadata: { name } } });
  return name;
}

async function errorOf(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected a failure');
}

function admin(
  method: string,
  path: string,
  body?: unknown,
  token = cluster.token,
): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${cluster.url}${path}`,
      {
        method,
        ca: cluster.caPem,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      },
      (r) => {
        let text = '';
        r.on('data', (c: Buffer) => {
          text += c.toString();
        });
        r.on('end', () =>
          resolve({ status: r.statusCode ?? 0, json: text.startsWith('{') ? JSON.parse(text) : text }),
        );
      },
    );
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

describe('faults', () => {
  it('reset after commit: the client sees a network error but the job exists', async () => {
    const ns = await namespace();
    cluster.faults.add({ verb: 'create', resource: 'jobs', reset: 'after', count: 1 });
    const err = await errorOf(batch.createNamespacedJob({ namespace: ns, body: job('committed') }));
    expect(err).not.toBeInstanceOf(ApiException);
    expect(String((err as Error).message)).toMatch(/fetch failed|socket|ECONNRESET/i);
    expect(cluster.store.get('jobs', ns, 'committed')).toBeDefined();
    const retry = await errorOf(batch.createNamespacedJob({ namespace: ns, body: job('committed') }));
    expect((retry as ApiException<string>).code).toBe(409);
  });

  it('reset before: the client sees a network error and nothing was created', async () => {
    const ns = await namespace();
    cluster.faults.add({ verb: 'create', resource: 'jobs', reset: 'before', count: 1 });
    const err = await errorOf(batch.createNamespacedJob({ namespace: ns, body: job('never') }));
    expect(err).not.toBeInstanceOf(ApiException);
    expect(cluster.store.get('jobs', ns, 'never')).toBeUndefined();
    await batch.createNamespacedJob({ namespace: ns, body: job('never') });
    expect(cluster.store.get('jobs', ns, 'never')).toBeDefined();
  });

  it.each([
    [500, 'InternalError'],
    [503, 'ServiceUnavailable'],
  ])('status %i answers a real Status with reason %s', async (code, reason) => {
    const ns = await namespace();
    cluster.faults.add({ verb: 'get', resource: 'jobs', status: code, count: 1 });
    await batch.createNamespacedJob({ namespace: ns, body: job('s') });
    const err = (await errorOf(
      batch.readNamespacedJob({ namespace: ns, name: 's' }),
    )) as ApiException<string>;
    expect(err.code).toBe(code);
    expect(JSON.parse(err.body)).toMatchObject({ kind: 'Status', code, reason });
    await expect(batch.readNamespacedJob({ namespace: ns, name: 's' })).resolves.toBeTruthy();
  });

  it('429 carries Retry-After', async () => {
    cluster.faults.add({ verb: 'list', resource: 'namespaces', status: 429, retryAfterSeconds: 1 });
    const err = (await errorOf(core.listNamespace())) as ApiException<string>;
    expect(err.code).toBe(429);
    expect((err.headers as Record<string, string>)['retry-after']).toBe('1');
  });

  it('latency delays the answer', async () => {
    cluster.faults.add({ verb: 'list', resource: 'namespaces', latencyMs: 120 });
    const t0 = performance.now();
    await core.listNamespace();
    expect(performance.now() - t0).toBeGreaterThanOrEqual(110);
  });

  it('a rate mix hits roughly the requested share of requests', async () => {
    const ns = await namespace();
    cluster.faults.add({ verb: 'create', resource: 'jobs', rate: 0.2, reset: 'after' });
    cluster.faults.add({ verb: 'create', resource: 'jobs', rate: 0.1, status: 503 });
    cluster.faults.add({ verb: 'create', resource: 'jobs', rate: 0.05, status: 429, retryAfterSeconds: 1 });
    cluster.counters.reset();
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        batch.createNamespacedJob({ namespace: ns, body: job(`mix-${i}`) }).then(
          () => 'ok',
          (e: unknown) => (e instanceof ApiException ? String(e.code) : 'reset'),
        ),
      ),
    );
    const count = (k: string) => results.filter((r) => r === k).length;
    expect(count('reset')).toBeGreaterThan(20);
    expect(count('503')).toBeGreaterThan(5);
    expect(count('429')).toBeGreaterThan(0);
    expect(count('ok')).toBeGreaterThan(100);
    expect(cluster.counters.requests({ verb: 'create', resource: 'jobs', code: 0 })).toBe(count('reset'));
    expect(cluster.counters.requests({ verb: 'create', resource: 'jobs', code: 503 })).toBe(count('503'));
    // Committed resets created jobs the client never heard of.
    expect(cluster.store.count('jobs', ns)).toBe(count('ok') + count('reset'));
  });

  it('a 401 fault, and revoked tokens, fail once then work again', async () => {
    cluster.faults.add({ verb: 'list', resource: 'namespaces', status: 401, count: 1 });
    expect(((await errorOf(core.listNamespace())) as ApiException<unknown>).code).toBe(401);
    await core.listNamespace();
    const { core: ci } = clientsFor(cluster, 'static-token');
    await ci.listNamespace();
    expect(cluster.revokeTokens({ identity: 'ci' })).toBe(1);
    expect(((await errorOf(ci.listNamespace())) as ApiException<unknown>).code).toBe(401);
    await expect(ci.listNamespace()).resolves.toBeTruthy();
    await expect(core.listNamespace()).resolves.toBeTruthy();
  });
});

describe('counters and admin endpoint', () => {
  it('counts requests by verb, resource and code, and TLS connections', async () => {
    cluster.counters.reset();
    const ns = await namespace();
    await batch.createNamespacedJob({ namespace: ns, body: job('c1') });
    await errorOf(batch.readNamespacedJob({ namespace: ns, name: 'nope' }));
    expect(cluster.counters.requests({ verb: 'create', resource: 'namespaces', code: 201 })).toBe(1);
    expect(cluster.counters.requests({ verb: 'create', resource: 'jobs' })).toBe(1);
    expect(cluster.counters.requests({ verb: 'get', resource: 'jobs', code: 404 })).toBe(1);
    expect(cluster.counters.requests()).toBe(3);
    expect(cluster.counters.tlsConnections()).toBeGreaterThan(0);
  });

  it('counts one TLS connection per handshake: a keep-alive agent reuses one', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1, ca: cluster.caPem });
    cluster.counters.reset();
    try {
      for (let i = 0; i < 3; i++) {
        await new Promise<void>((resolve, reject) => {
          const req = request(`${cluster.url}/version`, { agent }, (r) => {
            r.resume();
            r.on('end', resolve);
          });
          req.on('error', reject);
          req.end();
        });
      }
      expect(cluster.counters.tlsConnections()).toBe(1);
      const other = new Agent({ keepAlive: false, ca: cluster.caPem });
      await new Promise<void>((resolve, reject) => {
        request(`${cluster.url}/version`, { agent: other }, (r) => {
          r.resume();
          r.on('end', resolve);
        })
          .on('error', reject)
          .end();
      });
      expect(cluster.counters.tlsConnections()).toBe(2);
    } finally {
      agent.destroy();
    }
  });

  it('drives faults and counters over HTTP with the admin token only', async () => {
    expect((await admin('GET', '/_devcluster/faults', undefined, 'static-token')).status).toBe(401);
    const added = await admin('POST', '/_devcluster/faults', [
      { verb: 'list', resource: 'namespaces', status: 503, count: 1 },
    ]);
    expect(added).toMatchObject({ status: 201, json: { ids: [expect.any(Number)] } });
    expect(((await errorOf(core.listNamespace())) as ApiException<unknown>).code).toBe(503);
    const listed = (await admin('GET', '/_devcluster/faults')).json as { faults: { fired: number }[] };
    expect(listed.faults[0]?.fired).toBe(1);
    expect((await admin('POST', '/_devcluster/faults', { status: 200 })).status).toBe(400);
    await admin('DELETE', '/_devcluster/faults');
    await core.listNamespace();
    const snap = (await admin('GET', '/_devcluster/counters')).json as {
      requests: { verb: string; code: number }[];
    };
    expect(snap.requests.some((r) => r.verb === 'list' && r.code === 503)).toBe(true);
  });

  it('keeps the admin endpoint off unless enabled', async () => {
    const plain = await startTestDevCluster();
    try {
      const res = await new Promise<number>((resolve, reject) => {
        const req = request(
          `${plain.url}/_devcluster/faults`,
          { ca: plain.caPem, headers: { Authorization: `Bearer ${plain.token}` } },
          (r) => {
            r.resume();
            resolve(r.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end();
      });
      expect(res).toBe(404);
    } finally {
      await plain.stop();
    }
  });
});
