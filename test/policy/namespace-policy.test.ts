/**
 * Reading a namespace's Pod Security policy from its labels, as upstream pod-security-admission
 * v0.32 `api/helpers.go` does; the table is upstream `api/helpers_test.go` TestPolicyToEvaluate
 * plus the label errors upstream reports (field.Invalid details).
 */
import { describe, expect, it } from 'vitest';
import {
  isFullyPrivileged,
  type LevelVersion,
  levelVersionString,
  type NamespacePodSecurityPolicy,
  parsePodSecurityLevel,
  parsePodSecurityVersion,
  policyToEvaluate,
} from '../../src/shared/policy/namespace-policy.js';
import { evaluatePodSecurity, forbiddenDetail } from '../../src/shared/policy/pod-security.js';

const P = 'pod-security.kubernetes.io/';
const priv: LevelVersion = { level: 'privileged', version: 'latest' };

function labels(...kv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < kv.length; i += 2) out[`${P}${kv[i]}`] = kv[i + 1] as string;
  return out;
}

const cases: {
  desc: string;
  labels: Record<string, string>;
  expect: NamespacePodSecurityPolicy;
  errors?: { label: string; value: string; detail: string }[];
}[] = [
  {
    desc: 'simple enforce',
    labels: labels('enforce', 'baseline'),
    expect: {
      enforce: { level: 'baseline', version: 'latest' },
      warn: { level: 'baseline', version: 'latest' },
      audit: priv,
    },
  },
  {
    desc: 'simple warn',
    labels: labels('warn', 'restricted'),
    expect: { enforce: priv, warn: { level: 'restricted', version: 'latest' }, audit: priv },
  },
  {
    desc: 'simple audit',
    labels: labels('audit', 'baseline'),
    expect: { enforce: priv, warn: priv, audit: { level: 'baseline', version: 'latest' } },
  },
  {
    desc: 'enforce & warn',
    labels: labels('enforce', 'baseline', 'warn', 'restricted'),
    expect: {
      enforce: { level: 'baseline', version: 'latest' },
      warn: { level: 'restricted', version: 'latest' },
      audit: priv,
    },
  },
  {
    desc: 'enforce version',
    labels: labels('enforce', 'baseline', 'enforce-version', 'v1.22'),
    expect: {
      enforce: { level: 'baseline', version: 'v1.22' },
      warn: { level: 'baseline', version: 'v1.22' },
      audit: priv,
    },
  },
  {
    desc: 'enforce version & warn-version',
    labels: labels('enforce', 'baseline', 'enforce-version', 'v1.22', 'warn-version', 'latest'),
    expect: {
      enforce: { level: 'baseline', version: 'v1.22' },
      warn: { level: 'baseline', version: 'latest' },
      audit: priv,
    },
  },
  {
    desc: 'enforce & warn-version',
    labels: labels('enforce', 'baseline', 'warn-version', 'v1.23'),
    expect: {
      enforce: { level: 'baseline', version: 'latest' },
      warn: { level: 'baseline', version: 'v1.23' },
      audit: priv,
    },
  },
  {
    desc: 'fully specd',
    labels: labels(
      'enforce',
      'baseline',
      'enforce-version',
      'v1.20',
      'warn',
      'restricted',
      'warn-version',
      'v1.21',
      'audit',
      'restricted',
      'audit-version',
      'v1.22',
    ),
    expect: {
      enforce: { level: 'baseline', version: 'v1.20' },
      warn: { level: 'restricted', version: 'v1.21' },
      audit: { level: 'restricted', version: 'v1.22' },
    },
  },
  {
    desc: 'enforce no warn',
    labels: labels('enforce', 'baseline', 'warn', 'privileged'),
    expect: { enforce: { level: 'baseline', version: 'latest' }, warn: priv, audit: priv },
  },
  {
    desc: 'enforce warn error',
    labels: labels('enforce', 'baseline', 'warn', 'foo'),
    expect: { enforce: { level: 'baseline', version: 'latest' }, warn: priv, audit: priv },
    errors: [{ label: `${P}warn`, value: 'foo', detail: 'must be one of privileged, baseline, restricted' }],
  },
  {
    desc: 'enforce error',
    labels: labels('enforce', 'foo'),
    expect: { enforce: { level: 'restricted', version: 'latest' }, warn: priv, audit: priv },
    errors: [
      { label: `${P}enforce`, value: 'foo', detail: 'must be one of privileged, baseline, restricted' },
    ],
  },
  {
    desc: 'bad versions and audit level, reported in label order',
    labels: labels('warn-version', 'v2.0', 'audit', 'Restricted', 'enforce-version', 'v1.05'),
    expect: { enforce: priv, warn: priv, audit: priv },
    errors: [
      { label: `${P}enforce-version`, value: 'v1.05', detail: 'must be "latest" or "v1.x"' },
      { label: `${P}audit`, value: 'Restricted', detail: 'must be one of privileged, baseline, restricted' },
      { label: `${P}warn-version`, value: 'v2.0', detail: 'must be "latest" or "v1.x"' },
    ],
  },
];

