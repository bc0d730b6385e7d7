import { z } from 'zod';
import { jsonField, numberField } from '../hash-fields.js';

/**
 * A webhook delivery as the API shows it, read from its BullMQ job hash (one HMGET), and the
 * store's interface (delivery-store.ts implements it). Pure.
 */

/**
 * A delivery's state: `pending` (waiting, retrying after a failed attempt, or being sent),
 * `delivered` (a 2xx), `failed` (retried for WEBHOOK_RETRY_FOR, or not deliverable at all),
 * `disabled` (not delivered because the receiver answered 410 Gone, now or to an earlier delivery).
 */
export const DELIVERY_STATES = ['pending', 'delivered', 'failed', 'disabled'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/** One delivery as the API shows it. */
export interface DeliveryView {
  /** `dlv_…`: the event id's delivery. */
  id: string;
  state: DeliveryState;
  /** The API key id whose callback this is (its secret signs the delivery). */
  principal: string;
  event: {
    id: string;
    type: string;
    timestamp: string;
    cluster: string;
    kind: string;
    namespace?: string;
    name: string;
    operationId?: string;
    batchId?: string;
  };
  /** The callback URL with its query string replaced by `REDACTED` (it may carry a token). */
  url: string;
  /** Attempts made since the delivery was enqueued or last re-driven. */
  attempts: number;
  /** Why the last attempt failed (a pending delivery's earlier attempt, or a failed one's last). */
  lastError?: string;
  /** When a pending delivery's next attempt is due, after a failed one. */
  nextAttemptAt?: string;
  delivered?: { status: number; at: string };
  disabled?: { reason: 'gone' | 'disabled'; status?: number; at: string };
  failedAt?: string;
  createdAt: string;
  redrivenAt?: string;
}

/** What {@link WebhookDeliveryStore.list} filters by; every given filter applies. */
export interface DeliveryListQuery {
  state?: DeliveryState;
  /** An operation id. */
  operation?: string;
  batch?: string;
  /** An API key id. */
  principal?: string;
  /** `nextCursor` of the previous page of the same query. */
  cursor?: string;
  /** Items per page. */
  limit: number;
}

/**
 * A page of deliveries. Newest first (by when they were enqueued or re-driven) when the query
 * names an operation, batch or principal; else by BullMQ state list (pending, failed, then
 * finished ones, each newest first). A page may hold fewer than `limit` items while more
 * follow: continue while `nextCursor` is present.
 */
export interface DeliveryPage {
  items: DeliveryView[];
  nextCursor?: string;
}

export type RedriveResult =
  | { outcome: 'redriven'; delivery: DeliveryView }
  | { outcome: 'not-found' }
  | { outcome: 'not-failed'; state: DeliveryState };

/** Webhook deliveries as the API lists and re-drives them. */
export interface WebhookDeliveryStore {
  /** A page of deliveries; throws {@link DeliveryCursorError} on a cursor it did not make. */
  list(query: DeliveryListQuery): Promise<DeliveryPage>;
  get(id: string): Promise<DeliveryView | undefined>;
  /**
   * Sends a `failed` delivery again: marks `redrivenAt` in its data first (the worker's retry
   * window starts there), then moves it back to waiting with its attempt count reset (so its
   * backoff starts small again). Anything but a failed delivery is left alone.
   */
  redrive(id: string): Promise<RedriveResult>;
  close(): Promise<void>;
}

/** The job-hash fields a delivery is read from, in HMGET order: one HMGET of one hash. */
export const DELIVERY_FIELDS = [
  'data',
  'timestamp',
  'finishedOn',
  'returnvalue',
  'failedReason',
  'atm',
] as const;

/**
 * The stored data, checked: jobs can come from an older deploy. Only what is shown is required.
 */
const storedData = z.object({
  event: z.object({
    id: z.string(),
    type: z.string(),
    timestamp: z.string(),
    data: z.object({
      cluster: z.string(),
      kind: z.string(),
      namespace: z.string().optional(),
      name: z.string(),
      operationId: z.string().optional(),
      batchId: z.string().optional(),
    }),
  }),
  url: z.string(),
  principal: z.string(),
  redrivenAt: z.number().optional(),
});

const storedResult = z.object({
  outcome: z.enum(['delivered', 'gone', 'disabled']),
  status: z.number().int().optional(),
});

/** A callback URL fit to show: the query string (a common place for a token) and fragment dropped. Pure. */
export function redactCallbackUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return '(not a valid URL)';
  }
  const query = url.search ? '?REDACTED' : '';
  return `${url.protocol}//${url.host}${url.pathname}${query}`;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * A delivery from its job hash (the HMGET of {@link DELIVERY_FIELDS}) and, when pending, its score in the
 * delayed set. Finished when BullMQ wrote `finishedOn`: with a `returnvalue` it completed, else it
 * failed. Undefined when the job is gone or its data is not a delivery. Pure.
 */
export function deliveryFromFields(
  id: string,
  fields: readonly (string | null)[],
  delayedScore: number | undefined,
): DeliveryView | undefined {
  const [rawData, rawTimestamp, rawFinishedOn, rawResult, failedReason, rawAttempts] = fields;
  const data = storedData.safeParse(jsonField(rawData));
  if (!data.success) return undefined;
  const { event, url, principal, redrivenAt } = data.data;
  const { cluster, kind, namespace, name, operationId, batchId } = event.data;
  const finishedOn = numberField(rawFinishedOn);
  const result = storedResult.safeParse(jsonField(rawResult));
  let state: DeliveryState = 'pending';
  const outcome: Partial<DeliveryView> = {};
  if (finishedOn !== undefined && rawResult !== null && rawResult !== undefined) {
    const r = result.success ? result.data : undefined;
    if (r?.outcome === 'delivered' || !r) {
      state = 'delivered';
      outcome.delivered = { status: r?.status ?? 0, at: iso(finishedOn) };
    } else {
      state = 'disabled';
      outcome.disabled = {
        reason: r.outcome === 'gone' ? 'gone' : 'disabled',
        ...(r.status !== undefined ? { status: r.status } : {}),
        at: iso(finishedOn),
      };
    }
  } else if (finishedOn !== undefined) {
    state = 'failed';
    outcome.failedAt = iso(finishedOn);
  } else if (delayedScore !== undefined) {
    // BullMQ scores a delayed job by its due time × 0x1000 (plus a counter for ties).
    outcome.nextAttemptAt = iso(Math.floor(delayedScore / 0x1000));
  }
  return {
    id,
    state,
    principal,
    event: {
      id: event.id,
      type: event.type,
      timestamp: event.timestamp,
      cluster,
      kind,
      ...(namespace !== undefined ? { namespace } : {}),
      name,
      ...(operationId !== undefined ? { operationId } : {}),
      ...(batchId !== undefined ? { batchId } : {}),
    },
    url: redactCallbackUrl(url),
    attempts: numberField(rawAttempts) ?? 0,
    ...(failedReason ? { lastError: failedReason } : {}),
    ...outcome,
    createdAt: iso(numberField(rawTimestamp) ?? 0),
    ...(redrivenAt !== undefined ? { redrivenAt: iso(redrivenAt) } : {}),
  };
}

/** Whether a delivery passes the query's filters. Pure. */
