import { request } from 'node:https';
import { ApiException, type BatchV1Api, type CoreV1Api, type V1Job } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Namespace, Pod } from '../../src/devcluster/index.js';
import { admitPod } from '../../src/devcluster/pod-security.js';
import { addWarning } from '../../src/devcluster/warnings.js';
import { clientsFor, type DevCluster, startTestDevCluster } from '../support/devcluster.js';
import { type ClientHome, kubectl, makeClientHome } from '../support/real-clients.js';
import { waitFor } from '../support/wait-for.js';

let cluster: DevCluster;
let core: CoreV1Api;
let batch: BatchV1Api;
let seq = 0;

beforeAll(async () => {
  cluster = await startTestDevCluster({ timeScale: 0.01 });
  ({ core, batch } = clientsFor(cluster));
});
afterAll(() => cluster.stop());

const P = 'pod-security.kubernetes.io/';

async function namespace(labels: Record<string, string> = {}): Promise<string> {
  const name = `psa-${++seq}`;
  await core.createNamespace({ body: { metadata: { name, labels } } });
  return name;
}

type SecurityContext = Record<string, unknown>;

/** A Job with one container `c` running `echo hi`; `sc` its securityContext, `podSc` the pod's. */
function job(name: string, sc?: SecurityContext, podSc?: SecurityContext, parallelism?: number): V1Job {
  return {
    metadata: { name },
    spec: {
      ...(parallelism ? { parallelism, completions: parallelism } : {}),
      template: {
        spec: {
          restartPolicy: 'Never',
          ...(podSc ? { securityContext: podSc } : {}),
          containers: [
            {
              name: 'c',
              image: 'busybox',
              command: ['sh', '-c', 'echo hi'],
              ...(sc ? { securityContext: sc } : {}),
            },
          ],
        },
      },
    },
  };
}

const PRIVILEGED: SecurityContext = { privileged: true };
/** What the restricted level asks of a container and of its pod. */
const RESTRICTED_SC: SecurityContext = { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } };
const RESTRICTED_POD_SC: SecurityContext = { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } };

/** PSA's detail for container `c` without any securityContext at restricted (the real server's text). */
const PLAIN_AT_RESTRICTED =
  'allowPrivilegeEscalation != false (container "c" must set securityContext.allowPrivilegeEscalation=false), ' +
  'unrestricted capabilities (container "c" must set securityContext.capabilities.drop=["ALL"]), ' +
  'runAsNonRoot != true (pod or container "c" must set securityContext.runAsNonRoot=true), ' +
  'seccompProfile (pod or container "c" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")';
const PRIVILEGED_DETAIL = 'privileged (container "c" must not set securityContext.privileged=true)';

