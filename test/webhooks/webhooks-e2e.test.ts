import { Redis } from 'ioredis';
import { describe } from 'vitest';
import type { EksJobsEvent } from '../../src/shared/events/event.js';
import { EVENT_FIELD, eventLogKey } from '../../src/shared/events/event-log.js';
import { sample } from '../observability/stack.js';
import { test as base, expect } from '../support/fixtures.js';
import { EVERYTHING, type ProcessStack, startProcessStack } from '../support/stack.js';
import { waitFor } from '../support/wait-for.js';
import { type Receiver, startReceiver } from './receiver.js';

// Issue 14, acceptance 1: every event of 200 Jobs, submitted singly and in batches with a
// callback, reaches a local receiver, signed, once; and still all of them when the receiver
// answers 500 to half the requests. The API and the worker run as their own processes
// (src/api/main.ts, src/worker/main.ts) against a devcluster and the suite's redis-server.

const JOBS = 200;
const SINGLES = 100;
const BATCH_SIZE = 25;

const test = base.extend('stack', { scope: 'file' }, async ({ redis }, { onCleanup }) => {
  const stack = await startProcessStack(redis, {
    keys: { hooks: EVERYTHING },
    webhookSecrets: true,
    timeScale: 0.01,
    env: {
      // The receiver is http://127.0.0.1 (npm run dev sets both).
      WEBHOOK_ALLOW_PRIVATE: 'true',
      WEBHOOK_ALLOW_HTTP: 'true',
      // Retries within seconds, so that the failing receiver's events all arrive in the test's time.
      WEBHOOK_BACKOFF_INITIAL: '100ms',
      WEBHOOK_BACKOFF_MAX: '1s',
    },
  });
  onCleanup(() => stack.stop());
  return stack;
});

/** A Job that ends quickly: every fourth exits 1 and, with backoffLimit 0, fails. */
function job(name: string, fails: boolean) {
  return {
    name,
    image: 'busybox:1.36',
    command: ['sh', '-c', fails ? 'exit 1' : 'true'],
    backoffLimit: 0,
  };
}

async function post(stack: ProcessStack, path: string, json: unknown) {
  const res = await fetch(`${stack.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${stack.key}`, 'content-type': 'application/json' },
    body: JSON.stringify(json),
  });
  const body = (await res.json()) as Record<string, unknown>;
  if (res.status !== 202) throw new Error(`POST ${path} answered ${res.status}: ${JSON.stringify(body)}`);
  return body;
}

interface Submitted {
  /** Operation id → the Job's name. */
  operations: Map<string, string>;
  /** Job name → whether it is meant to fail. */
  jobs: Map<string, boolean>;
}

/** Submits {@link JOBS} Jobs with `callback: {url}`: half one by one, half in batches. */
async function submit(stack: ProcessStack, run: string, url: string): Promise<Submitted> {
  const operations = new Map<string, string>();
  const jobs = new Map<string, boolean>();
  const specs = Array.from({ length: JOBS }, (_, i) => ({ name: `${run}-${i}`, fails: i % 4 === 0 }));
  for (const s of specs) jobs.set(s.name, s.fails);
  const singles = specs.slice(0, SINGLES);
  const parallel = 8;
  await Promise.all(
    Array.from({ length: parallel }, async (_, lane) => {
      for (let i = lane; i < singles.length; i += parallel) {
        const s = singles[i]!;
        const op = await post(stack, '/v1/namespaces/default/jobs', {
          ...job(s.name, s.fails),
          callback: { url },
        });
        operations.set(op.id as string, s.name);
      }
    }),
  );
  for (let at = SINGLES; at < JOBS; at += BATCH_SIZE) {
    const items = specs
      .slice(at, at + BATCH_SIZE)
      .map((s) => ({ namespace: 'default', job: job(s.name, s.fails) }));
    const batch = await post(stack, '/v1/batches', { items, callback: { url } });
    for (const o of batch.operations as Array<{ id: string; name: string }>) operations.set(o.id, o.name);
  }
  expect(operations.size).toBe(JOBS);
  return { operations, jobs };
}

/** The events of this run's operations in the event log: what should have been delivered. */
async function logged(admin: Redis, stack: ProcessStack, run: Submitted): Promise<EksJobsEvent[]> {
  const entries = (await admin.xrange(eventLogKey(stack.prefix), '-', '+')) as Array<[string, string[]]>;
  return entries
    .map(([, fields]) => JSON.parse(fields[fields.indexOf(EVENT_FIELD) + 1]!) as EksJobsEvent)
    .filter((e) => e.data.operationId !== undefined && run.operations.has(e.data.operationId));
}

/** What is still missing at the receiver, as sentences (empty once everything arrived). */
function missing(receiver: Receiver, run: Submitted, log: EksJobsEvent[]): string[] {
  const accepted = [...receiver.accepted().values()].map((rs) => rs[0]!.event!);
  const succeededOps = new Set(
    accepted.filter((e) => e.type === 'operation.succeeded').map((e) => e.data.operationId),
  );
  const ended = new Map(
    accepted
      .filter((e) => e.type === 'job.succeeded' || e.type === 'job.failed')
      .map((e) => [e.data.name, e] as const),
  );
  const out: string[] = [];
  for (const [op, name] of run.operations)
    if (!succeededOps.has(op)) out.push(`operation.succeeded of ${op} (${name})`);
  for (const name of run.jobs.keys()) if (!ended.has(name)) out.push(`job.succeeded|failed of ${name}`);
  const got = receiver.accepted();
  for (const e of log) if (!got.has(e.id)) out.push(`${e.type} ${e.id} of ${e.data.name} (in the event log)`);
  return out;
}

