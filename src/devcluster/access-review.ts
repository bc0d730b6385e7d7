/**
 * The devcluster's authorizer seen as RBAC, for SelfSubjectAccessReview and
 * SelfSubjectRulesReview: the default bindings every cluster has (cluster-admin to
 * `system:masters`; system:basic-user, system:discovery and system:public-info-viewer to
 * `system:authenticated`), and each policy rule as a ClusterRole `devcluster-policy-N` bound
 * cluster-wide (namespaces `*`) or by a RoleBinding in each namespace it lists. Decisions agree
 * with `isAllowed`, which the server enforces; rules match as RBAC's do
 * (plugin/pkg/auth/authorizer/rbac/rbac.go RuleAllows; pkg/apis/rbac/v1/evaluation_helpers.go).
 */
import type { PolicyRule } from './auth.js';
import { RESOURCES, type ResourceName } from './types.js';
import { AUTHENTICATED_GROUP, MASTERS_GROUP, type UserInfo } from './user-info.js';

/** authorization.k8s.io/v1 ResourceAttributes (the fields the devcluster evaluates). */
export interface ResourceAttributes {
  namespace?: string;
  verb?: string;
  group?: string;
  resource?: string;
  subresource?: string;
  name?: string;
}

/** authorization.k8s.io/v1 NonResourceAttributes. */
export interface NonResourceAttributes {
  path?: string;
  verb?: string;
}

/** authorization.k8s.io/v1 ResourceRule. */
export interface ResourceRule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames?: string[];
}

/** authorization.k8s.io/v1 NonResourceRule. */
export interface NonResourceRule {
  verbs: string[];
  nonResourceURLs: string[];
}

/** A decision as SubjectAccessReviewStatus carries it; RBAC never denies, it only allows or has no opinion. */
export interface AccessDecision {
  allowed: boolean;
  reason: string;
}

interface Binding {
  /** How RBAC names the binding in a reason: `ClusterRoleBinding "x" of ClusterRole "y" to Group "z"`. */
  describe: string;
  /** Undefined for cluster-wide bindings; a RoleBinding applies only in its namespace. */
  namespace?: string;
  resourceRules: ResourceRule[];
  nonResourceRules: NonResourceRule[];
}

const BASIC_USER: ResourceRule[] = [
  {
    verbs: ['create'],
    apiGroups: ['authorization.k8s.io'],
    resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'],
  },
  { verbs: ['create'], apiGroups: ['authentication.k8s.io'], resources: ['selfsubjectreviews'] },
];
const PUBLIC_INFO_URLS = ['/healthz', '/livez', '/readyz', '/version', '/version/'];
const DISCOVERY_URLS = [
  '/api',
  '/api/*',
  '/apis',
  '/apis/*',
  '/healthz',
  '/livez',
  '/openapi',
  '/openapi/*',
].concat(['/readyz', '/version', '/version/']);
const CLUSTER_ADMIN = {
  resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
  nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
};

function clusterBinding(name: string, role: string, subject: string): string {
  return `ClusterRoleBinding "${name}" of ClusterRole "${role}" to ${subject}`;
}

/** The API group of a resource the devcluster serves (`pods/log` → ``); `*` for one it does not know. */
function groupOf(resource: string): string {
  const base = resource.split('/')[0] as ResourceName;
  return Object.hasOwn(RESOURCES, base) ? RESOURCES[base].group : '*';
}

/** The ResourceRules of one policy rule: its resources grouped by the API group they belong to. */
function policyResourceRules(rule: PolicyRule): ResourceRule[] {
  const verbs = rule.verbs === undefined || rule.verbs === '*' ? ['*'] : [...rule.verbs];
  if (rule.resources === undefined || rule.resources === '*')
    return [{ verbs, apiGroups: ['*'], resources: ['*'] }];
  const byGroup = new Map<string, string[]>();
  for (const r of rule.resources) byGroup.set(groupOf(r), [...(byGroup.get(groupOf(r)) ?? []), r]);
  return [...byGroup].map(([group, resources]) => ({ verbs: [...verbs], apiGroups: [group], resources }));
}