/** The Warning header value the API server writes for `text` (NewWarningHeader: `"` and `\` escaped). */
function warningHeader(text: string): string {
  return `299 - "${text.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

/** A request with a raw JSON body (client-node would reorder fields and drop unknown ones). */
function raw(
  method: string,
  path: string,
  body: unknown,
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${cluster.url}${path}`,
      {
        method,
        ca: cluster.caPem,
        headers: { Authorization: `Bearer ${cluster.token}`, 'Content-Type': 'application/json' },
      },
      (r) => {
        let text = '';
        r.on('data', (c: Buffer) => {
          text += c.toString();
        });
        r.on('end', () => resolve({ status: r.statusCode ?? 0, headers: r.headers, body: text }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

async function failure(p: Promise<unknown>): Promise<{ code: number; status: Record<string, unknown> }> {
  try {
    await p;
  } catch (err) {
    if (!(err instanceof ApiException)) throw err;
    return { code: err.code, status: JSON.parse(err.body as string) as Record<string, unknown> };
  }
  throw new Error('expected the request to fail');
}

async function podsOf(ns: string, name: string) {
  return (
    await core.listNamespacedPod({ namespace: ns, labelSelector: `batch.kubernetes.io/job-name=${name}` })
  ).items;
}

/** Waits until the controller has synced the Job once (startTime is written by that sync). */
async function synced(ns: string, name: string): Promise<V1Job> {
  return waitFor(
    async () => {
      const j = await batch.readNamespacedJob({ namespace: ns, name });
      return j.status?.startTime ? j : undefined;
    },
    { message: `job ${ns}/${name} to be synced` },
  );
}

async function completed(ns: string, name: string): Promise<V1Job> {
  return waitFor(
    async () => {
      const j = await batch.readNamespacedJob({ namespace: ns, name });
      return j.status?.conditions?.some((c) => c.type === 'Complete' && c.status === 'True') ? j : undefined;
    },
    { message: `job ${ns}/${name} to complete` },
  );
}

describe('enforce: the Job controller’s pods', () => {
  it('refuses a privileged Job’s pods in a restricted namespace: no pods, the Job stays active without pods', async () => {
    const ns = await namespace({ [`${P}enforce`]: 'restricted' });
    await batch.createNamespacedJob({ namespace: ns, body: job('priv', PRIVILEGED, undefined, 3) });
    const j = await synced(ns, 'priv');
    // The sync that wrote startTime is the one that tried to create the pods.
    expect(await podsOf(ns, 'priv')).toHaveLength(0);
    expect(j.status?.active).toBeUndefined();
    expect(j.status).toMatchObject({ ready: 0, terminating: 0 });
    expect(j.status?.conditions ?? []).toEqual([]);

    // A compliant Job in the same namespace runs meanwhile; the privileged one, retried with the
    // controller's back-off all along, still has no pod and no condition.
    await batch.createNamespacedJob({ namespace: ns, body: job('ok', RESTRICTED_SC, RESTRICTED_POD_SC) });
    await completed(ns, 'ok');
    expect(await podsOf(ns, 'priv')).toHaveLength(0);
    const still = await batch.readNamespacedJob({ namespace: ns, name: 'priv' });
    expect(still.status?.active).toBeUndefined();
    expect(still.status?.conditions ?? []).toEqual([]);

    // Relaxing the namespace lets the next retry create the pods: the Job was never given up.
    await core.patchNamespace({
      name: ns,
      body: [
        { op: 'replace', path: '/metadata/labels/pod-security.kubernetes.io~1enforce', value: 'privileged' },
      ],
    });
    const done = await completed(ns, 'priv');
    expect(done.status?.succeeded).toBe(3);
  });

  it('refuses a pod create as the PodSecurity plugin does: 403, pods "<name>" is forbidden: violates PodSecurity …', async () => {
    const ns = await namespace({ [`${P}enforce`]: 'restricted' });
    const nsObj = cluster.store.get<Namespace>('namespaces', '', ns);
    const pod = (sc?: SecurityContext): Pod => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'priv-x7k2p', namespace: ns, generateName: 'priv-' },
      spec: {
        restartPolicy: 'Never',
        containers: [{ name: 'c', image: 'busybox', ...(sc ? { securityContext: sc } : {}) }],
      },
    });
    expect(admitPod(nsObj, pod(PRIVILEGED))).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `pods "priv-x7k2p" is forbidden: violates PodSecurity "restricted:latest": ${PRIVILEGED_DETAIL}, ${PLAIN_AT_RESTRICTED}`,
      reason: 'Forbidden',
      details: { name: 'priv-x7k2p', kind: 'pods' },
      code: 403,
    });
    expect(
      admitPod(nsObj, {
        ...pod(RESTRICTED_SC),
        spec: { ...pod(RESTRICTED_SC).spec, securityContext: RESTRICTED_POD_SC },
      }),
    ).toBeUndefined();
  });

  it('leaves a namespace without labels privileged: a privileged Job runs, with no warning', async () => {
    const ns = await namespace();
    const res = await batch.createNamespacedJobWithHttpInfo({ namespace: ns, body: job('priv', PRIVILEGED) });
    expect(res.httpStatusCode).toBe(201);
    expect(res.headers.warning).toBeUndefined();
    const done = await completed(ns, 'priv');
    expect(done.status?.succeeded).toBe(1);
  });

  it('enforces baseline: a privileged pod is refused, a plain one runs', async () => {
    const ns = await namespace({ [`${P}enforce`]: 'baseline' });
    await batch.createNamespacedJob({ namespace: ns, body: job('priv', PRIVILEGED) });
    await batch.createNamespacedJob({ namespace: ns, body: job('plain') });
    await completed(ns, 'plain');
    await synced(ns, 'priv');
    expect(await podsOf(ns, 'priv')).toHaveLength(0);
  });
});

