import type { Logger } from '../logger.js';
import { redactDeep } from '../redact.js';
import type { RedisClient } from '../redis.js';
import { AUDIT_LOG_KEY, type AuditRecord } from './audit-record.js';

/** Options of {@link createAuditLog}. */
export interface AuditLogOptions {
  /** A Redis connection; the API passes its fail-fast one. */
  redis: RedisClient;
  /** Key prefix (the queue prefix), so Redis Cluster hash tags apply to the stream too. */
  prefix: string;
  logger: Logger;
  /** Approximate number of records the stream keeps. @defaultValue 100000 */
  maxLen?: number;
}

/** One page of {@link AuditLog.list}. */
export interface AuditPage {
  /** Newest first; `id` is the stream entry id. */
  records: Array<AuditRecord & { id: string }>;
  /** Pass as `before` to get the next (older) page; absent on the last page. */
  nextCursor?: string;
}

/** A stream entry id, as used for paging cursors. */
export const AUDIT_CURSOR_SHAPE = /^\d{1,20}-\d{1,20}$/;

/** Writer and reader of the audit trail. */
export interface AuditLog {
  /**
   * Writes one record to the log under the `audit` key and to the capped Redis stream. Never
   * throws: an unavailable Redis is logged as an error (the log line is still written).
   */
  write(record: AuditRecord): Promise<void>;
  /** Reads records newest first, `limit` at a time, older than the cursor `before`. */
  list(options?: { limit?: number; before?: string }): Promise<AuditPage>;
  /** The stream's Redis key. */
  readonly key: string;
}

/** Creates the audit trail on a Redis stream `<prefix>:audit` capped with `XADD MAXLEN ~`. */
export function createAuditLog(options: AuditLogOptions): AuditLog {
  const { redis, logger } = options;
  const key = `${options.prefix}:audit`;
  const maxLen = options.maxLen ?? 100_000;
  return {
    key,
    async write(given) {
      // Targets and request ids come from the caller: scrub key-shaped text before storing it.
      const record = redactDeep(given) as AuditRecord;
      logger.info({ [AUDIT_LOG_KEY]: record }, 'audit');
      try {
        // `~` lets Redis trim whole macro nodes: O(1) amortised instead of exact trimming.
        await redis.xadd(key, 'MAXLEN', '~', String(maxLen), '*', 'r', JSON.stringify(record));
      } catch (err) {
        logger.error({ err, requestId: record.requestId }, 'audit record not stored in Redis');
      }
    },
    async list({ limit = 100, before } = {}) {
      const count = Math.max(1, Math.min(1000, Math.trunc(limit)));
      const end = before === undefined ? '+' : `(${before}`;
      const entries = await redis.xrevrange(key, end, '-', 'COUNT', count);
      const records: AuditPage['records'] = [];
      for (const [id, fields] of entries) {
        const i = fields.indexOf('r');
        const json = i >= 0 ? fields[i + 1] : undefined;
        if (json === undefined) continue;
        records.push({ id, ...(JSON.parse(json) as AuditRecord) });
      }
      const last = entries.at(-1);
      return entries.length === count && last ? { records, nextCursor: last[0] } : { records };
    },
  };
}
