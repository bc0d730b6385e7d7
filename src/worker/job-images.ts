interface PodTemplateHolder {
  spec?: {
    template?: {
      spec?: {
        containers?: Array<{ image?: string }>;
        initContainers?: Array<{ image?: string }>;
      };
    };
  };
}

/**
 * The container images a Job's pods run, in the order of its pod template: containers first,
 * then init containers. Pure; whatever is not a string is left out (the object may come from a
 * manifest the cluster has not validated yet).
 */
export function jobImages(job: unknown): string[] {
  const pod = (job as PodTemplateHolder | undefined)?.spec?.template?.spec;
  const all = [...(pod?.containers ?? []), ...(pod?.initContainers ?? [])];
  return all.map((c) => c?.image).filter((image): image is string => typeof image === 'string');
}

/** A Job's labels, when they are a map of strings. Pure. */
export function jobLabels(job: unknown): Record<string, string> | undefined {
  const labels = (job as { metadata?: { labels?: unknown } } | undefined)?.metadata?.labels;
  if (!labels || typeof labels !== 'object' || Array.isArray(labels)) return undefined;
  const entries = Object.entries(labels).filter(([, v]) => typeof v === 'string') as [string, string][];
  return Object.fromEntries(entries);
}
