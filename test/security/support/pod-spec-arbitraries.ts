import fc from 'fast-check';

// Random Job bodies for the hostile pod-spec property test (test/security/hostile-pod-specs.test.ts):
// the short form, full manifests and garbage, and an oracle of the key's own rules written from
// docs/policy.md, apart from src/api/policy.
//
// Every Pod Security-relevant value the generator puts in a pod is classed by what it does on its
// own, whatever the rest of the pod says, so the test can cross-check the PSA oracle with facts
// that do not come from it:
//   ok    allowed at restricted (so at baseline too), given the restricted scaffolding below
//   base  allowed at baseline; at restricted it depends on the rest of the pod
//   noR   allowed at baseline; breaks restricted for a Linux pod
//   noB   breaks baseline (and restricted for a Linux pod: on Windows pods restricted replaces some
//         baseline checks by ones that exempt Windows)
//   junk  the wrong JSON type for a field PSA reads: Kubernetes cannot decode the pod, which PSA
//         refuses at baseline and restricted

export type Json = Record<string, unknown>;
export type Level = 'privileged' | 'baseline' | 'restricted';
type Cls = 'ok' | 'base' | 'noR' | 'noB' | 'junk';
type Mode = 'restricted' | 'baseline' | 'any';

/** Leaves a field out. */
const ABSENT = Symbol('absent');
type Opt = readonly [Cls, unknown];

/** A value injected into a pod that, by itself, breaks `level`. */
export interface Hazard {
  level: 'baseline' | 'restricted';
  what: string;
  /** Only on pods that are not `os.name: windows`. */
  linuxOnly: boolean;
}

/** One generated Job create body, with what the generator knows about it. */
export interface GeneratedJob {
  form: 'manifest' | 'short' | 'garbage';
  body: unknown;
  /** Guaranteed to pass the API's schema and name checks: a refusal can only be policy (or the cluster's dry run). */
  wellFormed: boolean;
  hazards: Hazard[];
  /** Every Pod Security-relevant value was chosen allowed at this level. */
  clean?: 'restricted' | 'baseline';
  /**
   * A field Kubernetes types as a list holds a map, number or boolean: the API server cannot
   * decode the Job (nor the Kubernetes client send it), at any level.
   */
  unsendable?: string;
}

/** The pod template and Job metadata a body makes, as docs/architecture.md §4 describes the short form. */
export interface Template {
  jobMetadata: unknown;
  podMetadata: unknown;
  podSpec: unknown;
}

const allowedIn = (mode: Mode, cls: Cls) =>
  mode === 'any' || cls === 'ok' || (mode === 'baseline' && cls !== 'noB' && cls !== 'junk');

/** One of `opts` allowed in `mode`; the first option (the neutral one) `weight` times as likely. */
function pick(mode: Mode, opts: readonly Opt[], weight = 2): fc.Arbitrary<Opt> {
  const allowed = opts.filter(([c]) => allowedIn(mode, c));
  if (allowed.length === 0) throw new Error('no option allowed');
  const [first, ...rest] = allowed;
  if (rest.length === 0) return fc.constant(first!);
  return fc.oneof(
    { arbitrary: fc.constant(first!), weight },
    { arbitrary: fc.constantFrom(...rest), weight: 1 },
  );
}

class Acc {
  hazards: Hazard[] = [];
  unsendable: string | undefined;
  put(obj: Json, key: string, [cls, v]: Opt, what: string): void {
    if (v !== ABSENT) obj[key] = v;
    this.note(cls, what);
  }
  note(cls: Cls, what: string): void {
    if (cls === 'noB' || cls === 'junk')
      this.hazards.push(
        { level: 'baseline', what, linuxOnly: false },
        { level: 'restricted', what, linuxOnly: cls === 'noB' },
      );
    if (cls === 'noR') this.hazards.push({ level: 'restricted', what, linuxOnly: true });
  }
}

// ---- container securityContext ----------------------------------------------------------------

