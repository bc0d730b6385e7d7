/**
 * The SDK's retry rules on their own: which outcomes are retried, with which pause, and that
 * every attempt of one call carries the same Idempotency-Key.
 */
import { describe, expect, test } from 'vitest';
import { EksJobsTransportError, parseRetryAfter, retryDelay } from '../../src/sdk/index.js';
import { createRetryingFetch } from '../../src/sdk/retry.js';

describe('retryDelay', () => {
  test.each([
    { outcome: { kind: 'response', status: 503, retryAfterMs: 1000 }, retry: 1, want: 1000 },
    { outcome: { kind: 'response', status: 429, retryAfterMs: 0 }, retry: 3, want: 0 },
    { outcome: { kind: 'response', status: 503, retryAfterMs: 1000 }, retry: 4, want: undefined },
    { outcome: { kind: 'response', status: 503, retryAfterMs: undefined }, retry: 1, want: undefined },
    { outcome: { kind: 'response', status: 503, retryAfterMs: 60_000 }, retry: 1, want: undefined },
    { outcome: { kind: 'response', status: 500, retryAfterMs: 1000 }, retry: 1, want: undefined },
    { outcome: { kind: 'response', status: 404, retryAfterMs: 1000 }, retry: 1, want: undefined },
    { outcome: { kind: 'response', status: 422, retryAfterMs: undefined }, retry: 1, want: undefined },
    { outcome: { kind: 'transport' }, retry: 4, want: undefined },
  ] as const)('$outcome.kind $outcome.status, retry $retry → $want', ({ outcome, retry, want }) => {
    expect(retryDelay(outcome, retry)).toBe(want);
  });

  test('transport failures back off, doubling, with jitter', () => {
    for (const [retry, base] of [
      [1, 250],
      [2, 500],
      [3, 1000],
    ] as const) {
      const delay = retryDelay({ kind: 'transport' }, retry) ?? -1;
      expect(delay).toBeGreaterThanOrEqual(base / 2);
      expect(delay).toBeLessThanOrEqual(base);
    }
  });
});

test.each([
  { header: '3', want: 3000 },
  { header: ' 0 ', want: 0 },
  { header: 'Wed, 21 Oct 2015 07:28:10 GMT', want: 10_000 },
  { header: 'soon', want: undefined },
  { header: null, want: undefined },
])('parseRetryAfter($header) → $want', ({ header, want }) => {
  expect(parseRetryAfter(header, Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(want);
});

describe('createRetryingFetch', () => {
  const post = () => new Request('http://api.test/v1/batches', { method: 'POST', body: '{"items":[]}' });

  test('a 503 with Retry-After is retried with the same key and body; the answer after it is returned', async () => {
    const seen: Array<{ key: string | null; body: string }> = [];
    const answers = [
      new Response('busy', { status: 503, headers: { 'retry-after': '0' } }),
      new Response('ok'),
    ];
    const fetch = createRetryingFetch(async (request) => {
      seen.push({ key: request.headers.get('idempotency-key'), body: await request.text() });
      return answers.shift()!;
    });
    const res = await fetch(post());
    expect(await res.text()).toBe('ok');
    expect(seen).toHaveLength(2);
    expect(seen[0]!.key).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen[1]).toEqual(seen[0]);
  });

  test('a caller’s key is kept; a 4xx or a 503 without Retry-After is answered as is', async () => {
    for (const status of [400, 404, 409, 422, 503]) {
      let calls = 0;
      const fetch = createRetryingFetch(async (request) => {
        calls++;
        expect(request.headers.get('idempotency-key')).toBe('mine');
        return new Response('no', { status });
      });
      const request = new Request(post(), { headers: { 'idempotency-key': 'mine' } });
      expect((await fetch(request)).status).toBe(status);
      expect(calls).toBe(1);
    }
  });

  test('transport failures are retried 3 times, then reported as EksJobsTransportError', async () => {
    let calls = 0;
    const fetch = createRetryingFetch(
      async () => {
        calls++;
        throw new TypeError('fetch failed', { cause: new Error('other side closed') });
      },
      { transportBackoffMs: 1 },
    );
    const err = await fetch(post()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EksJobsTransportError);
    expect((err as EksJobsTransportError).attempts).toBe(4);
    expect((err as Error).message).toContain('other side closed');
    expect(calls).toBe(4);
  });

  test('a GET carries no Idempotency-Key; an aborted signal is not retried', async () => {
    const controller = new AbortController();
    let calls = 0;
    const fetch = createRetryingFetch(async (request) => {
      calls++;
      expect(request.headers.has('idempotency-key')).toBe(false);
      controller.abort();
      throw new DOMException('aborted', 'AbortError');
    });
    const err = await fetch(
      new Request('http://api.test/v1/operations', { signal: controller.signal }),
    ).catch((e: unknown) => e);
    expect((err as Error).name).toBe('AbortError');
    expect(calls).toBe(1);
  });
});
