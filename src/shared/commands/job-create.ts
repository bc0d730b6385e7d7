import type { V1Job } from '@kubernetes/client-node';
import { z } from 'zod';
import { MAX_LABEL_LENGTH, resolveGenerateName, seededRandomInt } from '../kube/names.js';
import { defineCommand } from './command.js';
import { MANAGED_BY_LABEL, withLabels } from './labels.js';
import { DEFAULT_RETRY_POLICY } from './retry-policy.js';
import { dnsLabel, jobName, stringMap } from './schemas.js';

/**
 * A full `batch/v1` Job manifest whose final name is already decided (the API resolves
 * `generateName` before enqueueing, so a retried create can never make a second Job).
 * Only what the pipeline relies on is checked here; the rest is the cluster's to validate
 * (its 422 becomes the operation's `Invalid` error with causes).
 */
export const jobManifestSchema = z.looseObject({
  apiVersion: z.literal('batch/v1'),
  kind: z.literal('Job'),
  metadata: z.looseObject({
    name: jobName,
    namespace: dnsLabel.optional(),
    labels: stringMap.optional(),
    annotations: stringMap.optional(),
  }),
  spec: z.looseObject({}),
});
export type JobManifest = z.output<typeof jobManifestSchema>;

/** How many names a create draws at the worker before it gives up with AlreadyExists. */
export const MAX_WORKER_NAME_DRAWS = 10;

const schema = z
  .object({
    namespace: dnsLabel,
    manifest: jobManifestSchema,
    /** The prefix the name was drawn from, when the client sent `generateName`. */
    generateName: z.string().optional(),
    /** How many times the worker drew the name again after it met someone else's Job. */
    nameDraw: z.number().int().min(0).optional(),
  })
  .refine(
    (p) => p.manifest.metadata.namespace === undefined || p.manifest.metadata.namespace === p.namespace,
    {
      message: 'manifest.metadata.namespace differs from namespace',
      path: ['manifest', 'metadata', 'namespace'],
    },
  );

/** `job.create`: create a Job in a namespace. */
export const jobCreate = defineCommand({
  name: 'job.create',
  schema,
  retry: DEFAULT_RETRY_POLICY,
  kind: 'job',
  access: 'namespaced',
  creates: true,
  target: (p) => ({ namespace: p.namespace, name: p.manifest.metadata.name }),
  scopeNamespace: (t) => t.namespace,
  build(p, labels) {
    const manifest = withLabels(p.manifest, labels);
    const template = (manifest.spec as { template?: { metadata?: { labels?: Record<string, string> } } })
      .template;
    // The pods carry the managed-by label too, so a watch on managed pods sees them; the
    // operation label stays on the Job (its pods name the Job already).
    const spec = template
      ? {
          ...manifest.spec,
          template: withLabels(template, { [MANAGED_BY_LABEL]: labels[MANAGED_BY_LABEL]! }),
        }
      : manifest.spec;
    return { ...p, manifest: { ...manifest, spec } };
  },
  execute: (apis, p, { dryRun }) =>
    apis.batch.createNamespacedJob({
      namespace: p.namespace,
      body: p.manifest as unknown as V1Job,
      ...(dryRun ? { dryRun: 'All' } : {}),
    }),
  readBack: (apis, t) => apis.batch.readNamespacedJob({ namespace: t.namespace!, name: t.name }),
  undo: (apis, t) =>
    apis.batch.deleteNamespacedJob({
      namespace: t.namespace!,
      name: t.name,
      body: { propagationPolicy: 'Background' },
    }),
  rename(p, operationId, suffix) {
    const draw = (p.nameDraw ?? 0) + 1;
    if (p.generateName === undefined || draw > MAX_WORKER_NAME_DRAWS) return undefined;
    // As Kubernetes does for generateName since 1.30: a name that is taken is drawn again.
    const name = resolveGenerateName(
      p.generateName,
      seededRandomInt(`${operationId}#w${draw}`),
      MAX_LABEL_LENGTH,
      suffix,
    );
    return { ...p, nameDraw: draw, manifest: { ...p.manifest, metadata: { ...p.manifest.metadata, name } } };
  },
  classify(info, error) {
    if (info.status === 404) return { kind: 'fail', error: error('NamespaceNotFound', false) };
    const terminating =
      info.causes?.some((c) => c.reason === 'NamespaceTerminating') || /being terminated/i.test(info.message);
    if (info.status === 403 && terminating)
      return { kind: 'fail', error: error('NamespaceTerminating', false) };
    return undefined;
  },
});