describe('warn: the Warning header of Job writes', () => {
  it('answers a Job create in a restricted namespace with the exact warning, and stores the Job', async () => {
    const ns = await namespace({ [`${P}enforce`]: 'restricted' });
    const res = await batch.createNamespacedJobWithHttpInfo({ namespace: ns, body: job('plain') });
    expect(res.httpStatusCode).toBe(201);
    expect(res.headers.warning).toBe(
      '299 - "would violate PodSecurity \\"restricted:latest\\": allowPrivilegeEscalation != false (container \\"c\\" must set securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (container \\"c\\" must set securityContext.capabilities.drop=[\\"ALL\\"]), runAsNonRoot != true (pod or container \\"c\\" must set securityContext.runAsNonRoot=true), seccompProfile (pod or container \\"c\\" must set securityContext.seccompProfile.type to \\"RuntimeDefault\\" or \\"Localhost\\")"',
    );
    expect(res.data.metadata?.uid).toBeTruthy();
    await synced(ns, 'plain');
    expect(await podsOf(ns, 'plain')).toHaveLength(0);
  });

  it('warns on dryRun, PUT and PATCH too, not on a status write, and on the AlreadyExists answer', async () => {
    const ns = await namespace({ [`${P}enforce`]: 'restricted' });
    const want = warningHeader(`would violate PodSecurity "restricted:latest": ${PLAIN_AT_RESTRICTED}`);
    const dry = await batch.createNamespacedJobWithHttpInfo({ namespace: ns, body: job('j'), dryRun: 'All' });
    expect(dry.headers.warning).toBe(want);
    expect(cluster.store.get('jobs', ns, 'j')).toBeUndefined();

    const suspended = job('j');
    if (suspended.spec) suspended.spec.suspend = true;
    await batch.createNamespacedJob({ namespace: ns, body: suspended });
    const patched = await batch.patchNamespacedJobWithHttpInfo({
      namespace: ns,
      name: 'j',
      body: [{ op: 'replace', path: '/spec/parallelism', value: 2 }],
    });
    expect(patched.httpStatusCode).toBe(200);
    expect(patched.headers.warning).toBe(want);
    // PUT the object as stored (client-node's re-serialised template would not compare equal
    // to the devcluster's, which would refuse it as a change of the immutable template).
    const replaced = await raw(
      'PUT',
      `/apis/batch/v1/namespaces/${ns}/jobs/j`,
      cluster.store.get('jobs', ns, 'j'),
    );
    expect(replaced.status).toBe(200);
    expect(replaced.headers.warning).toBe(want);
    const dryPatch = await batch.patchNamespacedJobWithHttpInfo({
      namespace: ns,
      name: 'j',
      body: [{ op: 'replace', path: '/spec/parallelism', value: 3 }],
      dryRun: 'All',
    });
    expect(dryPatch.headers.warning).toBe(want);
    const status = await batch.replaceNamespacedJobStatusWithHttpInfo({
      namespace: ns,
      name: 'j',
      body: await batch.readNamespacedJob({ namespace: ns, name: 'j' }),
    });
    expect(status.headers.warning).toBeUndefined();

    // Admission runs before storage answers AlreadyExists; the warning stays on the 409.
    try {
      await batch.createNamespacedJob({ namespace: ns, body: job('j') });
      expect.unreachable('the create should answer 409');
    } catch (err) {
      if (!(err instanceof ApiException)) throw err;
      expect(err.code).toBe(409);
      expect((err.headers as Record<string, string>).warning).toBe(want);
    }
  });

  it('sends no warning for a compliant Job, which runs to completion', async () => {
    const ns = await namespace({ [`${P}enforce`]: 'restricted', [`${P}enforce-version`]: 'latest' });
    const res = await batch.createNamespacedJobWithHttpInfo({
      namespace: ns,
      body: job('ok', RESTRICTED_SC, RESTRICTED_POD_SC),
    });
    expect(res.headers.warning).toBeUndefined();
    const done = await completed(ns, 'ok');
    expect(done.status?.succeeded).toBe(1);
    expect(await podsOf(ns, 'ok')).toHaveLength(1);
  });

  it('warns at the warn level while enforce lets the pods run', async () => {
    const ns = await namespace({ [`${P}enforce`]: 'baseline', [`${P}warn`]: 'restricted' });
    const res = await batch.createNamespacedJobWithHttpInfo({ namespace: ns, body: job('plain') });
    expect(res.headers.warning).toBe(
      warningHeader(`would violate PodSecurity "restricted:latest": ${PLAIN_AT_RESTRICTED}`),
    );
    await completed(ns, 'plain');

    const warnOnly = await namespace({ [`${P}warn`]: 'baseline', [`${P}warn-version`]: 'v1.30' });
    const priv = await batch.createNamespacedJobWithHttpInfo({
      namespace: warnOnly,
      body: job('priv', PRIVILEGED),
    });
    expect(priv.headers.warning).toBe(
      warningHeader(`would violate PodSecurity "baseline:v1.30": ${PRIVILEGED_DETAIL}`),
    );
    await completed(warnOnly, 'priv');

    // warn=privileged set explicitly: no warning even though enforce refuses the pods.
    const silent = await namespace({ [`${P}enforce`]: 'baseline', [`${P}warn`]: 'privileged' });
    const quiet = await batch.createNamespacedJobWithHttpInfo({
      namespace: silent,
      body: job('priv', PRIVILEGED),
    });
    expect(quiet.headers.warning).toBeUndefined();
    await synced(silent, 'priv');
    expect(await podsOf(silent, 'priv')).toHaveLength(0);
  });

  it('adds the PodSecurity warning after the unknown-field warnings', async () => {
    const ns = await namespace({ [`${P}enforce`]: 'baseline' });
    const body = job('priv', PRIVILEGED);
    const res = await raw('POST', `/apis/batch/v1/namespaces/${ns}/jobs`, {
      ...body,
      spec: { ...body.spec, bogus: 1 },
    });
    expect(res.status).toBe(201);
    expect(res.headers.warning).toBe(
      `299 - "unknown field \\"spec.bogus\\"", ${warningHeader(`would violate PodSecurity "baseline:latest": ${PRIVILEGED_DETAIL}`)}`,
    );
  });
});

