import { sql } from 'kysely';
import { afterAll, describe } from 'vitest';
import { createEksJobsClient, EksJobsError } from '../../src/sdk/index.js';
import { makeKey } from '../security/support/security-app.js';
import { type DevCluster, startTestDevCluster } from '../support/devcluster.js';
import { expect, test } from '../support/fixtures.js';
import type { TestPostgres } from '../support/postgres.js';
import type { TestRedis } from '../support/redis.js';
import { waitFor } from '../support/wait-for.js';
import { startTemplateStack, type TemplateStack } from './stack.js';

// The template routes against the shipped API over HTTP, with the suite's PostgreSQL and Redis:
// revisions, concurrency, soft delete, paging, who may see and write what, and the answer of a
// server without a database.

const writer = makeKey('writer', {
  scopes: { clusters: ['*'], namespaces: ['team-a-*'], templateWrite: true },
});
const reader = makeKey('reader', { scopes: { clusters: ['*'], namespaces: ['team-a-x'] } });
const other = makeKey('other', {
  scopes: { clusters: ['*'], namespaces: ['team-b-*'], templateWrite: true },
});
const everywhere = makeKey('everywhere', {
  scopes: { clusters: ['*'], namespaces: ['*'], templateWrite: true },
});
const auditor = makeKey('auditor', { scopes: { clusters: ['*'], namespaces: ['*'], admin: true } });
const keys = [writer, reader, other, everywhere, auditor];

function definition(name: string, greeting = 'hello') {
  return {
    name,
    description: `says ${greeting}`,
    parameters: [{ name: 'who', type: 'string' as const, pattern: '^[a-z]+$', required: true }],
    job: {
      generateName: `${name}-`,
      image: 'busybox:1.36',
      command: ['sh', '-c', `echo ${greeting} "$WHO"`],
      env: { WHO: '{{ who }}' },
    },
  };
}

let devcluster: DevCluster;
afterAll(async () => {
  await devcluster?.stop();
});

async function stackWithDatabase(redis: TestRedis, postgres: TestPostgres) {
  devcluster ??= await startTestDevCluster();
  return startTemplateStack({ redis, postgres, devcluster, keys });
}

