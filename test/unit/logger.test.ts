import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/shared/logger.js';

function capture() {
  const stream = new PassThrough();
  const chunks: string[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c.toString()));
  const logger = createLogger({ level: 'trace', destination: stream });
  return { logger, output: () => chunks.join('') };
}

// Obviously fake values, shaped like the real thing so pattern-based scrubbing is exercised.
const apiKey = 'ekj_k1_c2VjcmV0LWtleS1tYXRlcmlhbC1mb3ItdGVzdHM';
const awsSecret = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const sessionToken = 'FwoGZXIvYXdzEXAMPLESESSIONTOKENvalue1234567890';
const eksToken =
  'k8s-aws-v1.aHR0cHM6Ly9zdHMudXMtZWFzdC0xLmFtYXpvbmF3cy5jb20vP0FjdGlvbj1HZXRDYWxsZXJJZGVudGl0eQ';

describe('logger redaction', () => {
  it('never writes an Authorization header, an API key or AWS credentials from a logged request', () => {
    const { logger, output } = capture();
    logger.info(
      {
        req: {
          method: 'POST',
          url: '/v1/namespaces/team-a/jobs',
          headers: {
            authorization: `Bearer ${apiKey}`,
            'x-request-id': 'r1',
            'Proxy-Authorization': 'Basic abc',
          },
        },
        aws: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: awsSecret, sessionToken },
        nested: { deeper: { evenDeeper: [{ token: eksToken }] } },
        err: new Error(`upstream said: Authorization: Bearer ${eksToken} for key ${apiKey}`),
      },
      `request with key ${apiKey} and secret_access_key=${awsSecret}`,
    );
    const out = output();
    expect(out).toContain('/v1/namespaces/team-a/jobs');
    expect(out).toContain('x-request-id');
    for (const secret of [apiKey, awsSecret, sessionToken, eksToken, 'Basic abc']) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain('[REDACTED]');
  });

  it('keeps ordinary fields intact', () => {
    const { logger, output } = capture();
    logger.info({ operationId: 'op_123', namespace: 'team-a', attempts: 3 }, 'job created');
    const line = JSON.parse(output());
    expect(line).toMatchObject({
      operationId: 'op_123',
      namespace: 'team-a',
      attempts: 3,
      msg: 'job created',
    });
  });
});
