/**
 * What real third-party clients do with the devcluster's update and server-side apply: the
 * read → modify → replace loop of the official Python client and of kubectl, and
 * `kubectl apply --server-side` / the Python DynamicClient's `server_side_apply`, with
 * managedFields, conflicts between managers and `--force-conflicts`.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { type DevCluster, startTestDevCluster } from '../support/devcluster.js';
import {
  type ClientHome,
  type ClientRun,
  kubectl,
  kubectlOk,
  makeClientHome,
  python,
} from '../support/real-clients.js';

let cluster: DevCluster;
let home: ClientHome;
let seq = 0;

beforeAll(async () => {
  cluster = await startTestDevCluster();
  home = makeClientHome(cluster);
});
afterAll(async () => {
  home?.remove();
  await cluster?.stop();
});

async function namespace(prefix: string): Promise<string> {
  const name = `${prefix}-${++seq}`;
  await kubectlOk(home, ['create', 'namespace', name]);
  return name;
}

/** Fails with everything the client printed, so a failing run shows the server's answer. */
function succeeded(run: ClientRun): string {
  if (run.code !== 0) throw new Error(`exited ${run.code}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`);
  return run.stdout;
}

interface JobManifest {
  labels?: Record<string, string>;
  image?: string;
  script?: string;
}

function jobYaml(ns: string, name: string, m: JobManifest = {}): string {
  const labels = Object.entries(m.labels ?? {})
    .map(([k, v]) => `    ${k}: ${v}\n`)
    .join('');
  return `apiVersion: batch/v1
kind: Job
metadata:
  name: ${name}
  namespace: ${ns}
${labels ? `  labels:\n${labels}` : ''}spec:
  backoffLimit: 0
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: main
        image: ${m.image ?? 'busybox:1.36'}
        command: ["sh", "-c", "${m.script ?? 'echo applied'}"]
`;
}

interface ManagedFieldsEntry {
  manager: string;
  operation: string;
  apiVersion: string;
  fieldsType: string;
  fieldsV1: Record<string, Record<string, unknown>>;
  time: string;
}

async function managedFields(kind: string, name: string, ns?: string): Promise<ManagedFieldsEntry[]> {
  const args = ['get', kind, name, '-o', 'json', '--show-managed-fields', ...(ns ? ['-n', ns] : [])];
  const obj = JSON.parse(await kubectlOk(home, args)) as {
    metadata: { managedFields?: ManagedFieldsEntry[] };
  };
  return obj.metadata.managedFields ?? [];
}

async function labelsOf(kind: string, name: string, ns?: string): Promise<Record<string, string>> {
  const args = ['get', kind, name, '-o', 'json', ...(ns ? ['-n', ns] : [])];
  return (
    (JSON.parse(await kubectlOk(home, args)) as { metadata: { labels?: Record<string, string> } }).metadata
      .labels ?? {}
  );
}

const PY_PRELUDE = `
import json, sys
from kubernetes import client, config, dynamic
from kubernetes.client.rest import ApiException
config.load_kube_config()
ns = sys.argv[1]
batch = client.BatchV1Api()

def job(name, labels=None, suspend=None):
    return client.V1Job(
        metadata=client.V1ObjectMeta(name=name, labels=labels),
        spec=client.V1JobSpec(
            backoff_limit=0,
            suspend=suspend,
            template=client.V1PodTemplateSpec(spec=client.V1PodSpec(
                restart_policy='Never',
                containers=[client.V1Container(name='main', image='busybox:1.36', command=['sh', '-c', 'sleep 1'])],
            )),
        ),
    )

def status_of(e):
    body = json.loads(e.body)
    return {'code': e.status, 'message': body.get('message'), 'reason': body.get('reason')}

def replace_with(name, change):
    """Read, change, replace; again on 409, as the Job controller may write its status in between."""
    while True:
        read = batch.read_namespaced_job(name, ns)
        change(read)
        try:
            batch.replace_namespaced_job(name, ns, read)
            return 'replaced'
        except ApiException as e:
            if e.status != 409:
                return status_of(e)
`;

