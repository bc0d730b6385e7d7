import { z } from '@hono/zod-openapi';
import { callbackSchema } from '../shared/events/event.js';
import { operationSchema } from '../shared/operations/index.js';
import { ERROR_STATUS } from './errors.js';
import { TemplateInvocation } from './templates/schemas.js';

/**
 * The zod schemas of the HTTP API: request validation and the OpenAPI 3.1 document are both
 * generated from these, so the documentation cannot drift from what the server accepts.
 */

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A namespace name (DNS-1123 label). */
export const NamespaceName = z
  .string()
  .max(63)
  .regex(
    DNS1123_LABEL,
    "must be a DNS-1123 label: lower case alphanumerics or '-', alphanumeric at both ends",
  )
  .openapi({ example: 'team-a' });

/** A Job name as Kubernetes accepts it: a DNS-1123 subdomain that also fits a label value (63). */
export const JobName = z
  .string()
  .max(63)
  .regex(
    /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/,
    "must be a DNS-1123 subdomain: lower case alphanumerics, '-' or '.', alphanumeric at both ends",
  )
  .openapi({ example: 'report-7f2kq' });

export const ClusterName = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[\w.-]+$/, 'expected letters, digits, ., _ or -')
  .openapi({ example: 'prod-eu' });

export const ClusterParams = z.object({
  cluster: ClusterName.openapi({ param: { name: 'cluster', in: 'path' } }),
});
export const NamespaceParams = z.object({
  ns: NamespaceName.openapi({ param: { name: 'ns', in: 'path' } }),
});
export const JobParams = NamespaceParams.extend({
  name: JobName.openapi({ param: { name: 'name', in: 'path' } }),
});
export const NamespaceNameParams = z.object({
  name: NamespaceName.openapi({ param: { name: 'name', in: 'path' } }),
});
export const IdParams = z.object({
  id: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'op-3d9f6c1e' }),
});

/** A map of strings (labels, annotations, env). */
export const StringMap = z.record(z.string(), z.string());

/** `env` as a map, or as Kubernetes `EnvVar`s when a value comes from a secret or field. */
const EnvInput = z.union([
  StringMap,
  z.array(z.object({ name: z.string().min(1), value: z.string().optional() }).passthrough()),
]);

/** `callback` of a submission: where its events are POSTed as Standard Webhooks (one rule, shared with the worker). */
// Rebuilt from the shared shape: the shared module's own object may predate zod-openapi's extension.
export const Callback = z.strictObject(callbackSchema.shape).openapi('Callback', {
  example: { url: 'https://ci.example.com/hooks/eks-jobs' },
});

/**
 * The optional body of a delete: only its `callback`. A delete without a body (or without a
 * Content-Type) is a delete without one.
 */
export const DeleteBody = z
  .strictObject({ callback: Callback.optional() })
  .openapi('DeleteOptions', { example: { callback: { url: 'https://ci.example.com/hooks/eks-jobs' } } });

/** The short form of a Job: the common fields, everything else defaulted. */
export const JobShortForm = z
  .object({
    name: z.string().optional().describe('Final name; give this or generateName'),
    generateName: z
      .string()
      .optional()
      .describe('Prefix; the API appends 5 random characters and answers the final name at once'),
    image: z.string().min(1).describe('Container image'),
    command: z.array(z.string()).optional(),
    args: z.array(z.string()).optional(),
    env: EnvInput.optional(),
    resources: z
      .object({ requests: StringMap.optional(), limits: StringMap.optional() })
      .strict()
      .optional()
      .openapi({ example: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } } }),
    labels: StringMap.optional(),
    annotations: StringMap.optional(),
    backoffLimit: z.number().int().min(0).optional(),
    activeDeadlineSeconds: z.number().int().positive().optional(),
    ttlSecondsAfterFinished: z.number().int().min(0).optional(),
    serviceAccountName: z.string().min(1).optional(),
    callback: Callback.optional(),
  })
  .strict()
  .openapi('JobShortForm', {
    example: { generateName: 'report-', image: 'busybox:1.36', command: ['sh', '-c', 'echo hello'] },
  });

const Loose = z.record(z.string(), z.unknown());

/** A full `batch/v1` Job manifest; fields beyond the ones the API checks pass through to Kubernetes. */
export const JobManifest = z
  .object({
    apiVersion: z.literal('batch/v1'),
    kind: z.literal('Job'),
    metadata: z
      .object({
        name: z.string().optional(),
        generateName: z.string().optional(),
        namespace: z.string().optional(),
        labels: StringMap.optional(),
        annotations: StringMap.optional(),
      })
      .passthrough(),
    spec: z
      .object({
        template: z
          .object({
            metadata: z.object({ labels: StringMap.optional() }).passthrough().optional(),
            spec: z
              .object({
                containers: z
                  .array(z.object({ name: z.string().min(1), image: z.string().min(1) }).passthrough())
                  .min(1),
                restartPolicy: z.enum(['Never', 'OnFailure']),
              })
              .passthrough(),
          })
          .passthrough(),
      })
      .passthrough(),
    status: Loose.optional(),
    callback: Callback.optional().describe(
      'Not part of the Job: where its events go (removed before it is sent)',
    ),
  })
  .passthrough()
  .openapi('JobManifest');

