import { z } from 'zod';
import { defineCommand } from './command.js';
import { DEFAULT_RETRY_POLICY } from './retry-policy.js';
import { dnsLabel, stringMap } from './schemas.js';

const schema = z.object({
  name: dnsLabel,
  labels: stringMap.optional(),
  annotations: stringMap.optional(),
});

/** The Namespace object a `namespace.create` payload describes. Pure. */
export function namespaceObject(p: z.output<typeof schema>) {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: p.name,
      ...(p.labels ? { labels: p.labels } : {}),
      ...(p.annotations ? { annotations: p.annotations } : {}),
    },
  };
}

/** `namespace.create`: create a Namespace. */
export const namespaceCreate = defineCommand({
  name: 'namespace.create',
  schema,
  retry: DEFAULT_RETRY_POLICY,
  kind: 'namespace',
  access: 'namespace.create',
  creates: true,
  target: (p) => ({ name: p.name }),
  scopeNamespace: (t) => t.name,
  build: (p, labels) => ({ ...p, labels: { ...p.labels, ...labels } }),
  execute: (apis, p, { dryRun }) =>
    apis.core.createNamespace({ body: namespaceObject(p), ...(dryRun ? { dryRun: 'All' } : {}) }),
  readBack: (apis, t) => apis.core.readNamespace({ name: t.name }),
  undo: (apis, t) => apis.core.deleteNamespace({ name: t.name, body: { propagationPolicy: 'Background' } }),
});
