import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { ADMIN_QUEUES_PATH } from '../routes/admin.js';
import { ADMIN_LOGIN_PATH, type AdminSessions, SESSION_COOKIE } from './admin-session.js';
import type { SessionRevocations } from './admin-session-revocations.js';
import type { SecurityEnv } from './context.js';

/** The only paths a session cookie authenticates: the dashboard and what it loads. */
export function acceptsSessionCookie(path: string): boolean {
  return path === ADMIN_QUEUES_PATH || path.startsWith(`${ADMIN_QUEUES_PATH}/`);
}

/** Options of {@link adminSessionPrincipal}. */
export interface AdminSessionAuthOptions {
  sessions: AdminSessions;
  revocations: SessionRevocations;
  /**
   * Send a browser that opens the dashboard without a session to the login form (303) instead
   * of the 401 JSON. @defaultValue false
   */
  redirectToLogin?: boolean;
}

/**
 * On the dashboard's paths only, and only when the request carries no `Authorization` header
 * (a bearer key always wins, and is checked as everywhere): sets the principal of a valid
 * admin session cookie. Everything else — every `/v1` and `/api` route — ignores the cookie.
 */
export function adminSessionPrincipal(options: AdminSessionAuthOptions): MiddlewareHandler<SecurityEnv> {
  return async (c: Context<SecurityEnv>, next) => {
    if (c.get('principal') || !acceptsSessionCookie(c.req.path) || c.req.header('authorization')) {
      return next();
    }
    const session = options.sessions.read(getCookie(c, SESSION_COOKIE));
    if (session && !(await options.revocations.isRevoked(session.sid))) {
      c.set('principal', session.principal);
      return next();
    }
    if (options.redirectToLogin && isPageNavigation(c)) return c.redirect(ADMIN_LOGIN_PATH, 303);
    return next();
  };
}

/** A browser opening the dashboard page itself (not one of its assets or API calls). */
function isPageNavigation(c: Context): boolean {
  return (
    c.req.method === 'GET' &&
    (c.req.path === ADMIN_QUEUES_PATH || c.req.path === `${ADMIN_QUEUES_PATH}/`) &&
    (c.req.header('accept') ?? '').includes('text/html')
  );
}
