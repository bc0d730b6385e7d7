import { afterAll, describe } from 'vitest';
import { parseApiKeys } from '../../src/shared/api-keys/key-file.js';
import { type ApiStack, body, shortJob, startApiStack } from '../api/support.js';
import { clientsFor } from '../support/devcluster.js';
import { expect, test } from '../support/fixtures.js';
import { waitFor } from '../support/wait-for.js';
import { servedRoutes } from './support/api-under-test.js';
import { makeKey } from './support/security-app.js';

// A second, unrelated key walks every route of the shipped app that names an object (an
// operation, a batch, a job, a namespace) and is refused for the objects the first key made.
// Routes are read from `app.routes`, so a route added later is walked too.

const teamA = makeKey('team-a', {
  scopes: { clusters: ['*'], namespaces: ['team-a*'], namespaceCreate: true, namespaceDelete: true },
});
const teamB = makeKey('team-b', { scopes: { clusters: ['*'], namespaces: ['team-b*'] } });
const asA = { authorization: `Bearer ${teamA.key}` };
const asB = { authorization: `Bearer ${teamB.key}` };

let stack: ApiStack | undefined;

describe('a key scoped to team-b*', () => {
  afterAll(async () => {
    await stack?.close();
  });

  test("is refused (403/404) on every id-taking route for team-a's objects", async ({ redis }) => {
    stack = await startApiStack({ redis, keys: parseApiKeys({ keys: [teamA.entry, teamB.entry] }) });
    const s = stack;
    const call = (method: string, path: string, headers: Record<string, string>, json?: unknown) =>
      s.call(method, path, { headers, ...(json !== undefined ? { json } : {}) });
    const operationEnded = (_s: ApiStack, id: string) =>
      waitFor(
        async () => {
          const op = await body(await call('GET', `/v1/operations/${id}`, asA));
          return op.state === 'succeeded' || op.state === 'failed' ? op : undefined;
        },
        { timeoutMs: 15_000, message: `operation ${id} to end` },
      );

    // team-a: a namespace, a job in it, a batch into it, a queued operation and a failed namespace delete.
    const nsCreate = await call('POST', '/v1/namespaces', asA, { name: 'team-a-x' });
    expect(nsCreate.status).toBe(202);
    const nsCreateOp = await body(nsCreate);
    expect((await operationEnded(s, nsCreateOp.id)).state).toBe('succeeded');
    const job = await body(
      await call('POST', '/v1/namespaces/team-a-x/jobs', asA, shortJob({ name: 'job-a' })),
    );
    const batch = await body(
      await call('POST', '/v1/batches', asA, {
        items: [{ namespace: 'team-a-x', job: shortJob({ name: 'batch-a' }) }],
      }),
    );
    expect(batch.operations).toHaveLength(1);
    const queued = await body(
      await call('POST', '/v1/clusters/idle/namespaces/team-a-x/jobs', asA, shortJob({ name: 'idle-a' })),
    );
    expect(queued.state).toBe('queued');
    for (const id of [job.id, batch.operations[0].id]) {
      expect((await operationEnded(s, id)).state).toBe('succeeded');
    }
    const fault = s.devcluster.faults.add({ verb: 'delete', resource: 'namespaces', status: 403, count: 1 });
    const nsDelete = await body(await call('DELETE', '/v1/namespaces/team-a-x', asA));
    const nsDeleteEnded = await operationEnded(s, nsDelete.id);
    expect(nsDeleteEnded.state).toBe('failed');
    expect(s.devcluster.faults.fired(fault)).toBe(1);

    // Every object, under the path parameter names the routes use.
    const devOps = [nsCreateOp.id, job.id, batch.operations[0].id, nsDelete.id];
    const targets: Array<{ cluster: string; id?: string; ns?: string; name?: string }> = [
      ...devOps.map((id) => ({ cluster: 'dev', id })),
      { cluster: 'idle', id: queued.id },
      { cluster: 'dev', id: batch.id },
      { cluster: 'dev', ns: 'team-a-x', name: 'job-a' },
      { cluster: 'dev', name: 'team-a-x' },
      { cluster: 'idle', ns: 'team-a-x', name: 'idle-a' },
    ];
    // Template routes name a template, not a namespace, and need PostgreSQL: who may read or
    // write a template is walked in test/templates/routes.test.ts.
    const idRoutes = servedRoutes(s.app).filter(
      (r) => /:(?!cluster\b)\w+/.test(r.path) && !r.path.startsWith('/v1/templates'),
    );
    // A walk over nothing would pass: operations (3 routes), batches, jobs (4) and namespace delete, on two bases.
    expect(idRoutes.length).toBeGreaterThanOrEqual(18);

    const failures: string[] = [];
    let walked = 0;
    for (const route of idRoutes) {
      const params = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
      for (const t of targets) {
        const values: Record<string, string | undefined> = { ...t };
        if (!params.every((p) => values[p] !== undefined)) continue;
        // `:name` without `:ns` is a namespace; `:ns` with `:name` a job.
        if (params.includes('name') && !params.includes('ns') && t.ns !== undefined) continue;
        if (params.includes('ns') && t.ns === undefined) continue;
        if (!params.includes('cluster') && t.cluster !== 'dev') continue;
        const url = route.path.replace(/:(\w+)/g, (_m, p: string) => encodeURIComponent(values[p]!));
        const json = route.method === 'GET' || route.method === 'DELETE' ? undefined : {};
        const res = await call(route.method, url, asB, json);
        walked++;
        if (res.status !== 403 && res.status !== 404) failures.push(`${route.method} ${url}: ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
    expect(walked).toBeGreaterThanOrEqual(40);

    // Nothing team-b did changed team-a's objects.
    const retried = await call('POST', `/v1/operations/${nsDelete.id}/retry`, asB);
    expect([403, 404]).toContain(retried.status);
    expect((await body(await call('GET', `/v1/operations/${nsDelete.id}`, asA))).state).toBe('failed');
    expect((await body(await call('GET', `/v1/clusters/idle/operations/${queued.id}`, asA))).state).toBe(
      'queued',
    );
    const { core } = clientsFor(s.devcluster);
    expect((await core.readNamespace({ name: 'team-a-x' })).metadata?.name).toBe('team-a-x');
    expect((await core.readNamespace({ name: 'team-a-x' })).metadata?.deletionTimestamp).toBeUndefined();

    // team-a itself may retry its failed delete: the refusal above was about scope, not state.
    const own = await call('POST', `/v1/operations/${nsDelete.id}/retry`, asA);
    expect(own.status).toBe(202);
    await waitFor(async () => (await operationEnded(s, nsDelete.id)).state === 'succeeded', {
      message: 'team-a retry of its namespace delete',
    });
  });
});
