import { createRoute } from '@hono/zod-openapi';
import {
  BatchAccepted,
  BatchProgress,
  batchCreateBody,
  IdempotencyHeaders,
  IdParams,
} from '../../schemas.js';
import { COMMON_ERRORS, errorResponses, json, security } from '../openapi-helpers.js';

const tags = ['Batches'];

/** `POST /batches`, for a server taking at most `maxItems` per batch. */
export function createBatchRoute(maxItems: number) {
  return createRoute({
    method: 'post',
    path: '/batches',
    operationId: 'createBatch',
    summary: `Create up to ${maxItems} Jobs at once, all or nothing`,
    description:
      'Every item is validated first; if any is invalid the answer is 422 listing each bad item by index and nothing is enqueued. Otherwise all job.create commands are enqueued in one transaction. With an Idempotency-Key a retry after any failure (a 503 included) enqueues nothing twice.',
    tags,
    security,
    request: {
      headers: IdempotencyHeaders,
      body: { required: true, content: { 'application/json': { schema: batchCreateBody(maxItems) } } },
    },
    responses: {
      202: json(BatchAccepted, 'Accepted: the batch id and its operations; Location: /v1/batches/{id}'),
      ...errorResponses(400, 413, 415, 422, ...COMMON_ERRORS),
    },
  });
}

export const getBatch = createRoute({
  method: 'get',
  path: '/batches/{id}',
  operationId: 'getBatch',
  summary: 'Progress of a batch',
  tags,
  security,
  request: { params: IdParams },
  responses: { 200: json(BatchProgress, 'Counts by state'), ...errorResponses(...COMMON_ERRORS) },
});
