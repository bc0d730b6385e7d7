import { createRoute } from '@hono/zod-openapi';
import { NamespaceObject } from '../../kube-object-schemas.js';
import {
  DeleteBody,
  DryRunQuery,
  IdempotencyHeaders,
  NamespaceCreateBody,
  NamespaceNameParams,
  OperationSchema,
} from '../../schemas.js';
import { COMMON_ERRORS, errorResponses, json, OPERATION_HEADERS, security } from '../openapi-helpers.js';

const tags = ['Namespaces'];

export const createNamespace = createRoute({
  method: 'post',
  path: '/namespaces',
  operationId: 'createNamespace',
  summary: 'Create a Namespace (asynchronously)',
  tags,
  security,
  request: {
    query: DryRunQuery,
    headers: IdempotencyHeaders,
    body: { required: true, content: { 'application/json': { schema: NamespaceCreateBody } } },
  },
  responses: {
    202: json(OperationSchema, 'Accepted: the operation; Location: /v1/operations/{id}', OPERATION_HEADERS),
    201: json(
      OperationSchema,
      'With Prefer: wait — the Namespace was created in time; Location: its jobs',
      OPERATION_HEADERS,
    ),
    200: json(NamespaceObject, 'Dry run (`?dryRun=true`): the Namespace as the cluster would store it'),
    ...errorResponses(400, 409, 413, 415, 422, 502, ...COMMON_ERRORS),
  },
});

export const deleteNamespace = createRoute({
  method: 'delete',
  path: '/namespaces/{name}',
  operationId: 'deleteNamespace',
  summary: 'Delete a Namespace (asynchronously)',
  description: 'Enqueues namespace.delete; the namespace goes through Terminating before it disappears.',
  tags,
  security,
  request: {
    params: NamespaceNameParams,
    headers: IdempotencyHeaders,
    body: {
      required: false,
      description: 'Optional: a `callback` for the deletion’s events',
      content: { 'application/json': { schema: DeleteBody } },
    },
  },
  responses: {
    202: json(OperationSchema, 'Accepted: the operation', OPERATION_HEADERS),
    200: json(OperationSchema, 'With Prefer: wait — the operation ended in time', OPERATION_HEADERS),
    ...errorResponses(400, 415, 422, ...COMMON_ERRORS),
  },
});
