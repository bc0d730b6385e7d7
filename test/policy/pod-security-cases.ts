/**
 * Table of pod specs with the exact violations upstream Pod Security Admission
 * (k8s.io/pod-security-admission v0.32, Kubernetes 1.32) reports for them.
 *
 * Cases marked "upstream:" are taken from upstream's own tests: the unit tests
 * `policy/check_*_test.go` (pod and expected reason/detail) and the fixture
 * generators `test/fixtures_*.go` (minimal valid pods of `test/fixtures.go`,
 * tweaked to pass or fail one check).
 */
import type { PodSecurityLevel } from '../../src/shared/policy/pod-security.js';

type Json = Record<string, unknown>;

/** Free-form JSON that test fixtures mutate in place. */
// biome-ignore lint/suspicious/noExplicitAny: fixtures edit arbitrary nested JSON, as a client would send it
export type MutableJson = Record<string, any>;

/** A table row: level, pod metadata and spec, and the expected `[check, message]` list. */
export interface PodCase {
  name: string;
  level: PodSecurityLevel;
  metadata?: Json;
  spec: unknown;
  want: [string, string][];
  relax?: boolean;
  /**
   * The pod would be rejected by API validation anyway. Upstream PSA passes
   * some such pods at restricted while failing them at baseline, because the
   * restricted checks that override baseline ones are exempt for Windows pods
   * or accept a volume with several sources.
   */
  apiInvalid?: boolean;
}

const IMAGE = 'registry.k8s.io/pause';

/** upstream: test/fixtures.go `baseline_1_0`, the minimal valid baseline pod. */
export function baselinePod(): Json {
  return {
    initContainers: [{ name: 'initcontainer1', image: IMAGE }],
    containers: [{ name: 'container1', image: IMAGE }],
  };
}

const restrictedContainerSC = () => ({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });

/** upstream: test/fixtures.go `restricted_1_22`, the minimal valid restricted pod (1.25+ without os). */
export function restrictedPod(): Json {
  return {
    securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
    initContainers: [{ name: 'initcontainer1', image: IMAGE, securityContext: restrictedContainerSC() }],
    containers: [{ name: 'container1', image: IMAGE, securityContext: restrictedContainerSC() }],
  };
}

/** upstream: test/fixtures.go `restricted_1_25_windows` (restricted_1_0 + os windows). */
export function restrictedWindowsPod(): Json {
  return {
    os: { name: 'windows' },
    securityContext: { runAsNonRoot: true },
    initContainers: [{ name: 'initcontainer1', image: IMAGE }],
    containers: [{ name: 'container1', image: IMAGE }],
  };
}

/** A deep copy of `pod` changed by `fn`. */
function tweak(pod: Json, fn: (p: MutableJson) => void): Json {
  const copy = structuredClone(pod);
  fn(copy);
  return copy;
}

/** A restricted-valid container named `name` with extra securityContext fields. */
function rc(name: string, sc: Json = {}, extra: Json = {}): Json {
  return { name, image: IMAGE, securityContext: { ...restrictedContainerSC(), ...sc }, ...extra };
}

/** A restricted pod whose containers are replaced. */
function rpod(containers: Json[], podSC: Json = {}, extra: Json = {}): Json {
  return {
    securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' }, ...podSC },
    containers,
    ...extra,
  };
}

/** A bare container. */
function c(name: string, sc?: Json, extra: Json = {}): Json {
  return sc === undefined ? { name, ...extra } : { name, securityContext: sc, ...extra };
}

const B = 'baseline' as const;
const R = 'restricted' as const;
const AA = 'container.apparmor.security.beta.kubernetes.io/';

const baselineAtRestricted: [string, string][] = [
  [
    'allowPrivilegeEscalation',
    'allowPrivilegeEscalation != false (containers "initcontainer1", "container1" must set securityContext.allowPrivilegeEscalation=false)',
  ],
  [
    'capabilities_restricted',
    'unrestricted capabilities (containers "initcontainer1", "container1" must set securityContext.capabilities.drop=["ALL"])',
  ],
  [
    'runAsNonRoot',
    'runAsNonRoot != true (pod or containers "initcontainer1", "container1" must set securityContext.runAsNonRoot=true)',
  ],
  [
    'seccompProfile_restricted',
    'seccompProfile (pod or containers "initcontainer1", "container1" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")',
  ],
];

const allVolumeTypes: Json[] = [
  { name: 'a1', emptyDir: {} },
  { name: 'a2', secret: {} },
  { name: 'a3', persistentVolumeClaim: {} },
  { name: 'a4', downwardAPI: {} },
  { name: 'a5', configMap: {} },
  { name: 'a6', projected: {} },
  { name: 'a7', csi: {} },
  { name: 'a8', ephemeral: {} },
  { name: 'b1', hostPath: {} },
  { name: 'b2', gcePersistentDisk: {} },
  { name: 'b3', awsElasticBlockStore: {} },
  { name: 'b4', gitRepo: {} },
  { name: 'b5', nfs: {} },
  { name: 'b6', iscsi: {} },
  { name: 'b7', glusterfs: {} },
  { name: 'b8', rbd: {} },
  { name: 'b9', flexVolume: {} },
  { name: 'b10', cinder: {} },
  { name: 'b11', cephfs: {} },
  { name: 'b12', flocker: {} },
  { name: 'b13', fc: {} },
  { name: 'b14', azureFile: {} },
  { name: 'b15', vsphereVolume: {} },
  { name: 'b16', quobyte: {} },
  { name: 'b17', azureDisk: {} },
  { name: 'b18', photonPersistentDisk: {} },
  { name: 'b19', portworxVolume: {} },
  { name: 'b20', scaleIO: {} },
  { name: 'b21', storageos: {} },
  { name: 'c1' },
];

const safeSysctls = [
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
  'net.ipv4.tcp_rmem',
  'net.ipv4.tcp_wmem',
];

const defaultCaps = [
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
];

const withPodSC = (sc: Json) => (p: MutableJson) => {
  p.securityContext = { ...(p.securityContext ?? {}), ...sc };
};
const withContainerSC =
  (sc: Json, which: 'containers' | 'initContainers' = 'containers') =>
  (p: MutableJson) => {
    p[which][0].securityContext = { ...(p[which][0].securityContext ?? {}), ...sc };
  };

