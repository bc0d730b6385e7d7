import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv, RouteContext } from '../../context.js';
import { namespaceHandlers } from './namespaces.handlers.js';
import * as routes from './namespaces.routes.js';

/** Namespace routes: create and delete (cluster-scoped). */
export function addNamespaceRoutes(router: OpenAPIHono<AppEnv>, ctx: RouteContext): void {
  const h = namespaceHandlers(ctx);
  router.openapi(routes.createNamespace, h.create).openapi(routes.deleteNamespace, h.remove);
}
