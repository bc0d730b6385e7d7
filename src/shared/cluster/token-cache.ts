/** A token with the times it should be replaced and stops working (ms since the epoch). */
export interface MintedToken {
  token: string;
  /** From this moment the next caller triggers a refresh. */
  refreshAt: number;
  /** After this moment the token is never handed out. */
  expiresAt: number;
}

/**
 * How long to wait before minting again after fresh tokens keep being refused. The first refusal
 * of a token that worked is answered at once (a revoked or early-expired token is routine); each
 * further refusal in a row (no token accepted in between) doubles the wait from `baseMs` up to
 * `maxMs`.
 */
export interface RefusalBackoff {
  /** Wait after the second refusal in a row. */
  baseMs: number;
  /** The longest wait: also how long recovery can take once the cluster accepts new tokens again. */
  maxMs: number;
}

/**
 * 1 s doubling to 10 s: a storm of 401s costs at most a handful of presigns and then one per
 * 10 s, and a cluster that refused every new token for a while takes at most 10 s (plus one
 * request) to be used again once it accepts them: far inside a token's 15 minutes.
 */
export const DEFAULT_REFUSAL_BACKOFF: RefusalBackoff = { baseMs: 1_000, maxMs: 10_000 };

/**
 * The pause after the `refusals`-th refused token in a row before a new one is minted: 0 for the
 * first, then `baseMs`, doubling, at most `maxMs`. Pure.
 */
export function refusalBackoffMs(
  refusals: number,
  backoff: RefusalBackoff = DEFAULT_REFUSAL_BACKOFF,
): number {
  if (!(refusals > 1)) return 0;
  return Math.min(backoff.maxMs, backoff.baseMs * 2 ** (refusals - 2));
}

/** Options of {@link createTokenCache}. */
export interface TokenCacheOptions {
  /** Makes a new token (presign, file read…). */
  mint: () => Promise<MintedToken>;
  /** @defaultValue Date.now */
  clock?: () => number;
  /** Called when a mint fails but the current token is still valid and is used instead. */
  onStaleUse?: (err: unknown) => void;
  /** @defaultValue {@link DEFAULT_REFUSAL_BACKOFF} */
  backoff?: RefusalBackoff;
}

/** A cached bearer token, refreshed ahead of expiry by a single flight. */
export interface TokenCache {
  /**
   * The current token; mints one when there is none, it is due for refresh, it expired, or it
   * was refused and the refusal backoff has passed. During the backoff the refused token is
   * handed out again (it may work again; a new one would be refused the same way).
   */
  get(): Promise<string>;
  /**
   * Marks the token as refused (after a 401). Given the token that failed, acts only if it is
   * still the current one, so a burst of 401s from one token counts as one refusal. Without an
   * argument the current token is dropped outright: the next `get` mints, whatever the backoff.
   */
  invalidate(failed?: string): void;
  /** The cluster accepted `token` (any answer but 401): if it is current, refusals are forgotten. */
  accepted(token: string): void;
  /** Tokens minted so far, how many of those replaced an earlier one, tokens refused. */
  stats(): { mints: number; refreshes: number; refusals: number };
}

/**
 * Caches one token. Callers arriving while it is due share one mint (never two at once); if that
 * mint fails and the old token has not expired, they get the old token. Refused tokens are
 * replaced under {@link refusalBackoffMs}, so a cluster answering 401 to everything causes a
 * bounded number of mints however many requests fail.
 */
export function createTokenCache(options: TokenCacheOptions): TokenCache {
  const clock = options.clock ?? Date.now;
  const backoff = options.backoff ?? DEFAULT_REFUSAL_BACKOFF;
  let current: (MintedToken & { refused: boolean }) | undefined;
  let inflight: Promise<MintedToken> | undefined;
  let mints = 0;
  let refreshes = 0;
  let refusalsTotal = 0;
  let hadToken = false;
  // Refused tokens since one was last accepted, and when the next mint may happen.
  let refusals = 0;
  let nextMintAt = 0;

  function refresh(): Promise<MintedToken> {
    inflight ??= (async () => {
      try {
        const minted = await options.mint();
        mints += 1;
        if (hadToken) refreshes += 1;
        hadToken = true;
        current = { ...minted, refused: false };
        return minted;
      } finally {
        inflight = undefined;
      }
    })();
    return inflight;
  }

  function usable(now: number): string | undefined {
    if (!current || now >= current.expiresAt) return undefined;
    if (current.refused) return now < nextMintAt ? current.token : undefined;
    return now < current.refreshAt ? current.token : undefined;
  }

  return {
    async get() {
      const cached = usable(clock());
      if (cached !== undefined) return cached;
      const stale = current;
      try {
        return (await refresh()).token;
      } catch (err) {
        if (stale && current === stale && clock() < stale.expiresAt) {
          options.onStaleUse?.(err);
          return stale.token;
        }
        throw err;
      }
    },
    invalidate(failed) {
      if (failed === undefined) {
        current = undefined;
        return;
      }
      if (!current || current.token !== failed || current.refused) return;
      current.refused = true;
      refusals += 1;
      refusalsTotal += 1;
      nextMintAt = clock() + refusalBackoffMs(refusals, backoff);
    },
    accepted(token) {
      if (current?.token !== token) return;
      current.refused = false;
      refusals = 0;
      nextMintAt = 0;
    },
    stats: () => ({ mints, refreshes, refusals: refusalsTotal }),
  };
}
