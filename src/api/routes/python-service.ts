import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { type AppEnv, clusterOf, type RouteContext } from '../context.js';
import { jobCreatePayload } from '../job-manifest.js';
import { summarizeJob } from '../job-status.js';
import { readJob } from '../kube-reads.js';
import { policedJobBuilder } from '../policy/enforce.js';
import { JobName, NamespaceName, OperationSchema, PropagationPolicy } from '../schemas.js';
import { submit } from '../submit.js';
import { COMMON_ERRORS, errorResponses, json, OPERATION_HEADERS, security } from './openapi-helpers.js';

/**
 * The original Python service's endpoints, with its paths and parameter names (`namespace`,
 * `job_name`, `image`, `command`), mapped onto the same pipeline as the `/v1` routes. They act
 * on the default cluster and answer like `/v1` (202 + operation, one error envelope).
 */

const SeedCreateJob = z
  .object({
    namespace: NamespaceName,
    job_name: JobName.optional().describe('Final name; give this or generate_name'),
    generate_name: z.string().optional(),
    image: z.string().min(1),
    command: z
      .union([z.array(z.string()), z.string()])
      .optional()
      .describe('A list, or a string run with sh -c'),
    args: z.array(z.string()).optional(),
    env: z.record(z.string(), z.string()).optional(),
    labels: z.record(z.string(), z.string()).optional(),
    backoff_limit: z.number().int().min(0).optional(),
    active_deadline_seconds: z.number().int().positive().optional(),
    ttl_seconds_after_finished: z.number().int().min(0).optional(),
  })
  .openapi('SeedCreateJob', {
    example: { namespace: 'team-a', job_name: 'hello', image: 'busybox:1.36', command: 'echo hello' },
  });

const SeedJobQuery = z.object({ namespace: NamespaceName, job_name: JobName });
const SeedDeleteJobQuery = SeedJobQuery.extend({
  propagation_policy: PropagationPolicy.default('Background'),
});
const SeedNamespaceBody = z.object({ namespace: NamespaceName }).openapi('SeedCreateNamespace');
const SeedNamespaceQuery = z.object({ namespace: NamespaceName });

const SeedJobStatus = z
  .object({
    job_name: z.string(),
    namespace: z.string(),
    status: z.enum(['Pending', 'Running', 'Succeeded', 'Failed', 'Suspended']),
    active: z.number().int(),
    succeeded: z.number().int(),
    failed: z.number().int(),
    start_time: z.string().nullable(),
    completion_time: z.string().nullable(),
    reason: z.string().nullable(),
    operation_id: z.string().nullable(),
  })
  .openapi('SeedJobStatus');

