import { describe, expect, test } from 'vitest';
import { generateApiKey } from '../../src/shared/api-keys/key-format.js';
import { memoryLogger } from './support/security-app.js';

// Acceptance 3 of issue 7 (and 4 of issue 2), at the logger itself: what a careless handler
// might log about a request never carries its credentials to the output.

const { key } = generateApiKey();
const awsSecret = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYzz9r0dXyZq';
const sessionToken = `IQoJb3JpZ2luX2VjE${'Ab1+/'.repeat(40)}`;
const eksToken = `k8s-aws-v1.${Buffer.from('https://sts.us-west-2.amazonaws.com/?Action=GetCallerIdentity&X-Amz-Signature=abc').toString('base64url')}`;
const secrets = [key, key.slice(4), awsSecret, sessionToken, eksToken.slice(11)];

function expectClean(lines: string[]) {
  expect(lines.length).toBeGreaterThan(0);
  const out = lines.join('\n');
  for (const s of secrets) expect(out).not.toContain(s);
}

describe('the logger never writes credentials', () => {
  test('a logged request: Authorization header, API key, AWS credentials', () => {
    const { logger, lines } = memoryLogger();
    logger.info(
      {
        req: {
          method: 'POST',
          url: `/v1/namespaces/a/jobs?api_key=${key}`,
          headers: {
            authorization: `Bearer ${key}`,
            'x-api-key': key,
            'x-amz-security-token': sessionToken,
            cookie: `session=${key}`,
          },
        },
        aws: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: awsSecret, sessionToken },
        env: { AWS_SECRET_ACCESS_KEY: awsSecret, AWS_SESSION_TOKEN: sessionToken },
        cluster: { token: eksToken, bearerToken: eksToken },
      },
      'request',
    );
    expectClean(lines);
    const line = JSON.parse(lines[0]!);
    expect(line.req.method).toBe('POST');
    expect(line.req.headers.authorization).toBe('[REDACTED]');
  });

  test('secrets inside messages, errors and free text', () => {
    const { logger, lines } = memoryLogger();
    logger.warn(`retrying with Authorization: Bearer ${key}`);
    logger.error(
      { err: new Error(`401 from https://k8s/api with token ${eksToken} and key ${key}`) },
      'failed',
    );
    logger.info({ detail: `aws_secret_access_key=${awsSecret}` }, 'config dump');
    logger.info(
      {
        url: `https://sts.amazonaws.com/?X-Amz-Security-Token=${encodeURIComponent(sessionToken)}&X-Amz-Signature=deadbeef`,
      },
      'presigned',
    );
    logger.info({ nested: { deeper: [{ headers: { Authorization: `Bearer ${key}` } }] } }, 'deep');
    expectClean(lines);
    expect(lines).toHaveLength(5);
    expect(lines.join('\n')).not.toContain('deadbeef');
  });
});
