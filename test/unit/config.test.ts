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

describe('parseConfig', () => {
  it('gives working defaults for an empty environment', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({
      port: 8080,
      workerPort: 8081,
      redisUrl: 'redis://127.0.0.1:6379',
      queuePrefix: 'eks-jobs',
      workerConcurrency: 32,
      maxBatchItems: 1000,
      maxBodyBytes: 4_194_304,
      operationRetentionMs: 7 * 86_400_000,
      insecureNoAuth: false,
    });
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ PORT: '80.5' }, 'PORT'],
    [{ REDIS_URL: 'nope' }, 'REDIS_URL'],
    [{ WORKER_CONCURRENCY: '0' }, 'WORKER_CONCURRENCY'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ LOG_PRETTY: 'yes' }, 'LOG_PRETTY'],
    [{ OPERATION_RETENTION: 'a week' }, 'OPERATION_RETENTION'],
    [{ QUEUE_PREFIX: 'has space' }, 'QUEUE_PREFIX'],
    [{ EKS_CLUSTER_NAME: 'prod' }, 'EKS_REGION'],
    [{ DEFAULT_RATE_LIMIT: '100 per minute' }, 'DEFAULT_RATE_LIMIT'],
    [{ DEFAULT_RATE_LIMIT: '0/60' }, 'DEFAULT_RATE_LIMIT'],
    [{ PUBLIC_METRICS: 'no' }, 'PUBLIC_METRICS'],
    [{ DATABASE_URL: 'mysql://db/eks' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'postgres://db/eks', DATABASE_POOL_SIZE: '0' }, 'DATABASE_POOL_SIZE'],
    [{ DATABASE_URL: 'postgres://db/eks', DATABASE_SSL: 'yes' }, 'DATABASE_SSL'],
    [{ DATABASE_URL: 'postgres://db/eks', DATABASE_SSL_CA: '/etc/rds.pem' }, 'DATABASE_SSL_CA'],
    [{ DATABASE_URL: 'postgres://db/eks?sslmode=require', DATABASE_SSL: 'true' }, 'DATABASE_URL'],
    [{ HISTORY_RETENTION: '3 months' }, 'HISTORY_RETENTION'],
  ])('rejects %j naming %s', (env, variable) => {
    const lines = problems(env);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^${variable}: `));
  });

  it('reports every bad variable, one line each', () => {
    const lines = problems({ PORT: 'abc', REDIS_URL: 'nope' });
    expect(lines.map((l) => l.split(':')[0]).sort()).toEqual(['PORT', 'REDIS_URL']);
  });

  it('reads a strict boolean: "false" is false', () => {
    expect(parseConfig({ LOG_PRETTY: 'false' }).logPretty).toBe(false);
    expect(parseConfig({ LOG_PRETTY: '1' }).logPretty).toBe(true);
  });

  it('parses durations', () => {
    expect(parseConfig({ OPERATION_RETENTION: '90s' }).operationRetentionMs).toBe(90_000);
    expect(parseConfig({ OPERATION_RETENTION: '2d' }).operationRetentionMs).toBe(172_800_000);
    expect(parseConfig({ OPERATION_RETENTION: '15' }).operationRetentionMs).toBe(15_000);
  });

  it('reads the webhook backoff, and refuses a zero wait or a maximum below the first wait', () => {
    expect(parseConfig({}).webhooks.backoff).toEqual({ initialMs: 1000, maxMs: 3_600_000 });
    expect(
      parseConfig({ WEBHOOK_BACKOFF_INITIAL: '200ms', WEBHOOK_BACKOFF_MAX: '2s' }).webhooks.backoff,
    ).toEqual({ initialMs: 200, maxMs: 2000 });
    expect(problems({ WEBHOOK_BACKOFF_INITIAL: '0' }).join('\n')).toMatch(
      /WEBHOOK_BACKOFF_INITIAL.*more than 0/,
    );
    expect(problems({ WEBHOOK_BACKOFF_INITIAL: '5s', WEBHOOK_BACKOFF_MAX: '1s' }).join('\n')).toMatch(
      /WEBHOOK_BACKOFF_MAX.*at least WEBHOOK_BACKOFF_INITIAL/,
    );
  });

  it('falls back from EKS_REGION to AWS_REGION', () => {
    expect(parseConfig({ EKS_CLUSTER_NAME: 'prod', AWS_REGION: 'eu-west-1' }).defaultEksCluster).toEqual({
      name: 'prod',
      region: 'eu-west-1',
    });
    expect(
      parseConfig({ EKS_CLUSTER_NAME: 'prod', AWS_REGION: 'eu-west-1', EKS_REGION: 'us-east-2' })
        .defaultEksCluster?.region,
    ).toBe('us-east-2');
  });

  it('reads a default rate limit as REQUESTS/SECONDS', () => {
    expect(parseConfig({ DEFAULT_RATE_LIMIT: '600/60' }).defaultRateLimit).toEqual({
      requests: 600,
      perSeconds: 60,
    });
    expect(parseConfig({}).defaultRateLimit).toBeUndefined();
  });

  it('treats empty strings as unset', () => {
    expect(parseConfig({ PORT: '' }).port).toBe(8080);
  });

  it('has no database without DATABASE_URL, and keeps history 90 days by default', () => {
    const config = parseConfig({});
    expect(config.database).toBeUndefined();
    expect(config.historyRetentionMs).toBe(90 * 86_400_000);
    expect(parseConfig({ HISTORY_RETENTION: '30d' }).historyRetentionMs).toBe(30 * 86_400_000);
  });

  it('reads the database URL, pool size and TLS settings', () => {
    expect(parseConfig({ DATABASE_URL: 'postgresql://u:p@db:5432/eks' }).database).toEqual({
      url: 'postgresql://u:p@db:5432/eks',
      poolSize: 10,
    });
    const rds = parseConfig({
      DATABASE_URL: 'postgres://eks@x.rds.amazonaws.com/eks',
      DATABASE_POOL_SIZE: '4',
      DATABASE_SSL: 'true',
      DATABASE_SSL_CA: '/etc/ssl/rds-global-bundle.pem',
    });
    expect(rds.database).toEqual({
      url: 'postgres://eks@x.rds.amazonaws.com/eks',
      poolSize: 4,
      ssl: { caFile: '/etc/ssl/rds-global-bundle.pem' },
    });
    expect(parseConfig({ DATABASE_URL: 'postgres://db/eks', DATABASE_SSL: '1' }).database?.ssl).toEqual({});
  });

  it('never echoes the password of a bad DATABASE_URL', () => {
    const [line] = problems({ DATABASE_URL: 'postgres://eks:s3cret pass@db/eks' });
    expect(line).toMatch(/^DATABASE_URL: /);
    expect(line).toContain('postgres://eks:***@db/eks');
    expect(line).not.toContain('s3cret');
  });
});
