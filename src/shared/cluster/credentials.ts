import { fromNodeProviderChain, fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type { AwsCredentials, AwsCredentialsProvider } from './token.js';

/** Options of {@link assumeRoleCredentials}. */
export interface AssumeRoleOptions {
  roleArn: string;
  /** Region of the STS endpoint that is called. */
  region: string;
  /** Credentials that call AssumeRole. */
  base: AwsCredentialsProvider;
  /** STS endpoint URL; without it the SDK picks the regional one (AWS_ENDPOINT_URL_STS honoured). */
  stsEndpoint?: string;
  /** @defaultValue 'eks-jobs' */
  sessionName?: string;
  clock?: () => number;
}

/** The AWS SDK default chain: env, SSO, shared files, web identity (IRSA), EKS Pod Identity, ECS, IMDS. */
export function defaultCredentials(): AwsCredentialsProvider {
  return fromNodeProviderChain();
}

/** Credentials of an assumed role, cached until 5 minutes before they expire. */
export function assumeRoleCredentials(options: AssumeRoleOptions): AwsCredentialsProvider {
  const provider = fromTemporaryCredentials({
    params: { RoleArn: options.roleArn, RoleSessionName: options.sessionName ?? 'eks-jobs' },
    masterCredentials: options.base,
    clientConfig: {
      region: options.region,
      ...(options.stsEndpoint ? { endpoint: options.stsEndpoint } : {}),
    },
  });
  return memoizeCredentials(() => provider(), options.clock);
}

/**
 * Caches credentials until `marginMs` before their expiration (forever when they have none);
 * concurrent callers share one fetch.
 */
export function memoizeCredentials(
  fetch: AwsCredentialsProvider,
  clock: () => number = Date.now,
  marginMs = 5 * 60_000,
): AwsCredentialsProvider {
  let cached: AwsCredentials | undefined;
  let inflight: Promise<AwsCredentials> | undefined;
  return async () => {
    if (cached && (!cached.expiration || cached.expiration.getTime() - marginMs > clock())) return cached;
    inflight ??= fetch()
      .then((creds) => {
        cached = creds;
        return creds;
      })
      .finally(() => {
        inflight = undefined;
      });
    return inflight;
  };
}
