import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { V1Job, V1Pod } from '@kubernetes/client-node';
import type { ClusterApis } from '../../shared/cluster/index.js';
import { newOperationId } from '../../shared/operations/index.js';
import { type AppEnv, clusterOf, type RouteContext } from '../context.js';
import type { ClusterClient } from '../deps.js';
import { ApiError } from '../errors.js';
import { summarizeJob } from '../job-status.js';
import { fromKubeError } from '../kube-errors.js';
import { buildJob } from '../manifest.js';
import {
  DeleteJobQuery,
  DryRunQuery,
  IdempotencyHeaders,
  JobCreateBody,
  JobList,
  JobListQuery,
  JobParams,
  JobStatus,
  JobStatusQuery,
  LogsQuery,
  NamespaceParams,
  OperationSchema,
} from '../schemas.js';
import { submit } from '../submit.js';
import {
  CLUSTER_BASES,
  type ClusterBase,
  COMMON_ERRORS,
  errorResponses,
  json,
  operationIdFor,
  paramsFor,
  security,
  tagsFor,
} from './openapi-helpers.js';

/** Runs a live read against the cluster, mapping its errors into the envelope. */
export async function kubeRead<T>(cluster: ClusterClient, fn: (apis: ClusterApis) => Promise<T>): Promise<T> {
  try {
    return await cluster.run(fn);
  } catch (err) {
    throw fromKubeError(err, cluster.name);
  }
}

