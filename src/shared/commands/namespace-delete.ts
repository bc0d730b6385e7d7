import { z } from 'zod';
import { defineCommand } from './command.js';
import { DEFAULT_RETRY_POLICY } from './retry-policy.js';
import { dnsLabel } from './schemas.js';

const schema = z.object({ name: dnsLabel });

/** `namespace.delete`: delete a Namespace (it goes through Terminating, taking its objects along). */
export const namespaceDelete = defineCommand({
  name: 'namespace.delete',
  schema,
  retry: DEFAULT_RETRY_POLICY,
  kind: 'namespace',
  access: 'namespace.delete',
  creates: false,
  target: (p) => ({ name: p.name }),
  scopeNamespace: (t) => t.name,
  build: (p) => p,
  execute: (apis, p, { dryRun }) =>
    apis.core.deleteNamespace({
      name: p.name,
      body: { propagationPolicy: 'Background', ...(dryRun ? { dryRun: ['All'] } : {}) },
    }),
  classify(info) {
    if (info.status === 404) return { kind: 'succeeded', reason: 'AlreadyGone' };
    // 409 on a namespace already terminating: the deletion we asked for is in progress.
    if (info.status === 409) return { kind: 'succeeded', reason: 'DeletionInProgress' };
    return undefined;
  },
});
