import { randomUUID } from 'node:crypto';
import type { PluginRequest, PluginResponse } from '../plugin.js';
import type { IamStore, Principal } from './iam-store.js';
import { type AuthFailure, authenticateRequest, SIGNATURE_MISMATCH, UNKNOWN_TOKEN } from './request-auth.js';

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

/** STS's query-protocol error for a refused signature. */
function stsAuthError(f: AuthFailure): PluginResponse {
  switch (f.reason) {
    case 'missing':
      return stsError(400, 'MissingAuthenticationToken', 'Request is missing Authentication Token');
    case 'incomplete':
      return stsError(400, 'IncompleteSignature', f.detail);
    case 'unknown-key':
      return stsError(403, 'InvalidClientTokenId', UNKNOWN_TOKEN);
    case 'wrong-service':
      return stsError(
        403,
        'SignatureDoesNotMatch',
        `Credential should be scoped to correct service: '${f.service}'. `,
      );
    case 'expired':
      return stsError(403, 'SignatureDoesNotMatch', f.message);
    case 'bad-signature':
      return stsError(403, 'SignatureDoesNotMatch', SIGNATURE_MISMATCH);
  }
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
  const auth = authenticateRequest(req, 'sts', ctx.iam, ctx.now);
  if ('reason' in auth) return stsAuthError(auth);
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
