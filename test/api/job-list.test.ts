/**
 * Job lists against a devcluster with real workers: phase, creation-time, operation and batch
 * filters, and `GET /v1/jobs` across the namespaces a key may read — paged through with small
 * limits, every matching Job exactly once, never a Job of a namespace out of the key's scope.
 */
import type { V1Job } from '@kubernetes/client-node';
import { describe, expect } from 'vitest';
import { jobPhase } from '../../src/api/job-status.js';
import { generateApiKey, parseApiKeys } from '../../src/shared/api-keys/index.js';
import { clientsFor } from '../support/devcluster.js';
import { test as fixtureTest } from '../support/fixtures.js';
import { waitFor } from '../support/wait-for.js';
import { type ApiStack, body, shortJob, startApiStack } from './support.js';

const NAMESPACES = ['team-a', 'team-a2', 'team-b', 'other'];
const IN_SCOPE = ['team-a', 'team-a2'];

interface ListEnv {
  stack: ApiStack;
  admin: Record<string, string>;
  teamA: Record<string, string>;
  batchId: string;
  /** The Job made by one operation on its own, after every batch Job's creation second. */
  late: { operationId: string; namespace: string; name: string };
  /** Jobs in the devcluster now. */
  jobs(): V1Job[];
}

const test = fixtureTest.extend('env', { scope: 'file' }, async ({ redis }, { onCleanup }) => {
  const admin = generateApiKey();
  const teamA = generateApiKey();
  const keys = parseApiKeys({
    keys: [
      { id: 'admin', hash: admin.hash, scopes: { clusters: ['*'], namespaces: ['*'] } },
      { id: 'team-a', hash: teamA.hash, scopes: { clusters: ['dev'], namespaces: ['team-a*'] } },
    ],
  });
  const stack = await startApiStack({ redis, keys });
  onCleanup(() => stack.close());
  const { core, batch } = clientsFor(stack.devcluster);
  for (const name of NAMESPACES) await core.createNamespace({ body: { metadata: { name } } });
  const adminHeaders = { authorization: `Bearer ${admin.key}` };
  // In every namespace: two Jobs that fail, one that succeeds, one that keeps running.
  const kinds = [
    ['fail-1', 'exit 1'],
    ['fail-2', 'exit 1'],
    ['ok', 'echo ok'],
    ['run', 'sleep 100000'],
  ] as const;
  const items = NAMESPACES.flatMap((namespace) =>
    kinds.map(([name, script]) => ({ namespace, job: shortJob({ name }, script, { backoffLimit: 0 }) })),
  );
  const created = await stack.call('POST', '/v1/batches', { json: { items }, headers: adminHeaders });
  expect(created.status).toBe(202);
  const batchId = (await body(created)).id as string;
  await waitFor(
    async () =>
      (await body(await stack.call('GET', `/v1/batches/${batchId}`, { headers: adminHeaders }))).done,
    {
      timeoutMs: 30_000,
      message: 'the batch to be created',
    },
  );
  // A Job eks-jobs does not manage: namespace lists show it, /v1/jobs does not.
  await batch.createNamespacedJob({
    namespace: 'team-a',
    body: {
      metadata: { name: 'unmanaged' },
      spec: {
        backoffLimit: 0,
        template: {
          spec: {
            restartPolicy: 'Never',
            containers: [{ name: 'c', image: 'busybox', command: ['sh', '-c', 'exit 1'] }],
          },
        },
      },
    },
  });
  const jobs = () => stack.devcluster.store.list('jobs') as V1Job[];
  // A later creation second than every Job so far, so a createdAfter can tell them apart.
  const latest = Math.max(...jobs().map((j) => new Date(j.metadata?.creationTimestamp ?? 0).getTime()));
  await waitFor(() => Date.now() >= latest + 1000, { message: 'the next second' });
  const lateRes = await stack.call('POST', '/v1/namespaces/team-a2/jobs', {
    json: shortJob({ name: 'late' }, 'exit 1', { backoffLimit: 0 }),
    headers: adminHeaders,
  });
  const operationId = (await body(lateRes)).id as string;
  await waitFor(
    async () => {
      const op = await body(
        await stack.call('GET', `/v1/operations/${operationId}`, { headers: adminHeaders }),
      );
      return op.state === 'succeeded';
    },
    { timeoutMs: 15_000, message: 'the late Job to be created' },
  );
  const settled = (j: V1Job) => {
    const name = j.metadata?.name ?? '';
    const phase = jobPhase(j).phase;
    if (name.startsWith('fail') || name === 'unmanaged' || name === 'late') return phase === 'Failed';
    return name === 'ok' ? phase === 'Succeeded' : phase === 'Running';
  };
  await waitFor(() => jobs().length === 18 && jobs().every(settled), {
    timeoutMs: 30_000,
    message: 'every Job to reach its phase',
  });
  const env: ListEnv = {
    stack,
    admin: adminHeaders,
    teamA: { authorization: `Bearer ${teamA.key}` },
    batchId,
    late: { operationId, namespace: 'team-a2', name: 'late' },
    jobs,
  };
  return env;
});

