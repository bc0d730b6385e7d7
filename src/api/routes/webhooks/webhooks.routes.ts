import { createRoute } from '@hono/zod-openapi';
import { COMMON_ERRORS, errorResponses, json, security } from '../openapi-helpers.js';
import { DeliveryIdParams, DeliveryList, DeliveryListQuery, DeliverySchema } from './webhooks.schemas.js';

const tags = ['Webhooks'];

export const listDeliveries = createRoute({
  method: 'get',
  path: '/deliveries',
  operationId: 'listWebhookDeliveries',
  summary: "List the caller's webhook deliveries, by state, operation or batch",
  description:
    'Newest first when filtered by operation, batch or principal. Admin keys see every key’s deliveries; other keys only their own. 422 InvalidCursor for a cursor this listing did not make.',
  tags,
  security,
  request: { query: DeliveryListQuery },
  responses: {
    200: json(DeliveryList, 'A page of deliveries; pass nextCursor as cursor for the next'),
    ...errorResponses(422, ...COMMON_ERRORS),
  },
});

export const getDelivery = createRoute({
  method: 'get',
  path: '/deliveries/{id}',
  operationId: 'getWebhookDelivery',
  summary: 'State of a webhook delivery',
  tags,
  security,
  request: { params: DeliveryIdParams },
  responses: { 200: json(DeliverySchema, 'The delivery'), ...errorResponses(...COMMON_ERRORS) },
});

export const retryDelivery = createRoute({
  method: 'post',
  path: '/deliveries/{id}/retry',
  operationId: 'retryWebhookDelivery',
  summary: 'Re-drive a failed webhook delivery',
  description:
    'Only a failed delivery (409 DeliveryNotRetryable otherwise). Its retry window (WEBHOOK_RETRY_FOR) and backoff start again.',
  tags,
  security,
  request: { params: DeliveryIdParams },
  responses: {
    202: json(DeliverySchema, 'Queued again'),
    ...errorResponses(409, ...COMMON_ERRORS),
  },
});
