import { describe, expect, test } from 'vitest';
import {
  backoffDelayMs,
  buildCommand,
  COMMAND_NAMES,
  commandCatalog,
  DEFAULT_RETRY_POLICY,
  OPERATION_LABEL,
  operationIdOf,
  parseCommand,
  parseEnvelope,
} from '../../src/shared/commands/index.js';
import {
  buildOperation,
  clusterTag,
  createClusterTagIndex,
  isOperationId,
  newOperationId,
  operationSchema,
} from '../../src/shared/operations/index.js';

const manifest = {
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'hello-abcde', labels: { team: 'a' } },
  spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } } },
};

describe('command catalog', () => {
  test.each([
    ['job.create', { namespace: 'ns', manifest }, true],
    ['job.create', { namespace: 'ns', manifest: { ...manifest, metadata: { generateName: 'x-' } } }, false],
    [
      'job.create',
      { namespace: 'ns', manifest: { ...manifest, metadata: { name: 'a', namespace: 'other' } } },
      false,
    ],
    ['job.create', { namespace: 'Bad_NS', manifest }, false],
    ['job.delete', { namespace: 'ns', name: 'hello' }, true],
    ['job.delete', { namespace: 'ns', name: 'hello', propagationPolicy: 'Sometimes' }, false],
    ['namespace.create', { name: 'team-a', labels: { a: 'b' } }, true],
    ['namespace.create', { name: 'x'.repeat(64) }, false],
    ['namespace.delete', { name: 'team-a' }, true],
    ['namespace.delete', {}, false],
  ])('%s %j valid=%s', (command, payload, valid) => {
    expect(parseCommand(command, payload).ok).toBe(valid);
  });

  test('unknown command names are refused, never defaulted', () => {
    const r = parseCommand('job.patch', {});
    expect(r).toMatchObject({ ok: false, reason: 'UnknownCommand' });
    expect(parseCommand('toString', {})).toMatchObject({ ok: false, reason: 'UnknownCommand' });
  });

  test('job.delete defaults propagationPolicy to Background', () => {
    const r = parseCommand('job.delete', { namespace: 'ns', name: 'j' });
    expect(r.ok && r.value.payload).toMatchObject({ propagationPolicy: 'Background' });
  });

  test('every command has the documented retry defaults (docs/architecture.md §5)', () => {
    for (const name of COMMAND_NAMES) expect(commandCatalog[name].retry).toEqual(DEFAULT_RETRY_POLICY);
    expect(DEFAULT_RETRY_POLICY).toEqual({
      deadlineMs: 86_400_000,
      attempts: 10_000,
      initialDelayMs: 1000,
      maxDelayMs: 60_000,
      attemptTimeoutMs: 30_000,
    });
  });

  test('envelope must name the same command as the job', () => {
    const data = {
      v: 1,
      command: 'job.delete',
      cluster: 'c',
      payload: { namespace: 'n', name: 'j' },
      requestId: 'r',
      principal: 'p',
    };
    expect(parseEnvelope('job.delete', data).ok).toBe(true);
    expect(parseEnvelope('namespace.delete', data)).toMatchObject({ ok: false, reason: 'InvalidPayload' });
    expect(parseEnvelope('job.delete', { ...data, v: 2 })).toMatchObject({ ok: false });
  });
});

describe('management labels', () => {
  test('building a job.create adds them once, overriding client values, without touching the input', () => {
    const input = {
      namespace: 'ns',
      manifest: {
        ...manifest,
        metadata: { ...manifest.metadata, labels: { team: 'a', [OPERATION_LABEL]: 'forged' } },
      },
    };
    const sent = structuredClone(input);
    const built = buildCommand('job.create', input, 'op_x');
    if (!built.ok || built.value.command !== 'job.create') throw new Error('bad fixture');
    const job = built.value.payload.manifest;
    expect(job.metadata.labels).toEqual({
      team: 'a',
      'app.kubernetes.io/managed-by': 'eks-jobs',
      'eks-jobs/operation': 'op_x',
    });
    // The pods carry the managed-by label; the operation label stays on the Job.
    expect((job.spec as { template: { metadata: { labels: object } } }).template.metadata.labels).toEqual({
      'app.kubernetes.io/managed-by': 'eks-jobs',
    });
    expect(input).toEqual(sent);
    expect(operationIdOf(job)).toBe('op_x');
  });

  test('namespace.create is labelled, commands that create nothing are not changed', () => {
    const create = buildCommand('namespace.create', { name: 'n', labels: { a: 'b' } }, 'op_1');
    expect(create.ok && create.value.payload).toEqual({
      name: 'n',
      labels: { a: 'b', 'app.kubernetes.io/managed-by': 'eks-jobs', 'eks-jobs/operation': 'op_1' },
    });
    const del = buildCommand('namespace.delete', { name: 'n' }, 'op_1');
    expect(del.ok && del.value.payload).toEqual({ name: 'n' });
  });
});

