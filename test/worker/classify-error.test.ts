import { ApiException } from '@kubernetes/client-node';
import { describe, expect, test } from 'vitest';
import { type Classification, classifyError, retryAfterMs } from '../../src/worker/classify-error.js';

function status(
  code: number,
  reason: string,
  message: string,
  details?: object,
  headers: Record<string, string> = {},
) {
  const body = JSON.stringify({
    kind: 'Status',
    apiVersion: 'v1',
    status: 'Failure',
    message,
    reason,
    code,
    details,
  });
  return new ApiException(code, `HTTP-Code: ${code}\nMessage: Unknown API Status Code!`, body, headers);
}

function network(code: string) {
  return new TypeError('fetch failed', { cause: Object.assign(new Error(`socket ${code}`), { code }) });
}

const alreadyExists = status(409, 'AlreadyExists', 'jobs.batch "j" already exists', {
  name: 'j',
  kind: 'jobs',
});
const nsBeingDeleted = status(
  409,
  'AlreadyExists',
  'object is being deleted: namespaces "n" already exists',
  {
    name: 'n',
    kind: 'namespaces',
  },
);
const nsNotFound = status(404, 'NotFound', 'namespaces "n" not found', { name: 'n', kind: 'namespaces' });
const jobNotFound = status(404, 'NotFound', 'jobs.batch "j" not found', {
  name: 'j',
  group: 'batch',
  kind: 'jobs',
});
const nsTerminating = status(
  403,
  'Forbidden',
  'jobs.batch "j" is forbidden: unable to create new content in namespace n because it is being terminated',
  {
    name: 'j',
    kind: 'jobs',
    causes: [
      {
        reason: 'NamespaceTerminating',
        message: 'namespace n is being terminated',
        field: 'metadata.namespace',
      },
    ],
  },
);
const nsDeleteConflict = status(
  409,
  'Conflict',
  'Operation cannot be fulfilled on namespaces "n": The system is ensuring all content is removed from this namespace.',
  { name: 'n', kind: 'namespaces' },
);
const invalid = status(
  422,
  'Invalid',
  'Job.batch "j" is invalid: spec.template.spec.containers: Required value',
  {
    name: 'j',
    kind: 'Job',
    causes: [
      { reason: 'FieldValueRequired', message: 'Required value', field: 'spec.template.spec.containers' },
    ],
  },
);
const badRequest = status(400, 'BadRequest', 'the body of the request was in an unknown format');
const unauthorized = status(401, 'Unauthorized', 'Unauthorized');
const forbidden = status(
  403,
  'Forbidden',
  'jobs.batch is forbidden: User "x" cannot create resource "jobs"',
  { kind: 'jobs' },
);
const tooMany = status(
  429,
  'TooManyRequests',
  'Too many requests, please try again later.',
  {},
  { 'retry-after': '3' },
);
const tooManyNoHeader = status(429, 'TooManyRequests', 'slow down');

type Row = [string, string, unknown, Partial<Classification> & { code?: string; retryAfterMs?: number }];

