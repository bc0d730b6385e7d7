import type { Context, MiddlewareHandler } from 'hono';
import type { ApiKeyStore } from '../../shared/api-keys/key-file.js';
import { ALL_SCOPES, type Principal } from '../../shared/api-keys/scopes.js';
import { type SecurityEnv, unauthorized } from './context.js';

/** Id of the principal every request gets when authentication is switched off for development. */
export const INSECURE_PRINCIPAL_ID = 'dev-insecure';

const INSECURE_PRINCIPAL: Principal = Object.freeze({ id: INSECURE_PRINCIPAL_ID, scopes: ALL_SCOPES });

/** Options of {@link authenticate}. */
export interface AuthenticateOptions {
  keys: ApiKeyStore;
  /** Paths served without a key; see `publicPaths()`. */
  publicPaths: ReadonlySet<string>;
  /**
   * Development only (EKS_JOBS_INSECURE_NO_AUTH): every request is the admin principal
   * `dev-insecure`. @defaultValue false
   */
  insecureNoAuth?: boolean;
}

/**
 * Requires `Authorization: Bearer <api key>` on every path except the public ones, and sets the
 * `principal` variable. No key or an unknown key → 401 with `WWW-Authenticate`.
 */
export function authenticate(options: AuthenticateOptions): MiddlewareHandler<SecurityEnv> {
  const { keys, publicPaths, insecureNoAuth = false } = options;
  return async (c: Context<SecurityEnv>, next) => {
    if (publicPaths.has(c.req.path)) return next();
    if (insecureNoAuth) {
      c.set('principal', INSECURE_PRINCIPAL);
      return next();
    }
    // Already resolved by the anonymous-traffic limit, which looks the key up first.
    if (c.get('principal')) return next();
    const header = c.req.header('authorization');
    if (!header) throw unauthorized('missing API key: send Authorization: Bearer <key>');
    const principal = keys.lookupAuthorization(header);
    if (!principal) throw unauthorized('unknown API key', true);
    c.set('principal', principal);
    return next();
  };
}