describe('policyToEvaluate (upstream TestPolicyToEvaluate)', () => {
  it.each(cases)('$desc', (c) => {
    const got = policyToEvaluate(c.labels);
    expect(got.policy).toEqual(c.expect);
    expect(got.errors).toEqual(c.errors ?? []);
  });

  it('is privileged:latest everywhere without labels, and ignores unrelated labels', () => {
    for (const l of [undefined, {}, { 'kubernetes.io/metadata.name': 'x' }]) {
      const got = policyToEvaluate(l);
      expect(got).toEqual({ policy: { enforce: priv, audit: priv, warn: priv }, errors: [] });
      expect(isFullyPrivileged(got.policy)).toBe(true);
    }
    expect(isFullyPrivileged(policyToEvaluate(labels('audit', 'baseline')).policy)).toBe(false);
  });

  it('falls back to the given defaults', () => {
    const defaults: NamespacePodSecurityPolicy = {
      enforce: { level: 'baseline', version: 'v1.30' },
      audit: { level: 'restricted', version: 'latest' },
      warn: { level: 'restricted', version: 'latest' },
    };
    expect(policyToEvaluate(labels('enforce-version', 'latest'), defaults).policy).toEqual({
      ...defaults,
      enforce: { level: 'baseline', version: 'latest' },
    });
  });
});

describe('parsing levels and versions', () => {
  it('accepts latest and v1.<minor> without a leading zero, within int64', () => {
    for (const v of ['latest', 'v1.0', 'v1.1', 'v1.20', 'v1.10000', 'v1.9223372036854775807'])
      expect(parsePodSecurityVersion(v)).toEqual({ version: v });
    for (const v of [
      'foo',
      '',
      'v2.0',
      'v1',
      '1.1',
      'v1.',
      'v1.01',
      'v1.1.0',
      'Latest',
      'v1.9223372036854775808',
    ])
      expect(parsePodSecurityVersion(v)).toEqual({ version: 'latest', error: 'must be "latest" or "v1.x"' });
  });

  it('accepts the three levels only', () => {
    for (const l of ['privileged', 'baseline', 'restricted'] as const)
      expect(parsePodSecurityLevel(l)).toEqual({ level: l });
    expect(parsePodSecurityLevel('')).toEqual({
      level: 'restricted',
      error: 'must be one of privileged, baseline, restricted',
    });
  });

  it('renders a LevelVersion as upstream String()', () => {
    expect(levelVersionString({ level: 'restricted', version: 'latest' })).toBe('restricted:latest');
    expect(levelVersionString({ level: 'baseline', version: 'v1.25' })).toBe('baseline:v1.25');
  });
});

describe('forbiddenDetail', () => {
  it('joins the messages of one evaluation with ", " (AggregateCheckResult.ForbiddenDetail)', () => {
    const spec = {
      containers: [{ name: 'c', image: 'busybox', securityContext: { privileged: true } }],
      hostNetwork: true,
    };
    const violations = evaluatePodSecurity('baseline', {}, spec);
    expect(forbiddenDetail(violations)).toBe(
      'host namespaces (hostNetwork=true), privileged (container "c" must not set securityContext.privileged=true)',
    );
    expect(forbiddenDetail([])).toBe('');
  });
});
