import { randomUUID } from 'node:crypto';
import type { PluginRequest, PluginResponse } from '../plugin.js';
import type { IamStore } from './iam-store.js';
import { type AuthFailure, authenticateRequest, SIGNATURE_MISMATCH, UNKNOWN_TOKEN } from './request-auth.js';

/** A cluster the emulated EKS knows: where its API server is and its CA. */
export interface EksClusterRecord {
  endpoint: string;
  caPem: string;
  /** @defaultValue '1.32' */
  version?: string;
  createdAt?: Date;
}

/** What the EKS handler works with. */
export interface EksContext {
  iam: IamStore;
  region: string;
  clusters: ReadonlyMap<string, EksClusterRecord>;
  now: number;
}

/** The operations the emulated EKS serves; anything else is an unknown operation. */
export type EksOperation = 'ListClusters' | 'DescribeCluster';

function restJsonError(status: number, type: string, body: object): PluginResponse {
  // restJson errors: the SDK reads the code from x-amzn-errortype (anything after ':' ignored).
  return {
    status,
    headers: {
      'content-type': 'application/json',
      'x-amzn-errortype': `${type}:http://internal.amazon.com/coral/com.amazonaws.eks/`,
      'x-amzn-requestid': randomUUID(),
    },
    body: JSON.stringify(body),
  };
}

function ok(body: object): PluginResponse {
  return {
    status: 200,
    headers: { 'content-type': 'application/json', 'x-amzn-requestid': randomUUID() },
    body: JSON.stringify(body),
  };
}

/** How a JSON AWS service (EKS among them) refuses a signature. */
function eksAuthError(f: AuthFailure): PluginResponse {
  switch (f.reason) {
    case 'missing':
      return restJsonError(403, 'MissingAuthenticationTokenException', {
        message: 'Missing Authentication Token',
      });
    case 'incomplete':
      return restJsonError(400, 'IncompleteSignatureException', { message: f.detail });
    case 'unknown-key':
      return restJsonError(403, 'UnrecognizedClientException', { message: UNKNOWN_TOKEN });
    case 'wrong-service':
      return restJsonError(403, 'InvalidSignatureException', {
        message: `Credential should be scoped to correct service: '${f.service}'. `,
      });
    case 'expired':
      return restJsonError(403, 'InvalidSignatureException', { message: f.message });
    case 'bad-signature':
      return restJsonError(403, 'InvalidSignatureException', { message: SIGNATURE_MISMATCH });
  }
}

function invalidParameter(message: string): PluginResponse {
  return restJsonError(400, 'InvalidParameterException', { message });
}

/** ListClusters: names in order, `maxResults` (1–100, default 100) a page, `nextToken` opaque. */
function listClusters(req: PluginRequest, ctx: EksContext): PluginResponse {
  const names = [...ctx.clusters.keys()].sort();
  const maxText = req.query.get('maxResults');
  const max = maxText === null ? 100 : Number(maxText);
  if (!Number.isInteger(max) || max < 1 || max > 100) {
    return invalidParameter('maxResults must be between 1 and 100');
  }
  let start = 0;
  const token = req.query.get('nextToken');
  if (token !== null) {
    // The token carries the last name returned, so a page is stable while clusters come and go.
    const after = /^[A-Za-z0-9_-]+$/.test(token) ? Buffer.from(token, 'base64url').toString('utf8') : '';
    if (!after.startsWith('after:')) return invalidParameter('The nextToken provided is invalid.');
    start = names.findIndex((n) => n > after.slice('after:'.length));
    if (start === -1) start = names.length;
  }
  const page = names.slice(start, start + max);
  const more = start + max < names.length;
  const nextToken = more ? Buffer.from(`after:${page.at(-1)}`, 'utf8').toString('base64url') : undefined;
  return ok({ clusters: page, ...(nextToken ? { nextToken } : {}) });
}

function describeCluster(name: string, ctx: EksContext): PluginResponse {
  const record = ctx.clusters.get(name);
  if (!record) {
    return restJsonError(404, 'ResourceNotFoundException', {
      message: `No cluster found for name: ${name}.`,
      clusterName: name,
    });
  }
  const arn = `arn:aws:eks:${ctx.region}:${ctx.iam.accountId}:cluster/${name}`;
  const cluster = {
    name,
    arn,
    createdAt: Math.floor((record.createdAt ?? new Date(ctx.now)).getTime() / 1000),
    version: record.version ?? '1.32',
    endpoint: record.endpoint,
    roleArn: `arn:aws:iam::${ctx.iam.accountId}:role/eks-cluster-role`,
    resourcesVpcConfig: {
      subnetIds: [],
      securityGroupIds: [],
      endpointPublicAccess: true,
      endpointPrivateAccess: false,
      publicAccessCidrs: ['0.0.0.0/0'],
    },
    kubernetesNetworkConfig: { serviceIpv4Cidr: '10.100.0.0/16', ipFamily: 'ipv4' },
    identity: { oidc: { issuer: `https://oidc.eks.${ctx.region}.amazonaws.com/id/${name.toUpperCase()}` } },
    status: 'ACTIVE',
    // Base64 of the PEM, exactly the kubeconfig certificate-authority-data form.
    certificateAuthority: { data: Buffer.from(record.caPem, 'utf8').toString('base64') },
    platformVersion: 'eks.1',
    tags: {},
    accessConfig: { authenticationMode: 'API_AND_CONFIG_MAP' },
  };
  return ok({ cluster });
}

/** The operation a request names, by method and path (EKS is restJson: the path is the operation). */
function operationOf(req: PluginRequest): { op: EksOperation; name?: string } | undefined {
  if (req.method !== 'GET') return undefined;
  if (req.path === '/clusters') return { op: 'ListClusters' };
  const m = /^\/clusters\/([^/]+)$/.exec(req.path);
  if (!m) return undefined;
  try {
    return { op: 'DescribeCluster', name: decodeURIComponent(m[1] as string) };
  } catch {
    return undefined;
  }
}

/**
 * The emulated EKS API (restJson): ListClusters (`GET /clusters`) and DescribeCluster
 * (`GET /clusters/{name}`), for requests signed by known access keys, answering errors as EKS
 * does: JSON bodies, the code in `x-amzn-errortype`. Any other operation is EKS's
 * `UnknownOperationException` (404), decided before the signature is checked, as AWS's service
 * frameworks route a request to an operation first.
 */
export function handleEks(
  req: PluginRequest,
  ctx: EksContext,
): { operation: EksOperation | undefined; response: PluginResponse } {
  const target = operationOf(req);
  if (!target) return { operation: undefined, response: restJsonError(404, 'UnknownOperationException', {}) };
  const auth = authenticateRequest(req, 'eks', ctx.iam, ctx.now);
  if ('reason' in auth) return { operation: target.op, response: eksAuthError(auth) };
  return {
    operation: target.op,
    response: target.op === 'ListClusters' ? listClusters(req, ctx) : describeCluster(target.name ?? '', ctx),
  };
}
