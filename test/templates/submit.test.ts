import type { V1Job } from '@kubernetes/client-node';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, vi } from 'vitest';
import * as grammar from '../../src/api/templates/grammar.js';
import type { CommandEnvelope } from '../../src/shared/commands/index.js';
import { queueNameOf } from '../../src/shared/operations/queue-names.js';
import { makeKey } from '../security/support/security-app.js';
import { clientsFor, type DevCluster, freshNamespace, startTestDevCluster } from '../support/devcluster.js';
import { expect, test } from '../support/fixtures.js';
import type { TestPostgres } from '../support/postgres.js';
import type { TestRedis } from '../support/redis.js';
import { waitFor } from '../support/wait-for.js';
import { startTemplateStack, type TemplateStack } from './stack.js';

// Submitting templates through the shipped API over HTTP, with PostgreSQL, Redis, the devcluster
// and a real worker: what is rendered is what runs, and what is refused enqueues nothing.

vi.mock('../../src/api/templates/grammar.js', async (importOriginal) => {
  const original = await importOriginal<typeof grammar>();
  return { ...original, parseTemplateString: vi.fn(original.parseTemplateString) };
});

const author = makeKey('author', {
  scopes: { clusters: ['*'], namespaces: ['*'], templateWrite: true },
  policy: { podSecurity: 'privileged' },
});
const team = makeKey('team', { scopes: { clusters: ['*'], namespaces: ['team-a-*'] } });
const strict = makeKey('strict', {
  scopes: { clusters: ['*'], namespaces: ['team-a-*'] },
  policy: { podSecurity: 'restricted' },
});
const outsider = makeKey('outsider', { scopes: { clusters: ['*'], namespaces: ['team-b-*'] } });
const wide = makeKey('wide', { scopes: { clusters: ['*'], namespaces: ['*'] } });

