import { newOperationId } from '../../../shared/operations/index.js';
import { clusterOf, type RouteContext } from '../../context.js';
import { ApiError } from '../../errors.js';
import { dryRun } from '../../kube-reads.js';
import { policyOf } from '../../policy/enforce.js';
import { checkNamespaceMetadata } from '../../policy/workload-policy.js';
import { submit } from '../../submit.js';
import type { AppRouteHandler } from '../router.js';
import type { createNamespace, deleteNamespace } from './namespaces.routes.js';

/** The Namespace routes' handlers. */
export function namespaceHandlers(ctx: RouteContext) {
  const create: AppRouteHandler<typeof createNamespace> = async (c) => {
    const cluster = clusterOf(c, ctx.deps);
    const body = c.req.valid('json');
    await ctx.auth.authorize(c.var.principal, {
      action: 'namespace.create',
      cluster: cluster.name,
      namespace: body.name,
    });
    const reserved = checkNamespaceMetadata(policyOf(c.var.principal), body);
    if (reserved.length > 0) {
      throw new ApiError('PolicyViolation', 'the namespace sets reserved labels or annotations', {
        violations: reserved,
      });
    }
    const { callback, ...payload } = body;
    const command = { cluster: cluster.name, command: 'namespace.create' as const, payload };
    if (c.req.valid('query').dryRun) {
      const stored = await dryRun(cluster, command, newOperationId(cluster.name));
      return c.json(stored as Record<string, unknown>, 200);
    }
    const base = c.req.param('cluster') === undefined ? '/v1' : `/v1/clusters/${cluster.name}`;
    return submit(c, ctx, {
      cluster: cluster.name,
      build: () => command,
      body,
      doneStatus: 201,
      createdLocation: () => `${base}/namespaces/${body.name}/jobs`,
      ...(callback ? { callback } : {}),
    });
  };

  const remove: AppRouteHandler<typeof deleteNamespace> = async (c) => {
    const cluster = clusterOf(c, ctx.deps);
    const { name } = c.req.valid('param');
    const { callback } = c.req.valid('json');
    await ctx.auth.authorize(c.var.principal, {
      action: 'namespace.delete',
      cluster: cluster.name,
      namespace: name,
    });
    return submit(c, ctx, {
      cluster: cluster.name,
      build: () => ({ cluster: cluster.name, command: 'namespace.delete', payload: { name } }),
      body: callback ? { callback } : {},
      doneStatus: 200,
      ...(callback ? { callback } : {}),
    });
  };

  return { create, remove };
}
