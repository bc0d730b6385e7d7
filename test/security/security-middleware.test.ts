import { afterEach, describe } from 'vitest';
import { type DevCluster, startDevCluster } from '../../src/devcluster/index.js';
import { test as base, expect } from '../support/fixtures.js';
import { cleanPrefix, testPrefix } from '../support/redis.js';
import { type ApiUnderTest, startApiUnderTest } from './support/api-under-test.js';
import { makeKey } from './support/security-app.js';

// The security layer as it ships: the app composeApi builds for main.ts (its routes, its onError),
// against a real Redis and a devcluster serving the default cluster `main`.

const test = base.extend(
  'devcluster',
  { scope: 'file' }, // biome-ignore lint/correctness/noEmptyPattern: vitest requires a destructuring pattern here.
  async ({}, { onCleanup }): Promise<DevCluster> => {
    const devcluster = await startDevCluster({ clusterName: 'main', timeScale: 0.01 });
    onCleanup(() => devcluster.stop());
    return devcluster;
  },
);

const started: Array<{ api: ApiUnderTest; redisUrl: string }> = [];
afterEach(async () => {
  for (const { api, redisUrl } of started.splice(0)) {
    await api.close();
    await cleanPrefix(redisUrl, api.prefix);
  }
});

const team = makeKey('team-bot');
const admin = makeKey('admin', { scopes: { clusters: ['*'], namespaces: ['*'], admin: true } });
const nsAdmin = makeKey('ns-admin', {
  scopes: { clusters: ['main'], namespaces: ['team-*'], namespaceCreate: true, namespaceDelete: true },
});
const system = makeKey('system', {
  scopes: { clusters: ['*'], namespaces: ['*'], systemNamespaces: ['kube-system'] },
});
const limited = makeKey('limited', { rateLimit: { requests: 3, perSeconds: 60 } });
const allKeys = [team, admin, nsAdmin, system, limited];

/** The shipped app, configured by `env` as main.ts would be by the environment. */
async function setup(
  fixtures: { redis: { url: string }; devcluster: DevCluster },
  env: Record<string, string> = {},
) {
  const api = await startApiUnderTest({
    redisUrl: fixtures.redis.url,
    prefix: testPrefix(),
    keys: allKeys,
    env,
    devcluster: fixtures.devcluster,
  });
  started.push({ api, redisUrl: fixtures.redis.url });
  return api;
}

const bearer = (k: { key: string }) => ({ authorization: `Bearer ${k.key}` });
const post = (body: unknown, key?: { key: string }, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...(key ? bearer(key) : {}), ...headers },
  body: JSON.stringify(body),
});
const job = (name: string) => ({ name, image: 'busybox:1.36', command: ['sh', '-c', 'true'] });
const errorOf = async (res: Response) =>
  ((await res.json()) as { error: { code: string; message: string; requestId: string; details?: unknown } })
    .error;

describe('authentication', () => {
  test('no key and an unknown key get 401 with a Bearer challenge; public paths stay open', async ({
    redis,
    devcluster,
  }) => {
    const { app } = await setup({ redis, devcluster });
    const none = await app.request('/v1/namespaces/team-a/jobs');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="eks-jobs"');
    const noneError = await errorOf(none);
    expect(noneError.code).toBe('Unauthorized');
    expect(noneError.requestId).toBe(none.headers.get('x-request-id'));
    expect(noneError.requestId).not.toBe('');
    const unknown = await app.request('/v1/namespaces/team-a/jobs', { headers: bearer(makeKey('x')) });
    expect(unknown.status).toBe(401);
    expect(unknown.headers.get('www-authenticate')).toBe('Bearer realm="eks-jobs", error="invalid_token"');
    const basic = await app.request('/v1/namespaces/team-a/jobs', {
      headers: { authorization: `Basic ${team.key}` },
    });
    expect(basic.status).toBe(401);
    expect((await app.request('/livez')).status).toBe(200);
    expect((await app.request('/metrics')).status).toBe(200);
    // Near-misses of a public path are not served; any /v1 path, known or not, needs a key first.
    for (const path of ['/livez/', '/metrics/']) {
      const nearMiss = await app.request(path);
      expect(nearMiss.status, path).toBeGreaterThanOrEqual(400);
      expect((await errorOf(nearMiss)).code, path).toMatch(/^[A-Z]/);
    }
    expect((await app.request('/v1/namespaces/team-a/jobs/')).status).toBe(401);
    expect((await app.request('/v1/nowhere')).status).toBe(401);
    expect((await app.request('/v1/namespaces/team-a/jobs', { headers: bearer(team) })).status).toBe(200);
  });

  test('metrics can be made private (PUBLIC_METRICS=false)', async ({ redis, devcluster }) => {
    const { app } = await setup({ redis, devcluster }, { PUBLIC_METRICS: 'false' });
    expect((await app.request('/metrics')).status).toBe(401);
    expect((await app.request('/metrics', { headers: bearer(team) })).status).toBe(200);
  });

  test('EKS_JOBS_INSECURE_NO_AUTH makes every request the admin dev-insecure', async ({
    redis,
    devcluster,
  }) => {
    const { app, security } = await setup({ redis, devcluster }, { EKS_JOBS_INSECURE_NO_AUTH: 'true' });
    expect((await app.request('/v1/namespaces/kube-system/jobs')).status).toBe(200);
    expect((await app.request('/v1/namespaces/x/jobs', post(job('anon')))).status).toBe(202);
    const page = await security.auditLog.list();
    expect(page.records[0]).toMatchObject({ principal: 'dev-insecure', action: 'job.create' });
    expect((await app.request('/v1/audit')).status).toBe(200);
  });
});

