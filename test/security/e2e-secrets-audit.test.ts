import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe } from 'vitest';
import { type AwsEmulator, startAwsEmulator } from '../../src/devcluster/aws/index.js';
import { type DevCluster, startDevCluster } from '../../src/devcluster/index.js';
import { expect, test } from '../support/fixtures.js';
import { type ServiceProcess, startService, waitForHttp } from '../support/process.js';
import { freePort, testPrefix } from '../support/redis.js';
import { waitFor } from '../support/wait-for.js';
import { makeKey } from './support/security-app.js';

// Acceptances 3 and 5 of issue 7, on one end-to-end run of real processes (API + worker) against
// the devcluster through its EKS/STS side, with an assumed role so session tokens are in play:
// - the logs of both processes and every error body hold no API key, bearer token, AWS secret
//   or session token;
// - every mutation request has its audit record (GET /v1/audit), and no read has one.

const ROLE = 'arn:aws:iam::111122223333:role/eks-jobs-e2e';
const accessKey = {
  accessKeyId: `AKIAE2E${randomBytes(6).toString('hex').toUpperCase()}`,
  secretAccessKey: randomBytes(30).toString('base64'),
  arn: 'arn:aws:iam::111122223333:user/eks-jobs-e2e',
};
const writer = makeKey('writer', {
  scopes: { clusters: ['*'], namespaces: ['team-*'], namespaceCreate: true, namespaceDelete: true },
});
const admin = makeKey('auditor', { scopes: { clusters: ['*'], namespaces: [], admin: true } });
const unknown = makeKey('unknown');

interface Exchange {
  method: string;
  path: string;
  status: number;
  requestId: string;
  text: string;
}