const CONTAINER_SC: Record<string, { other: readonly Opt[]; restricted?: readonly Opt[] }> = {
  privileged: {
    other: [
      ['ok', ABSENT],
      ['ok', false],
      ['noB', true],
      ['junk', 'true'],
    ],
  },
  allowPrivilegeEscalation: {
    restricted: [['ok', false]],
    other: [
      ['noR', ABSENT],
      ['ok', false],
      ['noR', true],
      ['junk', 'false'],
    ],
  },
  capabilities: {
    restricted: [
      ['ok', { drop: ['ALL'] }],
      ['ok', { drop: ['ALL'], add: ['NET_BIND_SERVICE'] }],
      ['ok', { drop: ['NET_RAW', 'ALL'] }],
    ],
    other: [
      ['noR', ABSENT],
      ['ok', { drop: ['ALL'] }],
      ['noR', { add: ['CHOWN', 'KILL'] }],
      ['noR', { drop: ['NET_RAW'] }],
      ['noB', { add: ['SYS_ADMIN'] }],
      ['noB', { drop: ['ALL'], add: ['NET_RAW'] }],
      ['noB', { add: ['ALL'] }],
      ['noB', { add: ['CAP_SYS_ADMIN'] }],
      ['junk', { add: 'SYS_ADMIN' }],
      ['junk', { drop: [5] }],
    ],
  },
  runAsNonRoot: {
    restricted: [
      ['ok', ABSENT],
      ['ok', true],
    ],
    other: [
      ['base', ABSENT],
      ['ok', true],
      ['noR', false],
      ['junk', 'yes'],
    ],
  },
  runAsUser: {
    restricted: [
      ['ok', ABSENT],
      ['ok', 1000],
    ],
    other: [
      ['ok', ABSENT],
      ['ok', 1000],
      ['noR', 0],
      ['junk', 1.5],
      ['junk', '0'],
    ],
  },
  seccompProfile: {
    restricted: [
      ['ok', ABSENT],
      ['ok', { type: 'RuntimeDefault' }],
      ['ok', { type: 'Localhost', localhostProfile: 'profiles/audit.json' }],
    ],
    other: [
      ['base', ABSENT],
      ['ok', { type: 'RuntimeDefault' }],
      ['noB', { type: 'Unconfined' }],
      ['noB', {}],
      ['junk', 'RuntimeDefault'],
    ],
  },
  appArmorProfile: {
    other: [
      ['ok', ABSENT],
      ['ok', { type: 'RuntimeDefault' }],
      ['ok', { type: 'Localhost', localhostProfile: 'k8s-apparmor-example' }],
      ['noB', { type: 'Unconfined' }],
      ['junk', { type: 5 }],
    ],
  },
  seLinuxOptions: {
    other: [
      ['ok', ABSENT],
      ['ok', { type: 'container_t' }],
      ['ok', { level: 's0:c123,c456' }],
      ['noB', { type: 'spc_t' }],
      ['noB', { user: 'system_u' }],
      ['noB', { role: 'sysadm_r' }],
      ['junk', { type: true }],
    ],
  },
  procMount: {
    other: [
      ['ok', ABSENT],
      ['ok', 'Default'],
      ['noB', 'Unmasked'],
      ['junk', 1],
    ],
  },
  windowsOptions: {
    other: [
      ['ok', ABSENT],
      ['ok', { hostProcess: false, runAsUserName: 'ContainerUser' }],
      ['noB', { hostProcess: true }],
      ['junk', { hostProcess: 'true' }],
    ],
  },
  readOnlyRootFilesystem: {
    other: [
      ['ok', ABSENT],
      ['ok', true],
    ],
  },
  // The API server decodes JSON case-sensitively: these keys set nothing.
  Privileged: {
    other: [
      ['ok', ABSENT],
      ['ok', true],
    ],
  },
  AllowPrivilegeEscalation: {
    other: [
      ['ok', ABSENT],
      ['ok', true],
    ],
  },
};

const PORTS: readonly Opt[] = [
  ['ok', ABSENT],
  ['ok', [{ containerPort: 8080 }]],
  ['ok', [{ containerPort: 80, hostPort: 0 }]],
  ['noB', [{ containerPort: 80, hostPort: 80 }]],
  ['noB', [{ containerPort: 53, hostPort: 53, protocol: 'UDP' }]],
  ['junk', [{ containerPort: 80, hostPort: '80' }]],
];

// ---- the key's rules: images, resources, service accounts, guarded fields ----------------------

export const IMAGES = [
  'busybox:1.36',
  'registry.k8s.io/pause:3.10',
  '123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1.0',
  'docker.io/library/busybox:latest',
  'evil.example.com/miner:6.6.6',
  'busybox',
  // Lookalikes: another registry whose path spells the allowed one, a registry named busybox.
  '123456789012.dkr.ecr.x.evil.io/.amazonaws.com/y',
  'busybox:443/miner',
] as const;

/** Quantities the generator uses, with their values in cores or bytes (independent of src/shared/kube). */
export const QUANTITY: Record<string, number> = {
  '100m': 0.1,
  '500m': 0.5,
  '1': 1,
  '2': 2,
  '2.5': 2.5,
  '4': 4,
  '64Mi': 64 * 2 ** 20,
  '256Mi': 256 * 2 ** 20,
  '512Mi': 512 * 2 ** 20,
  '1Gi': 2 ** 30,
  '1024Mi': 2 ** 30,
  '1025Mi': 1025 * 2 ** 20,
  '1G': 1e9,
  '2Gi': 2 * 2 ** 30,
};

const RESOURCES: readonly unknown[] = [
  ABSENT,
  { limits: { cpu: '500m', memory: '256Mi' } },
  { requests: { cpu: '100m' }, limits: { cpu: '1', memory: '512Mi' } },
  { limits: { cpu: '2', memory: '1Gi' } },
  { limits: { cpu: '2', memory: '1024Mi' }, requests: { memory: '1G' } },
  { limits: { cpu: '4', memory: '1Gi' } },
  { limits: { cpu: '2.5', memory: '64Mi' } },
  { requests: { memory: '2Gi' }, limits: { cpu: '1', memory: '1Gi' } },
  { limits: { cpu: '1', memory: '1025Mi' } },
  { requests: { cpu: '100m', memory: '64Mi' } },
  { limits: { memory: '512Mi' } },
  { limits: { cpu: 'lots', memory: '1Gi' } },
  { limits: { cpu: 1, memory: '256Mi' } },
  { limits: { cpu: 4, memory: '256Mi' } },
  {},
];

