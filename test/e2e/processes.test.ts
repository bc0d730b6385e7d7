import { afterEach, describe } from 'vitest';
import { expect, test } from '../support/fixtures.js';
import { type ServiceProcess, startService, waitForHttp } from '../support/process.js';
import { freePort } from '../support/redis.js';
import { waitFor } from '../support/wait-for.js';

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
    const killedAt = Date.now();
    await waitForHttp(`${base}/readyz`, 503, 1000);
    expect(Date.now() - killedAt).toBeLessThan(1000);
    expect((await fetch(`${base}/livez`)).status).toBe(200);

    await redis.restart();
    await waitForHttp(`${base}/readyz`, 200, 10_000);
  });

  test.for([
    ['api', 'src/api/main.ts', 'PORT'] as const,
    ['worker', 'src/worker/main.ts', 'WORKER_PORT'] as const,
  ])('SIGTERM makes the %s exit 0 within 10 s', async ([, entry, portVar], { redis }) => {
    const port = await freePort();
    const proc = start(entry, { [portVar]: String(port), HOST: '127.0.0.1', REDIS_URL: redis.url });
    await waitForHttp(`http://127.0.0.1:${port}/livez`, 200);
    const sentAt = Date.now();
    proc.child.kill('SIGTERM');
    const code = await Promise.race([
      proc.exited,
      waitFor(() => Date.now() - sentAt > 10_000, { timeoutMs: 11_000 }),
    ]);
    expect(code).toBe(0);
    expect(Date.now() - sentAt).toBeLessThan(10_000);
  });
});
