import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, test } from 'vitest';
import { generateApiKey } from '../../src/shared/api-keys/index.js';
import type { ServiceProcess } from '../support/process.js';
import { waitFor } from '../support/wait-for.js';
import { startDev, stopDev } from './dev-support.js';

// Acceptance 2 of the security issue, end to end on `npm run dev` as a user runs it: real
// processes (redis-server, devcluster with its EKS/STS side, API, worker), plain HTTP from here.

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'eks-jobs-dev-policy-'));
let dev: ServiceProcess | undefined;
afterAll(async () => {
  await stopDev(dev);
  rmSync(dir, { recursive: true, force: true });
}, 40_000);

const ENFORCE = 'pod-security.kubernetes.io/enforce';
const privilegedJob = {
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { generateName: 'root-' },
  spec: {
    template: {
      spec: {
        restartPolicy: 'Never',
        hostPID: true,
        volumes: [{ name: 'host', hostPath: { path: '/' } }],
        containers: [
          {
            name: 'c',
            image: 'busybox:1.36',
            command: ['true'],
            securityContext: { privileged: true, runAsUser: 0, capabilities: { add: ['SYS_ADMIN'] } },
            volumeMounts: [{ name: 'host', mountPath: '/host' }],
          },
        ],
      },
    },
  },
};

describe('npm run dev: the security boundary end to end', () => {
  test('restricted namespace refuses a privileged Job listing each violation; privileged key in a privileged namespace runs it; a baseline key escapes nowhere', async () => {
    // A baseline team key next to the generated admin key, as a platform team would hand out.
    const team = generateApiKey();
    const keysFile = join(dir, 'team-keys.json');
    writeFileSync(
      keysFile,
      JSON.stringify({
        keys: [
          {
            id: 'team',
            hash: team.hash,
            scopes: { clusters: ['*'], namespaces: ['*'], namespaceCreate: true },
          },
        ],
      }),
      { mode: 0o600 },
    );
    const started = await startDev({ SHUTDOWN_TIMEOUT: '5s' }, ['--api-keys', keysFile], 90_000);
    dev = started.dev;
    const { apiPort } = started;
    const proc = dev;
    const output = proc.output();
    const admin = /export EKS_JOBS_KEY=(\S+)/.exec(output)?.[1];
    expect(admin).toMatch(/^ekj_/);

    // The devcluster's admin token is not printed: the kubectl line reads it from a 0600 file,
    // and that line works as printed.
    const tokenFile = /--token="\$\(cat (\S+)\)"/.exec(output)?.[1];
    expect(tokenFile).toBeDefined();
    const token = readFileSync(tokenFile!, 'utf8');
    expect(token.length).toBeGreaterThan(20);
    expect(output).not.toContain(token);
    expect(statSync(tokenFile!).mode & 0o077).toBe(0);
    const kubectl = /\((kubectl [^)]*\)"[^)]*)\)/.exec(output)?.[1];
    expect(kubectl).toBeDefined();
    // HOME: kubectl keeps its discovery cache there; not in the checkout.
    const listed = await run('sh', ['-c', kubectl!], { env: { PATH: process.env.PATH, HOME: dir } });
    expect(listed.stderr).not.toMatch(/error/i);

    const api = `http://127.0.0.1:${apiPort}`;
    const call = async (method: string, path: string, key: string, json?: unknown, prefer?: string) => {
      const res = await fetch(`${api}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${key}`,
          ...(json ? { 'content-type': 'application/json' } : {}),
          ...(prefer ? { prefer } : {}),
        },
        ...(json ? { body: JSON.stringify(json) } : {}),
      });
      // biome-ignore lint/suspicious/noExplicitAny: answers of several shapes, read field by field.
      return { status: res.status, body: (await res.json()) as Record<string, any> };
    };

    // The admin labels two namespaces: restricted and privileged.
    for (const [name, level] of [
      ['strict', 'restricted'],
      ['open', 'privileged'],
    ] as const) {
      const ns = await call(
        'POST',
        '/v1/namespaces',
        admin!,
        { name, labels: { [ENFORCE]: level } },
        'wait=30',
      );
      expect(ns.status, `namespace ${name}`).toBe(201);
    }
    // The team key may create namespaces, but not label one for Pod Security.
    const relabel = await call('POST', '/v1/namespaces', team.key, {
      name: 'mine',
      labels: { [ENFORCE]: 'privileged' },
    });
    expect(relabel.status).toBe(422);
    expect(relabel.body.error.code).toBe('PolicyViolation');

    // Restricted namespace: even the privileged admin key is held to restricted; every broken
    // rule is listed with Pod Security Admission's own message.
    const refused = await call('POST', '/v1/namespaces/strict/jobs', admin!, privilegedJob);
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('PolicyViolation');
    expect(refused.body.error.details.level).toBe('restricted');
    const checks = refused.body.error.details.violations.map((v: { check: string }) => v.check);
    // At restricted, PSA's restricted checks replace their baseline counterparts
    // (capabilities_restricted for capabilities_baseline, restrictedVolumes for hostPathVolumes).
    expect([...checks].sort()).toEqual([
      'allowPrivilegeEscalation',
      'capabilities_restricted',
      'hostNamespaces',
      'privileged',
      'restrictedVolumes',
      'runAsNonRoot',
      'runAsUser',
      'seccompProfile_restricted',
    ]);
    expect(refused.body.error.details.violations).toContainEqual({
      check: 'privileged',
      message: 'privileged (container "c" must not set securityContext.privileged=true)',
    });

    // Privileged namespace, privileged key: accepted, and the Job runs to completion.
    const accepted = await call('POST', '/v1/namespaces/open/jobs', admin!, privilegedJob, 'wait=60');
    expect(accepted.status).toBe(201);
    const name = accepted.body.target?.name ?? accepted.body.result?.name;
    expect(name).toMatch(/^root-/);
    await waitFor(
      async () => (await call('GET', `/v1/namespaces/open/jobs/${name}`, admin!)).body.phase === 'Succeeded',
      { timeoutMs: 60_000, message: 'the privileged Job to succeed' },
    );

    // The baseline key escapes nowhere: not in the privileged namespace, not by a dry run, not
    // in a batch, not in an unlabelled namespace.
    for (const [path, json] of [
      ['/v1/namespaces/open/jobs', privilegedJob],
      ['/v1/namespaces/open/jobs?dryRun=true', privilegedJob],
      ['/v1/namespaces/default/jobs', privilegedJob],
      ['/v1/batches', { items: [{ namespace: 'open', job: privilegedJob }] }],
    ] as const) {
      const res = await call('POST', path, team.key, json);
      expect(res.status, path).toBe(422);
      expect(res.body.error.code, path).toBe('PolicyViolation');
    }
    const ops = await call('GET', '/v1/operations?limit=100', admin!);
    const jobCreates = ops.body.items.filter((o: { command: string }) => o.command === 'job.create');
    expect(jobCreates).toHaveLength(1);
  }, 180_000);
});
