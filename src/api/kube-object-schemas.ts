import { z } from '@hono/zod-openapi';

/**
 * The Kubernetes objects some answers carry as the cluster stores them (`?view=full`,
 * `?dryRun=true`): the fields people read, named so generated clients type them. Documentation
 * only — nothing is validated against these.
 *
 * The nested objects allow any other field (`additionalProperties`): Kubernetes has many more
 * and adds some in every release. The top level has exactly the five fields of every Kubernetes
 * object — the API server neither stores nor answers others — and says so
 * (`additionalProperties: false`), so generated types stay closed there and a client tells a
 * `JobObject` from a `JobStatus` with `'phase' in job`. Every field is optional, as the
 * Kubernetes client's own types have them.
 */

/**
 * A Kubernetes object's top level. Open to any field in its TypeScript type, for the handlers:
 * they answer what the client library returned, and a route's 200 also admits the operation
 * record that `respondWithOperation` is typed to return. Closed in the document, see above.
 */
function kubeObject<T extends z.core.$ZodLooseShape>(shape: T) {
  return z.object(shape).catchall(z.unknown());
}

const CLOSED_IN_DOCUMENT = { additionalProperties: false } as const;

const StringMap = z.record(z.string(), z.string());

/** A condition of a Job's status, as Kubernetes writes it. */
export const JobCondition = z.object({
  type: z.string(),
  status: z.string(),
  reason: z.string().optional(),
  message: z.string().optional(),
  lastTransitionTime: z.string().optional(),
});

export const ObjectMeta = z
  .looseObject({
    name: z.string().optional(),
    generateName: z.string().optional(),
    namespace: z.string().optional(),
    uid: z.string().optional(),
    resourceVersion: z.string().optional(),
    generation: z.number().int().optional(),
    creationTimestamp: z.string().optional(),
    deletionTimestamp: z.string().optional(),
    labels: StringMap.optional(),
    annotations: StringMap.optional(),
  })
  .openapi('ObjectMeta');

const Container = z.looseObject({
  name: z.string(),
  image: z.string().optional(),
  command: z.array(z.string()).optional(),
  args: z.array(z.string()).optional(),
});

const PodTemplate = z.looseObject({
  metadata: ObjectMeta.optional(),
  spec: z
    .looseObject({
      containers: z.array(Container),
      restartPolicy: z.string().optional(),
      serviceAccountName: z.string().optional(),
    })
    .optional(),
});

/** A `batch/v1` Job as the cluster stores it. */
export const JobObject = kubeObject({
  apiVersion: z.literal('batch/v1').optional(),
  kind: z.literal('Job').optional(),
  metadata: ObjectMeta.optional(),
  spec: z
    .looseObject({
      template: PodTemplate,
      parallelism: z.number().int().optional(),
      completions: z.number().int().optional(),
      completionMode: z.string().optional(),
      backoffLimit: z.number().int().optional(),
      activeDeadlineSeconds: z.number().int().optional(),
      ttlSecondsAfterFinished: z.number().int().optional(),
      suspend: z.boolean().optional(),
    })
    .optional(),
  status: z
    .looseObject({
      active: z.number().int().optional(),
      ready: z.number().int().optional(),
      succeeded: z.number().int().optional(),
      failed: z.number().int().optional(),
      terminating: z.number().int().optional(),
      startTime: z.string().optional(),
      completionTime: z.string().optional(),
      conditions: z.array(JobCondition).optional(),
    })
    .optional(),
}).openapi('JobObject', { description: 'A batch/v1 Job as the cluster stores it', ...CLOSED_IN_DOCUMENT });

/** A `v1` Namespace as the cluster stores it. */
export const NamespaceObject = kubeObject({
  apiVersion: z.literal('v1').optional(),
  kind: z.literal('Namespace').optional(),
  metadata: ObjectMeta.optional(),
  spec: z.looseObject({ finalizers: z.array(z.string()).optional() }).optional(),
  status: z.looseObject({ phase: z.enum(['Active', 'Terminating']).optional() }).optional(),
}).openapi('NamespaceObject', {
  description: 'A v1 Namespace as the cluster stores it',
  ...CLOSED_IN_DOCUMENT,
});