async function deliveryCounts(stack: ProcessStack): Promise<Record<string, number>> {
  const metrics = await (await fetch(`${stack.workerUrl}/metrics`)).text();
  const out: Record<string, number> = {};
  for (const outcome of ['delivered', 'retry', 'failed', 'gone', 'disabled'])
    out[outcome] = sample(metrics, 'eks_jobs_webhook_deliveries_total', { outcome }) ?? 0;
  return out;
}

describe('webhooks end to end (real API and worker processes, devcluster, redis)', () => {
  test.for([
    { run: 'ok', failRate: 0, receiver: 'a receiver that always answers 204' },
    { run: 'flaky', failRate: 0.5, receiver: 'a receiver that answers 500 to half the requests' },
  ])(
    '200 Jobs with a callback, $receiver: every event arrives, signed, once',
    { timeout: 240_000 },
    async ({ run, failRate }, { stack, redis }) => {
      const receiver = await startReceiver({
        secret: stack.secrets.hooks!,
        answer: () => (Math.random() < failRate ? 500 : 204),
      });
      const admin = new Redis(redis.url, { maxRetriesPerRequest: 1 });
      const before = await deliveryCounts(stack);
      try {
        const started = Date.now();
        const submitted = await submit(stack, run, `${receiver.url}/hooks/${run}`);
        const submittedMs = Date.now() - started;
        let log: EksJobsEvent[] = [];
        await waitFor(
          async () => {
            log = await logged(admin, stack, submitted);
            return missing(receiver, submitted, log).length === 0;
          },
          {
            timeoutMs: 180_000,
            intervalMs: 250,
            message: `every event at the ${run} receiver`,
          },
        ).catch((err: Error) => {
          const gaps = missing(receiver, submitted, log);
          throw new Error(
            `${err.message}\n${gaps.length} missing, e.g.:\n  ${gaps.slice(0, 10).join('\n  ')}\n` +
              `worker output:\n${stack.worker.output().slice(-3000)}`,
          );
        });
        const tookMs = Date.now() - started;

        // Every request, answered 500 or not, carried a signature that verifies.
        const bad = receiver.requests.filter((r) => r.badSignature);
        expect(bad.map((r) => `${r.id}: ${r.badSignature}`)).toEqual([]);
        // Each event was accepted once: a delivery ends at its first 2xx.
        const accepted = receiver.accepted();
        const duplicates = [...accepted].filter(([, rs]) => rs.length > 1);
        expect(duplicates.map(([id, rs]) => `${id} ×${rs.length}`)).toEqual([]);
        // The body's id is the webhook-id; every event is one of this run's.
        for (const [id, [r]] of accepted) {
          expect(r!.event!.id).toBe(id);
          expect(submitted.operations.has(r!.event!.data.operationId!)).toBe(true);
        }
        // Jobs ended as they were meant to, failures with their reason.
        const ended = [...accepted.values()]
          .map(([r]) => r!.event!)
          .filter((e) => e.type === 'job.succeeded' || e.type === 'job.failed');
        expect(ended).toHaveLength(JOBS);
        for (const e of ended) {
          const fails = submitted.jobs.get(e.data.name);
          expect(e.type, e.data.name).toBe(fails ? 'job.failed' : 'job.succeeded');
          if (fails) expect(e.data.job?.reason, e.data.name).toBe('BackoffLimitExceeded');
          else expect(e.data.job?.succeeded, e.data.name).toBe(1);
        }
        // Exactly the events the log has for these operations, nothing else.
        expect([...accepted.keys()].sort()).toEqual(log.map((e) => e.id).sort());
        const byType: Record<string, number> = {};
        for (const e of log) byType[e.type] = (byType[e.type] ?? 0) + 1;
        expect(byType['operation.succeeded']).toBe(JOBS);

        const after = await deliveryCounts(stack);
        const moved = Object.fromEntries(
          Object.entries(after).map(([k, v]) => [k, v - (before[k] ?? 0)]),
        ) as Record<string, number>;
        expect(moved.delivered).toBe(accepted.size);
        expect(moved.failed).toBe(0);
        const attempts = receiver.requests.length;
        const perEvent = [...new Set(receiver.requests.map((r) => r.id))].map(
          (id) => receiver.requests.filter((r) => r.id === id).length,
        );
        if (failRate > 0) {
          expect(moved.retry).toBe(attempts - accepted.size);
          expect(attempts).toBeGreaterThan(accepted.size);
        } else {
          expect(attempts).toBe(accepted.size);
        }
        console.log(
          `[webhooks-e2e ${run}] ${JOBS} Jobs (${SINGLES} single, ${JOBS - SINGLES} in ${
            (JOBS - SINGLES) / BATCH_SIZE
          } batches), submitted in ${(submittedMs / 1000).toFixed(1)} s; all ${
            accepted.size
          } events delivered ${(tookMs / 1000).toFixed(1)} s after the first submission ` +
            `(${JSON.stringify(byType)}); ${attempts} requests, ${
              receiver.requests.filter((r) => r.status === 500).length
            } answered 500, most attempts for one event ${Math.max(...perEvent)}; ` +
            `${bad.length} bad signatures; ${duplicates.length} duplicate deliveries; worker counters ${JSON.stringify(moved)}`,
        );
      } finally {
        admin.disconnect();
        await receiver.close();
      }
    },
  );
});