/** The Python service's `/api/eks-*` endpoints. */
export function registerPythonServiceRoutes(app: OpenAPIHono<AppEnv>, ctx: RouteContext): void {
  const tags = ['Seed compatibility'];
  const accepted = {
    202: json(OperationSchema, 'Accepted: the operation (as the /v1 route answers)', OPERATION_HEADERS),
    201: json(OperationSchema, 'With Prefer: wait — created in time', OPERATION_HEADERS),
    200: json(OperationSchema, 'With Prefer: wait — ended in time', OPERATION_HEADERS),
    ...errorResponses(400, 413, 415, 422, ...COMMON_ERRORS),
  };

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/eks-create-job',
      operationId: 'seedCreateJob',
      summary: 'Create a Job — alias of POST /v1/namespaces/{ns}/jobs',
      tags,
      security,
      request: { body: { required: true, content: { 'application/json': { schema: SeedCreateJob } } } },
      responses: accepted,
    }),
    async (c) => {
      const cluster = clusterOf(c, ctx.deps);
      const b = c.req.valid('json');
      await ctx.auth.authorize(c.var.principal, {
        action: 'job.create',
        cluster: cluster.name,
        namespace: b.namespace,
      });
      const shortForm = {
        ...(b.job_name ? { name: b.job_name } : {}),
        ...(b.generate_name ? { generateName: b.generate_name } : {}),
        image: b.image,
        ...(b.command !== undefined
          ? { command: typeof b.command === 'string' ? ['sh', '-c', b.command] : b.command }
          : {}),
        ...(b.args ? { args: b.args } : {}),
        ...(b.env ? { env: b.env } : {}),
        ...(b.labels ? { labels: b.labels } : {}),
        ...(b.backoff_limit !== undefined ? { backoffLimit: b.backoff_limit } : {}),
        ...(b.active_deadline_seconds !== undefined
          ? { activeDeadlineSeconds: b.active_deadline_seconds }
          : {}),
        ...(b.ttl_seconds_after_finished !== undefined
          ? { ttlSecondsAfterFinished: b.ttl_seconds_after_finished }
          : {}),
      };
      const { operationId: candidate, build } = await policedJobBuilder(
        ctx,
        c.var.principal,
        cluster,
        b.namespace,
        shortForm,
      );
      return submit(c, ctx, {
        cluster: cluster.name,
        operationId: candidate,
        build: (operationId) => ({
          cluster: cluster.name,
          command: 'job.create',
          payload: jobCreatePayload(b.namespace, build(operationId)),
        }),
        body: b,
        doneStatus: 201,
      });
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/eks-delete-job',
      operationId: 'seedDeleteJob',
      summary: 'Delete a Job — alias of DELETE /v1/namespaces/{ns}/jobs/{name}',
      tags,
      security,
      request: { query: SeedDeleteJobQuery },
      responses: accepted,
    }),
    async (c) => {
      const cluster = clusterOf(c, ctx.deps);
      const q = c.req.valid('query');
      await ctx.auth.authorize(c.var.principal, {
        action: 'job.delete',
        cluster: cluster.name,
        namespace: q.namespace,
      });
      return submit(c, ctx, {
        cluster: cluster.name,
        build: () => ({
          cluster: cluster.name,
          command: 'job.delete',
          payload: { namespace: q.namespace, name: q.job_name, propagationPolicy: q.propagation_policy },
        }),
        body: q,
        doneStatus: 200,
      });
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/eks-job-status',
      operationId: 'seedJobStatus',
      summary: 'Live Job status — alias of GET /v1/namespaces/{ns}/jobs/{name}',
      tags,
      security,
      request: { query: SeedJobQuery },
      responses: { 200: json(SeedJobStatus, 'The status'), ...errorResponses(422, 502, ...COMMON_ERRORS) },
    }),
    async (c) => {
      const cluster = clusterOf(c, ctx.deps);
      const q = c.req.valid('query');
      await ctx.auth.authorize(c.var.principal, {
        action: 'job.read',
        cluster: cluster.name,
        namespace: q.namespace,
      });
      const s = summarizeJob(await readJob(ctx, cluster, q.namespace, q.job_name));
      return c.json(
        {
          job_name: s.name,
          namespace: s.namespace,
          status: s.phase,
          active: s.counts.active,
          succeeded: s.counts.succeeded,
          failed: s.counts.failed,
          start_time: s.startTime ?? null,
          completion_time: s.completionTime ?? null,
          reason: s.reason ?? null,
          operation_id: s.operationId ?? null,
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/eks-create-namespace',
      operationId: 'seedCreateNamespace',
      summary: 'Create a Namespace — alias of POST /v1/namespaces',
      tags,
      security,
      request: { body: { required: true, content: { 'application/json': { schema: SeedNamespaceBody } } } },
      responses: accepted,
    }),
    async (c) => {
      const cluster = clusterOf(c, ctx.deps);
      const { namespace } = c.req.valid('json');
      await ctx.auth.authorize(c.var.principal, {
        action: 'namespace.create',
        cluster: cluster.name,
        namespace,
      });
      return submit(c, ctx, {
        cluster: cluster.name,
        build: () => ({ cluster: cluster.name, command: 'namespace.create', payload: { name: namespace } }),
        body: { namespace },
        doneStatus: 201,
      });
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/eks-delete-namespace',
      operationId: 'seedDeleteNamespace',
      summary: 'Delete a Namespace — alias of DELETE /v1/namespaces/{name}',
      tags,
      security,
      request: { query: SeedNamespaceQuery },
      responses: accepted,
    }),
    async (c) => {
      const cluster = clusterOf(c, ctx.deps);
      const { namespace } = c.req.valid('query');
      await ctx.auth.authorize(c.var.principal, {
        action: 'namespace.delete',
        cluster: cluster.name,
        namespace,
      });
      return submit(c, ctx, {
        cluster: cluster.name,
        build: () => ({ cluster: cluster.name, command: 'namespace.delete', payload: { name: namespace } }),
        body: { namespace },
        doneStatus: 200,
      });
    },
  );
}
