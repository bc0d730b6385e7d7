import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { describe } from 'vitest';
import { DELIVERY_JOB, type DeliveryData } from '../../src/shared/webhooks/deliveries.js';
import { deliveryIndexKey, indexDelivery } from '../../src/shared/webhooks/delivery-index.js';
import { createDeliveryStore } from '../../src/shared/webhooks/delivery-store.js';
import { deliveryFromFields, redactCallbackUrl } from '../../src/shared/webhooks/delivery-view.js';
import { expect, test } from '../support/fixtures.js';
import { cleanPrefix, testPrefix } from '../support/redis.js';

// The delivery store's pure reading of a job hash, and its index walk where it is easy to get
// wrong: entries with the same score, and entries whose job retention already removed.

function data(n: number, operationId = 'op-1'): DeliveryData {
  return {
    event: {
      id: `evt_${n}`,
      type: 'operation.succeeded',
      timestamp: '2026-01-01T00:00:00.000Z',
      data: {
        cluster: 'dev',
        kind: 'Job',
        namespace: 'default',
        name: `j-${n}`,
        principal: 'owner',
        operationId,
      },
    },
    url: 'https://hooks.example.com/in',
    principal: 'owner',
  };
}

describe('redactCallbackUrl', () => {
  test.for([
    ['https://hooks.example.com/in', 'https://hooks.example.com/in'],
    ['https://hooks.example.com/in?token=s3cret', 'https://hooks.example.com/in?REDACTED'],
    ['http://127.0.0.1:8080/a/b?x=1#frag', 'http://127.0.0.1:8080/a/b?REDACTED'],
    ['https://hooks.example.com/in#s3cret', 'https://hooks.example.com/in'],
    ['not a url', '(not a valid URL)'],
  ])('%s → %s', ([raw, shown]) => {
    expect(redactCallbackUrl(raw!)).toBe(shown);
  });
});

describe('deliveryFromFields', () => {
  const stored = JSON.stringify(data(1));
  const t0 = Date.parse('2026-01-01T00:00:00.000Z');
  // data, timestamp, finishedOn, returnvalue, failedReason, atm
  test.for([
    ['waiting', [stored, String(t0), null, null, null, '0'], undefined, { state: 'pending', attempts: 0 }],
    [
      'retrying',
      [stored, String(t0), null, null, 'the receiver answered 500', '2'],
      (t0 + 5000) * 0x1000 + 3,
      {
        state: 'pending',
        attempts: 2,
        lastError: 'the receiver answered 500',
        nextAttemptAt: '2026-01-01T00:00:05.000Z',
      },
    ],
    [
      'delivered',
      [stored, String(t0), String(t0 + 1000), '{"outcome":"delivered","status":204,"attempts":1}', null, '1'],
      undefined,
      { state: 'delivered', delivered: { status: 204, at: '2026-01-01T00:00:01.000Z' } },
    ],
    [
      'gone',
      [stored, String(t0), String(t0 + 1000), '{"outcome":"gone","status":410,"attempts":1}', null, '1'],
      undefined,
      { state: 'disabled', disabled: { reason: 'gone', status: 410, at: '2026-01-01T00:00:01.000Z' } },
    ],
    [
      'failed',
      [stored, String(t0), String(t0 + 9000), null, 'gave up', '7'],
      undefined,
      { state: 'failed', attempts: 7, lastError: 'gave up', failedAt: '2026-01-01T00:00:09.000Z' },
    ],
  ] as const)('%s', ([, fields, score, expected]) => {
    const view = deliveryFromFields('dlv_1', fields, score);
    expect(view).toMatchObject({
      id: 'dlv_1',
      principal: 'owner',
      createdAt: '2026-01-01T00:00:00.000Z',
      ...expected,
    });
  });

  test('a removed job or data that is not a delivery reads as nothing', () => {
    expect(deliveryFromFields('dlv_1', [null, null, null, null, null, null], undefined)).toBeUndefined();
    expect(deliveryFromFields('dlv_1', ['{"url":1}', '1', null, null, null, '0'], undefined)).toBeUndefined();
  });
});

describe('listing through an index', () => {
  test('pages through entries of one score once each, and skips and prunes entries whose job is gone', async ({
    redis,
  }) => {
    const prefix = testPrefix();
    const conn = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    const queue = new Queue<DeliveryData>('webhooks', { connection: conn, prefix });
    const store = createDeliveryStore({ redis: conn, prefix });
    try {
      const at = Date.now();
      const ids = Array.from({ length: 7 }, (_, n) => `dlv_${n}`);
      for (const [n, id] of ids.entries()) {
        await indexDelivery(conn, prefix, id, data(n), { at, ttlMs: 60_000, mode: 'enqueue' });
        if (n !== 3) await queue.add(DELIVERY_JOB, data(n), { jobId: id });
      }
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 10; page++) {
        const res = await store.list({ operation: 'op-1', limit: 2, ...(cursor ? { cursor } : {}) });
        seen.push(...res.items.map((d) => d.id));
        cursor = res.nextCursor;
        if (!cursor) break;
      }
      expect(cursor).toBeUndefined();
      expect(seen.sort()).toEqual(ids.filter((id) => id !== 'dlv_3'));
      expect(await conn.zscore(deliveryIndexKey(prefix, 'operation', 'op-1'), 'dlv_3')).toBeNull();
      expect(await conn.pttl(deliveryIndexKey(prefix, 'operation', 'op-1'))).toBeGreaterThan(0);
    } finally {
      await store.close();
      await queue.close();
      await conn.quit();
      await cleanPrefix(redis.url, prefix);
    }
  });
});
