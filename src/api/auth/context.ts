import type { Context } from 'hono';
import type { Principal } from '../../shared/api-keys/scopes.js';
import type { AuditTarget } from '../../shared/audit/audit-record.js';
import { ApiError } from '../errors.js';

/** What a handler may tell the audit hook about the mutation it performed. */
export interface AuditInfo {
  /** Overrides the action derived from method and path, e.g. `job.create` for a seed alias. */
  action?: string;
  cluster?: string;
  target?: AuditTarget;
  operationIds?: string[];
  dryRun?: boolean;
}

/**
 * Context variables the security middleware sets and reads. `requestId` is read when the API's
 * request-id middleware set it; the app's own Env should include these.
 */
export interface SecurityVariables {
  principal: Principal;
  auditInfo: AuditInfo;
  /** What handlers reported for the audit record of this request (set by the audit hook). */
  auditCollected: AuditInfo;
  requestId: string;
}

/** Hono Env of the security middleware. */
export interface SecurityEnv {
  Variables: SecurityVariables;
}

/** Any context, whatever the app's Env: only the variables above are read. */
// biome-ignore lint/suspicious/noExplicitAny: accepts contexts of apps with any Env.
export type AnyContext = Context<any>;

/** The authenticated caller. Throws 401 if the authenticate middleware did not run for this route. */
export function getPrincipal(c: AnyContext): Principal {
  const principal = (c as Context<SecurityEnv>).get('principal');
  if (!principal) throw unauthorized('missing API key');
  return principal;
}

/**
 * Adds to what the audit hook records for this request: handlers call it with the operation
 * ids they enqueued and the resolved target (e.g. a generated job name).
 */
export function setAuditInfo(c: AnyContext, info: AuditInfo): void {
  const ctx = c as Context<SecurityEnv>;
  const current = ctx.get('auditInfo') ?? {};
  ctx.set('auditInfo', {
    ...current,
    ...info,
    ...(info.target ? { target: { ...current.target, ...info.target } } : {}),
  });
}

/** The realm every 401 challenges for. */
export const WWW_AUTHENTICATE = 'Bearer realm="eks-jobs"';

/** A 401 with the `WWW-Authenticate` challenge (RFC 6750 §3). */
export function unauthorized(message: string, invalidToken = false): ApiError {
  return new ApiError('Unauthorized', message, undefined, {
    'WWW-Authenticate': invalidToken ? `${WWW_AUTHENTICATE}, error="invalid_token"` : WWW_AUTHENTICATE,
  });
}
