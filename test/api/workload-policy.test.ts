import { describe, expect, test } from 'vitest';
import {
  checkNamespaceMetadata,
  checkWorkload,
  reservedMetadataKey,
} from '../../src/api/policy/workload-policy.js';
import { keyPolicySchema } from '../../src/shared/api-keys/key-policy.js';
import { parseQuantity } from '../../src/shared/kube/quantity.js';

const policy = (over: object = {}) => keyPolicySchema.parse(over);
const pod = (spec: object) => ({
  podSpec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox:1.36' }], ...spec },
});

describe('quantities', () => {
  test.each([
    ['500m', 0.5],
    ['2', 2],
    ['1.5Gi', 1.5 * 2 ** 30],
    ['512Mi', 512 * 2 ** 20],
    ['1e3', 1000],
    ['1k', 1000],
    [4, 4],
    ['', undefined],
    ['1Zi', undefined],
    ['abc', undefined],
  ] as const)('%j → %j', (text, value) => {
    expect(parseQuantity(text)).toBe(value);
  });
});

describe('key policy: defaults and validation', () => {
  test('a key without a policy runs baseline pods as the default service account and sets no guarded field', () => {
    expect(policy()).toMatchObject({
      podSecurity: 'baseline',
      serviceAccounts: ['default'],
      allow: { nodeName: false, tolerations: false, ownerReferences: false },
      namespaceMetadata: false,
    });
  });
  test.each([
    [{ podSecurity: 'root' }],
    [{ images: [] }],
    [{ maxResources: { memory: 'lots' } }],
    [{ allow: { hostNetwork: true } }],
  ])('%j is refused', (bad) => {
    expect(keyPolicySchema.safeParse(bad).success).toBe(false);
  });
});

describe('the key’s own workload rules', () => {
  test.each([
    ['any image without an images list', {}, pod({}), []],
    [
      'an image outside the list',
      { images: ['123456789012.dkr.ecr.*.amazonaws.com/*'] },
      pod({}),
      ['images'],
    ],
    [
      'an image inside the list (the glob spans slashes)',
      { images: ['123456789012.dkr.ecr.*.amazonaws.com/*'] },
      pod({ containers: [{ name: 'c', image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/app:1' }] }),
      [],
    ],
    [
      'init containers are checked too',
      { images: ['busybox:*'] },
      pod({ initContainers: [{ name: 'i', image: 'alpine' }] }),
      ['images'],
    ],
    ['the default service account', {}, pod({ serviceAccountName: 'default' }), []],
    ['another service account', {}, pod({ serviceAccountName: 'admin' }), ['serviceAccounts']],
    [
      'an allowed service account glob',
      { serviceAccounts: ['ci-*'] },
      pod({ serviceAccountName: 'ci-runner' }),
      [],
    ],
    ['nodeName', {}, pod({ nodeName: 'n1' }), ['nodeName']],
    ['nodeName when allowed', { allow: { nodeName: true } }, pod({ nodeName: 'n1' }), []],
    ['nodeSelector', {}, pod({ nodeSelector: { a: 'b' } }), ['nodeSelector']],
    ['an empty nodeSelector is not set', {}, pod({ nodeSelector: {} }), []],
    ['tolerations', {}, pod({ tolerations: [{ operator: 'Exists' }] }), ['tolerations']],
    ['no tolerations', {}, pod({ tolerations: [] }), []],
    ['priorityClassName', {}, pod({ priorityClassName: 'system-node-critical' }), ['priorityClassName']],
    ['affinity', {}, pod({ affinity: { nodeAffinity: {} } }), ['affinity']],
    [
      'a limit over the maximum',
      { maxResources: { memory: '1Gi' } },
      pod({ containers: [{ name: 'c', image: 'x', resources: { limits: { memory: '2Gi' } } }] }),
      ['maxResources'],
    ],
    ['a missing limit under a maximum', { maxResources: { memory: '1Gi' } }, pod({}), ['maxResources']],
    [
      'a missing limit filled by the defaults',
      { maxResources: { memory: '1Gi' }, defaultResources: { limits: { memory: '512Mi' } } },
      pod({}),
      [],
    ],
  ] as const)('%s', (_what, over, job, checks) => {
    expect(checkWorkload(policy(over), job).violations.map((v) => v.check)).toEqual(checks);
  });

  test('ownerReferences and finalizers on the Job or its pods need their right', () => {
    const job = {
      metadata: { finalizers: ['x'] },
      podMetadata: { ownerReferences: [{ kind: 'Node' }] },
      podSpec: {},
    };
    expect(checkWorkload(policy(), job).violations.map((v) => v.check)).toEqual([
      'finalizers',
      'ownerReferences',
    ]);
    expect(
      checkWorkload(policy({ allow: { finalizers: true, ownerReferences: true } }), job).violations,
    ).toEqual([]);
  });

  test('default resources go to containers that set none, and only to those', () => {
    const p = policy({ defaultResources: { requests: { cpu: '100m' }, limits: { memory: '128Mi' } } });
    const { podSpec } = checkWorkload(p, {
      podSpec: {
        containers: [
          { name: 'a', image: 'x' },
          { name: 'b', image: 'x', resources: { limits: { memory: '1Gi' } } },
        ],
      },
    });
    expect(
      (podSpec as { containers: Array<{ resources: unknown }> }).containers.map((c) => c.resources),
    ).toEqual([
      { requests: { cpu: '100m' }, limits: { memory: '128Mi' } },
      { requests: { cpu: '100m' }, limits: { memory: '1Gi' } },
    ]);
  });
});

describe('reserved namespace metadata', () => {
  test.each([
    ['pod-security.kubernetes.io/enforce', true],
    ['kubernetes.io/metadata.name', true],
    ['node-role.kubernetes.io/master', true],
    ['sub.k8s.io/x', true],
    ['app.kubernetes.io/name', false],
    ['team', false],
    ['example.com/owner', false],
  ] as const)('%s reserved=%s', (key, reserved) => {
    expect(reservedMetadataKey(key)).toBe(reserved);
  });
  test('refused without namespaceMetadata, allowed with it', () => {
    const meta = {
      labels: { 'pod-security.kubernetes.io/enforce': 'privileged' },
      annotations: { 'a.k8s.io/b': 'c' },
    };
    expect(checkNamespaceMetadata(policy(), meta).map((v) => v.message)).toEqual([
      'labels "pod-security.kubernetes.io/enforce" is reserved; this key may not set it (namespaceMetadata)',
      'annotations "a.k8s.io/b" is reserved; this key may not set it (namespaceMetadata)',
    ]);
    expect(checkNamespaceMetadata(policy({ namespaceMetadata: true }), meta)).toEqual([]);
  });
});
