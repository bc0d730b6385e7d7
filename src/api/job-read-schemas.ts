import { z } from '@hono/zod-openapi';
import { MAX_LOG_BYTES } from './job-logs.js';
import { JobCondition, JobObject } from './kube-object-schemas.js';
import { booleanQuery, StringMap } from './schemas.js';

/** The schemas of the live Job reads: status, lists and their filters, logs. */

/** The phases of a Job's status summary (`src/api/job-status.ts`). */
const PHASES = ['Pending', 'Running', 'Succeeded', 'Failed', 'Suspended'] as const;
const PHASE_LIST = new RegExp(`^(${PHASES.join('|')})(,(${PHASES.join('|')}))*$`);

export const JobStatus = z
  .object({
    namespace: z.string(),
    name: z.string(),
    uid: z.string().optional(),
    phase: z.enum(PHASES),
    reason: z.string().optional(),
    message: z.string().optional(),
    counts: z.object({
      active: z.number().int(),
      ready: z.number().int(),
      succeeded: z.number().int(),
      failed: z.number().int(),
      terminating: z.number().int(),
    }),
    completions: z.number().int().optional(),
    parallelism: z.number().int().optional(),
    createdAt: z.string().optional(),
    startTime: z.string().optional(),
    completionTime: z.string().optional(),
    conditions: z.array(JobCondition),
    operationId: z.string().optional().describe('The operation that created the Job'),
    batchId: z.string().optional().describe('The batch the Job was created in'),
    labels: StringMap,
  })
  .openapi('JobStatus');

export const JobStatusQuery = z.object({
  view: z.enum(['summary', 'full']).default('summary').describe('full returns the Job object as stored'),
});

/** A label value (what an operation or batch id is stored as). */
const LabelValue = z
  .string()
  .max(63)
  .regex(/^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/, 'must be a label value');

/** An ISO 8601 instant (with an offset or `Z`) or a date (midnight UTC). */
const Instant = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()])
  .transform((s) => new Date(s))
  .openapi({ type: 'string', example: '2025-05-01T00:00:00Z' });

export const JobListQuery = z
  .object({
    labelSelector: z.string().max(1000).optional(),
    phase: z
      .string()
      .regex(PHASE_LIST, `expected one or more of ${PHASES.join(', ')}, separated by commas`)
      .transform((s) => s.split(',') as Array<(typeof PHASES)[number]>)
      .optional()
      .openapi({
        type: 'string',
        example: 'Failed',
        description: 'Only Jobs in these phases (as the status summary shows them), comma-separated',
      }),
    createdAfter: Instant.optional().describe('Only Jobs created at or after this instant (ISO 8601)'),
    createdBefore: Instant.optional().describe('Only Jobs created before this instant (ISO 8601)'),
    operation: LabelValue.optional().describe('Only the Job this operation created (`eks-jobs/operation`)'),
    batch: LabelValue.optional().describe('Only the Jobs this batch created (`eks-jobs/batch`)'),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    continue: z
      .string()
      .max(4000)
      .optional()
      .describe('`continue` token of the previous page, with the same filters'),
    view: z.enum(['summary', 'full']).default('summary'),
  })
  .refine((q) => !q.createdAfter || !q.createdBefore || q.createdAfter < q.createdBefore, {
    message: 'createdAfter must be before createdBefore',
    path: ['createdBefore'],
  });

export const JobList = z
  .object({
    items: z
      .array(z.union([JobStatus, JobObject]))
      .describe('Status summaries; with `view=full` the Jobs as stored'),
    continue: z.string().optional().describe('Pass as `continue` to read the next page'),
  })
  .openapi('JobList');

export const LogsQuery = z
  .object({
    pod: z.string().max(253).optional().describe('A pod of this Job; default the newest'),
    index: z.coerce
      .number()
      .int()
      .min(0)
      .max(1_000_000)
      .optional()
      .openapi({ type: 'integer', minimum: 0, maximum: 1_000_000 })
      .describe('Indexed Jobs: the newest pod of this completion index'),
    container: z.string().max(63).optional().describe('Required when the pod has several containers'),
    follow: booleanQuery.describe('Stream the log until the container ends or the client leaves'),
    limitBytes: z.coerce
      .number()
      .int()
      .min(1)
      .max(MAX_LOG_BYTES)
      .optional()
      .describe(
        `At most this many bytes (up to ${MAX_LOG_BYTES / 1024 / 1024} MiB); a read without follow returns at most that`,
      ),
    sinceSeconds: z.coerce
      .number()
      .int()
      .min(1)
      .max(10 * 366 * 86_400)
      .optional()
      .describe('Only lines written in the last N seconds'),
    tailLines: z.coerce.number().int().min(1).max(100_000).optional(),
    timestamps: booleanQuery.describe('Prefix each line with its RFC 3339 time'),
    previous: booleanQuery.describe('Logs of the previous container instance'),
  })
  .refine((q) => q.pod === undefined || q.index === undefined, {
    message: 'give pod or index, not both',
    path: ['index'],
  });
