import { Hono } from 'hono';
import { AUDIT_CURSOR_SHAPE, type AuditLog } from '../../shared/audit/audit-log.js';
import { ApiError } from '../errors.js';
import { requireAdmin } from './authorize.js';
import type { SecurityEnv } from './context.js';

/**
 * `GET /` of the audit trail, newest first, for admin keys: mount at `/v1/audit`.
 * Query: `limit` (1–1000, default 100), `before` (the `nextCursor` of the previous page).
 * Answer: `{ items: AuditRecord[] (each with its stream id), nextCursor? }`.
 */
export function auditRoutes(audit: AuditLog) {
  return new Hono<SecurityEnv>().get('/', async (c) => {
    requireAdmin(c);
    const limitText = c.req.query('limit');
    const before = c.req.query('before');
    const problems: Array<{ path: string; message: string }> = [];
    const limit = limitText === undefined ? 100 : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
      problems.push({ path: 'limit', message: 'expected a whole number from 1 to 1000' });
    }
    if (before !== undefined && !AUDIT_CURSOR_SHAPE.test(before)) {
      problems.push({ path: 'before', message: 'expected a cursor as returned in nextCursor' });
    }
    if (problems.length)
      throw new ApiError('ValidationFailed', 'invalid query parameters', { issues: problems });
    let page: Awaited<ReturnType<AuditLog['list']>>;
    try {
      page = await audit.list({ limit, ...(before ? { before } : {}) });
    } catch {
      throw new ApiError('QueueUnavailable', 'the audit trail cannot be read now; retry shortly', undefined, {
        'Retry-After': '1',
      });
    }
    return c.json({ items: page.records, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) });
  });
}
