/** Bearer-token authentication and a small RBAC-like policy. */
import type { Verb } from './faults.js';

/** Allows `identity` (or `*`) the listed verbs on the listed resources in the listed namespaces. */
export interface PolicyRule {
  identity: string;
  /** @defaultValue '*' */
  verbs?: Verb[] | '*';
  /** Resources such as `jobs`, `pods/log`, `namespaces`. @defaultValue '*' */
  resources?: string[] | '*';
  /** Namespaces; cluster-scoped requests (namespaces themselves) match only `*`. @defaultValue '*' */
  namespaces?: string[] | '*';
}

/** The identity the random admin token maps to; it is allowed everything, like system:masters. */
export const ADMIN_IDENTITY = 'kubernetes-admin';

export interface AccessRequest {
  identity: string;
  verb: Verb;
  resource: string;
  namespace: string | undefined;
}

/** True when the policy allows the request; no policy allows every known identity everything. */
export function isAllowed(policy: readonly PolicyRule[] | undefined, req: AccessRequest): boolean {
  if (!policy || req.identity === ADMIN_IDENTITY) return true;
  return policy.some(
    (r) =>
      (r.identity === '*' || r.identity === req.identity) &&
      (r.verbs === undefined || r.verbs === '*' || r.verbs.includes(req.verb)) &&
      (r.resources === undefined || r.resources === '*' || r.resources.includes(req.resource)) &&
      (r.namespaces === undefined ||
        r.namespaces === '*' ||
        (req.namespace !== undefined && r.namespaces.includes(req.namespace))),
  );
}

/** The RBAC authorizer's denial text (plugin/pkg/auth/authorizer/rbac). */
export function forbiddenReason(req: AccessRequest, group: string): string {
  const where = req.namespace === undefined ? 'at the cluster scope' : `in the namespace "${req.namespace}"`;
  return `User "${req.identity}" cannot ${req.verb} resource "${req.resource}" in API group "${group}" ${where}`;
}

/** Revocation state: tokens that must fail with 401 once, or always. */
export class TokenRevocations {
  private readonly once = new Set<string>();
  private readonly always = new Set<string>();
  private readonly seen = new Map<string, string>();

  /** Remembers a token that authenticated, so a later revocation can target it. */
  noteValid(token: string, identity: string): void {
    if (this.seen.size > 100_000) this.seen.clear();
    this.seen.set(token, identity);
  }

  /** Returns true when this use of the token must be rejected (consuming a one-time revocation). */
  rejects(token: string): boolean {
    if (this.always.has(token)) return true;
    return this.once.delete(token);
  }

  /** Revokes every token seen so far (optionally only those of `identity`). */
  revoke(opts: { identity?: string; permanent?: boolean }): number {
    let n = 0;
    for (const [token, identity] of this.seen) {
      if (opts.identity !== undefined && identity !== opts.identity) continue;
      (opts.permanent ? this.always : this.once).add(token);
      n++;
    }
    return n;
  }
}
