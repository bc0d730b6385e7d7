import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'undici';
import { afterAll, afterEach, describe } from 'vitest';
import { generateApiKey } from '../../src/shared/api-keys/key-format.js';
import { expect, test } from '../support/fixtures.js';
import { type ServiceProcess, startService, waitForHttp } from '../support/process.js';
import { freePort, testPrefix } from '../support/redis.js';
import { EVERYTHING } from '../support/stack.js';
import { waitFor } from '../support/wait-for.js';

// SIGTERM to an API process under keep-alive traffic: readiness flips, new connections are
// refused, every request already sent is answered (with Connection: close), every 202 is a real
// operation, and the process exits 0 by itself.

/** Concurrent clients, one keep-alive connection each (an undici Client is one connection). */
const LANES = 6;
/** Upper bound of requests per lane, in case the server never stops. */
const MAX_PER_LANE = 5000;
/** Creates each lane gets acknowledged before SIGTERM: the traffic is steady by then. */
const WARM_PER_LANE = 50;
const SHUTDOWN_TIMEOUT_MS = 20_000;

const dir = mkdtempSync(join(tmpdir(), 'eks-jobs-shutdown-'));
const { key, hash } = generateApiKey();
const keysFile = join(dir, 'keys.json');
writeFileSync(keysFile, JSON.stringify({ keys: [{ id: 'e2e', hash, scopes: EVERYTHING }] }), { mode: 0o600 });

const running: ServiceProcess[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((p) => p.kill()));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function startApi(redisUrl: string, prefix: string) {
  const port = await freePort();
  const proc = startService('src/api/main.ts', {
    PORT: String(port),
    HOST: '127.0.0.1',
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: prefix,
    API_KEYS_FILE: keysFile,
    // Known to the API, never contacted: creates are only enqueued (no worker runs here).
    EKS_CLUSTER_NAME: 'main',
    EKS_REGION: 'us-west-2',
    SHUTDOWN_TIMEOUT: `${SHUTDOWN_TIMEOUT_MS}ms`,
    LOG_LEVEL: 'info',
  });
  running.push(proc);
  const base = `http://127.0.0.1:${port}`;
  await waitForHttp(`${base}/readyz`, 200);
  return { proc, base };
}

/** Waits for the process to exit, failing once SHUTDOWN_TIMEOUT and a margin have passed. */
async function exitCode(proc: ServiceProcess): Promise<number | string> {
  let code: number | string | undefined;
  void proc.exited.then((c) => {
    code = c;
  });
  await waitFor(() => code !== undefined, { timeoutMs: SHUTDOWN_TIMEOUT_MS + 5000, message: 'exit' });
  return code!;
}

/** True for an error that says a new connection was refused (the server no longer listens). */
function isRefused(err: unknown): boolean {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === 'ECONNREFUSED') return true;
  }
  return false;
}

