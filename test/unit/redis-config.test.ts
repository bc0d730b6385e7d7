import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/shared/config.js';

function problems(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe('Redis configuration', () => {
  it('connects to one Redis by URL unless told otherwise, with the earlier key names and no WAIT', () => {
    expect(parseConfig({}).redis).toEqual({
      connection: { mode: 'standalone', url: 'redis://127.0.0.1:6379' },
      keyLayout: 'plain',
      wait: { replicas: 0, timeoutMs: 1000 },
    });
  });

  it('reads a cluster: startup nodes, sharded keys and one replica to confirm by default', () => {
    const { redis } = parseConfig({ REDIS_CLUSTER_NODES: 'redis-0:6379, 10.0.0.7:7000,[::1]:7001' });
    expect(redis).toEqual({
      connection: {
        mode: 'cluster',
        nodes: [
          { host: 'redis-0', port: 6379 },
          { host: '10.0.0.7', port: 7000 },
          { host: '::1', port: 7001 },
        ],
      },
      keyLayout: 'sharded',
      wait: { replicas: 1, timeoutMs: 1000 },
    });
  });

  it('reads a sentinel group with its name and the sentinels’ own password', () => {
    const { redis } = parseConfig({
      REDIS_SENTINELS: 's0:26379,s1:26379',
      REDIS_SENTINEL_NAME: 'eks-jobs',
      REDIS_SENTINEL_PASSWORD: 'sentinel-secret',
      REDIS_WAIT_REPLICAS: '0',
    });
    expect(redis).toEqual({
      connection: {
        mode: 'sentinel',
        sentinels: [
          { host: 's0', port: 26379 },
          { host: 's1', port: 26379 },
        ],
        name: 'eks-jobs',
        sentinelPassword: 'sentinel-secret',
      },
      keyLayout: 'plain',
      wait: { replicas: 0, timeoutMs: 1000 },
    });
  });

  it.each([
    [{ REDIS_URL: 'rediss://cache.example.com:6379' }, { tls: {} }],
    [{ REDIS_CLUSTER_NODES: 'cfg.example.com:6379', REDIS_TLS: 'true' }, { tls: {} }],
    [
      {
        REDIS_SENTINELS: 's0:26379',
        REDIS_SENTINEL_NAME: 'm',
        REDIS_TLS: '1',
        REDIS_TLS_CA_FILE: '/etc/ca.pem',
      },
      { tls: { caFile: '/etc/ca.pem' } },
    ],
    [
      { REDIS_CLUSTER_NODES: 'cfg:6379', REDIS_USERNAME: 'eks-jobs', REDIS_PASSWORD: 'p' },
      { username: 'eks-jobs', password: 'p' },
    ],
    [{ REDIS_URL: 'redis://h:6379', REDIS_PASSWORD: 'auth-token' }, { password: 'auth-token' }],
  ])('applies TLS and ACL credentials in every mode: %j', (env, expected) => {
    expect(parseConfig(env).redis.connection).toMatchObject(expected);
  });

  it.each([
    [
      { REDIS_URL: 'redis://a:6379', REDIS_CLUSTER_NODES: 'b:6379' },
      'REDIS_CLUSTER_NODES',
      /REDIS_URL is set too/,
    ],
    [
      { REDIS_URL: 'redis://a:6379', REDIS_SENTINELS: 'b:26379', REDIS_SENTINEL_NAME: 'm' },
      'REDIS_SENTINELS',
      /REDIS_URL is set too/,
    ],
    [
      { REDIS_CLUSTER_NODES: 'a:6379', REDIS_SENTINELS: 'b:26379', REDIS_SENTINEL_NAME: 'm' },
      'REDIS_SENTINELS',
      /REDIS_CLUSTER_NODES is set too/,
    ],
    [{ REDIS_SENTINELS: 'b:26379' }, 'REDIS_SENTINEL_NAME', /required with REDIS_SENTINELS/],
    [{ REDIS_SENTINEL_NAME: 'm' }, 'REDIS_SENTINEL_NAME', /only used with REDIS_SENTINELS/],
    [{ REDIS_CLUSTER_NODES: 'a:6379,b' }, 'REDIS_CLUSTER_NODES', /host:port.*"b"/],
    [{ REDIS_CLUSTER_NODES: 'a:70000' }, 'REDIS_CLUSTER_NODES', /host:port/],
    [{ REDIS_URL: 'redis://u:p@a:6379', REDIS_PASSWORD: 'q' }, 'REDIS_PASSWORD', /credentials already/],
    [{ REDIS_URL: 'rediss://a:6379', REDIS_TLS: 'false' }, 'REDIS_TLS', /rediss/],
    [{ REDIS_TLS_CA_FILE: '/etc/ca.pem' }, 'REDIS_TLS_CA_FILE', /needs TLS/],
    [{ REDIS_CLUSTER_NODES: 'a:6379', REDIS_KEY_LAYOUT: 'plain' }, 'REDIS_KEY_LAYOUT', /sharded.*hash tag/],
    [{ REDIS_KEY_LAYOUT: 'spread' }, 'REDIS_KEY_LAYOUT', /plain|sharded/],
    [{ REDIS_WAIT_REPLICAS: '-1' }, 'REDIS_WAIT_REPLICAS', /./],
    [{ REDIS_WAIT_TIMEOUT: '0' }, 'REDIS_WAIT_TIMEOUT', /from 1ms to 10s/],
    [{ REDIS_WAIT_TIMEOUT: '1m' }, 'REDIS_WAIT_TIMEOUT', /from 1ms to 10s/],
    [{ QUEUE_PREFIX: '{a}{b}' }, 'QUEUE_PREFIX', /at most one \{hash tag\}/],
    [{ QUEUE_PREFIX: 'x{}' }, 'QUEUE_PREFIX', /hash tag/],
  ])('refuses %j naming %s', (env, variable, message) => {
    const lines = problems(env);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^${variable}: `));
    expect(lines[0]).toMatch(message);
  });

  it('keeps a plain layout on a cluster when QUEUE_PREFIX puts every key in one slot', () => {
    const { redis } = parseConfig({
      REDIS_CLUSTER_NODES: 'a:6379',
      REDIS_KEY_LAYOUT: 'plain',
      QUEUE_PREFIX: '{eks-jobs}',
    });
    expect(redis.keyLayout).toBe('plain');
  });

  it('never prints a password back, in a variable or in a URL', () => {
    const reused = problems({ REDIS_URL: 'redis://user:hunter2@a:6379', REDIS_PASSWORD: 'hunter3' }).join(
      '\n',
    );
    expect(reused).toMatch(/^REDIS_PASSWORD: /);
    const badUrl = problems({ REDIS_URL: 'redis://user:hunter2@a:6379/ x' }).join('\n');
    expect(badUrl).toMatch(/^REDIS_URL: .*user:\*\*\*@a:6379/);
    expect(`${reused}\n${badUrl}`).not.toMatch(/hunter/);
  });
});
