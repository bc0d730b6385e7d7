import { createRoute, z } from '@hono/zod-openapi';
import {
  BatchAccepted,
  BatchProgress,
  batchCreateBody,
  IdempotencyHeaders,
  IdParams,
} from '../../schemas.js';
import { COMMON_ERRORS, errorResponses, json, security } from '../openapi-helpers.js';

const tags = ['Batches'];

/** `BatchProgress` with the cancelled items counted (an additive field). */
const { done: _done, operationIds, ...counts } = BatchProgress.shape;
const BatchProgressCounted = z
  .object({
    ...counts,
    cancelled: z.number().int().describe('queued items cancelled with DELETE /v1/operations/{id}'),
    done: z.boolean().describe('true once every operation has succeeded, failed or been cancelled'),
    operationIds,
  })
  .openapi('BatchProgress');

/** `POST /batches`, for a server taking at most `maxItems` per batch. */
export function createBatchRoute(maxItems: number) {
  return createRoute({
    method: 'post',
    path: '/batches',
    operationId: 'createBatch',
    summary: `Create up to ${maxItems} Jobs at once, all or nothing`,
    description:
      'Every item is validated first; if any is invalid the answer is 422 listing each bad item by index and nothing is enqueued. Otherwise all job.create commands are enqueued in one transaction. With an Idempotency-Key a retry after any failure (a 503 included) enqueues nothing twice.\n\nAn item may name a template instead of carrying a Job: `{"namespace", "template": "name" | "name:rev", "parameters"}`. Each template is resolved once per batch and rendered per item; bad parameters are issues at `items[i].parameters.<name>`, a template that does not exist for this key at `items[i].template`; items whose template does not allow their namespace are refused with 403 listing them. Without a database every template item is refused at `items[i].template`.',
    tags,
    security,
    request: {
      headers: IdempotencyHeaders,
      body: { required: true, content: { 'application/json': { schema: batchCreateBody(maxItems) } } },
    },
    responses: {
      202: json(BatchAccepted, 'Accepted: the batch id and its operations; Location: /v1/batches/{id}', [
        'Location',
        'Idempotent-Replayed',
      ]),
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
  responses: { 200: json(BatchProgressCounted, 'Counts by state'), ...errorResponses(...COMMON_ERRORS) },
});
