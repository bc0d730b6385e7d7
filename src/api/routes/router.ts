import { OpenAPIHono, type RouteConfig, type RouteHandler, z } from '@hono/zod-openapi';
import { Hono } from 'hono';
import type { AppEnv } from '../context.js';
import { ApiError } from '../errors.js';
import { ClusterParams } from '../schemas.js';
import { zodIssues } from '../validation.js';

/** A handler typed from its `createRoute` definition. */
export type AppRouteHandler<R extends RouteConfig> = RouteHandler<R, AppEnv>;

/** Every request schema failure answers 422 `ValidationFailed` in the one envelope. */
export const validationHook = (result: { success: boolean; target: string; error?: z.ZodError }) => {
  if (!result.success) {
    throw new ApiError('ValidationFailed', `the request ${result.target} is not valid`, {
      issues: zodIssues(result.error?.issues ?? []),
    });
  }
};

/** A router (the app or a resource's) with the app's validation hook. */
export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook as never });
}

/** Where the cluster-scoped routes are served: the default cluster, and any cluster by name. */
export const DEFAULT_CLUSTER_BASE = '/v1';
export const NAMED_CLUSTER_BASE = '/v1/clusters/:cluster';

function withClusterParam(params: unknown): z.ZodObject {
  return params instanceof z.ZodObject ? params.extend(ClusterParams.shape) : ClusterParams;
}

/**
 * Mounts the cluster-scoped router once per base: under `/v1` (the default cluster) and under
 * `/v1/clusters/{cluster}`. The second mount serves the same handlers without registering the
 * routes' documentation again; the document gets their `…InCluster` variants instead, with the
 * `cluster` path parameter and their own tags.
 */
export function mountClusterScoped(app: OpenAPIHono<AppEnv>, router: OpenAPIHono<AppEnv>): void {
  app.route(DEFAULT_CLUSTER_BASE, router);
  (Hono.prototype.route as (path: string, sub: unknown) => unknown).call(app, NAMED_CLUSTER_BASE, router);
  for (const def of router.openAPIRegistry.definitions) {
    if (def.type !== 'route') continue;
    const { route } = def;
    app.openAPIRegistry.registerPath({
      ...route,
      path: `/v1/clusters/{cluster}${route.path}`,
      ...(route.operationId ? { operationId: `${route.operationId}InCluster` } : {}),
      ...(route.tags ? { tags: route.tags.map((t) => `${t} (by cluster)`) } : {}),
      request: { ...route.request, params: withClusterParam(route.request?.params) as never },
    });
  }
}
