import { describe, expect, test } from 'vitest';
import { createTokenCache, type MintedToken } from '../../src/shared/cluster/token-cache.js';

function harness(options: { failFrom?: number } = {}) {
  let now = 1_000_000;
  let minted = 0;
  const cache = createTokenCache({
    clock: () => now,
    mint: async () => {
      await new Promise((resolve) => setImmediate(resolve));
      minted += 1;
      if (options.failFrom !== undefined && minted >= options.failFrom) throw new Error('sts down');
      return {
        token: `t${minted}`,
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
    minted: () => minted,
  };
}

describe('createTokenCache', () => {
  test('mints once and serves the cached token until the refresh moment', async () => {
    const h = harness();
    expect(await h.cache.get()).toBe('t1');
    h.advance(599_999);
    expect(await h.cache.get()).toBe('t1');
    h.advance(1);
    expect(await h.cache.get()).toBe('t2');
    expect(h.cache.stats()).toEqual({ mints: 2, refreshes: 1, refusals: 0 });
  });

  test('100 concurrent callers at the refresh moment share one mint', async () => {
    const h = harness();
    await h.cache.get();
    h.advance(600_000);
    const tokens = await Promise.all(Array.from({ length: 100 }, () => h.cache.get()));
    expect(new Set(tokens)).toEqual(new Set(['t2']));
    expect(h.minted()).toBe(2);
  });

  test('invalidating a token that was already replaced does not mint again', async () => {
    const h = harness();
    await h.cache.get();
    h.cache.invalidate('t1');
    expect(await h.cache.get()).toBe('t2');
    h.cache.invalidate('t1');
    expect(await h.cache.get()).toBe('t2');
    h.cache.invalidate();
    expect(await h.cache.get()).toBe('t3');
  });

  test('a failed refresh falls back to the still-valid token, an expired one is never served', async () => {
    const h = harness({ failFrom: 2 });
    await h.cache.get();
    h.advance(700_000);
    expect(await h.cache.get()).toBe('t1');
    h.advance(200_000);
    await expect(h.cache.get()).rejects.toThrow('sts down');
  });
});
