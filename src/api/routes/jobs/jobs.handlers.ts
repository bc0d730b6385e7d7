import type { V1Job, V1Pod } from '@kubernetes/client-node';
import type { Context } from 'hono';
import { type AppEnv, clusterOf, type RouteContext } from '../../context.js';
import { ApiError } from '../../errors.js';
import { jobCreatePayload } from '../../job-manifest.js';
import { summarizeJob } from '../../job-status.js';
import { dryRun, kubeRead, readJob } from '../../kube-reads.js';
import { policedJobBuilder } from '../../policy/enforce.js';
import { submit } from '../../submit.js';
import type { AppRouteHandler } from '../router.js';
import type { createJob, deleteJob, getJob, getJobLogs, listJobs, updateJob } from './jobs.routes.js';

function newestPod(pods: V1Pod[]): V1Pod | undefined {
  const time = (p: V1Pod) => new Date(p.metadata?.creationTimestamp ?? 0).getTime();
  return pods.reduce<V1Pod | undefined>((a, b) => (a === undefined || time(b) >= time(a) ? b : a), undefined);
}

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
    const { operationId: candidate, build } = await policedJobBuilder(
      ctx,
      c.var.principal,
      cluster,
      ns,
      body,
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

  const list: AppRouteHandler<typeof listJobs> = async (c) => {
    const { ns } = c.req.valid('param');
    const q = c.req.valid('query');
    const cluster = await authorized(c, ctx, 'job.read', ns);
    const key = `jobs\n${cluster.name}\n${ns}\n${q.labelSelector ?? ''}\n${q.limit}\n${q.continue ?? ''}`;
    const page = await ctx.reads.run(key, () =>
      kubeRead<{ items: V1Job[]; metadata?: { _continue?: string } }>(cluster, (apis) =>
        apis.batch.listNamespacedJob({
          namespace: ns,
          limit: q.limit,
          ...(q.labelSelector ? { labelSelector: q.labelSelector } : {}),
          ...(q.continue ? { _continue: q.continue } : {}),
        }),
      ),
    );
    const next = page.metadata?._continue;
    return c.json(
      {
        items: page.items.map((j) => (q.view === 'full' ? (j as Record<string, unknown>) : summarizeJob(j))),
        ...(next ? { continue: next } : {}),
      },
      200,
    );
  };

  const logs: AppRouteHandler<typeof getJobLogs> = async (c) => {
    const { ns, name } = c.req.valid('param');
    const q = c.req.valid('query');
    const cluster = await authorized(c, ctx, 'job.read', ns);
    const pods = await ctx.reads.run(`pods\n${cluster.name}\n${ns}\n${name}`, () =>
      kubeRead<{ items: V1Pod[] }>(cluster, (apis) =>
        apis.core.listNamespacedPod({ namespace: ns, labelSelector: `job-name=${name}` }),
      ),
    );
    const pod = q.pod ? pods.items.find((p) => p.metadata?.name === q.pod) : newestPod(pods.items);
    if (!pod?.metadata?.name) {
      if (q.pod) throw new ApiError('PodNotFound', `pod "${q.pod}" is not a pod of Job "${name}"`);
      await readJob(ctx, cluster, ns, name); // 404 JobNotFound when the Job itself is gone
      throw new ApiError('PodNotFound', `Job "${name}" has no pods yet`);
    }
    const podName = pod.metadata.name;
    const log = await ctx.reads.run(
      `log\n${cluster.name}\n${ns}\n${podName}\n${q.container ?? ''}\n${q.tailLines ?? ''}\n${q.previous ?? ''}`,
      () =>
        kubeRead<string>(cluster, (apis) =>
          apis.core.readNamespacedPodLog({
            name: podName,
            namespace: ns,
            ...(q.container ? { container: q.container } : {}),
            ...(q.tailLines ? { tailLines: q.tailLines } : {}),
            ...(q.previous ? { previous: true } : {}),
          }),
        ),
    );
    c.header('X-Pod-Name', podName);
    return c.text(log, 200);
  };

  return { create, remove, update, get, list, logs };
}