const dir = mkdtempSync(join(tmpdir(), 'eks-jobs-e2e-sec-'));
const procs: ServiceProcess[] = [];
let aws: AwsEmulator | undefined;
let cluster: DevCluster | undefined;
afterAll(async () => {
  await Promise.all(procs.map((p) => p.kill()));
  await cluster?.stop();
  await aws?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('an end-to-end run', () => {
  test('leaks no secret in logs or error bodies, and audits every mutation and no read', async ({
    redis,
  }) => {
    aws = await startAwsEmulator({ accessKeys: [accessKey], roles: [{ arn: ROLE }], region: 'us-west-2' });
    cluster = await startDevCluster({ clusterName: 'dev', timeScale: 0.01, plugins: [aws.plugin('dev')] });
    aws.registerCluster('dev', { endpoint: cluster.url, caPem: cluster.caPem });
    const keysFile = join(dir, 'keys.json');
    writeFileSync(keysFile, JSON.stringify({ keys: [writer.entry, admin.entry] }), { mode: 0o600 });
    const clustersFile = join(dir, 'clusters.json');
    writeFileSync(
      clustersFile,
      JSON.stringify({
        clusters: [{ name: 'dev', provider: 'eks', region: 'us-west-2', roleArn: ROLE, default: true }],
      }),
    );
    const [port, workerPort] = [await freePort(), await freePort()];
    const env = {
      HOST: '127.0.0.1',
      REDIS_URL: redis.url,
      QUEUE_PREFIX: testPrefix(),
      CLUSTERS_FILE: clustersFile,
      API_KEYS_FILE: keysFile,
      AWS_ENDPOINT_URL_EKS: aws.url,
      AWS_ENDPOINT_URL_STS: aws.url,
      AWS_ACCESS_KEY_ID: accessKey.accessKeyId,
      AWS_SECRET_ACCESS_KEY: accessKey.secretAccessKey,
      AWS_REGION: 'us-west-2',
      LOG_LEVEL: 'debug',
    };
    const api = startService('src/api/main.ts', { ...env, PORT: String(port) });
    const worker = startService('src/worker/main.ts', { ...env, WORKER_PORT: String(workerPort) });
    procs.push(api, worker);
    const base = `http://127.0.0.1:${port}`;
    await waitForHttp(`${base}/readyz`, 200, 60_000);
    await waitForHttp(`http://127.0.0.1:${workerPort}/readyz`, 200, 60_000);

    const exchanges: Exchange[] = [];
    const call = async (
      method: string,
      path: string,
      options: { key?: string | null; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
    ) => {
      const key = options.key === undefined ? writer.key : options.key;
      const res = await fetch(`${base}${path}`, {
        method,
        headers: {
          ...(key ? { authorization: `Bearer ${key}` } : {}),
          ...(options.body !== undefined || options.raw !== undefined
            ? { 'content-type': 'application/json' }
            : {}),
          ...options.headers,
        },
        ...(options.raw !== undefined ? { body: options.raw } : {}),
        ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      });
      const text = await res.text();
      const x = { method, path, status: res.status, requestId: res.headers.get('x-request-id') ?? '', text };
      exchanges.push(x);
      return { ...x, json: () => JSON.parse(text) };
    };
    const settle = async (id: string) =>
      waitFor(
        async () => {
          const op = (await call('GET', `/v1/operations/${id}`)).json();
          return op.state === 'succeeded' || op.state === 'failed' ? op : undefined;
        },
        { timeoutMs: 20_000, intervalMs: 100, message: `operation ${id} to end` },
      );

    // Mutations that succeed.
    const ns = await call('POST', '/v1/namespaces', { body: { name: 'team-e2e' } });
    expect(ns.status).toBe(202);
    expect((await settle(ns.json().id)).state).toBe('succeeded');
    const created = await call('POST', '/v1/namespaces/team-e2e/jobs', {
      body: { generateName: 'hello-', image: 'busybox:1.36', command: ['sh', '-c', 'echo hi'] },
      headers: { prefer: 'wait=10', 'idempotency-key': 'e2e-1' },
    });
    expect([200, 201, 202]).toContain(created.status);
    const jobName = created.json().target.name as string;
    await settle(created.json().id);
    const batch = await call('POST', '/v1/batches', {
      body: {
        items: ['a', 'b', 'c'].map((n) => ({
          namespace: 'team-e2e',
          job: { name: `batch-${n}`, image: 'busybox', command: ['true'] },
        })),
      },
    });
    expect(batch.status).toBe(202);
    for (const op of batch.json().operations as Array<{ id: string }>) await settle(op.id);
    const seed = await call('POST', '/api/eks-create-job', {
      body: { namespace: 'team-e2e', job_name: 'seeded', image: 'busybox', command: 'echo seeded' },
    });
    expect(seed.status).toBeLessThan(300);

    // Reads.
    expect((await call('GET', `/v1/namespaces/team-e2e/jobs/${jobName}`)).status).toBe(200);
    expect((await call('GET', '/v1/namespaces/team-e2e/jobs')).status).toBe(200);
    await waitFor(
      async () => (await call('GET', `/v1/namespaces/team-e2e/jobs/${jobName}/logs`)).status === 200,
      {
        timeoutMs: 10_000,
        message: 'job logs',
      },
    );
    expect((await call('GET', '/v1/operations?state=succeeded')).status).toBe(200);

    // Refusals and errors, each an error body to scan.
    expect(
      (await call('POST', '/v1/namespaces/team-e2e/jobs', { key: null, body: { image: 'x' } })).status,
    ).toBe(401);
    expect(
      (await call('POST', '/v1/namespaces/team-e2e/jobs', { key: unknown.key, body: { image: 'x' } })).status,
    ).toBe(401);
    expect(
      (await call('POST', '/v1/namespaces/team-e2e/jobs', { key: `${writer.key}x`, body: { image: 'x' } }))
        .status,
    ).toBe(401);
    expect((await call('POST', '/v1/namespaces/prod/jobs', { body: { image: 'x' } })).status).toBe(403);
    expect((await call('DELETE', '/v1/namespaces/kube-system/jobs/coredns')).status).toBe(403);
    expect((await call('POST', '/v1/namespaces/team-e2e/jobs', { raw: '{"image": ' })).status).toBe(400);
    expect((await call('POST', '/v1/namespaces/team-e2e/jobs', { body: { image: 42 } })).status).toBe(422);
    expect(
      (await call('POST', '/v1/namespaces/team-e2e/jobs', { body: { name: 'Bad_Name', image: 'x' } })).status,
    ).toBe(422);
    expect((await call('GET', '/v1/operations/op-missing')).status).toBe(404);
    expect((await call('GET', '/v1/audit')).status).toBe(403);
    expect(
      (await call('GET', `/v1/operations/x?api_key=${writer.key}`, { headers: { 'x-api-key': writer.key } }))
        .status,
    ).toBe(404);

    // Deletes last.
    const del = await call('DELETE', `/v1/namespaces/team-e2e/jobs/${jobName}`);
    expect(del.status).toBe(202);
    await settle(del.json().id);
    const nsDel = await call('DELETE', '/v1/namespaces/team-e2e');
    expect(nsDel.status).toBe(202);
    await settle(nsDel.json().id);

    // Acceptance 5: the audit trail, read through GET /v1/audit with paging.
    const records: Array<{
      requestId: string;
      action: string;
      principal: string | null;
      outcome: string;
      status: number;
      operationIds: string[];
    }> = [];
    let cursor: string | undefined;
    for (let page = 0; page < 100; page++) {
      const res = await fetch(`${base}/v1/audit?limit=5${cursor ? `&before=${cursor}` : ''}`, {
        headers: { authorization: `Bearer ${admin.key}` },
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { items: typeof records; nextCursor?: string };
      records.push(...body.items);
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    const byRequest = new Map(records.map((r) => [r.requestId, r]));
    // Mutations refused before a key was known (401) are summed in a log line, not audited.
    const mutations = exchanges.filter((x) => x.method !== 'GET' && x.status !== 401);
    const anonymous = exchanges.filter((x) => x.method !== 'GET' && x.status === 401);
    const reads = exchanges.filter((x) => x.method === 'GET');
    expect(mutations.length).toBeGreaterThanOrEqual(11);
    expect(anonymous).toHaveLength(3);
    for (const r of anonymous) expect(byRequest.has(r.requestId), `${r.method} ${r.path}`).toBe(false);
    for (const m of mutations) {
      const r = byRequest.get(m.requestId);
      expect(r, `${m.method} ${m.path} → ${m.status}`).toBeDefined();
      expect(r?.status).toBe(m.status);
      expect(r?.principal).toBe('writer');
      if (m.status < 300) expect(r?.operationIds.length).toBeGreaterThan(0);
    }
    for (const r of reads) expect(byRequest.has(r.requestId), `${r.method} ${r.path}`).toBe(false);
    expect(records).toHaveLength(mutations.length);
    expect(records.find((r) => r.requestId === created.requestId)?.operationIds).toEqual([created.json().id]);
    expect(records.find((r) => r.requestId === batch.requestId)?.operationIds).toHaveLength(3);
    const auditLines = api
      .output()
      .split('\n')
      .filter((l) => l.includes('"msg":"audit"'));
    expect(auditLines).toHaveLength(mutations.length);
    expect(JSON.parse(auditLines[0]!).audit).toMatchObject({
      principal: 'writer',
      action: 'namespace.create',
    });

    // Acceptance 3: no secret in any log line or error body.
    const logs = `${api.output()}\n${worker.output()}`;
    const errorBodies = exchanges.filter((x) => x.status >= 400).map((x) => x.text);
    expect(errorBodies.length).toBeGreaterThanOrEqual(10);
    expect(logs.split('\n').length).toBeGreaterThan(50);
    expect(aws.counters().assumeRole).toBeGreaterThan(0);
    expect(aws.counters().tokensAccepted).toBeGreaterThan(0);
    const secrets = [writer.key, admin.key, unknown.key, accessKey.secretAccessKey];
    for (const [name, text] of [
      ['logs', logs],
      ...errorBodies.map((b, i) => [`error body ${i}`, b]),
    ] as Array<[string, string]>) {
      for (const s of secrets) expect(text.includes(s), `${name} holds a secret`).toBe(false);
      for (const s of secrets)
        expect(text.includes(s.slice(4, 24)), `${name} holds part of a secret`).toBe(false);
      expect(text, name).not.toMatch(/ekj_[A-Za-z0-9_-]{8,}/);
      expect(text, name).not.toMatch(/k8s-aws-v1\.[A-Za-z0-9_-]{8,}/);
      expect(text, name).not.toMatch(/Bearer\s+(?!\[REDACTED\])[A-Za-z0-9._~+/-]{8,}/i);
      expect(text, name).not.toMatch(/X-Amz-(Security-Token|Signature|Credential)=(?!\[REDACTED\])/i);
      expect(text, name).not.toMatch(
        /"(sessionToken|SessionToken|secretAccessKey|SecretAccessKey|authorization)":"(?!\[REDACTED\])/,
      );
    }
    // Error bodies name no internal host either (docs/architecture.md §9).
    for (const body of errorBodies) {
      expect(body).not.toContain(new URL(cluster.url).host);
      expect(body).not.toContain(new URL(aws.url).host);
      expect(body).not.toMatch(/\n\s+at /);
    }
  }, 90_000);
});
