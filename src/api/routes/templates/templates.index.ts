import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv, RouteContext } from '../../context.js';
import { createRouter } from '../router.js';
import { templateHandlers } from './templates.handlers.js';
import * as routes from './templates.routes.js';

/** Job templates: create, list, read, revise, delete, and their revisions (docs/templates.md). */
export function registerTemplateRoutes(app: OpenAPIHono<AppEnv>, ctx: RouteContext): void {
  const h = templateHandlers(ctx);
  const router = createRouter()
    .openapi(routes.createTemplate, h.create)
    .openapi(routes.listTemplates, h.list)
    .openapi(routes.getTemplate, h.get)
    .openapi(routes.reviseTemplate, h.revise)
    .openapi(routes.deleteTemplate, h.remove)
    .openapi(routes.listTemplateRevisions, h.revisions)
    .openapi(routes.getTemplateRevision, h.revision);
  app.route('/v1/templates', router);
}
