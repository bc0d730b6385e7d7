import { z } from 'zod';
import { defineCommand } from './command.js';
import { DEFAULT_RETRY_POLICY } from './retry-policy.js';
import { dnsLabel, jobName } from './schemas.js';

/** Deletion propagation as in Kubernetes DeleteOptions. */
export const propagationPolicySchema = z.enum(['Background', 'Foreground', 'Orphan']);
export type PropagationPolicy = z.output<typeof propagationPolicySchema>;

const schema = z.object({
  namespace: dnsLabel,
  name: jobName,
  /** Jobs deleted without it orphan their pods. @defaultValue 'Background' */
  propagationPolicy: propagationPolicySchema.default('Background'),
});

/** `job.delete`: delete a Job and (by default) its pods. */
export const jobDelete = defineCommand({
  name: 'job.delete',
  schema,
  retry: DEFAULT_RETRY_POLICY,
  kind: 'job',
  access: 'namespaced',
  creates: false,
  target: (p) => ({ namespace: p.namespace, name: p.name }),
  scopeNamespace: (t) => t.namespace,
  build: (p) => p,
  // In the DeleteOptions body: a Job deleted without it orphans its pods.
  execute: (apis, p, { dryRun }) =>
    apis.batch.deleteNamespacedJob({
      namespace: p.namespace,
      name: p.name,
      body: { propagationPolicy: p.propagationPolicy, ...(dryRun ? { dryRun: ['All'] } : {}) },
    }),
  classify: (info) => (info.status === 404 ? { kind: 'succeeded', reason: 'AlreadyGone' } : undefined),
});