// One row per line of the docs/architecture.md §5 table (the 2xx row is the handlers' result path; see handlers tests).
const rows: Row[] = [
  ['409 AlreadyExists', 'job.create', alreadyExists, { kind: 'check-ownership' }],
  ['409 AlreadyExists', 'namespace.create', alreadyExists, { kind: 'check-ownership' }],
  ['409 object is being deleted', 'namespace.create', nsBeingDeleted, { kind: 'retry', code: 'Conflict' }],
  ['404', 'job.delete', jobNotFound, { kind: 'succeeded', reason: 'AlreadyGone' }],
  ['404', 'namespace.delete', nsNotFound, { kind: 'succeeded', reason: 'AlreadyGone' }],
  ['404 namespace not found', 'job.create', nsNotFound, { kind: 'fail', code: 'NamespaceNotFound' }],
  ['403 namespace terminating', 'job.create', nsTerminating, { kind: 'fail', code: 'NamespaceTerminating' }],
  [
    '409 on a terminating namespace',
    'namespace.delete',
    nsDeleteConflict,
    { kind: 'succeeded', reason: 'DeletionInProgress' },
  ],
  ['422', 'job.create', invalid, { kind: 'fail', code: 'Invalid' }],
  ['400', 'namespace.create', badRequest, { kind: 'fail', code: 'Invalid' }],
  ['422', 'job.delete', invalid, { kind: 'fail', code: 'Invalid' }],
  ['401', 'job.create', unauthorized, { kind: 'retry', code: 'Unauthorized' }],
  ['401', 'namespace.delete', unauthorized, { kind: 'retry', code: 'Unauthorized' }],
  ['403', 'job.create', forbidden, { kind: 'fail', code: 'Forbidden' }],
  ['403', 'namespace.delete', forbidden, { kind: 'fail', code: 'Forbidden' }],
  [
    '429 Retry-After: 3',
    'job.create',
    tooMany,
    { kind: 'rate-limited', code: 'RateLimited', retryAfterMs: 3000 },
  ],
  ['429 without Retry-After', 'job.delete', tooManyNoHeader, { kind: 'rate-limited', retryAfterMs: 1000 }],
  ['500', 'job.create', status(500, 'InternalError', 'etcd is sad'), { kind: 'retry', code: 'ClusterError' }],
  [
    '503',
    'namespace.create',
    status(503, 'ServiceUnavailable', 'apiserver is shutting down'),
    { kind: 'retry', code: 'ClusterError' },
  ],
  ['504', 'job.delete', status(504, 'Timeout', 'timeout'), { kind: 'retry', code: 'Timeout' }],
  ['timeout', 'job.create', network('UND_ERR_HEADERS_TIMEOUT'), { kind: 'retry', code: 'Timeout' }],
  ['reset', 'job.create', network('ECONNRESET'), { kind: 'retry', code: 'ClusterUnavailable' }],
  ['undici socket', 'job.create', network('UND_ERR_SOCKET'), { kind: 'retry', code: 'ClusterUnavailable' }],
  ['refused', 'namespace.delete', network('ECONNREFUSED'), { kind: 'retry', code: 'ClusterUnavailable' }],
  ['DNS', 'job.delete', network('ENOTFOUND'), { kind: 'retry', code: 'ClusterUnavailable' }],
];

describe('classifyError (docs/architecture.md §5 table)', () => {
  test.each(rows)('%s on %s', (_row, command, err, expected) => {
    const got = classifyError(command as 'job.create', err, 0);
    expect(got.kind).toBe(expected.kind);
    if ('reason' in expected) expect(got).toMatchObject({ reason: expected.reason });
    if (expected.retryAfterMs !== undefined)
      expect(got).toMatchObject({ retryAfterMs: expected.retryAfterMs });
    if (expected.code) {
      expect('error' in got && got.error).toMatchObject({
        code: expected.code,
        retryable: expected.kind !== 'fail',
      });
    }
  });

  test('Invalid carries the cluster causes and the HTTP status', () => {
    const got = classifyError('job.create', invalid);
    expect(got).toEqual({
      kind: 'fail',
      error: {
        code: 'Invalid',
        message: 'Job.batch "j" is invalid: spec.template.spec.containers: Required value',
        retryable: false,
        httpStatus: 422,
        causes: [
          { reason: 'FieldValueRequired', message: 'Required value', field: 'spec.template.spec.containers' },
        ],
      },
    });
  });

  test('AlreadyExists on a delete is not mistaken for a replay', () => {
    expect(classifyError('job.delete', alreadyExists).kind).toBe('retry');
  });
});

describe('retryAfterMs', () => {
  test.each([
    ['1', 1000],
    ['0', 0],
    ['2.5', 2500],
    ['86400', 60_000],
    ['soon', 1000],
    [undefined, 1000],
    [new Date(10_000).toUTCString(), 10_000],
  ])('%s → %i ms', (value, ms) => {
    expect(retryAfterMs(value, 0)).toBe(ms);
  });
});
