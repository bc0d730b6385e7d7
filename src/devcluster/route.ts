/**
 * What a Kubernetes API request addresses: `/api/v1/...` and `/apis/GROUP/v1/...` paths parsed
 * into a resource route, and the verb a method means on it.
 */
import type { Verb } from './faults.js';
import { queryBool } from './query-bool.js';
import { RESOURCES, type ResourceName } from './types.js';

/** A parsed Kubernetes API path. */
export interface Route {
  resource: ResourceName;
  /** The API group of the path (`events.k8s.io` serves the core group's events too). */
  group: string;
  namespace: string | undefined;
  name: string | undefined;
  subresource: string | undefined;
  /** The deprecated `/watch/` path prefix was used. */
  watchPrefix: boolean;
}

const GROUP_RESOURCES: Record<string, ResourceName[]> = {
  '': ['namespaces', 'pods', 'events'],
  batch: ['jobs'],
  'events.k8s.io': ['events'],
};

/** Parses `/api/v1/...` and `/apis/GROUP/v1/...` into a route; undefined when not a resource path. */
export function parseRoute(path: string): Route | 'unknown-resource' | undefined {
  const seg = path.split('/').filter((s) => s.length > 0);
  let group: string;
  let rest: string[];
  if (seg[0] === 'api' && seg[1] === 'v1') {
    group = '';
    rest = seg.slice(2);
  } else if (seg[0] === 'apis' && seg[1] && Object.hasOwn(GROUP_RESOURCES, seg[1]) && seg[2] === 'v1') {
    group = seg[1];
    rest = seg.slice(3);
  } else return undefined;
  if (rest.length === 0) return undefined;
  let watchPrefix = false;
  if (rest[0] === 'watch') {
    watchPrefix = true;
    rest = rest.slice(1);
  }
  const allowed = GROUP_RESOURCES[group] ?? [];
  let resource: string | undefined;
  let namespace: string | undefined;
  let name: string | undefined;
  let subresource: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1];
    [, , resource, name, subresource] = rest;
    if (rest.length > 5) return 'unknown-resource';
  } else {
    [resource, name, subresource] = rest;
    if (rest.length > 3) return 'unknown-resource';
  }
  if (!resource || !allowed.includes(resource as ResourceName)) return 'unknown-resource';
  const r = resource as ResourceName;
  if (
    RESOURCES[r].namespaced !== (namespace !== undefined) &&
    !(namespace === undefined && name === undefined)
  )
    return 'unknown-resource';
  const subs: Record<ResourceName, string[]> = {
    namespaces: ['status', 'finalize'],
    jobs: ['status'],
    pods: ['status', 'log'],
    events: [],
  };
  if (subresource !== undefined && !subs[r].includes(subresource)) return 'unknown-resource';
  return { resource: r, group, namespace, name, subresource, watchPrefix };
}

/**
 * The Kubernetes verb of a request; undefined for a method the API does not serve. The `watch`
 * parameter makes a watch only of a collection GET: on a named object it is ignored and the
 * answer is the object (`apiserver/pkg/endpoints/request/requestinfo.go` NewRequestInfo).
 */
export function verbOf(method: string, route: Route, query: URLSearchParams): Verb | undefined {
  switch (method) {
    case 'GET':
      if (route.watchPrefix) return 'watch';
      if (route.name === undefined) return queryBool(query, 'watch') ? 'watch' : 'list';
      return 'get';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return route.name === undefined ? 'deletecollection' : 'delete';
    default:
      return undefined;
  }
}