/** Every binding that applies to `user`, cluster-wide ones first (the order RBAC visits them). */
function bindingsFor(policy: readonly PolicyRule[] | undefined, user: UserInfo): Binding[] {
  const authenticated = `Group "${AUTHENTICATED_GROUP}"`;
  const out: Binding[] = [];
  if (user.groups.includes(MASTERS_GROUP)) {
    out.push({
      describe: clusterBinding('cluster-admin', 'cluster-admin', `Group "${MASTERS_GROUP}"`),
      ...CLUSTER_ADMIN,
    });
  }
  if (!policy) {
    // No policy: the devcluster lets every authenticated identity do everything.
    out.push({
      describe: clusterBinding('devcluster-no-policy', 'cluster-admin', authenticated),
      ...CLUSTER_ADMIN,
    });
  }
  out.push(
    {
      describe: clusterBinding('system:basic-user', 'system:basic-user', authenticated),
      resourceRules: BASIC_USER,
      nonResourceRules: [],
    },
    {
      describe: clusterBinding('system:discovery', 'system:discovery', authenticated),
      resourceRules: [],
      nonResourceRules: [{ verbs: ['get'], nonResourceURLs: DISCOVERY_URLS }],
    },
    {
      describe: clusterBinding('system:public-info-viewer', 'system:public-info-viewer', authenticated),
      resourceRules: [],
      nonResourceRules: [{ verbs: ['get'], nonResourceURLs: PUBLIC_INFO_URLS }],
    },
  );
  const namespaced: Binding[] = [];
  (policy ?? []).forEach((rule, i) => {
    if (rule.identity !== '*' && rule.identity !== user.username) return;
    const role = `devcluster-policy-${i}`;
    const subject = rule.identity === '*' ? authenticated : `User "${user.username}"`;
    const resourceRules = policyResourceRules(rule);
    if (rule.namespaces === undefined || rule.namespaces === '*') {
      out.push({ describe: clusterBinding(role, role, subject), resourceRules, nonResourceRules: [] });
      return;
    }
    for (const ns of rule.namespaces) {
      namespaced.push({
        describe: `RoleBinding "${role}/${ns}" of ClusterRole "${role}" to ${subject}`,
        namespace: ns,
        resourceRules,
        nonResourceRules: [],
      });
    }
  });
  return [...out, ...namespaced];
}

function has(list: readonly string[], value: string): boolean {
  return list.includes('*') || list.includes(value);
}

function resourceRuleAllows(rule: ResourceRule, a: ResourceAttributes): boolean {
  const resource = a.resource ?? '';
  const sub = a.subresource ?? '';
  const combined = sub ? `${resource}/${sub}` : resource;
  const resourceMatches =
    rule.resources.includes('*') ||
    rule.resources.includes(combined) ||
    (sub !== '' && rule.resources.includes(`*/${sub}`));
  const names = rule.resourceNames ?? [];
  return (
    has(rule.verbs, a.verb ?? '') &&
    has(rule.apiGroups, a.group ?? '') &&
    resourceMatches &&
    (names.length === 0 || names.includes(a.name ?? ''))
  );
}

function nonResourceRuleAllows(rule: NonResourceRule, a: NonResourceAttributes): boolean {
  const path = a.path ?? '';
  return (
    has(rule.verbs, a.verb ?? '') &&
    rule.nonResourceURLs.some(
      (u) => u === '*' || u === path || (u.endsWith('*') && path.startsWith(u.slice(0, -1))),
    )
  );
}

function decide(bindings: Binding[], allows: (b: Binding) => boolean): AccessDecision {
  const by = bindings.find(allows);
  // RBAC has no opinion and no reason when nothing allows; the server then denies.
  return by ? { allowed: true, reason: `RBAC: allowed by ${by.describe}` } : { allowed: false, reason: '' };
}

/** Whether `user` may do what resource attributes describe (namespace '' = all namespaces / cluster-scoped). */
export function reviewResourceAccess(
  policy: readonly PolicyRule[] | undefined,
  user: UserInfo,
  attrs: ResourceAttributes,
): AccessDecision {
  const ns = attrs.namespace ?? '';
  return decide(
    bindingsFor(policy, user).filter((b) => b.namespace === undefined || (ns !== '' && b.namespace === ns)),
    (b) => b.resourceRules.some((r) => resourceRuleAllows(r, attrs)),
  );
}

/** Whether `user` may request a non-resource path (discovery, health, OpenAPI). */
export function reviewNonResourceAccess(
  policy: readonly PolicyRule[] | undefined,
  user: UserInfo,
  attrs: NonResourceAttributes,
): AccessDecision {
  return decide(
    bindingsFor(policy, user).filter((b) => b.namespace === undefined),
    (b) => b.nonResourceRules.some((r) => nonResourceRuleAllows(r, attrs)),
  );
}

/** The rules `user` has in `namespace`, as SelfSubjectRulesReview lists them (RBAC's RulesFor). */
export function rulesFor(
  policy: readonly PolicyRule[] | undefined,
  user: UserInfo,
  namespace: string,
): { resourceRules: ResourceRule[]; nonResourceRules: NonResourceRule[] } {
  const bindings = bindingsFor(policy, user).filter(
    (b) => b.namespace === undefined || b.namespace === namespace,
  );
  return {
    resourceRules: bindings.flatMap((b) => b.resourceRules.map((r) => ({ ...r }))),
    nonResourceRules: bindings.flatMap((b) => b.nonResourceRules.map((r) => ({ ...r }))),
  };
}
