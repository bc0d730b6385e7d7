import type { Context, MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { type AuditRecord, outcomeOf } from '../../shared/audit/audit-record.js';
import type { AuditLog } from '../../shared/audit/audit-log.js';
import { ApiError } from '../errors.js';
import { describeMutation, isMutation, operationIdsInBody } from './audit-action.js';
import type { SecurityEnv } from './context.js';

/** Options of {@link auditMutations}. */
export interface AuditHookOptions {
  audit: AuditLog;
  publicPaths: ReadonlySet<string>;
  defaultCluster?: string;
}

const MAX_BODY_TO_READ = 4 * 1024 * 1024;

/**
 * Writes one audit record per mutation request (any method but GET/HEAD/OPTIONS) once it is
 * answered — accepted, denied, throttled or rejected — and none for reads. Register it before
 * `authenticate` so refused attempts are recorded too.
 */
export function auditMutations(options: AuditHookOptions): MiddlewareHandler<SecurityEnv> {
  return async (c: Context<SecurityEnv>, next) => {
    if (!isMutation(c.req.method) || options.publicPaths.has(c.req.path)) return next();
    let status: number;
    let thrown: unknown;
    try {
      await next();
      status = c.res.status;
    } catch (err) {
      // Only reached when no onError turned the error into a response below us.
      thrown = err;
      status = err instanceof ApiError || err instanceof HTTPException ? err.status : 500;
    }
    await options.audit.write(await buildRecord(c, options, status, thrown ?? c.error));
    if (thrown !== undefined) throw thrown;
  };
}

async function buildRecord(
  c: Context<SecurityEnv>,
  options: AuditHookOptions,
  status: number,
  error: unknown,
): Promise<AuditRecord> {
  const described = describeMutation(c.req.method, c.req.path, options.defaultCluster);
  const info = c.get('auditInfo') ?? {};
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
