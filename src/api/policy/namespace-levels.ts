import { policyToEvaluate } from '../../shared/policy/namespace-policy.js';
import type { PodSecurityLevel } from '../../shared/policy/pod-security.js';
import type { ClusterClient } from '../deps.js';
import type { SingleFlight } from '../single-flight.js';

/** The label a namespace's Pod Security Admission level is read from. */
export const ENFORCE_LABEL = 'pod-security.kubernetes.io/enforce';

/** How long a namespace's enforce label is trusted before it is read again. */
const LEVEL_TTL_MS = 5000;

/** The `enforce` level of a namespace, read live and cached briefly; one per app (RouteContext). */
export type NamespaceLevels = (
  cluster: ClusterClient,
  namespace: string,
) => Promise<PodSecurityLevel | undefined>;

/**
 * Creates the app's {@link NamespaceLevels}: cached 5 s, one read for concurrent callers. A
 * namespace that cannot be read (gone, cluster unreachable) counts as unlabelled: the key's
 * level still applies, and the cluster's own admission checks the label anyway.
 */
export function createNamespaceLevels(reads: SingleFlight): NamespaceLevels {
  const cache = new Map<string, { level: PodSecurityLevel | undefined; until: number }>();
  return async (cluster, namespace) => {
    const key = `${cluster.name}\n${namespace}`;
    const hit = cache.get(key);
    if (hit && hit.until > Date.now()) return hit.level;
    const level = await reads.run(`nslevel\n${key}`, async () => {
      try {
        const ns = await cluster.run((apis) => apis.core.readNamespace({ name: namespace }));
        const labels = ns.metadata?.labels;
        if (!labels || !Object.hasOwn(labels, ENFORCE_LABEL)) return undefined;
        // As the cluster's admission reads it: a value that is not a level is restricted.
        return policyToEvaluate(labels).policy.enforce.level;
      } catch {
        return undefined;
      }
    });
    if (cache.size > 10_000) cache.clear();
    cache.set(key, { level, until: Date.now() + LEVEL_TTL_MS });
    return level;
  };
}
