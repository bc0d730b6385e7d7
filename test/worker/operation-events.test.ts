import { afterAll, beforeAll, describe } from 'vitest';
import type { DevCluster } from '../../src/devcluster/index.js';
import type { EksJobsEvent } from '../../src/shared/events/event.js';
import { createEventPublisher, EVENT_FIELD, eventLogKey } from '../../src/shared/events/event-log.js';
import { createRedis } from '../../src/shared/redis.js';
import { expect, test } from '../support/fixtures.js';
import { waitFor } from '../support/wait-for.js';
import { jobManifest, meta, specFor, startCluster, startPipeline } from './harness.js';

// Operation events as the worker publishes them, over real Redis, BullMQ and the devcluster:
// one event per outcome, in the log once each, with what a receiver needs to act on it.

let dc: DevCluster;
beforeAll(async () => {
  dc = await startCluster();
});
afterAll(async () => {
  await dc?.stop();
});

async function logOf(url: string, prefix: string): Promise<EksJobsEvent[]> {
  const r = createRedis(url, 'worker');
  try {
    const entries = (await r.xrange(eventLogKey(prefix), '-', '+')) as Array<[string, string[]]>;
    return entries.map(([, fields]) => JSON.parse(fields[fields.indexOf(EVENT_FIELD) + 1]!) as EksJobsEvent);
  } finally {
    r.disconnect();
  }
}

describe('operation events', () => {
  test('a success, a failure and a retry each publish their event once, with the operation and its key', async ({
    redis,
  }) => {
    const connection = createRedis(redis.url, 'worker');
    let prefix = '';
    const p = await startPipeline(redis.url, [specFor(dc, 'dc')], {
      events: {
        async publish(event, callback) {
          return createEventPublisher({ redis: connection, prefix }).publish(event, callback);
        },
      },
    });
    prefix = p.prefix;
    try {
      // Two 503s on this create: two retrying events, then its success.
      dc.faults.add({ verb: 'create', resource: 'jobs', namespace: 'default', status: 503, count: 2 });
      const ok = await p.ops.enqueue(
        {
          cluster: 'dc',
          command: 'job.create',
          payload: { namespace: 'default', manifest: jobManifest('evt-ok') },
        },
        { ...meta, callback: { url: 'https://hooks.example.com/x' } },
      );
      expect((await p.ops.waitForEnd(ok.id, 20_000)).state).toBe('succeeded');
      const bad = await p.ops.enqueue(
        {
          cluster: 'dc',
          command: 'job.create',
          payload: { namespace: 'no-such-namespace', manifest: jobManifest('evt-bad') },
        },
        meta,
      );
      expect((await p.ops.waitForEnd(bad.id, 20_000)).state).toBe('failed');

      const events = await waitFor(async () => {
        const all = await logOf(redis.url, prefix);
        return all.length >= 4 ? all : undefined;
      });
      const mine = events.filter((e) => e.data.operationId === ok.id);
      expect(mine.map((e) => e.type)).toEqual([
        'operation.retrying',
        'operation.retrying',
        'operation.succeeded',
      ]);
      expect(mine.map((e) => e.data.attempt)).toEqual([1, 2, undefined]);
      expect(mine[0]!.data).toMatchObject({
        cluster: 'dc',
        kind: 'Job',
        namespace: 'default',
        name: 'evt-ok',
        principal: meta.principal,
        requestId: meta.requestId,
        command: 'job.create',
        error: { code: expect.any(String) },
      });
      expect(mine[2]!.data.result).toMatchObject({ name: 'evt-ok' });
      const failed = events.filter((e) => e.data.operationId === bad.id);
      expect(failed.map((e) => e.type)).toEqual(['operation.failed']);
      expect(failed[0]!.data.error?.code).toBe('NamespaceNotFound');
      // Ids are unique per transition, and the log holds each once.
      expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    } finally {
      await p.close();
      connection.disconnect();
    }
  });

  test('publishing the same event again (a crash between publish and completion) leaves the log as it was', async ({
    redis,
  }) => {
    const connection = createRedis(redis.url, 'worker');
    const prefix = `evt-${Date.now()}`;
    const delivered: string[] = [];
    const publisher = createEventPublisher({
      redis: connection,
      prefix,
      enqueueDelivery: async (event) => void delivered.push(event.id),
    });
    const event: EksJobsEvent = {
      id: 'evt_abcdefghijklmnopqrstuvwxyz',
      type: 'operation.succeeded',
      timestamp: new Date().toISOString(),
      data: { cluster: 'dc', kind: 'Job', namespace: 'default', name: 'x', principal: 'k' },
    };
    try {
      expect(await publisher.publish(event, { url: 'https://hooks.example.com/' })).toBe(true);
      const again = { ...event, timestamp: new Date(0).toISOString() };
      expect(await publisher.publish(again, { url: 'https://hooks.example.com/' })).toBe(false);
      const log = await logOf(redis.url, prefix);
      expect(log).toEqual([event]);
      // The delivery is handed on each time: its queue keeps one job per event id.
      expect(delivered).toEqual([event.id, event.id]);
    } finally {
      connection.disconnect();
    }
  });
});
