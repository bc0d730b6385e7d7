import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv, RouteContext } from '../../context.js';
import { eventHandlers } from './events.handlers.js';
import * as routes from './events.routes.js';

/** `GET /v1/events`: the caller's events as Server-Sent Events (docs/architecture.md §12). */
export function registerEventRoutes(app: OpenAPIHono<AppEnv>, ctx: RouteContext): void {
  app.openapi(routes.streamEvents, eventHandlers(ctx).stream);
}
