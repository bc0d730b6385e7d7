import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Queue } from 'bullmq';
import { Registry } from 'prom-client';
import { Webhook } from 'standardwebhooks';
import { afterEach, describe } from 'vitest';
import { newWebhookSecret } from '../../src/shared/api-keys/index.js';
import { type EksJobsEvent, eventId } from '../../src/shared/events/event.js';
import { createLogger } from '../../src/shared/logger.js';
import { connectorForUrl, createRedis } from '../../src/shared/redis.js';
import { deliveryJobId, WEBHOOK_QUEUE } from '../../src/shared/webhooks/deliveries.js';
import { createDeliveryQueue } from '../../src/shared/webhooks/delivery-queue.js';
import type { DeliveryResult } from '../../src/shared/webhooks/disabled.js';
import type { HostLookup } from '../../src/shared/webhooks/url-policy.js';
import {
  createWebhookDeliveries,
  type WebhookDeliveriesOptions,
} from '../../src/worker/webhook-deliveries.js';
import { expect, test } from '../support/fixtures.js';
import { repoRoot, waitForHttp } from '../support/process.js';
import { cleanPrefix, freePort, type TestRedis, testPrefix } from '../support/redis.js';
import { waitFor } from '../support/wait-for.js';
import { type ReceiverOptions, startReceiver } from './receiver.js';

// The delivery worker as src/worker/main.ts runs it, fed through the shipped delivery queue,
// against real receivers on 127.0.0.1 and the suite's redis-server. Each test has its own prefix.

const SIGNER = 'signer';
const secret = newWebhookSecret();
const secrets: Record<string, string> = { [SIGNER]: secret, other: newWebhookSecret() };

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function event(principal = SIGNER): EksJobsEvent {
  const op = `op_${randomUUID()}`;
  return {
    id: eventId('operation.succeeded', op, '1'),
    type: 'operation.succeeded',
    timestamp: new Date().toISOString(),
    data: {
      cluster: 'dev',
      kind: 'Job',
      namespace: 'default',
      name: 'hook-test',
      principal,
      operationId: op,
    },
  };
}

type Policy = WebhookDeliveriesOptions['policy'];
interface Setup {
  policy?: Partial<Policy>;
  lookup?: HostLookup;
  backoff?: { initialMs: number; maxMs: number };
}

/** A delivery worker and its producer on a fresh prefix; closed after the test. */
async function deliveryWorker(redis: TestRedis, setup: Setup = {}) {
  const prefix = testPrefix();
  const registry = new Registry();
  const policy: Policy = {
    allowPrivate: true,
    allowHttp: true,
    timeoutMs: 5000,
    retryForMs: 60_000,
    ...setup.policy,
  };
  const worker = createWebhookDeliveries({
    connector: connectorForUrl(redis.url),
    prefix,
    secretOf: (id) => secrets[id],
    policy,
    logger: createLogger({ level: 'silent' }),
    registry,
    backoff: setup.backoff ?? { initialMs: 20, maxMs: 100 },
    ...(setup.lookup ? { lookup: setup.lookup } : {}),
  });
  const connection = createRedis(redis.url, 'worker');
  const producer = createDeliveryQueue({ connection, prefix });
  const queue = new Queue(WEBHOOK_QUEUE, { connection, prefix });
  cleanups.push(async () => {
    await worker.close();
    await producer.close();
    await queue.close();
    await connection.quit();
    await cleanPrefix(redis.url, prefix);
  });
  await worker.ready();

  const job = async (e: EksJobsEvent) => (await queue.getJob(deliveryJobId(e)))!;
  return {
    prefix,
    async deliver(url: string, principal = SIGNER): Promise<EksJobsEvent> {
      const e = event(principal);
      await producer.enqueue(e, { url });
      return e;
    },
    job,
    /** Waits until the delivery of `e` has completed or failed for good. */
    async finished(e: EksJobsEvent, timeoutMs = 20_000) {
      return waitFor(
        async () => {
          // The state first: a job read before it finished lacks its outcome.
          const state = await queue.getJobState(deliveryJobId(e));
          return state === 'completed' || state === 'failed' ? { state, job: await job(e) } : undefined;
        },
        { timeoutMs, intervalMs: 20, message: `delivery of ${e.id} to finish` },
      );
    },
    async counted(outcome: string): Promise<number> {
      const metric = registry.getSingleMetric('eks_jobs_webhook_deliveries_total');
      const values = (await metric!.get()).values;
      return values.find((v) => v.labels.outcome === outcome)?.value ?? 0;
    },
  };
}

