import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv, RouteContext } from '../../context.js';
import { jobListHandlers } from './job-list.handlers.js';
import { jobLogsHandler } from './job-logs.handlers.js';
import { jobHandlers } from './jobs.handlers.js';
import * as routes from './jobs.routes.js';

/** Job routes: create, delete, suspend/resume, live status, lists and logs (cluster-scoped). */
export function addJobRoutes(router: OpenAPIHono<AppEnv>, ctx: RouteContext): void {
  const h = jobHandlers(ctx);
  const lists = jobListHandlers(ctx);
  router
    .openapi(routes.createJob, h.create)
    .openapi(routes.deleteJob, h.remove)
    .openapi(routes.updateJob, h.update)
    .openapi(routes.getJob, h.get)
    .openapi(routes.listJobs, lists.list)
    .openapi(routes.listAllJobs, lists.listAll)
    .openapi(routes.getJobLogs, jobLogsHandler(ctx));
}
