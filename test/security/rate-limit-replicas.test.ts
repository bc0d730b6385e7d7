import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe } from 'vitest';
import { expect, test } from '../support/fixtures.js';
import { type ServiceProcess, startService, waitForHttp } from '../support/process.js';
import { freePort, testPrefix } from '../support/redis.js';
import { makeKey } from './support/security-app.js';

// Acceptance 2 of issue 7: two API processes sharing Redis enforce one per-key limit together.
// The limiter (rate-limiter.ts) is a sliding-window log decided in Redis by Redis's clock:
// no window of `perSeconds` ever holds more than `requests` accepted requests, whichever replica
// served them, and a request is refused only when the window already holds `requests`.
// Those two facts are checked from what the client saw, whatever load this machine manages to
// offer: each decision happened between the moment its request was sent and the moment its
// answer arrived (same host, same clock), so a set of accepted requests that all went out and
// came back inside one window must fit the limit, and a refused request must have had the limit's
// worth of accepted requests that could have been in its window.

const LIMIT = { requests: 20, perSeconds: 1 };
const WINDOW_MS = LIMIT.perSeconds * 1000;
const RUN_MS = 6_000;
const CONCURRENCY_PER_PROCESS = 2;
/** Offered load, paced: five times the limit, so the limiter decides even when the machine is slow. */
const OFFERED_PER_SECOND = 100;

const dir = mkdtempSync(join(tmpdir(), 'eks-jobs-ratelimit-'));
const running: ServiceProcess[] = [];
afterAll(async () => {
  await Promise.all(running.map((p) => p.kill()));
  rmSync(dir, { recursive: true, force: true });
});

/** One request as the client saw it: sent at `sentAt`, answered at `at` (ms since the epoch). */
interface Answer {
  replica: number;
  sentAt: number;
  at: number;
  accepted: boolean;
}

/** The most accepted requests that were certainly decided inside one window of `WINDOW_MS`. */
function mostInOneWindow(accepted: Answer[]): number {
  let most = 0;
  for (const first of accepted) {
    const inside = accepted.filter((a) => a.sentAt >= first.sentAt && a.at - first.sentAt < WINDOW_MS);
    most = Math.max(most, inside.length);
  }
  return most;
}

/** Accepted requests that could have been in the window `refused` was decided against. */
function possiblyInWindowOf(refused: Answer, accepted: Answer[]): number {
  return accepted.filter((a) => a.sentAt <= refused.at && a.at > refused.sentAt - WINDOW_MS).length;
}

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

    const answers: Answer[] = [];
    const retryAfter: string[] = [];
    const other: string[] = [];
    const started = Date.now();
    const interval = (1000 * ports.length * CONCURRENCY_PER_PROCESS) / OFFERED_PER_SECOND;
    const worker = async (replica: number, lane: number) => {
      const url = `http://127.0.0.1:${ports[replica]}/v1/operations/op-rate-limit-probe`;
      // Each lane sends at a steady pace, or as fast as it can when the machine falls behind.
      for (
        let at = started + (lane * interval) / CONCURRENCY_PER_PROCESS;
        at < started + RUN_MS;
        at += interval
      ) {
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));
        const sentAt = Date.now();
        const res = await fetch(url, { headers: { authorization: `Bearer ${limited.key}` } });
        const answeredAt = Date.now();
        await res.arrayBuffer();
        if (res.status === 429) retryAfter.push(res.headers.get('retry-after') ?? '');
        else if (res.status !== 404) other.push(String(res.status));
        // 404 OperationNotFound: the limiter let the request through to its handler.
        answers.push({ replica, sentAt, at: answeredAt, accepted: res.status === 404 });
      }
    };
    await Promise.all(
      ports.flatMap((_, i) => Array.from({ length: CONCURRENCY_PER_PROCESS }, (_, lane) => worker(i, lane))),
    );

    const accepted = answers.filter((a) => a.accepted);
    const refused = answers.filter((a) => !a.accepted);
    const ranMs = Math.max(...answers.map((a) => a.at)) - started;
    const most = mostInOneWindow(accepted);
    const refusedBelowLimit = refused.filter((r) => possiblyInWindowOf(r, accepted) < LIMIT.requests);
    // Printed for the record: what this machine offered and what the shared limiter did with it.
    console.info(
      `rate limit ${LIMIT.requests}/${LIMIT.perSeconds} s: ${answers.length} sent in ${ranMs} ms, ` +
        `${accepted.length} accepted (split ${[0, 1].map((r) => accepted.filter((a) => a.replica === r).length).join('/')}), ` +
        `${refused.length} refused; most accepted in one window: ${most}`,
    );
    expect(other).toEqual([]);
    // Never more than the budget in a window, across both replicas together.
    expect(most).toBeLessThanOrEqual(LIMIT.requests);
    expect(accepted.length).toBeLessThanOrEqual(LIMIT.requests * Math.ceil((ranMs + 1) / WINDOW_MS));
    // Refused only when the window could already hold the limit.
    expect(refusedBelowLimit).toEqual([]);
    // Every refusal says when to come back: whole seconds, at most one window away.
    for (const value of retryAfter) {
      expect(value).toMatch(/^\d+$/);
      expect(Number(value)).toBeGreaterThanOrEqual(1);
      expect(Number(value)).toBeLessThanOrEqual(LIMIT.perSeconds);
    }
  }, 60_000);
});
