import { randomUUID } from 'node:crypto';
import type { PluginRequest, PluginResponse } from '../plugin.js';
import type { IamStore } from './iam-store.js';
import { authenticateRequest } from './request-auth.js';

/** A cluster the emulated EKS knows: where its API server is and its CA. */
export interface EksClusterRecord {
  endpoint: string;
  caPem: string;
  /** @defaultValue '1.32' */
  version?: string;
  createdAt?: Date;
}

function restJsonError(status: number, type: string, message: string, extra: object = {}): PluginResponse {
  // restJson errors: the SDK reads the code from x-amzn-errortype (anything after ':' ignored).
  return {
    status,
    headers: {
      'content-type': 'application/json',
      'x-amzn-errortype': `${type}:http://internal.amazon.com/coral/com.amazonaws.eks/`,
      'x-amzn-requestid': randomUUID(),
    },
    body: JSON.stringify({ message, ...extra }),
  };
}

/**
 * EKS DescribeCluster (`GET /clusters/{name}`), answered as the real API does, for the
 * request signatures of known access keys. Returns undefined for other paths.
 */
export function handleEks(
  req: PluginRequest,
  ctx: { iam: IamStore; region: string; clusters: ReadonlyMap<string, EksClusterRecord>; now: number },
): PluginResponse | undefined {
  const m = /^\/clusters\/([^/]+)$/.exec(req.path);
  if (!m) return undefined;
  if (req.method !== 'GET') return restJsonError(405, 'InvalidRequestException', 'method not supported');
  const auth = authenticateRequest(req, req.path, ctx.iam, ctx.now);
  if ('code' in auth) {
    const type = auth.code === 'InvalidClientTokenId' ? 'UnrecognizedClientException' : auth.code;
    return restJsonError(403, type, auth.message);
  }
  const name = decodeURIComponent(m[1]!);
  const record = ctx.clusters.get(name);
  if (!record) {
    return restJsonError(404, 'ResourceNotFoundException', `No cluster found for name: ${name}.`, {
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
  return {
    status: 200,
    headers: { 'content-type': 'application/json', 'x-amzn-requestid': randomUUID() },
    body: JSON.stringify({ cluster }),
  };
}