describe('enforce-version and label values', () => {
  it('accepts latest and v1.x, and names the version in warnings and refusals', async () => {
    for (const version of ['latest', 'v1.32', 'v1.0', 'v1.40']) {
      const ns = await namespace({ [`${P}enforce`]: 'restricted', [`${P}enforce-version`]: version });
      expect(
        cluster.store.get<Namespace>('namespaces', '', ns)?.metadata.labels?.[`${P}enforce-version`],
      ).toBe(version);
    }
    const ns = await namespace({ [`${P}enforce`]: 'baseline', [`${P}enforce-version`]: 'v1.25' });
    const res = await batch.createNamespacedJobWithHttpInfo({ namespace: ns, body: job('priv', PRIVILEGED) });
    expect(res.headers.warning).toBe(
      warningHeader(`would violate PodSecurity "baseline:v1.25": ${PRIVILEGED_DETAIL}`),
    );
    await synced(ns, 'priv');
    expect(await podsOf(ns, 'priv')).toHaveLength(0);
    const refusal = admitPod(cluster.store.get<Namespace>('namespaces', '', ns), {
      metadata: { name: 'p', namespace: ns },
      spec: { containers: [{ name: 'c', image: 'busybox', securityContext: PRIVILEGED }] },
    });
    expect(refusal?.message).toBe(
      `pods "p" is forbidden: violates PodSecurity "baseline:v1.25": ${PRIVILEGED_DETAIL}`,
    );
  });

  it('refuses a namespace create with an unparsable level or version: 422 with one cause per label', async () => {
    const one = await failure(
      core.createNamespace({
        body: { metadata: { name: 'psa-bad-1', labels: { [`${P}enforce-version`]: 'v2' } } },
      }),
    );
    expect(one.code).toBe(422);
    expect(one.status).toMatchObject({
      reason: 'Invalid',
      message:
        'Namespace "psa-bad-1" is invalid: metadata.labels[pod-security.kubernetes.io/enforce-version]: Invalid value: "v2": must be "latest" or "v1.x"',
      details: { name: 'psa-bad-1', kind: 'Namespace' },
    });
    const two = await failure(
      core.createNamespace({
        body: {
          metadata: { name: 'psa-bad-2', labels: { [`${P}enforce`]: 'strict', [`${P}warn`]: 'Baseline' } },
        },
      }),
    );
    expect(two.status.message).toBe(
      'Namespace "psa-bad-2" is invalid: [metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value: "strict": must be one of privileged, baseline, restricted, metadata.labels[pod-security.kubernetes.io/warn]: Invalid value: "Baseline": must be one of privileged, baseline, restricted]',
    );
    expect(cluster.store.get('namespaces', '', 'psa-bad-1')).toBeUndefined();
    expect(cluster.store.get('namespaces', '', 'psa-bad-2')).toBeUndefined();
  });

  it('refuses a namespace update that sets an unparsable label', async () => {
    const ns = await namespace({ [`${P}enforce`]: 'baseline' });
    const f = await failure(
      core.patchNamespace({
        name: ns,
        body: [
          { op: 'replace', path: '/metadata/labels/pod-security.kubernetes.io~1enforce', value: 'none' },
        ],
      }),
    );
    expect(f.code).toBe(422);
    expect(f.status.message).toBe(
      `Namespace "${ns}" is invalid: metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value: "none": must be one of privileged, baseline, restricted`,
    );
    expect(cluster.store.get<Namespace>('namespaces', '', ns)?.metadata.labels?.[`${P}enforce`]).toBe(
      'baseline',
    );
  });
});