/** Prints its version, the day and the shard (the day's pattern keeps it one shell word). */
function report(version: string) {
  return {
    name: 'report',
    namespaces: ['team-a-*'],
    parameters: [
      { name: 'day', type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', required: true },
      { name: 'shard', type: 'integer', minimum: 0, maximum: 9999, default: 0 },
    ],
    job: {
      generateName: 'report-{{ day }}-',
      image: 'busybox:1.36',
      command: ['sh', '-c', `echo ${version} {{ day }} {{ shard }}`],
      env: { DAY: '{{ day }}', SHARD: '{{ shard | string }}' },
      labels: { day: '{{ day }}' },
    },
  };
}

const privileged = {
  name: 'root-shell',
  namespaces: ['team-a-*'],
  parameters: [{ name: 'cmd', type: 'string', default: 'id' }],
  job: {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { generateName: 'root-' },
    spec: {
      template: {
        spec: {
          restartPolicy: 'Never',
          containers: [
            {
              name: 'c',
              image: 'busybox:1.36',
              command: ['sh', '-c', '{{ cmd }}'],
              securityContext: { privileged: true },
            },
          ],
        },
      },
    },
  },
};

let devcluster: DevCluster;
let stack: TemplateStack;
let ns: string;

beforeAll(async () => {
  devcluster = await startTestDevCluster();
  ns = await freshNamespace(clientsFor(devcluster).core, 'team-a-run');
});
afterAll(async () => {
  await stack?.close();
  await devcluster?.stop();
});

/** The file's stack, started once with the file's PostgreSQL and Redis. */
async function started(fixtures: { redis: TestRedis; postgres: TestPostgres }): Promise<TemplateStack> {
  stack ??= await startTemplateStack({
    redis: fixtures.redis,
    postgres: fixtures.postgres,
    devcluster,
    keys: [author, team, strict, outsider, wide],
    worker: true,
  });
  return stack;
}

const jobOf = (name: string) => devcluster.store.get('jobs', ns, name) as V1Job | undefined;

async function logOf(s: TemplateStack, name: string): Promise<string> {
  await waitFor(() => jobOf(name)?.status?.succeeded === 1, {
    timeoutMs: 30_000,
    message: `Job ${name} to succeed`,
  });
  const res = await fetch(`${s.url}/v1/namespaces/${ns}/jobs/${name}/logs`, {
    headers: { authorization: `Bearer ${team.key}` },
  });
  expect(res.status).toBe(200);
  return res.text();
}

describe('submitting a template', () => {
  test('by name runs the newest revision, by name:rev the one named, with the rendered values', async ({
    redis,
    postgres,
  }) => {
    const s = await started({ redis, postgres });
    expect((await s.call(author, 'POST', '/v1/templates', { json: report('v1') })).status).toBe(201);
    expect((await s.call(author, 'PUT', '/v1/templates/report', { json: report('v2') })).status).toBe(200);

    const newest = await s.call(team, 'POST', `/v1/namespaces/${ns}/jobs`, {
      json: { template: 'report', parameters: { day: '2025-01-31', shard: 7 } },
      headers: { prefer: 'wait=30' },
    });
    expect(newest.status).toBe(201);
    const name: string = newest.body.target.name;
    expect(name).toMatch(/^report-2025-01-31-[a-z0-9]{5}$/);
    expect(jobOf(name)?.metadata?.labels).toMatchObject({
      'eks-jobs/template': 'report',
      'eks-jobs/template-revision': '2',
      day: '2025-01-31',
    });
    expect(await logOf(s, name)).toBe('v2 2025-01-31 7\n');

    const pinned = await s.call(team, 'POST', `/v1/namespaces/${ns}/jobs`, {
      json: { template: 'report:1', parameters: { day: '2024-12-24' } },
      headers: { prefer: 'wait=30' },
    });
    expect(pinned.status).toBe(201);
    const first: string = pinned.body.target.name;
    expect(jobOf(first)?.metadata?.labels?.['eks-jobs/template-revision']).toBe('1');
    expect(await logOf(s, first)).toBe('v1 2024-12-24 0\n');

    const none = await s.call(team, 'POST', `/v1/namespaces/${ns}/jobs`, {
      json: { template: 'report:3', parameters: { day: '2025-01-31' } },
    });
    expect(none.status).toBe(422);
    expect(none.body.error.details.issues).toEqual([
      { path: 'template', message: 'template "report" has no revision 3' },
    ]);
  });

  test('a missing required parameter, a wrong type or an injected placeholder is a 422 naming it; nothing is enqueued', async ({
    redis,
    postgres,
  }) => {
    const s = await started({ redis, postgres });
    await s.call(author, 'POST', '/v1/templates', { json: { ...report('v1'), name: 'checked' } });
    const path = `/v1/clusters/idle/namespaces/${ns}/jobs`;
    const before = await s.operations.depth('idle');
    for (const [parameters, parameter, message] of [
      [{ shard: 1 }, 'day', /required parameter "day" is missing/],
      [{ day: '2025-01-31', shard: '7' }, 'shard', /expected an integer, got string "7"/],
      [{ day: '{{ shard }}' }, 'day', /must not contain a placeholder/],
      [{ day: '2025-01-31', colour: 'red' }, 'colour', /unknown parameter "colour"/],
    ] as const) {
      const res = await s.call(team, 'POST', path, { json: { template: 'checked', parameters } });
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('ValidationFailed');
      const issues = res.body.error.details.issues as Array<{ path: string; parameter: string }>;
      expect(issues.map((i) => [i.path, i.parameter])).toEqual(
        issues.map(() => [`parameters.${parameter}`, parameter]),
      );
      expect(issues).toContainEqual(expect.objectContaining({ message: expect.stringMatching(message) }));
      // The dry run refuses it the same way.
      const dry = await s.call(team, 'POST', `${path}?dryRun=true`, {
        json: { template: 'checked', parameters },
      });
      expect(dry.status).toBe(422);
    }
    expect(await s.operations.depth('idle')).toBe(before);
    // The same submission with good values is enqueued: the refusals above were the values'.
    const good = await s.call(team, 'POST', path, {
      json: { template: 'checked', parameters: { day: '2025-01-31' } },
    });
    expect(good.status).toBe(202);
    expect(await s.operations.depth('idle')).toBe(before + 1);
  });

  test("a rendered Job that breaks the key's pod-security level is refused with the policy 422", async ({
    redis,
    postgres,
  }) => {
    const s = await started({ redis, postgres });
    expect((await s.call(author, 'POST', '/v1/templates', { json: privileged })).status).toBe(201);
    const path = `/v1/clusters/idle/namespaces/${ns}/jobs`;
    const before = await s.operations.depth('idle');
    const refused = await s.call(strict, 'POST', path, { json: { template: 'root-shell' } });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('PolicyViolation');
    expect(refused.body.error.details.level).toBe('restricted');
    expect(refused.body.error.details.violations).toContainEqual({
      check: 'privileged',
      message: 'privileged (container "c" must not set securityContext.privileged=true)',
    });
    const batch = await s.call(strict, 'POST', '/v1/clusters/idle/batches', {
      json: { items: [{ namespace: ns, template: 'root-shell', parameters: {} }] },
    });
    expect(batch.status).toBe(422);
    expect(batch.body.error.code).toBe('PolicyViolation');
    expect(await s.operations.depth('idle')).toBe(before);
    // The key that may run privileged pods may run it: the refusal is the strict key's level.
    const allowed = await s.call(author, 'POST', path, { json: { template: 'root-shell' } });
    expect(allowed.status).toBe(202);
  });

  test('a template runs only where both the key and the template allow', async ({ redis, postgres }) => {
    const s = await started({ redis, postgres });
    await s.call(author, 'POST', '/v1/templates', { json: { ...report('v1'), name: 'scoped' } });
    const json = { template: 'scoped', parameters: { day: '2025-01-31' } };
    const before = await s.operations.depth('idle');
    // The key may use team-b-1, the template may not be used there.
    const elsewhere = await s.call(wide, 'POST', '/v1/clusters/idle/namespaces/team-b-1/jobs', { json });
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body.error.details.scope).toBe('template');
    expect(elsewhere.body.error.message).toContain('may not be used in namespace "team-b-1"');
    // A key that may use no namespace of the template does not see it.
    const unseen = await s.call(outsider, 'POST', '/v1/clusters/idle/namespaces/team-b-1/jobs', { json });
    expect(unseen.status).toBe(422);
    expect(unseen.body.error.details.issues).toEqual([{ path: 'template', message: 'no template "scoped"' }]);
    // The template allows team-a-*, the key does not: the key's own scope decides first.
    const keyScope = await s.call(outsider, 'POST', `/v1/clusters/idle/namespaces/${ns}/jobs`, { json });
    expect(keyScope.status).toBe(403);
    expect(keyScope.body.error.details.scope).toBe('namespaces');
    // In a batch, each item out of the template's namespaces is listed.
    const batch = await s.call(wide, 'POST', '/v1/clusters/idle/batches', {
      json: {
        items: [
          { namespace: ns, ...json },
          { namespace: 'team-b-1', ...json },
          { namespace: 'team-b-2', ...json },
        ],
      },
    });
    expect(batch.status).toBe(403);
    expect(batch.body.error.details.items.map((i: { index: number }) => i.index)).toEqual([1, 2]);
    expect(await s.operations.depth('idle')).toBe(before);
  });

  test('a batch of 1,000 parameter sets of one template: compiled once, every item enqueued with its values', async ({
    redis,
    postgres,
  }) => {
    const s = await started({ redis, postgres });
    await s.call(author, 'POST', '/v1/templates', { json: { ...report('v1'), name: 'sharded' } });
    // The first submission compiles the revision; the batch then renders without parsing again.
    const warm = await s.call(team, 'POST', `/v1/clusters/idle/namespaces/${ns}/jobs`, {
      json: { template: 'sharded', parameters: { day: '2025-02-01' } },
    });
    expect(warm.status).toBe(202);
    const parses = vi.mocked(grammar.parseTemplateString).mock.calls.length;
    const items = Array.from({ length: 1000 }, (_, shard) => ({
      namespace: ns,
      template: 'sharded',
      parameters: { day: '2025-02-01', shard },
    }));
    const before = await s.operations.depth('idle');
    const accepted = await s.call(team, 'POST', '/v1/clusters/idle/batches', { json: { items } });
    expect(accepted.status).toBe(202);
    expect(accepted.body.total).toBe(1000);
    expect(vi.mocked(grammar.parseTemplateString).mock.calls.length).toBe(parses);
    expect(await s.operations.depth('idle')).toBe(before + 1000);
    const progress = await s.call(team, 'GET', `/v1/clusters/idle/batches/${accepted.body.id}`);
    expect(progress.body).toMatchObject({ total: 1000, queued: 1000 });

    // A sample of the enqueued commands: each item's Job carries its own shard and the template labels.
    const queue = new Queue(queueNameOf('idle'), {
      connection: { url: redis.url },
      prefix: s.prefix,
    });
    try {
      for (const shard of [0, 1, 499, 998, 999]) {
        const op = accepted.body.operations[shard];
        const job = await queue.getJob(op.id);
        expect(job, `the command of item ${shard}`).toBeDefined();
        const manifest = (job!.data as CommandEnvelope).payload as { manifest: V1Job };
        const env = manifest.manifest.spec?.template.spec?.containers[0]?.env;
        expect(env).toEqual([
          { name: 'DAY', value: '2025-02-01' },
          { name: 'SHARD', value: String(shard) },
        ]);
        expect(manifest.manifest.metadata?.labels).toMatchObject({
          'eks-jobs/template': 'sharded',
          'eks-jobs/template-revision': '1',
          'eks-jobs/batch': accepted.body.id,
        });
        expect(op.name).toMatch(/^report-2025-02-01-[a-z0-9]{5}$/);
      }
    } finally {
      await queue.close();
    }
    expect(new Set(accepted.body.operations.map((o: { name: string }) => o.name)).size).toBe(1000);
  }, 60_000);

  test('a batch with bad parameter sets names each at items[i].parameters.<name>; nothing is enqueued', async ({
    redis,
    postgres,
  }) => {
    const s = await started({ redis, postgres });
    await s.call(author, 'POST', '/v1/templates', { json: { ...report('v1'), name: 'batched' } });
    const items: Array<Record<string, unknown>> = Array.from({ length: 10 }, (_, shard) => ({
      namespace: ns,
      template: 'batched',
      parameters: { day: '2025-03-01', shard },
    }));
    items[3] = { namespace: ns, template: 'batched', parameters: { shard: 3 } };
    items[7] = { namespace: ns, template: 'batched', parameters: { day: '2025-03-01', shard: 'seven' } };
    items[8] = { namespace: ns, template: 'no-such-template', parameters: {} };
    items[9] = { namespace: ns, job: { generateName: 'plain-', image: 'busybox:1.36' } };
    const before = await s.operations.depth('idle');
    const refused = await s.call(team, 'POST', '/v1/clusters/idle/batches', { json: { items } });
    expect(refused.status).toBe(422);
    expect(refused.body.error.details.items.map((i: { index: number }) => i.index)).toEqual([3, 7, 8]);
    expect(refused.body.error.details.issues).toEqual([
      expect.objectContaining({ path: 'items[3].parameters.day', parameter: 'day' }),
      expect.objectContaining({ path: 'items[7].parameters.shard', parameter: 'shard' }),
      { path: 'items[8].template', message: 'no template "no-such-template"' },
    ]);
    expect(await s.operations.depth('idle')).toBe(before);
  });

  test('batch items of a template run on the cluster, a Job item beside them', async ({
    redis,
    postgres,
  }) => {
    const s = await started({ redis, postgres });
    await s.call(author, 'POST', '/v1/templates', { json: { ...report('v3'), name: 'small' } });
    const accepted = await s.call(team, 'POST', '/v1/batches', {
      json: {
        items: [
          { namespace: ns, template: 'small', parameters: { day: '2025-04-01', shard: 1 } },
          { namespace: ns, template: 'small:1', parameters: { day: '2025-04-01', shard: 2 } },
          { namespace: ns, job: { generateName: 'plain-', image: 'busybox:1.36', command: ['true'] } },
        ],
      },
    });
    expect(accepted.status).toBe(202);
    const [one, two] = accepted.body.operations as Array<{ name: string }>;
    expect(await logOf(s, one!.name)).toBe('v3 2025-04-01 1\n');
    expect(await logOf(s, two!.name)).toBe('v3 2025-04-01 2\n');
  });
});
