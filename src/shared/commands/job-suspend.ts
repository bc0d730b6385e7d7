import { PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { z } from 'zod';
import { defineCommand } from './command.js';
import { DEFAULT_RETRY_POLICY } from './retry-policy.js';
import { dnsLabel, jobName } from './schemas.js';

const schema = z.object({
  namespace: dnsLabel,
  name: jobName,
  /** true suspends the Job (its running pods are deleted), false resumes it. */
  suspend: z.boolean(),
});

/** `job.suspend`: suspend or resume a Job (`spec.suspend`, a JSON merge patch). */
export const jobSuspend = defineCommand({
  name: 'job.suspend',
  schema,
  retry: DEFAULT_RETRY_POLICY,
  kind: 'job',
  access: 'namespaced',
  creates: false,
  target: (p) => ({ namespace: p.namespace, name: p.name }),
  scopeNamespace: (t) => t.namespace,
  build: (p) => p,
  execute: (apis, p, { dryRun }) =>
    apis.batch.patchNamespacedJob(
      {
        namespace: p.namespace,
        name: p.name,
        body: { spec: { suspend: p.suspend } },
        ...(dryRun ? { dryRun: 'All' } : {}),
      },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    ),
  classify: (info, error) =>
    info.status === 404 ? { kind: 'fail', error: error('JobNotFound', false) } : undefined,
});
