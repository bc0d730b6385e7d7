import type { KeyPolicy } from './key-policy.js';

/**
 * What an API key may do, and the pure checks that decide it. Every check returns a denial that
 * names the missing scope, so a 403 tells the caller exactly what their key lacks.
 */

/** Namespaces refused unless a key is granted them explicitly (docs/architecture.md §9). */
export const SYSTEM_NAMESPACES: readonly string[] = ['kube-system', 'kube-public', 'kube-node-lease'];

/** Per-key request budget: at most `requests` in any window of `perSeconds`. */
export interface RateLimit {
  requests: number;
  perSeconds: number;
}

/** The scopes of one key, as written in API_KEYS_FILE. */
export interface KeyScopes {
  /** Cluster names or glob patterns (`*`, `prod-*`). */
  clusters: string[];
  /** Namespace glob patterns (`team-*`). Wildcards never match a system namespace. */
  namespaces: string[];
  /** May create namespaces (still only names matching `namespaces`). */
  namespaceCreate: boolean;
  /** May delete namespaces (still only names matching `namespaces`). */
  namespaceDelete: boolean;
  /**
   * System namespaces this key may use: `true` for all of {@link SYSTEM_NAMESPACES}, or a list.
   * A system namespace written literally (no wildcard) in `namespaces` is also an explicit grant.
   */
  systemNamespaces: boolean | string[];
  /** May read the audit trail and use admin routes. Does not widen cluster or namespace scopes. */
  admin: boolean;
  /**
   * May create, revise and delete job templates (docs/templates.md), still only templates whose
   * namespace patterns lie within `namespaces`. Reading and submitting templates need no flag.
   * @defaultValue false
   */
  templateWrite?: boolean;
}

/** The authenticated caller, set on the request context by the authenticate middleware. */
export interface Principal {
  /** The key's id from API_KEYS_FILE (never the key or its hash). */
  id: string;
  scopes: KeyScopes;
  rateLimit?: RateLimit;
  /** What the key may run. @defaultValue DEFAULT_KEY_POLICY (a principal without one is treated so) */
  policy?: KeyPolicy;
  /** The key has a webhook secret, so its submissions may carry a `callback`. */
  webhooks?: boolean;
}

/** Scopes of the development principal used when authentication is switched off explicitly. */
export const ALL_SCOPES: KeyScopes = {
  clusters: ['*'],
  namespaces: ['*'],
  namespaceCreate: true,
  namespaceDelete: true,
  systemNamespaces: true,
  admin: true,
  templateWrite: true,
};

/** Outcome of a scope check. */
export type ScopeDecision = { ok: true } | { ok: false; scope: ScopeName; message: string };

/** The scope a denial is about; returned in the 403's details. */
export type ScopeName =
  | 'clusters'
  | 'namespaces'
  | 'systemNamespaces'
  | 'namespaceCreate'
  | 'namespaceDelete'
  | 'admin'
  | 'templateWrite';

const ALLOW: ScopeDecision = { ok: true };

const globCache = new Map<string, RegExp>();

/**
 * True when `value` matches the glob `pattern`: `*` is any run of characters and `?` one
 * character, never a `/` (which no Kubernetes name contains, so a traversal-shaped value can
 * never match a wildcard).
 */
export function matchGlob(pattern: string, value: string): boolean {
  if (!pattern.includes('*') && !pattern.includes('?')) return pattern === value;
  let re = globCache.get(pattern);
  if (!re) {
    const body = pattern
      .split('')
      .map((ch) => (ch === '*' ? '[^/]*' : ch === '?' ? '[^/]' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
      .join('');
    re = new RegExp(`^${body}$`, 's');
    if (globCache.size > 1000) globCache.clear();
    globCache.set(pattern, re);
  }
  return re.test(value);
}

/** True when `namespace` is one of {@link SYSTEM_NAMESPACES}. */
export function isSystemNamespace(namespace: string): boolean {
  return SYSTEM_NAMESPACES.includes(namespace);
}

/** May this key address `cluster` at all? */
export function checkCluster(scopes: KeyScopes, cluster: string): ScopeDecision {
  if (scopes.clusters.some((p) => matchGlob(p, cluster))) return ALLOW;
  return {
    ok: false,
    scope: 'clusters',
    message: `cluster ${JSON.stringify(cluster)} is not in this key's clusters`,
  };
}

/** May this key work in `namespace` (jobs in it, or the namespace object itself)? */
export function checkNamespace(scopes: KeyScopes, namespace: string): ScopeDecision {
  const shown = JSON.stringify(namespace);
  if (isSystemNamespace(namespace)) {
    const granted =
      scopes.systemNamespaces === true ||
      (Array.isArray(scopes.systemNamespaces) && scopes.systemNamespaces.includes(namespace)) ||
      scopes.namespaces.includes(namespace);
    if (granted) return ALLOW;
    return {
      ok: false,
      scope: 'systemNamespaces',
      message: `namespace ${shown} is a system namespace and this key is not granted it explicitly`,
    };
  }
  if (scopes.namespaces.some((p) => matchGlob(p, namespace))) return ALLOW;
  return { ok: false, scope: 'namespaces', message: `namespace ${shown} is not in this key's namespaces` };
}

/** May this key create the namespace `name`? */
export function checkNamespaceCreate(scopes: KeyScopes, name: string): ScopeDecision {
  if (!scopes.namespaceCreate) {
    return {
      ok: false,
      scope: 'namespaceCreate',
      message: 'this key may not create namespaces (namespaceCreate)',
    };
  }
  return checkNamespace(scopes, name);
}

/** May this key delete the namespace `name`? */
export function checkNamespaceDelete(scopes: KeyScopes, name: string): ScopeDecision {
  if (!scopes.namespaceDelete) {
    return {
      ok: false,
      scope: 'namespaceDelete',
      message: 'this key may not delete namespaces (namespaceDelete)',
    };
  }
  return checkNamespace(scopes, name);
}

/** Is this an admin key? */
export function checkAdmin(scopes: KeyScopes): ScopeDecision {
  if (scopes.admin) return ALLOW;
  return { ok: false, scope: 'admin', message: 'this route needs an admin key (admin)' };
}

/** Cluster and namespace together: the check for any job route. */
export function checkTarget(scopes: KeyScopes, cluster: string, namespace?: string): ScopeDecision {
  const c = checkCluster(scopes, cluster);
  if (!c.ok || namespace === undefined) return c;
  return checkNamespace(scopes, namespace);
}
