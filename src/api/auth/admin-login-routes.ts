import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { CookieOptions } from 'hono/utils/cookie';
import type { ApiKeyStore } from '../../shared/api-keys/key-file.js';
import { checkAdmin } from '../../shared/api-keys/scopes.js';
import { ADMIN_QUEUES_PATH } from '../routes/admin.js';
import { noSecurity, openRouteErrors, responseHeaders } from '../routes/openapi-helpers.js';
import { renderLoginPage } from './admin-login-page.js';
import {
  ADMIN_LOGIN_PATH,
  ADMIN_LOGOUT_PATH,
  type AdminSession,
  type AdminSessions,
  CSRF_COOKIE,
  SESSION_COOKIE,
} from './admin-session.js';
import type { SessionRevocations } from './admin-session-revocations.js';
import type { AnonymousRefusals } from './anonymous-refusals.js';
import type { ReportedMutation } from './audit-hook.js';
import { WWW_AUTHENTICATE } from './context.js';

/** What the login routes need from the security module. */
export interface AdminLoginDeps {
  keys: ApiKeyStore;
  sessions: AdminSessions;
  revocations: SessionRevocations;
  /** Writes one audit record (the security module's collector, outside any request's record). */
  audit(record: ReportedMutation): Promise<void>;
  /** Where logins with an unknown key are counted instead of audited one by one. */
  anonymous: AnonymousRefusals;
}

// Both cookies live only under /admin: never sent to /v1, where they would mean nothing anyway.
const COOKIE_PATH = '/admin';
const NONCE_SHAPE = /^[A-Za-z0-9_-]{24}$/;

/**
 * `GET /admin/login` (the form, or who is signed in with a logout button), `POST /admin/login`
 * (an admin API key and the CSRF token → session cookie, 303 to the dashboard) and
 * `POST /admin/logout`. All three are public paths: they are how a browser gets a session.
 *
 * Refusals answer the form again: 403 for a missing or wrong CSRF token and for a key without
 * the admin scope, 401 for an unknown key. Logins and logouts are audited (`admin.login`,
 * `admin.logout`) with the key id; attempts with an unknown key are summed like every other
 * 401 (one log line per interval), so anonymous traffic cannot flush the capped audit stream.
 */
// biome-ignore lint/suspicious/noExplicitAny: registers on an app of any Env.
export function registerAdminLoginRoutes(app: OpenAPIHono<any>, deps: AdminLoginDeps): void {
  const { sessions } = deps;
  const cookieOptions = (maxAgeMs: number): CookieOptions => ({
    path: COOKIE_PATH,
    httpOnly: true,
    secure: true,
    sameSite: 'Strict',
    maxAge: Math.floor(maxAgeMs / 1000),
  });
  /** The browser's CSRF nonce, made (and set) when it has none. */
  const nonceOf = (c: Context): string => {
    const current = getCookie(c, CSRF_COOKIE);
    if (current && NONCE_SHAPE.test(current)) return current;
    const nonce = sessions.newNonce();
    setCookie(c, CSRF_COOKIE, nonce, cookieOptions(sessions.ttlMs * 2));
    return nonce;
  };
  const currentSession = async (c: Context): Promise<AdminSession | undefined> => {
    const session = sessions.read(getCookie(c, SESSION_COOKIE));
    return session && !(await deps.revocations.isRevoked(session.sid)) ? session : undefined;
  };
  const page = (c: Context, status: 200 | 401 | 403, error?: string, session?: AdminSession) =>
    c.html(
      renderLoginPage({
        csrf: sessions.csrfToken(nonceOf(c)),
        ...(error ? { error } : {}),
        ...(session ? { signedIn: { keyId: session.principal.id, expiresAt: session.expiresAt } } : {}),
      }),
      status,
    );
  const audit = (c: Context, action: string, principal: string, status: number) =>
    deps.audit({
      requestId: c.get('requestId') ?? '',
      principal,
      action,
      target: { name: principal },
      status,
    });
  const form = async (c: Context): Promise<Record<string, unknown>> => {
    try {
      return await c.req.parseBody();
    } catch {
      return {};
    }
  };
  const csrfValid = (c: Context, body: Record<string, unknown>) =>
    sessions.csrfValid(getCookie(c, CSRF_COOKIE), body.csrf);

  app.get(ADMIN_LOGIN_PATH, async (c) => page(c, 200, undefined, await currentSession(c)));

  app.post(ADMIN_LOGIN_PATH, async (c) => {
    const body = await form(c);
    const key = typeof body.key === 'string' ? body.key.trim() : '';
    const principal = key ? deps.keys.lookup(key) : undefined;
    if (!csrfValid(c, body)) {
      if (principal) await audit(c, 'admin.login', principal.id, 403);
      return page(c, 403, 'The form expired or did not come from this page; sign in again.');
    }
    if (!principal) {
      deps.anonymous.record();
      c.header('WWW-Authenticate', WWW_AUTHENTICATE);
      return page(c, 401, 'Unknown API key.');
    }
    const issued = checkAdmin(principal.scopes).ok ? sessions.issue(principal) : undefined;
    if (!issued) {
      await audit(c, 'admin.login', principal.id, 403);
      return page(c, 403, 'This key has no admin scope: only admin keys may open the dashboard.');
    }
    setCookie(c, SESSION_COOKIE, issued.token, cookieOptions(sessions.ttlMs));
    // A new nonce for the new session: a token seen before the login is worth nothing after it.
    setCookie(c, CSRF_COOKIE, sessions.newNonce(), cookieOptions(sessions.ttlMs * 2));
    await audit(c, 'admin.login', principal.id, 303);
    return c.redirect(ADMIN_QUEUES_PATH, 303);
  });

  app.post(ADMIN_LOGOUT_PATH, async (c) => {
    const body = await form(c);
    if (!csrfValid(c, body)) {
      return page(
        c,
        403,
        'The form expired or did not come from this page; sign out again.',
        await currentSession(c),
      );
    }
    const session = await currentSession(c);
    if (session) {
      await deps.revocations.revoke(session.sid, session.expiresAt);
      await audit(c, 'admin.logout', session.principal.id, 303);
    }
    deleteCookie(c, SESSION_COOKIE, { path: COOKIE_PATH, secure: true, httpOnly: true, sameSite: 'Strict' });
    return c.redirect(ADMIN_LOGIN_PATH, 303);
  });

  registerLoginDocs(app);
}