/** Body of `POST …/namespaces/{ns}/jobs`: a full manifest or the short form. */
export const JobCreateBody = z.union([JobManifest, JobShortForm]).openapi('JobCreateBody');
export type JobCreateBody = z.infer<typeof JobCreateBody>;

/** A Job create that names a template and its parameters instead of carrying a Job (docs/templates.md). */
export const TemplateSubmission = z
  .strictObject({ ...TemplateInvocation.shape, callback: Callback.optional() })
  .openapi('TemplateSubmission', {
    example: { template: 'nightly-report:3', parameters: { date: '2025-01-31' } },
  });
export type TemplateSubmission = z.infer<typeof TemplateSubmission>;

/** Body of `POST …/namespaces/{ns}/jobs`: a Job (manifest or short form), or a template to render. */
export const JobSubmitBody = z
  .union([JobManifest, JobShortForm, TemplateSubmission])
  .openapi('JobSubmitBody');
export type JobSubmitBody = z.infer<typeof JobSubmitBody>;

/** Whether a submission names a template rather than carrying a Job. */
export function isTemplateSubmission(body: JobSubmitBody): body is TemplateSubmission {
  return typeof (body as { template?: unknown }).template === 'string';
}

export const NamespaceCreateBody = z
  .object({
    name: NamespaceName,
    labels: StringMap.optional(),
    annotations: StringMap.optional(),
    callback: Callback.optional(),
  })
  .strict()
  .openapi('NamespaceCreateBody', { example: { name: 'team-a' } });

export const PropagationPolicy = z.enum(['Background', 'Foreground', 'Orphan']);

export const DeleteJobQuery = z.object({
  propagationPolicy: PropagationPolicy.default('Background').describe(
    'Background (default) deletes the pods too; Orphan leaves them running',
  ),
});

/** A boolean query parameter: `true`/`false`/`1`/`0`. */
export const booleanQuery = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1')
  .optional();

export const DryRunQuery = z.object({
  dryRun: booleanQuery.describe(
    'Validate through the cluster’s server-side dry run; nothing is enqueued or created',
  ),
});

export const OperationState = z.enum(['queued', 'running', 'succeeded', 'failed']);

/**
 * The operation record, as the pipeline defines it. Rebuilt from its shape: a schema made before
 * `@hono/zod-openapi` extended zod (import order decides) has no `.openapi()` of its own.
 */
export const OperationSchema = z
  .object({ ...operationSchema.shape, callback: Callback.optional() })
  .openapi('Operation');

export const OperationListQuery = z.object({
  state: OperationState.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().max(200).optional().describe('nextCursor of the previous page'),
});

export const OperationList = z
  .object({ items: z.array(OperationSchema), nextCursor: z.string().optional() })
  .openapi('OperationList');

export const JobBatchItem = z
  .object({ namespace: NamespaceName, job: JobCreateBody })
  .openapi('JobBatchItem');

/** A batch item naming a template: rendered with its `parameters` into `namespace`. */
export const TemplateBatchItem = z
  .strictObject({ namespace: NamespaceName, ...TemplateInvocation.shape })
  .openapi('TemplateBatchItem', {
    example: { namespace: 'team-a', template: 'nightly-report', parameters: { date: '2025-01-31' } },
  });

/** One item of a batch: a Job, or a template and its parameters. */
export const BatchItem = z.union([JobBatchItem, TemplateBatchItem]).openapi('BatchItem');
export type BatchItem = z.infer<typeof BatchItem>;

/** Built per app because the item limit is configuration. */
export function batchCreateBody(maxItems: number) {
  return z
    .object({
      items: z.array(BatchItem).min(1).max(maxItems),
      callback: Callback.optional().describe("Every item's events go here, one delivery per event"),
    })
    .strict()
    .openapi('BatchCreateBody');
}

export const BatchAccepted = z
  .object({
    id: z.string(),
    cluster: z.string(),
    total: z.number().int(),
    operations: z.array(
      z.object({ id: z.string(), namespace: z.string(), name: z.string(), state: OperationState }),
    ),
  })
  .openapi('BatchAccepted');

export const BatchProgress = z
  .object({
    id: z.string(),
    cluster: z.string(),
    createdAt: z.string(),
    total: z.number().int(),
    queued: z.number().int(),
    running: z.number().int(),
    succeeded: z.number().int(),
    failed: z.number().int(),
    done: z.boolean().describe('true once every operation has succeeded or failed'),
    operationIds: z.array(z.string()),
  })
  .openapi('BatchProgress');

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.enum(
        Object.keys(ERROR_STATUS) as [keyof typeof ERROR_STATUS, ...(keyof typeof ERROR_STATUS)[]],
      ),
      message: z.string(),
      requestId: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .openapi('Error');

export const IdempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(255)
    .optional()
    .openapi({
      param: { name: 'idempotency-key', in: 'header' },
      description: 'Same key + same body → the original operation; same key + other body → 422',
    }),
  prefer: z
    .string()
    .max(200)
    .optional()
    .openapi({
      param: { name: 'prefer', in: 'header' },
      description:
        '`wait=N` (N ≤ 60): hold the answer until the operation ends or N seconds pass. A failure in time answers its error (e.g. 404 NamespaceNotFound, 409 AlreadyExists) with the operation in `details.operation`',
    }),
});