const SERVICE_ACCOUNTS = ['default', 'ci-runner', 'cluster-admin', 'ci-deploy'] as const;

const weighted = (absentWeight: number, ...values: unknown[]) =>
  fc.oneof(
    { arbitrary: fc.constant<unknown>(ABSENT), weight: absentWeight },
    { arbitrary: fc.constantFrom(...values), weight: 1 },
  );

const NODE_AFFINITY = {
  nodeAffinity: {
    requiredDuringSchedulingIgnoredDuringExecution: {
      nodeSelectorTerms: [
        { matchExpressions: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists' }] },
      ],
    },
  },
};
const OWNER = [{ apiVersion: 'v1', kind: 'Node', name: 'n1', uid: '00000000-0000-0000-0000-000000000001' }];

/** Every field absent: most pods set none of the key-policy fields, so that many requests pass. */
function mostlyNone<T extends Record<string, unknown>>(
  arb: fc.Arbitrary<T>,
  keys: readonly string[],
): fc.Arbitrary<T> {
  const none = Object.fromEntries(keys.map((k) => [k, ABSENT])) as T;
  return fc.oneof({ arbitrary: fc.constant(none), weight: 3 }, { arbitrary: arb, weight: 1 });
}

/** The key-policy fields of a pod. */
const podExtras = mostlyNone(
  fc.record({
    serviceAccountName: weighted(2, ...SERVICE_ACCOUNTS, ''),
    serviceAccount: weighted(6, 'default', 'kube-admin'),
    nodeName: weighted(4, '', 'ip-10-0-0-1.ec2.internal'),
    nodeSelector: weighted(4, {}, { 'kubernetes.io/hostname': 'n1' }),
    affinity: weighted(4, {}, NODE_AFFINITY),
    tolerations: weighted(4, [], [{ operator: 'Exists' }]),
    priorityClassName: weighted(4, '', 'system-node-critical'),
  }),
  [
    'serviceAccountName',
    'serviceAccount',
    'nodeName',
    'nodeSelector',
    'affinity',
    'tolerations',
    'priorityClassName',
  ],
);
const metaExtras = mostlyNone(
  fc.record({
    ownerReferences: weighted(2, [], OWNER),
    finalizers: weighted(2, [], ['example.com/keep']),
  }),
  ['ownerReferences', 'finalizers'],
);

function assign(target: Json, fields: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(fields)) if (v !== ABSENT) target[k] = v;
}

// ---- containers and pods ----------------------------------------------------------------------

type Built = { value: Json; acc: Acc };

function containerArb(mode: Mode, name: string, image: fc.Arbitrary<string>): fc.Arbitrary<Built> {
  const fields = Object.fromEntries(
    Object.entries(CONTAINER_SC).map(([k, spec]) => [
      k,
      pick(mode, mode === 'restricted' && spec.restricted ? spec.restricted : spec.other, 3),
    ]),
  );
  const whole = pick(
    mode,
    [
      ['ok', 'fields'],
      ['noR', ABSENT],
      ['noR', null],
      ['junk', 'privileged'],
      ['junk', []],
    ] as const,
    12,
  );
  return fc
    .record({
      sc: fc.record(fields),
      whole,
      ports: pick(mode, PORTS, 4),
      image,
      resources: fc.oneof(
        { arbitrary: fc.constant(ABSENT), weight: 3 },
        { arbitrary: fc.constantFrom(...RESOURCES), weight: 2 },
      ),
    })
    .map(({ sc, whole, ports, image, resources }) => {
      const acc = new Acc();
      const c: Json = { name, image, command: ['sh', '-c', 'echo hi'] };
      if (whole[1] === 'fields') {
        const ctx: Json = {};
        for (const [k, opt] of Object.entries(sc))
          acc.put(ctx, k, opt as Opt, `${name}.securityContext.${k}`);
        c.securityContext = ctx;
      } else {
        acc.put(
          c,
          'securityContext',
          whole,
          `${name}.securityContext=${JSON.stringify(whole[1] ?? 'absent')}`,
        );
      }
      acc.put(c, 'ports', ports, `${name}.ports`);
      if (resources !== ABSENT) c.resources = resources;
      return { value: c, acc };
    });
}

