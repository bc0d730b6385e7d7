import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { V1Namespace } from '@kubernetes/client-node';
import { managementLabels } from '../../shared/commands/index.js';
import { newOperationId } from '../../shared/operations/index.js';
import { type AppEnv, clusterOf, type RouteContext } from '../context.js';
import {
  DryRunQuery,
  IdempotencyHeaders,
  NamespaceCreateBody,
  NamespaceNameParams,
  OperationSchema,
} from '../schemas.js';
import { submit } from '../submit.js';
import { kubeRead } from './jobs.js';
import {
  CLUSTER_BASES,
  type ClusterBase,
  COMMON_ERRORS,
  clusterParamsFor,
  errorResponses,
  json,
  operationIdFor,
  paramsFor,
  security,
  tagsFor,
} from './openapi-helpers.js';

/** The Namespace object a `namespace.create` makes, with the management labels. */
export function buildNamespace(body: z.infer<typeof NamespaceCreateBody>, operationId: string): V1Namespace {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: body.name,
      labels: { ...body.labels, ...managementLabels(operationId) },
      ...(body.annotations ? { annotations: body.annotations } : {}),
    },
  };
}

function registerFor(app: OpenAPIHono<AppEnv>, ctx: RouteContext, base: ClusterBase): void {
  const tags = tagsFor(base, 'Namespaces');
  app.openapi(
    createRoute({
      method: 'post',
      path: `${base}/namespaces`,
      operationId: operationIdFor(base, 'createNamespace'),
      summary: 'Create a Namespace (asynchronously)',
      tags,
      security,
      request: {
        ...(clusterParamsFor(base) ? { params: clusterParamsFor(base) } : {}),
        query: DryRunQuery,
        headers: IdempotencyHeaders,
        body: { required: true, content: { 'application/json': { schema: NamespaceCreateBody } } },
      },
      responses: {
        202: json(OperationSchema, 'Accepted: the operation'),
        201: json(OperationSchema, 'With Prefer: wait — the Namespace was created in time'),
        200: json(
          z.union([OperationSchema, z.record(z.string(), z.unknown())]),
          'Dry run: the Namespace as the cluster would store it',
        ),
        ...errorResponses(400, 409, 413, 415, 422, 502, ...COMMON_ERRORS),
      },
    }),
    async (c) => {
      const cluster = clusterOf(c, ctx.deps);
      const body = c.req.valid('json');
      await ctx.auth.authorize(c.var.principal, {
        action: 'namespace.create',
        cluster: cluster.name,
        namespace: body.name,
      });
      const operationId = newOperationId(cluster.name);
      if (c.req.valid('query').dryRun) {
        const stored = await kubeRead<V1Namespace>(cluster, (apis) =>
          apis.core.createNamespace({ body: buildNamespace(body, operationId), dryRun: 'All' }),
        );
        return c.json(stored as Record<string, unknown>, 200);
      }
      return submit(c, ctx, {
        operationId,
        body,
        command: { cluster: cluster.name, command: 'namespace.create', payload: body },
        doneStatus: 201,
        createdLocation: () => `${base.replace('{cluster}', cluster.name)}/namespaces/${body.name}/jobs`,
      });
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: `${base}/namespaces/{name}`,
      operationId: operationIdFor(base, 'deleteNamespace'),
      summary: 'Delete a Namespace (asynchronously)',
      description: 'Enqueues namespace.delete; the namespace goes through Terminating before it disappears.',
      tags,
      security,
      request: { params: paramsFor(base, NamespaceNameParams), headers: IdempotencyHeaders },
      responses: {
        202: json(OperationSchema, 'Accepted: the operation'),
        200: json(OperationSchema, 'With Prefer: wait — the operation ended in time'),
        ...errorResponses(422, ...COMMON_ERRORS),
      },
    }),
    async (c) => {
      const cluster = clusterOf(c, ctx.deps);
      const { name } = c.req.valid('param');
      await ctx.auth.authorize(c.var.principal, {
        action: 'namespace.delete',
        cluster: cluster.name,
        namespace: name,
      });
      return submit(c, ctx, {
        operationId: newOperationId(cluster.name),
        body: {},
        command: { cluster: cluster.name, command: 'namespace.delete', payload: { name } },
        doneStatus: 200,
      });
    },
  );
}

/** Namespace routes: create and delete, under both cluster bases. */
export function registerNamespaceRoutes(app: OpenAPIHono<AppEnv>, ctx: RouteContext): void {
  for (const base of CLUSTER_BASES) registerFor(app, ctx, base);
}
