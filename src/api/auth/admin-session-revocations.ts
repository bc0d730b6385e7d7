import type { RedisClient } from '../../shared/redis.js';

/**
 * Session ids ended by a logout, kept in Redis until the session would have expired anyway, so
 * every replica refuses a copy of the cookie taken before the logout. Read only for cookies
 * whose signature already checked out: a forged cookie costs no Redis call.
 */
export function createSessionRevocations(options: { redis: RedisClient; prefix: string }) {
  const key = (sid: string) => `${options.prefix}:admin-session:revoked:${sid}`;
  return {
    /** Refuses `sid` from now until `expiresAt` (ms since the epoch). */
    async revoke(sid: string, expiresAt: number): Promise<void> {
      const ttlMs = Math.max(1, Math.ceil(expiresAt - Date.now()));
      await options.redis.set(key(sid), '1', 'PX', ttlMs);
    },
    async isRevoked(sid: string): Promise<boolean> {
      return (await options.redis.exists(key(sid))) === 1;
    },
  };
}

/** What {@link createSessionRevocations} returns. */
export type SessionRevocations = ReturnType<typeof createSessionRevocations>;