type Item = { namespace: string; name: string; phase: string; createdAt?: string; batchId?: string };

/** Reads every page of `path` (which has a query) with `headers`; returns the pages. */
async function pages(env: ListEnv, path: string, headers: Record<string, string>): Promise<Item[][]> {
  const out: Item[][] = [];
  let token: string | undefined;
  do {
    const res = await env.stack.call('GET', token ? `${path}&continue=${encodeURIComponent(token)}` : path, {
      headers,
    });
    expect(res.status, path).toBe(200);
    const page = await body(res);
    out.push(page.items);
    token = page.continue;
    expect(out.length, 'pages').toBeLessThan(100);
  } while (token);
  return out;
}

const keyOf = (i: { namespace?: string; name?: string }) => `${i.namespace}/${i.name}`;
const jobKey = (j: V1Job) => keyOf({ namespace: j.metadata?.namespace, name: j.metadata?.name });
const managed = (j: V1Job) => j.metadata?.labels?.['app.kubernetes.io/managed-by'] === 'eks-jobs';

describe('job lists', () => {
  test('GET /v1/jobs?phase=Failed: a key scoped to team-a* pages through exactly its failed Jobs', async ({
    env,
  }) => {
    const expected = env
      .jobs()
      .filter(
        (j) => managed(j) && IN_SCOPE.includes(j.metadata?.namespace ?? '') && jobPhase(j).phase === 'Failed',
      )
      .map(jobKey)
      .sort();
    expect(expected).toHaveLength(5);
    for (const limit of [1, 2, 3]) {
      const got = await pages(env, `/v1/jobs?phase=Failed&limit=${limit}`, env.teamA);
      for (const page of got) expect(page.length).toBeLessThanOrEqual(limit);
      const items = got.flat();
      for (const item of items) {
        expect(IN_SCOPE).toContain(item.namespace);
        expect(item.phase).toBe('Failed');
      }
      expect(items.map(keyOf).sort(), `limit ${limit}`).toEqual(expected);
    }
    // Every phase, in the named-cluster form too: still only team-a* Jobs, each once.
    const all = (await pages(env, '/v1/clusters/dev/jobs?limit=3', env.teamA)).flat();
    expect(new Set(all.map((i) => i.namespace))).toEqual(new Set(IN_SCOPE));
    expect(all.map(keyOf).sort()).toEqual(
      env
        .jobs()
        .filter((j) => managed(j) && IN_SCOPE.includes(j.metadata?.namespace ?? ''))
        .map(jobKey)
        .sort(),
    );
  });

  test('GET /v1/jobs for a key of every namespace: eks-jobs’ Jobs across namespaces, by phase', async ({
    env,
  }) => {
    for (const phase of ['Failed', 'Succeeded', 'Running', 'Pending,Suspended']) {
      const got = (await pages(env, `/v1/jobs?phase=${phase}&limit=4`, env.admin)).flat();
      const expected = env
        .jobs()
        .filter((j) => managed(j) && phase.split(',').includes(jobPhase(j).phase))
        .map(jobKey)
        .sort();
      expect(got.map(keyOf).sort(), phase).toEqual(expected);
    }
    const batchJobs = (await pages(env, `/v1/jobs?batch=${env.batchId}&limit=5`, env.admin)).flat();
    expect(batchJobs).toHaveLength(16);
    expect(new Set(batchJobs.map((i) => i.batchId))).toEqual(new Set([env.batchId]));
    const teamBatch = (await pages(env, `/v1/jobs?batch=${env.batchId}&limit=5`, env.teamA)).flat();
    expect(teamBatch.map(keyOf).sort()).toEqual(
      batchJobs
        .filter((i) => IN_SCOPE.includes(i.namespace))
        .map(keyOf)
        .sort(),
    );
    const byOperation = (await pages(env, `/v1/jobs?operation=${env.late.operationId}`, env.teamA)).flat();
    expect(byOperation.map(keyOf)).toEqual([keyOf(env.late)]);
  });

  test('a namespace list filters by phase and creation time, short pages carrying continue', async ({
    env,
  }) => {
    const failed = (await pages(env, '/v1/namespaces/team-a/jobs?phase=Failed&limit=1', env.teamA)).flat();
    // The unmanaged Job is in the namespace, so its list shows it.
    expect(failed.map((i) => i.name).sort()).toEqual(['fail-1', 'fail-2', 'unmanaged']);
    const lateAt = env.jobs().find((j) => jobKey(j) === keyOf(env.late))?.metadata?.creationTimestamp;
    const at = new Date(lateAt as unknown as string).toISOString();
    const after = (
      await pages(env, `/v1/namespaces/team-a2/jobs?createdAfter=${at}&limit=2`, env.teamA)
    ).flat();
    expect(after.map((i) => i.name)).toEqual(['late']);
    const before = (
      await pages(env, `/v1/namespaces/team-a2/jobs?createdBefore=${at}&limit=2`, env.teamA)
    ).flat();
    expect(before.map((i) => i.name).sort()).toEqual(['fail-1', 'fail-2', 'ok', 'run']);
    const range = (
      await pages(
        env,
        `/v1/jobs?createdAfter=2000-01-01&createdBefore=${at}&phase=Failed&limit=10`,
        env.teamA,
      )
    ).flat();
    expect(range).toHaveLength(4);
    const byOp = await body(
      await env.stack.call('GET', `/v1/namespaces/team-a2/jobs?operation=${env.late.operationId}`, {
        headers: env.teamA,
      }),
    );
    expect(byOp.items.map((i: Item) => i.name)).toEqual(['late']);
  });

  test('out of scope, bad filters and foreign cursors are refused in the error envelope', async ({ env }) => {
    const denied = await env.stack.call('GET', '/v1/namespaces/team-b/jobs', { headers: env.teamA });
    expect(denied.status).toBe(403);
    const namespacePage = await body(
      await env.stack.call('GET', '/v1/namespaces/team-a/jobs?limit=1', { headers: env.teamA }),
    );
    expect(namespacePage.continue).toBeTruthy();
    for (const [query, code] of [
      ['phase=Done', 'ValidationFailed'],
      ['phase=Failed,', 'ValidationFailed'],
      ['createdAfter=yesterday', 'ValidationFailed'],
      ['createdAfter=2025-02-01T00:00:00Z&createdBefore=2025-01-01T00:00:00Z', 'ValidationFailed'],
      ['operation=a%20b', 'ValidationFailed'],
      ['limit=0', 'ValidationFailed'],
      ['continue=not-a-cursor', 'InvalidCursor'],
      // A cursor of the team-a namespace list is not one of the list across namespaces.
      [`continue=${encodeURIComponent(namespacePage.continue)}`, 'InvalidCursor'],
    ] as const) {
      const res = await env.stack.call('GET', `/v1/jobs?${query}`, { headers: env.teamA });
      expect(res.status, query).toBe(422);
      const err = (await body(res)).error;
      expect(err.code, query).toBe(code);
      expect(err.requestId, query).toBeTruthy();
    }
  });
});
