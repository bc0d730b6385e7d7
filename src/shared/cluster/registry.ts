import { type ClusterClient, type ClusterClientDeps, createClusterClient } from './client.js';
import type { ClusterSpec } from './spec.js';

/** The configured clusters by name. */
export interface ClusterRegistry {
  get(name: string): ClusterClient | undefined;
  /** Name of the cluster served under /v1/… without a cluster segment. */
  readonly defaultName: string;
  names(): string[];
  /** Closes every client. */
  close(): Promise<void>;
}

/** Creates one {@link ClusterClient} per spec; nothing connects until a client is used. */
export function createClusterRegistry(specs: ClusterSpec[], deps: ClusterClientDeps): ClusterRegistry {
  if (specs.length === 0) throw new Error('createClusterRegistry: no clusters configured');
  const clients = new Map<string, ClusterClient>();
  for (const spec of specs) {
    if (clients.has(spec.name)) throw new Error(`createClusterRegistry: cluster "${spec.name}" given twice`);
    clients.set(spec.name, createClusterClient(spec, deps));
  }
  const defaultName = (specs.find((s) => s.default) ?? specs[0]!).name;
  return {
    get: (name) => clients.get(name),
    defaultName,
    names: () => [...clients.keys()],
    async close() {
      await Promise.all([...clients.values()].map((c) => c.close()));
    },
  };
}
