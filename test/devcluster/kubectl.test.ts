/**
 * Drives the real kubectl against the devcluster (own HOME and kubeconfig, verified HTTPS,
 * bearer token). Fails, never skips, when kubectl is missing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DevCluster, startTestDevCluster } from '../support/devcluster.js';
import {
  type ClientHome,
  type ClientRun,
  kubectlOk,
  makeClientHome,
  kubectl as runKubectl,
} from '../support/real-clients.js';
import { waitFor } from '../support/wait-for.js';

let cluster: DevCluster;
let home: ClientHome;

function kubectl(...args: string[]): Promise<ClientRun> {
  return runKubectl(home, args, { timeoutMs: 30_000 });
}

function ok(...args: string[]): Promise<string> {
  return kubectlOk(home, args, { timeoutMs: 30_000 });
}

function file(name: string, text: string): string {
  return home.file(name, text);
}

beforeAll(async () => {
  cluster = await startTestDevCluster({ timeScale: 0.02 });
  home = makeClientHome(cluster);
});

afterAll(async () => {
  await cluster?.stop();
  home?.remove();
});

describe('kubectl against the devcluster', () => {
  it('gets namespaces, creates a namespace and a job, waits, reads logs, deletes', async () => {
    const namespaces = await ok('get', 'ns');
    expect(namespaces).toMatch(/^NAME\s+STATUS\s+AGE/);
    expect(namespaces).toMatch(/^default\s+Active/m);

    const nsFile = file(
      'ns.yaml',
      `apiVersion: v1
kind: Namespace
metadata:
  name: kubectl-e2e
  finalizers:
  - example.com/hold
`,
    );
    const jobFile = file(
      'job.yaml',
      `apiVersion: batch/v1
kind: Job
metadata:
  name: hello
  namespace: kubectl-e2e
spec:
  backoffLimit: 1
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: main
        image: busybox:1.36
        command: ["sh", "-c", "echo hello from the devcluster; sleep 3; echo done"]
`,
    );
    expect(await ok('create', '-f', nsFile)).toContain('namespace/kubectl-e2e created');
    expect(await ok('create', '-f', jobFile)).toContain('job.batch/hello created');

    const list = JSON.parse(await ok('get', 'jobs', '-n', 'kubectl-e2e', '-o', 'json')) as {
      items: { metadata: { name: string; labels: Record<string, string> }; spec: { backoffLimit: number } }[];
    };
    expect(list.items.map((j) => j.metadata.name)).toEqual(['hello']);
    expect(list.items[0]?.metadata.labels['batch.kubernetes.io/job-name']).toBe('hello');
    expect(list.items[0]?.spec.backoffLimit).toBe(1);

    expect(
      await ok('wait', '--for=condition=complete', 'job/hello', '-n', 'kubectl-e2e', '--timeout=30s'),
    ).toContain('job.batch/hello condition met');
    expect(await ok('logs', 'job/hello', '-n', 'kubectl-e2e')).toBe('hello from the devcluster\ndone\n');
    expect(await ok('get', 'jobs', '-n', 'kubectl-e2e')).toMatch(/^hello\s+Complete\s+1\/1/m);
    expect(await ok('get', 'pods', '-n', 'kubectl-e2e')).toMatch(/^hello-\w{5}\s+0\/1\s+Completed\s+0/m);

    expect(await ok('delete', 'job', 'hello', '-n', 'kubectl-e2e', '--cascade=background')).toContain(
      'job.batch "hello" deleted',
    );
    await waitFor(async () => (await ok('get', 'pods', '-n', 'kubectl-e2e', '-o', 'name')).trim() === '', {
      message: 'pods of the deleted job to go',
    });

    expect(await ok('delete', '-f', nsFile, '--wait=false')).toContain('namespace "kubectl-e2e" deleted');
    expect(await ok('get', 'ns', 'kubectl-e2e', '-o', 'jsonpath={.status.phase}')).toBe('Terminating');
    await ok(
      'patch',
      'ns',
      'kubectl-e2e',
      '--type=json',
      '-p',
      '[{"op":"remove","path":"/metadata/finalizers"}]',
    );
    await waitFor(
      async () =>
        (await kubectl('get', 'ns', 'kubectl-e2e')).stderr.includes('namespaces "kubectl-e2e" not found'),
      { message: 'namespace to be gone' },
    );
  });

  it('reports server-side validation errors the way a real cluster does', async () => {
    const bad = file(
      'bad.yaml',
      `apiVersion: batch/v1
kind: Job
metadata:
  name: bad
  namespace: default
spec:
  template:
    spec:
      containers:
      - name: main
        image: busybox
`,
    );
    const r = await kubectl('create', '-f', bad);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'The Job "bad" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"',
    );

    const unknown = file(
      'unknown.yaml',
      `apiVersion: batch/v1
kind: Job
metadata:
  name: typo
  namespace: default
spec:
  backofLimit: 2
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: main
        image: busybox
`,
    );
    const s = await kubectl('create', '-f', unknown);
    expect(s.code).toBe(1);
    expect(s.stderr).toContain('strict decoding error: unknown field "spec.backofLimit"');
  });
  it('creates a namespace and a job with the typed-client commands, which post protobuf', async () => {
    // `kubectl create namespace|job` send application/vnd.kubernetes.protobuf and do not fall back to JSON.
    expect(await ok('create', 'namespace', 'kubectl-pb')).toContain('namespace/kubectl-pb created');
    expect(
      await ok(
        'create',
        'job',
        'pb',
        '-n',
        'kubectl-pb',
        '--image=busybox',
        '--',
        'sh',
        '-c',
        'echo from protobuf',
      ),
    ).toContain('job.batch/pb created');
    const job = JSON.parse(await ok('get', 'job', 'pb', '-n', 'kubectl-pb', '-o', 'json')) as {
      spec: {
        backoffLimit: number;
        template: { spec: { restartPolicy: string; containers: { name: string; command: string[] }[] } };
      };
    };
    expect(job.spec.backoffLimit).toBe(6);
    expect(job.spec.template.spec.restartPolicy).toBe('Never');
    expect(job.spec.template.spec.containers).toMatchObject([
      { name: 'pb', image: 'busybox', command: ['sh', '-c', 'echo from protobuf'] },
    ]);
    expect(
      await ok('wait', '--for=condition=complete', 'job/pb', '-n', 'kubectl-pb', '--timeout=30s'),
    ).toContain('condition met');
    expect(await ok('logs', 'job/pb', '-n', 'kubectl-pb')).toBe('from protobuf\n');
    const again = await kubectl('create', 'namespace', 'kubectl-pb');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('namespaces "kubectl-pb" already exists');
  });
  it('kubectl patch (strategic by default) merges finalizers as a set, as on a real server', async () => {
    await ok('create', 'namespace', 'kubectl-smp');
    const finalizers = async () => ok('get', 'ns', 'kubectl-smp', '-o', 'jsonpath={.metadata.finalizers}');
    await ok('patch', 'ns', 'kubectl-smp', '-p', '{"metadata":{"finalizers":["example.com/a"]}}');
    await ok('patch', 'ns', 'kubectl-smp', '-p', '{"metadata":{"finalizers":["example.com/b"]}}');
    expect(JSON.parse(await finalizers())).toEqual(['example.com/a', 'example.com/b']);
    await ok(
      'patch',
      'ns',
      'kubectl-smp',
      '-p',
      '{"metadata":{"$deleteFromPrimitiveList/finalizers":["example.com/a"]}}',
    );
    expect(JSON.parse(await finalizers())).toEqual(['example.com/b']);
  });
});
