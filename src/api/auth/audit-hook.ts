import type { Context, MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AuditLog } from '../../shared/audit/audit-log.js';
import { type AuditRecord, outcomeOf } from '../../shared/audit/audit-record.js';
import { ApiError } from '../errors.js';
import type { AnonymousRefusals } from './anonymous-refusals.js';
import { describeMutation, isMutation, operationIdsInBody } from './audit-action.js';
import type { AnyContext, AuditInfo, SecurityEnv } from './context.js';

/** An audited mutation as a route handler reports it (the API's `AuthSeam.audit` record). */
export interface ReportedMutation {
  requestId?: string;
  principal?: string;
  action: string;
  cluster?: string;
  target?: { namespace?: string; name?: string; id?: string };
  operationId?: string;
  outcome?: string;
  status?: number;
}

/**
 * Carries what handlers report about the request being served to the audit hook: the hook
 * puts one store per request in the context (`auditCollected`), the handler's report fills it.
 * Through the context, not AsyncLocalStorage: that enables promise hooks for every promise of
 * the process (~6 % of a submit's CPU).
 */
export interface AuditCollector {
  /**
   * Adds a handler's report to the record of the request `c` (when the hook serves it);
   * otherwise — no context, or a request the hook does not record — writes a record of its own.
   */
  report(mutation: ReportedMutation, c?: AnyContext): Promise<void>;
}

/** Creates the collector shared by {@link auditMutations} and the handlers' reports. */
export function createAuditCollector(audit: AuditLog): AuditCollector {
  return {
    async report(m, c) {
      const info = (c as Context<SecurityEnv> | undefined)?.get('auditCollected');
      const target = {
        ...(m.target?.namespace !== undefined ? { namespace: m.target.namespace } : {}),
        ...(m.target?.name !== undefined
          ? { name: m.target.name }
          : m.target?.id
            ? { name: m.target.id }
            : {}),
      };
      if (info) {
        info.action = m.action;
        if (m.cluster) info.cluster = m.cluster;
        info.target = { ...info.target, ...target };
        if (m.operationId) info.operationIds = [...new Set([...(info.operationIds ?? []), m.operationId])];
        if (m.outcome === 'dry-run') info.dryRun = true;
        return;
      }
      const status = m.status ?? 202;
      await audit.write({
        time: new Date().toISOString(),
        requestId: m.requestId ?? '',
        principal: m.principal ?? null,
        action: m.action,
        cluster: m.cluster ?? null,
        target,
        operationIds: m.operationId ? [m.operationId] : [],
        outcome: outcomeOf(status),
        status,
        ...(m.outcome === 'dry-run' ? { dryRun: true } : {}),
      });
    },
  };
}

/** Options of {@link auditMutations}. */
export interface AuditHookOptions {
  audit: AuditLog;
  collector: AuditCollector;
  publicPaths: ReadonlySet<string>;
  defaultCluster?: string;
  /** Where 401s (no principal) are counted instead of audited; without it they are audited. */
  anonymous?: AnonymousRefusals;
}

const MAX_BODY_TO_READ = 4 * 1024 * 1024;

/**
 * Writes one audit record per mutation request (any method but GET/HEAD/OPTIONS) once it is
 * answered — accepted, denied, throttled or rejected — and none for reads. Register it before
 * `authenticate` so refused attempts are recorded too. Requests refused with 401 before a key
 * was known are counted in `anonymous` instead (one log line per interval), so unauthenticated
 * traffic cannot flush real records out of the capped stream.
 */
export function auditMutations(options: AuditHookOptions): MiddlewareHandler<SecurityEnv> {
  return async (c: Context<SecurityEnv>, next) => {
    if (!isMutation(c.req.method) || options.publicPaths.has(c.req.path)) return next();
    let status: number;
    let thrown: unknown;
    const collected: AuditInfo = {};
    try {
      c.set('auditCollected', collected);
      await next();
      status = c.res.status;
    } catch (err) {
      // Only reached when no onError turned the error into a response below us.
      thrown = err;
      status = err instanceof ApiError || err instanceof HTTPException ? err.status : 500;
    }
    if (status === 401 && !c.get('principal') && options.anonymous) {
      options.anonymous.record();
    } else {
      await options.audit.write(await buildRecord(c, options, collected, status, thrown ?? c.error));
    }
    if (thrown !== undefined) throw thrown;
  };
}

async function buildRecord(
  c: Context<SecurityEnv>,
  options: AuditHookOptions,
  collected: AuditInfo,
  status: number,
  error: unknown,
): Promise<AuditRecord> {
  const described = describeMutation(c.req.method, c.req.path, options.defaultCluster);
  const fromContext = c.get('auditInfo') ?? {};
  const info: AuditInfo = {
    ...collected,
    ...fromContext,
    target: { ...collected.target, ...fromContext.target },
    operationIds: [...new Set([...(collected.operationIds ?? []), ...(fromContext.operationIds ?? [])])],
  };
  const action = info.action ?? described.action;
  let operationIds = info.operationIds ?? [];
  if (operationIds.length === 0 && status >= 200 && status < 300) {
    operationIds = await operationIdsInResponse(c.res, action);
  }
  const errorCode = status >= 400 ? errorCodeOf(error, status) : undefined;
  return {
    time: new Date().toISOString(),
    requestId: c.get('requestId') ?? c.req.header('x-request-id') ?? c.res.headers.get('x-request-id') ?? '',
    principal: c.get('principal')?.id ?? null,
    action,
    cluster: info.cluster ?? described.cluster,
    target: { ...described.target, ...info.target },
    operationIds,
    outcome: outcomeOf(status),
    status,
    ...(errorCode ? { errorCode } : {}),
    ...(info.dryRun ? { dryRun: true } : {}),
  };
}

function errorCodeOf(error: unknown, status: number): string {
  if (error instanceof ApiError) return error.code;
  return `HTTP${status}`;
}

async function operationIdsInResponse(res: Response, action: string): Promise<string[]> {
  if (!res.headers.get('content-type')?.includes('json')) return [];
  const length = Number(res.headers.get('content-length') ?? 0);
  if (length > MAX_BODY_TO_READ) return [];
  try {
    return operationIdsInBody(await res.clone().json(), action);
  } catch {
    return [];
  }
}
