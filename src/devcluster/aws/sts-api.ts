import { randomUUID } from 'node:crypto';
import type { PluginRequest, PluginResponse } from '../plugin.js';
import type { IamStore, Principal } from './iam-store.js';
import { authenticateRequest } from './request-auth.js';

const NS = 'https://sts.amazonaws.com/doc/2011-06-15/';

function xmlEscape(v: string): string {
  return v.replace(
    /[<>&'"]/g,
    (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', "'": 'apos', '"': 'quot' }[c]};`,
  );
}

/** An STS query-protocol error document, as the SDK's awsQuery parser reads it. */
export function stsError(status: number, code: string, message: string): PluginResponse {
  const requestId = randomUUID();
  return {
    status,
    headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
    body:
      `<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>${xmlEscape(code)}</Code>` +
      `<Message>${xmlEscape(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
  };
}

function stsResult(action: string, inner: string): PluginResponse {
  const requestId = randomUUID();
  return {
    status: 200,
    headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
    body:
      `<${action}Response xmlns="${NS}"><${action}Result>${inner}</${action}Result>` +
      `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`,
  };
}

/** The GetCallerIdentity result XML body fields of a principal. */
export function callerIdentityXml(p: Principal): string {
  return `<Arn>${xmlEscape(p.arn)}</Arn><UserId>${xmlEscape(p.userId)}</UserId><Account>${p.account}</Account>`;
}

/**
 * STS `GetCallerIdentity` and `AssumeRole` over the query protocol (form POST to `/`, or GET
 * with the action in the query), signed by a known access key. Undefined for other requests.
 */
export function handleSts(
  req: PluginRequest,
  ctx: { iam: IamStore; now: number; onAssumeRole?: (p: Principal) => void },
): PluginResponse | undefined {
  if (req.path !== '/') return undefined;
  const params =
    req.method === 'POST'
      ? new URLSearchParams(req.body.toString('utf8'))
      : req.method === 'GET'
        ? req.query
        : undefined;
  const action = params?.get('Action');
  if (!params || !action) return undefined;
  const auth = authenticateRequest(req, req.path, ctx.iam, ctx.now);
  if ('code' in auth)
    return stsError(auth.code === 'MissingAuthenticationToken' ? 400 : 403, auth.code, auth.message);
  switch (action) {
    case 'GetCallerIdentity':
      return stsResult('GetCallerIdentity', callerIdentityXml(auth));
    case 'AssumeRole': {
      const roleArn = params.get('RoleArn') ?? '';
      const sessionName = params.get('RoleSessionName') ?? '';
      const duration = Number(params.get('DurationSeconds') ?? 3600);
      if (!Number.isInteger(duration) || duration < 900 || duration > 43_200) {
        return stsError(400, 'ValidationError', 'DurationSeconds must be between 900 and 43200');
      }
      const result = ctx.iam.assumeRole(auth, roleArn, sessionName, duration);
      if ('error' in result) {
        return stsError(
          result.error.code === 'AccessDenied' ? 403 : 400,
          result.error.code,
          result.error.message,
        );
      }
      const s = result.principal;
      ctx.onAssumeRole?.(s);
      return stsResult(
        'AssumeRole',
        `<AssumedRoleUser><Arn>${xmlEscape(s.arn)}</Arn><AssumedRoleId>${xmlEscape(s.userId)}</AssumedRoleId></AssumedRoleUser>` +
          `<Credentials><AccessKeyId>${s.accessKeyId}</AccessKeyId><SecretAccessKey>${xmlEscape(s.secretAccessKey)}</SecretAccessKey>` +
          `<SessionToken>${xmlEscape(s.sessionToken ?? '')}</SessionToken>` +
          `<Expiration>${new Date(s.expiresAt ?? ctx.now).toISOString().replace(/\.\d{3}Z$/, 'Z')}</Expiration></Credentials>`,
      );
    }
    default:
      return stsError(400, 'InvalidAction', `Could not find operation ${action} for version 2011-06-15`);
  }
}
