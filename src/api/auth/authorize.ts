import type { Context, MiddlewareHandler } from 'hono';
import {
  checkAdmin,
  checkCluster,
  checkNamespace,
  checkNamespaceDelete,
  type KeyScopes,
  type ScopeDecision,
} from '../../shared/api-keys/scopes.js';
import { ApiError } from '../errors.js';
import { type AnyContext, getPrincipal, type SecurityEnv } from './context.js';
import { requestTarget } from './request-target.js';

/** Options of {@link authorizeRequest}. */
export interface AuthorizeOptions {
  /** Paths served without a key; skipped here as in `authenticate`. */
  publicPaths: ReadonlySet<string>;
  /** Cluster of `/v1/…` routes without `/clusters/{cluster}`; unset = no default cluster. */
  defaultCluster?: string;
  /** The configured clusters, for the cross-cluster routes. @defaultValue the default cluster alone */
  clusters?: readonly string[];
}

/**
 * Checks what the path alone decides, before any handler runs: the cluster (every `/v1` and
 * seed-alias route), the namespace in `…/namespaces/{ns}…`, namespace create/delete rights and
 * admin routes. What only the body tells (a namespace to create, batch items, a seed alias's
 * target) is checked by the handler through the auth seam's `authorize`.
 */
export function authorizeRequest(options: AuthorizeOptions): MiddlewareHandler<SecurityEnv> {
  return async (c: Context<SecurityEnv>, next) => {
    if (options.publicPaths.has(c.req.path)) return next();
    const { scopes } = getPrincipal(c);
    const target = requestTarget(c.req.path, options.defaultCluster);
    const method = c.req.method;
    const decisions: ScopeDecision[] = [];
    if (target.kind === 'admin') decisions.push(checkAdmin(scopes));
    else if (target.kind === 'cross-cluster') decisions.push(checkAnyCluster(scopes, options));
    else if (target.cluster !== undefined) decisions.push(checkCluster(scopes, target.cluster));
    if (target.kind === 'namespace-collection' && method === 'POST') {
      decisions.push(checkNamespaceCreateFlag(scopes.namespaceCreate));
    } else if (target.kind === 'namespace' && target.namespace !== undefined) {
      decisions.push(
        method === 'DELETE'
          ? checkNamespaceDelete(scopes, target.namespace)
          : checkNamespace(scopes, target.namespace),
      );
    } else if (target.kind === 'namespaced' && target.namespace !== undefined) {
      decisions.push(checkNamespace(scopes, target.namespace));
    }
    for (const d of decisions) if (!d.ok) throw forbidden(d);
    return next();
  };
}

/**
 * The cross-cluster routes (`/v1/events`, `/v1/webhooks/…`) serve a key that may use any one
 * configured cluster; what they return is checked object by object by their handlers.
 */
function checkAnyCluster(scopes: KeyScopes, options: AuthorizeOptions): ScopeDecision {
  const clusters = options.clusters ?? (options.defaultCluster ? [options.defaultCluster] : []);
  if (clusters.some((name) => checkCluster(scopes, name).ok)) return { ok: true };
  return {
    ok: false,
    scope: 'clusters',
    message: "none of the configured clusters is in this key's clusters",
  };
}

function checkNamespaceCreateFlag(allowed: boolean): ScopeDecision {
  return allowed
    ? { ok: true }
    : {
        ok: false,
        scope: 'namespaceCreate',
        message: 'this key may not create namespaces (namespaceCreate)',
      };
}

/** The 403 for a denied check: the message names the missing scope, `details.scope` too. */
export function forbidden(decision: Extract<ScopeDecision, { ok: false }>): ApiError {
  return new ApiError('Forbidden', decision.message, { scope: decision.scope });
}

/** Throws 403 unless the caller holds an admin key. */
export function requireAdmin(c: AnyContext): void {
  const d = checkAdmin(getPrincipal(c).scopes);
  if (!d.ok) throw forbidden(d);
}
