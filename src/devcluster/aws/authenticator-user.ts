import type { TokenUser } from '../user-info.js';

/**
 * The canonical form of an ARN, as aws-iam-authenticator matches and reports it: an assumed-role
 * session becomes its role (`arn:aws:sts::A:assumed-role/R/S` → `arn:aws:iam::A:role/R`, the
 * role's path lost as upstream loses it); other ARNs stay as they are (pkg/arn Canonicalize).
 */
export function canonicalArn(arn: string): string {
  const m = /^arn:(aws[\w-]*):sts::(\d{12}):assumed-role\/([^/]+)\/[^/]+$/.exec(arn);
  return m ? `arn:${m[1]}:iam::${m[2]}:role/${m[3]}` : arn;
}

/**
 * The user aws-iam-authenticator hands the API server for a verified token, with the identity
 * mapped to its ARN (what an EKS access entry without a username does): uid
 * `aws-iam-authenticator:ACCOUNT:USERID` and the `arn`, `canonicalArn`, `sessionName`,
 * `accessKeyId` extras; no groups of its own (pkg/server/server.go authenticateEndpoint,
 * pkg/token/token.go Verify: the UserId is `USERID` or `USERID:SESSION`).
 */
export function authenticatorUser(v: {
  arn: string;
  accessKeyId: string;
  userId: string;
  account: string;
}): TokenUser {
  const [userId = '', sessionName = ''] = v.userId.split(':');
  return {
    identity: v.arn,
    uid: `aws-iam-authenticator:${v.account}:${userId}`,
    extra: {
      accessKeyId: [v.accessKeyId],
      arn: [v.arn],
      canonicalArn: [canonicalArn(v.arn)],
      sessionName: [sessionName],
    },
  };
}