describe('replace after read', () => {
  it('the Python client reads a Job, changes a label and replaces it', async () => {
    const ns = await namespace('py-replace');
    const out = succeeded(
      await python(
        home,
        `${PY_PRELUDE}
batch.create_namespaced_job(ns, job('py-replace', labels={'team': 'a'}))
result = replace_with('py-replace', lambda read: read.metadata.labels.update({'team': 'b'}))
if result != 'replaced':
    print(json.dumps(result))
    sys.exit(1)
print(json.dumps(batch.read_namespaced_job('py-replace', ns).metadata.labels))
`,
        [ns],
      ),
    );
    expect(JSON.parse(out)).toEqual({ team: 'b' });
  });

  it('kubectl get -o yaml → edit a label → kubectl replace -f', async () => {
    const ns = await namespace('kubectl-replace');
    await kubectlOk(home, [
      'create',
      '-f',
      home.file('replace.yaml', jobYaml(ns, 'edit', { labels: { team: 'a' } })),
    ]);
    // Once it is complete the Job controller no longer writes it, so the read stays current.
    await kubectlOk(home, ['wait', '--for=condition=complete', 'job/edit', '-n', ns, '--timeout=30s']);
    let doc = parseDocument(await kubectlOk(home, ['get', 'job', 'edit', '-n', ns, '-o', 'yaml']));
    doc.setIn(['metadata', 'labels', 'team'], 'b');
    const edited = home.file('edited.yaml', String(doc));
    expect(succeeded(await kubectl(home, ['replace', '-f', edited]))).toBe('job.batch/edit replaced\n');
    expect(await labelsOf('job', 'edit', ns)).toEqual({ team: 'b' });

    // A change of the template itself is still refused, with the real server's message.
    doc = parseDocument(await kubectlOk(home, ['get', 'job', 'edit', '-n', ns, '-o', 'yaml']));
    doc.setIn(['metadata', 'labels', 'team'], 'c');
    doc.setIn(['spec', 'template', 'spec', 'containers', 0, 'image'], 'busybox:1.37');
    const refused = await kubectl(home, ['replace', '-f', home.file('image.yaml', String(doc))]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /^The Job "edit" is invalid: spec\.template: Invalid value: .*: field is immutable\n$/s,
    );
    expect(await labelsOf('job', 'edit', ns)).toEqual({ team: 'b' });
  });

  it('a suspended Job that never started takes new scheduling directives; a started one does not', async () => {
    const ns = await namespace('py-directives');
    const out = succeeded(
      await python(
        home,
        `${PY_PRELUDE}
def directives(read):
    read.spec.template.spec.node_selector = {'disktype': 'ssd'}
    read.spec.template.metadata.annotations = {'note': 'moved'}

def add_directives(name):
    return replace_with(name, directives)

batch.create_namespaced_job(ns, job('waiting', suspend=True))
batch.create_namespaced_job(ns, job('started'))
while batch.read_namespaced_job('started', ns).status.start_time is None:
    pass
print(json.dumps({
    'waiting': add_directives('waiting'),
    'selector': batch.read_namespaced_job('waiting', ns).spec.template.spec.node_selector,
    'started': add_directives('started'),
}))
`,
        [ns],
      ),
    );
    const result = JSON.parse(out) as Record<string, unknown>;
    expect(result.waiting).toBe('replaced');
    expect(result.selector).toEqual({ disktype: 'ssd' });
    expect(result.started).toMatchObject({ code: 422, reason: 'Invalid' });
    expect((result.started as { message: string }).message).toMatch(
      /^Job\.batch "started" is invalid: spec\.template: Invalid value: .*: field is immutable$/s,
    );
  });
});

