import { createRoute, z } from '@hono/zod-openapi';
import { JobList, JobListQuery, JobStatus, JobStatusQuery, LogsQuery } from '../../job-read-schemas.js';
import { JobObject } from '../../kube-object-schemas.js';
import {
  Callback,
  DeleteBody,
  DeleteJobQuery,
  DryRunQuery,
  IdempotencyHeaders,
  JobParams,
  JobSubmitBody,
  NamespaceParams,
  OperationSchema,
} from '../../schemas.js';
import {
  COMMON_ERRORS,
  errorResponses,
  json,
  OPERATION_HEADERS,
  responseHeaders,
  security,
} from '../openapi-helpers.js';

const tags = ['Jobs'];

/** What `PATCH …/jobs/{name}` may change: whether the Job is suspended. */
const JobUpdateBody = z
  .object({ suspend: z.boolean(), callback: Callback.optional() })
  .strict()
  .openapi('JobUpdate', { example: { suspend: true } });

export const createJob = createRoute({
  method: 'post',
  path: '/namespaces/{ns}/jobs',
  operationId: 'createJob',
  summary: 'Create a Job (asynchronously)',
  description:
    'Validates the Job (a full batch/v1 manifest or the short form), resolves generateName to the final name, adds the management labels and enqueues job.create. Answers 202 with the operation; its target names the Job. With `?dryRun=true` nothing is enqueued: the cluster’s server-side dry run answers.\n\nInstead of a Job the body may name a template, `{"template": "name" | "name:rev", "parameters": {…}}`: the template’s revision is rendered with the parameters (422 naming each bad one at `parameters.<name>`; 422 at `template` when it does not exist for this key; 403 when the template does not allow this namespace; the same 422 without a database) and the Job goes on as any Job, labelled `eks-jobs/template` and `eks-jobs/template-revision`.',
  tags,
  security,
  request: {
    params: NamespaceParams,
    query: DryRunQuery,
    headers: IdempotencyHeaders,
    body: { required: true, content: { 'application/json': { schema: JobSubmitBody } } },
  },
  responses: {
    202: json(OperationSchema, 'Accepted: the operation; Location: /v1/operations/{id}', OPERATION_HEADERS),
    201: json(
      OperationSchema,
      'With Prefer: wait — the Job was created in time; Location: the Job',
      OPERATION_HEADERS,
    ),
    200: json(JobObject, 'Dry run (`?dryRun=true`): the Job as the cluster would store it'),
    ...errorResponses(400, 409, 413, 415, 422, 502, ...COMMON_ERRORS),
  },
});

export const deleteJob = createRoute({
  method: 'delete',
  path: '/namespaces/{ns}/jobs/{name}',
  operationId: 'deleteJob',
  summary: 'Delete a Job (asynchronously)',
  description:
    'Enqueues job.delete. `propagationPolicy` defaults to Background, so the Job’s pods are deleted too.',
  tags,
  security,
  request: {
    params: JobParams,
    query: DeleteJobQuery,
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

export const updateJob = createRoute({
  method: 'patch',
  path: '/namespaces/{ns}/jobs/{name}',
  operationId: 'updateJob',
  summary: 'Suspend or resume a Job (asynchronously)',
  description:
    'Enqueues job.suspend: `{"suspend": true}` suspends the Job (its running pods are deleted, its progress kept), `{"suspend": false}` resumes it.',
  tags,
  security,
  request: {
    params: JobParams,
    headers: IdempotencyHeaders,
    body: { required: true, content: { 'application/json': { schema: JobUpdateBody } } },
  },
  responses: {
    202: json(OperationSchema, 'Accepted: the operation', OPERATION_HEADERS),
    200: json(OperationSchema, 'With Prefer: wait — the operation ended in time', OPERATION_HEADERS),
    ...errorResponses(400, 413, 415, 422, ...COMMON_ERRORS),
  },
});

export const getJob = createRoute({
  method: 'get',
  path: '/namespaces/{ns}/jobs/{name}',
  operationId: 'getJob',
  summary: 'Live status of a Job',
  description:
    'Read from the cluster’s Batch API (identical concurrent reads share one upstream call). The summary derives a phase from the conditions and counts; `?view=full` returns the Job object.',
  tags,
  security,
  request: { params: JobParams, query: JobStatusQuery },
  responses: {
    200: json(
      z.union([JobStatus, JobObject]),
      "The status summary (`JobStatus`); with `?view=full` the Job as stored (`JobObject`): `'phase' in job` tells them apart",
    ),
    ...errorResponses(422, 502, ...COMMON_ERRORS),
  },
});

const LIST_DESCRIPTION =
  'Read live from the cluster. `labelSelector`, `operation` and `batch` select in the cluster; `phase` (as the status summary derives it) and `createdAfter`/`createdBefore` (at or after / before) are applied to what it answers, so a page may hold fewer than `limit` Jobs — even none — and still carry `continue`: read on until it is absent. Pass `continue` back with the same filters.';

export const listJobs = createRoute({
  method: 'get',
  path: '/namespaces/{ns}/jobs',
  operationId: 'listJobs',
  summary: 'List Jobs (live)',
  description: LIST_DESCRIPTION,
  tags,
  security,
  request: { params: NamespaceParams, query: JobListQuery },
  responses: {
    200: json(JobList, 'A page of Jobs; pass `continue` to read the next'),
    ...errorResponses(400, 422, 502, ...COMMON_ERRORS),
  },
});

export const listAllJobs = createRoute({
  method: 'get',
  path: '/jobs',
  operationId: 'listAllJobs',
  summary: 'List eks-jobs’ Jobs across the namespaces the key may read (live)',
  description: `The Jobs eks-jobs manages (label \`app.kubernetes.io/managed-by=eks-jobs\`) in every namespace the API key may read, in namespace then name order; other namespaces' Jobs are never answered. ${LIST_DESCRIPTION}`,
  tags,
  security,
  request: { query: JobListQuery },
  responses: {
    200: json(JobList, 'A page of Jobs; pass `continue` to read the next'),
    ...errorResponses(400, 422, 502, ...COMMON_ERRORS),
  },
});

export const getJobLogs = createRoute({
  method: 'get',
  path: '/namespaces/{ns}/jobs/{name}/logs',
  operationId: 'getJobLogs',
  summary: 'Log of a Job’s pod, whole or followed',
  description:
    'Plain text, streamed as the cluster sends it (chunked). The pod is the newest of the Job; `index` picks the newest pod of that completion index (Indexed Jobs), `pod` a pod by name; the answer names it in `X-Pod-Name`. With `follow=true` the log is streamed until the container ends or the client leaves. A read without `follow` returns at most 10 MiB (`limitBytes` asks for less). A stream cut by an error ends without its final chunk.',
  tags,
  security,
  request: { params: JobParams, query: LogsQuery },
  responses: {
    200: {
      description: 'The log',
      headers: responseHeaders('RateLimit-Limit', 'RateLimit-Remaining', 'X-Pod-Name'),
      content: { 'text/plain': { schema: z.string() } },
    },
    ...errorResponses(400, 422, 502, ...COMMON_ERRORS),
  },
});
