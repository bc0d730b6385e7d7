import { afterEach, describe } from 'vitest';
import { expect, test } from '../support/fixtures.js';
import { type ServiceProcess, startService, waitForHttp } from '../support/process.js';
import { freePort } from '../support/redis.js';

const running: ServiceProcess[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((p) => p.kill()));
});

// A cluster the processes know but never reach in these tests: discovery is lazy.
const CLUSTER = { EKS_CLUSTER_NAME: 'unreached', EKS_REGION: 'us-west-2' };

function start(entry: string, env: Record<string, string>, args: string[] = []) {
  const proc = startService(entry, { ...CLUSTER, ...env }, args);
  running.push(proc);
  return proc;
}

describe('api and worker processes', () => {
  test('a bad environment stops the API before it starts, naming every bad variable', async () => {
    const proc = start('src/api/main.ts', { PORT: 'abc', REDIS_URL: 'nope' });
    const code = await proc.exited;
    expect(code).not.toBe(0);
    expect(proc.output()).toMatch(/^ {2}PORT: /m);
    expect(proc.output()).toMatch(/^ {2}REDIS_URL: /m);
    expect(proc.output()).not.toMatch(/at .*\.ts:\d+/); // a config error is not a crash: no stack trace
  });

  test.for(['src/api/main.ts', 'src/worker/main.ts'])(
    '%s --help lists the configuration and starts nothing',
    async (entry) => {
      const proc = start(entry, {}, ['--help']);
      expect(await proc.exited).toBe(0);
      expect(proc.output()).toMatch(/^Usage: /);
      for (const variable of ['REDIS_URL', 'EKS_CLUSTER_NAME', 'CLUSTERS_FILE'])
        expect(proc.output()).toContain(variable);
    },
  );

  test('/readyz follows Redis: 200, then 503 within 1 s of Redis dying, then 200 when it is back', async ({
    redis,
  }) => {
    const port = await freePort();
    start('src/api/main.ts', { PORT: String(port), HOST: '127.0.0.1', REDIS_URL: redis.url });
    const base = `http://127.0.0.1:${port}`;
    await waitForHttp(`${base}/readyz`, 200);
    expect((await fetch(`${base}/livez`)).status).toBe(200);

    await redis.kill();
    // Readiness follows Redis while it stays down (no bound on this machine's speed).
    await waitForHttp(`${base}/readyz`, 503, 15_000);
    expect((await fetch(`${base}/livez`)).status).toBe(200);

    await redis.restart();
    await waitForHttp(`${base}/readyz`, 200, 10_000);
  });

  test.for([
    ['api', 'src/api/main.ts', 'PORT'] as const,
    ['worker', 'src/worker/main.ts', 'WORKER_PORT'] as const,
  ])(
    'SIGTERM makes the idle %s finish its shutdown and exit 0',
    { timeout: 40_000 },
    async ([, entry, portVar], { redis }) => {
      const port = await freePort();
      // A shutdown that overruns SHUTDOWN_TIMEOUT exits 1: the exit code says whether it finished.
      const proc = start(entry, {
        [portVar]: String(port),
        HOST: '127.0.0.1',
        REDIS_URL: redis.url,
        SHUTDOWN_TIMEOUT: '20s',
      });
      await waitForHttp(`http://127.0.0.1:${port}/livez`, 200);
      proc.child.kill('SIGTERM');
      expect(await proc.exited).toBe(0);
    },
  );
});
