import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from '@hono/zod-openapi';
import { EVENT_TYPES } from '../../shared/events/event.js';
import type { AppEnv } from '../context.js';
import { EVENT_SCHEMAS } from '../event-schemas.js';

const WebhookHeaders = z.object({
  'webhook-id': z.string().describe('The event id (evt_…); receivers de-duplicate by it'),
  'webhook-timestamp': z.string().describe('Seconds since the epoch, when this attempt was signed'),
  'webhook-signature': z
    .string()
    .describe(
      '`v1,` + base64 HMAC-SHA256 of `id.timestamp.body` with the API key’s webhook secret (Standard Webhooks); verify with the `standardwebhooks` package',
    ),
});

/**
 * The `webhooks` section of the OpenAPI 3.1 document: what eks-jobs POSTs to a submission's
 * `callback.url` for each event type (docs/architecture.md §12), and what the receiver's answer
 * means.
 */
export function registerEventWebhooks(app: OpenAPIHono<AppEnv>): void {
  for (const type of EVENT_TYPES) {
    app.openAPIRegistry.registerWebhook({
      method: 'post',
      path: type,
      operationId: `on_${type.replace('.', '_')}`,
      summary: `${type} (to a submission's callback)`,
      description:
        'Sent to `callback.url` when the submission’s `callback.events` include this type (all types when absent). At least once: a redelivery has the same `webhook-id`.',
      tags: ['Webhooks'],
      // No HTTP authentication: the receiver verifies the `webhook-signature` header.
      security: [],
      request: {
        headers: WebhookHeaders,
        body: { required: true, content: { 'application/json': { schema: EVENT_SCHEMAS[type] } } },
      },
      responses: {
        200: { description: 'Any 2xx ends the delivery' },
        410: { description: 'Gone: eks-jobs stops sending to this URL for this API key' },
        500: {
          description:
            'Any other answer, a redirect or no answer within WEBHOOK_TIMEOUT: retried with backoff for WEBHOOK_RETRY_FOR (25 h by default)',
        },
      },
    });
  }
}
