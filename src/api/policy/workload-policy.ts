import type { KeyPolicy } from '../../shared/api-keys/key-policy.js';
import { matchGlob } from '../../shared/api-keys/scopes.js';
import { parseQuantity } from '../../shared/kube/quantity.js';

/** One broken rule: which check, and what PSA or the key's policy says about it. */
export interface Violation {
  check: string;
  message: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);

/**
 * An image glob: `?` is one character and `*` any run of characters, except in the first
 * segment (up to the first `/`: the registry host, or the whole reference when it has none),
 * where neither crosses a `/`. So `123456789012.dkr.ecr.*.amazonaws.com/*` admits any repository
 * of that account's registries but not `123456789012.dkr.ecr.x.evil.io/.amazonaws.com/y`, and
 * `busybox:*` no `busybox:443/evil` (a registry named busybox on port 443). Images are matched as
 * written in the manifest (no `docker.io/library/` is added).
 */
export function imageMatches(pattern: string, image: string): boolean {
  const slash = pattern.indexOf('/');
  const head = slash < 0 ? pattern : pattern.slice(0, slash);
  const tail = slash < 0 ? '' : pattern.slice(slash);
  const glob = (part: string, star: string, one: string) =>
    part
      .split('')
      .map((ch) => (ch === '*' ? star : ch === '?' ? one : ch.replace(/[.+^${}()|[\]\\/]/g, '\\$&')))
      .join('');
  return new RegExp(`^${glob(head, '[^/]*', '[^/]')}${glob(tail, '.*', '.')}$`, 's').test(image);
}

const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'] as const;

/** The fields of a pod and its Job that only a key allowed to may set. */
const GUARDED_POD_FIELDS = [
  'nodeName',
  'nodeSelector',
  'affinity',
  'tolerations',
  'priorityClassName',
] as const;

function resourceViolations(policy: KeyPolicy, containers: { list: string; c: Obj }[]): Violation[] {
  const max = policy.maxResources;
  if (!max) return [];
  const out: Violation[] = [];
  for (const { list: where, c } of containers) {
    const name = typeof c.name === 'string' ? c.name : '?';
    const resources = isObj(c.resources) ? c.resources : {};
    for (const [resource, limit] of Object.entries(max)) {
      const most = parseQuantity(limit)!;
      for (const kind of ['requests', 'limits'] as const) {
        const given = isObj(resources[kind]) ? (resources[kind] as Obj)[resource] : undefined;
        if (given === undefined) {
          if (kind === 'limits') {
            out.push({
              check: 'maxResources',
              message: `${where} "${name}" must set resources.limits.${resource} (this key allows at most ${limit})`,
            });
          }
          continue;
        }
        const value = parseQuantity(given);
        if (value === undefined || value > most) {
          out.push({
            check: 'maxResources',
            message: `${where} "${name}" resources.${kind}.${resource}=${JSON.stringify(given)} exceeds this key's maximum ${limit}`,
          });
        }
      }
    }
  }
  return out;
}

/**
 * The key's own rules on a Job (docs/architecture.md §9), beside Pod Security: images, service
 * account, the scheduling and ownership fields it may set, resource maxima. Returns the pod spec
 * with the key's default resources given to containers that set none, and every violation. Pure.
 */
