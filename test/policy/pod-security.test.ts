import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  evaluatePodSecurity,
  isStricter,
  type PodSecurityLevel,
  podTemplateOf,
  stricterLevel,
} from '../../src/shared/policy/pod-security.js';
import { baselinePod, CASES, type MutableJson, restrictedPod } from './pod-security-cases.js';

describe('evaluatePodSecurity: table of pod specs', () => {
  it('has at least 100 cases with unique names', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(100);
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
  });

  it.each(CASES)('$level: $name', ({ level, metadata, spec, want, relax }) => {
    const got = evaluatePodSecurity(level, metadata, spec, { relaxForUserNamespacePods: relax === true });
    expect(got).toEqual(want.map(([check, message]) => ({ check, message })));
  });

  it.each(CASES)('privileged allows: $name', ({ metadata, spec }) => {
    expect(evaluatePodSecurity('privileged', metadata, spec)).toEqual([]);
  });

  it.each(CASES.filter((c) => c.level === 'restricted' && c.want.length === 0 && c.apiInvalid !== true))(
    'passing restricted implies passing baseline: $name',
    ({ metadata, spec, relax }) => {
      expect(
        evaluatePodSecurity('baseline', metadata, spec, { relaxForUserNamespacePods: relax === true }),
      ).toEqual([]);
    },
  );
});

describe('levels', () => {
  it('orders privileged < baseline < restricted', () => {
    expect(isStricter('restricted', 'baseline')).toBe(true);
    expect(isStricter('baseline', 'privileged')).toBe(true);
    expect(isStricter('restricted', 'privileged')).toBe(true);
    expect(isStricter('baseline', 'baseline')).toBe(false);
    expect(isStricter('privileged', 'restricted')).toBe(false);
    expect(stricterLevel('baseline', 'restricted')).toBe('restricted');
    expect(stricterLevel('restricted', 'privileged')).toBe('restricted');
    expect(stricterLevel('privileged', 'baseline')).toBe('baseline');
    expect(stricterLevel('baseline', 'baseline')).toBe('baseline');
  });
});

describe('podTemplateOf', () => {
  const job = (template: unknown, extra: Record<string, unknown> = {}) => ({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'j' },
    spec: { backoffLimit: 0, template },
    ...extra,
  });

  it('extracts spec.template of a batch/v1 Job', () => {
    const spec = restrictedPod();
    const metadata = { annotations: { a: 'b' }, labels: { app: 'x' } };
    expect(podTemplateOf(job({ metadata, spec }))).toEqual({ metadata, spec });
  });

  it('accepts a manifest without apiVersion/kind and a template without metadata', () => {
    const spec = baselinePod();
    expect(podTemplateOf({ spec: { template: { spec } } })).toEqual({ metadata: undefined, spec });
  });

  it.each<[string, unknown]>([
    ['not an object', 'job'],
    ['null', null],
    ['an array', [job({ spec: {} })]],
    ['another kind', job({ spec: {} }, { kind: 'CronJob' })],
    ['another apiVersion', job({ spec: {} }, { apiVersion: 'batch/v1beta1' })],
    ['no spec', { apiVersion: 'batch/v1', kind: 'Job' }],
    ['no template', { kind: 'Job', spec: {} }],
    ['a template that is not an object', job('x')],
    ['a template metadata that is not an object', job({ metadata: 3, spec: {} })],
  ])('returns undefined for %s', (_name, manifest) => {
    expect(podTemplateOf(manifest)).toBeUndefined();
  });

  it('feeds evaluatePodSecurity', () => {
    const t = podTemplateOf(job({ spec: baselinePod() }))!;
    expect(evaluatePodSecurity('baseline', t.metadata, t.spec)).toEqual([]);
    expect(evaluatePodSecurity('restricted', t.metadata, t.spec).map((v) => v.check)).toEqual([
      'allowPrivilegeEscalation',
      'capabilities_restricted',
      'runAsNonRoot',
      'seccompProfile_restricted',
    ]);
  });
});

