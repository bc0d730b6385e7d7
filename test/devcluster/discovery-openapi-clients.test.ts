/**
 * Discovery and OpenAPI v3 as third-party clients read them: the official Python client's
 * discovery calls (which ask for the trailing-slash paths) and `kubectl explain` (which renders
 * the OpenAPI v3 document of the resource's group-version).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DevCluster, startTestDevCluster } from '../support/devcluster.js';
import { type ClientHome, kubectl, kubectlOk, makeClientHome, pythonOk } from '../support/real-clients.js';

let cluster: DevCluster;
let home: ClientHome;

beforeAll(async () => {
  cluster = await startTestDevCluster();
  home = makeClientHome(cluster);
});

afterAll(async () => {
  await cluster?.stop();
  home?.remove();
});

describe('discovery with the Python client', () => {
  it('reads every discovery document through the trailing-slash paths it uses', async () => {
    const out = await pythonOk(
      home,
      `
import json
from kubernetes import client, config
config.load_kube_config()
core = client.CoreV1Api().get_api_resources()
batch = client.BatchV1Api().get_api_resources()
versions = client.CoreApi().get_api_versions()
groups = client.ApisApi().get_api_versions()
group = client.BatchApi().get_api_group()
print(json.dumps({
  "core": [core.group_version, sorted(r.name for r in core.resources)],
  "batch": [batch.group_version, sorted(r.name for r in batch.resources)],
  "versions": versions.versions,
  "groups": [g.name for g in groups.groups],
  "group": [group.name, group.preferred_version.group_version],
  "namespaces": sorted(n.metadata.name for n in client.CoreV1Api().list_namespace().items),
}))
`,
    );
    const docs = JSON.parse(out) as Record<string, unknown[]>;
    expect(docs.core?.[0]).toBe('v1');
    expect(docs.core?.[1]).toEqual(expect.arrayContaining(['namespaces', 'pods', 'pods/log']));
    expect(docs.batch).toEqual(['batch/v1', ['jobs', 'jobs/status']]);
    expect(docs.versions).toEqual(['v1']);
    expect(docs.groups).toContain('batch');
    expect(docs.group).toEqual(['batch', 'batch/v1']);
    expect(docs.namespaces).toContain('default');
  });

  it('answers both forms of each discovery path, and 404 for a group it does not serve', async () => {
    for (const path of ['/api', '/api/v1', '/apis', '/apis/batch', '/apis/batch/v1']) {
      expect(await kubectlOk(home, ['get', '--raw', path])).toBe(
        await kubectlOk(home, ['get', '--raw', `${path}/`]),
      );
    }
    const missing = await kubectl(home, ['get', '--raw', '/apis/nosuch.example.com/']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('NotFound');
  });
});

describe('kubectl explain', () => {
  it('explains a Job field with its type and description', async () => {
    const out = await kubectlOk(home, ['explain', 'job.spec.backoffLimit']);
    expect(out).toMatch(/^GROUP:\s+batch$/m);
    expect(out).toMatch(/^KIND:\s+Job$/m);
    expect(out).toMatch(/^VERSION:\s+v1$/m);
    expect(out).toMatch(/^FIELD: backoffLimit <integer>$/m);
    expect(out).toMatch(/^DESCRIPTION:\n\s+\S.*retr/m);
  });

  it('follows the pod template down to a container field', async () => {
    const out = await kubectlOk(home, ['explain', 'job.spec.template.spec.containers.image']);
    expect(out).toMatch(/^FIELD: image <string>$/m);
    expect(out).toMatch(/^DESCRIPTION:\n\s+\S.*image/im);
  });

  it('lists an enum and refuses an unknown field as kubectl does on a real cluster', async () => {
    const mode = await kubectlOk(home, ['explain', 'job.spec.completionMode']);
    expect(mode).toMatch(/^FIELD: completionMode <string>\nENUM:\n\s+Indexed\n\s+NonIndexed$/m);
    const bad = await kubectl(home, ['explain', 'job.spec.nosuch']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('field "nosuch" does not exist');
  });

  it('prints the whole Job tree with --recursive', async () => {
    const out = await kubectlOk(home, ['explain', 'jobs', '--recursive']);
    expect(out).toMatch(/^DESCRIPTION:\n\s+\S/m);
    expect(out).toMatch(/^ {2}metadata\t<ObjectMeta>$/m);
    expect(out).toMatch(/^ {4}labels\t<map\[string\]string>$/m);
    expect(out).toMatch(/^ {2}spec\t<JobSpec>$/m);
    expect(out).toMatch(/^ {4}backoffLimit\t<integer>$/m);
    expect(out).toMatch(/^ {4}template\t<PodTemplateSpec> -required-$/m);
    expect(out).toMatch(/^ {8}containers\t<\[\]Container> -required-$/m);
    expect(out).toMatch(/^ {10}image\t<string>$/m);
    expect(out).toMatch(/^ {12}limits\t<map\[string\]Quantity>$/m);
    expect(out).toMatch(/^ {2}status\t<JobStatus>$/m);
    expect(out).toMatch(/^ {6}type\t<string> -required-$/m);
  });

  it('explains a Namespace with its fields and their descriptions', async () => {
    const out = await kubectlOk(home, ['explain', 'namespace']);
    expect(out).toMatch(/^KIND:\s+Namespace$/m);
    expect(out).toMatch(/^VERSION:\s+v1$/m);
    expect(out).not.toMatch(/^GROUP:/m);
    expect(out).toMatch(/^DESCRIPTION:\n\s+\S/m);
    expect(out).toMatch(/^ {2}spec\t<NamespaceSpec>\n\s+\S/m);
    expect(out).toMatch(/^ {2}status\t<NamespaceStatus>\n\s+\S/m);
  });

  it('still leaves field validation to the server, as the typed documents keep fieldValidation', async () => {
    const typo = home.file(
      'typo.yaml',
      `apiVersion: batch/v1
kind: Job
metadata:
  name: typo
  namespace: default
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: main
        image: busybox
        comand: ["sh", "-c", "true"]
`,
    );
    const r = await kubectl(home, ['create', '-f', typo]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'strict decoding error: unknown field "spec.template.spec.containers[0].comand"',
    );
  });

  it('explains pod fields users reach for', async () => {
    const policy = await kubectlOk(home, ['explain', 'pod.spec.restartPolicy']);
    expect(policy).toMatch(/^FIELD: restartPolicy <string>\nENUM:\n\s+Always\n\s+Never\n\s+OnFailure$/m);
    const env = await kubectlOk(home, ['explain', 'pod.spec.containers.env']);
    expect(env).toMatch(/^FIELD: env <\[\]EnvVar>$/m);
    expect(env).toMatch(/^ {2}name\t<string> -required-$/m);
    expect(env).toMatch(/^ {2}valueFrom\t<EnvVarSource>$/m);
  });

  it('explains Events in both groups', async () => {
    const core = await kubectlOk(home, ['explain', 'event.involvedObject']);
    expect(core).toMatch(/^FIELD: involvedObject <ObjectReference>$/m);
    expect(core).toMatch(/^ {2}uid\t<string>$/m);
    const v1 = await kubectlOk(home, ['explain', 'events.note', '--api-version=events.k8s.io/v1']);
    expect(v1).toMatch(/^GROUP: {6}events\.k8s\.io$/m);
    expect(v1).toMatch(/^FIELD: note <string>$/m);
  });
});