/** Builds a Job from a create body and answers 422 with every problem when it is not valid. */
export function buildJobOrThrow(
  body: JobCreateBody,
  namespace: string,
  operationId: string,
): { job: V1Job; name: string } {
  const built = buildJob(body, { namespace, operationId });
  if (!built.ok) {
    throw new ApiError('ValidationFailed', 'the Job is not valid', {
      issues: built.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  return built;
}

/** Server-side dry run of a Job create: the object as the cluster would store it, or its 422. */
export async function dryRunJob(cluster: ClusterClient, namespace: string, job: V1Job): Promise<V1Job> {
  return kubeRead(cluster, (apis) => apis.batch.createNamespacedJob({ namespace, body: job, dryRun: 'All' }));
}

function newestPod(pods: V1Pod[]): V1Pod | undefined {
  const time = (p: V1Pod) => new Date(p.metadata?.creationTimestamp ?? 0).getTime();
  return pods.reduce<V1Pod | undefined>((a, b) => (a === undefined || time(b) >= time(a) ? b : a), undefined);
}

/** Reads one Job, sharing the upstream call with identical concurrent reads. */
export function readJob(
  ctx: RouteContext,
  cluster: ClusterClient,
  namespace: string,
  name: string,
): Promise<V1Job> {
  return ctx.reads.run(`job\n${cluster.name}\n${namespace}\n${name}`, () =>
    kubeRead<V1Job>(cluster, (apis) => apis.batch.readNamespacedJob({ name, namespace })),
  );
}

function registerFor(app: OpenAPIHono<AppEnv>, ctx: RouteContext, base: ClusterBase): void {
  const { auth } = ctx;
  const tags = tagsFor(base, 'Jobs');

  app.openapi(
    createRoute({
      method: 'post',
      path: `${base}/namespaces/{ns}/jobs`,
      operationId: operationIdFor(base, 'createJob'),
      summary: 'Create a Job (asynchronously)',
      description:
        'Validates the Job (a full batch/v1 manifest or the short form), resolves generateName to the final name, adds the management labels and enqueues job.create. Answers 202 with the operation; its target names the Job. With `?dryRun=true` nothing is enqueued: the cluster’s server-side dry run answers.',
      tags,
      security,
      request: {
        params: paramsFor(base, NamespaceParams),
        query: DryRunQuery,
        headers: IdempotencyHeaders,
        body: { required: true, content: { 'application/json': { schema: JobCreateBody } } },
      },
      responses: {
        202: json(OperationSchema, 'Accepted: the operation, with Location: /v1/operations/{id}'),
        201: json(OperationSchema, 'With Prefer: wait — the Job was created in time'),
        200: json(
          z.union([OperationSchema, z.record(z.string(), z.unknown())]),
          'Dry run: the Job as the cluster would store it',
        ),
        ...errorResponses(400, 409, 413, 415, 422, 502, ...COMMON_ERRORS),
      },
    }),
    async (c) => {
      const cluster = clusterOf(c, ctx.deps);
      const { ns } = c.req.valid('param');
      const body = c.req.valid('json');
      await auth.authorize(c.var.principal, { action: 'job.create', cluster: cluster.name, namespace: ns });
      const operationId = newOperationId(cluster.name);
      const { job, name } = buildJobOrThrow(body, ns, operationId);
      if (c.req.valid('query').dryRun) return c.json(await dryRunJob(cluster, ns, job), 200);
      return submit(c, ctx, {
        operationId,
        body,
        command: { cluster: cluster.name, command: 'job.create', payload: { namespace: ns, manifest: job } },
        doneStatus: 201,
        createdLocation: () => `${c.req.path}/${name}`,
      });
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: `${base}/namespaces/{ns}/jobs/{name}`,
      operationId: operationIdFor(base, 'deleteJob'),
      summary: 'Delete a Job (asynchronously)',
      description:
        'Enqueues job.delete. `propagationPolicy` defaults to Background, so the Job’s pods are deleted too.',
      tags,
      security,
      request: { params: paramsFor(base, JobParams), query: DeleteJobQuery, headers: IdempotencyHeaders },
      responses: {
        202: json(OperationSchema, 'Accepted: the operation'),
        200: json(OperationSchema, 'With Prefer: wait — the operation ended in time'),
        ...errorResponses(422, ...COMMON_ERRORS),
      },
    }),
    async (c) => {
      const cluster = clusterOf(c, ctx.deps);
      const { ns, name } = c.req.valid('param');
      const { propagationPolicy } = c.req.valid('query');
      await auth.authorize(c.var.principal, { action: 'job.delete', cluster: cluster.name, namespace: ns });
      return submit(c, ctx, {
        operationId: newOperationId(cluster.name),
        body: { propagationPolicy },
        command: {
          cluster: cluster.name,
          command: 'job.delete',
          payload: { namespace: ns, name, propagationPolicy },
        },
        doneStatus: 200,
      });
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: `${base}/namespaces/{ns}/jobs/{name}`,
      operationId: operationIdFor(base, 'getJob'),
      summary: 'Live status of a Job',
      description:
        'Read from the cluster’s Batch API (identical concurrent reads share one upstream call). The summary derives a phase from the conditions and counts; `?view=full` returns the Job object.',
      tags,
      security,
      request: { params: paramsFor(base, JobParams), query: JobStatusQuery },
      responses: {
        200: json(z.union([JobStatus, z.record(z.string(), z.unknown())]), 'The status summary, or the Job'),
        ...errorResponses(422, 502, ...COMMON_ERRORS),
      },
    }),
    async (c) => {
      const cluster = clusterOf(c, ctx.deps);
      const { ns, name } = c.req.valid('param');
      await auth.authorize(c.var.principal, { action: 'job.read', cluster: cluster.name, namespace: ns });
      const job = await readJob(ctx, cluster, ns, name);
      return c.json(
        c.req.valid('query').view === 'full' ? (job as Record<string, unknown>) : summarizeJob(job),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: `${base}/namespaces/{ns}/jobs`,
      operationId: operationIdFor(base, 'listJobs'),
      summary: 'List Jobs (live)',
      tags,
      security,
      request: { params: paramsFor(base, NamespaceParams), query: JobListQuery },
      responses: {
        200: json(JobList, 'A page of Jobs; pass `continue` to read the next'),
        ...errorResponses(400, 422, 502, ...COMMON_ERRORS),
      },
    }),
    async (c) => {
      const cluster = clusterOf(c, ctx.deps);
      const { ns } = c.req.valid('param');
      const q = c.req.valid('query');
      await auth.authorize(c.var.principal, { action: 'job.read', cluster: cluster.name, namespace: ns });
      const key = `jobs\n${cluster.name}\n${ns}\n${q.labelSelector ?? ''}\n${q.limit}\n${q.continue ?? ''}`;
      const list = await ctx.reads.run(key, () =>
        kubeRead<{ items: V1Job[]; metadata?: { _continue?: string } }>(cluster, (apis) =>
          apis.batch.listNamespacedJob({
            namespace: ns,
            limit: q.limit,
            ...(q.labelSelector ? { labelSelector: q.labelSelector } : {}),
            ...(q.continue ? { _continue: q.continue } : {}),
          }),
        ),
      );
      const next = list.metadata?._continue;
      return c.json(
        {
          items: list.items.map((j) =>
            q.view === 'full' ? (j as Record<string, unknown>) : summarizeJob(j),
          ),
          ...(next ? { continue: next } : {}),
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: `${base}/namespaces/{ns}/jobs/{name}/logs`,
      operationId: operationIdFor(base, 'getJobLogs'),
      summary: 'Logs of a Job’s newest pod',
      description:
        'Plain text. `pod` picks another pod of the Job; the answer names the pod in `X-Pod-Name`.',
      tags,
      security,
      request: { params: paramsFor(base, JobParams), query: LogsQuery },
      responses: {
        200: { description: 'The log', content: { 'text/plain': { schema: z.string() } } },
        ...errorResponses(400, 422, 502, ...COMMON_ERRORS),
      },
    }),
    async (c) => {
      const cluster = clusterOf(c, ctx.deps);
      const { ns, name } = c.req.valid('param');
      const q = c.req.valid('query');
      await auth.authorize(c.var.principal, { action: 'job.read', cluster: cluster.name, namespace: ns });
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
    },
  );
}

/** Job routes: create, delete, live status, list and logs, under both cluster bases. */
export function registerJobRoutes(app: OpenAPIHono<AppEnv>, ctx: RouteContext): void {
  for (const base of CLUSTER_BASES) registerFor(app, ctx, base);
}
