import { z } from '@hono/zod-openapi';
import { HISTORY_JOB_PHASES } from '../../../shared/db/index.js';

/** The schemas of the history routes (docs/history.md). */

const Instant = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()])
  .transform((s) => new Date(s))
  .openapi({ type: 'string', example: '2025-05-01T00:00:00Z' });

/** Kubernetes label key (optional DNS prefix `/` name) and value; `label=k=v`. */
const LABEL_PAIR =
  /^(([a-z0-9]([-a-z0-9]*[a-z0-9])?\.)*[a-z0-9]([-a-z0-9]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?=([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;
const Label = z
  .string()
  .max(317)
  .regex(LABEL_PAIR, 'expected key=value with a Kubernetes label key and value');
/** A query parameter that may be repeated: one value arrives as a string, several as an array. */
const repeated = <T extends z.ZodType>(item: T, max: number) =>
  z.preprocess((v) => (typeof v === 'string' ? [v] : v), z.array(item).min(1).max(max));

const Namespace = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'expected a namespace name')
  .max(63);

export const HistoryJobListQuery = z
  .object({
    namespace: repeated(Namespace, 50)
      .optional()
      .openapi({
        type: 'array',
        items: { type: 'string' },
        description:
          'Only Jobs of this namespace (repeat for several); each must be one the key may read (403 otherwise). Without it: every namespace the key may read',
      }),
    phase: z
      .enum(HISTORY_JOB_PHASES)
      .optional()
      .describe('Only Jobs in this phase (Deleted: removed before they finished)'),
    label: repeated(Label, 20)
      .optional()
      .openapi({
        type: 'array',
        items: { type: 'string', example: 'team=data' },
        description: 'Only Jobs with this label, `key=value` (repeat: all of them)',
      }),
    submittedBy: z.string().min(1).max(200).optional().describe('Only Jobs submitted with this API key id'),
    since: Instant.optional().describe('Only Jobs submitted at or after this instant (ISO 8601)'),
    until: Instant.optional().describe('Only Jobs submitted at or before this instant (ISO 8601)'),
    cursor: z.string().max(500).optional().describe('nextCursor of the previous page, with the same filters'),
    limit: z.coerce.number().int().min(1).max(500).default(50),
  })
  .refine((q) => !q.since || !q.until || q.since <= q.until, {
    message: 'since must not be after until',
    path: ['until'],
  });

export const HistoryJobParams = z.object({
  // Any UUID-shaped uid: PostgreSQL's uuid type takes them all, and a cluster's uids need not be v4.
  uid: z
    .guid()
    .openapi({ param: { name: 'uid', in: 'path' }, example: '9a1c0b8e-3f55-4c7e-9a57-5f9d3c4a7e21' }),
});

export const HistoryJobSchema = z
  .object({
    cluster: z.string(),
    uid: z.string().describe("The Job's metadata.uid"),
    namespace: z.string(),
    name: z.string(),
    phase: z
      .enum(HISTORY_JOB_PHASES)
      .describe('The last phase recorded; Deleted: the Job was deleted before it finished'),
    reason: z.string().optional().describe('Why it failed: BackoffLimitExceeded, DeadlineExceeded…'),
    counts: z.object({ active: z.number().int(), succeeded: z.number().int(), failed: z.number().int() }),
    submittedAt: z.string().describe('When its operation was submitted (ISO 8601)'),
    startedAt: z.string().optional(),
    finishedAt: z.string().optional(),
    images: z.array(z.string()).describe('Container images of its pods (init containers last)'),
    labels: z.record(z.string(), z.string()),
    submittedBy: z.string().optional().describe('The id of the API key that submitted it'),
    operationId: z.string().optional(),
    batchId: z.string().optional(),
    requestId: z.string().optional(),
    template: z.string().optional(),
    templateRevision: z.number().int().optional(),
    updatedAt: z.string().describe('When this record last changed'),
  })
  .openapi('HistoryJob');

export const HistoryJobList = z
  .object({
    items: z.array(HistoryJobSchema).describe('Newest submission first'),
    nextCursor: z.string().optional().describe('Pass as cursor, with the same filters, for the next page'),
  })
  .openapi('HistoryJobList');