describe('evaluatePodSecurity: properties', () => {
  const levels: PodSecurityLevel[] = ['privileged', 'baseline', 'restricted'];
  const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
  const name = fc.constantFrom('a', 'b', 'c', 'initcontainer1', '');
  const junk = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.anything());
  const bool = fc.oneof({ weight: 5, arbitrary: fc.boolean() }, { weight: 1, arbitrary: junk });
  const str = (...values: string[]) =>
    fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary: junk });
  const profile = (...types: string[]) => maybe(fc.record({ type: str(...types) }, { requiredKeys: [] }));
  const caps = fc.constantFrom('ALL', 'NET_BIND_SERVICE', 'CHOWN', 'NET_RAW', 'SYS_ADMIN', 'all');
  const securityContext = fc.record(
    {
      privileged: bool,
      allowPrivilegeEscalation: bool,
      runAsNonRoot: bool,
      runAsUser: fc.oneof(fc.constantFrom(0, 1000), junk),
      procMount: str('Default', 'Unmasked'),
      capabilities: maybe(
        fc.record(
          { add: fc.array(caps, { maxLength: 3 }), drop: fc.array(caps, { maxLength: 3 }) },
          { requiredKeys: [] },
        ),
      ),
      seLinuxOptions: maybe(
        fc.record(
          { type: str('container_t', 'spc_t', ''), user: str('', 'u'), role: str('', 'r') },
          { requiredKeys: [] },
        ),
      ),
      seccompProfile: profile('RuntimeDefault', 'Localhost', 'Unconfined'),
      appArmorProfile: profile('RuntimeDefault', 'Localhost', 'Unconfined'),
      windowsOptions: maybe(fc.record({ hostProcess: bool }, { requiredKeys: [] })),
      sysctls: fc.array(fc.record({ name: str('kernel.shm_rmid_forced', 'kernel.msgmax') }), {
        maxLength: 2,
      }),
    },
    { requiredKeys: [] },
  );
  const container = fc.record(
    {
      name,
      securityContext: maybe(securityContext),
      ports: fc.array(fc.record({ hostPort: fc.oneof(fc.constantFrom(0, 80), junk) }, { requiredKeys: [] }), {
        maxLength: 2,
      }),
    },
    { requiredKeys: [] },
  );
  const volume = fc.record(
    {
      name,
      hostPath: maybe(fc.constant({ path: '/' })),
      emptyDir: maybe(fc.constant({})),
      nfs: maybe(fc.oneof(fc.constant({}), junk)),
      secret: maybe(fc.constant({})),
      image: maybe(fc.constant({})),
    },
    { requiredKeys: [] },
  );
  const containers = fc.array(
    fc.oneof({ weight: 10, arbitrary: container }, { weight: 1, arbitrary: junk }),
    { maxLength: 3 },
  );
  const podSpec = fc.record(
    {
      initContainers: containers,
      containers,
      ephemeralContainers: containers,
      volumes: fc.array(volume, { maxLength: 2 }),
      hostNetwork: bool,
      hostPID: bool,
      hostIPC: bool,
      hostUsers: bool,
      os: maybe(fc.record({ name: str('windows', 'linux') }, { requiredKeys: [] })),
      securityContext: maybe(securityContext),
    },
    { requiredKeys: [] },
  );
  const metadata = maybe(
    fc.record(
      {
        annotations: fc.dictionary(
          fc.constantFrom(
            'container.apparmor.security.beta.kubernetes.io/a',
            'seccomp.security.alpha.kubernetes.io/pod',
            'other',
          ),
          fc.oneof(fc.constantFrom('runtime/default', 'unconfined', 'localhost/x', ''), junk),
        ),
      },
      { requiredKeys: [] },
    ),
  );
  /**
   * What API validation guarantees before PSA runs, and the monotonicity
   * property needs (see the `quirk:` cases): a volume has at most one source,
   * and a Windows pod sets no capabilities and no seccompProfile.
   */
  const apiValid = (spec: MutableJson): MutableJson => {
    const copy = structuredClone(spec);
    for (const v of copy.volumes ?? []) {
      const sources = Object.keys(v).filter((k) => k !== 'name');
      for (const k of sources.slice(1)) delete v[k];
    }
    if (copy.os?.name === 'windows') {
      const contexts = [
        copy,
        ...(copy.initContainers ?? []),
        ...(copy.containers ?? []),
        ...(copy.ephemeralContainers ?? []),
      ]
        .map((x) => (x !== null && typeof x === 'object' ? x.securityContext : undefined))
        .filter((x) => x !== null && typeof x === 'object');
      for (const sc of contexts) {
        delete sc.capabilities;
        delete sc.seccompProfile;
      }
    }
    return copy;
  };
  const anyPod = fc.oneof({ weight: 8, arbitrary: podSpec }, { weight: 1, arbitrary: fc.anything() });

  it('never throws and always returns well-formed violations', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...levels),
        fc.oneof(metadata, fc.anything()),
        anyPod,
        (level, md, spec) => {
          const got = evaluatePodSecurity(level, md as { annotations?: unknown } | undefined, spec);
          expect(Array.isArray(got)).toBe(true);
          for (const v of got) {
            expect(typeof v.check).toBe('string');
            expect(typeof v.message).toBe('string');
          }
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('privileged never yields violations', () => {
    fc.assert(
      fc.property(fc.oneof(metadata, fc.anything()), anyPod, (md, spec) => {
        expect(evaluatePodSecurity('privileged', md as { annotations?: unknown } | undefined, spec)).toEqual(
          [],
        );
      }),
      { numRuns: 500 },
    );
  });

  it('a spec passing restricted passes baseline, and baseline violations reappear at restricted unless overridden', () => {
    const overridden = new Map([
      ['hostPathVolumes', 'restrictedVolumes'],
      ['capabilities_baseline', 'capabilities_restricted'],
      ['seccompProfile_baseline', 'seccompProfile_restricted'],
    ]);
    fc.assert(
      fc.property(metadata, podSpec.map(apiValid), fc.boolean(), (md, spec, relax) => {
        const opts = { relaxForUserNamespacePods: relax };
        const restricted = evaluatePodSecurity('restricted', md, spec, opts);
        const baseline = evaluatePodSecurity('baseline', md, spec, opts);
        if (restricted.length === 0) expect(baseline).toEqual([]);
        const restrictedChecks = new Set(restricted.map((v) => v.check));
        for (const v of baseline) {
          expect(restrictedChecks.has(overridden.get(v.check) ?? v.check)).toBe(true);
        }
      }),
      { numRuns: 1500 },
    );
  });
});
