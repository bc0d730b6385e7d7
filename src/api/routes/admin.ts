import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { HonoAdapter } from '@bull-board/hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { type Context, Hono } from 'hono';
import type { QueueMonitor } from '../../shared/metrics/queue-monitor.js';
import { SESSION_COOKIE } from '../auth/admin-session.js';
import type { AppEnv } from '../context.js';
import { ApiError } from '../errors.js';
import { errorResponses, responseHeaders, security } from './openapi-helpers.js';

/** Where the queue dashboard is served. */
export const ADMIN_QUEUES_PATH = '/admin/queues';

/**
 * `GET /admin/queues` and everything under it: the bull-board dashboard of the cluster queues,
 * for admin keys (the security seam's path check refuses other keys; the handler checks again).
 *
 * The board is read-only: operations are re-driven or cancelled through `/v1/operations`, which
 * validates and audits. It is served through one wildcard route rather than bull-board's own
 * route table, so the app's routes (and its OpenAPI document) do not change with bull-board
 * releases; the board is built on first use because its queues talk to Redis.
 */
export function registerAdminRoutes(app: OpenAPIHono<AppEnv>, monitor: Pick<QueueMonitor, 'queues'>): void {
  let board: Hono | undefined;
  // What the board app threw for a request, rethrown in the API's own context so `onError`
  // logs it with the request id and answers in the error envelope.
  const thrown = new WeakMap<Request, unknown>();
  const boardApp = (): Hono => {
    if (!board) {
      const serverAdapter = new HonoAdapter(serveStatic).setBasePath(ADMIN_QUEUES_PATH);
      createBullBoard({
        queues: monitor.queues().map((q) => new BullMQAdapter(q, { readOnlyMode: true })),
        serverAdapter,
        options: {
          // A plain link: the login page shows who is signed in and the (CSRF-protected) sign-out.
          uiConfig: { boardTitle: 'eks-jobs', miscLinks: [{ text: 'Sign out', url: '/admin/login' }] },
        },
      });
      const capture = (err: Error, c: Context) => {
        thrown.set(c.req.raw, err);
        return c.body(null, 500);
      };
      // The adapter's app comes from Hono's CommonJS build, which wraps its routes in that app's own
      // error handler when mounted: capture there too, or its default answers a plain-text 500.
      const plugin = serverAdapter.registerPlugin().onError(capture);
      // Not strict: the page sets <base href="/admin/queues/">, so the UI asks for the trailing slash.
      const mounted = new Hono({ strict: false }).route(ADMIN_QUEUES_PATH, plugin).onError(capture);
      mounted.notFound((c) => {
        throw new ApiError('RouteNotFound', `no route for ${c.req.method} ${c.req.path}`);
      });
      board = mounted;
    }
    return board;
  };
  const serve = async (c: Context<AppEnv>) => {
    const scopes = (c.var.principal as { scopes?: { admin?: boolean } } | undefined)?.scopes;
    if (!scopes?.admin) {
      throw new ApiError('Forbidden', 'this route needs an admin key (admin)', { scope: 'admin' });
    }
    const res = await boardApp().fetch(c.req.raw, c.env);
    if (thrown.has(c.req.raw)) throw thrown.get(c.req.raw);
    return res.headers.get('content-type')?.startsWith('text/html') ? withoutExternalLinks(res) : res;
  };

  const tags = ['Admin'];
  app.openAPIRegistry.registerComponent('securitySchemes', 'adminSession', {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description: 'The browser session POST /admin/login sets; only the dashboard’s paths accept it',
  });
  // An admin key, or a browser's session cookie.
  const dashboardSecurity = [...security, { adminSession: [] }];
  const signIn = {
    description:
      'A page request (Accept: text/html) without a key or a valid session: to the sign-in form, /admin/login',
    headers: responseHeaders('Location'),
  };
  app.openAPIRegistry.registerPath(
    createRoute({
      method: 'get',
      path: ADMIN_QUEUES_PATH,
      operationId: 'getQueueDashboard',
      summary: 'Queue dashboard (bull-board, read-only) for admin keys',
      tags,
      security: dashboardSecurity,
      responses: {
        200: {
          description: 'HTML',
          headers: responseHeaders(),
          content: { 'text/html': { schema: z.string() } },
        },
        303: signIn,
        ...errorResponses(401, 403),
      },
    }),
  );
  // Documents the wildcard route as served (every served route is documented); bull-board's own
  // paths under it are listed in the description, not as operations: they change with its releases.
  app.openAPIRegistry.registerPath(
    createRoute({
      method: 'get',
      path: `${ADMIN_QUEUES_PATH}/*`,
      operationId: 'getQueueDashboardResource',
      summary: "The dashboard's own pages, assets and JSON (bull-board's; not a stable API)",
      description:
        'Not a path template: `*` stands for any path under /admin/queues/, all of it bull-board’s and read-only — the page again for its client-side routes (`queue/{name}`, …), its scripts, styles and images (`static/…`) and the JSON the page reads (`api/queues`, `api/redis/stats`, …). For programs, use /v1/operations.',
      tags,
      security: dashboardSecurity,
      responses: {
        200: { description: 'A page, an asset or JSON', headers: responseHeaders() },
        303: signIn,
        ...errorResponses(401, 403, 404),
      },
    }),
  );
  app.get(ADMIN_QUEUES_PATH, serve);
  app.get(`${ADMIN_QUEUES_PATH}/*`, serve);
}

/**
 * bull-board's page links its fonts from Google: dropped, so the dashboard loads nothing from
 * elsewhere (it then uses the browser's sans-serif). Its scripts and styles are its own, served
 * from node_modules under `/admin/queues/static`.
 */
async function withoutExternalLinks(res: Response): Promise<Response> {
  const html = (await res.text()).replace(/<link\b[^>]*\bhref="https?:\/\/[^"]*"[^>]*>\s*/gi, '');
  const headers = new Headers(res.headers);
  headers.delete('content-length');
  return new Response(html, { status: res.status, headers });
}
