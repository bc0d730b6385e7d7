import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { ADMIN_LOGIN_PATH, ADMIN_LOGOUT_PATH } from './auth/admin-session.js';
import { ADMIN_QUEUES_PATH } from './routes/admin.js';

/**
 * The browser-facing hardening headers of every answer (Hono's `secureHeaders`, OWASP's REST
 * and HTML sets):
 *
 * - everywhere: `X-Content-Type-Options: nosniff`, `Referrer-Policy: no-referrer`,
 *   `Cross-Origin-Resource-Policy`/`-Opener-Policy: same-origin`, `X-Frame-Options: DENY`, and
 *   `Cache-Control: no-store` unless the route chose its own caching (answers carry operation
 *   ids, Job specs and logs: no shared cache or browser history should keep them);
 * - API answers (JSON, not meant to be rendered): `Content-Security-Policy: default-src 'none';
 *   frame-ancestors 'none'` — a JSON body opened as a page can run nothing and be framed nowhere;
 * - the pages, `/docs`, `/admin/queues`, `/admin/login` (and its logout): a CSP allowing only the service's
 *   own origin (plus the reference's inline configuration script), with `frame-ancestors 'none'`
 *   (no clickjacking of the dashboard or its login).
 *
 * No `Strict-Transport-Security`: the service speaks plain HTTP behind the TLS terminator (the
 * ALB or ingress), which owns HSTS for its host.
 */
export function securityHeaders(): MiddlewareHandler {
  const common = {
    strictTransportSecurity: false,
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
  } as const;
  const api = secureHeaders({
    ...common,
    contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
  });
  const page = (sources: PageSources) =>
    secureHeaders({
      ...common,
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", ...(sources.script ?? [])],
        styleSrc: ["'self'", "'unsafe-inline'", ...(sources.style ?? [])],
        fontSrc: ["'self'", 'data:', ...(sources.font ?? [])],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", ...(sources.connect ?? [])],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    });
  // Every page loads from the service alone. /docs: its script is served under /docs/assets,
  // plus the inline script that holds Scalar's configuration; the dashboard: bull-board's own
  // assets (its Google Fonts link is removed, `routes/admin.ts`); the login form: nothing but
  // its inline style.
  const docs = page({ script: ["'unsafe-inline'"] });
  const dashboard = page({});
  return async (c, next) => {
    const path = c.req.path;
    const headers =
      path === '/docs'
        ? docs
        : path === ADMIN_QUEUES_PATH ||
            path.startsWith(`${ADMIN_QUEUES_PATH}/`) ||
            path === ADMIN_LOGIN_PATH ||
            path === ADMIN_LOGOUT_PATH
          ? dashboard
          : api;
    await headers(c, async () => {
      await next();
      if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
    });
  };
}

/** Extra sources one page loads beyond its own origin, per CSP directive. */
interface PageSources {
  script?: string[];
  style?: string[];
  font?: string[];
  connect?: string[];
}
