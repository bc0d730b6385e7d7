import type { IncomingMessage } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import type { ApiKeyStore } from '../../shared/api-keys/key-file.js';
import type { RateLimit } from '../../shared/api-keys/scopes.js';
import { ApiError } from '../errors.js';
import type { SecurityEnv } from './context.js';

/** Options of {@link limitAnonymous}. */
export interface AnonymousLimitOptions {
  keys: ApiKeyStore;
  /** Requests per window one client address may send without a valid key. */
  limit: RateLimit;
  /** Proxies in front that append the peer to X-Forwarded-For (TRUSTED_PROXY_HOPS). @defaultValue 0 */
  trustedProxyHops?: number;
  /** Paths never limited: the orchestrator's probes. @defaultValue `/livez`, `/readyz` */
  exempt?: ReadonlySet<string>;
  /** Most client addresses tracked at once; the least recently seen is forgotten first. @defaultValue 10000 */
  maxClients?: number;
  /** The clock, for tests. @defaultValue Date.now */
  now?: () => number;
}

const PROBES: ReadonlySet<string> = new Set(['/livez', '/readyz']);

/**
 * A per-client-address limit on traffic that carries no valid key: missing or unknown keys
 * (answered 401 after this), public paths (`/health`, `/metrics`, `/docs`), unknown routes.
 * Over the limit → 429 `RateLimited` with `Retry-After`, before any other work — no key
 * hashing beyond the one lookup, no Redis call, no audit write, no cluster probe.
 *
 * A request with a valid key is not counted here (its key's own limit applies); its principal
 * is set for `authenticate`, so the key is looked up once. The counts are this replica's own,
 * in memory: a flood without a key must not cost a Redis round trip per request, and N
 * replicas admit at most N times the limit. Token bucket per address (full = `requests`,
 * refilled over `perSeconds`); IPv6 addresses count per /64, what one host usually holds.
 */
export function limitAnonymous(options: AnonymousLimitOptions): MiddlewareHandler<SecurityEnv> {
  const { keys, limit } = options;
  const exempt = options.exempt ?? PROBES;
  const hops = options.trustedProxyHops ?? 0;
  const maxClients = options.maxClients ?? 10_000;
  const now = options.now ?? Date.now;
  const perMs = limit.requests / (limit.perSeconds * 1000);
  const buckets = new Map<string, { tokens: number; at: number }>();

  const take = (client: string): number => {
    const t = now();
    const seen = buckets.get(client);
    const tokens = seen ? Math.min(limit.requests, seen.tokens + (t - seen.at) * perMs) : limit.requests;
    // Re-inserted, so the map's first entry is always the least recently seen.
    buckets.delete(client);
    if (tokens < 1) {
      buckets.set(client, { tokens, at: t });
      return Math.ceil((1 - tokens) / perMs);
    }
    buckets.set(client, { tokens: tokens - 1, at: t });
    if (buckets.size > maxClients) buckets.delete(buckets.keys().next().value as string);
    return 0;
  };

  return async (c: Context<SecurityEnv>, next) => {
    if (exempt.has(c.req.path)) return next();
    const header = c.req.header('authorization');
    const principal = header ? keys.lookupAuthorization(header) : undefined;
    if (principal) {
      c.set('principal', principal);
      return next();
    }
    const waitMs = take(clientAddress(c, hops));
    if (waitMs > 0) {
      const seconds = Math.max(1, Math.ceil(waitMs / 1000));
      throw new ApiError(
        'RateLimited',
        `too many requests without a valid API key from this address; retry in ${seconds} s`,
        { limit: limit.requests, perSeconds: limit.perSeconds, retryAfterSeconds: seconds },
        { 'Retry-After': String(seconds) },
      );
    }
    return next();
  };
}

/**
 * The client's address: the peer's, or with `hops` trusted proxies in front, the entry they
 * appended to X-Forwarded-For (the `hops`-th from the right; entries further left are whatever
 * the client wrote). Normalised: IPv4-mapped IPv6 as IPv4, other IPv6 cut to its /64.
 */
export function clientAddress(c: Context, hops: number): string {
  const peer = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket?.remoteAddress;
  let address = peer ?? 'unknown';
  if (hops > 0) {
    const forwarded = (c.req.header('x-forwarded-for') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (forwarded.length > 0) address = forwarded[Math.max(0, forwarded.length - hops)] as string;
  }
  return normaliseAddress(address);
}

function normaliseAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1] as string;
  if (!address.includes(':')) return address;
  const [head = '', tail = ''] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::')
    ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