const POD_SC: Record<string, { other: readonly Opt[]; restricted?: readonly Opt[] }> = {
  runAsNonRoot: {
    restricted: [['ok', true]],
    other: [
      ['base', ABSENT],
      ['ok', true],
      ['noR', false],
      ['junk', 'true'],
    ],
  },
  seccompProfile: {
    restricted: [
      ['ok', { type: 'RuntimeDefault' }],
      ['ok', { type: 'Localhost', localhostProfile: 'profiles/audit.json' }],
    ],
    other: [
      ['base', ABSENT],
      ['ok', { type: 'RuntimeDefault' }],
      ['noB', { type: 'Unconfined' }],
      ['junk', 'Unconfined'],
    ],
  },
  runAsUser: {
    other: [
      ['ok', ABSENT],
      ['ok', 1000],
      ['noR', 0],
      ['junk', -1.5],
    ],
  },
  appArmorProfile: {
    other: [
      ['ok', ABSENT],
      ['ok', { type: 'RuntimeDefault' }],
      ['noB', { type: 'Unconfined' }],
    ],
  },
  seLinuxOptions: {
    other: [
      ['ok', ABSENT],
      ['ok', { type: 'container_init_t' }],
      ['noB', { type: 'unconfined_t' }],
      ['noB', { user: 'root' }],
    ],
  },
  sysctls: {
    other: [
      ['ok', ABSENT],
      [
        'ok',
        [
          { name: 'kernel.shm_rmid_forced', value: '1' },
          { name: 'net.ipv4.ip_local_port_range', value: '1024 65000' },
        ],
      ],
      ['noB', [{ name: 'kernel.msgmax', value: '65536' }]],
      [
        'noB',
        [
          { name: 'net.ipv4.tcp_syncookies', value: '1' },
          { name: 'net.core.somaxconn', value: '1024' },
        ],
      ],
      ['junk', [{ name: 5, value: '1' }]],
      ['junk', 'kernel.msgmax'],
    ],
  },
  windowsOptions: {
    other: [
      ['ok', ABSENT],
      ['noB', { hostProcess: true }],
    ],
  },
  fsGroup: {
    other: [
      ['ok', ABSENT],
      ['ok', 2000],
    ],
  },
};

const HOST_NS: readonly Opt[] = [
  ['ok', ABSENT],
  ['ok', false],
  ['noB', true],
  ['junk', 'true'],
];

const VOLUMES: readonly Opt[] = [
  ['ok', { emptyDir: {} }],
  ['ok', { configMap: { name: 'cm' } }],
  ['ok', { secret: { secretName: 's' } }],
  ['ok', { projected: { sources: [] } }],
  ['ok', { persistentVolumeClaim: { claimName: 'data' } }],
  ['ok', { csi: { driver: 'secrets-store.csi.k8s.io' } }],
  ['ok', { hostPath: null, emptyDir: {} }],
  ['noR', { nfs: { server: 'nfs.example.com', path: '/' } }],
  ['noR', { gitRepo: { repository: 'https://example.com/r.git' } }],
  ['noB', { hostPath: { path: '/' } }],
  ['noB', { hostPath: { path: '/var/run/docker.sock', type: 'Socket' } }],
  ['junk', { hostPath: '/' }],
];

const AA = 'container.apparmor.security.beta.kubernetes.io/';

/** Lists written as something else, as a hurried client would; none is a list Kubernetes can decode. */
const UNSENDABLE: ReadonlyArray<[string, (spec: Json) => void]> = [
  ['env as a map', (spec) => Object.assign((spec.containers as Json[])[0]!, { env: { A: '1' } })],
  ['args as a number', (spec) => Object.assign((spec.containers as Json[])[0]!, { args: 5 })],
  [
    'volumeMounts as one mount',
    (spec) =>
      Object.assign((spec.containers as Json[])[0]!, { volumeMounts: { name: 'v0', mountPath: '/data' } }),
  ],
  [
    'imagePullSecrets as one secret',
    (spec) => Object.assign(spec, { imagePullSecrets: { name: 'regcred' } }),
  ],
  ['tolerations as one toleration', (spec) => Object.assign(spec, { tolerations: { operator: 'Exists' } })],
  ['ports as a boolean', (spec) => Object.assign((spec.containers as Json[])[0]!, { ports: true })],
];

function annotationOpts(names: string[]): Opt[] {
  const n = names[0] ?? 'c0';
  return [
    ['ok', ['example.com/team', 'a']],
    ['ok', [AA + n, 'runtime/default']],
    ['ok', [AA + n, 'localhost/k8s-apparmor-example']],
    ['noB', [AA + n, 'unconfined']],
    ['noB', [`${AA}ghost`, 'unconfined']],
    // Kubernetes 1.19+ Pod Security no longer reads the seccomp annotations.
    ['ok', ['seccomp.security.alpha.kubernetes.io/pod', 'unconfined']],
    ['ok', [`container.seccomp.security.alpha.kubernetes.io/${n}`, 'unconfined']],
    ['junk', [AA + n, 5]],
  ];
}

/** An image: mostly one of `preferred` (those the key may run), else any. */
function imageArb(preferred: readonly string[]): fc.Arbitrary<string> {
  if (preferred.length === 0) return fc.constantFrom(...IMAGES);
  return fc.oneof(
    { arbitrary: fc.constantFrom(...preferred), weight: 3 },
    { arbitrary: fc.constantFrom(...IMAGES), weight: 1 },
  );
}

