import type { EksJobsEvent } from '../events/event.js';

/**
 * The BullMQ queue webhook deliveries run through (under QUEUE_PREFIX), apart from the commands,
 * with plain keys; with sharded keys it is `webhookQueueName('sharded')` (`{webhooks}`).
 */
export const WEBHOOK_QUEUE = 'webhooks';
/** The BullMQ job name of a delivery. */
export const DELIVERY_JOB = 'deliver';

/** A delivery: one event to one callback. Its BullMQ job id is {@link deliveryJobId}. */
export interface DeliveryData {
  event: EksJobsEvent;
  /** The callback's URL, checked by the URL policy at submission and again at delivery. */
  url: string;
  /** The API key id whose webhook secret signs the delivery (the operation's submitter). */
  principal: string;
}

/** One delivery per event id: publishing an event again adds nothing (BullMQ keeps the first job). */
export function deliveryJobId(event: Pick<EksJobsEvent, 'id'>): string {
  return event.id.replace(/^evt_/, 'dlv_');
}