describe('authorization', () => {
  test('out-of-scope namespaces and clusters get 403 naming the scope', async ({ redis, devcluster }) => {
    const { app } = await setup({ redis, devcluster });
    const res = await app.request('/v1/namespaces/prod/jobs', { headers: bearer(team) });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({
      error: {
        code: 'Forbidden',
        message: `namespace "prod" is not in this key's namespaces`,
        details: { scope: 'namespaces' },
      },
    });
    const other = await app.request('/v1/clusters/other/namespaces/team-a/jobs', {
      headers: bearer(nsAdmin),
    });
    expect(other.status).toBe(403);
    expect(await other.json()).toMatchObject({
      error: { message: `cluster "other" is not in this key's clusters` },
    });
    // Past authorization: the operation is looked up (and does not exist).
    const op = await app.request('/v1/operations/op-x', { headers: bearer(nsAdmin) });
    expect(op.status).toBe(404);
    expect((await errorOf(op)).code).toBe('OperationNotFound');
  });

  test('encoded traversal in a namespace never reaches a namespace out of scope', async ({
    redis,
    devcluster,
  }) => {
    const { app } = await setup({ redis, devcluster });
    for (const path of [
      '/v1/namespaces/team-a%2F..%2Fkube-system/jobs',
      '/v1/namespaces/kube%2Dsystem/jobs',
      '/v1/namespaces/%6Bube-system/jobs',
      '/v1//namespaces/prod/jobs',
    ]) {
      const res = await app.request(path, { headers: bearer(team) });
      expect(res.status, path).toBe(403);
    }
    expect((await app.request('/v1/namespaces/%E0%A4%A/jobs', { headers: bearer(team) })).status).toBe(400);
  });

  test('system namespaces need an explicit grant', async ({ redis, devcluster }) => {
    const { app } = await setup({ redis, devcluster });
    const res = await app.request('/v1/namespaces/kube-system/jobs', { headers: bearer(admin) });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { details: { scope: 'systemNamespaces' } } });
    expect((await app.request('/v1/namespaces/kube-system/jobs', { headers: bearer(system) })).status).toBe(
      200,
    );
    expect((await app.request('/v1/namespaces/kube-public/jobs', { headers: bearer(system) })).status).toBe(
      403,
    );
    expect(
      (await app.request('/v1/namespaces/kube-node-lease', { method: 'DELETE', headers: bearer(admin) }))
        .status,
    ).toBe(403);
  });

  test('namespace create and delete need their flags and a matching name', async ({ redis, devcluster }) => {
    const { app } = await setup({ redis, devcluster });
    const noFlag = await app.request('/v1/namespaces', post({ name: 'team-new' }, team));
    expect(noFlag.status).toBe(403);
    expect(await noFlag.json()).toMatchObject({ error: { details: { scope: 'namespaceCreate' } } });
    expect((await app.request('/v1/namespaces', post({ name: 'team-new' }, nsAdmin))).status).toBe(202);
    const prod = await app.request('/v1/namespaces', post({ name: 'prod' }, nsAdmin));
    expect(prod.status).toBe(403);
    expect(await prod.json()).toMatchObject({ error: { details: { scope: 'namespaces' } } });
    expect(
      (await app.request('/v1/namespaces/team-a', { method: 'DELETE', headers: bearer(team) })).status,
    ).toBe(403);
    expect(
      (await app.request('/v1/namespaces/team-a', { method: 'DELETE', headers: bearer(nsAdmin) })).status,
    ).toBe(202);
    expect(
      (await app.request('/v1/namespaces/prod', { method: 'DELETE', headers: bearer(nsAdmin) })).status,
    ).toBe(403);
  });

  test('batch items are checked one by one and all denials are listed', async ({ redis, devcluster }) => {
    const api = await setup({ redis, devcluster });
    const { app } = api;
    const items = ['team-a', 'prod', 'team-b', 'kube-system'].map((namespace, i) => ({
      namespace,
      job: job(`b${i}`),
    }));
    const res = await app.request('/v1/batches', post({ items }, team));
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({
      error: {
        message: `item 1: namespace "prod" is not in this key's namespaces (and 1 more item(s))`,
        details: {
          items: [
            { index: 1, scope: 'namespaces' },
            { index: 3, scope: 'systemNamespaces' },
          ],
        },
      },
    });
    expect(await api.redis.keys(`${api.prefix}:ops-*:id`)).toEqual([]); // all or nothing: nothing enqueued
    const ok = await app.request(
      '/v1/batches',
      post({ items: items.filter((i) => i.namespace.startsWith('team-')) }, team),
    );
    expect(ok.status).toBe(202);
  });

  test('the audit trail is for admin keys only', async ({ redis, devcluster }) => {
    const { app } = await setup({ redis, devcluster });
    const res = await app.request('/v1/audit', { headers: bearer(team) });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { details: { scope: 'admin' } } });
    expect((await app.request('/v1/audit', { headers: bearer(admin) })).status).toBe(200);
  });
});

