import type { Context, MiddlewareHandler } from 'hono';
import {
  checkAdmin,
  checkCluster,
  checkNamespace,
  checkNamespaceCreate,
  checkNamespaceDelete,
  checkTarget,
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
}

/**
 * Checks what the path alone decides, before any handler runs: the cluster (every `/v1` and
 * seed-alias route), the namespace in `…/namespaces/{ns}…`, namespace create/delete rights and
 * admin routes. What only the body tells (a namespace to create, batch items, a seed alias's
 * target) is checked by the handler with {@link requireTarget} and friends.
 */
export function authorizeRequest(options: AuthorizeOptions): MiddlewareHandler<SecurityEnv> {
  return async (c: Context<SecurityEnv>, next) => {
    if (options.publicPaths.has(c.req.path)) return next();
    const { scopes } = getPrincipal(c);
    const target = requestTarget(c.req.path, options.defaultCluster);
    const method = c.req.method;
    const decisions: ScopeDecision[] = [];
    if (target.kind === 'admin') decisions.push(checkAdmin(scopes));
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

/** Throws 403 unless the caller may work with jobs in `namespace` of `cluster`. */
export function requireTarget(c: AnyContext, cluster: string, namespace?: string): void {
  const d = checkTarget(getPrincipal(c).scopes, cluster, namespace);
  if (!d.ok) throw forbidden(d);
}

/** Throws 403 unless the caller may create the namespace `name` on `cluster`. */
export function requireNamespaceCreate(c: AnyContext, cluster: string, name: string): void {
  const { scopes } = getPrincipal(c);
  const d = firstDenial([checkCluster(scopes, cluster), checkNamespaceCreate(scopes, name)]);
  if (d) throw forbidden(d);
}

/** Throws 403 unless the caller may delete the namespace `name` on `cluster`. */
export function requireNamespaceDelete(c: AnyContext, cluster: string, name: string): void {
  const { scopes } = getPrincipal(c);
  const d = firstDenial([checkCluster(scopes, cluster), checkNamespaceDelete(scopes, name)]);
  if (d) throw forbidden(d);
}

/** Throws 403 unless the caller holds an admin key. */
export function requireAdmin(c: AnyContext): void {
  const d = checkAdmin(getPrincipal(c).scopes);
  if (!d.ok) throw forbidden(d);
}

/** One item of a batch, as far as scopes go. */
export interface BatchItemTarget {
  cluster: string;
  namespace: string;
}

/** One denied item of a batch, as the 403 lists it. */
interface DeniedItem {
  index: number;
  scope: string;
  message: string;
}

/** The one 403 for a batch: the first denial in the message, every denied item in `details.items`. */
function batchForbidden(denied: readonly DeniedItem[]): ApiError | undefined {
  const first = denied[0];
  if (!first) return undefined;
  const more = denied.length > 1 ? ` (and ${denied.length - 1} more item(s))` : '';
  return new ApiError('Forbidden', `item ${first.index}: ${first.message}${more}`, {
    scope: first.scope,
    items: denied,
  });
}

/**
 * Checks every item of a batch on its own; if any is out of scope, throws one 403 listing each
 * denied item (`details.items: [{index, scope, message}]`), so nothing of the batch is enqueued.
 */
export function requireBatchTargets(c: AnyContext, items: readonly BatchItemTarget[]): void {
  const { scopes } = getPrincipal(c);
  const denied: DeniedItem[] = [];
  items.forEach((item, index) => {
    const d = checkTarget(scopes, item.cluster, item.namespace);
    if (!d.ok) denied.push({ index, scope: d.scope, message: d.message });
  });
  const err = batchForbidden(denied);
  if (err) throw err;
}

/**
 * {@link requireBatchTargets} through an authorization function — the app's `AuthSeam.authorize`,
 * which may not be this module's — for handlers that only hold the principal. Asks once per
 * distinct cluster and namespace; every item `authorize` refuses with a 403 is listed in the one
 * 403 thrown. Any other error propagates as is.
 */
export async function authorizeBatchTargets(
  items: readonly BatchItemTarget[],
  authorize: (item: BatchItemTarget) => void | Promise<void>,
): Promise<void> {
  const decided = new Map<string, Omit<DeniedItem, 'index'> | null>();
  const denied: DeniedItem[] = [];
  for (const [index, item] of items.entries()) {
    const key = `${item.cluster}\n${item.namespace}`;
    let refusal = decided.get(key);
    if (refusal === undefined) {
      try {
        await authorize(item);
        refusal = null;
      } catch (err) {
        if (!(err instanceof ApiError) || err.code !== 'Forbidden') throw err;
        const scope = (err.details as { scope?: unknown } | undefined)?.scope;
        refusal = { scope: typeof scope === 'string' ? scope : 'unknown', message: err.message };
      }
      decided.set(key, refusal);
    }
    if (refusal) denied.push({ index, ...refusal });
  }
  const err = batchForbidden(denied);
  if (err) throw err;
}

function firstDenial(decisions: ScopeDecision[]): Extract<ScopeDecision, { ok: false }> | undefined {
  for (const d of decisions) if (!d.ok) return d;
  return undefined;
}
