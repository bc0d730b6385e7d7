/**
 * `kubectl auth can-i`, `kubectl auth can-i --list`, `kubectl auth whoami` and the official
 * Python client's AuthorizationV1Api against the devcluster: SelfSubjectAccessReview,
 * SelfSubjectRulesReview and SelfSubjectReview answered from the devcluster's own identity →
 * verbs/namespaces policy, and agreeing with what the server then enforces.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DevCluster, startTestDevCluster } from '../support/devcluster.js';
import { type ClientHome, kubectl, kubectlOk, makeClientHome, pythonOk } from '../support/real-clients.js';

/** A token added at runtime whose identity may only read Jobs and pods in `team-a`. */
const READER_TOKEN = 'reader-token-4f1c9a';

let cluster: DevCluster;
let admin: ClientHome;
let reader: ClientHome;

beforeAll(async () => {
  cluster = await startTestDevCluster({
    policy: [
      {
        identity: 'reader',
        verbs: ['get', 'list', 'watch'],
        resources: ['jobs', 'pods', 'pods/log'],
        namespaces: ['team-a'],
      },
    ],
  });
  cluster.addToken(READER_TOKEN, 'reader');
  admin = makeClientHome(cluster);
  reader = makeClientHome(cluster, READER_TOKEN);
  await kubectlOk(admin, ['create', 'namespace', 'team-a']);
});

afterAll(async () => {
  admin?.remove();
  reader?.remove();
  await cluster?.stop();
});

describe('kubectl auth can-i', () => {
  it('prints yes and exits 0 for the admin', async () => {
    const r = await kubectl(admin, ['auth', 'can-i', 'create', 'jobs', '-n', 'team-a']);
    expect(r).toMatchObject({ code: 0, stdout: 'yes\n' });
  });

  it("prints no and exits 1 for what a token's policy forbids, and the server enforces the same", {
    timeout: 120_000,
  }, async () => {
    const denied = await kubectl(reader, ['auth', 'can-i', 'create', 'jobs', '-n', 'team-a']);
    expect(denied).toMatchObject({ code: 1, stdout: 'no\n' });
    const create = await kubectl(reader, ['create', 'job', 'x', '--image=busybox', '-n', 'team-a']);
    expect(create.code).toBe(1);
    expect(create.stderr).toContain('cannot create resource "jobs" in API group "batch"');

    expect(await kubectl(reader, ['auth', 'can-i', 'list', 'jobs', '-n', 'team-a'])).toMatchObject({
      code: 0,
      stdout: 'yes\n',
    });
    expect(await kubectlOk(reader, ['get', 'jobs', '-n', 'team-a'])).toBe('');

    // Another namespace, all namespaces, a cluster-scoped resource, a subresource.
    expect(await kubectl(reader, ['auth', 'can-i', 'list', 'jobs', '-n', 'default'])).toMatchObject({
      code: 1,
      stdout: 'no\n',
    });
    expect(await kubectl(reader, ['auth', 'can-i', 'list', 'jobs', '-A'])).toMatchObject({ code: 1 });
    expect(await kubectl(reader, ['auth', 'can-i', 'delete', 'namespaces'])).toMatchObject({ code: 1 });
    expect(
      await kubectl(reader, ['auth', 'can-i', 'get', 'pods', '--subresource=log', '-n', 'team-a']),
    ).toMatchObject({ code: 0, stdout: 'yes\n' });
    // Every authenticated user may ask (system:basic-user).
    expect(
      await kubectl(reader, ['auth', 'can-i', 'create', 'selfsubjectaccessreviews.authorization.k8s.io']),
    ).toMatchObject({ code: 0, stdout: 'yes\n' });
  });

  it('--list prints the rules in the namespace, and warns as on EKS that the list may be incomplete', async () => {
    const listed = await kubectl(reader, ['auth', 'can-i', '--list', '-n', 'team-a']);
    expect(listed.code).toBe(0);
    // EKS authorizes through a webhook after RBAC, and a webhook cannot enumerate rules.
    expect(listed.stderr).toBe(
      'Warning: the list may be incomplete: webhook authorizer does not support user rule resolution\n',
    );
    const rows = listed.stdout;
    expect(rows).toMatch(/^Resources\s+Non-Resource URLs\s+Resource Names\s+Verbs$/m);
    expect(rows).toMatch(/^jobs\.batch\s+\[\]\s+\[\]\s+\[get list watch\]$/m);
    expect(rows).toMatch(/^pods\s+\[\]\s+\[\]\s+\[get list watch\]$/m);
    expect(rows).toMatch(/^pods\/log\s+\[\]\s+\[\]\s+\[get list watch\]$/m);
    expect(rows).toMatch(/^selfsubjectaccessreviews\.authorization\.k8s\.io\s+\[\]\s+\[\]\s+\[create\]$/m);
    expect(rows).toMatch(/^selfsubjectreviews\.authentication\.k8s\.io\s+\[\]\s+\[\]\s+\[create\]$/m);
    expect(rows).toMatch(/^\s+\[\/api\/\*\]\s+\[\]\s+\[get\]$/m);

    const elsewhere = await kubectlOk(reader, ['auth', 'can-i', '--list', '-n', 'default']);
    expect(elsewhere).not.toContain('jobs.batch');
    expect(elsewhere).toContain('selfsubjectrulesreviews.authorization.k8s.io');

    expect(await kubectlOk(admin, ['auth', 'can-i', '--list', '-n', 'team-a'])).toMatch(
      /^\*\.\*\s+\[\]\s+\[\]\s+\[\*\]$/m,
    );
  });
});

