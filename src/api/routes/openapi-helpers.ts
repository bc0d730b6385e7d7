import type { z } from '@hono/zod-openapi';
import { CLUSTER_BASES, type ClusterBase } from '../context.js';
import { ClusterParams, ErrorSchema } from '../schemas.js';

export { CLUSTER_BASES, type ClusterBase };

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed JSON or a bad query',
  401: 'Missing or unknown API key',
  403: 'The API key may not do this',
  404: 'Not found (route, cluster, namespace, job, operation or batch)',
  405: 'Method not allowed',
  409: 'Conflict with the current state',
  413: 'Body larger than MAX_BODY_BYTES',
  415: 'Body is not application/json',
  422: 'Validation failed; details.issues lists every problem',
  429: 'Queue full or rate limited; see Retry-After',
  502: 'The cluster answered with an error',
  503: 'Queue (Redis) or cluster unavailable; see Retry-After',
};

/** Error responses in the one envelope, for the given statuses. */
export function errorResponses(...statuses: number[]) {
  return Object.fromEntries(
    statuses.map((s) => [
      s,
      {
        description: ERROR_DESCRIPTIONS[s] ?? 'Error',
        content: { 'application/json': { schema: ErrorSchema } },
      },
    ]),
  );
}

/** The error statuses every authenticated route can answer. */
export const COMMON_ERRORS = [401, 403, 404, 405, 429, 503] as const;

/**
 * Path parameters of a route under `base`: adds `{cluster}` under `/v1/clusters/{cluster}`. The
 * static type stays the route's own; handlers read the cluster through `clusterOf`.
 */
export function paramsFor<T extends z.ZodObject>(base: ClusterBase, params: T): T {
  return (base === '/v1' ? params : params.extend(ClusterParams.shape)) as T;
}

/** Path parameters of a route whose only parameter is `{cluster}` (if any). */
export function clusterParamsFor(base: ClusterBase) {
  return base === '/v1' ? undefined : ClusterParams;
}

/** A unique OpenAPI operationId per base: `createJob`, `createJobInCluster`. */
export function operationIdFor(base: ClusterBase, name: string): string {
  return base === '/v1' ? name : `${name}InCluster`;
}

/** OpenAPI tags per base, so the UI groups the default-cluster and per-cluster routes apart. */
export function tagsFor(base: ClusterBase, tag: string): string[] {
  return base === '/v1' ? [tag] : [`${tag} (by cluster)`];
}

export const security = [{ apiKey: [] }];

/** `application/json` content of `schema`. */
export function json<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}
