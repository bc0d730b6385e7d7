import { afterEach, describe } from 'vitest';
import { expect, test } from '../support/fixtures.js';
import { testPrefix } from '../support/redis.js';
import { makeKey, securityTestApp } from './support/security-app.js';

const closers: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
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

async function setup(redisUrl: string, over = {}) {
  const s = await securityTestApp(redisUrl, testPrefix(), allKeys, over);
  closers.push(s.close);
  return s;
}
const bearer = (k: { key: string }) => ({ authorization: `Bearer ${k.key}` });
const post = (body: unknown, key?: { key: string }) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...(key ? bearer(key) : {}) },
  body: JSON.stringify(body),
});

describe('authentication', () => {
  test('no key and an unknown key get 401 with a Bearer challenge; public paths stay open', async ({
    redis,
  }) => {
    const { app } = await setup(redis.url);
    const none = await app.request('/v1/namespaces/team-a/jobs');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="eks-jobs"');
    expect(await none.json()).toMatchObject({ error: { code: 'Unauthorized', requestId: 'req-1' } });
    const unknown = await app.request('/v1/namespaces/team-a/jobs', { headers: bearer(makeKey('x')) });
    expect(unknown.status).toBe(401);
    expect(unknown.headers.get('www-authenticate')).toBe('Bearer realm="eks-jobs", error="invalid_token"');
    const basic = await app.request('/v1/namespaces/team-a/jobs', {
      headers: { authorization: `Basic ${team.key}` },
    });
    expect(basic.status).toBe(401);
    expect((await app.request('/livez')).status).toBe(200);
    expect((await app.request('/metrics')).status).toBe(200);
    expect((await app.request('/livez/')).status).toBe(401);
    expect((await app.request('/nowhere')).status).toBe(401);
    expect((await app.request('/v1/namespaces/team-a/jobs', { headers: bearer(team) })).status).toBe(200);
  });

  test('metrics can be made private', async ({ redis }) => {
    const { app } = await setup(redis.url, { public: { metrics: false } });
    expect((await app.request('/metrics')).status).toBe(401);
    expect((await app.request('/metrics', { headers: bearer(team) })).status).toBe(200);
  });

  test('insecureNoAuth makes every request the admin dev-insecure', async ({ redis }) => {
    const { app, security } = await setup(redis.url, { insecureNoAuth: true });
    expect((await app.request('/v1/namespaces/kube-system/jobs')).status).toBe(200);
    expect((await app.request('/v1/namespaces/x/jobs', post({}))).status).toBe(202);
    const page = await security.auditLog.list();
    expect(page.records[0]).toMatchObject({ principal: 'dev-insecure', action: 'job.create' });
    expect((await app.request('/v1/audit')).status).toBe(200);
  });
});

