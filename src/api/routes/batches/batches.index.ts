import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv, RouteContext } from '../../context.js';
import { batchHandlers, groupByItem } from './batches.handlers.js';
import * as routes from './batches.routes.js';

/** Batch routes: bulk create and progress (cluster-scoped). */
export function addBatchRoutes(router: OpenAPIHono<AppEnv>, ctx: RouteContext): void {
  const h = batchHandlers(ctx);
  router
    .openapi(routes.createBatchRoute(ctx.deps.config.maxBatchItems), h.create, (result) => {
      if (!result.success) throw groupByItem(result.error.issues);
      return undefined;
    })
    .openapi(routes.getBatch, h.get);
}