describe('the Warning header recorder (apiserver filters/warning.go)', () => {
  it('escapes quotes and backslashes, writes a text once, and drops texts with control characters', () => {
    const h: Record<string, string> = {};
    addWarning(h, 'a "b" \\ c');
    addWarning(h, 'a "b" \\ c');
    addWarning(h, 'bad\nline');
    addWarning(h, '');
    addWarning(h, 'second');
    expect(h.Warning).toBe('299 - "a \\"b\\" \\\\ c", 299 - "second"');
  });

  it('cuts every warning to 256 runes once they pass 4096 runes in all', () => {
    const h: Record<string, string> = {};
    const long = (c: string) => c.repeat(3000);
    addWarning(h, long('x'));
    expect(h.Warning).toBe(`299 - "${long('x')}"`);
    addWarning(h, long('y'));
    expect(h.Warning).toBe(`299 - "${'x'.repeat(256)}", 299 - "${'y'.repeat(256)}"`);
    addWarning(h, 'short');
    expect(h.Warning).toBe(`299 - "${'x'.repeat(256)}", 299 - "${'y'.repeat(256)}", 299 - "short"`);
  });
});

describe('kubectl', () => {
  let home: ClientHome;

  beforeAll(() => {
    home = makeClientHome(cluster);
  });
  afterAll(() => home.remove());

  it('prints the warning of a Job create as "Warning: would violate PodSecurity …" and creates the Job', async () => {
    const ns = await namespace({ [`${P}enforce`]: 'restricted' });
    const manifest = home.file(
      'job.json',
      JSON.stringify({ apiVersion: 'batch/v1', kind: 'Job', ...job('from-kubectl') }),
    );
    const run = await kubectl(home, ['create', '-n', ns, '-f', manifest], { timeoutMs: 30_000 });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(
      `Warning: would violate PodSecurity "restricted:latest": ${PLAIN_AT_RESTRICTED}\n`,
    );
    expect(run.stdout).toBe('job.batch/from-kubectl created\n');
  });
});