function imageChoice(preferred: readonly string[]): fc.Arbitrary<fc.Arbitrary<string>> {
  // Mostly one image for the whole pod, else each container its own.
  return fc.oneof(
    { arbitrary: imageArb(preferred).map((i) => fc.constant<string>(i)), weight: 3 },
    { arbitrary: fc.constant(imageArb(preferred)), weight: 1 },
  );
}

const names = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

function podArb(
  mode: Mode,
  preferred: readonly string[],
): fc.Arbitrary<{ metadata: Json; spec: Json; acc: Acc }> {
  return fc
    .record({
      counts: fc.record({
        containers: fc.integer({ min: 1, max: 3 }),
        init: fc.oneof(
          { arbitrary: fc.constant(0), weight: 2 },
          { arbitrary: fc.integer({ min: 1, max: 2 }), weight: 1 },
        ),
        ephemeral: fc.oneof(
          { arbitrary: fc.constant(0), weight: 5 },
          { arbitrary: fc.constant(1), weight: 1 },
        ),
      }),
      image: imageChoice(preferred),
    })
    .chain(({ counts, image }) => {
      const cNames = names('c', counts.containers);
      const iNames = names('i', counts.init);
      const eNames = names('e', counts.ephemeral);
      const list = (ns: string[]) => fc.tuple(...ns.map((n) => containerArb(mode, n, image)));
      const podSc = Object.fromEntries(
        Object.entries(POD_SC).map(([k, spec]) => [
          k,
          pick(mode, mode === 'restricted' && spec.restricted ? spec.restricted : spec.other, 3),
        ]),
      );
      return fc.record({
        containers: list(cNames),
        init: counts.init ? list(iNames) : fc.constant([] as Built[]),
        ephemeral: counts.ephemeral ? list(eNames) : fc.constant([] as Built[]),
        podSc: fc.record(podSc),
        podScWhole: pick(
          mode,
          [
            ['ok', 'fields'],
            ['base', ABSENT],
            ['junk', 'root'],
          ] as const,
          10,
        ),
        hostNetwork: pick(mode, HOST_NS, 6),
        hostPID: pick(mode, HOST_NS, 6),
        hostIPC: pick(mode, HOST_NS, 6),
        hostUsers: pick(
          mode,
          [
            ['ok', ABSENT],
            ['ok', false],
            ['ok', true],
            ['junk', 'false'],
          ],
          6,
        ),
        os: pick(
          mode,
          [
            ['ok', ABSENT],
            ['ok', { name: 'linux' }],
            ['ok', { name: 'windows' }],
          ],
          4,
        ),
        volumes:
          mode === 'any'
            ? fc.oneof(
                { arbitrary: fc.array(pick(mode, VOLUMES, 1), { maxLength: 3 }), weight: 12 },
                { arbitrary: fc.constant(null), weight: 1 },
              )
            : fc.array(pick(mode, VOLUMES, 1), { maxLength: 3 }),
        annotations: fc.array(pick(mode, annotationOpts([...iNames, ...cNames]), 1), { maxLength: 2 }),
        restartPolicy: fc.constantFrom('Never', 'OnFailure'),
        unsendable:
          mode === 'any'
            ? fc.oneof(
                { arbitrary: fc.constant(undefined), weight: 8 },
                { arbitrary: fc.constantFrom(...UNSENDABLE), weight: 1 },
              )
            : fc.constant(undefined),
        extras: podExtras,
        templateMeta: metaExtras,
      });
    })
    .map((p) => {
      const acc = new Acc();
      const spec: Json = { restartPolicy: p.restartPolicy };
      const take = (key: string, built: Built[]) => {
        if (built.length === 0) return;
        spec[key] = built.map((b) => b.value);
        for (const b of built) acc.hazards.push(...b.acc.hazards);
      };
      take('initContainers', p.init);
      take('containers', p.containers);
      take('ephemeralContainers', p.ephemeral);
      if (p.podScWhole[1] === 'fields') {
        const ctx: Json = {};
        for (const [k, opt] of Object.entries(p.podSc))
          acc.put(ctx, k, opt as Opt, `pod.securityContext.${k}`);
        spec.securityContext = ctx;
      } else {
        acc.put(spec, 'securityContext', p.podScWhole, 'pod.securityContext');
      }
      acc.put(spec, 'hostNetwork', p.hostNetwork, 'hostNetwork');
      acc.put(spec, 'hostPID', p.hostPID, 'hostPID');
      acc.put(spec, 'hostIPC', p.hostIPC, 'hostIPC');
      acc.put(spec, 'hostUsers', p.hostUsers, 'hostUsers');
      acc.put(spec, 'os', p.os, 'os');
      if (p.volumes === null) {
        spec.volumes = { name: 'v0', hostPath: { path: '/' } };
        acc.note('junk', 'volumes is an object');
        acc.unsendable = 'volumes as one volume';
      } else if (p.volumes.length > 0) {
        spec.volumes = p.volumes.map(([cls, v], i) => {
          acc.note(cls, `volume v${i} ${JSON.stringify(v)}`);
          return { name: `v${i}`, ...(v as Json) };
        });
      }
      assign(spec, p.extras);
      if (p.unsendable) {
        // After the extras: a list-typed field written as one item wins over the extras' value.
        p.unsendable[1](spec);
        acc.unsendable = p.unsendable[0];
        if (p.unsendable[0] === 'ports as a boolean') acc.note('junk', 'ports as a boolean');
      }
      const metadata: Json = { labels: { app: 'hostile' } };
      if (p.annotations.length > 0) {
        // The same key twice: the last value is the one the pod gets, and the one classed.
        const byKey = new Map<string, [Cls, unknown]>();
        for (const [cls, kv] of p.annotations) {
          const [k, v] = kv as [string, unknown];
          byKey.set(k, [cls, v]);
        }
        const annotations: Json = {};
        for (const [k, [cls, v]] of byKey) {
          annotations[k] = v;
          acc.note(cls, `annotation ${k}=${String(v)}`);
        }
        metadata.annotations = annotations;
      }
      assign(metadata, p.templateMeta);
      return { metadata, spec, acc };
    });
}

