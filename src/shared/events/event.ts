import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * The events eks-jobs emits (docs/architecture.md §12): an operation's outcome as the worker
 * sees it, and the state changes of the Jobs eks-jobs created, as the Job watch sees them.
 */
export const EVENT_TYPES = [
  'operation.succeeded',
  'operation.failed',
  'operation.retrying',
  'job.running',
  'job.succeeded',
  'job.failed',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];
export const eventTypeSchema = z.enum(EVENT_TYPES);

/** A Job's state as a `job.*` event carries it. */
export interface JobEventState {
  uid: string;
  phase: 'Running' | 'Succeeded' | 'Failed';
  /** The reason of the Job's terminal condition (`BackoffLimitExceeded`, `DeadlineExceeded`…). */
  reason?: string;
  message?: string;
  active: number;
  succeeded: number;
  failed: number;
  startTime?: string;
  completionTime?: string;
  /**
   * When the terminal condition became true: `completionTime` for a succeeded Job, the `Failed`
   * condition's `lastTransitionTime` for a failed one (which has no completionTime).
   */
  finishedAt?: string;
  /** The Job's `metadata.resourceVersion` as the watch saw it: orders the states of one Job. */
  resourceVersion?: string;
}

/** What every event says about its object and who asked for it. */
export interface EventData {
  cluster: string;
  kind: 'Job' | 'Namespace';
  /** Absent for namespaces. */
  namespace?: string;
  name: string;
  /** The id of the API key that submitted the operation (never the key). */
  principal: string;
  operationId?: string;
  batchId?: string;
  requestId?: string;
  command?: string;
  /** `operation.failed` and `operation.retrying`: what went wrong. */
  error?: { code: string; message: string };
  /** `operation.retrying`: the attempt that failed, and when the next one runs. */
  attempt?: number;
  nextRetryAt?: string;
  /** `operation.succeeded`: what the command left behind (the object's uid, the name drawn). */
  result?: Record<string, unknown>;
  /** `job.*` events. */
  job?: JobEventState;
  /**
   * When the operation behind the event was submitted (ISO 8601). On `job.*` events, the Job's
   * creation time once its operation has expired.
   */
  submittedAt?: string;
  /** `operation.succeeded` and `operation.failed`: how many attempts the run took. */
  attempts?: number;
  /** The Job's container images (init containers last): `job.*` events and a `job.create`'s outcome. */
  images?: string[];
  /** The Job's labels: `job.*` events and a `job.create`'s outcome. */
  labels?: Record<string, string>;
}

/**
 * One event, as `GET /v1/events` sends it and as a webhook's body carries it (the Standard
 * Webhooks payload shape `{type, timestamp, data}`, plus `id`).
 */
export interface EksJobsEvent {
  /** `evt_` + 26 characters, the same for the same transition however often it is published. */
  id: string;
  type: EventType;
  /** ISO 8601, when the transition was seen. */
  timestamp: string;
  data: EventData;
}

/**
 * The id of a transition: derived from what it is (an operation's outcome, a Job uid's phase,
 * the n-th retry), so a worker that publishes it again after a crash, or a watch that sees it
 * again after a re-list, publishes the same event and the log keeps it once.
 */
export function eventId(type: EventType, subject: string, discriminator = ''): string {
  const digest = createHash('sha256').update(`${type}\n${subject}\n${discriminator}`).digest('base64url');
  return `evt_${digest.slice(0, 26)}`;
}

/** A submission's `callback`: where to send its events (webhooks, docs/architecture.md §12). */
export const callbackSchema = z
  .strictObject({
    url: z.string().min(1).max(2048),
    /** Only these event types; all of them when absent. */
    events: z.array(eventTypeSchema).min(1).max(EVENT_TYPES.length).optional(),
  })
  .describe('Where to POST this operation’s events (Standard Webhooks)');
export type Callback = z.output<typeof callbackSchema>;

/** Whether `callback` asked for events of `type`. */
export function wants(callback: Callback, type: EventType): boolean {
  return !callback.events || callback.events.includes(type);
}