describe('server-side apply with kubectl', () => {
  it('creates a Job that runs to completion, updates a changed label and removes a dropped one', async () => {
    const ns = await namespace('ssa-job');
    const first = home.file('ssa-1.yaml', jobYaml(ns, 'ssa', { labels: { team: 'a', tier: 'batch' } }));
    expect(succeeded(await kubectl(home, ['apply', '--server-side', '-f', first]))).toBe(
      'job.batch/ssa serverside-applied\n',
    );
    expect(
      await kubectlOk(home, ['wait', '--for=condition=complete', 'job/ssa', '-n', ns, '--timeout=30s']),
    ).toContain('job.batch/ssa condition met');
    expect(await kubectlOk(home, ['logs', 'job/ssa', '-n', ns])).toBe('applied\n');

    // A label another manager set is not the applier's to remove.
    await kubectlOk(home, ['label', 'job', 'ssa', '-n', ns, 'extra=kept']);
    const second = home.file('ssa-2.yaml', jobYaml(ns, 'ssa', { labels: { team: 'b' } }));
    expect(succeeded(await kubectl(home, ['apply', '--server-side', '-f', second]))).toBe(
      'job.batch/ssa serverside-applied\n',
    );
    expect(await labelsOf('job', 'ssa', ns)).toEqual({ team: 'b', extra: 'kept' });
    // Applying the same configuration again changes nothing, so nothing is written.
    const version = () =>
      kubectlOk(home, ['get', 'job', 'ssa', '-n', ns, '-o', 'jsonpath={.metadata.resourceVersion}']);
    const before = await version();
    succeeded(await kubectl(home, ['apply', '--server-side', '-f', second]));
    expect(await version()).toBe(before);

    const entries = await managedFields('job', 'ssa', ns);
    const applied = entries.find((e) => e.manager === 'kubectl');
    expect(applied).toMatchObject({ operation: 'Apply', apiVersion: 'batch/v1', fieldsType: 'FieldsV1' });
    expect(applied?.fieldsV1['f:metadata']).toEqual({ 'f:labels': { 'f:team': {} } });
    expect(applied?.fieldsV1['f:spec']).toMatchObject({
      'f:backoffLimit': {},
      'f:template': {
        'f:spec': {
          'f:containers': {
            'k:{"name":"main"}': { '.': {}, 'f:command': {}, 'f:image': {}, 'f:name': {} },
          },
          'f:restartPolicy': {},
        },
      },
    });
    // kubectl hides them unless asked.
    const plain = JSON.parse(await kubectlOk(home, ['get', 'job', 'ssa', '-n', ns, '-o', 'json'])) as {
      metadata: Record<string, unknown>;
    };
    expect(plain.metadata.managedFields).toBeUndefined();
  });

  it("a conflicting value from another manager fails with kubectl's message; --force-conflicts takes it over", async () => {
    const ns = await namespace('ssa-conflict');
    await kubectlOk(home, [
      'apply',
      '--server-side',
      '-f',
      home.file('c1.yaml', jobYaml(ns, 'shared', { labels: { team: 'a' } })),
    ]);
    const other = home.file('c2.yaml', jobYaml(ns, 'shared', { labels: { team: 'c' } }));

    const conflict = await kubectl(home, ['apply', '--server-side', '--field-manager=other', '-f', other]);
    expect(conflict.code).toBe(1);
    expect(conflict.stderr).toContain(
      'error: Apply failed with 1 conflict: conflict with "kubectl": .metadata.labels.team',
    );
    expect(conflict.stderr).toContain('--force-conflicts');
    expect(await labelsOf('job', 'shared', ns)).toEqual({ team: 'a' });

    expect(
      succeeded(
        await kubectl(home, [
          'apply',
          '--server-side',
          '--field-manager=other',
          '--force-conflicts',
          '-f',
          other,
        ]),
      ),
    ).toBe('job.batch/shared serverside-applied\n');
    expect(await labelsOf('job', 'shared', ns)).toEqual({ team: 'c' });
    const entries = await managedFields('job', 'shared', ns);
    expect(entries.find((e) => e.manager === 'other')?.fieldsV1['f:metadata']).toEqual({
      'f:labels': { 'f:team': {} },
    });
    // The first manager lost the label; both still own the spec they applied alike.
    const first = entries.find((e) => e.manager === 'kubectl');
    expect(first?.fieldsV1['f:metadata']).toBeUndefined();
    expect(first?.fieldsV1['f:spec']).toHaveProperty('f:backoffLimit');

    const back = await kubectl(home, [
      'apply',
      '--server-side',
      '-f',
      home.file('c3.yaml', jobYaml(ns, 'shared', { labels: { team: 'a' } })),
    ]);
    expect(back.stderr).toContain(
      'Apply failed with 1 conflict: conflict with "other": .metadata.labels.team',
    );
  });

  it('a field set by kubectl create belongs to its Update manager', async () => {
    const ns = await namespace('ssa-after-create');
    await kubectlOk(home, [
      'create',
      '-f',
      home.file('u1.yaml', jobYaml(ns, 'made', { labels: { team: 'a' } })),
    ]);
    const entries = await managedFields('job', 'made', ns);
    expect(entries).toEqual([
      expect.objectContaining({ manager: 'kubectl-create', operation: 'Update', apiVersion: 'batch/v1' }),
    ]);
    expect(entries[0]?.fieldsV1['f:metadata']).toEqual({ 'f:labels': { '.': {}, 'f:team': {} } });

    const run = await kubectl(home, [
      'apply',
      '--server-side',
      '-f',
      home.file('u2.yaml', jobYaml(ns, 'made', { labels: { team: 'b' } })),
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'error: Apply failed with 1 conflict: conflict with "kubectl-create" using batch/v1: .metadata.labels.team',
    );
    // The same value is no conflict: the applier becomes a co-owner.
    expect(
      succeeded(
        await kubectl(home, [
          'apply',
          '--server-side',
          '-f',
          home.file('u3.yaml', jobYaml(ns, 'made', { labels: { team: 'a' } })),
        ]),
      ),
    ).toBe('job.batch/made serverside-applied\n');
  });

  it('applies a Namespace: created, its label owned by the applier and removed when dropped', async () => {
    const name = `ssa-ns-${++seq}`;
    const nsYaml = (labels: string) =>
      `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n${labels}`;
    expect(
      succeeded(
        await kubectl(home, [
          'apply',
          '--server-side',
          '-f',
          home.file('ns1.yaml', nsYaml('  labels:\n    env: dev\n')),
        ]),
      ),
    ).toBe(`namespace/${name} serverside-applied\n`);
    expect(await labelsOf('namespace', name)).toEqual({ env: 'dev', 'kubernetes.io/metadata.name': name });
    expect(await managedFields('namespace', name)).toEqual([
      expect.objectContaining({
        manager: 'kubectl',
        operation: 'Apply',
        apiVersion: 'v1',
        fieldsV1: { 'f:metadata': { 'f:labels': { 'f:env': {} } } },
      }),
    ]);
    succeeded(await kubectl(home, ['apply', '--server-side', '-f', home.file('ns2.yaml', nsYaml(''))]));
    expect(await labelsOf('namespace', name)).toEqual({ 'kubernetes.io/metadata.name': name });
  });
});

describe('server-side apply with the Python client', () => {
  it('DynamicClient.server_side_apply creates, conflicts, forces; a missing fieldManager is refused', async () => {
    const ns = await namespace('py-ssa');
    const out = succeeded(
      await python(
        home,
        `${PY_PRELUDE}
dyn = dynamic.DynamicClient(client.ApiClient())
jobs = dyn.resources.get(api_version='batch/v1', kind='Job')

def manifest(team):
    return json.dumps({
        'apiVersion': 'batch/v1', 'kind': 'Job',
        'metadata': {'name': 'py-ssa', 'namespace': ns, 'labels': {'team': team}},
        'spec': {'template': {'spec': {'restartPolicy': 'Never', 'containers': [
            {'name': 'main', 'image': 'busybox:1.36', 'command': ['sh', '-c', 'echo py']}]}}},
    })

def apply(team, **kwargs):
    try:
        r = dyn.server_side_apply(jobs, body=manifest(team), name='py-ssa', namespace=ns, **kwargs)
        return {'labels': r.to_dict()['metadata']['labels']}
    except ApiException as e:
        return status_of(e)

print(json.dumps({
    'unnamed': apply('a'),
    'created': apply('a', field_manager='py-deployer'),
    'conflict': apply('b', field_manager='py-other'),
    'forced': apply('b', field_manager='py-other', force_conflicts=True),
    'managers': sorted((e.manager, e.operation) for e in batch.read_namespaced_job('py-ssa', ns).metadata.managed_fields),
}))
`,
        [ns],
      ),
    );
    expect(JSON.parse(out)).toEqual({
      unnamed: {
        code: 422,
        reason: 'Invalid',
        message:
          'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
      },
      created: { labels: { team: 'a' } },
      conflict: {
        code: 409,
        reason: 'Conflict',
        message: 'Apply failed with 1 conflict: conflict with "py-deployer": .metadata.labels.team',
      },
      forced: { labels: { team: 'b' } },
      managers: [
        ['py-deployer', 'Apply'],
        ['py-other', 'Apply'],
      ],
    });
  });
});