async function receiver(options: Partial<ReceiverOptions> = {}) {
  const r = await startReceiver({ secret, ...options });
  cleanups.push(() => r.close());
  return r;
}

describe('webhook delivery worker', () => {
  test('a 2xx ends the delivery after one signed request that verifies with standardwebhooks', async ({
    redis,
  }) => {
    const w = await deliveryWorker(redis);
    const r = await receiver();
    const e = await w.deliver(`${r.url}/hooks/a`);
    const { state, job } = await w.finished(e);
    expect(state).toBe('completed');
    expect(job.returnvalue as DeliveryResult).toEqual({ outcome: 'delivered', status: 204, attempts: 1 });
    expect(r.requests).toHaveLength(1);
    const got = r.requests[0]!;
    expect(got.badSignature).toBeUndefined();
    expect(got.event).toEqual(e);
    expect(got.path).toBe('/hooks/a');
    expect(got.id).toBe(e.id);
    expect(got.headers['content-type']).toBe('application/json');
    expect(got.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(Math.abs(Number(got.headers['webhook-timestamp']) * 1000 - Date.now())).toBeLessThan(300_000);
    // The signature is over exactly this body, with this key's secret.
    expect(() => new Webhook(secrets.other!).verify(got.body, got.headers)).toThrow();
    expect(() => new Webhook(secret).verify(`${got.body} `, got.headers)).toThrow();
    expect(await w.counted('delivered')).toBe(1);
    expect(await w.counted('retry')).toBe(0);
  });

  test("410 Gone ends the delivery and disables that key's URL: later deliveries are not sent", async ({
    redis,
  }) => {
    const w = await deliveryWorker(redis);
    const gone = await receiver({ answer: () => 410 });
    const first = await w.deliver(`${gone.url}/gone`);
    const r1 = await w.finished(first);
    expect(r1.state).toBe('completed');
    expect(r1.job.returnvalue).toEqual({ outcome: 'gone', status: 410, attempts: 1 });

    const later = await w.deliver(`${gone.url}/gone`);
    const r2 = await w.finished(later);
    expect(r2.state).toBe('completed');
    expect(r2.job.returnvalue).toEqual({ outcome: 'disabled', attempts: 1 });
    expect(gone.requests.map((q) => q.id)).toEqual([first.id]);

    // Disabled is per key and URL: another key, or another path, is still sent.
    const otherKey = await w.deliver(`${gone.url}/gone`, 'other');
    const otherUrl = await w.deliver(`${gone.url}/elsewhere`);
    await w.finished(otherKey);
    await w.finished(otherUrl);
    expect(gone.requests.map((q) => q.id).sort()).toEqual([first.id, otherKey.id, otherUrl.id].sort());
    expect(await w.counted('gone')).toBe(3);
    expect(await w.counted('disabled')).toBe(1);
  });

  test('a 302 or 307 is not followed: a failed attempt, retried, and the target receives nothing', async ({
    redis,
  }) => {
    const w = await deliveryWorker(redis);
    const target = await receiver();
    const statuses = [302, 307, 204];
    const redirecting = await receiver({
      answer: () => {
        const status = statuses.shift()!;
        if (status === 204) return 204;
        return (res, rec) => {
          rec.status = status;
          res.writeHead(status, { location: `${target.url}/moved` }).end();
        };
      },
    });
    const e = await w.deliver(`${redirecting.url}/hook`);
    const { state, job } = await w.finished(e);
    expect(state).toBe('completed');
    expect(job.returnvalue).toEqual({ outcome: 'delivered', status: 204, attempts: 3 });
    expect(redirecting.requests.map((q) => q.status)).toEqual([302, 307, 204]);
    expect(redirecting.requests.every((q) => q.event?.id === e.id)).toBe(true);
    expect(target.requests).toEqual([]);
    expect(await w.counted('retry')).toBe(2);
    expect(await w.counted('delivered')).toBe(1);
  });

  test('a receiver that never answers: the attempt is cut at WEBHOOK_TIMEOUT and retried', async ({
    redis,
  }) => {
    const timeoutMs = 500;
    const w = await deliveryWorker(redis, { policy: { timeoutMs } });
    const r = await receiver({ answer: () => 'hang' });
    const enqueuedAt = Date.now();
    const e = await w.deliver(`${r.url}/slow`);
    // Without the timeout the first attempt would hang forever and no second request would come.
    await waitFor(() => r.requests.length >= 2, { timeoutMs: 20_000, message: 'a second attempt' });
    const first = r.requests[0]!;
    expect(first.closedAt).toBeDefined(); // the worker hung up; this receiver never answers
    expect(first.closedAt! - enqueuedAt).toBeGreaterThanOrEqual(timeoutMs);
    const job = await w.job(e);
    expect(job.failedReason).toMatch(`no answer within ${timeoutMs} ms`);
    expect(await w.counted('retry')).toBeGreaterThanOrEqual(1);
    expect(await w.counted('delivered')).toBe(0);
  });

  test('an endless response body is not read whole: 2xx delivered, error excerpt short', async ({
    redis,
  }) => {
    const w = await deliveryWorker(redis);
    const written: number[] = [];
    const statuses = [500, 200];
    const endless =
      (status: number) => (res: import('node:http').ServerResponse, rec: { status: number }) => {
        rec.status = status;
        res.writeHead(status, { 'content-type': 'text/plain' });
        const chunk = Buffer.alloc(64 * 1024, 'x');
        const i = written.push(0) - 1;
        const pump = () => {
          while (!res.destroyed) {
            written[i]! += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
        };
        pump();
      };
    const r = await receiver({ answer: () => endless(statuses.shift() ?? 200) });
    const e = await w.deliver(`${r.url}/big`);
    const retried = await waitFor(async () => ((await w.job(e)).attemptsMade >= 1 ? w.job(e) : undefined));
    // The 500's body goes into the reason, cut short.
    expect(retried.failedReason).toMatch(/^the receiver answered 500: x+$/);
    expect(retried.failedReason.length).toBeLessThan(300);
    const { state, job } = await w.finished(e);
    expect(state).toBe('completed');
    expect(job.returnvalue).toEqual({ outcome: 'delivered', status: 200, attempts: 2 });
    // Both responses were cut off by the worker, not finished by the receiver.
    await waitFor(() => r.requests.every((q) => q.closedAt !== undefined));
    expect(r.requests.map((q) => q.finished)).toEqual([false, false]);
    console.log(`endless bodies: the receiver wrote ${written.map((b) => `${b >> 10} KiB`).join(', ')}`);
  });

  test('a host name that resolves to 127.0.0.1 is refused at delivery, also when it rebinds after the check', async ({
    redis,
  }) => {
    const r = await receiver();
    const policy = { allowPrivate: false, allowHttp: true, retryForMs: 300 };
    const asked: string[] = [];
    // First the URL check, then the connect: a rebinding name answers public, then loopback.
    let calls = 0;
    const rebinding: HostLookup = async (host) => {
      asked.push(host);
      return ++calls % 2 === 1 ? ['93.184.216.34'] : ['127.0.0.1'];
    };
    const loopback: HostLookup = async () => ['127.0.0.1'];

    const control = await deliveryWorker(redis, { lookup: loopback });
    const allowed = await control.deliver(`http://hooks.example.test:${r.port}/in`);
    expect((await control.finished(allowed)).state).toBe('completed');
    // With WEBHOOK_ALLOW_PRIVATE the same lookup reaches the receiver: the refusals below are the policy's.
    expect(r.requests.map((q) => q.id)).toEqual([allowed.id]);

    const plain = await deliveryWorker(redis, { policy, lookup: loopback });
    const e1 = await plain.deliver(`http://hooks.example.test:${r.port}/in`);
    const f1 = await plain.finished(e1);
    expect(f1.state).toBe('failed');
    expect(f1.job.failedReason).toMatch(/resolves to 127\.0\.0\.1, a loopback address; refused/);

    const rebound = await deliveryWorker(redis, { policy, lookup: rebinding });
    const e2 = await rebound.deliver(`http://rebind.example.test:${r.port}/in`);
    const f2 = await rebound.finished(e2);
    expect(f2.state).toBe('failed');
    // Not the URL check's refusal (that one saw a public address) but the connection's.
    expect(f2.job.failedReason).toMatch(
      /^request failed: rebind\.example\.test resolves to 127\.0\.0\.1, a loopback address; refused/,
    );
    expect(asked.length).toBeGreaterThanOrEqual(2); // checked, then refused when connecting

    // The machine's own resolver: localhost is loopback.
    const real = await deliveryWorker(redis, { policy });
    const e3 = await real.deliver(`http://localhost:${r.port}/in`);
    const f3 = await real.finished(e3);
    expect(f3.state).toBe('failed');
    expect(f3.job.failedReason).toMatch(/loopback address; refused/);

    expect(r.requests.map((q) => q.id)).toEqual([allowed.id]);
    expect(await plain.counted('failed')).toBe(1);
    expect(await rebound.counted('failed')).toBe(1);
  });

  test('a key without a webhook secret fails for good at once, sending nothing', async ({ redis }) => {
    const w = await deliveryWorker(redis);
    const r = await receiver();
    const e = await w.deliver(`${r.url}/hook`, 'no-secret');
    const { state, job } = await w.finished(e);
    expect(state).toBe('failed');
    expect(job.attemptsMade).toBe(1);
    expect(job.failedReason).toMatch(/API key no-secret has no webhook secret/);
    expect(r.requests).toEqual([]);
    expect(await w.counted('failed')).toBe(1);
    expect(await w.counted('retry')).toBe(0);
  });

  test('a failing receiver is retried with backoff until WEBHOOK_RETRY_FOR, then the delivery fails with the last error', async ({
    redis,
  }) => {
    const retryForMs = 1000;
    const w = await deliveryWorker(redis, {
      policy: { retryForMs },
      backoff: { initialMs: 50, maxMs: 200 },
    });
    const r = await receiver({ answer: () => 503 });
    const e = await w.deliver(`${r.url}/down`);
    const { state, job } = await w.finished(e);
    expect(state).toBe('failed');
    expect(job.failedReason).toBe(
      'the receiver answered 503: receiver says no; gave up after retrying for 1 s',
    );
    expect(job.finishedOn! - job.timestamp).toBeGreaterThanOrEqual(retryForMs);
    expect(job.attemptsMade).toBeGreaterThanOrEqual(2);
    expect(r.requests).toHaveLength(job.attemptsMade);
    expect(r.requests.every((q) => q.event?.id === e.id && !q.badSignature)).toBe(true);
    expect(await w.counted('failed')).toBe(1);
    expect(await w.counted('retry')).toBe(job.attemptsMade - 1);
  });

  test('the README’s receiver, run as written, verifies a real delivery and refuses a forged one', async ({
    redis,
  }) => {
    const readme = readFileSync(`${repoRoot}/README.md`, 'utf8');
    const code = /A complete receiver[^\n]*\n\n```js\n([\s\S]*?)^```$/m.exec(readme)?.[1];
    expect(code, 'README.md has the receiver example').toBeDefined();
    const port = await freePort();
    // As a reader runs it, but on a free port: node, an ES module, from the checkout (its packages).
    const child = spawn(
      process.execPath,
      ['--input-type=module', '-e', code!.replace('9000', String(port))],
      {
        cwd: repoRoot,
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', EKS_JOBS_WEBHOOK_SECRET: secret },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      out += c.toString();
    });
    cleanups.push(async () => {
      if (child.exitCode === null) {
        child.kill('SIGKILL');
        await new Promise((r) => child.once('exit', r));
      }
    });
    const url = `http://127.0.0.1:${port}/`;
    await waitForHttp(url, 400); // an unsigned GET is refused
    const w = await deliveryWorker(redis);
    const e = await w.deliver(url);
    const { state, job } = await w.finished(e);
    expect(state, out).toBe('completed');
    expect((job.returnvalue as DeliveryResult).status).toBe(204);
    await waitFor(() => out.includes('operation.succeeded default hook-test'), {
      timeoutMs: 5000,
      message: `the receiver to print the event; it printed: ${out}`,
    });
    const forged = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'webhook-id': e.id,
        'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
        'webhook-signature': new Webhook(secrets.other!).sign(e.id, new Date(), JSON.stringify(e)),
      },
      body: JSON.stringify(e),
    });
    expect(forged.status).toBe(400);
  });
});