function manifestArb(mode: Mode, namespace: string, o: BodyOptions): fc.Arbitrary<GeneratedJob> {
  // Items of one batch may not name the same Job: in a batch every name is drawn.
  const nameChoices: Array<{ generateName: string } | { name: string }> = [
    { generateName: 'hps-' },
    { generateName: 'hostile-pod-' },
    ...(o.inBatch ? [] : [{ name: 'hps-fixed' }]),
  ];
  return fc
    .record({
      pod: podArb(mode, o.images),
      jobMeta: metaExtras,
      nsInManifest: fc.boolean(),
      name: fc.constantFrom(...nameChoices),
    })
    .map(({ pod, jobMeta, nsInManifest, name }) => {
      const metadata: Json = { ...name, labels: { suite: 'hostile-pod-specs' } };
      if (nsInManifest) metadata.namespace = namespace;
      assign(metadata, jobMeta);
      return {
        form: 'manifest',
        wellFormed: true,
        hazards: pod.acc.hazards,
        ...(mode === 'any' ? {} : { clean: mode }),
        ...(pod.acc.unsendable ? { unsendable: pod.acc.unsendable } : {}),
        body: {
          apiVersion: 'batch/v1',
          kind: 'Job',
          metadata,
          spec: { backoffLimit: 0, template: { metadata: pod.metadata, spec: pod.spec } },
        },
      } satisfies GeneratedJob;
    });
}

const SHORT_RESOURCES: readonly unknown[] = [
  ABSENT,
  { limits: { cpu: '500m', memory: '256Mi' } },
  { requests: { cpu: '100m' } },
  { limits: { cpu: '4', memory: '2Gi' } },
  { limits: { memory: '512Mi' } },
];

const shortArb = (o: BodyOptions): fc.Arbitrary<GeneratedJob> =>
  fc
    .record({
      image: imageArb(o.images),
      command: weighted(1, ['sh', '-c', 'echo hi'], ['true']),
      resources: fc.constantFrom(...SHORT_RESOURCES),
      serviceAccountName: weighted(3, ...SERVICE_ACCOUNTS),
      // On the Job, not its pods: Pod Security does not read them.
      annotations: weighted(3, { [`${AA}main`]: 'unconfined' }, { note: 'x' }),
      env: weighted(3, { A: '1' }, [{ name: 'B', value: '2' }]),
    })
    .map((f) => {
      const body: Json = { generateName: 'hps-short-', labels: { suite: 'hostile-pod-specs' } };
      assign(body, f);
      return { form: 'short', wellFormed: true, hazards: [], body } satisfies GeneratedJob;
    });

