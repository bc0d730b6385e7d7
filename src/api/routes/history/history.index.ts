import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv, RouteContext } from '../../context.js';
import { historyHandlers } from './history.handlers.js';
import * as routes from './history.routes.js';

/** Job history from PostgreSQL: list and read (served under both cluster bases; docs/history.md). */
export function addHistoryRoutes(router: OpenAPIHono<AppEnv>, ctx: RouteContext): void {
  const h = historyHandlers(ctx);
  router.openapi(routes.listHistoryJobs, h.list).openapi(routes.getHistoryJob, h.get);
}
