import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv, RouteContext } from '../../context.js';
import { createRouter } from '../router.js';
import { webhookHandlers } from './webhooks.handlers.js';
import * as routes from './webhooks.routes.js';

/** Webhook deliveries: list them, read one, re-drive a failed one (docs/architecture.md §12). */
export function registerWebhookRoutes(app: OpenAPIHono<AppEnv>, ctx: RouteContext): void {
  const h = webhookHandlers(ctx);
  const router = createRouter()
    .openapi(routes.listDeliveries, h.list)
    .openapi(routes.getDelivery, h.get)
    .openapi(routes.retryDelivery, h.retry);
  app.route('/v1/webhooks', router);
}
