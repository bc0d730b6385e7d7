import { describe, expect, test } from 'vitest';
import type { EksJobsEvent } from '../../src/shared/events/event.js';
import { historyWritesOf, jobVersion, rowsOf } from '../../src/worker/history-rows.js';
import { jobLife } from './events.js';

// The pure mapping of events to history rows: which rows an event makes, how a row's version
// orders the states of one Job, and how two writes of one row in a batch become one.

describe('jobVersion', () => {
  const order: Array<[string, string, unknown]> = [
    ['Pending at 900', 'Pending', '900'],
    ['Running at 5', 'Running', '5'],
    ['Running at 70', 'Running', '70'],
    ['Deleted at 1', 'Deleted', '1'],
    ['Succeeded at 2', 'Succeeded', '2'],
  ];
  test('a later phase is newer than any resourceVersion of an earlier one; within a phase the resourceVersion orders', () => {
    const versions = order.map(([, phase, rv]) => BigInt(jobVersion(phase as never, rv)));
    expect([...versions].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(versions);
  });
  test.each([
    ['absent', undefined],
    ['not a number', 'abc'],
    ['negative', '-3'],
  ])('a resourceVersion that is %s counts as 0', (_name, rv) => {
    expect(jobVersion('Running', rv)).toBe(jobVersion('Running', '0'));
  });
  test('a huge resourceVersion stays inside its phase', () => {
    expect(BigInt(jobVersion('Running', '99999999999999999999'))).toBeLessThan(
      BigInt(jobVersion('Deleted', '0')),
    );
    expect(BigInt(jobVersion('Failed', '99999999999999999999'))).toBeLessThan(2n ** 63n);
  });
});

describe('rowsOf', () => {
  const life = jobLife({ labels: { team: 'a' }, images: ['app:1', 'sidecar:2'], batchId: 'bat_1' });
  const [created, running, succeeded] = life.events as [EksJobsEvent, EksJobsEvent, EksJobsEvent];

  test('a create’s outcome: the operation’s record and the Job’s row as Pending, with who submitted it', () => {
    const rows = rowsOf(created);
    expect(rows.operation).toMatchObject({
      id: life.operationId,
      kind: 'job.create',
      state: 'succeeded',
      namespace: 'team-a',
      name: life.name,
      submitted_by: 'ci',
      batch_id: 'bat_1',
      attempts: 1,
      error_code: null,
    });
    expect(rows.job).toMatchObject({
      uid: life.uid,
      phase: 'Pending',
      operation_id: life.operationId,
      submitted_by: 'ci',
      request_id: created.data.requestId,
      batch_id: 'bat_1',
      images: ['app:1', 'sidecar:2'],
      labels: expect.objectContaining({ team: 'a' }),
      submitted_at: created.data.submittedAt,
      version: jobVersion('Pending', '10'),
    });
  });

  test('job.* events: the phase, counts, times and reason', () => {
    expect(rowsOf(running).job).toMatchObject({
      phase: 'Running',
      active: 1,
      finished_at: null,
      reason: null,
    });
    expect(rowsOf(succeeded).job).toMatchObject({
      phase: 'Succeeded',
      succeeded: 1,
      active: 0,
      started_at: succeeded.data.job?.startTime,
      finished_at: succeeded.data.job?.completionTime,
      version: jobVersion('Succeeded', '30'),
    });
    const failed = jobLife({ outcome: 'failed' }).events[2]!;
    expect(rowsOf(failed).job).toMatchObject({ phase: 'Failed', reason: 'BackoffLimitExceeded', failed: 1 });
  });

  test('a delete’s outcome marks the Job it deleted; a failed operation is recorded with its error', () => {
    const deleted: EksJobsEvent = {
      ...created,
      data: { ...created.data, command: 'job.delete', result: { uid: life.uid, name: life.name } },
    };
    expect(rowsOf(deleted)).toMatchObject({
      deletion: { cluster: 'dev', uid: life.uid, version: jobVersion('Deleted', undefined) },
      operation: { kind: 'job.delete', state: 'succeeded' },
    });
    expect(rowsOf(deleted).job).toBeUndefined();
    const failed: EksJobsEvent = {
      ...created,
      type: 'operation.failed',
      data: { ...created.data, result: undefined, error: { code: 'Forbidden', message: 'no' }, attempts: 3 },
    };
    expect(rowsOf(failed)).toEqual({
      operation: expect.objectContaining({
        state: 'failed',
        error_code: 'Forbidden',
        error_message: 'no',
        attempts: 3,
      }),
    });
  });

  test.each<[string, EksJobsEvent]>([
    ['a retry', { ...created, type: 'operation.retrying' }],
    [
      'a Job event whose uid is no UUID',
      { ...running, data: { ...running.data, job: { ...running.data.job!, uid: 'x' } } },
    ],
    ['a Job event without a namespace', { ...running, data: { ...running.data, namespace: undefined } }],
    ['an event without a cluster', { ...running, data: { ...running.data, cluster: '' } }],
  ])('%s makes no row', (_name, event) => {
    expect(rowsOf(event)).toEqual({});
  });

  test('a time that does not parse is left out, never handed to PostgreSQL', () => {
    const odd: EksJobsEvent = {
      ...succeeded,
      data: { ...succeeded.data, job: { ...succeeded.data.job!, startTime: 'yesterday' } },
    };
    expect(rowsOf(odd).job?.started_at).toBeNull();
  });
});

describe('historyWritesOf', () => {
  test('one write per row: the newest state, with what only an older write knew', () => {
    const life = jobLife();
    const [created, running, succeeded] = life.events as [EksJobsEvent, EksJobsEvent, EksJobsEvent];
    // The watch's events without the operation's facts (it had expired), the create's after them.
    const strip = (e: EksJobsEvent): EksJobsEvent => ({
      ...e,
      data: { ...e.data, principal: '', requestId: undefined, operationId: undefined },
    });
    const writes = historyWritesOf([strip(succeeded), strip(running), created]);
    expect(writes.jobs).toHaveLength(1);
    expect(writes.jobs[0]).toMatchObject({
      phase: 'Succeeded',
      submitted_by: 'ci',
      operation_id: life.operationId,
      version: jobVersion('Succeeded', '30'),
    });
    expect(writes.operations).toHaveLength(1);
  });

  test('the same events twice give the same writes', () => {
    const events = [...jobLife().events, ...jobLife().events];
    expect(historyWritesOf([...events, ...events])).toEqual(historyWritesOf(events));
  });

  test('a re-driven operation: its later outcome is the one written', () => {
    const [created] = jobLife().events as [EksJobsEvent];
    const first: EksJobsEvent = {
      ...created,
      type: 'operation.failed',
      timestamp: '2030-01-01T00:00:00.000Z',
      data: { ...created.data, error: { code: 'Timeout', message: 't' } },
    };
    const later = { ...created, timestamp: '2030-01-01T01:00:00.000Z' };
    expect(historyWritesOf([later, first]).operations).toEqual([
      expect.objectContaining({ state: 'succeeded', finished_at: later.timestamp }),
    ]);
  });
});
