import { afterEach, describe } from 'vitest';
import { expect, test } from '../support/fixtures.js';
import { cleanPrefix, testPrefix } from '../support/redis.js';
import { type ApiUnderTest, startApiUnderTest } from './support/api-under-test.js';
import { makeKey } from './support/security-app.js';

const reader = makeKey('reader');
let api: ApiUnderTest | undefined;
let redisUrl = '';
afterEach(async () => {
  if (!api) return;
  await api.close();
  await cleanPrefix(redisUrl, api.prefix);
  api = undefined;
});

const OPERATIONAL = ['/metrics', '/openapi.json', '/docs'];

describe('operational endpoints', () => {
  test('are served without a key by default; health probes always are', async ({ redis }) => {
    redisUrl = redis.url;
    api = await startApiUnderTest({ redisUrl: redis.url, prefix: testPrefix(), keys: [reader] });
    for (const path of [...OPERATIONAL, '/livez', '/readyz']) {
      expect((await api.app.request(path)).status, path).toBe(200);
    }
  });

  test('need a key when PUBLIC_METRICS and PUBLIC_DOCS are false', async ({ redis }) => {
    redisUrl = redis.url;
    api = await startApiUnderTest({
      redisUrl: redis.url,
      prefix: testPrefix(),
      keys: [reader],
      env: { PUBLIC_METRICS: 'false', PUBLIC_DOCS: 'false' },
    });
    for (const path of OPERATIONAL) {
      const anonymous = await api.app.request(path);
      expect(anonymous.status, path).toBe(401);
      expect(((await anonymous.json()) as { error: { code: string } }).error.code).toBe('Unauthorized');
      const keyed = await api.app.request(path, { headers: { Authorization: `Bearer ${reader.key}` } });
      expect(keyed.status, path).toBe(200);
    }
    expect((await api.app.request('/livez')).status).toBe(200);
  });

  test('DEFAULT_RATE_LIMIT applies to keys without a limit of their own', async ({ redis }) => {
    redisUrl = redis.url;
    api = await startApiUnderTest({
      redisUrl: redis.url,
      prefix: testPrefix(),
      keys: [reader],
      env: { DEFAULT_RATE_LIMIT: '3/60' },
    });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await api.app.request('/v1/namespaces/team-a/jobs', {
        headers: { Authorization: `Bearer ${reader.key}` },
      });
      statuses.push(res.status === 429 ? 429 : 0);
      if (res.status === 429) expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    }
    expect(statuses).toEqual([0, 0, 0, 429, 429]);
  });
});