describe('operation ids', () => {
  test('are unique, URL-safe, valid label values and locate their cluster', () => {
    const ids = new Set(Array.from({ length: 2000 }, () => newOperationId('prod-eu')));
    expect(ids.size).toBe(2000);
    const locate = createClusterTagIndex(['prod-eu', 'staging']);
    for (const id of ids) {
      expect(isOperationId(id)).toBe(true);
      expect(id).toMatch(/^[a-z0-9]([-a-z0-9_.]{0,61}[a-z0-9])?$/);
      expect(locate(id)).toBe('prod-eu');
    }
    expect(locate(newOperationId('staging'))).toBe('staging');
    expect(locate(newOperationId('unknown'))).toBeUndefined();
    expect(locate('op_../../etc')).toBeUndefined();
  });

  test('sort by creation time', () => {
    const a = newOperationId('c', 1_700_000_000_000);
    const b = newOperationId('c', 1_700_000_000_001);
    expect(a < b).toBe(true);
    expect(clusterTag('c')).toHaveLength(6);
  });
});

describe('backoff', () => {
  const policy = { initialDelayMs: 1000, maxDelayMs: 60_000 };
  test.each([
    [1, 0, 500],
    [1, 0.999999, 1000],
    [2, 0, 1000],
    [3, 0.999999, 4000],
    [7, 0.999999, 60_000],
    [50, 0, 30_000],
  ])('after %i failures with random %d → %i ms', (made, r, expected) => {
    expect(backoffDelayMs(policy, made, () => r)).toBe(expected);
  });
});

describe('operation record', () => {
  const job = {
    id: 'op_1',
    name: 'job.create',
    data: { cluster: 'c', requestId: 'req', principal: 'alice', batchId: 'batch_1' },
    target: { namespace: 'ns', name: 'j' },
    attemptsMade: 2,
    maxAttempts: 10,
    timestamp: 1_700_000_000_000,
    processedOn: 1_700_000_001_000,
    finishedOn: 1_700_000_002_000,
    returnvalue: { uid: 'u', resourceVersion: '7', name: 'j', namespace: 'ns' },
  };
  test('succeeded carries the result and no error', () => {
    const op = buildOperation(job, 'succeeded', { code: 'ClusterError', message: 'x', retryable: true });
    expect(operationSchema.parse(op)).toEqual(op);
    expect(op).toMatchObject({ state: 'succeeded', result: { uid: 'u' }, attempts: { made: 2, max: 10 } });
    expect(op.error).toBeUndefined();
  });
  test('queued after a failed attempt shows the last error and when it retries', () => {
    const op = buildOperation(
      job,
      'queued',
      { code: 'ClusterError', message: 'x', retryable: true, nextRetryAt: 5000 },
      1000,
    );
    expect(op).toMatchObject({
      state: 'queued',
      error: { code: 'ClusterError' },
      nextRetryAt: new Date(5000).toISOString(),
    });
    expect(op.finishedAt).toBeUndefined();
  });
  test('failed by BullMQ itself still explains why', () => {
    const op = buildOperation(
      { ...job, failedReason: 'job stalled more than allowable limit' },
      'failed',
      undefined,
    );
    expect(op.error).toEqual({
      code: 'Internal',
      message: 'job stalled more than allowable limit',
      retryable: false,
    });
  });
});
