import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../logger.js';
import { assumeRoleCredentials, defaultCredentials } from './credentials.js';
import { type ClusterEndpoint, createEksDiscovery } from './eks-discovery.js';
import { ClusterAccessError } from './errors.js';
import type { ClusterSpec, EksClusterSpec, InClusterSpec, StaticClusterSpec } from './spec.js';
import { SERVICE_ACCOUNT_DIR } from './spec.js';
import {
  type AwsCredentialsProvider,
  EKS_TOKEN_LIFETIME_MS,
  presignEksToken,
  signingDelayMs,
  signingSecond,
} from './token.js';
import { createTokenCache, type RefusalBackoff } from './token-cache.js';

/** What a provider gives the client: where the cluster is and a bearer token. */
export interface ClusterAccess {
  endpoint(): Promise<ClusterEndpoint>;
  token(): Promise<string>;
  /**
   * After a 401: marks `failed` as refused if it is still the current token (a new one is made
   * under a backoff), or without an argument drops the token outright.
   */
  invalidateToken(failed?: string): void;
  /** The cluster answered a request made with `token` with something other than 401. */
  tokenAccepted(token: string): void;
  /** Looks the endpoint up again after the cluster could not be reached; true when it changed. */
  rediscover(): Promise<boolean>;
  stats(): { presigns: number; tokenRefreshes: number; discoveries: number };
  close(): void;
}

/** Dependencies of the providers; all optional except the logger. */
export interface ProviderDeps {
  logger: Logger;
  /** @defaultValue Date.now */
  clock?: () => number;
  /** Base AWS credentials. @defaultValue the SDK default chain */
  credentials?: AwsCredentialsProvider;
  /** EKS endpoint URL override (tests); production uses the SDK's, honouring AWS_ENDPOINT_URL_EKS. */
  eksEndpoint?: string;
  /** STS endpoint URL override for AssumeRole (tests); else AWS_ENDPOINT_URL_STS or the regional one. */
  stsEndpoint?: string;
  /** How long after signing an EKS token is replaced. @defaultValue 10 minutes */
  tokenRefreshAfterMs?: number;
  /** How long an EKS token is accepted after signing. @defaultValue 15 minutes */
  tokenLifetimeMs?: number;
  /** Pause before re-minting after new tokens keep being refused. @defaultValue 1 s doubling to 10 s */
  tokenRefusalBackoff?: RefusalBackoff;
}

/** Builds the access of one cluster from its spec. */
export function createClusterAccess(spec: ClusterSpec, deps: ProviderDeps): ClusterAccess {
  switch (spec.provider) {
    case 'eks':
      return eksAccess(spec, deps);
    case 'static':
      return fileAccess(spec, spec.server, spec.caData, spec.caFile, spec.token, spec.tokenFile);
    case 'in-cluster':
      return inClusterAccess(spec);
  }
}

function eksAccess(spec: EksClusterSpec, deps: ProviderDeps): ClusterAccess {
  const clock = deps.clock ?? Date.now;
  const refreshAfter = deps.tokenRefreshAfterMs ?? 10 * 60_000;
  const lifetime = deps.tokenLifetimeMs ?? EKS_TOKEN_LIFETIME_MS;
  const eksClusterName = spec.eksClusterName ?? spec.name;
  const base = deps.credentials ?? defaultCredentials();
  const credentials = spec.roleArn
    ? assumeRoleCredentials({
        roleArn: spec.roleArn,
        region: spec.region,
        base,
        ...(deps.stsEndpoint ? { stsEndpoint: deps.stsEndpoint } : {}),
        clock,
      })
    : base;
  const discovery = createEksDiscovery({
    cluster: spec.name,
    eksClusterName,
    region: spec.region,
    credentials,
    ...(deps.eksEndpoint ? { endpoint: deps.eksEndpoint } : {}),
    clock,
  });
  let lastSignedAt: number | undefined;
  const tokens = createTokenCache({
    clock,
    mint: async () => {
      let creds: Awaited<ReturnType<AwsCredentialsProvider>>;
      try {
        creds = await credentials();
      } catch (err) {
        throw new ClusterAccessError(spec.name, `no AWS credentials: ${(err as Error).message}`, {
          cause: err,
        });
      }
      // Dated by the clock, never ahead of it: STS refuses dates more than 5 minutes in the future,
      // so a date pushed forward per re-mint locked the cluster out after a storm of 401s. Two
      // tokens signed in one second are the same bytes; a re-mint in the second of the last one
      // (right after a 401) waits for the next second instead (under the cache's single flight).
      const wait = signingDelayMs(clock(), lastSignedAt);
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const signedAt = signingSecond(clock());
      lastSignedAt = signedAt;
      const { token } = await presignEksToken({
        clusterName: eksClusterName,
        region: spec.region,
        credentials: creds,
        signingDate: new Date(signedAt),
      });
      // STS stops honouring the signature when temporary credentials expire, even inside the 15 minutes.
      const credsEnd = creds.expiration?.getTime() ?? Number.POSITIVE_INFINITY;
      const expiresAt = Math.min(signedAt + lifetime, credsEnd);
      return { token, expiresAt, refreshAt: Math.min(signedAt + refreshAfter, expiresAt - 60_000) };
    },
    onStaleUse: (err) =>
      deps.logger.warn({ cluster: spec.name, err }, 'token refresh failed; using the current token'),
    ...(deps.tokenRefusalBackoff ? { backoff: deps.tokenRefusalBackoff } : {}),
  });
  return {
    endpoint: () => discovery.get(),
    token: () => tokens.get(),
    invalidateToken: (failed) => tokens.invalidate(failed),
    tokenAccepted: (token) => tokens.accepted(token),
    rediscover: () => discovery.refresh(),
    stats: () => {
      const t = tokens.stats();
      return { presigns: t.mints, tokenRefreshes: t.refreshes, discoveries: discovery.count() };
    },
    close: () => discovery.close(),
  };
}

