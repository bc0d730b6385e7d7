/** A token with the times it should be replaced and stops working (ms since the epoch). */
export interface MintedToken {
  token: string;
  /** From this moment the next caller triggers a refresh. */
  refreshAt: number;
  /** After this moment the token is never handed out. */
  expiresAt: number;
}

/** Options of {@link createTokenCache}. */
export interface TokenCacheOptions {
  /** Makes a new token (presign, file read…). */
  mint: () => Promise<MintedToken>;
  /** @defaultValue Date.now */
  clock?: () => number;
  /** Called when a mint fails but the current token is still valid and is used instead. */
  onStaleUse?: (err: unknown) => void;
}

/** A cached bearer token, refreshed ahead of expiry by a single flight. */
export interface TokenCache {
  /** The current token; mints one when there is none, it is due for refresh, or it was invalidated. */
  get(): Promise<string>;
  /**
   * Drops the cached token (after a 401). Given the token that failed, drops it only if it is
   * still the current one, so a burst of 401s from one old token causes one refresh, not many.
   */
  invalidate(failed?: string): void;
  /** Tokens minted so far, and how many of those replaced an earlier one. */
  stats(): { mints: number; refreshes: number };
}

/**
 * Caches one token. Callers arriving while it is due share one mint (never two at once); if that
 * mint fails and the old token has not expired, they get the old token.
 */
export function createTokenCache(options: TokenCacheOptions): TokenCache {
  const clock = options.clock ?? Date.now;
  let current: MintedToken | undefined;
  let inflight: Promise<MintedToken> | undefined;
  let mints = 0;
  let refreshes = 0;
  let hadToken = false;

  function refresh(): Promise<MintedToken> {
    inflight ??= (async () => {
      try {
        const minted = await options.mint();
        mints += 1;
        if (hadToken) refreshes += 1;
        hadToken = true;
        current = minted;
        return minted;
      } finally {
        inflight = undefined;
      }
    })();
    return inflight;
  }

  return {
    async get() {
      const now = clock();
      if (current && now < current.refreshAt && now < current.expiresAt) return current.token;
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
      if (failed === undefined || current?.token === failed) current = undefined;
    },
    stats: () => ({ mints, refreshes }),
  };
}
