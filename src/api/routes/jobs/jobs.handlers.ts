import type { Context } from 'hono';
import { type AppEnv, clusterOf, type RouteContext } from '../../context.js';
import { jobCreatePayload } from '../../job-manifest.js';
import { summarizeJob } from '../../job-status.js';
import { dryRun, readJob } from '../../kube-reads.js';
import { policedJobBuilder } from '../../policy/enforce.js';
import { isTemplateSubmission, type JobCreateBody } from '../../schemas.js';
import { submit } from '../../submit.js';
import { renderSubmission } from '../../templates/submission.js';
import type { AppRouteHandler } from '../router.js';
import type { createJob, deleteJob, getJob, updateJob } from './jobs.routes.js';

async function authorized(
  c: Context<AppEnv>,
  ctx: RouteContext,
  action: 'job.create' | 'job.delete' | 'job.suspend' | 'job.read',
  namespace: string,
) {
  const cluster = clusterOf(c, ctx.deps);
  await ctx.auth.authorize(c.var.principal, { action, cluster: cluster.name, namespace });
  return cluster;
}

/** The Job routes' handlers, over the app's dependencies. */
export function jobHandlers(ctx: RouteContext) {
  const create: AppRouteHandler<typeof createJob> = async (c) => {
    const { ns } = c.req.valid('param');
    const body = c.req.valid('json');
    const cluster = await authorized(c, ctx, 'job.create', ns);
    const templated = isTemplateSubmission(body)
      ? await renderSubmission(ctx, c.var.principal, body, ns)
      : undefined;
    const job = templated?.job ?? (body as JobCreateBody);
    const { operationId: candidate, build } = await policedJobBuilder(
      ctx,
      c.var.principal,
      cluster,
      ns,
      job,
      templated?.labels,
    );
    const command = (operationId: string) => ({
      cluster: cluster.name,
      command: 'job.create' as const,
      payload: jobCreatePayload(ns, build(operationId)),
    });
    if (c.req.valid('query').dryRun) {
      return c.json((await dryRun(cluster, command(candidate), candidate)) as Record<string, unknown>, 200);
    }
    return submit(c, ctx, {
      cluster: cluster.name,
      operationId: candidate,
      build: command,
      body,
      doneStatus: 201,
      createdLocation: (op) => `${c.req.path}/${op.target.name}`,
      ...(body.callback ? { callback: body.callback } : {}),
    });
  };

  const remove: AppRouteHandler<typeof deleteJob> = async (c) => {
    const { ns, name } = c.req.valid('param');
    const { propagationPolicy } = c.req.valid('query');
    const { callback } = c.req.valid('json');
    const cluster = await authorized(c, ctx, 'job.delete', ns);
    return submit(c, ctx, {
      cluster: cluster.name,
      build: () => ({
        cluster: cluster.name,
        command: 'job.delete',
        payload: { namespace: ns, name, propagationPolicy },
      }),
      body: { propagationPolicy, ...(callback ? { callback } : {}) },
      doneStatus: 200,
      ...(callback ? { callback } : {}),
    });
  };

  const update: AppRouteHandler<typeof updateJob> = async (c) => {
    const { ns, name } = c.req.valid('param');
    const body = c.req.valid('json');
    const cluster = await authorized(c, ctx, 'job.suspend', ns);
    return submit(c, ctx, {
      cluster: cluster.name,
      build: () => ({
        cluster: cluster.name,
        command: 'job.suspend',
        payload: { namespace: ns, name, suspend: body.suspend },
      }),
      body,
      doneStatus: 200,
      ...(body.callback ? { callback: body.callback } : {}),
    });
  };

  const get: AppRouteHandler<typeof getJob> = async (c) => {
    const { ns, name } = c.req.valid('param');
    const cluster = await authorized(c, ctx, 'job.read', ns);
    const job = await readJob(ctx, cluster, ns, name);
    return c.json(
      c.req.valid('query').view === 'full' ? (job as Record<string, unknown>) : summarizeJob(job),
      200,
    );
  };

  return { create, remove, update, get };
}
