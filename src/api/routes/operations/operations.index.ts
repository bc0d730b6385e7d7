import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv, RouteContext } from '../../context.js';
import { operationHandlers } from './operations.handlers.js';
import * as routes from './operations.routes.js';

/** Operation routes: get, list, retry and cancel (served under both cluster bases). */
export function addOperationRoutes(router: OpenAPIHono<AppEnv>, ctx: RouteContext): void {
  const h = operationHandlers(ctx);
  router
    .openapi(routes.getOperation, h.get)
    .openapi(routes.listOperations, h.list)
    .openapi(routes.retryOperation, h.retry)
    .openapi(routes.cancelOperation, h.cancel);
}