/** Bodies the schema or the name rules refuse (or that smuggle fields), sometimes dressed as a manifest. */
function garbageArb(namespace: string): fc.Arbitrary<GeneratedJob> {
  const container = { name: 'c', image: 'busybox:1.36' };
  const manifest = (spec: unknown, extra: Json = {}) => ({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { generateName: 'hps-g-' },
    spec: { template: { spec } },
    ...extra,
  });
  const bodies: unknown[] = [
    'privileged',
    42,
    null,
    [],
    [manifest({ restartPolicy: 'Never', containers: [container] })],
    manifest({ restartPolicy: 'Never', containers: {} }),
    manifest({ restartPolicy: 'Never', containers: [] }),
    manifest({ restartPolicy: 'Never', containers: 'busybox' }),
    manifest({ restartPolicy: 'Never', containers: [{ name: 'c' }] }),
    manifest({ restartPolicy: 'Never', containers: [{ name: 'c', image: 5 }] }),
    manifest({ restartPolicy: 'Never', containers: [null] }),
    manifest({ restartPolicy: 'Always', containers: [container], hostPID: true }),
    manifest('hostNetwork'),
    manifest(null),
    manifest([{ hostNetwork: true }]),
    manifest({ restartPolicy: 'Never', containers: [container] }, { kind: 'Pod' }),
    manifest({ restartPolicy: 'Never', containers: [container] }, { apiVersion: 'batch/v2' }),
    manifest({ restartPolicy: 'Never', containers: [container] }, { metadata: null }),
    manifest({ restartPolicy: 'Never', containers: [container] }, { metadata: { name: 'UPPER' } }),
    manifest(
      { restartPolicy: 'Never', containers: [container] },
      { metadata: { generateName: 'g-', namespace: 'kube-system' } },
    ),
    {
      ...manifest({ restartPolicy: 'Never', containers: [container] }),
      spec: {
        template: {
          metadata: { labels: { bad: 5 } },
          spec: { restartPolicy: 'Never', containers: [container] },
        },
      },
    },
    {
      ...manifest({ restartPolicy: 'Never', containers: [container] }),
      spec: {
        template: { metadata: 'privileged', spec: { restartPolicy: 'Never', containers: [container] } },
      },
    },
    { ...manifest({ restartPolicy: 'Never', containers: [container] }), spec: { template: [] } },
    // The short form takes no pod fields: smuggled ones are refused, not dropped.
    { generateName: 'hps-', image: 'busybox', securityContext: { privileged: true } },
    { generateName: 'hps-', image: 'busybox', hostNetwork: true },
    { generateName: 'hps-', image: 'busybox', volumes: [{ name: 'h', hostPath: { path: '/' } }] },
    { generateName: 'hps-', image: 'busybox', spec: { template: { spec: { hostPID: true } } } },
    { generateName: 'hps-', image: '' },
    { generateName: 'hps-', image: 5 },
    { generateName: 'hps-', image: 'busybox', serviceAccountName: '' },
    { generateName: 'hps-', image: 'busybox', serviceAccountName: 7 },
    { generateName: 'hps-', image: 'busybox', resources: { cpu: '1' } },
    { generateName: 'hps-', image: 'busybox', resources: { limits: { cpu: 4 } } },
    { generateName: 'hps-', image: ['busybox'] },
    { name: 'x'.repeat(70), image: 'busybox' },
    { image: 'busybox' },
    // Own `__proto__` keys, as JSON.parse makes them: Kubernetes ignores the unknown field.
    JSON.parse(
      '{"apiVersion":"batch/v1","kind":"Job","metadata":{"generateName":"hps-p-"},"spec":{"template":{"spec":{"restartPolicy":"Never","containers":[{"name":"c","image":"busybox:1.36","securityContext":{"__proto__":{"privileged":true}}}],"__proto__":{"hostNetwork":true}}}}}',
    ),
    JSON.parse(
      `{"apiVersion":"batch/v1","kind":"Job","metadata":{"generateName":"hps-p-","namespace":"${namespace}"},"spec":{"template":{"__proto__":{"spec":{"hostPID":true}},"spec":{"restartPolicy":"Never","containers":[{"name":"c","image":"busybox:1.36"}]}}}}`,
    ),
  ];
  return fc
    .constantFrom(...bodies)
    .map((body) => ({ form: 'garbage', wellFormed: false, hazards: [], body }));
}

/** A Job create body for `namespace`: short form, a manifest (restricted-clean, baseline-clean or anything), or garbage. */
export interface BodyOptions {
  /** Images to use most of the time (those the key may run); empty: any. */
  images: readonly string[];
  /** For a batch item: names are drawn (`generateName`), and garbage is rarer. */
  inBatch?: boolean;
}

export function jobBodyArb(namespace: string, o: BodyOptions): fc.Arbitrary<GeneratedJob> {
  return fc.oneof(
    { arbitrary: shortArb(o), weight: 9 },
    { arbitrary: manifestArb('restricted', namespace, o), weight: 12 },
    { arbitrary: manifestArb('baseline', namespace, o), weight: 6 },
    { arbitrary: manifestArb('any', namespace, o), weight: 9 },
    { arbitrary: garbageArb(namespace), weight: o.inBatch ? 1 : 3 },
  );
}

/** The seed route's body (`POST /api/eks-create-job`): the short form with snake-case names. */
export function seedBodyArb(namespace: string, o: BodyOptions): fc.Arbitrary<GeneratedJob> {
  return fc
    .record({
      image: imageArb(o.images),
      command: fc.constantFrom<unknown>('echo hi', ['true'], ABSENT),
      garbage: fc.oneof(
        { arbitrary: fc.constant<Json | undefined>(undefined), weight: 8 },
        {
          arbitrary: fc.constantFrom<Json>({ securityContext: { privileged: true } }, { image: 5 }),
          weight: 1,
        },
      ),
    })
    .map(({ image, command, garbage }) => {
      const body: Json = {
        namespace,
        generate_name: 'hps-seed-',
        image,
        labels: { suite: 'hostile-pod-specs' },
      };
      assign(body, { command });
      if (garbage) Object.assign(body, garbage);
      // The seed body is not strict: an unknown field is dropped (securityContext is not a pod field there).
      const wellFormed = !garbage || !('image' in garbage);
      return { form: 'short', wellFormed, hazards: [], body } satisfies GeneratedJob;
    });
}

// ---- the oracle of the key's rules ------------------------------------------------------------

