import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/shared/config.js';
import { isRedisUnavailable } from '../../src/shared/operations/errors.js';
import { closeRedis, createRedisConnector, isCluster, pingRedis } from '../../src/shared/redis.js';
import { freePort } from '../support/redis.js';

// The API's connection fails fast in every mode: with nothing listening, a command is refused
// (and counts as "Redis is down", a 503), and readiness says no, instead of waiting for Redis.
describe('the producer connection with Redis unreachable', () => {
  it.each([
    ['standalone', (port: number) => ({ REDIS_URL: `redis://127.0.0.1:${port}` })],
    ['cluster', (port: number) => ({ REDIS_CLUSTER_NODES: `127.0.0.1:${port}` })],
    [
      'sentinel',
      (port: number) => ({ REDIS_SENTINELS: `127.0.0.1:${port}`, REDIS_SENTINEL_NAME: 'eks-jobs' }),
    ],
  ])('%s: a command is refused as unavailable, readiness is false', async (mode, env) => {
    const config = parseConfig(env(await freePort()));
    const connector = createRedisConnector(config.redis.connection);
    expect(connector.mode).toBe(mode);
    const client = connector.connect('producer');
    try {
      expect(isCluster(client)).toBe(mode === 'cluster');
      const err = await client.set('k', 'v').then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(Error);
      expect(isRedisUnavailable(err), String(err)).toBe(true);
      expect(await pingRedis(client)).toBe(false);
    } finally {
      await closeRedis(client);
    }
  });

  it('refuses to start with a CA file it cannot read, naming the variable', () => {
    const config = parseConfig({ REDIS_TLS: 'true', REDIS_TLS_CA_FILE: '/nonexistent/ca.pem' });
    expect(() => createRedisConnector(config.redis.connection)).toThrow(/REDIS_TLS_CA_FILE: cannot read/);
  });
});
