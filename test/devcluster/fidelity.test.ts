/**
 * Behaviours where the devcluster once answered differently from a real API server, each checked
 * against the Kubernetes source named in the test and in the devcluster code.
 */
import { request } from 'node:https';
import { ApiException, type BatchV1Api, type CoreV1Api, type V1Job } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clientsFor,
  type DevCluster,
  freshNamespace,
  jobBody,
  startTestDevCluster,
} from '../support/devcluster.js';
import { waitFor } from '../support/wait-for.js';

let cluster: DevCluster;
let core: CoreV1Api;
let batch: BatchV1Api;

beforeAll(async () => {
  cluster = await startTestDevCluster();
  ({ core, batch } = clientsFor(cluster));
});
afterAll(() => cluster.stop());

async function failure(p: Promise<unknown>): Promise<{ code: number; status: Record<string, unknown> }> {
  try {
    await p;
  } catch (err) {
    if (!(err instanceof ApiException)) throw err;
    return { code: err.code, status: JSON.parse(err.body as string) as Record<string, unknown> };
  }
  throw new Error('expected the request to fail');
}

/** A raw HTTPS call, for answers client-node would reshape into its own types. */
function raw(
  method: string,
  path: string,
  body?: string | Buffer,
  contentType = 'application/json',
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { Authorization: `Bearer ${cluster.token}` };
    if (body !== undefined) {
      headers['Content-Type'] = contentType;
      // Node sends a DELETE body with neither chunking nor a length unless told.
      headers['Content-Length'] = String(Buffer.byteLength(body));
    }
    const req = request(`${cluster.url}${path}`, { method, ca: cluster.caPem, headers }, (r) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () =>
        resolve({ status: r.statusCode ?? 0, body: Buffer.concat(chunks).toString(), headers: r.headers }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('Job delete responses (apiserver registry/generic/registry/store.go finalizeDelete)', () => {
  it('Background: the Job is gone at once, so the answer is a Success Status carrying its uid', async () => {
    const ns = await freshNamespace(core, 'fid');
    const created = await batch.createNamespacedJob({ namespace: ns, body: jobBody('bg', 'sleep 100') });
    const res = await batch.deleteNamespacedJobWithHttpInfo({
      namespace: ns,
      name: 'bg',
      body: { propagationPolicy: 'Background' },
    });
    expect(res.httpStatusCode).toBe(200);
    expect(res.headers.warning).toBeUndefined();
    expect(res.data).toMatchObject({
      kind: 'Status',
      apiVersion: 'v1',
      status: 'Success',
      details: { name: 'bg', group: 'batch', kind: 'jobs', uid: created.metadata?.uid },
    });
    expect(res.data.code).toBeUndefined();
    expect((await failure(batch.readNamespacedJob({ namespace: ns, name: 'bg' }))).code).toBe(404);
  });

  it('Orphan: the Job lingers for the orphan finalizer, so the answer is the Job being deleted', async () => {
    const ns = await freshNamespace(core, 'fid');
    await batch.createNamespacedJob({ namespace: ns, body: jobBody('or', 'sleep 100') });
    await waitFor(async () => (await core.listNamespacedPod({ namespace: ns })).items.length === 1);
    const res = await raw(
      'DELETE',
      `/apis/batch/v1/namespaces/${ns}/jobs/or`,
      JSON.stringify({ propagationPolicy: 'Orphan' }),
    );
    expect(res.status, res.body).toBe(200);
    const job = JSON.parse(res.body) as V1Job;
    expect(job.kind).toBe('Job');
    expect(job.metadata?.deletionTimestamp).toBeTruthy();
    expect(job.metadata?.finalizers).toEqual(['orphan']);
  });
});

describe('NamespaceLifecycle admission runs before validation (it is a mutating plugin: Admit)', () => {
  it('an invalid Job in a missing namespace is 404 for the namespace, not 422', async () => {
    const body: V1Job = { metadata: { name: 'Bad_name' }, spec: { template: { spec: { containers: [] } } } };
    const f = await failure(batch.createNamespacedJob({ namespace: 'nowhere-at-all', body }));
    expect(f.code).toBe(404);
    expect(f.status).toMatchObject({ reason: 'NotFound', details: { kind: 'namespaces' } });
  });

  it('an invalid Job in a terminating namespace is 403 NamespaceTerminating, not 422', async () => {
    const ns = await freshNamespace(core, 'fid', ['example.com/hold']);
    await core.deleteNamespace({ name: ns });
    const body: V1Job = { metadata: { name: 'Bad_name' }, spec: { template: { spec: { containers: [] } } } };
    const f = await failure(batch.createNamespacedJob({ namespace: ns, body }));
    expect(f.code).toBe(403);
    expect(f.status.reason).toBe('Forbidden');
  });

  it('a generateName Job has no name yet when admission rejects it', async () => {
    const ns = await freshNamespace(core, 'fid', ['example.com/hold']);
    await core.deleteNamespace({ name: ns });
    const body = jobBody('');
    body.metadata = { generateName: 'gen-' };
    const f = await failure(batch.createNamespacedJob({ namespace: ns, body }));
    expect(f.code).toBe(403);
    expect(f.status.message).toBe(
      `jobs.batch is forbidden: unable to create new content in namespace ${ns} because it is being terminated`,
    );
  });
});

describe('protobuf bodies (runtime/serializer/protobuf: k8s\\0 magic + runtime.Unknown)', () => {
  const field = (num: number, payload: Buffer | string): Buffer => {
    const bytes = typeof payload === 'string' ? Buffer.from(payload) : payload;
    return Buffer.concat([Buffer.from([(num << 3) | 2, bytes.length]), bytes]);
  };
  const envelope = (apiVersion: string, kind: string, raw: Buffer): Buffer =>
    Buffer.concat([
      Buffer.from('k8s\0', 'binary'),
      field(1, Buffer.concat([field(1, apiVersion), field(2, kind)])),
      field(2, raw),
    ]);

  it('decodes a Namespace with labels and answers JSON', async () => {
    const label = field(11, Buffer.concat([field(1, 'team'), field(2, 'a')]));
    const meta = field(1, Buffer.concat([field(1, 'pb-labelled'), field(3, ''), label]));
    const res = await raw(
      'POST',
      '/api/v1/namespaces',
      envelope('v1', 'Namespace', meta),
      'application/vnd.kubernetes.protobuf',
    );
    expect(res.status, res.body).toBe(201);
    const ns = await core.readNamespace({ name: 'pb-labelled' });
    expect(ns.metadata?.labels).toMatchObject({ team: 'a' });
    expect(ns.metadata?.namespace).toBeUndefined();
  });

  it('refuses with 415 a field the devcluster does not decode, rather than dropping it', async () => {
    const meta = field(1, Buffer.concat([field(1, 'pb-unknown'), field(15, 'cluster-x')]));
    const res = await raw(
      'POST',
      '/api/v1/namespaces',
      envelope('v1', 'Namespace', meta),
      'application/vnd.kubernetes.protobuf',
    );
    expect(res.status).toBe(415);
    expect(JSON.parse(res.body)).toMatchObject({
      reason: 'UnsupportedMediaType',
      message: expect.stringContaining('field 15 of k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta'),
    });
    expect((await failure(core.readNamespace({ name: 'pb-unknown' }))).code).toBe(404);
  });

  it('answers 400 to a truncated message', async () => {
    const body = Buffer.concat([
      envelope('v1', 'Namespace', field(1, field(1, 'x'))),
      Buffer.from([0x12, 0x40]),
    ]);
    const res = await raw('POST', '/api/v1/namespaces', body, 'application/vnd.kubernetes.protobuf');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ reason: 'BadRequest' });
  });
});

describe('fieldValidation reaches into the pod template (apimachinery strict decoding)', () => {
  const withTypo = (name: string) =>
    JSON.stringify({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name },
      spec: {
        template: {
          spec: {
            restartPolicy: 'Never',
            containres: [],
            containers: [
              { name: 'main', image: 'busybox', comand: ['true'], env: [{ name: 'A', valu: 'b' }] },
            ],
          },
        },
      },
    });

  it('Strict refuses unknown fields of the pod spec, containers and env with their full paths', async () => {
    const ns = await freshNamespace(core, 'fid');
    const res = await raw(
      'POST',
      `/apis/batch/v1/namespaces/${ns}/jobs?fieldValidation=Strict`,
      withTypo('s'),
    );
    expect(res.status).toBe(400);
    const status = JSON.parse(res.body) as { reason: string; message: string };
    expect(status.reason).toBe('BadRequest');
    expect(status.message).toContain('strict decoding error: ');
    for (const f of [
      'spec.template.spec.containres',
      'spec.template.spec.containers[0].comand',
      'spec.template.spec.containers[0].env[0].valu',
    ])
      expect(status.message).toContain(`unknown field "${f}"`);
  });

  it('the default (Warn) creates the Job and warns about each unknown field', async () => {
    const ns = await freshNamespace(core, 'fid');
    const res = await raw('POST', `/apis/batch/v1/namespaces/${ns}/jobs`, withTypo('w'));
    expect(res.status).toBe(201);
    expect(String(res.headers.warning)).toContain(
      '299 - "unknown field \\"spec.template.spec.containers[0].comand\\""',
    );
  });
});