/** What a load balancer's probe sees: `/readyz` on a new connection, or 'refused'. */
function probeReadiness(base: string): Promise<number | 'refused'> {
  return new Promise((resolve, reject) => {
    const req = get(`${base}/readyz`, { agent: false, timeout: 2000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy(new Error('probe timed out')));
    req.on('error', (err) => (isRefused(err) ? resolve('refused') : reject(err)));
  });
}

const auth = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
const job = (name: string) => JSON.stringify({ name, image: 'busybox:1.36', command: ['true'] });

/** One request's fate, as the client saw it. */
interface Outcome {
  lane: number;
  sentAt: number;
  at: number;
  status?: number;
  /** The answer carried `Connection: close`. */
  close?: boolean;
  id?: string;
  refused?: boolean;
  error?: string;
}

describe('API shutdown under keep-alive traffic', () => {
  test('SIGTERM: readiness flips, requests already sent are answered, 202s are kept, exit 0', async ({
    redis,
  }) => {
    const prefix = testPrefix();
    const { proc, base } = await startApi(redis.url, prefix);
    const outcomes: Outcome[] = [];
    const lane = async (i: number) => {
      const client = new Client(base, { keepAliveTimeout: 60_000, headersTimeout: 30_000 });
      try {
        for (let n = 0; n < MAX_PER_LANE; n++) {
          const sentAt = Date.now();
          try {
            const res = await client.request({
              path: '/v1/namespaces/team-a/jobs',
              method: 'POST',
              headers: auth,
              body: job(`sd-${i}-${n}`),
            });
            const body = (await res.body.json()) as { id?: string };
            outcomes.push({
              lane: i,
              sentAt,
              at: Date.now(),
              status: res.statusCode,
              close: res.headers.connection === 'close',
              ...(body.id ? { id: body.id } : {}),
            });
          } catch (err) {
            // Refused: a new connection after the server stopped listening; this lane is done.
            // Anything else is a request cut or lost, which the test counts as a failure.
            outcomes.push({ lane: i, sentAt, at: Date.now(), refused: isRefused(err), error: String(err) });
            return;
          }
        }
      } finally {
        await client.destroy();
      }
    };
    const lanes = Promise.all(Array.from({ length: LANES }, (_, i) => lane(i)));
    const acknowledged = (i: number) => outcomes.filter((o) => o.lane === i && o.status === 202).length;
    await waitFor(
      () => Array.from({ length: LANES }, (_, i) => acknowledged(i)).every((n) => n >= WARM_PER_LANE),
      {
        timeoutMs: 30_000,
        message: 'steady traffic on every lane',
      },
    );

    const sigtermAt = Date.now();
    proc.child.kill('SIGTERM');
    const notReadyAt = await waitFor(
      async () => {
        const seen = await probeReadiness(base);
        return seen === 503 || seen === 'refused' ? Date.now() : 0;
      },
      { timeoutMs: 10_000, intervalMs: 10, message: '/readyz to answer 503 or refuse' },
    );
    await lanes;
    const code = await exitCode(proc);

    const answered = outcomes.filter((o) => o.status !== undefined);
    const afterSigterm = answered.filter((o) => o.at >= sigtermAt);
    const closing = answered.filter((o) => o.close);
    console.info(
      `shutdown under traffic: ${answered.length} answered (${afterSigterm.length} after SIGTERM, ` +
        `${closing.length} with Connection: close), not ready ${notReadyAt - sigtermAt} ms after SIGTERM, ` +
        `${outcomes.filter((o) => o.refused).length} lanes refused at the end, exit ${code} ` +
        `${Date.now() - sigtermAt} ms after SIGTERM`,
    );

    expect(code, proc.output()).toBe(0);
    expect(proc.output()).not.toContain('timed out');
    // No request cut mid-way: each one was answered, or refused as a new connection.
    expect(outcomes.filter((o) => o.error !== undefined && !o.refused).map((o) => o.error)).toEqual([]);
    expect(answered.filter((o) => o.status !== 202).map((o) => o.status)).toEqual([]);
    for (let i = 0; i < LANES; i++) {
      const mine = outcomes.filter((o) => o.lane === i);
      // Every lane ends on a refused new connection: the server closed each connection it had.
      expect(mine.at(-1)?.refused, `lane ${i}`).toBe(true);
      // Connection: close comes only after SIGTERM, at most once per connection, on its last answer.
      const closes = mine.filter((o) => o.close);
      expect(closes.length, `lane ${i}`).toBeLessThanOrEqual(1);
      if (closes[0]) {
        expect(closes[0].at).toBeGreaterThanOrEqual(sigtermAt);
        expect(mine.at(-2), `lane ${i}`).toBe(closes[0]);
      }
    }
    // Once the server no longer listened, everything sent on an open connection came back
    // with Connection: close: accepted after SIGTERM only on connections already open.
    expect(answered.filter((o) => o.sentAt > notReadyAt && !o.close)).toEqual([]);
    expect(closing.length).toBeLessThanOrEqual(LANES);

    // Every 202 names an operation that exists: read back through a fresh API on the same Redis.
    const reader = await startApi(redis.url, prefix);
    const client = new Client(reader.base);
    try {
      const missing: string[] = [];
      for (const { id } of answered) {
        const res = await client.request({ path: `/v1/operations/${id}`, method: 'GET', headers: auth });
        await res.body.dump();
        if (res.statusCode !== 200) missing.push(`${id}: ${res.statusCode}`);
      }
      expect(missing).toEqual([]);
    } finally {
      await client.close();
    }
  }, 90_000);

  test('SIGTERM: a request in flight is answered with Connection: close; idle keep-alive connections are closed', async ({
    redis,
  }) => {
    const { proc, base } = await startApi(redis.url, testPrefix());
    const idle = new Client(base, { keepAliveTimeout: 60_000 });
    let idleClosed = false;
    idle.on('disconnect', () => {
      idleClosed = true;
    });
    const livez = await idle.request({ path: '/livez', method: 'GET' });
    await livez.body.dump();
    expect(livez.headers.connection).toBe('keep-alive');

    // Prefer: wait holds the answer until the operation ends or 10 s pass; no worker runs, so
    // the request is still in flight when SIGTERM comes right after its operation is enqueued.
    const slow = new Client(base);
    const pending = slow
      .request({
        path: '/v1/namespaces/team-a/jobs',
        method: 'POST',
        headers: { ...auth, prefer: 'wait=10' },
        body: job('slow-one'),
      })
      .then(async (res) => ({ status: res.statusCode, headers: res.headers, body: await res.body.json() }));
    await waitFor(
      async () => {
        const res = await fetch(`${base}/v1/operations`, { headers: auth });
        return ((await res.json()) as { items: unknown[] }).items.length === 1;
      },
      { message: 'the slow create to be enqueued' },
    );
    proc.child.kill('SIGTERM');

    const answer = await pending;
    expect(answer.status).toBe(202);
    expect(answer.body).toMatchObject({ state: 'queued' });
    expect(answer.headers.connection).toBe('close');
    expect(await exitCode(proc), proc.output()).toBe(0);
    await waitFor(() => idleClosed, { message: 'the idle connection to be closed by the server' });
    expect(proc.output()).not.toContain('timed out');
    await Promise.all([idle.destroy(), slow.destroy()]);
  }, 60_000);
});
