import { z } from 'zod';
import { isQuantity } from '../kube/quantity.js';
import { POD_SECURITY_LEVELS, type PodSecurityLevel } from '../policy/pod-security.js';

const imagePattern = z
  .string()
  .min(1)
  .max(512)
  .regex(
    /^[A-Za-z0-9*?._:@/-]+$/,
    'expected an image reference or glob, e.g. 123456789012.dkr.ecr.*.amazonaws.com/*',
  );

const namePattern = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9*?._-]+$/, 'expected a name or glob pattern');

const quantity = z.union([z.string(), z.number()]).refine(isQuantity, {
  message: 'expected a Kubernetes quantity, e.g. 500m, 2, 512Mi',
});
const quantities = z.record(z.string().regex(/^[A-Za-z0-9./_-]+$/), quantity);

/**
 * What a key may run (docs/architecture.md §9): the Pod Security Standards level of its Jobs'
 * pods, the images and service accounts they may use, which scheduling and ownership fields
 * they may set, the resources a container gets when it asks for none (what a LimitRange would
 * do) and the most it may ask for. Everything has a safe default: a key without a policy runs
 * `baseline` pods as the `default` service account and sets no node or ownership fields.
 */
export const keyPolicySchema = z.strictObject({
  /** The key's Pod Security level; the namespace's `enforce` label can only make it stricter. */
  podSecurity: z.enum(POD_SECURITY_LEVELS as [PodSecurityLevel, ...PodSecurityLevel[]]).default('baseline'),
  /** Image globs a container may use (`*` spans `/` only after the registry part). @defaultValue any image */
  images: z.array(imagePattern).min(1).optional(),
  /** Service accounts a pod may run as (names or globs). @defaultValue only `default` */
  serviceAccounts: z.array(namePattern).min(1).default(['default']),
  /** Pod and Job fields a key may set; each false by default. */
  allow: z
    .strictObject({
      nodeName: z.boolean().default(false),
      nodeSelector: z.boolean().default(false),
      affinity: z.boolean().default(false),
      tolerations: z.boolean().default(false),
      priorityClassName: z.boolean().default(false),
      ownerReferences: z.boolean().default(false),
      finalizers: z.boolean().default(false),
    })
    .prefault({}),
  /** Requests and limits given to a container that sets none of its own. */
  defaultResources: z
    .strictObject({ requests: quantities.optional(), limits: quantities.optional() })
    .optional(),
  /** The most a container may request or be limited to, per resource (cpu, memory, …). */
  maxResources: quantities.optional(),
  /** May set reserved labels and annotations (`pod-security.kubernetes.io/*`, `*.kubernetes.io/*`, `*.k8s.io/*`) on namespaces. */
  namespaceMetadata: z.boolean().default(false),
});

/** A key's policy with its defaults applied. */
export type KeyPolicy = z.output<typeof keyPolicySchema>;

/** The policy of a key that has none in API_KEYS_FILE. */
export const DEFAULT_KEY_POLICY: KeyPolicy = Object.freeze(keyPolicySchema.parse({}));

/** The policy of the development principal (`EKS_JOBS_INSECURE_NO_AUTH`): still baseline. */
export const INSECURE_KEY_POLICY: KeyPolicy = DEFAULT_KEY_POLICY;