function inClusterAccess(spec: InClusterSpec): ClusterAccess {
  if (!spec.server) {
    throw new ClusterAccessError(spec.name, 'in-cluster provider needs a server (KUBERNETES_SERVICE_HOST)');
  }
  return fileAccess(
    spec,
    spec.server,
    undefined,
    spec.caFile ?? join(SERVICE_ACCOUNT_DIR, 'ca.crt'),
    undefined,
    spec.tokenFile ?? join(SERVICE_ACCOUNT_DIR, 'token'),
  );
}

/** `static` and `in-cluster`: a fixed server, a CA from data or file, a token from value or file. */
function fileAccess(
  spec: StaticClusterSpec | InClusterSpec,
  server: string,
  caData: string | undefined,
  caFile: string | undefined,
  tokenValue: string | undefined,
  tokenFile: string | undefined,
): ClusterAccess {
  let endpoint: Promise<ClusterEndpoint> | undefined;
  let rereads = 0;
  let discoveries = 0;
  let fileToken: { token: string; version: string } | undefined;
  let forceReread = false;

  async function loadEndpoint(): Promise<ClusterEndpoint> {
    discoveries += 1;
    if (caData) return { server, caPem: Buffer.from(caData, 'base64').toString('utf8') };
    if (!caFile) return { server };
    try {
      return { server, caPem: await readFile(caFile, 'utf8') };
    } catch (err) {
      throw new ClusterAccessError(spec.name, `cannot read CA file ${caFile}`, { cause: err });
    }
  }

  async function readToken(file: string): Promise<string> {
    try {
      // Re-read when the file changed: the kubelet and secret mounts replace it through a symlink swap.
      const s = await stat(file);
      const version = `${s.ino}:${s.size}:${s.mtimeMs}`;
      if (fileToken && fileToken.version === version && !forceReread) return fileToken.token;
      const token = (await readFile(file, 'utf8')).trim();
      if (!token) throw new Error('file is empty');
      if (fileToken) rereads += 1;
      forceReread = false;
      fileToken = { token, version };
      return token;
    } catch (err) {
      throw new ClusterAccessError(spec.name, `cannot read token file ${file}: ${(err as Error).message}`, {
        cause: err,
      });
    }
  }

  return {
    endpoint() {
      if (!endpoint) {
        const p = loadEndpoint();
        p.catch(() => {
          if (endpoint === p) endpoint = undefined;
        });
        endpoint = p;
      }
      return endpoint;
    },
    token: async () => (tokenFile ? readToken(tokenFile) : tokenValue!),
    invalidateToken(failed) {
      if (tokenFile && (failed === undefined || failed === fileToken?.token)) forceReread = true;
    },
    tokenAccepted: () => {},
    async rediscover() {
      const before = await endpoint?.catch(() => undefined);
      endpoint = undefined;
      const after = await this.endpoint();
      return !before || before.server !== after.server || before.caPem !== after.caPem;
    },
    stats: () => ({ presigns: 0, tokenRefreshes: rereads, discoveries }),
    close: () => {},
  };
}
