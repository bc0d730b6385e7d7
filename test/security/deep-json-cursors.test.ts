import { afterAll, describe } from 'vitest';
import { expect, test } from '../support/fixtures.js';
import { testPrefix } from '../support/redis.js';
import { type ApiUnderTest, enqueueTraces, startApiUnderTest } from './support/api-under-test.js';
import { makeKey } from './support/security-app.js';

// Hostile shapes that a recursive walk or a number parse can trip over: every one is a clear
// 4xx in the error envelope, never a 500 or a stack overflow.

const admin = makeKey('admin', {
  scopes: { clusters: ['*'], namespaces: ['*'], namespaceCreate: true, namespaceDelete: true, admin: true },
});
const auth = { authorization: `Bearer ${admin.key}` };
let api: ApiUnderTest | undefined;

const nestedArray = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
const nestedObject = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;

describe('deep JSON and absurd cursors', () => {
  afterAll(async () => {
    await api?.close();
  });

  test('answer 400/413/422, never 5xx', async ({ redis }) => {
    api = await startApiUnderTest({ redisUrl: redis.url, prefix: testPrefix(), keys: [admin] });
    const a = api;
    const failures: string[] = [];
    const expect4xx = async (method: string, path: string, body?: string) => {
      const res = await a.app.request(path, {
        method,
        headers: { ...auth, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body } : {}),
      });
      const text = await res.text();
      let code: string | undefined;
      try {
        code = (JSON.parse(text) as { error?: { code?: string } }).error?.code;
      } catch {}
      if (![400, 404, 413, 422].includes(res.status) || !code) {
        failures.push(`${method} ${path.slice(0, 80)} (${(body ?? '').length} bytes): ${res.status} ${code}`);
      }
    };

    for (const depth of [10_000, 100_000]) {
      const deepA = nestedArray(depth);
      const deepO = nestedObject(depth);
      const jobs = [
        deepA,
        deepO,
        `{"name":"deep","image":"busybox","labels":${deepO}}`,
        `{"name":"deep","image":"busybox","command":${deepA}}`,
        `{"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"deep"},"spec":${deepO}}`,
        `{"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"deep","annotations":${deepO}},"spec":{}}`,
      ];
      for (const job of jobs) {
        await expect4xx('POST', '/v1/namespaces/team-a/jobs', job);
        await expect4xx('POST', '/v1/namespaces/team-a/jobs?dryRun=true', job);
        await expect4xx('POST', '/v1/batches', `{"items":[{"namespace":"team-a","job":${job}}]}`);
        await expect4xx('POST', '/api/eks-create-job', job);
      }
      await expect4xx('POST', '/v1/namespaces', `{"name":"team-a","labels":${deepO}}`);
      await expect4xx('PATCH', '/v1/namespaces/team-a/jobs/j', `{"suspend":${deepA}}`);
      await expect4xx('POST', '/v1/batches', deepO);
    }

    const hugeBase64 = Buffer.from('x'.repeat(3_000_000)).toString('base64url');
    const cursors = [
      Buffer.from(JSON.stringify({ c: 0, t: 0, o: 1e308 })).toString('base64url'),
      Buffer.from(JSON.stringify({ c: 1e308, t: -1, o: 0 })).toString('base64url'),
      Buffer.from(nestedArray(50_000)).toString('base64url'),
      Buffer.from(nestedObject(50_000)).toString('base64url'),
      hugeBase64.slice(0, 199),
      hugeBase64,
      '1e308',
      'not base64 at all!!',
    ];
    for (const cursor of cursors) {
      const q = encodeURIComponent(cursor);
      await expect4xx('GET', `/v1/operations?cursor=${q}`);
      await expect4xx('GET', `/v1/operations?state=failed&cursor=${q}`);
      await expect4xx('GET', `/v1/audit?before=${q}`);
      await expect4xx('GET', `/v1/namespaces/team-a/jobs?continue=${q}`);
    }
    // (`0x10` is read as 16 by the number coercion: a valid limit, not an error.)
    for (const n of ['1e308', '-1', '1e400', 'NaN', '99999999999999999999999']) {
      await expect4xx('GET', `/v1/operations?limit=${n}`);
      await expect4xx('GET', `/v1/audit?limit=${n}`);
      await expect4xx('GET', `/v1/namespaces/team-a/jobs?limit=${n}`);
      await expect4xx('GET', `/v1/namespaces/team-a/jobs/j/logs?tailLines=${n}`);
      await expect4xx('GET', `/v1/operations/x?o=${n}`);
    }
    expect(failures).toEqual([]);
    expect(await enqueueTraces(a)).toEqual([]);
    // Still serving.
    expect((await a.app.request('/v1/operations', { headers: auth })).status).toBe(200);
  });
});
