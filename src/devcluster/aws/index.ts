import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PluginRequest, PluginResponse } from '../plugin.js';
import { StateDir } from '../state-dir.js';
import type { TokenUser } from '../user-info.js';
import { authenticatorUser } from './authenticator-user.js';
import { type EksClusterRecord, handleEks } from './eks-api.js';
import { type AccessKeyConfig, createIamStore, type Principal, type RoleConfig } from './iam-store.js';
import { awsServiceOf } from './request-auth.js';
import { handleSts, stsError } from './sts-api.js';
import { verifyEksToken } from './token-verifier.js';

export type { EksClusterRecord } from './eks-api.js';
export type { AccessKeyConfig, RoleConfig } from './iam-store.js';
export { type TokenVerdict, verifyEksToken } from './token-verifier.js';

/** Options of {@link startAwsEmulator}. */
export interface AwsEmulatorOptions {
  /** @defaultValue '127.0.0.1' */
  host?: string;
  /** @defaultValue 0 (a free port) */
  port?: number;
  /** Region EKS answers for (tokens must name its STS host). @defaultValue 'us-west-2' */
  region?: string;
  /** @defaultValue '111122223333' */
  accountId?: string;
  /** Access keys accepted for EKS, STS and bearer tokens. */
  accessKeys: AccessKeyConfig[];
  /** Roles AssumeRole hands out. @defaultValue none */
  roles?: RoleConfig[];
  /** How long a bearer token is accepted after its X-Amz-Date (EKS: 900). @defaultValue 900 */
  tokenLifetimeSeconds?: number;
  /** Clock in ms; tests may move it. @defaultValue Date.now */
  now?: () => number;
  /**
   * A directory (may be the devcluster's `stateDir`) keeping `aws.json`: every access key the
   * emulator knows (configured in any run, and the sessions AssumeRole issued) and the
   * registered clusters. A restart on it (pass the same `port`) still accepts tokens and SigV4
   * requests signed with those keys. @defaultValue none: in memory
   */
  stateDir?: string;
}

interface AwsState {
  principals: Principal[];
  clusters: [string, EksClusterRecord][];
}

const AWS_STATE_FILE = 'aws.json';

/** The devcluster plug-in (structurally `DevClusterPlugin`) that accepts EKS bearer tokens of one cluster. */
export interface AwsTokenPlugin {
  authenticate(token: string): Promise<TokenUser | { reject: string } | undefined>;
}

/** Counts of what the emulator was asked. */
export interface AwsEmulatorCounters {
  /** DescribeCluster calls answered (200 or 404). */
  describeCluster: number;
  /** ListClusters pages answered. */
  listClusters: number;
  assumeRole: number;
  getCallerIdentity: number;
  tokensAccepted: number;
  tokensRejected: number;
  /** Reasons of the rejections, newest last (at most 100). */
  rejections: string[];
}

/** A running EKS + STS stand-in on plain HTTP (the SDK accepts http:// endpoints). */
export interface AwsEmulator {
  /** Base URL, for the SDK's `endpoint` / AWS_ENDPOINT_URL_EKS / AWS_ENDPOINT_URL_STS. */
  readonly url: string;
  readonly region: string;
  readonly accountId: string;
  /** Makes DescribeCluster answer for `name` (the EKS cluster name) and ListClusters list it. */
  registerCluster(name: string, record: EksClusterRecord): void;
  /** A devcluster plug-in verifying tokens bound to the EKS cluster `name`. */
  plugin(name: string): AwsTokenPlugin;
  /** Every bearer token accepted so far is refused from now on; returns how many. */
  revokeAll(): number;
  setTokenLifetime(seconds: number): void;
  counters(): AwsEmulatorCounters;
  resetCounters(): void;
  stop(): Promise<void>;
}

function emptyCounters(): AwsEmulatorCounters {
  return {
    describeCluster: 0,
    listClusters: 0,
    assumeRole: 0,
    getCallerIdentity: 0,
    tokensAccepted: 0,
    tokensRejected: 0,
    rejections: [],
  };
}

