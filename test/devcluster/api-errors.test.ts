/** Every error row of issue 3 as client-node sees it: code, reason, message shape. */
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
  cluster = await startTestDevCluster({
    tokens: { 'reader-token': 'reader', 'team-token': 'team-a' },
    policy: [
      { identity: 'reader', verbs: ['get', 'list', 'watch'] },
      { identity: 'team-a', namespaces: ['team-a'] },
    ],
  });
  ({ core, batch } = clientsFor(cluster));
});
afterAll(() => cluster.stop());

function raw(
  method: string,
  path: string,
  authorization?: string,
  contentType?: string,
  body?: Buffer,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {};
    if (authorization) headers.Authorization = authorization;
    if (contentType) headers['Content-Type'] = contentType;
    const req = request(`${cluster.url}${path}`, { method, ca: cluster.caPem, headers }, (r) => {
      let text = '';
      r.on('data', (c: Buffer) => {
        text += c.toString();
      });
      r.on('end', () => resolve({ status: r.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

interface StatusBody {
  kind: string;
  code: number;
  reason: string;
  message: string;
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    causes?: { reason: string; message: string; field: string }[];
    retryAfterSeconds?: number;
  };
}

async function failure(
  p: Promise<unknown>,
): Promise<{ code: number; status: StatusBody; headers: Record<string, string> }> {
  try {
    await p;
  } catch (err) {
    if (!(err instanceof ApiException)) throw err;
    return {
      code: err.code,
      status: JSON.parse(err.body as string) as StatusBody,
      headers: err.headers as Record<string, string>,
    };
  }
  throw new Error('expected the request to fail');
}

describe('Status errors', () => {
  it('NotFound: 404 with the qualified resource', async () => {
    const ns = await freshNamespace(core, 'err');
    const f = await failure(batch.readNamespacedJob({ namespace: ns, name: 'missing' }));
    expect(f.code).toBe(404);
    expect(f.status).toMatchObject({
      kind: 'Status',
      reason: 'NotFound',
      message: 'jobs.batch "missing" not found',
      details: { name: 'missing', group: 'batch', kind: 'jobs' },
    });
  });

  it('job create in a missing namespace: 404 namespaces "x" not found', async () => {
    const f = await failure(batch.createNamespacedJob({ namespace: 'nowhere', body: jobBody('j') }));
    expect(f.code).toBe(404);
    expect(f.status).toMatchObject({
      reason: 'NotFound',
      message: 'namespaces "nowhere" not found',
      details: { name: 'nowhere', kind: 'namespaces' },
    });
  });

  it('AlreadyExists: 409', async () => {
    const ns = await freshNamespace(core, 'err');
    await batch.createNamespacedJob({ namespace: ns, body: jobBody('dup') });
    const f = await failure(batch.createNamespacedJob({ namespace: ns, body: jobBody('dup') }));
    expect(f.code).toBe(409);
    expect(f.status).toMatchObject({
      reason: 'AlreadyExists',
      message: 'jobs.batch "dup" already exists',
      details: { name: 'dup', group: 'batch', kind: 'jobs' },
    });
  });

  describe('a terminating namespace (held by a finalizer)', () => {
    it('answers re-create with "object is being deleted", job create with 403, delete with 409', async () => {
      const ns = await freshNamespace(core, 'err', ['example.com/hold']);
      const deleted = await core.deleteNamespace({ name: ns });
      expect((deleted as unknown as { status: { phase: string } }).status.phase).toBe('Terminating');

      const again = await failure(core.createNamespace({ body: { metadata: { name: ns } } }));
      expect(again.code).toBe(409);
      expect(again.status).toMatchObject({
        reason: 'AlreadyExists',
        message: `object is being deleted: namespaces "${ns}" already exists`,
      });

      const job = await failure(batch.createNamespacedJob({ namespace: ns, body: jobBody('late') }));
      expect(job.code).toBe(403);
      expect(job.status.reason).toBe('Forbidden');
      expect(job.status.message).toBe(
        `jobs.batch "late" is forbidden: unable to create new content in namespace ${ns} because it is being terminated`,
      );
      expect(job.status.details?.causes).toEqual([
        {
          reason: 'NamespaceTerminating',
          message: `namespace ${ns} is being terminated`,
          field: 'metadata.namespace',
        },
      ]);

      const del = await failure(core.deleteNamespace({ name: ns }));
      expect(del.code).toBe(409);
      expect(del.status.reason).toBe('Conflict');
      expect(del.status.message).toBe(
        `Operation cannot be fulfilled on namespaces "${ns}": The system is ensuring all content is removed from this namespace.  Upon completion, this namespace will automatically be purged by the system.`,
      );

      // Removing the last finalizer lets the namespace go.
      await core.patchNamespace({ name: ns, body: [{ op: 'remove', path: '/metadata/finalizers' }] });
      const gone = await failure(core.readNamespace({ name: ns }));
      expect(gone.code).toBe(404);
    });
  });

  it('Invalid: 422 with one cause per field error', async () => {
    const ns = await freshNamespace(core, 'err');
    const body: V1Job = {
      metadata: { name: 'Bad_name' },
      spec: { template: { spec: { restartPolicy: 'Always', containers: [] } } },
    };
    const f = await failure(batch.createNamespacedJob({ namespace: ns, body }));
    expect(f.code).toBe(422);
    expect(f.status.reason).toBe('Invalid');
    expect(f.status.message).toMatch(
      /^Job\.batch "Bad_name" is invalid: \[metadata\.name: Invalid value: "Bad_name": a lowercase RFC 1123 subdomain/,
    );
    expect(f.status.details?.causes?.map((c) => [c.reason, c.field])).toEqual([
      ['FieldValueInvalid', 'metadata.name'],
      ['FieldValueRequired', 'spec.template.spec.containers'],
      ['FieldValueNotSupported', 'spec.template.spec.restartPolicy'],
    ]);
    expect(f.status.details).toMatchObject({ name: 'Bad_name', group: 'batch', kind: 'Job' });
  });

  it('Unauthorized: 401 for an unknown or missing token', async () => {
    const { core: stranger } = clientsFor(cluster, 'not-a-token');
    // client-node drops the body of a 401 (ApiException body undefined); read it raw as well.
    const f = await stranger.listNamespace().catch((err: unknown) => err);
    expect(f).toBeInstanceOf(ApiException);
    expect((f as ApiException<unknown>).code).toBe(401);
    for (const auth of ['Bearer not-a-token', undefined]) {
      const res = await raw('GET', '/api/v1/namespaces', auth);
      expect(res.status).toBe(401);
      expect(JSON.parse(res.body)).toEqual({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'Unauthorized',
        reason: 'Unauthorized',
        code: 401,
      });
    }
  });

  it('Forbidden: 403 with the RBAC message', async () => {
    const ns = await freshNamespace(core, 'err');
    const { batch: reader } = clientsFor(cluster, 'reader-token');
    await expect(reader.listNamespacedJob({ namespace: ns })).resolves.toBeTruthy();
    const f = await failure(reader.createNamespacedJob({ namespace: ns, body: jobBody('nope') }));
    expect(f.code).toBe(403);
    expect(f.status).toMatchObject({
      reason: 'Forbidden',
      message: `jobs.batch is forbidden: User "reader" cannot create resource "jobs" in API group "batch" in the namespace "${ns}"`,
    });
    const { core: team } = clientsFor(cluster, 'team-token');
    const g = await failure(team.createNamespace({ body: { metadata: { name: 'x' } } }));
    expect(g.status.message).toBe(
      'namespaces is forbidden: User "team-a" cannot create resource "namespaces" in API group "" at the cluster scope',
    );
  });

  it('TooManyRequests: 429 as API Priority and Fairness answers it (plain text, Retry-After)', async () => {
    // APF rejects with http.Error, not a Status (apiserver pkg/server/filters/priority-and-fairness.go
    // and maxinflight.go tooManyRequests), so clients must rely on the code and Retry-After alone.
    const id = cluster.faults.add({
      verb: 'list',
      resource: 'jobs',
      status: 429,
      retryAfterSeconds: 3,
      count: 1,
    });
    const f = await batch.listNamespacedJob({ namespace: 'default' }).catch((err: unknown) => err);
    expect(f).toBeInstanceOf(ApiException);
    const e = f as ApiException<unknown>;
    expect(e.code).toBe(429);
    expect(e.headers['retry-after']).toBe('3');
    expect(e.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(e.body).toBe('Too many requests, please try again later.\n');
    expect(cluster.faults.fired(id)).toBe(1);
    cluster.faults.remove(id);
  });

  it('UnsupportedMediaType: 415 for a body type the server does not take', async () => {
    // CBOR is behind a feature gate (off) in Kubernetes 1.32, so a real server refuses it too.
    const res = await raw(
      'POST',
      '/api/v1/namespaces',
      `Bearer ${cluster.token}`,
      'application/cbor',
      Buffer.from([0xd9, 0xd9, 0xf7]),
    );
    expect(res.status).toBe(415);
    expect(JSON.parse(res.body)).toMatchObject({
      reason: 'UnsupportedMediaType',
      code: 415,
      message:
        'the body of the request was in an unknown format - accepted media types include: application/json, application/vnd.kubernetes.protobuf',
    });
  });

  it('Job delete without propagationPolicy orphans its pods and warns', async () => {
    const ns = await freshNamespace(core, 'err');
    await batch.createNamespacedJob({ namespace: ns, body: jobBody('orphan', 'sleep 100') });
    await waitFor(async () => (await core.listNamespacedPod({ namespace: ns })).items.length === 1);
    const res = await batch.deleteNamespacedJobWithHttpInfo({ namespace: ns, name: 'orphan' });
    expect(res.httpStatusCode).toBe(200);
    expect(res.headers.warning).toBe(
      '299 - "child pods are preserved by default when jobs are deleted; set propagationPolicy=Background to remove them or set propagationPolicy=Orphan to suppress this warning"',
    );
    const pods = (await core.listNamespacedPod({ namespace: ns })).items;
    expect(pods).toHaveLength(1);
    expect(pods[0]?.metadata?.ownerReferences).toBeUndefined();
  });

  it('server-side dry run validates without storing', async () => {
    const ns = await freshNamespace(core, 'err');
    const dry = await batch.createNamespacedJob({ namespace: ns, body: jobBody('dry'), dryRun: 'All' });
    expect(dry.metadata?.uid).toBeTruthy();
    expect(dry.spec?.backoffLimit).toBe(6);
    expect((await failure(batch.readNamespacedJob({ namespace: ns, name: 'dry' }))).code).toBe(404);
  });
});