describe('authorization', () => {
  test('out-of-scope namespaces and clusters get 403 naming the scope', async ({ redis }) => {
    const { app } = await setup(redis.url);
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
    expect((await app.request('/v1/operations/x', { headers: bearer(nsAdmin) })).status).toBe(200);
  });

  test('encoded traversal in a namespace is checked as the handler would see it', async ({ redis }) => {
    const { app } = await setup(redis.url);
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

  test('system namespaces need an explicit grant', async ({ redis }) => {
    const { app } = await setup(redis.url);
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

  test('namespace create and delete need their flags and a matching name', async ({ redis }) => {
    const { app } = await setup(redis.url);
    const noFlag = await app.request('/v1/namespaces', post({ name: 'team-new' }, team));
    expect(noFlag.status).toBe(403);
    expect(await noFlag.json()).toMatchObject({ error: { details: { scope: 'namespaceCreate' } } });
    expect((await app.request('/v1/namespaces', post({ name: 'team-new' }, nsAdmin))).status).toBe(202);
    expect((await app.request('/v1/namespaces', post({ name: 'prod' }, nsAdmin))).status).toBe(403);
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

  test('batch items are checked one by one and all denials are listed', async ({ redis }) => {
    const { app } = await setup(redis.url);
    const items = [
      { namespace: 'team-a' },
      { namespace: 'prod' },
      { namespace: 'team-b' },
      { namespace: 'kube-system' },
    ];
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
    const ok = await app.request(
      '/v1/batches',
      post({ items: [{ namespace: 'team-a' }, { namespace: 'team-b' }] }, team),
    );
    expect(ok.status).toBe(202);
  });

  test('the audit trail is for admin keys only', async ({ redis }) => {
    const { app } = await setup(redis.url);
    const res = await app.request('/v1/audit', { headers: bearer(team) });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { details: { scope: 'admin' } } });
    expect((await app.request('/v1/audit', { headers: bearer(admin) })).status).toBe(200);
  });
});

describe('rate limit', () => {
  test('past the key limit: 429 RateLimited with Retry-After; other keys unaffected', async ({ redis }) => {
    const { app } = await setup(redis.url);
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

  test('a default limit applies to keys without their own', async ({ redis }) => {
    const { app } = await setup(redis.url, { defaultRateLimit: { requests: 1, perSeconds: 30 } });
    expect((await app.request('/v1/operations/a', { headers: bearer(team) })).status).toBe(200);
    expect((await app.request('/v1/operations/a', { headers: bearer(team) })).status).toBe(429);
  });

  test('Redis unreachable: 503 QueueUnavailable, not a hang or a pass', async ({ redis }) => {
    const s = await setup(redis.url);
    s.redis.disconnect();
    const started = Date.now();
    const res = await s.app.request('/v1/operations/a', { headers: bearer(limited) });
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ error: { code: 'QueueUnavailable' } });
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('audit', () => {
  test('every mutation is recorded with its outcome, reads are not, and the key never is', async ({
    redis,
  }) => {
    const { app, security, lines } = await setup(redis.url);
    await app.request('/v1/namespaces/team-a/jobs', { headers: bearer(team) });
    await app.request('/v1/operations/x', { headers: bearer(team) });
    await app.request('/v1/namespaces/team-a/jobs', post({ image: 'busybox' }, team));
    await app.request('/v1/namespaces/team-a/jobs/j1', { method: 'DELETE', headers: bearer(team) });
    await app.request('/v1/namespaces/prod/jobs', post({}, team));
    await app.request('/v1/namespaces/team-a/jobs', post({}));
    await app.request('/v1/batches', post({ items: [{ namespace: 'team-a' }] }, team));
    const { records } = await security.auditLog.list();
    expect(records.map((r) => [r.action, r.principal, r.outcome, r.status]).reverse()).toEqual([
      ['job.create', 'team-bot', 'accepted', 202],
      ['job.delete', 'team-bot', 'accepted', 202],
      ['job.create', 'team-bot', 'denied', 403],
      ['job.create', null, 'denied', 401],
      ['batch.create', 'team-bot', 'accepted', 202],
    ]);
    const [batch, , denied, del, create] = records;
    expect(create).toMatchObject({
      requestId: 'req-3',
      cluster: 'main',
      target: { kind: 'job', namespace: 'team-a', name: 'job-x' },
      operationIds: ['op-3'],
    });
    expect(Date.parse(create!.time)).toBeGreaterThan(Date.now() - 60_000);
    expect(del).toMatchObject({ target: { namespace: 'team-a', name: 'j1' }, operationIds: ['op-4'] });
    expect(denied).toMatchObject({ errorCode: 'Forbidden', target: { namespace: 'prod' } });
    expect(batch?.operationIds).toEqual(['op-b0']);
    const logged = lines.filter((l) => JSON.parse(l).msg === 'audit').map((l) => JSON.parse(l).audit);
    expect(logged).toHaveLength(5);
    expect(logged[0]).toMatchObject({ action: 'job.create', principal: 'team-bot' });
    expect(lines.join('\n')).not.toContain(team.key.slice(4));
    expect(JSON.stringify(records)).not.toContain(team.key.slice(4));
  });

  test('a handler report through audit() lands in the request record, not a second one', async ({
    redis,
  }) => {
    const { app, security } = await setup(redis.url);
    expect(
      (await app.request('/v1/operations/op-77/retry', { method: 'POST', headers: bearer(team) })).status,
    ).toBe(202);
    const { records } = await security.auditLog.list();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      action: 'operation.retry',
      principal: 'team-bot',
      operationIds: ['op-77'],
      target: { namespace: 'team-a', name: 'op-77' },
      outcome: 'accepted',
    });
    await security.audit({
      action: 'job.create',
      principal: 'x',
      requestId: 'r',
      operationId: 'op-out',
      status: 202,
    });
    expect((await security.auditLog.list()).records[0]).toMatchObject({
      action: 'job.create',
      operationIds: ['op-out'],
    });
  });

  test('GET /v1/audit pages newest first with a cursor', async ({ redis }) => {
    const { app } = await setup(redis.url);
    for (let i = 0; i < 5; i++)
      await app.request(`/v1/namespaces/team-a/jobs/j${i}`, { method: 'DELETE', headers: bearer(team) });
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