/**
 * Starts the AWS side of the devcluster: EKS ListClusters / DescribeCluster (restJson, told
 * apart from STS by the signature's credential scope) and STS GetCallerIdentity /
 * AssumeRole on a plain-HTTP listener, and plug-ins that verify EKS bearer tokens for a
 * devcluster the way aws-iam-authenticator and STS do.
 */
export async function startAwsEmulator(options: AwsEmulatorOptions): Promise<AwsEmulator> {
  const now = options.now ?? Date.now;
  const region = options.region ?? 'us-west-2';
  const accountId = options.accountId ?? '111122223333';
  let lifetimeMs = (options.tokenLifetimeSeconds ?? 900) * 1000;
  const dir = options.stateDir === undefined ? undefined : new StateDir(options.stateDir);
  const stored = dir?.read<AwsState>(AWS_STATE_FILE);
  const clusters = new Map<string, EksClusterRecord>(stored?.clusters ?? []);
  const save = () => {
    dir?.write(AWS_STATE_FILE, { principals: iam.principals(), clusters: [...clusters] } satisfies AwsState);
  };
  const iam = createIamStore({
    accountId,
    accessKeys: options.accessKeys,
    roles: options.roles ?? [],
    now,
    restored: stored?.principals ?? [],
    onChange: save,
  });
  save();
  const accepted = new Set<string>();
  const revoked = new Set<string>();
  let counters = emptyCounters();

  /** EKS or STS, as the endpoints are told apart here: by the credential scope's service (then the path). */
  function route(req: PluginRequest): PluginResponse {
    const t = now();
    if (awsServiceOf(req) === 'eks') {
      const { operation, response } = handleEks(req, { iam, region, clusters, now: t });
      if (operation === 'DescribeCluster' && (response.status === 200 || response.status === 404))
        counters.describeCluster += 1;
      if (operation === 'ListClusters' && response.status === 200) counters.listClusters += 1;
      return response;
    }
    const sts = handleSts(req, { iam, now: t, onAssumeRole: () => (counters.assumeRole += 1) });
    if (sts) {
      if (req.query.get('Action') === 'GetCallerIdentity' || req.body.includes('Action=GetCallerIdentity')) {
        counters.getCallerIdentity += 1;
      }
      return sts;
    }
    return stsError(404, 'UnknownOperationException', `no AWS operation at ${req.method} ${req.path}`);
  }

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = req.url ?? '/';
    const q = raw.indexOf('?');
    const answer = route({
      method: req.method ?? 'GET',
      path: q === -1 ? raw : raw.slice(0, q),
      query: new URLSearchParams(q === -1 ? '' : raw.slice(q + 1)),
      headers: req.headers,
      body: Buffer.concat(chunks),
    });
    res.writeHead(answer.status, answer.headers);
    res.end(answer.body);
  }

  const server = createServer((req, res) => {
    serve(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  function reject(reason: string) {
    counters.tokensRejected += 1;
    counters.rejections.push(reason);
    if (counters.rejections.length > 100) counters.rejections.shift();
    return { reject: reason };
  }

  return {
    url: `http://${host}:${address.port}`,
    region,
    accountId,
    registerCluster: (name, record) => {
      clusters.set(name, record);
      save();
    },
    plugin: (name) => ({
      async authenticate(token) {
        // Not an EKS token: leave it to the devcluster's static tokens.
        if (!token.startsWith('k8s-aws-v1.')) return undefined;
        if (revoked.has(token)) return reject('token revoked');
        const verdict = verifyEksToken(token, {
          clusterName: name,
          lookup: iam.lookup,
          now: now(),
          lifetimeMs,
        });
        if (!verdict.ok) return reject(verdict.reason);
        counters.tokensAccepted += 1;
        if (accepted.size > 100_000) accepted.clear();
        accepted.add(token);
        return authenticatorUser(verdict);
      },
    }),
    revokeAll() {
      const n = accepted.size;
      for (const t of accepted) revoked.add(t);
      accepted.clear();
      return n;
    },
    setTokenLifetime(seconds) {
      lifetimeMs = seconds * 1000;
    },
    counters: () => ({ ...counters, rejections: [...counters.rejections] }),
    resetCounters() {
      counters = emptyCounters();
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