// biome-ignore lint/suspicious/noExplicitAny: registers on an app of any Env.
function registerLoginDocs(app: OpenAPIHono<any>): void {
  const tags = ['Admin'];
  const html = (description: string) => ({
    description,
    headers: responseHeaders(),
    content: { 'text/html': { schema: z.string() } },
  });
  // The form and its posts are open (they check the key and a CSRF token themselves), and under
  // the per-address limit of keyless traffic.
  const open = { security: noSecurity, tags };
  const errors = openRouteErrors({ anonymousLimit: true });
  const formBody = (fields: Record<string, z.ZodType>) => ({
    content: { 'application/x-www-form-urlencoded': { schema: z.object(fields) } },
  });
  const csrf = z.string().describe('The token of the form served by GET /admin/login');
  app.openAPIRegistry.registerPath(
    createRoute({
      method: 'get',
      path: ADMIN_LOGIN_PATH,
      operationId: 'getAdminLoginForm',
      summary: 'Browser sign-in form of the queue dashboard (no key needed)',
      ...open,
      responses: { 200: html('The form, or who is signed in and a sign-out button'), ...errors },
    }),
  );
  app.openAPIRegistry.registerPath(
    createRoute({
      method: 'post',
      path: ADMIN_LOGIN_PATH,
      operationId: 'adminLogin',
      summary: 'Sign in with an admin key: sets the dashboard session cookie',
      ...open,
      request: { body: formBody({ key: z.string().describe('An admin API key'), csrf }) },
      responses: {
        303: {
          description: 'Signed in: to /admin/queues, with the session cookie (Path=/admin)',
          headers: responseHeaders('Location'),
        },
        401: {
          ...html('Unknown key: the form again'),
          headers: responseHeaders('WWW-Authenticate'),
        },
        403: html('Missing or wrong CSRF token, or a key without the admin scope: the form again'),
        ...errors,
      },
    }),
  );
  app.openAPIRegistry.registerPath(
    createRoute({
      method: 'post',
      path: ADMIN_LOGOUT_PATH,
      operationId: 'adminLogout',
      summary: 'Sign out: ends the dashboard session',
      ...open,
      request: { body: formBody({ csrf }) },
      responses: {
        303: {
          description: 'Signed out: to /admin/login, the cookie cleared and the session revoked',
          headers: responseHeaders('Location'),
        },
        403: html('Missing or wrong CSRF token'),
        ...errors,
      },
    }),
  );
}
