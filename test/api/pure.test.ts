import type { V1Job } from '@kubernetes/client-node';
import { describe, expect, test } from 'vitest';
import { canonicalJson } from '../../src/api/idempotency.js';
import { buildJob } from '../../src/api/job-manifest.js';
import { jobPhase, summarizeJob } from '../../src/api/job-status.js';
import { preferWaitSeconds } from '../../src/api/prefer.js';
import { createSingleFlight } from '../../src/api/single-flight.js';
import { dns1123LabelError, NAME_SUFFIX_ALPHABET, resolveGenerateName } from '../../src/shared/kube/names.js';

describe('names', () => {
  test.each([
    ['ok', undefined],
    ['a-b-1', undefined],
    ['', 'must not be empty'],
    ['-a', 'must consist'],
    ['A', 'must consist'],
    ['a'.repeat(64), 'no more than 63'],
  ])('dns1123LabelError(%j)', (name, problem) => {
    const got = dns1123LabelError(name);
    if (problem === undefined) expect(got).toBeUndefined();
    else expect(got).toContain(problem);
  });

  test('generateName: prefix + 5 characters of the Kubernetes alphabet, cut to fit 63', () => {
    expect(resolveGenerateName('job-', () => 0)).toBe('job-bbbbb');
    expect(resolveGenerateName('job-', (max) => max - 1)).toBe('job-99999');
    const long = resolveGenerateName('x'.repeat(80));
    expect(long).toHaveLength(63);
    expect(long.slice(58)).toMatch(new RegExp(`^[${NAME_SUFFIX_ALPHABET}]{5}$`));
  });
});

describe('buildJob', () => {
  const opts = { namespace: 'team-a', random: () => 0 };
  test.each([
    [
      { generateName: 'r-', image: 'busybox' },
      { ok: true, name: 'r-bbbbb' },
    ],
    [
      { name: 'plain', image: 'busybox', command: ['true'], env: { A: '1' } },
      { ok: true, name: 'plain' },
    ],
    [{ image: 'busybox' }, { ok: false, paths: ['name'] }],
    [
      { name: 'UP', image: 'busybox' },
      { ok: false, paths: ['name'] },
    ],
    [
      { generateName: '-bad', image: 'busybox' },
      { ok: false, paths: ['generateName'] },
    ],
    [
      { name: 'x', image: 'busybox', labels: { 'bad key!': 'v' } },
      { ok: false, paths: ['labels.bad key!'] },
    ],
    [
      {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: { name: 'm', namespace: 'elsewhere' },
        spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'i' }] } } },
      },
      { ok: false, paths: ['metadata.namespace'] },
    ],
  ] as const)('%j → %j', (input, expected) => {
    const got = buildJob(input as never, opts);
    expect(got.ok).toBe(expected.ok);
    if (got.ok && expected.ok) {
      expect(got.name).toBe(expected.name);
      expect(got.job.metadata).toMatchObject({ name: expected.name, namespace: 'team-a' });
      // The management labels are the job.create command's to add (catalog buildCommand), not the API's.
      expect(got.job.metadata?.labels?.['eks-jobs/operation']).toBeUndefined();
      expect(got.job.metadata?.generateName).toBeUndefined();
      expect(got.job.spec?.template.spec?.restartPolicy).toBe('Never');
    }
    if (!got.ok && !expected.ok) expect(got.issues.map((i) => i.path.join('.'))).toEqual(expected.paths);
  });

  test('a full manifest is named in a copy: the body (fingerprinted for Idempotency-Key) stays as sent', () => {
    const body = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { generateName: 'm-', labels: { team: 'a' } },
      spec: {
        template: {
          metadata: { labels: { pod: 'x' } },
          spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'i' }] },
        },
      },
    };
    const sent = structuredClone(body);
    const got = buildJob(body as never, opts);
    expect(got.ok && got.job.metadata).toMatchObject({ name: 'm-bbbbb', labels: { team: 'a' } });
    expect(got.ok && got.job.spec?.template.metadata?.labels).toEqual({ pod: 'x' });
    expect(body).toEqual(sent);
  });

  test('short form maps every field onto the Job', () => {
    const got = buildJob(
      {
        name: 'full',
        image: 'img',
        command: ['sh'],
        args: ['-c', 'x'],
        env: [{ name: 'A', value: '1' }],
        resources: { limits: { memory: '1Gi' } },
        annotations: { a: 'b' },
        backoffLimit: 2,
        activeDeadlineSeconds: 30,
        ttlSecondsAfterFinished: 60,
        serviceAccountName: 'sa',
      },
      opts,
    );
    expect(got.ok && got.job.spec).toMatchObject({
      backoffLimit: 2,
      activeDeadlineSeconds: 30,
      ttlSecondsAfterFinished: 60,
      template: {
        spec: {
          serviceAccountName: 'sa',
          containers: [
            {
              name: 'main',
              image: 'img',
              command: ['sh'],
              args: ['-c', 'x'],
              env: [{ name: 'A', value: '1' }],
            },
          ],
        },
      },
    });
  });
});

