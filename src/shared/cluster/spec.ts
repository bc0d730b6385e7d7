import { z } from 'zod';
import { type Config, ConfigError } from '../config.js';
import { readJsonFile } from '../config-file.js';

/** Where a pod finds its service-account credentials (the in-cluster provider's defaults). */
export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

// Cluster names appear in URLs (/v1/clusters/{name}) and queue names (ops-{name}): keep them DNS-label-like.
const clusterName = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'expected lowercase letters, digits and -, like a DNS label')
  .max(63);

const httpsUrl = z
  .string()
  .refine((v) => URL.canParse(v) && new URL(v).protocol === 'https:', 'expected an https:// URL');

const common = {
  /** Name the service uses for the cluster (routes, queues, logs). */
  name: clusterName,
  /** Rate limit of the cluster's worker: at most `max` commands per `durationMs`. */
  limiter: z
    .object({ max: z.number().int().positive(), durationMs: z.number().int().positive() })
    .strict()
    .optional(),
  /** Commands run at once per worker for this cluster; defaults to WORKER_CONCURRENCY. */
  concurrency: z.number().int().positive().max(1000).optional(),
  /** Marks the cluster served under /v1/… without a cluster segment. @defaultValue the first cluster */
  default: z.boolean().optional(),
};

const eksSpec = z
  .object({
    ...common,
    provider: z.literal('eks'),
    /** AWS region of the EKS cluster. */
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'expected an AWS region such as us-west-2'),
    /** Name of the cluster in EKS. @defaultValue `name` */
    eksClusterName: z
      .string()
      .regex(/^[0-9A-Za-z][A-Za-z0-9\-_]*$/, 'expected an EKS cluster name')
      .max(100)
      .optional(),
    /** IAM role assumed (through STS) before presigning tokens for this cluster. */
    roleArn: z
      .string()
      .regex(/^arn:aws[\w-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/, 'expected an IAM role ARN')
      .optional(),
  })
  .strict();

const staticSpec = z
  .object({
    ...common,
    provider: z.literal('static'),
    region: z.string().optional(),
    /** Kubernetes API URL (https only: TLS is always verified). */
    server: httpsUrl,
    /** Base64 of the CA bundle PEM, as in a kubeconfig's certificate-authority-data. */
    caData: z.string().min(1).optional(),
    /** Path of the CA bundle PEM. Without caData/caFile the system trust store is used. */
    caFile: z.string().min(1).optional(),
    /** Bearer token value. */
    token: z.string().min(1).optional(),
    /** Path of a file holding the bearer token; re-read when it changes. */
    tokenFile: z.string().min(1).optional(),
  })
  .strict()
  .superRefine((spec, ctx) => {
    if (!spec.token === !spec.tokenFile) {
      ctx.addIssue({ code: 'custom', path: ['token'], message: 'give exactly one of token and tokenFile' });
    }
    if (spec.caData && spec.caFile) {
      ctx.addIssue({ code: 'custom', path: ['caData'], message: 'give at most one of caData and caFile' });
    }
  });

const inClusterSpec = z
  .object({
    ...common,
    provider: z.literal('in-cluster'),
    region: z.string().optional(),
    /** @defaultValue https://KUBERNETES_SERVICE_HOST:KUBERNETES_SERVICE_PORT */
    server: httpsUrl.optional(),
    /** @defaultValue /var/run/secrets/kubernetes.io/serviceaccount/ca.crt */
    caFile: z.string().min(1).optional(),
    /** Re-read when it changes (the kubelet rotates projected tokens). @defaultValue /var/run/secrets/kubernetes.io/serviceaccount/token */
    tokenFile: z.string().min(1).optional(),
  })
  .strict();

/** One configured cluster; `provider` defaults to `eks`. */
export const clusterSpecSchema = z.preprocess(
  (v) => (v && typeof v === 'object' && !('provider' in v) ? { ...v, provider: 'eks' } : v),
  z.discriminatedUnion('provider', [eksSpec, staticSpec, inClusterSpec]),
);

export type ClusterSpec = z.output<typeof clusterSpecSchema>;
export type EksClusterSpec = Extract<ClusterSpec, { provider: 'eks' }>;
export type StaticClusterSpec = Extract<ClusterSpec, { provider: 'static' }>;
export type InClusterSpec = Extract<ClusterSpec, { provider: 'in-cluster' }>;

// A bare array is accepted as shorthand for {"clusters": [...]}.
const clustersFileSchema = z.preprocess(
  (v) => (Array.isArray(v) ? { clusters: v } : v),
  z.object({ clusters: z.array(clusterSpecSchema).min(1, 'expected at least one cluster') }).strict(),
);

/**
 * The clusters the service talks to: those in `CLUSTERS_FILE` (a JSON array of specs, or
 * `{"clusters": [...]}`), else the one EKS cluster named by `EKS_CLUSTER_NAME`/`EKS_REGION`.
 * `in-cluster` specs without `server` get it from `KUBERNETES_SERVICE_HOST`/`_PORT`.
 * Exactly one spec ends up with `default: true`.
 *
 * @throws ConfigError with one line per problem.
 */
export function loadClusterSpecs(config: Config): ClusterSpec[] {
  let specs: ClusterSpec[];
  if (config.clustersFile) {
    const parsed = clustersFileSchema.safeParse(readJsonFile('CLUSTERS_FILE', config.clustersFile));
    if (!parsed.success) {
      throw new ConfigError(
        parsed.error.issues.map((issue) => {
          const path = issue.path
            .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`))
            .join('');
          return `CLUSTERS_FILE: ${path || '(file)'}: ${issue.message}`;
        }),
      );
    }
    specs = parsed.data.clusters;
  } else if (config.defaultEksCluster) {
    const { name, region } = config.defaultEksCluster;
    const valid = clusterSpecSchema.safeParse({
      name: name.toLowerCase().replace(/[^a-z0-9-]/g, '-'),
      eksClusterName: name,
      region,
    });
    if (!valid.success) {
      throw new ConfigError(
        valid.error.issues.map((i) => `EKS_CLUSTER_NAME: ${i.path.join('.')}: ${i.message}`),
      );
    }
    specs = [valid.data];
  } else {
    throw new ConfigError(['EKS_CLUSTER_NAME: required when CLUSTERS_FILE is not set']);
  }

  const problems: string[] = [];
  const seen = new Set<string>();
  for (const spec of specs) {
    if (seen.has(spec.name)) problems.push(`CLUSTERS_FILE: cluster "${spec.name}" is listed twice`);
    seen.add(spec.name);
  }
  const defaults = specs.filter((s) => s.default);
  if (defaults.length > 1) {
    problems.push(
      `CLUSTERS_FILE: only one cluster may be the default (${defaults.map((s) => s.name).join(', ')})`,
    );
  }
  specs = specs.map((spec) => {
    if (spec.provider !== 'in-cluster' || spec.server) return spec;
    const svc = config.kubernetesService;
    if (!svc) {
      problems.push(
        `CLUSTERS_FILE: cluster "${spec.name}": in-cluster needs server or KUBERNETES_SERVICE_HOST (not running in a pod?)`,
      );
      return spec;
    }
    const host = svc.host.includes(':') ? `[${svc.host}]` : svc.host;
    return { ...spec, server: `https://${host}:${svc.port}` };
  });
  if (problems.length) throw new ConfigError(problems);
  const defaultName = defaults[0]?.name ?? specs[0]!.name;
  return specs.map((s) => ({ ...s, default: s.name === defaultName }));
}