export const CASES: PodCase[] = [
  // ---- minimal pods (upstream: test/fixtures.go) ----
  { name: 'upstream: minimal baseline pod passes baseline', level: B, spec: baselinePod(), want: [] },
  { name: 'upstream: minimal restricted pod passes restricted', level: R, spec: restrictedPod(), want: [] },
  { name: 'upstream: minimal restricted pod passes baseline', level: B, spec: restrictedPod(), want: [] },
  {
    name: 'upstream: minimal restricted windows pod passes restricted',
    level: R,
    spec: restrictedWindowsPod(),
    want: [],
  },
  {
    name: 'upstream: minimal linux pod with os linux passes restricted',
    level: R,
    spec: tweak(restrictedPod(), (p) => {
      p.os = { name: 'linux' };
    }),
    want: [],
  },
  { name: 'minimal baseline pod at restricted', level: R, spec: baselinePod(), want: baselineAtRestricted },
  { name: 'empty spec passes restricted', level: R, spec: {}, want: [] },
  { name: 'undefined spec is the zero PodSpec', level: R, spec: undefined, want: [] },
  { name: 'null spec is the zero PodSpec', level: B, spec: null, want: [] },

  // ---- privileged (policy/check_privileged.go) ----
  {
    name: 'upstream: privileged container',
    level: B,
    spec: tweak(baselinePod(), withContainerSC({ privileged: true })),
    want: [
      ['privileged', 'privileged (container "container1" must not set securityContext.privileged=true)'],
    ],
  },
  {
    name: 'upstream: privileged init container',
    level: B,
    spec: tweak(baselinePod(), withContainerSC({ privileged: true }, 'initContainers')),
    want: [
      ['privileged', 'privileged (container "initcontainer1" must not set securityContext.privileged=true)'],
    ],
  },
  {
    name: 'privileged ephemeral container',
    level: B,
    spec: { containers: [c('a')], ephemeralContainers: [c('debug', { privileged: true })] },
    want: [['privileged', 'privileged (container "debug" must not set securityContext.privileged=true)']],
  },
  {
    name: 'privileged init, regular and ephemeral listed in visit order',
    level: B,
    spec: {
      ephemeralContainers: [c('e', { privileged: true })],
      containers: [c('b', { privileged: true }), c('x', { privileged: false })],
      initContainers: [c('a', { privileged: true })],
    },
    want: [
      ['privileged', 'privileged (containers "a", "b", "e" must not set securityContext.privileged=true)'],
    ],
  },
  {
    name: 'upstream: privileged=false passes',
    level: B,
    spec: tweak(baselinePod(), withContainerSC({ privileged: false })),
    want: [],
  },
  {
    name: 'privileged container fails restricted too',
    level: R,
    spec: rpod([rc('a', { privileged: true })]),
    want: [['privileged', 'privileged (container "a" must not set securityContext.privileged=true)']],
  },

  // ---- hostNamespaces (policy/check_hostNamespaces.go) ----
  {
    name: 'upstream: hostNetwork',
    level: B,
    spec: { ...baselinePod(), hostNetwork: true },
    want: [['hostNamespaces', 'host namespaces (hostNetwork=true)']],
  },
  {
    name: 'upstream: hostPID',
    level: B,
    spec: { ...baselinePod(), hostPID: true },
    want: [['hostNamespaces', 'host namespaces (hostPID=true)']],
  },
  {
    name: 'upstream: hostIPC',
    level: R,
    spec: { ...restrictedPod(), hostIPC: true },
    want: [['hostNamespaces', 'host namespaces (hostIPC=true)']],
  },
  {
    name: 'all host namespaces in fixed order',
    level: B,
    spec: { ...baselinePod(), hostIPC: true, hostPID: true, hostNetwork: true },
    want: [['hostNamespaces', 'host namespaces (hostNetwork=true, hostPID=true, hostIPC=true)']],
  },
  {
    name: 'host namespaces false pass',
    level: B,
    spec: { ...baselinePod(), hostIPC: false, hostPID: false, hostNetwork: false },
    want: [],
  },

  // ---- hostPathVolumes (policy/check_hostPathVolumes.go) ----
  {
    name: 'upstream: one hostPath volume',
    level: B,
    spec: { ...baselinePod(), volumes: [{ name: 'volume-hostpath', hostPath: { path: '/a' } }] },
    want: [['hostPathVolumes', 'hostPath volumes (volume "volume-hostpath")']],
  },
  {
    name: 'upstream: several hostPath volumes',
    level: B,
    spec: {
      ...baselinePod(),
      volumes: [
        { name: 'volume-hostpath-a', hostPath: { path: '/a' } },
        { name: 'volume-emptydir', emptyDir: {} },
        { name: 'volume-hostpath-b', hostPath: { path: '/b' } },
      ],
    },
    want: [['hostPathVolumes', 'hostPath volumes (volumes "volume-hostpath-a", "volume-hostpath-b")']],
  },
  {
    name: 'hostPath: null decodes to a nil pointer: not a hostPath volume',
    level: B,
    spec: { ...baselinePod(), volumes: [{ name: 'v', hostPath: null, emptyDir: {} }] },
    want: [],
  },
  {
    name: 'non-hostPath volumes of any type pass baseline',
    level: B,
    spec: {
      ...baselinePod(),
      volumes: [
        { name: 'n', nfs: {} },
        { name: 'g', gitRepo: {} },
      ],
    },
    want: [],
  },
  {
    name: 'hostPath at restricted is reported by restrictedVolumes only (override)',
    level: R,
    spec: { ...restrictedPod(), volumes: [{ name: 'h', hostPath: { path: '/' } }] },
    want: [
      ['restrictedVolumes', 'restricted volume types (volume "h" uses restricted volume type "hostPath")'],
    ],
  },

  // ---- hostPorts (policy/check_hostPorts.go) ----
  {
    name: 'upstream: one container, one host port',
    level: B,
    spec: {
      containers: [
        c('a', undefined, { ports: [{ hostPort: 0 }] }),
        c('b', undefined, { ports: [{ hostPort: 0 }, { hostPort: 20 }] }),
      ],
    },
    want: [['hostPorts', 'hostPort (container "b" uses hostPort 20)']],
  },
  {
    name: 'upstream: multiple containers, multiple host ports',
    level: B,
    spec: {
      containers: [
        c('a', undefined, { ports: [{ hostPort: 0 }] }),
        c('b', undefined, { ports: [{ hostPort: 0 }, { hostPort: 10 }, { hostPort: 20 }] }),
        c('c', undefined, { ports: [{ hostPort: 0 }, { hostPort: 10 }, { hostPort: 30 }] }),
      ],
    },
    want: [['hostPorts', 'hostPort (containers "b", "c" use hostPorts 10, 20, 30)']],
  },
  {
    name: 'host ports are sorted as strings, as upstream sets.String does',
    level: B,
    spec: {
      containers: [c('a', undefined, { ports: [{ hostPort: 9 }, { hostPort: 8080 }, { hostPort: 9 }] })],
    },
    want: [['hostPorts', 'hostPort (container "a" uses hostPorts 8080, 9)']],
  },
  {
    name: 'containerPort without hostPort passes',
    level: B,
    spec: {
      containers: [
        c('a', undefined, { ports: [{ containerPort: 80 }, { containerPort: 81, hostPort: null }] }),
      ],
    },
    want: [],
  },
  {
    name: 'upstream: host port on init container',
    level: B,
    spec: tweak(baselinePod(), (p) => {
      p.initContainers[0].ports = [{ containerPort: 12345, hostPort: 12345 }];
    }),
    want: [['hostPorts', 'hostPort (container "initcontainer1" uses hostPort 12345)']],
  },
  {
    name: 'host port on ephemeral container at restricted',
    level: R,
    spec: rpod([rc('a')], {}, { ephemeralContainers: [rc('dbg', {}, { ports: [{ hostPort: 443 }] })] }),
    want: [['hostPorts', 'hostPort (container "dbg" uses hostPort 443)']],
  },

  // ---- capabilities_baseline (policy/check_capabilities_baseline.go) ----
  {
    name: 'upstream: NET_RAW',
    level: B,
    spec: tweak(baselinePod(), withContainerSC({ capabilities: { add: ['NET_RAW'] } })),
    want: [
      [
        'capabilities_baseline',
        'non-default capabilities (container "container1" must not include "NET_RAW" in securityContext.capabilities.add)',
      ],
    ],
  },
  {
    name: 'upstream: NET_RAW on init container',
    level: B,
    spec: tweak(baselinePod(), withContainerSC({ capabilities: { add: ['NET_RAW'] } }, 'initContainers')),
    want: [
      [
        'capabilities_baseline',
        'non-default capabilities (container "initcontainer1" must not include "NET_RAW" in securityContext.capabilities.add)',
      ],
    ],
  },
  {
    name: 'upstream: case difference (chown)',
    level: B,
    spec: tweak(baselinePod(), withContainerSC({ capabilities: { add: ['chown'] } })),
    want: [
      [
        'capabilities_baseline',
        'non-default capabilities (container "container1" must not include "chown" in securityContext.capabilities.add)',
      ],
    ],
  },
  {
    name: 'upstream: CAP_ prefix',
    level: B,
    spec: tweak(baselinePod(), withContainerSC({ capabilities: { add: ['CAP_CHOWN'] } })),
    want: [
      [
        'capabilities_baseline',
        'non-default capabilities (container "container1" must not include "CAP_CHOWN" in securityContext.capabilities.add)',
      ],
    ],
  },
  {
    name: 'upstream: all default capabilities pass',
    level: B,
    spec: tweak(baselinePod(), (p) => {
      p.containers[0].securityContext = { capabilities: { add: defaultCaps } };
      p.initContainers[0].securityContext = { capabilities: { add: defaultCaps } };
    }),
    want: [],
  },
  {
    name: 'several containers: capabilities deduplicated and sorted',
    level: B,
    spec: {
      containers: [
        c('a', { capabilities: { add: ['SYS_ADMIN', 'NET_RAW', 'CHOWN'] } }),
        c('b', { capabilities: { add: ['CHOWN'] } }),
        c('c', { capabilities: { add: ['NET_ADMIN', 'SYS_ADMIN'] } }),
      ],
    },
    want: [
      [
        'capabilities_baseline',
        'non-default capabilities (containers "a", "c" must not include "NET_ADMIN", "NET_RAW", "SYS_ADMIN" in securityContext.capabilities.add)',
      ],
    ],
  },
  {
    name: 'drop without add passes baseline',
    level: B,
    spec: { containers: [c('a', { capabilities: { drop: ['NET_RAW'] } })] },
    want: [],
  },

  // ---- capabilities_restricted (policy/check_capabilities_restricted.go) ----
  {
    name: 'upstream: capabilities_restricted multiple containers',
    level: R,
    spec: rpod([
      c('a', { allowPrivilegeEscalation: false, capabilities: { add: ['FOO', 'BAR'] } }),
      c('b', { allowPrivilegeEscalation: false, capabilities: { add: ['BAR', 'BAZ'] } }),
      c('c', {
        allowPrivilegeEscalation: false,
        capabilities: { add: ['NET_BIND_SERVICE', 'CHOWN'], drop: ['ALL', 'FOO'] },
      }),
    ]),
    want: [
      [
        'capabilities_restricted',
        'unrestricted capabilities (containers "a", "b" must set securityContext.capabilities.drop=["ALL"]; containers "a", "b", "c" must not include "BAR", "BAZ", "CHOWN", "FOO" in securityContext.capabilities.add)',
      ],
    ],
  },
  {
    name: 'upstream: drop ALL and add NET_BIND_SERVICE passes',
    level: R,
    spec: rpod([rc('a', { capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] } })]),
    want: [],
  },
  {
    name: 'upstream: drop of lowercase all is not ALL',
    level: R,
    spec: rpod([rc('a', { capabilities: { drop: ['all'] } })]),
    want: [
      [
        'capabilities_restricted',
        'unrestricted capabilities (container "a" must set securityContext.capabilities.drop=["ALL"])',
      ],
    ],
  },
  {
    name: 'upstream: windows pod admitted without capabilities',
    level: R,
    spec: { os: { name: 'windows' }, securityContext: { runAsNonRoot: true }, containers: [c('a')] },
    want: [],
  },
  {
    name: 'upstream: linux pod rejected when security context is not set',
    level: R,
    spec: rpod([c('a', { allowPrivilegeEscalation: false })], {}, { os: { name: 'linux' } }),
    want: [
      [
        'capabilities_restricted',
        'unrestricted capabilities (container "a" must set securityContext.capabilities.drop=["ALL"])',
      ],
    ],
  },
  {
    name: 'os name is case-sensitive: Windows is not windows',
    level: R,
    spec: {
      os: { name: 'Windows' },
      securityContext: { runAsNonRoot: true, seccompProfile: { type: 'Localhost' } },
      containers: [c('a', { allowPrivilegeEscalation: false })],
    },
    want: [
      [
        'capabilities_restricted',
        'unrestricted capabilities (container "a" must set securityContext.capabilities.drop=["ALL"])',
      ],
    ],
  },
  {
    name: 'empty capabilities object is missing drop ALL',
    level: R,
    spec: rpod([c('a', { allowPrivilegeEscalation: false, capabilities: {} })]),
    want: [
      [
        'capabilities_restricted',
        'unrestricted capabilities (container "a" must set securityContext.capabilities.drop=["ALL"])',
      ],
    ],
  },
  {
    name: 'baseline-allowed CHOWN is forbidden at restricted, reported once (capabilities_baseline overridden)',
    level: R,
    spec: rpod([rc('a', { capabilities: { drop: ['ALL'], add: ['CHOWN', 'SYS_ADMIN'] } })]),
    want: [
      [
        'capabilities_restricted',
        'unrestricted capabilities (container "a" must not include "CHOWN", "SYS_ADMIN" in securityContext.capabilities.add)',
      ],
    ],
  },

  // ---- appArmorProfile (policy/check_appArmorProfile.go) ----
  {
    name: 'upstream: pod appArmorProfile Unconfined',
    level: B,
    spec: { securityContext: { appArmorProfile: { type: 'Unconfined' } }, containers: [c('foo')] },
    want: [
      [
        'appArmorProfile',
        'forbidden AppArmor profile (pod must not set AppArmor profile type to "Unconfined")',
      ],
    ],
  },
  {
    name: 'upstream: container appArmorProfile Unconfined',
    level: B,
    spec: { containers: [c('foo', { appArmorProfile: { type: 'Unconfined' } })] },
    want: [
      [
        'appArmorProfile',
        'forbidden AppArmor profile (container "foo" must not set AppArmor profile type to "Unconfined")',
      ],
    ],
  },
  {
    name: 'upstream: container overriding an allowed pod profile',
    level: B,
    spec: {
      securityContext: { appArmorProfile: { type: 'RuntimeDefault' } },
      containers: [
        c('foo', { appArmorProfile: { type: 'Localhost', localhostProfile: 'p' } }),
        c('bar', { appArmorProfile: { type: 'Unconfined' } }),
      ],
    },
    want: [
      [
        'appArmorProfile',
        'forbidden AppArmor profile (container "bar" must not set AppArmor profile type to "Unconfined")',
      ],
    ],
  },
  {
    name: 'upstream: multiple annotations (checked whether or not the container exists)',
    level: B,
    metadata: {
      annotations: {
        [AA]: 'bogus',
        [`${AA}a`]: '',
        [`${AA}b`]: 'runtime/default',
        [`${AA}c`]: 'localhost/',
        [`${AA}d`]: 'localhost/foo',
        [`${AA}e`]: 'unconfined',
        [`${AA}f`]: 'unknown',
      },
    },
    spec: {},
    want: [
      [
        'appArmorProfile',
        `forbidden AppArmor profiles (annotations must not set AppArmor profile type to "${AA}="bogus"", "${AA}e="unconfined"", "${AA}f="unknown"")`,
      ],
    ],
  },
  {
    name: 'single unconfined annotation',
    level: B,
    metadata: { annotations: { [`${AA}container1`]: 'unconfined' } },
    spec: baselinePod(),
    want: [
      [
        'appArmorProfile',
        `forbidden AppArmor profile (annotation must not set AppArmor profile type to "${AA}container1="unconfined"")`,
      ],
    ],
  },
  {
    name: 'allowed annotations pass',
    level: R,
    metadata: {
      annotations: {
        [`${AA}initcontainer1`]: 'runtime/default',
        [`${AA}container1`]: 'localhost/x',
        other: 'unconfined',
      },
    },
    spec: restrictedPod(),
    want: [],
  },
  {
    name: 'pod, container and annotation together: setters joined with and, values counted for plural',
    level: R,
    metadata: { annotations: { [`${AA}a`]: 'unconfined' } },
    spec: rpod([rc('a', { appArmorProfile: { type: 'Unconfined' } })], {
      appArmorProfile: { type: 'Unconfined' },
    }),
    want: [
      [
        'appArmorProfile',
        `forbidden AppArmor profiles (pod and container "a" and annotation must not set AppArmor profile type to "Unconfined", "${AA}a="unconfined"")`,
      ],
    ],
  },
  {
    name: 'empty appArmorProfile object is type ""',
    level: B,
    spec: { securityContext: { appArmorProfile: {} }, containers: [c('a')] },
    want: [['appArmorProfile', 'forbidden AppArmor profile (pod must not set AppArmor profile type to "")']],
  },
  {
    name: 'annotation value rendered with Go %q escapes',
    level: B,
    metadata: { annotations: { [`${AA}a`]: 'x"y\n\u0001' } },
    spec: {},
    want: [
      [
        'appArmorProfile',
        `forbidden AppArmor profile (annotation must not set AppArmor profile type to "${AA}a="x\\"y\\n\\x01"")`,
      ],
    ],
  },
  {
    name: 'allowed appArmorProfile types pass',
    level: B,
    spec: {
      securityContext: { appArmorProfile: { type: 'RuntimeDefault' } },
      containers: [c('a', { appArmorProfile: { type: 'Localhost' } })],
    },
    want: [],
  },

  // ---- seLinuxOptions (policy/check_seLinuxOptions.go) ----
  {
    name: 'upstream: invalid pod and containers',
    level: B,
    spec: {
      securityContext: { seLinuxOptions: { type: 'foo', user: 'bar', role: 'baz' } },
      containers: [
        c('a', { seLinuxOptions: { type: 'container_t' } }),
        c('b', { seLinuxOptions: { type: 'container_init_t' } }),
        c('c', { seLinuxOptions: { type: 'container_kvm_t' } }),
        c('d', { seLinuxOptions: { type: 'container_engine_t' } }),
        c('e', { seLinuxOptions: { type: 'bar' } }),
        c('f', { seLinuxOptions: { user: 'bar' } }),
        c('g', { seLinuxOptions: { role: 'baz' } }),
      ],
    },
    want: [
      [
        'seLinuxOptions',
        'seLinuxOptions (pod and containers "e", "f", "g" set forbidden securityContext.seLinuxOptions: types "bar", "foo"; user may not be set; role may not be set)',
      ],
    ],
  },
  {
    name: 'upstream: invalid pod',
    level: B,
    spec: {
      securityContext: { seLinuxOptions: { type: 'foo', user: 'bar', role: 'baz' } },
      containers: [
        c('a', { seLinuxOptions: { type: 'container_t' } }),
        c('d', { seLinuxOptions: { type: 'container_engine_t' } }),
      ],
    },
    want: [
      [
        'seLinuxOptions',
        'seLinuxOptions (pod set forbidden securityContext.seLinuxOptions: type "foo"; user may not be set; role may not be set)',
      ],
    ],
  },
  {
    name: 'upstream: invalid containers',
    level: B,
    spec: {
      securityContext: { seLinuxOptions: {} },
      containers: [
        c('a', { seLinuxOptions: { type: 'container_t' } }),
        c('e', { seLinuxOptions: { type: 'bar' } }),
        c('f', { seLinuxOptions: { user: 'bar' } }),
        c('g', { seLinuxOptions: { role: 'baz' } }),
      ],
    },
    want: [
      [
        'seLinuxOptions',
        'seLinuxOptions (containers "e", "f", "g" set forbidden securityContext.seLinuxOptions: type "bar"; user may not be set; role may not be set)',
      ],
    ],
  },
  {
    name: 'upstream: bad type',
    level: B,
    spec: { securityContext: { seLinuxOptions: { type: 'bad' } } },
    want: [
      ['seLinuxOptions', 'seLinuxOptions (pod set forbidden securityContext.seLinuxOptions: type "bad")'],
    ],
  },
  {
    name: 'upstream: bad user',
    level: B,
    spec: { securityContext: { seLinuxOptions: { user: 'bad' } } },
    want: [
      [
        'seLinuxOptions',
        'seLinuxOptions (pod set forbidden securityContext.seLinuxOptions: user may not be set)',
      ],
    ],
  },
  {
    name: 'upstream: bad role',
    level: R,
    spec: rpod([rc('a', { seLinuxOptions: { role: 'bad' } })]),
    want: [
      [
        'seLinuxOptions',
        'seLinuxOptions (container "a" set forbidden securityContext.seLinuxOptions: role may not be set)',
      ],
    ],
  },
  {
    name: 'upstream: level and allowed types pass',
    level: B,
    spec: {
      securityContext: { seLinuxOptions: { level: 's0:c1,c2' } },
      initContainers: [c('i', { seLinuxOptions: { type: 'container_init_t' } })],
      containers: [c('a', { seLinuxOptions: { type: 'container_kvm_t', level: 's0' } })],
    },
    want: [],
  },
  {
    name: 'container_engine_t is allowed from 1.31',
    level: B,
    spec: { containers: [c('a', { seLinuxOptions: { type: 'container_engine_t' } })] },
    want: [],
  },
  {
    name: 'init container with bad type',
    level: B,
    spec: tweak(baselinePod(), withContainerSC({ seLinuxOptions: { type: 'spc_t' } }, 'initContainers')),
    want: [
      [
        'seLinuxOptions',
        'seLinuxOptions (container "initcontainer1" set forbidden securityContext.seLinuxOptions: type "spc_t")',
      ],
    ],
  },

  // ---- procMount (policy/check_procMount.go) ----
  {
    name: 'upstream: procMount Unmasked',
    level: B,
    spec: tweak(baselinePod(), withContainerSC({ procMount: 'Unmasked' })),
    want: [
      [
        'procMount',
        'procMount (container "container1" must not set securityContext.procMount to "Unmasked")',
      ],
    ],
  },
  {
    name: 'upstream: procMount Default passes',
    level: B,
    spec: tweak(baselinePod(), withContainerSC({ procMount: 'Default' })),
    want: [],
  },
  {
    name: 'procMount "" is not Default',
    level: B,
    spec: { containers: [c('a', { procMount: '' })] },
    want: [['procMount', 'procMount (container "a" must not set securityContext.procMount to "")']],
  },
  {
    name: 'several containers, types deduplicated',
    level: R,
    spec: rpod([
      rc('a', { procMount: 'Unmasked' }),
      rc('b', { procMount: 'Default' }),
      rc('c', { procMount: 'Unmasked' }),
    ]),
    want: [
      ['procMount', 'procMount (containers "a", "c" must not set securityContext.procMount to "Unmasked")'],
    ],
  },
  {
    name: 'hostUsers false does not relax procMount in 1.32 by default',
    level: B,
    spec: { hostUsers: false, containers: [c('a', { procMount: 'Unmasked' })] },
    want: [['procMount', 'procMount (container "a" must not set securityContext.procMount to "Unmasked")']],
  },
  {
    name: 'hostUsers false relaxes procMount with the alpha gate',
    level: B,
    relax: true,
    spec: { hostUsers: false, containers: [c('a', { procMount: 'Unmasked' })] },
    want: [],
  },

  // ---- seccompProfile_baseline (policy/check_seccompProfile_baseline.go) ----
  {
    name: 'upstream: pod seccomp Unconfined',
    level: B,
    spec: { securityContext: { seccompProfile: { type: 'Unconfined' } }, containers: [c('a')] },
    want: [
      [
        'seccompProfile_baseline',
        'seccompProfile (pod must not set securityContext.seccompProfile.type to "Unconfined")',
      ],
    ],
  },
  {
    name: 'upstream: container seccomp Unconfined',
    level: B,
    spec: tweak(baselinePod(), withContainerSC({ seccompProfile: { type: 'Unconfined' } })),
    want: [
      [
        'seccompProfile_baseline',
        'seccompProfile (container "container1" must not set securityContext.seccompProfile.type to "Unconfined")',
      ],
    ],
  },
  {
    name: 'pod and containers with different bad values',
    level: B,
    spec: {
      securityContext: { seccompProfile: { type: 'Unconfined' } },
      containers: [
        c('a', { seccompProfile: { type: 'Bogus' } }),
        c('b', { seccompProfile: { type: 'Unconfined' } }),
      ],
    },
    want: [
      [
        'seccompProfile_baseline',
        'seccompProfile (pod and containers "a", "b" must not set securityContext.seccompProfile.type to "Bogus", "Unconfined")',
      ],
    ],
  },
  {
    name: 'upstream: RuntimeDefault and Localhost pass baseline',
    level: B,
    spec: {
      securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
      containers: [c('a', { seccompProfile: { type: 'Localhost', localhostProfile: 'p.json' } })],
    },
    want: [],
  },
  {
    name: 'legacy seccomp pod annotation is not read at 1.19+ (baseline)',
    level: B,
    metadata: { annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined' } },
    spec: baselinePod(),
    want: [],
  },
  {
    name: 'legacy seccomp container annotation is not read at 1.19+ (baseline)',
    level: B,
    metadata: { annotations: { 'container.seccomp.security.alpha.kubernetes.io/container1': 'unconfined' } },
    spec: baselinePod(),
    want: [],
  },
  {
    name: 'legacy seccomp annotation does not satisfy restricted',
    level: R,
    metadata: { annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'runtime/default' } },
    spec: rpod([rc('a')], { seccompProfile: null }),
    want: [
      [
        'seccompProfile_restricted',
        'seccompProfile (pod or container "a" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")',
      ],
    ],
  },

  // ---- seccompProfile_restricted (policy/check_seccompProfile_restricted.go) ----
  {
    name: 'upstream: no explicit seccomp',
    level: R,
    spec: { securityContext: { runAsNonRoot: true }, containers: [rc('a')] },
    want: [
      [
        'seccompProfile_restricted',
        'seccompProfile (pod or container "a" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")',
      ],
    ],
  },
  {
    name: 'upstream: no explicit seccomp, windows pod',
    level: R,
    spec: { os: { name: 'windows' }, securityContext: { runAsNonRoot: true }, containers: [c('a')] },
    want: [],
  },
  {
    name: 'upstream: no explicit seccomp, linux pod',
    level: R,
    spec: { os: { name: 'linux' }, securityContext: { runAsNonRoot: true }, containers: [rc('a')] },
    want: [
      [
        'seccompProfile_restricted',
        'seccompProfile (pod or container "a" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")',
      ],
    ],
  },
  {
    name: 'upstream: pod seccomp invalid',
    level: R,
    spec: rpod([rc('a')], { seccompProfile: { type: 'Unconfined' } }),
    want: [
      [
        'seccompProfile_restricted',
        'seccompProfile (pod must not set securityContext.seccompProfile.type to "Unconfined")',
      ],
    ],
  },
  {
    name: 'upstream: containers seccomp invalid',
    level: R,
    spec: rpod([
      rc('a'),
      rc('c', { seccompProfile: { type: 'Unconfined' } }),
      rc('d', { seccompProfile: { type: 'Unconfined' } }),
      rc('e', { seccompProfile: { type: 'RuntimeDefault' } }),
    ]),
    want: [
      [
        'seccompProfile_restricted',
        'seccompProfile (containers "c", "d" must not set securityContext.seccompProfile.type to "Unconfined")',
      ],
    ],
  },
  {
    name: 'upstream: pod nil, container fallthrough (seccomp)',
    level: R,
    spec: rpod([rc('a'), rc('b'), rc('d', { seccompProfile: { type: 'RuntimeDefault' } })], {
      seccompProfile: null,
    }),
    want: [
      [
        'seccompProfile_restricted',
        'seccompProfile (pod or containers "a", "b" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")',
      ],
    ],
  },
  {
    name: 'explicitly bad values are reported instead of missing ones',
    level: R,
    spec: rpod([rc('a'), rc('b', { seccompProfile: { type: 'Unconfined' } })], {
      seccompProfile: { type: 'Bogus' },
    }),
    want: [
      [
        'seccompProfile_restricted',
        'seccompProfile (pod and container "b" must not set securityContext.seccompProfile.type to "Bogus", "Unconfined")',
      ],
    ],
  },
  {
    name: 'every container with Localhost and no pod-level profile passes',
    level: R,
    spec: rpod([rc('a', { seccompProfile: { type: 'Localhost', localhostProfile: 'x' } })], {
      seccompProfile: null,
    }),
    want: [],
  },
  {
    name: 'ephemeral container without profile is listed after the others',
    level: R,
    spec: {
      securityContext: { runAsNonRoot: true },
      initContainers: [rc('i')],
      containers: [rc('a', { seccompProfile: { type: 'RuntimeDefault' } })],
      ephemeralContainers: [rc('e')],
    },
    want: [
      [
        'seccompProfile_restricted',
        'seccompProfile (pod or containers "i", "e" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")',
      ],
    ],
  },
  {
    name: 'empty seccompProfile object is type ""',
    level: R,
    spec: rpod([rc('a', { seccompProfile: {} })]),
    want: [
      [
        'seccompProfile_restricted',
        'seccompProfile (container "a" must not set securityContext.seccompProfile.type to "")',
      ],
    ],
  },

  // ---- sysctls (policy/check_sysctls.go) ----
  {
    name: 'upstream: forbidden sysctl',
    level: B,
    spec: { ...baselinePod(), securityContext: { sysctls: [{ name: 'kernel.msgmax', value: '1' }] } },
    want: [['sysctls', 'forbidden sysctls (kernel.msgmax)']],
  },
  {
    name: 'upstream: every 1.32 safe sysctl passes',
    level: R,
    spec: tweak(restrictedPod(), withPodSC({ sysctls: safeSysctls.map((name) => ({ name, value: '1' })) })),
    want: [],
  },
  {
    name: 'sysctls added after 1.32 are forbidden',
    level: B,
    spec: {
      securityContext: {
        sysctls: [{ name: 'net.ipv4.tcp_slow_start_after_idle' }, { name: 'net.ipv4.tcp_notsent_lowat' }],
      },
    },
    want: [['sysctls', 'forbidden sysctls (net.ipv4.tcp_slow_start_after_idle, net.ipv4.tcp_notsent_lowat)']],
  },
  {
    name: 'forbidden sysctls keep their order and duplicates',
    level: B,
    spec: {
      securityContext: {
        sysctls: [{ name: 'b' }, { name: 'kernel.shm_rmid_forced' }, { name: 'a' }, { name: 'b' }],
      },
    },
    want: [['sysctls', 'forbidden sysctls (b, a, b)']],
  },
  {
    name: 'sysctls is not a container field: ignored there',
    level: B,
    spec: { containers: [c('a', { sysctls: [{ name: 'kernel.msgmax' }] })] },
    want: [],
  },

  // ---- windowsHostProcess (policy/check_windowsHostProcess.go) ----
  {
    name: 'upstream: hostProcess true for pod',
    level: B,
    spec: {
      ...baselinePod(),
      os: { name: 'windows' },
      hostNetwork: true,
      securityContext: { windowsOptions: { hostProcess: true } },
    },
    want: [
      ['hostNamespaces', 'host namespaces (hostNetwork=true)'],
      [
        'windowsHostProcess',
        'hostProcess (pod must not set securityContext.windowsOptions.hostProcess=true)',
      ],
    ],
  },
  {
    name: 'upstream: hostProcess true for containers',
    level: B,
    spec: tweak(baselinePod(), (p) => {
      p.containers[0].securityContext = { windowsOptions: { hostProcess: true } };
      p.initContainers[0].securityContext = { windowsOptions: { hostProcess: true } };
    }),
    want: [
      [
        'windowsHostProcess',
        'hostProcess (containers "initcontainer1", "container1" must not set securityContext.windowsOptions.hostProcess=true)',
      ],
    ],
  },
  {
    name: 'hostProcess on pod and a container of a restricted windows pod',
    level: R,
    spec: tweak(restrictedWindowsPod(), (p) => {
      p.securityContext.windowsOptions = { hostProcess: true };
      p.containers[0].securityContext = { windowsOptions: { hostProcess: true, runAsUserName: 'x' } };
    }),
    want: [
      [
        'windowsHostProcess',
        'hostProcess (pod and container "container1" must not set securityContext.windowsOptions.hostProcess=true)',
      ],
    ],
  },
  {
    name: 'hostProcess false passes',
    level: R,
    spec: tweak(restrictedWindowsPod(), withPodSC({ windowsOptions: { hostProcess: false } })),
    want: [],
  },

  // ---- allowPrivilegeEscalation (policy/check_allowPrivilegeEscalation.go) ----
  {
    name: 'upstream: allowPrivilegeEscalation unset',
    level: R,
    spec: rpod([
      c('a', { capabilities: { drop: ['ALL'] } }),
      c('b', { capabilities: { drop: ['ALL'] }, allowPrivilegeEscalation: null }),
    ]),
    want: [
      [
        'allowPrivilegeEscalation',
        'allowPrivilegeEscalation != false (containers "a", "b" must set securityContext.allowPrivilegeEscalation=false)',
      ],
    ],
  },
  {
    name: 'upstream: allowPrivilegeEscalation true',
    level: R,
    spec: tweak(restrictedPod(), withContainerSC({ allowPrivilegeEscalation: true })),
    want: [
      [
        'allowPrivilegeEscalation',
        'allowPrivilegeEscalation != false (container "container1" must set securityContext.allowPrivilegeEscalation=false)',
      ],
    ],
  },
  {
    name: 'upstream: allowPrivilegeEscalation true on init container',
    level: R,
    spec: tweak(restrictedPod(), withContainerSC({ allowPrivilegeEscalation: true }, 'initContainers')),
    want: [
      [
        'allowPrivilegeEscalation',
        'allowPrivilegeEscalation != false (container "initcontainer1" must set securityContext.allowPrivilegeEscalation=false)',
      ],
    ],
  },
  {
    name: 'upstream: windows pod exempt from allowPrivilegeEscalation',
    level: R,
    spec: {
      os: { name: 'windows' },
      securityContext: { runAsNonRoot: true },
      containers: [c('a', { allowPrivilegeEscalation: true })],
    },
    want: [],
  },
  {
    name: 'ephemeral container without allowPrivilegeEscalation',
    level: R,
    spec: rpod([rc('a')], {}, { ephemeralContainers: [c('e', { capabilities: { drop: ['ALL'] } })] }),
    want: [
      [
        'allowPrivilegeEscalation',
        'allowPrivilegeEscalation != false (container "e" must set securityContext.allowPrivilegeEscalation=false)',
      ],
    ],
  },
  {
    name: 'allowPrivilegeEscalation is not a baseline check',
    level: B,
    spec: { containers: [c('a', { allowPrivilegeEscalation: true })] },
    want: [],
  },

  // ---- restrictedVolumes (policy/check_restrictedVolumes.go) ----
  {
    name: 'upstream: every volume type',
    level: R,
    spec: { ...restrictedPod(), volumes: allVolumeTypes },
    want: [
      [
        'restrictedVolumes',
        'restricted volume types (volumes ' +
          '"b1", "b2", "b3", "b4", "b5", "b6", "b7", "b8", "b9", "b10", "b11", "b12", "b13", "b14", "b15", "b16", "b17", "b18", "b19", "b20", "b21", "c1"' +
          ' use restricted volume types ' +
          '"awsElasticBlockStore", "azureDisk", "azureFile", "cephfs", "cinder", "fc", "flexVolume", "flocker", "gcePersistentDisk", "gitRepo", "glusterfs", ' +
          '"hostPath", "iscsi", "nfs", "photonPersistentDisk", "portworxVolume", "quobyte", "rbd", "scaleIO", "storageos", "unknown", "vsphereVolume")',
      ],
    ],
  },
  {
    name: 'upstream: the allowed volume types pass',
    level: R,
    spec: { ...restrictedPod(), volumes: allVolumeTypes.filter((v) => String(v.name).startsWith('a')) },
    want: [],
  },
  {
    name: 'image volumes are not allowed in 1.32 (type unknown)',
    level: R,
    spec: { ...restrictedPod(), volumes: [{ name: 'img', image: { reference: 'r/x:1' } }] },
    want: [
      ['restrictedVolumes', 'restricted volume types (volume "img" uses restricted volume type "unknown")'],
    ],
  },
  {
    name: 'a volume with an allowed source passes even if it also names a restricted one',
    level: R,
    apiInvalid: true,
    spec: {
      ...restrictedPod(),
      volumes: [{ name: 'mix', hostPath: { path: '/' }, configMap: { name: 'c' } }],
    },
    want: [],
  },
  {
    name: 'hostPath: null is no source at all: unknown',
    level: R,
    spec: { ...restrictedPod(), volumes: [{ name: 'v', hostPath: null }] },
    want: [
      ['restrictedVolumes', 'restricted volume types (volume "v" uses restricted volume type "unknown")'],
    ],
  },
  {
    name: 'two volumes of one restricted type',
    level: R,
    spec: {
      ...restrictedPod(),
      volumes: [
        { name: 'a', nfs: { server: 's', path: '/' } },
        { name: 'b', nfs: {} },
      ],
    },
    want: [
      ['restrictedVolumes', 'restricted volume types (volumes "a", "b" use restricted volume type "nfs")'],
    ],
  },

  // ---- runAsNonRoot (policy/check_runAsNonRoot.go) ----
  {
    name: 'upstream: no explicit runAsNonRoot',
    level: R,
    spec: rpod([rc('a')], { runAsNonRoot: null }),
    want: [
      [
        'runAsNonRoot',
        'runAsNonRoot != true (pod or container "a" must set securityContext.runAsNonRoot=true)',
      ],
    ],
  },
  {
    name: 'upstream: pod runAsNonRoot=false',
    level: R,
    spec: rpod([rc('a')], { runAsNonRoot: false }),
    want: [['runAsNonRoot', 'runAsNonRoot != true (pod must not set securityContext.runAsNonRoot=false)']],
  },
  {
    name: 'upstream: containers runAsNonRoot=false',
    level: R,
    spec: rpod([
      rc('a'),
      rc('c', { runAsNonRoot: false }),
      rc('d', { runAsNonRoot: false }),
      rc('e', { runAsNonRoot: true }),
    ]),
    want: [
      [
        'runAsNonRoot',
        'runAsNonRoot != true (containers "c", "d" must not set securityContext.runAsNonRoot=false)',
      ],
    ],
  },
  {
    name: 'upstream: pod nil, container fallthrough (runAsNonRoot)',
    level: R,
    spec: rpod([rc('a'), rc('b'), rc('d', { runAsNonRoot: true })], { runAsNonRoot: null }),
    want: [
      [
        'runAsNonRoot',
        'runAsNonRoot != true (pod or containers "a", "b" must set securityContext.runAsNonRoot=true)',
      ],
    ],
  },
  {
    name: 'pod and container false; explicit false wins over missing',
    level: R,
    spec: rpod([rc('a'), rc('c', { runAsNonRoot: false })], { runAsNonRoot: false }),
    want: [
      [
        'runAsNonRoot',
        'runAsNonRoot != true (pod and container "c" must not set securityContext.runAsNonRoot=false)',
      ],
    ],
  },
  {
    name: 'windows pods are not exempt from runAsNonRoot',
    level: R,
    spec: { os: { name: 'windows' }, containers: [c('a')] },
    want: [
      [
        'runAsNonRoot',
        'runAsNonRoot != true (pod or container "a" must set securityContext.runAsNonRoot=true)',
      ],
    ],
  },
  {
    name: 'upstream: hostUsers false without the gate still requires runAsNonRoot',
    level: R,
    spec: rpod([rc('a')], { runAsNonRoot: null }, { hostUsers: false }),
    want: [
      [
        'runAsNonRoot',
        'runAsNonRoot != true (pod or container "a" must set securityContext.runAsNonRoot=true)',
      ],
    ],
  },
  {
    name: 'upstream: hostUsers false with the gate relaxes runAsNonRoot',
    level: R,
    relax: true,
    spec: rpod([rc('a')], { runAsNonRoot: false }, { hostUsers: false }),
    want: [],
  },

  // ---- runAsUser (policy/check_runAsUser.go) ----
  {
    name: 'upstream: pod runAsUser=0',
    level: R,
    spec: rpod([rc('a')], { runAsUser: 0 }),
    want: [['runAsUser', 'runAsUser=0 (pod must not set runAsUser=0)']],
  },
  {
    name: 'upstream: container runAsUser=0',
    level: R,
    spec: rpod([rc('a', { runAsUser: 0 }), rc('b', { runAsUser: 1000 })]),
    want: [['runAsUser', 'runAsUser=0 (container "a" must not set runAsUser=0)']],
  },
  {
    name: 'upstream: pod and containers runAsUser=0',
    level: R,
    spec: rpod([rc('a', { runAsUser: 0 }), rc('b', { runAsUser: 0 })], { runAsUser: 0 }),
    want: [['runAsUser', 'runAsUser=0 (pod and containers "a", "b" must not set runAsUser=0)']],
  },
  {
    name: 'upstream: non-zero runAsUser passes',
    level: R,
    spec: rpod([rc('a', { runAsUser: 1 })], { runAsUser: 65534 }),
    want: [],
  },
  {
    name: 'container non-zero does not hide pod 0',
    level: R,
    spec: rpod([rc('a', { runAsUser: 1000 })], { runAsUser: 0 }),
    want: [['runAsUser', 'runAsUser=0 (pod must not set runAsUser=0)']],
  },
  {
    name: 'runAsUser=0 is not a baseline check',
    level: B,
    spec: { securityContext: { runAsUser: 0 }, containers: [c('a', { runAsUser: 0 })] },
    want: [],
  },
  {
    name: 'upstream: hostUsers false with the gate relaxes runAsUser',
    level: R,
    relax: true,
    spec: rpod([rc('a', { runAsUser: 0 })], {}, { hostUsers: false }),
    want: [],
  },

  // ---- several checks: order of the registered checks ----
  {
    name: 'baseline order: baseline check IDs sorted',
    level: B,
    metadata: { annotations: { [`${AA}a`]: 'unconfined' } },
    spec: {
      hostNetwork: true,
      securityContext: {
        seLinuxOptions: { user: 'u' },
        seccompProfile: { type: 'Unconfined' },
        sysctls: [{ name: 'kernel.msgmax' }],
        windowsOptions: { hostProcess: true },
      },
      volumes: [{ name: 'h', hostPath: { path: '/' } }],
      containers: [
        c(
          'a',
          { privileged: true, procMount: 'Unmasked', capabilities: { add: ['SYS_ADMIN'] } },
          { ports: [{ hostPort: 80 }] },
        ),
      ],
    },
    want: [
      [
        'appArmorProfile',
        `forbidden AppArmor profile (annotation must not set AppArmor profile type to "${AA}a="unconfined"")`,
      ],
      [
        'capabilities_baseline',
        'non-default capabilities (container "a" must not include "SYS_ADMIN" in securityContext.capabilities.add)',
      ],
      ['hostNamespaces', 'host namespaces (hostNetwork=true)'],
      ['hostPathVolumes', 'hostPath volumes (volume "h")'],
      ['hostPorts', 'hostPort (container "a" uses hostPort 80)'],
      ['privileged', 'privileged (container "a" must not set securityContext.privileged=true)'],
      ['procMount', 'procMount (container "a" must not set securityContext.procMount to "Unmasked")'],
      [
        'seLinuxOptions',
        'seLinuxOptions (pod set forbidden securityContext.seLinuxOptions: user may not be set)',
      ],
      [
        'seccompProfile_baseline',
        'seccompProfile (pod must not set securityContext.seccompProfile.type to "Unconfined")',
      ],
      ['sysctls', 'forbidden sysctls (kernel.msgmax)'],
      [
        'windowsHostProcess',
        'hostProcess (pod must not set securityContext.windowsOptions.hostProcess=true)',
      ],
    ],
  },
  {
    name: 'restricted order: non-overridden baseline checks, then restricted check IDs sorted',
    level: R,
    spec: {
      hostPID: true,
      securityContext: {
        runAsUser: 0,
        seccompProfile: { type: 'Unconfined' },
        sysctls: [{ name: 'vm.swappiness' }],
      },
      volumes: [{ name: 'g', gitRepo: {} }],
      containers: [
        c('a', { privileged: true, allowPrivilegeEscalation: true, capabilities: { add: ['NET_RAW'] } }),
      ],
    },
    want: [
      ['hostNamespaces', 'host namespaces (hostPID=true)'],
      ['privileged', 'privileged (container "a" must not set securityContext.privileged=true)'],
      ['sysctls', 'forbidden sysctls (vm.swappiness)'],
      [
        'allowPrivilegeEscalation',
        'allowPrivilegeEscalation != false (container "a" must set securityContext.allowPrivilegeEscalation=false)',
      ],
      [
        'capabilities_restricted',
        'unrestricted capabilities (container "a" must set securityContext.capabilities.drop=["ALL"]; container "a" must not include "NET_RAW" in securityContext.capabilities.add)',
      ],
      ['restrictedVolumes', 'restricted volume types (volume "g" uses restricted volume type "gitRepo")'],
      [
        'runAsNonRoot',
        'runAsNonRoot != true (pod or container "a" must set securityContext.runAsNonRoot=true)',
      ],
      ['runAsUser', 'runAsUser=0 (pod must not set runAsUser=0)'],
      [
        'seccompProfile_restricted',
        'seccompProfile (pod must not set securityContext.seccompProfile.type to "Unconfined")',
      ],
    ],
  },
  {
    name: 'windows pod at restricted: only the checks without windows exemption',
    level: R,
    spec: { os: { name: 'windows' }, containers: [c('a', { runAsUser: 0 })] },
    want: [
      [
        'runAsNonRoot',
        'runAsNonRoot != true (pod or container "a" must set securityContext.runAsNonRoot=true)',
      ],
      ['runAsUser', 'runAsUser=0 (container "a" must not set runAsUser=0)'],
    ],
  },
  {
    name: 'duplicate container names are listed as often as they occur',
    level: B,
    spec: { initContainers: [c('x', { privileged: true })], containers: [c('x', { privileged: true })] },
    want: [['privileged', 'privileged (containers "x", "x" must not set securityContext.privileged=true)']],
  },

  // ---- decoding untyped JSON the way Go decodes it ----
  {
    name: 'decode: a string where a boolean is expected',
    level: B,
    spec: { containers: [c('a', { privileged: 'true' })] },
    want: [
      [
        'decode',
        'failed to decode pod (spec.containers[0].securityContext.privileged: expected boolean, got string)',
      ],
    ],
  },
  {
    name: 'decode: containers as an object',
    level: R,
    spec: { containers: { name: 'a' } },
    want: [['decode', 'failed to decode pod (spec.containers: expected array, got object)']],
  },
  {
    name: 'decode: a float runAsUser',
    level: R,
    spec: rpod([rc('a', { runAsUser: 1.5 })]),
    want: [
      [
        'decode',
        'failed to decode pod (spec.containers[0].securityContext.runAsUser: expected int64, got 1.5)',
      ],
    ],
  },
  {
    name: 'decode: a hostPort beyond int32',
    level: B,
    spec: { containers: [c('a', undefined, { ports: [{ hostPort: 2 ** 31 }] })] },
    want: [
      [
        'decode',
        'failed to decode pod (spec.containers[0].ports[0].hostPort: expected int32, got 2147483648)',
      ],
    ],
  },
  {
    name: 'decode: a non-string annotation',
    level: B,
    metadata: { annotations: { [`${AA}a`]: 1 } },
    spec: baselinePod(),
    want: [['decode', `failed to decode pod (metadata.annotations["${AA}a"]: expected string, got number)`]],
  },
  {
    name: 'decode: a spec that is not an object',
    level: B,
    spec: 'containers',
    want: [['decode', 'failed to decode pod (spec: expected object, got string)']],
  },
  {
    name: 'decode: a volume source that is not an object',
    level: B,
    spec: { volumes: [{ name: 'h', hostPath: '/etc' }] },
    want: [['decode', 'failed to decode pod (spec.volumes[0].hostPath: expected object, got string)']],
  },
  {
    name: 'decode: a null container is the zero container (name "")',
    level: R,
    spec: rpod([null as unknown as Json]),
    want: [
      [
        'allowPrivilegeEscalation',
        'allowPrivilegeEscalation != false (container "" must set securityContext.allowPrivilegeEscalation=false)',
      ],
      [
        'capabilities_restricted',
        'unrestricted capabilities (container "" must set securityContext.capabilities.drop=["ALL"])',
      ],
    ],
  },
  {
    name: 'decode: keys are case-sensitive (Privileged is an unknown field)',
    level: B,
    spec: {
      containers: [c('a', { Privileged: true }), { Name: 'b', securityContext: { privileged: false } }],
    },
    want: [],
  },
  {
    name: 'decode: container-only fields are unknown at pod level',
    level: B,
    spec: { securityContext: { privileged: 'yes', procMount: 7, capabilities: 'all' }, containers: [c('a')] },
    want: [],
  },
  {
    name: 'decode: an own __proto__ key is an unknown field, not a prototype',
    level: B,
    spec: JSON.parse('{"containers":[{"name":"a","securityContext":{"__proto__":{"privileged":true}}}]}'),
    want: [],
  },
  {
    name: 'decode: metadata that is not an object',
    level: B,
    metadata: 'x' as unknown as Json,
    spec: baselinePod(),
    want: [['decode', 'failed to decode pod (metadata: expected object, got string)']],
  },

  // ---- upstream quirks on pods that API validation rejects ----
  {
    name: 'quirk: windows pod adding NET_RAW passes restricted (capabilities_baseline is overridden)',
    level: R,
    apiInvalid: true,
    spec: {
      os: { name: 'windows' },
      securityContext: { runAsNonRoot: true },
      containers: [c('a', { capabilities: { add: ['NET_RAW'] } })],
    },
    want: [],
  },
  {
    name: 'quirk: the same windows pod fails baseline',
    level: B,
    spec: {
      os: { name: 'windows' },
      securityContext: { runAsNonRoot: true },
      containers: [c('a', { capabilities: { add: ['NET_RAW'] } })],
    },
    want: [
      [
        'capabilities_baseline',
        'non-default capabilities (container "a" must not include "NET_RAW" in securityContext.capabilities.add)',
      ],
    ],
  },
  {
    name: 'quirk: windows pod with seccomp Unconfined passes restricted',
    level: R,
    apiInvalid: true,
    spec: {
      os: { name: 'windows' },
      securityContext: { runAsNonRoot: true, seccompProfile: { type: 'Unconfined' } },
      containers: [c('a')],
    },
    want: [],
  },
  {
    name: 'quirk: a volume with hostPath and emptyDir passes restricted',
    level: R,
    apiInvalid: true,
    spec: { ...restrictedPod(), volumes: [{ name: 'v', hostPath: { path: '/' }, emptyDir: {} }] },
    want: [],
  },
  {
    name: 'quirk: the same volume fails baseline',
    level: B,
    spec: { ...restrictedPod(), volumes: [{ name: 'v', hostPath: { path: '/' }, emptyDir: {} }] },
    want: [['hostPathVolumes', 'hostPath volumes (volume "v")']],
  },
];
