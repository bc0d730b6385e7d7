import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { AUDIT_CURSOR_SHAPE, type AuditLog } from '../../shared/audit/audit-log.js';
import { ApiError } from '../errors.js';
import { errorResponses, json, security } from '../routes/openapi-helpers.js';
import { requireAdmin } from './authorize.js';

const AuditRecordSchema = z
  .object({
    id: z.string().describe('Stream entry id; also the paging cursor'),
    time: z.string().describe('When the request was answered (ISO 8601)'),
    requestId: z.string(),
    principal: z.string().nullable().describe('Key id of the caller; null when no known key was sent'),
    action: z.string().openapi({ example: 'job.create' }),
    cluster: z.string().nullable(),
    target: z.object({
      kind: z.enum(['job', 'namespace', 'batch', 'operation', 'template', 'request']).optional(),
      namespace: z.string().optional(),
      name: z.string().optional(),
      count: z.number().int().optional(),
    }),
    operationIds: z.array(z.string()),
    outcome: z.enum(['accepted', 'denied', 'throttled', 'rejected', 'error']),
    status: z.number().int(),
    errorCode: z.string().optional(),
    dryRun: z.boolean().optional(),
  })
  .openapi('AuditRecord');

const AuditPageSchema = z
  .object({
    items: z.array(AuditRecordSchema),
    nextCursor: z.string().optional().describe('Pass as `before` for the next (older) page'),
  })
  .openapi('AuditPage');

const AuditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100).describe('Records per page (1–1000)'),
  before: z
    .string()
    .regex(AUDIT_CURSOR_SHAPE, 'expected a cursor as returned in nextCursor')
    .optional()
    .describe('The nextCursor of the previous page'),
});

/**
 * Registers `GET /v1/audit` on the app: the audit trail newest first, for admin keys only (the
 * path check refuses others before this runs; the handler checks again). Query `limit`, `before`.
 */
// biome-ignore lint/suspicious/noExplicitAny: registers on an app of any Env.
export function registerAuditRoutes(app: OpenAPIHono<any>, audit: AuditLog): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/audit',
      operationId: 'listAuditRecords',
      summary: 'Audit trail of every mutation, newest first (admin keys)',
      tags: ['Audit'],
      security,
      request: { query: AuditQuery },
      responses: {
        200: json(AuditPageSchema, 'A page of audit records'),
        ...errorResponses(401, 403, 422, 429, 503),
      },
    }),
    async (c) => {
      requireAdmin(c);
      const { limit, before } = c.req.valid('query');
      let page: Awaited<ReturnType<AuditLog['list']>>;
      try {
        page = await audit.list({ limit, ...(before ? { before } : {}) });
      } catch {
        throw new ApiError(
          'QueueUnavailable',
          'the audit trail cannot be read now; retry shortly',
          undefined,
          {
            'Retry-After': '1',
          },
        );
      }
      return c.json(
        { items: page.records, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) },
        200,
      );
    },
    (result) => {
      if (!result.success) {
        throw new ApiError('ValidationFailed', 'invalid query parameters', {
          issues: result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        });
      }
      return undefined;
    },
  );
}
