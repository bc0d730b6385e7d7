import { createRoute } from '@hono/zod-openapi';
import { IdParams, OperationList, OperationListQuery, OperationSchema } from '../../schemas.js';
import {
  COMMON_ERRORS,
  errorResponses,
  json,
  OPERATION_HEADERS,
  responseHeaders,
  security,
} from '../openapi-helpers.js';

/** A re-driven operation is answered as a submission is, without an Idempotency-Key. */
const RETRY_HEADERS = OPERATION_HEADERS.filter((h) => h !== 'Idempotent-Replayed');

const tags = ['Operations'];

export const getOperation = createRoute({
  method: 'get',
  path: '/operations/{id}',
  operationId: 'getOperation',
  summary: 'State of an operation',
  tags,
  security,
  request: { params: IdParams },
  responses: { 200: json(OperationSchema, 'The operation'), ...errorResponses(...COMMON_ERRORS) },
});

export const listOperations = createRoute({
  method: 'get',
  path: '/operations',
  operationId: 'listOperations',
  summary: 'List operations, newest first, optionally by state',
  tags,
  security,
  request: { query: OperationListQuery },
  responses: {
    200: json(OperationList, 'A page of operations; pass nextCursor as cursor for the next'),
    ...errorResponses(422, ...COMMON_ERRORS),
  },
});

export const retryOperation = createRoute({
  method: 'post',
  path: '/operations/{id}/retry',
  operationId: 'retryOperation',
  summary: 'Re-drive a failed operation',
  tags,
  security,
  request: { params: IdParams },
  responses: {
    202: json(OperationSchema, 'Queued again', RETRY_HEADERS),
    200: json(OperationSchema, 'With Prefer: wait — it ended in time', RETRY_HEADERS),
    ...errorResponses(409, ...COMMON_ERRORS),
  },
});

export const cancelOperation = createRoute({
  method: 'delete',
  path: '/operations/{id}',
  operationId: 'cancelOperation',
  summary: 'Cancel a queued operation',
  description:
    '409 OperationRunning when a worker has already started it; 409 ObjectExists when an earlier attempt of a create already made its object (delete the object instead).',
  tags,
  security,
  request: { params: IdParams },
  responses: {
    204: { description: 'Cancelled', headers: responseHeaders('RateLimit-Limit', 'RateLimit-Remaining') },
    ...errorResponses(409, ...COMMON_ERRORS),
  },
});
