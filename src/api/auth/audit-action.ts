import type { AuditTarget } from '../../shared/audit/audit-record.js';
import { requestTarget } from './request-target.js';

/** Action, cluster and target of a mutation, derived from method and path alone. */
export interface MutationDescription {
  action: string;
  cluster: string | null;
  target: AuditTarget;
}

/** True for the methods that change something (everything but GET, HEAD and OPTIONS). */
export function isMutation(method: string): boolean {
  return method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS';
}

/**
 * Names a mutation by its route: `job.create`, `job.delete`, `namespace.create`,
 * `namespace.delete`, `batch.create`, `operation.retry`, `operation.cancel`, `template.create`,
 * `template.revise`, `template.delete`; anything else is
 * `METHOD /path`. Handlers refine it with `setAuditInfo` (seed aliases, generated names).
 */
export function describeMutation(
  method: string,
  path: string,
  defaultCluster: string | undefined,
): MutationDescription {
  let t: ReturnType<typeof requestTarget>;
  try {
    t = requestTarget(path, defaultCluster);
  } catch {
    return { action: `${method} (malformed path)`, cluster: null, target: { kind: 'request' } };
  }
  const cluster = t.cluster ?? null;
  const generic = {
    action: `${method} ${path.slice(0, 200)}`,
    cluster,
    target: { kind: 'request' as const },
  };
  const [r0, r1, r2] = t.rest;
  switch (t.kind) {
    case 'namespace-collection':
      return method === 'POST'
        ? { action: 'namespace.create', cluster, target: { kind: 'namespace' } }
        : generic;
    case 'namespace':
      return method === 'DELETE'
        ? { action: 'namespace.delete', cluster, target: { kind: 'namespace', name: t.namespace } }
        : generic;
    case 'namespaced':
      if (r0 === 'jobs' && r1 === undefined && method === 'POST') {
        return { action: 'job.create', cluster, target: { kind: 'job', namespace: t.namespace } };
      }
      if (r0 === 'jobs' && r1 !== undefined && r2 === undefined && method === 'DELETE') {
        return { action: 'job.delete', cluster, target: { kind: 'job', namespace: t.namespace, name: r1 } };
      }
      return generic;
    case 'cluster':
      if (r0 === 'batches' && r1 === undefined && method === 'POST') {
        return { action: 'batch.create', cluster, target: { kind: 'batch' } };
      }
      if (r0 === 'operations' && r1 !== undefined && r2 === 'retry' && method === 'POST') {
        return { action: 'operation.retry', cluster, target: { kind: 'operation', name: r1 } };
      }
      if (r0 === 'operations' && r1 !== undefined && r2 === undefined && method === 'DELETE') {
        return { action: 'operation.cancel', cluster, target: { kind: 'operation', name: r1 } };
      }
      return generic;
    case 'cross-cluster':
      if (r0 !== 'templates' || r2 !== undefined) return generic;
      if (r1 === undefined) {
        return method === 'POST'
          ? { action: 'template.create', cluster, target: { kind: 'template' } }
          : generic;
      }
      if (method === 'PUT')
        return { action: 'template.revise', cluster, target: { kind: 'template', name: r1 } };
      if (method === 'DELETE')
        return { action: 'template.delete', cluster, target: { kind: 'template', name: r1 } };
      return generic;
    default:
      return generic;
  }
}

/**
 * Operation ids in a 2xx response body, for handlers that did not report them with
 * `setAuditInfo`: `operationId`, `operation.id`, `operationIds[]`, `operations[].id`, or `id`
 * when the response is an operation.
 */
export function operationIdsInBody(body: unknown, action: string): string[] {
  if (!body || typeof body !== 'object') return [];
  const b = body as Record<string, unknown>;
  const ids: string[] = [];
  const add = (v: unknown) => {
    if (typeof v === 'string' && v.length <= 200) ids.push(v);
  };
  add(b.operationId);
  if (b.operation && typeof b.operation === 'object') add((b.operation as Record<string, unknown>).id);
  if (Array.isArray(b.operationIds)) b.operationIds.slice(0, 10_000).forEach(add);
  if (Array.isArray(b.operations)) {
    for (const op of b.operations.slice(0, 10_000)) {
      if (op && typeof op === 'object') add((op as Record<string, unknown>).id);
    }
  }
  if (ids.length === 0 && action !== 'batch.create') add(b.id);
  return [...new Set(ids)];
}
