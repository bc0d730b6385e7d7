import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv, RouteContext } from '../../context.js';

/** `GET /v1/events`: the caller's events as Server-Sent Events (docs/architecture.md §12). */
export function registerEventRoutes(_app: OpenAPIHono<AppEnv>, _ctx: RouteContext): void {}