describe('kubectl auth whoami', () => {
  it('prints the username and groups of a token', async () => {
    const table = await kubectlOk(reader, ['auth', 'whoami']);
    expect(table).toMatch(/^ATTRIBUTE\s+VALUE$/m);
    expect(table).toMatch(/^Username\s+reader$/m);
    expect(table).toMatch(/^Groups\s+\[system:authenticated\]$/m);
  });

  it('-o json gives the SelfSubjectReview of the admin', async () => {
    const review = JSON.parse(await kubectlOk(admin, ['auth', 'whoami', '-o', 'json'])) as {
      apiVersion: string;
      kind: string;
      metadata: { creationTimestamp?: string };
      status: { userInfo: { username: string; groups: string[] } };
    };
    expect(review).toMatchObject({
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'SelfSubjectReview',
      status: {
        userInfo: { username: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'] },
      },
    });
    expect(review.metadata.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });
});

const PYTHON_REVIEWS = `
import json
from kubernetes import client, config
from kubernetes.client.rest import ApiException

config.load_kube_config()
api = client.AuthorizationV1Api()

def can(verb, namespace):
    review = client.V1SelfSubjectAccessReview(spec=client.V1SelfSubjectAccessReviewSpec(
        resource_attributes=client.V1ResourceAttributes(
            namespace=namespace, verb=verb, group="batch", resource="jobs")))
    status = api.create_self_subject_access_review(review).status
    return {"allowed": status.allowed, "denied": bool(status.denied), "reason": status.reason or ""}

def error(call):
    try:
        call()
        return None
    except ApiException as e:
        return {"status": e.status, "message": json.loads(e.body)["message"]}

rules = api.create_self_subject_rules_review(client.V1SelfSubjectRulesReview(
    spec=client.V1SelfSubjectRulesReviewSpec(namespace="team-a"))).status
print(json.dumps({
    "create": can("create", "team-a"),
    "list": can("list", "team-a"),
    "rules": [{"verbs": r.verbs, "apiGroups": r.api_groups, "resources": r.resources}
              for r in rules.resource_rules],
    "incomplete": rules.incomplete,
    "evaluationError": rules.evaluation_error,
    "noAttributes": error(lambda: api.create_self_subject_access_review(
        client.V1SelfSubjectAccessReview(spec=client.V1SelfSubjectAccessReviewSpec()))),
    "noNamespace": error(lambda: api.create_self_subject_rules_review(
        client.V1SelfSubjectRulesReview(spec=client.V1SelfSubjectRulesReviewSpec()))),
}))
`;

interface PythonAnswer {
  create: { allowed: boolean; denied: boolean; reason: string };
  list: { allowed: boolean; denied: boolean; reason: string };
  rules: { verbs: string[]; apiGroups: string[]; resources: string[] }[];
  incomplete: boolean;
  evaluationError: string;
  noAttributes: { status: number; message: string } | null;
  noNamespace: { status: number; message: string } | null;
}

describe('the Python client', () => {
  it('create_self_subject_access_review and create_self_subject_rules_review agree with kubectl', async () => {
    const asReader = JSON.parse(await pythonOk(reader, PYTHON_REVIEWS)) as PythonAnswer;
    expect(asReader.create).toEqual({ allowed: false, denied: false, reason: '' });
    expect(asReader.list.allowed).toBe(true);
    expect(asReader.list.reason).toMatch(
      /^RBAC: allowed by RoleBinding ".+\/team-a" of ClusterRole ".+" to User "reader"$/,
    );
    expect(asReader.rules).toContainEqual({
      verbs: ['get', 'list', 'watch'],
      apiGroups: ['batch'],
      resources: ['jobs'],
    });
    expect(asReader.incomplete).toBe(true);
    expect(asReader.evaluationError).toBe('webhook authorizer does not support user rule resolution');
    expect(asReader.noAttributes).toEqual({
      status: 422,
      message:
        'SelfSubjectAccessReview.authorization.k8s.io "" is invalid: spec.resourceAttributes: Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified',
    });
    expect(asReader.noNamespace).toEqual({ status: 400, message: 'no namespace on request' });

    const asAdmin = JSON.parse(await pythonOk(admin, PYTHON_REVIEWS)) as PythonAnswer;
    expect(asAdmin.create).toEqual({
      allowed: true,
      denied: false,
      reason:
        'RBAC: allowed by ClusterRoleBinding "cluster-admin" of ClusterRole "cluster-admin" to Group "system:masters"',
    });
    expect(asAdmin.rules).toContainEqual({ verbs: ['*'], apiGroups: ['*'], resources: ['*'] });
  });
});