describe('template routes', () => {
  test('create, revise with If-Match, read every revision; a taken name is 409', async ({
    redis,
    postgres,
  }) => {
    const stack = await stackWithDatabase(redis, postgres);
    try {
      const created = await stack.call(writer, 'POST', '/v1/templates', {
        json: { ...definition('greet'), namespaces: ['team-a-*'] },
      });
      expect(created.status).toBe(201);
      expect(created.headers.get('location')).toBe('/v1/templates/greet');
      expect(created.headers.get('etag')).toBe('"1"');
      expect(created.body).toMatchObject({
        name: 'greet',
        revision: 1,
        namespaces: ['team-a-*'],
        description: 'says hello',
        createdBy: 'writer',
        updatedBy: 'writer',
      });

      const taken = await stack.call(writer, 'POST', '/v1/templates', { json: definition('greet', 'hi') });
      expect(taken.status).toBe(409);
      expect(taken.body.error.code).toBe('TemplateExists');

      const revised = await stack.call(writer, 'PUT', '/v1/templates/greet', {
        json: definition('greet', 'hi'),
        headers: { 'if-match': '"1"' },
      });
      expect(revised.status).toBe(200);
      expect(revised.headers.get('etag')).toBe('"2"');
      expect(revised.body).toMatchObject({ revision: 2, description: 'says hi', namespaces: ['team-a-*'] });

      // A writer that read revision 1 loses the race: 412, and nothing changes.
      const stale = await stack.call(writer, 'PUT', '/v1/templates/greet', {
        json: definition('greet', 'hey'),
        headers: { 'if-match': '"1"' },
      });
      expect(stale.status).toBe(412);
      expect(stale.body.error.code).toBe('PreconditionFailed');
      const latest = await stack.call(reader, 'GET', '/v1/templates/greet');
      expect(latest.status).toBe(200);
      expect(latest.headers.get('etag')).toBe('"2"');
      expect(latest.body.job.command).toEqual(['sh', '-c', 'echo hi "$WHO"']);

      const revisions = await stack.call(reader, 'GET', '/v1/templates/greet/revisions');
      expect(revisions.status).toBe(200);
      expect(revisions.body.items.map((r: { revision: number }) => r.revision)).toEqual([2, 1]);
      const first = await stack.call(reader, 'GET', '/v1/templates/greet/revisions/1');
      expect(first.status).toBe(200);
      expect(first.headers.get('etag')).toBe('"1"');
      expect(first.body).toMatchObject({ name: 'greet', revision: 1, createdBy: 'writer' });
      expect(first.body.job.command).toEqual(['sh', '-c', 'echo hello "$WHO"']);
      const missing = await stack.call(reader, 'GET', '/v1/templates/greet/revisions/3');
      expect(missing.status).toBe(404);
      expect(missing.body.error.code).toBe('TemplateNotFound');

      // The body may not name another template than the path.
      const renamed = await stack.call(writer, 'PUT', '/v1/templates/greet', { json: definition('other') });
      expect(renamed.status).toBe(422);
      expect(renamed.body.error.details.issues).toEqual([expect.objectContaining({ path: 'name' })]);

      // Every write is audited by name, refusals included.
      const audit = await waitFor(
        async () => {
          const res = await stack.call(auditor, 'GET', '/v1/audit?limit=50');
          const records = res.body.items.filter((r: { action: string }) => r.action.startsWith('template.'));
          return records.length >= 5 ? records : undefined;
        },
        { message: 'the template writes in the audit trail' },
      );
      expect(
        audit
          .map((r: { action: string; status: number; target: { name?: string } }) =>
            [r.action, r.status, r.target.name ?? ''].join(' '),
          )
          .reverse(),
      ).toEqual([
        'template.create 201 greet',
        'template.create 409 greet',
        'template.revise 200 greet',
        'template.revise 412 greet',
        'template.revise 422 greet',
      ]);
    } finally {
      await stack.close();
    }
  });

  test('the SDK creates, revises and reads templates; a stale revise is a 412 EksJobsError', async ({
    redis,
    postgres,
  }) => {
    const stack = await stackWithDatabase(redis, postgres);
    try {
      const client = createEksJobsClient({ url: stack.url, key: writer.key });
      const created = await client.createTemplate({ ...definition('sdk'), namespaces: ['team-a-x'] });
      expect(created.revision).toBe(1);
      const revised = await client.reviseTemplate('sdk', definition('sdk', 'hi'), {
        ifMatch: created.revision,
      });
      expect(revised.revision).toBe(2);
      const stale = await client
        .reviseTemplate('sdk', definition('sdk', 'hey'), { ifMatch: 1 })
        .catch((e) => e);
      expect(stale).toBeInstanceOf(EksJobsError);
      expect((stale as EksJobsError).code).toBe('PreconditionFailed');
      expect((await client.listTemplateRevisions('sdk')).items.map((r) => r.revision)).toEqual([2, 1]);
      expect((await client.getTemplateRevision('sdk', 1)).description).toBe('says hello');
      expect((await client.listTemplates()).items.map((t) => t.name)).toContain('sdk');
      await client.deleteTemplate('sdk', { ifMatch: 2 });
      const gone = await client.getTemplate('sdk').catch((e) => e);
      expect((gone as EksJobsError).status).toBe(404);
    } finally {
      await stack.close();
    }
  });

  test('a definition with problems is refused whole, and nothing is stored', async ({ redis, postgres }) => {
    const stack = await stackWithDatabase(redis, postgres);
    try {
      const bad = await stack.call(writer, 'POST', '/v1/templates', {
        json: {
          name: 'broken',
          parameters: [
            { name: 'n', type: 'integer', default: 'three' },
            { name: 'unused', type: 'string', default: 'x' },
          ],
          job: { generateName: 'b-', image: 'busybox:1.36', args: ['{{ n | string }}', '{{ nope }}'] },
        },
      });
      expect(bad.status).toBe(422);
      const paths = bad.body.error.details.issues.map((i: { path: string }) => i.path);
      expect(paths).toEqual(
        expect.arrayContaining(['parameters[0].default', 'parameters[1].name', 'job.args[1]']),
      );
      const nul = await stack.call(writer, 'POST', '/v1/templates', {
        json: { ...definition('nul'), description: 'a\u0000b' },
      });
      expect(nul.status).toBe(422);
      expect(nul.body.error.details.issues).toEqual([expect.objectContaining({ path: 'description' })]);
      for (const name of ['broken', 'nul']) {
        expect((await stack.call(writer, 'GET', `/v1/templates/${name}`)).status).toBe(404);
      }
    } finally {
      await stack.close();
    }
  });

  test('a key sees only templates it may use, and writes only within its namespaces', async ({
    redis,
    postgres,
  }) => {
    const stack = await stackWithDatabase(redis, postgres);
    try {
      // No templateWrite: 403 naming the scope, even for patterns within its namespaces.
      const unwritable = await stack.call(reader, 'POST', '/v1/templates', {
        json: { ...definition('mine'), namespaces: ['team-a-x'] },
      });
      expect(unwritable.status).toBe(403);
      expect(unwritable.body.error.details.scope).toBe('templateWrite');
      // Patterns beyond the key's namespaces: 403 naming them.
      const wider = await stack.call(writer, 'POST', '/v1/templates', {
        json: { ...definition('wide'), namespaces: ['team-*', 'team-a-1'] },
      });
      expect(wider.status).toBe(403);
      expect(wider.body.error.details).toEqual({ scope: 'namespaces', patterns: ['team-*'] });

      // The default namespaces are the writer's own.
      const a = await stack.call(writer, 'POST', '/v1/templates', { json: definition('for-a') });
      expect(a.body.namespaces).toEqual(['team-a-*']);
      const b = await stack.call(other, 'POST', '/v1/templates', { json: definition('for-b') });
      expect(b.status).toBe(201);

      // Another team's template does not exist for a key, whatever the route.
      for (const [method, path] of [
        ['GET', '/v1/templates/for-b'],
        ['GET', '/v1/templates/for-b/revisions'],
        ['GET', '/v1/templates/for-b/revisions/1'],
        ['DELETE', '/v1/templates/for-b'],
      ] as const) {
        const res = await stack.call(writer, method, path);
        expect([method, path, res.status, res.body.error.code]).toEqual([
          method,
          path,
          404,
          'TemplateNotFound',
        ]);
      }
      const hijack = await stack.call(writer, 'PUT', '/v1/templates/for-b', {
        json: definition('for-b', 'pwned'),
      });
      expect(hijack.status).toBe(404);
      expect((await stack.call(other, 'GET', '/v1/templates/for-b')).body.revision).toBe(1);

      // Listings hold what each key may use.
      const names = async (key: typeof writer, query = '') =>
        (await stack.call(key, 'GET', `/v1/templates${query}`)).body.items.map(
          (t: { name: string }) => t.name,
        );
      expect(await names(reader)).toEqual(['for-a']);
      expect(await names(other)).toEqual(['for-b']);
      expect(await names(everywhere)).toEqual(['for-a', 'for-b']);
      expect(await names(everywhere, '?namespace=team-b-1')).toEqual(['for-b']);
      // A namespace the key may not use lists nothing.
      expect(await names(reader, '?namespace=team-b-1')).toEqual([]);

      // A writer of team-a-* may not take over a template that also reaches team-b-*.
      const shared = await stack.call(everywhere, 'POST', '/v1/templates', {
        json: { ...definition('shared'), namespaces: ['team-a-*', 'team-b-*'] },
      });
      expect(shared.status).toBe(201);
      const narrowing = await stack.call(writer, 'PUT', '/v1/templates/shared', {
        json: { ...definition('shared', 'hi'), namespaces: ['team-a-*'] },
      });
      expect(narrowing.status).toBe(403);
      expect(narrowing.body.error.details.patterns).toEqual(['team-b-*']);
      expect((await stack.call(writer, 'DELETE', '/v1/templates/shared')).status).toBe(403);
      expect((await stack.call(reader, 'GET', '/v1/templates/shared')).body.revision).toBe(1);
    } finally {
      await stack.close();
    }
  });

  test('delete keeps the revisions; the name created again continues at its next revision', async ({
    redis,
    postgres,
  }) => {
    const stack = await stackWithDatabase(redis, postgres);
    try {
      await stack.call(writer, 'POST', '/v1/templates', { json: definition('daily') });
      await stack.call(writer, 'PUT', '/v1/templates/daily', { json: definition('daily', 'hi') });
      const stale = await stack.call(writer, 'DELETE', '/v1/templates/daily', {
        headers: { 'if-match': '"1"' },
      });
      expect(stale.status).toBe(412);
      const deleted = await stack.call(writer, 'DELETE', '/v1/templates/daily', {
        headers: { 'if-match': '"2"' },
      });
      expect(deleted.status).toBe(204);
      const gone = await stack.call(writer, 'GET', '/v1/templates/daily');
      expect([gone.status, gone.body.error.message]).toEqual([404, 'template "daily" was deleted']);
      expect((await stack.call(writer, 'DELETE', '/v1/templates/daily')).status).toBe(404);
      expect((await stack.call(writer, 'GET', '/v1/templates')).body.items).toEqual([]);
      // Its revisions stay readable, for the history of what they ran.
      const kept = await stack.call(writer, 'GET', '/v1/templates/daily/revisions');
      expect(kept.body.items.map((r: { revision: number }) => r.revision)).toEqual([2, 1]);

      const again = await stack.call(writer, 'POST', '/v1/templates', { json: definition('daily', 'hey') });
      expect(again.status).toBe(201);
      expect(again.headers.get('etag')).toBe('"3"');
      expect(again.body.revision).toBe(3);
      const revisions = await stack.call(writer, 'GET', '/v1/templates/daily/revisions?limit=2');
      expect(revisions.body.items.map((r: { revision: number }) => r.revision)).toEqual([3, 2]);
      const rest = await stack.call(
        writer,
        'GET',
        `/v1/templates/daily/revisions?limit=2&cursor=${revisions.body.nextCursor}`,
      );
      expect(rest.body.items.map((r: { revision: number }) => r.revision)).toEqual([1]);
      expect(rest.body.nextCursor).toBeUndefined();
    } finally {
      await stack.close();
    }
  });

  test('the listing pages by name with a cursor; a cursor it did not make is 422', async ({
    redis,
    postgres,
  }) => {
    const stack = await stackWithDatabase(redis, postgres);
    try {
      for (const name of ['t-e', 't-a', 't-d', 't-b', 't-c']) {
        expect((await stack.call(writer, 'POST', '/v1/templates', { json: definition(name) })).status).toBe(
          201,
        );
      }
      await stack.call(other, 'POST', '/v1/templates', { json: definition('t-bb') });
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await stack.call(
          writer,
          'GET',
          `/v1/templates?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(page.status).toBe(200);
        expect(page.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.body.items.map((t: { name: string }) => t.name));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(['t-a', 't-b', 't-c', 't-d', 't-e']);
      const forged = await stack.call(writer, 'GET', '/v1/templates?cursor=not-a-cursor!');
      expect([forged.status, forged.body.error.code]).toEqual([422, 'InvalidCursor']);
    } finally {
      await stack.close();
    }
  });

  test('the database itself refuses to change a stored revision', async ({ redis, postgres }) => {
    const stack = await stackWithDatabase(redis, postgres);
    try {
      await stack.call(writer, 'POST', '/v1/templates', { json: definition('fixed') });
      const db = stack.database!.db;
      await expect(sql`update template_revisions set definition = '{}'`.execute(db)).rejects.toThrow(
        /immutable/,
      );
      await expect(sql`delete from template_revisions`.execute(db)).rejects.toThrow(/immutable/);
      expect((await stack.call(writer, 'GET', '/v1/templates/fixed/revisions/1')).body.description).toBe(
        'says hello',
      );
    } finally {
      await stack.close();
    }
  });
});

describe('while PostgreSQL is down', () => {
  test('template routes and templated submissions answer 503 with Retry-After, Jobs are still submitted, and templates come back with the database', async ({
    redis,
    postgres,
  }) => {
    const stack = await stackWithDatabase(redis, postgres);
    try {
      await stack.call(writer, 'POST', '/v1/templates', { json: definition('steady') });
      // The suite's server runs with synchronous_commit off: a checkpoint puts what was committed
      // on disk, so the crash below loses nothing and the template is there after the restart.
      await sql`checkpoint`.execute(stack.database!.db);
      await postgres.kill();
      const read = await stack.call(writer, 'GET', '/v1/templates/steady');
      expect([read.status, read.body.error.code, read.headers.get('retry-after')]).toEqual([
        503,
        'DatabaseUnavailable',
        '1',
      ]);
      const submitted = await stack.call(writer, 'POST', '/v1/clusters/idle/namespaces/team-a-1/jobs', {
        json: { template: 'steady', parameters: { who: 'ann' } },
      });
      expect([submitted.status, submitted.body.error.code]).toEqual([503, 'DatabaseUnavailable']);
      const plain = await stack.call(writer, 'POST', '/v1/clusters/idle/namespaces/team-a-1/jobs', {
        json: { generateName: 'plain-', image: 'busybox:1.36' },
      });
      expect(plain.status).toBe(202);
      await postgres.restart();
      const back = await waitFor(
        async () => {
          const res = await stack.call(writer, 'GET', '/v1/templates/steady');
          return res.status === 200 ? res : undefined;
        },
        { timeoutMs: 30_000, message: 'the template to be readable again' },
      );
      expect(back.body.revision).toBe(1);
    } finally {
      await stack.close();
    }
  });
});

describe('without DATABASE_URL', () => {
  let stack: TemplateStack | undefined;
  afterAll(async () => {
    await stack?.close();
  });

  test('template routes answer 404 TemplatesNotConfigured, a templated submission 422; Jobs are submitted as ever', async ({
    redis,
  }) => {
    devcluster ??= await startTestDevCluster();
    stack = await startTemplateStack({ redis, devcluster, keys, worker: true });
    for (const [method, path, json] of [
      ['POST', '/v1/templates', definition('x')],
      ['GET', '/v1/templates', undefined],
      ['GET', '/v1/templates/x', undefined],
      ['PUT', '/v1/templates/x', definition('x')],
      ['DELETE', '/v1/templates/x', undefined],
      ['GET', '/v1/templates/x/revisions', undefined],
      ['GET', '/v1/templates/x/revisions/1', undefined],
    ] as const) {
      const res = await stack.call(everywhere, method, path, json === undefined ? {} : { json });
      expect([method, path, res.status, res.body.error.code]).toEqual([
        method,
        path,
        404,
        'TemplatesNotConfigured',
      ]);
      expect(res.body.error.message).toContain('DATABASE_URL');
    }
    const submitted = await stack.call(everywhere, 'POST', '/v1/namespaces/default/jobs', {
      json: { template: 'x', parameters: {} },
    });
    expect(submitted.status).toBe(422);
    expect(submitted.body.error.details.issues).toEqual([
      { path: 'template', message: expect.stringContaining('DATABASE_URL') },
    ]);
    const batch = await stack.call(everywhere, 'POST', '/v1/batches', {
      json: { items: [{ namespace: 'default', template: 'x', parameters: {} }] },
    });
    expect(batch.status).toBe(422);
    expect(batch.body.error.details.issues).toEqual([
      { path: 'items[0].template', message: expect.stringContaining('DATABASE_URL') },
    ]);
    const job = await stack.call(everywhere, 'POST', '/v1/namespaces/default/jobs', {
      json: { generateName: 'plain-', image: 'busybox:1.36', command: ['true'] },
      headers: { prefer: 'wait=30' },
    });
    expect(job.status).toBe(201);
    expect(job.body.state).toBe('succeeded');
  });
});