export function checkWorkload(
  policy: KeyPolicy,
  job: { metadata?: unknown; podMetadata?: unknown; podSpec: unknown },
): { podSpec: unknown; violations: Violation[] } {
  const violations: Violation[] = [];
  const spec = isObj(job.podSpec) ? job.podSpec : {};
  const containers = CONTAINER_LISTS.flatMap((l) =>
    list(spec[l]).map((c) => ({ list: l.replace(/s$/, ''), c })),
  );
  const images = policy.images;
  if (images) {
    for (const { list: where, c } of containers) {
      const image = typeof c.image === 'string' ? c.image : '';
      if (!images.some((p) => imageMatches(p, image))) {
        violations.push({
          check: 'images',
          message: `${where} "${String(c.name)}" image ${JSON.stringify(image)} is not one this key may run (images: ${images.join(', ')})`,
        });
      }
    }
  }
  for (const field of ['serviceAccountName', 'serviceAccount'] as const) {
    const account = spec[field];
    if (account === undefined || account === '') continue;
    if (typeof account !== 'string' || !policy.serviceAccounts.some((p) => matchGlob(p, account))) {
      violations.push({
        check: 'serviceAccounts',
        message: `spec.template.spec.${field} ${JSON.stringify(account)} is not one this key may use (serviceAccounts: ${policy.serviceAccounts.join(', ')})`,
      });
    }
  }
  for (const field of GUARDED_POD_FIELDS) {
    const value = spec[field];
    const empty = Array.isArray(value) ? value.length === 0 : isObj(value) && Object.keys(value).length === 0;
    const set = value !== undefined && value !== null && value !== '' && !empty;
    if (set && !policy.allow[field]) {
      violations.push({
        check: field,
        message: `spec.template.spec.${field} may not be set with this key (allow.${field})`,
      });
    }
  }
  for (const [where, meta] of [
    ['metadata', job.metadata],
    ['spec.template.metadata', job.podMetadata],
  ] as const) {
    if (!isObj(meta)) continue;
    for (const field of ['ownerReferences', 'finalizers'] as const) {
      const value = meta[field];
      if (Array.isArray(value) ? value.length > 0 : value !== undefined && value !== null) {
        if (!policy.allow[field]) {
          violations.push({
            check: field,
            message: `${where}.${field} may not be set with this key (allow.${field})`,
          });
        }
      }
    }
  }
  const podSpec = withDefaultResources(policy, job.podSpec);
  const defaulted = CONTAINER_LISTS.flatMap((l) =>
    list((podSpec as Obj | undefined)?.[l]).map((c) => ({ list: l.replace(/s$/, ''), c })),
  );
  violations.push(...resourceViolations(policy, defaulted));
  return { podSpec, violations };
}

/**
 * The pod spec with the key's default resources given to containers that set none (what a
 * LimitRange would do); the same object when the key has no defaults. Pure.
 */
export function withDefaultResources(policy: KeyPolicy, podSpec: unknown): unknown {
  const defaults = policy.defaultResources;
  if (!defaults || !isObj(podSpec)) return podSpec;
  const withDefaults = (c: Obj): Obj => {
    const resources = isObj(c.resources) ? c.resources : {};
    const next: Obj = { ...resources };
    if (!isObj(resources.requests) && defaults.requests) next.requests = { ...defaults.requests };
    if (!isObj(resources.limits) && defaults.limits) next.limits = { ...defaults.limits };
    return { ...c, resources: next };
  };
  const lists = CONTAINER_LISTS.filter((l) => Array.isArray(podSpec[l]));
  return {
    ...podSpec,
    ...Object.fromEntries(
      lists.map((l) => [l, (podSpec[l] as unknown[]).map((c) => (isObj(c) ? withDefaults(c) : c))]),
    ),
  };
}

/** Label and annotation keys that only a key with `namespaceMetadata` may put on a namespace. */
export function reservedMetadataKey(key: string): boolean {
  const slash = key.indexOf('/');
  if (slash < 0) return false;
  const domain = key.slice(0, slash);
  // The recommended labels (app.kubernetes.io/name, …) are everyone's to use.
  if (domain === 'app.kubernetes.io') return false;
  return (
    domain === 'pod-security.kubernetes.io' ||
    domain === 'kubernetes.io' ||
    domain.endsWith('.kubernetes.io') ||
    domain === 'k8s.io' ||
    domain.endsWith('.k8s.io')
  );
}

/** Violations of a namespace create's labels and annotations under `policy`. Pure. */
export function checkNamespaceMetadata(
  policy: KeyPolicy,
  metadata: { labels?: Record<string, string> | undefined; annotations?: Record<string, string> | undefined },
): Violation[] {
  if (policy.namespaceMetadata) return [];
  const out: Violation[] = [];
  for (const kind of ['labels', 'annotations'] as const) {
    for (const key of Object.keys(metadata[kind] ?? {})) {
      if (reservedMetadataKey(key)) {
        out.push({
          check: 'namespaceMetadata',
          message: `${kind} ${JSON.stringify(key)} is reserved; this key may not set it (namespaceMetadata)`,
        });
      }
    }
  }
  return out;
}
