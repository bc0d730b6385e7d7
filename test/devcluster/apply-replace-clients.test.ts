/**
 * What real third-party clients do with the devcluster's update: the read → modify → replace
 * loop of the official Python client and of kubectl.
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