describe('job status', () => {
  const cond = (type: string, reason?: string) => ({ type, status: 'True', ...(reason ? { reason } : {}) });
  test.each([
    [{}, 'Pending'],
    [{ status: { active: 1 } }, 'Running'],
    [{ status: { conditions: [cond('Complete')] } }, 'Succeeded'],
    [{ status: { conditions: [cond('SuccessCriteriaMet')] } }, 'Succeeded'],
    [{ status: { conditions: [cond('FailureTarget', 'DeadlineExceeded')] } }, 'Failed'],
    [{ status: { conditions: [cond('Failed', 'BackoffLimitExceeded')] } }, 'Failed'],
    [{ spec: { suspend: true, template: {} } }, 'Suspended'],
    [{ status: { conditions: [cond('Suspended')] } }, 'Suspended'],
  ])('%j → %s', (job, phase) => {
    expect(jobPhase(job as V1Job).phase).toBe(phase);
  });

  test('summary carries counts, times, reason and the creating operation', () => {
    const s = summarizeJob({
      metadata: { name: 'j', namespace: 'n', uid: 'u', labels: { 'eks-jobs/operation': 'op_9' } },
      status: {
        failed: 2,
        startTime: new Date('2026-01-01T00:00:00Z'),
        conditions: [{ ...cond('Failed', 'BackoffLimitExceeded'), message: 'too many' }],
      },
    } as V1Job);
    expect(s).toMatchObject({
      phase: 'Failed',
      reason: 'BackoffLimitExceeded',
      message: 'too many',
      operationId: 'op_9',
      startTime: '2026-01-01T00:00:00.000Z',
      counts: { failed: 2, active: 0, succeeded: 0 },
    });
  });
});

describe('Prefer and fingerprints', () => {
  test.each([
    [undefined, undefined],
    ['wait=5', 5],
    ['respond-async, wait=10', 10],
    ['wait=600', 60],
    ['wait=abc', undefined],
    ['handling=strict', undefined],
  ])('Prefer %j → %j', (header, wait) => {
    expect(preferWaitSeconds(header)).toBe(wait);
  });

  test('canonical JSON ignores key order', () => {
    expect(canonicalJson({ b: 1, a: [{ y: 2, x: 1 }] })).toBe(canonicalJson({ a: [{ x: 1, y: 2 }], b: 1 }));
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: 2 }));
  });
});

describe('single flight', () => {
  test('concurrent calls with one key share one call; a later call starts a new one; errors reach every waiter', async () => {
    const sf = createSingleFlight();
    let calls = 0;
    let release!: (v: number) => void;
    const fn = () => {
      calls++;
      return new Promise<number>((resolve) => (release = resolve));
    };
    const waiting = Array.from({ length: 50 }, () => sf.run('k', fn));
    expect(sf.inFlight).toBe(1);
    release(7);
    expect(await Promise.all(waiting)).toEqual(Array(50).fill(7));
    expect(calls).toBe(1);
    expect(sf.inFlight).toBe(0);
    const next = sf.run('k', fn);
    release(8);
    expect(await next).toBe(8);
    expect(calls).toBe(2);
    const failing = [sf.run('e', () => Promise.reject(new Error('boom'))), sf.run('e', fn)];
    for (const p of failing) await expect(p).rejects.toThrow('boom');
  });
});
