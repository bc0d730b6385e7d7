import { z } from '@hono/zod-openapi';
import { DELIVERY_STATES } from '../../../shared/webhooks/delivery-view.js';

/** The schemas of the webhook delivery routes (docs/architecture.md §12). */

const DeliveryState = z
  .enum(DELIVERY_STATES)
  .describe(
    'pending: waiting, being sent or retrying after a failed attempt; delivered: a 2xx; failed: retried for WEBHOOK_RETRY_FOR (or not deliverable), can be re-driven; disabled: the receiver answered 410 Gone, to this delivery or an earlier one',
  );

export const DeliveryIdParams = z.object({
  id: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'dlv_4mK2xQ9s0b1c2d3e4f5g6h7j8k' }),
});

export const DeliveryListQuery = z.object({
  state: DeliveryState.optional(),
  operation: z.string().min(1).max(200).optional().describe('Only deliveries of this operation'),
  batch: z.string().min(1).max(200).optional().describe('Only deliveries of this batch'),
  principal: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe("Only this API key id's deliveries (admin keys; any other key sees only its own)"),
  cursor: z.string().max(500).optional().describe('nextCursor of the previous page'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export const DeliverySchema = z
  .object({
    id: z.string().describe('dlv_…, one per event and callback'),
    state: DeliveryState,
    principal: z.string().describe('The API key id whose callback this is'),
    event: z.object({
      id: z.string(),
      type: z.string(),
      timestamp: z.string(),
      cluster: z.string(),
      kind: z.string(),
      namespace: z.string().optional(),
      name: z.string(),
      operationId: z.string().optional(),
      batchId: z.string().optional(),
    }),
    url: z.string().describe('The callback URL; a query string is shown as ?REDACTED'),
    attempts: z.number().int().describe('Attempts made since the delivery was enqueued or last re-driven'),
    lastError: z.string().optional().describe('Why the last failed attempt failed'),
    nextAttemptAt: z.string().optional().describe('Pending after a failed attempt: when the next is due'),
    delivered: z.object({ status: z.number().int(), at: z.string() }).optional(),
    disabled: z
      .object({ reason: z.enum(['gone', 'disabled']), status: z.number().int().optional(), at: z.string() })
      .optional(),
    failedAt: z.string().optional(),
    createdAt: z.string(),
    redrivenAt: z.string().optional(),
  })
  .openapi('WebhookDelivery');

export const DeliveryList = z
  .object({
    items: z.array(DeliverySchema),
    nextCursor: z
      .string()
      .optional()
      .describe('Pass as cursor for the next page; a page may be short while more follow'),
  })
  .openapi('WebhookDeliveryList');
