import { describe, expect, test } from 'vitest';
import { signingDelayMs, signingSecond } from '../../src/shared/cluster/token.js';
import {
  createTokenCache,
  DEFAULT_REFUSAL_BACKOFF,
  type MintedToken,
  refusalBackoffMs,
} from '../../src/shared/cluster/token-cache.js';

// The pure pieces of the 401-storm fix: how tokens are dated and how re-minting backs off.

describe('refusalBackoffMs', () => {
  test.each([
    // [refused tokens in a row, pause before the next mint]
    [0, 0],
    [1, 0], // a token that worked was refused: replace it at once
    [2, 1_000], // the fresh one was refused too
    [3, 2_000],
    [4, 4_000],
    [5, 8_000],
    [6, 10_000],
    [7, 10_000],
    [1_000, 10_000],
  ])('default backoff after %i refusals: %i ms', (refusals, ms) => {
    expect(refusalBackoffMs(refusals)).toBe(ms);
    expect(refusalBackoffMs(refusals, DEFAULT_REFUSAL_BACKOFF)).toBe(ms);
  });

  test.each([
    [2, 100],
    [3, 200],
    [4, 250],
    [40, 250],
  ])('{ baseMs: 100, maxMs: 250 } after %i refusals: %i ms', (refusals, ms) => {
    expect(refusalBackoffMs(refusals, { baseMs: 100, maxMs: 250 })).toBe(ms);
  });
});

describe('token dating', () => {
  const s = Date.UTC(2025, 0, 1, 12, 0, 0); // a whole second
  test.each([
    // [name, clock, last signing second, wait before signing]
    ['first token', s + 400, undefined, 0],
    ['last token in an earlier second', s + 400, s - 1000, 0],
    ['last token long ago', s + 999, s - 3_600_000, 0],
    ['same second, early in it', s + 1, s, 999],
    ['same second, late in it', s + 999, s, 1],
    ['same second, at its start', s, s, 1000],
    // A clock set back gives an earlier date, never a made-up later one.
    ['clock went back', s - 5_000, s, 0],
  ])('%s', (_name, now, last, wait) => {
    const ms = signingDelayMs(now as number, last as number | undefined);
    expect(ms).toBe(wait);
    expect(ms).toBeGreaterThanOrEqual(0);
    expect(ms).toBeLessThanOrEqual(1000);
  });

  test.each([
    [s, s],
    [s + 1, s],
    [s + 999, s],
    [s + 1000, s + 1000],
  ])('signingSecond(%i) = %i: never after the clock', (now, second) => {
    expect(signingSecond(now)).toBe(second);
    expect(signingSecond(now)).toBeLessThanOrEqual(now);
  });
});

function harness() {
  let now = 1_000_000;
  const mintedAt: number[] = [];
  const cache = createTokenCache({
    clock: () => now,
    mint: async () => {
      await new Promise((resolve) => setImmediate(resolve));
      mintedAt.push(now);
      return {
        token: `t${mintedAt.length}`,
        refreshAt: now + 600_000,
        expiresAt: now + 900_000,
      } satisfies MintedToken;
    },
  });
  return {
    cache,
    advance: (ms: number) => {
      now += ms;
    },
    now: () => now,
    mintedAt,
  };
}

describe('token cache under refusals', () => {
  test('a storm of 401s: mints follow the backoff, the refused token is reused in between', async () => {
    const h = harness();
    const start = h.now();
    await h.cache.get();
    // Every token is refused on use, 100 ms apart, for 60 s of the injected clock.
    for (let t = 0; t < 60_000; t += 100) {
      const token = await h.cache.get();
      h.cache.invalidate(token);
      h.advance(100);
    }
    const offsets = h.mintedAt.map((at) => at - start);
    // The warm token, its replacement at the next call (first refusal), then each fresh token's
    // refusal pauses 1 s, 2 s, 4 s, 8 s, then 10 s at most.
    expect(offsets).toEqual([0, 100, 1_100, 3_100, 7_100, 15_100, 25_100, 35_100, 45_100, 55_100]);
    expect(h.cache.stats()).toEqual({ mints: 10, refreshes: 9, refusals: 10 });
  });

  test('100 concurrent 401s from one token are one refusal and one new token', async () => {
    const h = harness();
    const t1 = await h.cache.get();
    for (let i = 0; i < 100; i += 1) h.cache.invalidate(t1);
    const tokens = await Promise.all(Array.from({ length: 100 }, () => h.cache.get()));
    expect(new Set(tokens)).toEqual(new Set(['t2']));
    expect(h.cache.stats()).toMatchObject({ mints: 2, refusals: 1 });
  });

  test('when the backoff ends, 100 concurrent callers share one mint', async () => {
    const h = harness();
    await h.cache.get();
    h.cache.invalidate('t1');
    h.cache.invalidate(await h.cache.get()); // t2 refused: 1 s backoff
    expect(await h.cache.get()).toBe('t2');
    h.advance(999);
    expect(await h.cache.get()).toBe('t2');
    h.advance(1);
    const tokens = await Promise.all(Array.from({ length: 100 }, () => h.cache.get()));
    expect(new Set(tokens)).toEqual(new Set(['t3']));
    expect(h.mintedAt).toHaveLength(3);
  });

  test('a token accepted again ends the backoff: the next refusal is answered at once', async () => {
    const h = harness();
    await h.cache.get();
    h.cache.invalidate('t1');
    h.cache.invalidate(await h.cache.get()); // t2 refused
    h.advance(1_000);
    h.cache.invalidate(await h.cache.get()); // t3 refused: 2 s backoff
    expect(await h.cache.get()).toBe('t3');
    h.cache.accepted('t3'); // the cluster took t3 after all
    expect(await h.cache.get()).toBe('t3');
    h.cache.invalidate('t3');
    expect(await h.cache.get()).toBe('t4');
  });

  test('acceptance of an older token does not end the backoff of the current one', async () => {
    const h = harness();
    await h.cache.get();
    h.cache.invalidate('t1');
    h.cache.invalidate(await h.cache.get()); // t2 refused: 1 s backoff
    h.cache.accepted('t1'); // a late answer to a request sent with t1
    expect(await h.cache.get()).toBe('t2');
  });

  test('a refused token that expired is replaced whatever the backoff; invalidate() forces a new one', async () => {
    let now = 0;
    let n = 0;
    const cache = createTokenCache({
      clock: () => now,
      backoff: { baseMs: 60_000, maxMs: 60_000 },
      mint: async () => {
        n += 1;
        return { token: `t${n}`, refreshAt: now + 5_000, expiresAt: now + 10_000 };
      },
    });
    await cache.get();
    cache.invalidate('t1');
    cache.invalidate(await cache.get()); // t2 refused: 60 s backoff
    now += 9_999;
    expect(await cache.get()).toBe('t2');
    now += 1;
    expect(await cache.get()).toBe('t3');
    cache.invalidate('t3'); // third refusal in a row
    expect(await cache.get()).toBe('t3');
    cache.invalidate();
    expect(await cache.get()).toBe('t4');
  });
});
