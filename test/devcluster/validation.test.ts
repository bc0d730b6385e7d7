import { describe, expect, it } from 'vitest';
import { defaultJob } from '../../src/devcluster/defaults.js';
import { fieldErrorBody, invalid } from '../../src/devcluster/status.js';
import type { Job } from '../../src/devcluster/types.js';
import { validateJob, validateNamespace } from '../../src/devcluster/validation.js';

function job(overrides: Partial<Job['spec']> = {}, name = 'ok'): Job {
  return {
    metadata: { name },
    spec: {
      template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } },
      ...overrides,
    },
  };
}

function errorsOf(j: Job): string[] {
  const d = defaultJob(j, 'uid-1');
  return validateJob(d.job, { generatedSelector: d.generatedSelector }).map(
    (e) => `${e.field}: ${fieldErrorBody(e)}`,
  );
}

describe('validateJob', () => {
  it.each([
    ['a valid job', job(), []],
    [
      'an upper-case name',
      job({}, 'Bad'),
      ['metadata.name: Invalid value: "Bad": a lowercase RFC 1123 subdomain'],
    ],
    [
      'no containers',
      job({ template: { spec: { restartPolicy: 'Never', containers: [] } } }),
      ['spec.template.spec.containers: Required value'],
    ],
    [
      'restartPolicy defaulted to Always',
      job({ template: { spec: { containers: [{ name: 'c', image: 'i' }] } } }),
      [
        'spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"',
      ],
    ],
    [
      'a container without image',
      job({ template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c' }] } } }),
      ['spec.template.spec.containers[0].image: Required value'],
    ],
    [
      'a container without name',
      job({ template: { spec: { restartPolicy: 'Never', containers: [{ image: 'i' }] } } }),
      ['spec.template.spec.containers[0].name: Required value'],
    ],
    [
      'negative backoffLimit',
      job({ backoffLimit: -1 }),
      ['spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0'],
    ],
    [
      'negative parallelism',
      job({ parallelism: -2 }),
      ['spec.parallelism: Invalid value: -2: must be greater than or equal to 0'],
    ],
    [
      'zero activeDeadlineSeconds',
      job({ activeDeadlineSeconds: 0 }),
      ['spec.activeDeadlineSeconds: Invalid value: 0: must be greater than zero'],
    ],
    [
      'a selector without manualSelector',
      job({ selector: { matchLabels: { a: 'b' } } }),
      ['spec.selector: Invalid value: {"matchLabels":{"a":"b"}}: `selector` not auto-generated'],
    ],
  ])('%s', (_what, j, expected) => {
    const errs = errorsOf(j);
    expect(errs.length).toBe(expected.length);
    expected.forEach((prefix, i) => {
      expect(errs[i]).toContain(prefix);
    });
  });

  it('defaults like the API server: completions/parallelism 1, backoffLimit 6, generated selector and labels', () => {
    const { job: d } = defaultJob(job(), 'uid-1');
    expect(d.spec).toMatchObject({
      completions: 1,
      parallelism: 1,
      backoffLimit: 6,
      completionMode: 'NonIndexed',
      suspend: false,
    });
    expect(d.spec.selector).toEqual({ matchLabels: { 'batch.kubernetes.io/controller-uid': 'uid-1' } });
    expect(d.spec.template?.metadata?.labels).toEqual({
      'batch.kubernetes.io/controller-uid': 'uid-1',
      'batch.kubernetes.io/job-name': 'ok',
      'controller-uid': 'uid-1',
      'job-name': 'ok',
    });
    expect(d.metadata.labels).toEqual(d.spec.template?.metadata?.labels);
  });
});

describe('validateNamespace', () => {
  it.each([
    ['ok', 0],
    ['Not_OK', 1],
    ['a'.repeat(64), 1],
  ])('%s → %i error(s)', (name, n) => {
    expect(validateNamespace({ metadata: { name } })).toHaveLength(n);
  });

  it('requires a name or generateName', () => {
    expect(validateNamespace({ metadata: {} }).map(fieldErrorBody)).toEqual([
      'Required value: name or generateName is required',
    ]);
  });
});

describe('invalid()', () => {
  it('inlines one error and brackets several, as errors.NewInvalid does', () => {
    const one = invalid({ group: 'batch', kind: 'Job' }, 'x', [
      { type: 'FieldValueRequired', field: 'spec.a' },
    ]);
    expect(one.message).toBe('Job.batch "x" is invalid: spec.a: Required value');
    const two = invalid({ group: '', kind: 'Namespace' }, 'y', [
      { type: 'FieldValueRequired', field: 'a' },
      { type: 'FieldValueInvalid', field: 'b', value: 1, detail: 'bad' },
    ]);
    expect(two.message).toBe('Namespace "y" is invalid: [a: Required value, b: Invalid value: 1: bad]');
    expect(two.details?.causes).toEqual([
      { reason: 'FieldValueRequired', message: 'Required value', field: 'a' },
      { reason: 'FieldValueInvalid', message: 'Invalid value: 1: bad', field: 'b' },
    ]);
    expect(two.details?.group).toBeUndefined();
  });
});
