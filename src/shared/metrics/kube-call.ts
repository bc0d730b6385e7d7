/** One Kubernetes API call as the cluster client saw it; what its `onCall` observer receives. */
export interface KubeCallEvent {
  /** Configured cluster name. */
  cluster: string;
  /** The Kubernetes verb (`get`, `list`, `watch`, `create`, `update`, `patch`, `delete`, `deletecollection`). */
  verb: string;
  /** Resource and subresource (`jobs`, `pods/log`, `namespaces`), `discovery` or `other`. */
  resource: string;
  /** HTTP status, or 0 when no answer came (refused, reset, TLS, timeout). */
  code: number;
  /** From sending the request to the response headers (or the failure). */
  durationMs: number;
}

const SUBRESOURCE = /^[a-z]+$/;
const RESOURCE = /^[a-z][a-z0-9.-]{0,62}$/;

/**
 * Verb and resource of a Kubernetes API request, as the API server's own request info names
 * them (RBAC verbs; `pods/log` for subresources). Pure. Only the resource type is kept — never a
 * namespace or object name — so the result is a bounded metric label.
 */
export function kubeRequestInfo(method: string, url: string): { verb: string; resource: string } {
  let path: string;
  let watch = false;
  try {
    const u = new URL(url, 'https://cluster.invalid');
    path = u.pathname;
    watch = u.searchParams.get('watch') === 'true' || u.searchParams.get('watch') === '1';
  } catch {
    return nonResource(method);
  }
  const segments = path.split('/').filter((s) => s !== '');
  // /api/v1/… (core group) or /apis/{group}/{version}/…; anything shorter is discovery.
  let rest: string[];
  if (segments[0] === 'api') rest = segments.slice(2);
  else if (segments[0] === 'apis') rest = segments.slice(3);
  else return nonResource(method);
  if (rest.length === 0) return { verb: 'get', resource: 'discovery' };

  // Legacy watch paths: /api/v1/watch/namespaces/{ns}/jobs.
  if (rest[0] === 'watch') {
    watch = true;
    rest = rest.slice(1);
  }
  // namespaces/{ns}/{resource}/… is a namespaced resource, except the namespace's own subresources.
  if (rest[0] === 'namespaces' && rest.length >= 3 && !(rest.length === 3 && isNamespaceSub(rest[2]))) {
    rest = rest.slice(2);
  }
  const [resource, name, sub] = rest;
  if (!resource || !RESOURCE.test(resource)) return nonResource(method);
  const full = sub !== undefined && SUBRESOURCE.test(sub) ? `${resource}/${sub}` : resource;
  return { verb: verbOf(method, name !== undefined, watch), resource: full };
}

// As the API server does for non-resource URLs: the verb is the lowercased method.
function nonResource(method: string): { verb: string; resource: string } {
  const verb = method.toLowerCase();
  return { verb: /^[a-z]{1,10}$/.test(verb) ? verb : 'other', resource: 'other' };
}

function isNamespaceSub(segment: string | undefined): boolean {
  return segment === 'status' || segment === 'finalize';
}

function verbOf(method: string, named: boolean, watch: boolean): string {
  switch (method.toUpperCase()) {
    case 'GET':
    case 'HEAD':
      if (watch) return 'watch';
      return named ? 'get' : 'list';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return named ? 'delete' : 'deletecollection';
    default:
      return 'other';
  }
}
