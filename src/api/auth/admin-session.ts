import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ApiKeyStore } from '../../shared/api-keys/key-file.js';
import { checkAdmin, type Principal } from '../../shared/api-keys/scopes.js';

/** Where the browser session of the queue dashboard is made and ended. */
export const ADMIN_LOGIN_PATH = '/admin/login';
export const ADMIN_LOGOUT_PATH = '/admin/logout';

/**
 * The cookies' names. `__Secure-` makes browsers refuse them unless set with `Secure` (from an
 * https page, or localhost), so a plain-http man in the middle cannot plant one.
 */
export const SESSION_COOKIE = '__Secure-eks-jobs-admin';
export const CSRF_COOKIE = '__Secure-eks-jobs-csrf';

/** Options of {@link createAdminSessions}. */
export interface AdminSessionOptions {
  /** Known keys: a session is valid only while its key is there, unchanged and admin. */
  keys: ApiKeyStore;
  /**
   * Signs sessions and CSRF tokens (ADMIN_SESSION_SECRET). Every replica behind one address
   * needs the same one. @defaultValue 32 random bytes, this process's own
   */
  secret?: string;
  /** How long a session lasts (ADMIN_SESSION_TTL). @defaultValue 30 minutes */
  ttlMs?: number;
  /** The clock, for tests. @defaultValue Date.now */
  now?: () => number;
}

/** What a session cookie carries, signed: never the key, only its id and a keyed digest of its hash. */
interface SessionClaims {
  /** Key id. */
  kid: string;
  /** HMAC of the key's stored hash: a rotated key (same id, new key) ends the session. */
  kfp: string;
  /** Session id, the handle a logout revokes. */
  sid: string;
  /** Expiry, ms since the epoch. */
  exp: number;
}

/** A session as read back from its cookie. */
export interface AdminSession {
  principal: Principal;
  sid: string;
  expiresAt: number;
}

const VERSION = 'v1';

/**
 * Stateless, signed browser sessions for admin keys, and the CSRF tokens of the login form.
 *
 * A session token is `v1.<claims>.<HMAC-SHA256>`; it is valid until `exp`, and only while the
 * key store still has a key of that id with the same hash and the admin scope — checked at
 * each request, so removing or rotating the key ends its sessions. A logout also revokes the
 * session id (the caller keeps the list, in Redis: a cookie copied before the logout stays dead).
 *
 * CSRF: signed double submit. The form carries `HMAC(secret, nonce)`, the nonce travels in a
 * `SameSite=Strict` cookie; another site can neither read the nonce nor make the token.
 */
export function createAdminSessions(options: AdminSessionOptions) {
  const secret = options.secret ?? randomBytes(32).toString('base64url');
  const ttlMs = options.ttlMs ?? 30 * 60_000;
  const now = options.now ?? Date.now;
  const mac = (purpose: string, value: string): string =>
    createHmac('sha256', secret).update(`${purpose}\0${value}`).digest('base64url');

  return {
    ttlMs,
    /** A session token for `principal`'s key, or undefined when that key is not an admin key in the store. */
    issue(principal: Principal): { token: string; session: AdminSession } | undefined {
      const stored = options.keys.byId(principal.id);
      if (!stored || !checkAdmin(stored.principal.scopes).ok) return undefined;
      const claims: SessionClaims = {
        kid: stored.principal.id,
        kfp: mac('key', stored.hash),
        sid: randomBytes(16).toString('base64url'),
        exp: now() + ttlMs,
      };
      const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
      const token = `${VERSION}.${body}.${mac('session', body)}`;
      return { token, session: { principal: stored.principal, sid: claims.sid, expiresAt: claims.exp } };
    },
    /** The live session of a token: signed by us, unexpired, its key still admin and unchanged. */
    read(token: string | undefined): AdminSession | undefined {
      const claims = verify(token, (body) => mac('session', body));
      if (!claims || claims.exp <= now()) return undefined;
      const stored = options.keys.byId(claims.kid);
      if (!stored || !equal(mac('key', stored.hash), claims.kfp)) return undefined;
      if (!checkAdmin(stored.principal.scopes).ok) return undefined;
      return { principal: stored.principal, sid: claims.sid, expiresAt: claims.exp };
    },
    /** A fresh CSRF nonce, for the cookie. */
    newNonce: (): string => randomBytes(18).toString('base64url'),
    /** The form's token for the cookie's nonce. */
    csrfToken: (nonce: string): string => mac('csrf', nonce),
    /** True when the form's token matches the cookie's nonce. */
    csrfValid: (nonce: string | undefined, token: unknown): boolean =>
      typeof nonce === 'string' &&
      nonce.length > 0 &&
      typeof token === 'string' &&
      equal(mac('csrf', nonce), token),
  };
}

/** What {@link createAdminSessions} returns. */
export type AdminSessions = ReturnType<typeof createAdminSessions>;

function verify(token: string | undefined, sign: (body: string) => string): SessionClaims | undefined {
  if (!token || token.length > 1024) return undefined;
  const [version, body, signature, extra] = token.split('.');
  if (version !== VERSION || !body || !signature || extra !== undefined) return undefined;
  if (!equal(sign(body), signature)) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Partial<SessionClaims>;
    const { kid, kfp, sid, exp } = claims;
    if (typeof kid !== 'string' || typeof kfp !== 'string' || typeof sid !== 'string') return undefined;
    if (typeof exp !== 'number' || !Number.isFinite(exp)) return undefined;
    return { kid, kfp, sid, exp };
  } catch {
    return undefined;
  }
}

/** Constant-time comparison of two base64url strings. */
function equal(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
