import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterEach, describe, expect, test } from 'vitest';
import { type ServiceProcess, startService, waitForHttp } from '../support/process.js';
import { freePort } from '../support/redis.js';
import { waitFor } from '../support/wait-for.js';
import { startDev, stopDev } from './dev-support.js';

const run = promisify(execFile);
let dev: ServiceProcess | undefined;
afterEach(() => stopDev(dev));

describe('npm run dev', () => {
  test('says exactly how to install redis-server when it is missing', async () => {
    const emptyPath = mkdtempSync(join(tmpdir(), 'eks-jobs-nopath-'));
    dev = startService('src/dev/main.ts', { PATH: emptyPath }, ['--port', String(await freePort())]);
    expect(await dev.exited).toBe(1);
    expect(dev.output()).toContain('apt-get install -y --no-install-recommends redis-server');
    rmSync(emptyPath, { recursive: true, force: true });
  });

  test('--help describes the options and starts nothing', async () => {
    dev = startService('src/dev/main.ts', {}, ['--help']);
    expect(await dev.exited).toBe(0);
    expect(dev.output()).toMatch(/Usage: npm run dev/);
    expect(dev.output()).toContain('--time-scale');
    expect(dev.output()).toContain('--api-keys FILE');
    expect(dev.output()).toContain('--show-cluster-token');
    expect(dev.output()).toContain('--no-history');
  });

  test('runs the whole system, prints a working key and curl, and follows Redis in /readyz', async () => {
    // Without DATABASE_URL in its environment dev serves history from PGlite.
    // With its Redis killed the worker cannot hand back its locks; don't wait 25 s for it at the end.
    const started = await startDev({ SHUTDOWN_TIMEOUT: '3s' });
    dev = started.dev;
    const { apiPort, redisPort, postgresPort } = started;
    const proc = dev;
    const output = proc.output();
    expect(output).toContain('eks-jobs is running');
    const key = /export EKS_JOBS_KEY=(\S+)/.exec(output)?.[1];
    expect(key).toMatch(/^ekj_/);

    const api = `http://127.0.0.1:${apiPort}`;
    expect((await fetch(`${api}/livez`)).status).toBe(200);
    expect((await fetch(`${api}/readyz`)).status).toBe(200);

    // The printed curl works as printed (with the printed key exported).
    const curl = /^ {4}(curl -sS -X POST[\s\S]*?)\n {4}curl/m.exec(output)?.[1];
    expect(curl).toBeDefined();
    const { stdout } = await run('sh', ['-c', `${curl} -w '\\n%{http_code}'`], {
      env: { PATH: process.env.PATH, EKS_JOBS_KEY: key },
    });
    const status = stdout.trim().split('\n').pop();
    expect(status).toBe('202');

    // The printed PostgreSQL answers, with the schema the API and the worker migrated through it.
    const postgresUrl = `postgres://postgres@127.0.0.1:${postgresPort}/postgres`;
    expect(output).toContain(`postgres      ${postgresUrl}  (PGlite in this process`);
    const client = new pg.Client(postgresUrl);
    await client.connect();
    try {
      const { rows } = await client.query('select name from kysely_migration');
      expect(rows).toEqual([{ name: '0001_history' }]);
    } finally {
      await client.end();
    }

    // Kill the private Redis: /readyz says so while it is down, /livez stays up.
    const redis = new Redis(`redis://127.0.0.1:${redisPort}`, {
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    await redis.call('SHUTDOWN', 'NOSAVE').catch(() => {});
    redis.disconnect();
    await waitForHttp(`${api}/readyz`, 503, 15_000);
    expect((await fetch(`${api}/livez`)).status).toBe(200);

    proc.child.kill('SIGINT');
    expect(await proc.exited).toBe(0);
    await waitFor(
      async () => {
        try {
          await fetch(`${api}/livez`, { signal: AbortSignal.timeout(500) });
          return false;
        } catch {
          return true;
        }
      },
      { timeoutMs: 15_000, message: 'the API to be stopped with the dev command' },
    );
  }, 150_000);

  test('--no-history runs without PostgreSQL, even with DATABASE_URL set', async () => {
    const started = await startDev({ DATABASE_URL: `postgres://nobody@127.0.0.1:${await freePort()}/none` }, [
      '--no-history',
    ]);
    dev = started.dev;
    expect(dev.output()).toContain('eks-jobs is running');
    expect(dev.output()).toContain('postgres      off (--no-history)');
    expect((await fetch(`http://127.0.0.1:${started.apiPort}/readyz`)).status).toBe(200);
  }, 120_000);
});