describe('rate limit', () => {
  test('past the key limit: 429 RateLimited with Retry-After; other keys unaffected', async ({
    redis,
    devcluster,
  }) => {
    const { app } = await setup({ redis, devcluster });
    for (let i = 0; i < 3; i++) {
      const ok = await app.request('/v1/namespaces/team-a/jobs', { headers: bearer(limited) });
      expect(ok.status).toBe(200);
      expect(ok.headers.get('ratelimit-remaining')).toBe(String(2 - i));
    }
    const res = await app.request('/v1/namespaces/team-a/jobs', { headers: bearer(limited) });
    expect(res.status).toBe(429);
    const retry = Number(res.headers.get('retry-after'));
    expect(retry).toBeGreaterThanOrEqual(59);
    expect(retry).toBeLessThanOrEqual(60);
    expect(await res.json()).toMatchObject({
      error: { code: 'RateLimited', details: { limit: 3, perSeconds: 60 } },
    });
    expect((await app.request('/v1/namespaces/team-a/jobs', { headers: bearer(team) })).status).toBe(200);
  });

  test('DEFAULT_RATE_LIMIT applies to keys without their own', async ({ redis, devcluster }) => {
    const { app } = await setup({ redis, devcluster }, { DEFAULT_RATE_LIMIT: '1/30' });
    expect((await app.request('/v1/operations/op-a', { headers: bearer(team) })).status).toBe(404);
    const refused = await app.request('/v1/operations/op-a', { headers: bearer(team) });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  test('Redis unreachable: 503 QueueUnavailable, not a hang or a pass', async ({ redis, devcluster }) => {
    const api = await setup({ redis, devcluster });
    // disconnect() never reconnects: a request that waited for Redis would never be answered.
    api.redis.disconnect();
    const res = await api.app.request('/v1/operations/op-a', { headers: bearer(limited) });
    expect(res.status).toBe(503);
    expect(await errorOf(res)).toMatchObject({ code: 'QueueUnavailable' });
  });
});

describe('audit', () => {
  test('every mutation is recorded with its outcome, reads are not, and the key never is', async ({
    redis,
    devcluster,
  }) => {
    const { app, security, lines } = await setup({ redis, devcluster });
    await app.request('/v1/namespaces/team-a/jobs', { headers: bearer(team) });
    await app.request('/v1/operations/op-x', { headers: bearer(team) });
    const created = await app.request(
      '/v1/namespaces/team-a/jobs',
      post(job('job-x'), team, { 'x-request-id': 'audit-req-3' }),
    );
    expect(created.status).toBe(202);
    const createdId = ((await created.json()) as { id: string }).id;
    const deleted = await app.request('/v1/namespaces/team-a/jobs/j1', {
      method: 'DELETE',
      headers: bearer(team),
    });
    expect(deleted.status).toBe(202);
    const deletedId = ((await deleted.json()) as { id: string }).id;
    expect((await app.request('/v1/namespaces/prod/jobs', post(job('p'), team))).status).toBe(403);
    // Refused before a key was known: counted, not audited (test/security/unauthenticated-audit.test.ts).
    expect((await app.request('/v1/namespaces/team-a/jobs', post(job('anon')))).status).toBe(401);
    expect(security.anonymousRefusals.total()).toBe(1);
    const batch = await app.request(
      '/v1/batches',
      post({ items: [{ namespace: 'team-a', job: job('b0') }] }, team),
    );
    expect(batch.status).toBe(202);
    const batchOps = ((await batch.json()) as { operations: Array<{ id: string }> }).operations;
    const { records } = await security.auditLog.list();
    expect(records.map((r) => [r.action, r.principal, r.outcome, r.status]).reverse()).toEqual([
      ['job.create', 'team-bot', 'accepted', 202],
      ['job.delete', 'team-bot', 'accepted', 202],
      ['job.create', 'team-bot', 'denied', 403],
      ['batch.create', 'team-bot', 'accepted', 202],
    ]);
    const [batchRecord, denied, del, create] = records;
    // The handler's report (operation id, job name) lands in the request's own record.
    expect(create).toMatchObject({
      requestId: 'audit-req-3',
      cluster: 'main',
      target: { kind: 'job', namespace: 'team-a', name: 'job-x' },
      operationIds: [createdId],
    });
    expect(Date.parse(create!.time)).toBeGreaterThan(Date.now() - 60_000);
    expect(del).toMatchObject({ target: { namespace: 'team-a', name: 'j1' }, operationIds: [deletedId] });
    expect(denied).toMatchObject({ errorCode: 'Forbidden', target: { namespace: 'prod' } });
    expect(batchRecord?.operationIds).toEqual(batchOps.map((o) => o.id));
    const logged = lines.filter((l) => JSON.parse(l).msg === 'audit').map((l) => JSON.parse(l).audit);
    expect(logged).toHaveLength(4);
    expect(logged[0]).toMatchObject({ action: 'job.create', principal: 'team-bot' });
    expect(lines.join('\n')).not.toContain(team.key.slice(4));
    expect(JSON.stringify(records)).not.toContain(team.key.slice(4));
  });

  test('audit() outside a request writes a record of its own', async ({ redis, devcluster }) => {
    const { security } = await setup({ redis, devcluster });
    await security.audit({
      action: 'job.create',
      principal: 'x',
      requestId: 'r',
      operationId: 'op-out',
      status: 202,
    });
    const { records } = await security.auditLog.list();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ action: 'job.create', operationIds: ['op-out'] });
  });

  test('GET /v1/audit pages newest first with a cursor', async ({ redis, devcluster }) => {
    const { app } = await setup({ redis, devcluster });
    for (let i = 0; i < 5; i++) {
      const res = await app.request(`/v1/namespaces/team-a/jobs/j${i}`, {
        method: 'DELETE',
        headers: bearer(team),
      });
      expect(res.status).toBe(202);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 5; page++) {
      const res = await app.request(`/v1/audit?limit=2${cursor ? `&before=${cursor}` : ''}`, {
        headers: bearer(admin),
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { items: Array<{ target: { name: string } }>; nextCursor?: string };
      seen.push(...body.items.map((r) => r.target.name));
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toEqual(['j4', 'j3', 'j2', 'j1', 'j0']);
    const bad = await app.request('/v1/audit?limit=0&before=x', { headers: bearer(admin) });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ error: { code: 'ValidationFailed' } });
  });
});
