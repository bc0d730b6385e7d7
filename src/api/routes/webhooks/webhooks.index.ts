import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv, RouteContext } from '../../context.js';

/** Webhook deliveries: list them, re-drive one (docs/architecture.md §12). */
export function registerWebhookRoutes(_app: OpenAPIHono<AppEnv>, _ctx: RouteContext): void {}
