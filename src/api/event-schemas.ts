import { z } from '@hono/zod-openapi';
import { EVENT_TYPES, type EventType } from '../shared/events/event.js';

/**
 * The events of docs/architecture.md §12 as the OpenAPI document shows them: the body of every
 * webhook and the `data:` of every `GET /v1/events` message. Documentation of the shape
 * `src/shared/events/event.ts` defines; the publishers build events from that module's types.
 */

const JobEventState = z
  .object({
    uid: z.string(),
    phase: z.enum(['Running', 'Succeeded', 'Failed']),
    reason: z
      .string()
      .optional()
      .describe('The reason of the terminal condition: BackoffLimitExceeded, DeadlineExceeded…'),
    message: z.string().optional(),
    active: z.number().int(),
    succeeded: z.number().int(),
    failed: z.number().int(),
    startTime: z.string().optional(),
    completionTime: z.string().optional(),
    finishedAt: z
      .string()
      .optional()
      .describe('When the terminal condition became true (a failed Job has no completionTime)'),
    resourceVersion: z.string().optional().describe("The Job's resourceVersion as the watch saw it"),
  })
  .openapi('JobEventState');

const EventData = z
  .object({
    cluster: z.string(),
    kind: z.enum(['Job', 'Namespace']),
    namespace: z.string().optional().describe('Absent for namespaces'),
    name: z.string(),
    principal: z.string().describe('The id of the API key that submitted the operation (never the key)'),
    operationId: z.string().optional(),
    batchId: z.string().optional(),
    requestId: z.string().optional(),
    command: z.string().optional(),
    error: z
      .object({ code: z.string(), message: z.string() })
      .optional()
      .describe('operation.failed and operation.retrying: what went wrong'),
    attempt: z.number().int().optional().describe('operation.retrying: the attempt that failed'),
    nextRetryAt: z.string().optional().describe('operation.retrying: when the next attempt runs'),
    result: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('operation.succeeded: what the command left behind (uid, the name drawn)'),
    job: JobEventState.optional().describe('job.* events'),
    submittedAt: z
      .string()
      .optional()
      .describe(
        "When the operation was submitted; on job.* events the Job's creation time once the operation has expired",
      ),
    attempts: z
      .number()
      .int()
      .optional()
      .describe('operation.succeeded and operation.failed: attempts the run took'),
    images: z
      .array(z.string())
      .optional()
      .describe("The Job's container images: job.* events and a job.create's operation.succeeded"),
    labels: z
      .record(z.string(), z.string())
      .optional()
      .describe("The Job's labels: job.* events and a job.create's operation.succeeded"),
  })
  .openapi('EventData');

const DESCRIPTIONS: Record<EventType, string> = {
  'operation.succeeded': 'An operation succeeded; `data.result` says what it left behind.',
  'operation.failed': 'An operation failed for good; `data.error` says why.',
  'operation.retrying':
    'An attempt of an operation failed and another is scheduled: `data.error`, `data.attempt`, `data.nextRetryAt`.',
  'job.running': 'A Job eks-jobs created has started (`data.job`).',
  'job.succeeded': 'A Job eks-jobs created completed (`data.job`, with its counts and times).',
  'job.failed': 'A Job eks-jobs created failed (`data.job.reason`: BackoffLimitExceeded, DeadlineExceeded…).',
};

/** An event of one type: `{id, type, timestamp, data}`. */
function eventOf(type: EventType) {
  const name = `Event_${type.replace('.', '_')}`;
  return z
    .object({
      id: z.string().describe('evt_…: the same for the same transition, however often it is sent'),
      type: z.literal(type),
      timestamp: z.string().describe('ISO 8601, when the transition was seen'),
      data: EventData,
    })
    .openapi(name, { description: DESCRIPTIONS[type] });
}

/** Each event type's schema. */
export const EVENT_SCHEMAS = Object.fromEntries(EVENT_TYPES.map((t) => [t, eventOf(t)])) as Record<
  EventType,
  ReturnType<typeof eventOf>
>;

/** Any event: what an SSE `data:` line or a webhook body holds. */
export const EventSchema = z
  .union(EVENT_TYPES.map((t) => EVENT_SCHEMAS[t]) as unknown as [z.ZodType, z.ZodType, ...z.ZodType[]])
  .openapi('Event');
