import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe } from 'vitest';
import { expect, test } from '../support/fixtures.js';
import { type ServiceProcess, startService, waitForHttp } from '../support/process.js';
import { freePort, testPrefix } from '../support/redis.js';
import { makeKey } from './support/security-app.js';

// Acceptance 2 of issue 7: two API processes sharing Redis enforce one per-key limit together.
// 100 requests per second, measured over a 10 s window of saturating load spread across both.

const LIMIT = { requests: 100, perSeconds: 1 };
const WINDOW_MS = 10_000;
const CONCURRENCY_PER_PROCESS = 2;
/** Offered load: three times the limit, spread evenly, so the limiter decides and CI cores are spared. */
const OFFERED_PER_SECOND = 300;

const dir = mkdtempSync(join(tmpdir(), 'eks-jobs-ratelimit-'));
const running: ServiceProcess[] = [];
afterAll(async () => {
  await Promise.all(running.map((p) => p.kill()));
  rmSync(dir, { recursive: true, force: true });
});

describe('per-key rate limit across API replicas', () => {
  test('two processes on one Redis accept the limit once, not twice', async ({ redis }) => {
    const limited = makeKey('limited', { rateLimit: LIMIT });
    const keysFile = join(dir, 'keys.json');
    writeFileSync(keysFile, JSON.stringify({ keys: [limited.entry] }), { mode: 0o600 });
    const prefix = testPrefix();
    const ports = [await freePort(), await freePort()];
    for (const port of ports) {
      running.push(
        startService('src/api/main.ts', {
          PORT: String(port),
          HOST: '127.0.0.1',
          REDIS_URL: redis.url,
          QUEUE_PREFIX: prefix,
          API_KEYS_FILE: keysFile,
          EKS_CLUSTER_NAME: 'main',
          EKS_REGION: 'us-west-2',
          LOG_LEVEL: 'warn',
        }),
      );
    }
    await Promise.all(ports.map((port) => waitForHttp(`http://127.0.0.1:${port}/readyz`, 200)));

    const accepted = [0, 0];
    let refused = 0;
    let refusedWithoutRetryAfter = 0;
    const other: string[] = [];
    const started = Date.now();
    const interval = (1000 * ports.length * CONCURRENCY_PER_PROCESS) / OFFERED_PER_SECOND;
    const worker = async (i: number, lane: number) => {
      const url = `http://127.0.0.1:${ports[i]}/v1/operations/op-rate-limit-probe`;
      // Each lane sends at a steady pace (pacing the load, not waiting for a result); every
      // request sent inside the window counts, whenever its answer arrives.
      for (
        let at = started + (lane * interval) / CONCURRENCY_PER_PROCESS;
        at < started + WINDOW_MS;
        at += interval
      ) {
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));
        const res = await fetch(url, { headers: { authorization: `Bearer ${limited.key}` } });
        await res.arrayBuffer();
        if (res.status === 429) {
          refused++;
          if (!Number(res.headers.get('retry-after'))) refusedWithoutRetryAfter++;
        } else if (res.status === 404) accepted[i]!++;
        else other.push(String(res.status));
      }
    };
    await Promise.all(
      ports.flatMap((_, i) => Array.from({ length: CONCURRENCY_PER_PROCESS }, (_, lane) => worker(i, lane))),
    );
    const total = accepted[0]! + accepted[1]!;
    const budget = (LIMIT.requests * WINDOW_MS) / (LIMIT.perSeconds * 1000);
    // Printed for the record: the accuracy figure of the shared limiter.
    console.info(
      `rate limit: ${total} accepted of a ${budget} budget (${((total / budget - 1) * 100).toFixed(1)}%), ` +
        `split ${accepted.join('/')}, ${refused} refused with 429`,
    );
    expect(other).toEqual([]);
    expect(refused).toBeGreaterThan(total); // the load really was above the limit
    expect(refusedWithoutRetryAfter).toBe(0);
    expect(accepted[0]).toBeGreaterThan(budget * 0.2);
    expect(accepted[1]).toBeGreaterThan(budget * 0.2);
    expect(Math.abs(total - budget)).toBeLessThanOrEqual(budget * 0.1);
  }, 60_000);
});
