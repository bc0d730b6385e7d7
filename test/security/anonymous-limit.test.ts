import { afterEach, describe } from 'vitest';
import { createHttpServer } from '../../src/api/http-server.js';
import { createLogger } from '../../src/shared/logger.js';
import { expect, test } from '../support/fixtures.js';
import { cleanPrefix, testPrefix } from '../support/redis.js';
import { type ApiUnderTest, startApiUnderTest } from './support/api-under-test.js';
import { makeKey } from './support/security-app.js';

// The per-address limit on traffic without a valid key (ANONYMOUS_RATE_LIMIT), on the app that
// ships, over a real socket where the peer address matters.

const team = makeKey('team-bot');
const started: Array<{ api: ApiUnderTest; redisUrl: string; close?: () => Promise<void> }> = [];
afterEach(async () => {
  for (const s of started.splice(0)) {
    await s.close?.();
    await s.api.close();
    await cleanPrefix(s.redisUrl, s.api.prefix);
  }
});

async function setup(redisUrl: string, env: Record<string, string>) {
  const api = await startApiUnderTest({ redisUrl, prefix: testPrefix(), keys: [team], env });
  const entry: (typeof started)[number] = { api, redisUrl };
  started.push(entry);
  return { api, entry };
}

const codeOf = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;

describe('requests without a valid key are limited per client address', () => {
  test('over a real socket: the 6th anonymous request of 5/hour is 429, keys and probes are not limited', async ({
    redis,
  }) => {
    const { api, entry } = await setup(redis.url, { ANONYMOUS_RATE_LIMIT: '5/3600' });
    const server = createHttpServer({ logger: createLogger({ level: 'silent' }), idleCloseMs: 10 });
    const address = await server.listen(api.app.fetch, { port: 0, hostname: '127.0.0.1' });
    entry.close = () => server.close();
    const base = `http://127.0.0.1:${address.port}`;

    const answers: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${base}/v1/namespaces/team-a/jobs`, {
        method: 'POST',
        headers: { authorization: `Bearer ${makeKey('stranger').key}`, 'content-type': 'application/json' },
        body: '{}',
      });
      answers.push(res.status);
      await res.body?.cancel();
    }
    expect(answers).toEqual([401, 401, 401, 401, 401]);
    const limited = await fetch(`${base}/health`);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await codeOf(limited)).toBe('RateLimited');
    // A missing key counts as the same address's anonymous traffic.
    expect((await fetch(`${base}/v1/namespaces/team-a/jobs`)).status).toBe(429);

    // A valid key is not held back by its address's anonymous budget; probes never are.
    const withKey = await fetch(`${base}/v1/namespaces/team-a/jobs`, {
      headers: { authorization: `Bearer ${team.key}` },
    });
    expect(withKey.status).toBe(200);
    expect((await fetch(`${base}/livez`)).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);

    // The refused requests wrote nothing: no audit record, no rate-limit key in Redis.
    expect((await api.security.auditLog.list()).records).toEqual([]);
    expect(await api.redis.keys(`${api.prefix}:ratelimit:*`)).toEqual([]);
  });

  test('behind TRUSTED_PROXY_HOPS=1, each client address has its own budget and a forged entry buys none', async ({
    redis,
  }) => {
    const { api } = await setup(redis.url, { ANONYMOUS_RATE_LIMIT: '2/3600', TRUSTED_PROXY_HOPS: '1' });
    // The proxy appends the peer it saw; whatever the client wrote stays to the left.
    const from = (client: string, forged?: string) =>
      api.app.request('/metrics', {
        headers: { 'x-forwarded-for': forged ? `${forged}, ${client}` : client },
      });
    const statuses = async (client: string, n: number, forged?: (i: number) => string) => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) out.push((await from(client, forged?.(i))).status);
      return out;
    };
    expect(await statuses('203.0.113.7', 3)).toEqual([200, 200, 429]);
    expect(await statuses('203.0.113.8', 2)).toEqual([200, 200]);
    // Forging a fresh address to the left does not reset the real one's budget.
    expect(await statuses('203.0.113.7', 3, (i) => `198.51.100.${i}`)).toEqual([429, 429, 429]);
    // IPv6 counts per /64: another address of the same /64 shares the budget.
    expect(await statuses('2001:db8:1:2::1', 2)).toEqual([200, 200]);
    expect(await statuses('2001:db8:1:2:ffff::9', 1)).toEqual([429]);
    expect(await statuses('2001:db8:1:3::1', 1)).toEqual([200]);
  });

  test('ANONYMOUS_RATE_LIMIT=off switches it off; a bad value is a config error', async ({ redis }) => {
    const { api } = await setup(redis.url, { ANONYMOUS_RATE_LIMIT: 'off' });
    const statuses: number[] = [];
    for (let i = 0; i < 400; i++) statuses.push((await api.app.request('/metrics')).status);
    expect(new Set(statuses)).toEqual(new Set([200]));
    await expect(setup(redis.url, { ANONYMOUS_RATE_LIMIT: '10 per minute' })).rejects.toThrow(
      /ANONYMOUS_RATE_LIMIT/,
    );
  });
});
