import { ApiError } from '../errors.js';

/** What a request path addresses, as far as scopes are concerned. */
export interface RequestTarget {
  /** The cluster, from `/v1/clusters/{cluster}/…` or the default; undefined outside `/v1` and `/api`. */
  cluster: string | undefined;
  /** The namespace in the path (`…/namespaces/{ns}…`), if any. */
  namespace?: string;
  /**
   * - `namespace-collection`: `/v1/namespaces` (create: name in the body, checked by the handler);
   * - `namespace`: `/v1/namespaces/{ns}` (the namespace object);
   * - `namespaced`: `/v1/namespaces/{ns}/…` (jobs in it);
   * - `admin`: `/v1/audit…`, `/admin/…`;
   * - `cross-cluster`: `/v1/events`, `/v1/webhooks/…`, `/v1/templates…`: about every cluster,
   *   so no cluster is checked here; their handlers check each object against the key's scopes;
   * - `cluster`: any other `/v1` or seed alias (`/api/…`) route;
   * - `other`: outside the API (unknown routes; authentication only).
   */
  kind: 'namespace-collection' | 'namespace' | 'namespaced' | 'admin' | 'cross-cluster' | 'cluster' | 'other';
  /** The path's remaining segments after the namespace, e.g. `['jobs', 'x']`. */
  rest: string[];
}

/**
 * Reads the scope-relevant parts of a URL path. Segments are percent-decoded exactly once, as
 * Hono decodes route parameters, so the namespace checked here is the namespace the handler
 * sees; empty segments are dropped so `//` cannot hide a segment from the check.
 */
export function requestTarget(rawPath: string, defaultCluster: string | undefined): RequestTarget {
  const segments = rawPath
    .split('/')
    .filter((s) => s !== '')
    .map(decodeSegment);
  const [root, ...after] = segments;
  if (root === 'admin') return { cluster: undefined, kind: 'admin', rest: after };
  if (root === 'api') return { cluster: defaultCluster, kind: 'cluster', rest: after };
  if (root !== 'v1') return { cluster: undefined, kind: 'other', rest: segments };
  if (after[0] === 'events' || after[0] === 'webhooks' || after[0] === 'templates') {
    return { cluster: undefined, kind: 'cross-cluster', rest: after };
  }
  let cluster = defaultCluster;
  let rest = after;
  if (rest[0] === 'clusters' && rest.length >= 2) {
    cluster = rest[1];
    rest = rest.slice(2);
  }
  if (rest[0] === 'audit') return { cluster, kind: 'admin', rest: rest.slice(1) };
  if (rest[0] !== 'namespaces') return { cluster, kind: 'cluster', rest };
  const namespace = rest[1];
  if (namespace === undefined) return { cluster, kind: 'namespace-collection', rest: [] };
  if (rest.length === 2) return { cluster, namespace, kind: 'namespace', rest: [] };
  return { cluster, namespace, kind: 'namespaced', rest: rest.slice(2) };
}

function decodeSegment(segment: string): string {
  if (!segment.includes('%')) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new ApiError('BadRequest', 'malformed percent-encoding in the request path');
  }
}