/** A key's policy as docs/policy.md states it, written out apart from src/shared/api-keys. */
export interface KeyRules {
  level: Level;
  /** Image globs, `*` spanning `/` only after the registry part; undefined: any image. */
  images?: string[];
  serviceAccounts: string[];
  allow: ReadonlySet<string>;
  defaultResources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  maxResources?: Record<string, string>;
}

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const own = (o: unknown, k: string): unknown => (isObj(o) && Object.hasOwn(o, k) ? o[k] : undefined);

/** The generator's images a key may run. */
export function imagesFor(rules: KeyRules): string[] {
  return rules.images ? IMAGES.filter((i) => rules.images!.some((g) => imageGlob(g, i))) : [];
}

/** docs/policy.md: in the first segment (the registry, or all of a slash-free pattern) `*` stops at `/`. */
function imageGlob(pattern: string, image: string): boolean {
  const at = pattern.indexOf('/');
  if (at < 0) return glob(pattern, image, '[^/]*');
  const [head, rest] = [pattern.slice(0, at), pattern.slice(at + 1)];
  const cut = image.indexOf('/');
  return cut >= 0 && glob(head, image.slice(0, cut), '[^/]*') && glob(rest, image.slice(cut + 1), '.*');
}

function glob(pattern: string, value: string, star: string): boolean {
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, star)
    .replace(/\?/g, '.');
  return new RegExp(`^${re}$`, 's').test(value);
}

function quantity(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  return typeof v === 'string' ? QUANTITY[v] : undefined;
}

/** Whether a pod field counts as set: not absent, null, '' or an empty list or map. */
function isSet(v: unknown): boolean {
  if (v === undefined || v === null || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (isObj(v)) return Object.keys(v).length > 0;
  return true;
}

/** The checks of the key's own rules a Job breaks (`images`, `serviceAccounts`, `nodeName`, …, `maxResources`). */
export function keyRuleChecks(rules: KeyRules, t: Template): Set<string> {
  const out = new Set<string>();
  const spec = isObj(t.podSpec) ? t.podSpec : {};
  const containers = ['initContainers', 'containers', 'ephemeralContainers'].flatMap((l) => {
    const v = own(spec, l);
    return Array.isArray(v) ? v.filter(isObj) : [];
  });
  if (rules.images) {
    for (const c of containers) {
      const image = typeof c.image === 'string' ? c.image : '';
      if (!rules.images.some((g) => imageGlob(g, image))) out.add('images');
    }
  }
  for (const field of ['serviceAccountName', 'serviceAccount']) {
    const v = own(spec, field);
    if (v === undefined || v === '') continue;
    if (typeof v !== 'string' || !rules.serviceAccounts.some((g) => glob(g, v, '[^/]*')))
      out.add('serviceAccounts');
  }
  for (const field of ['nodeName', 'nodeSelector', 'affinity', 'tolerations', 'priorityClassName']) {
    if (isSet(own(spec, field)) && !rules.allow.has(field)) out.add(field);
  }
  for (const meta of [t.jobMetadata, t.podMetadata]) {
    for (const field of ['ownerReferences', 'finalizers']) {
      const v = own(meta, field);
      const set = Array.isArray(v) ? v.length > 0 : v !== undefined && v !== null;
      if (set && !rules.allow.has(field)) out.add(field);
    }
  }
  if (rules.maxResources) {
    for (const c of containers) {
      const resources = isObj(c.resources) ? c.resources : {};
      for (const kind of ['requests', 'limits'] as const) {
        // The key's defaults stand in for a kind the container does not set (as a LimitRange would).
        const given = isObj(resources[kind]) ? (resources[kind] as Json) : rules.defaultResources?.[kind];
        for (const [resource, max] of Object.entries(rules.maxResources)) {
          const v = given?.[resource];
          if (v === undefined) {
            if (kind === 'limits') out.add('maxResources');
            continue;
          }
          const q = quantity(v);
          if (q === undefined || q > quantity(max)!) out.add('maxResources');
        }
      }
    }
  }
  return out;
}

/** The pod template (and Job metadata) a create body makes; undefined when it makes none. */
export function templateOf(form: GeneratedJob['form'], body: unknown): Template | undefined {
  if (!isObj(body)) return undefined;
  if (form === 'short' || (form === 'garbage' && own(body, 'kind') === undefined)) {
    // docs/architecture.md §4: one container `main`; the Job's annotations stay on the Job.
    const container: Json = { name: 'main', image: own(body, 'image') };
    for (const k of ['command', 'args', 'resources'])
      if (own(body, k) !== undefined) container[k] = own(body, k);
    const spec: Json = { restartPolicy: 'Never', containers: [container] };
    const sa = own(body, 'serviceAccountName');
    if (sa) spec.serviceAccountName = sa;
    return { jobMetadata: {}, podMetadata: { labels: own(body, 'labels') }, podSpec: spec };
  }
  const template = own(own(body, 'spec'), 'template');
  return {
    jobMetadata: own(body, 'metadata'),
    podMetadata: own(template, 'metadata'),
    podSpec: own(template, 'spec'),
  };
}
