export {
  type ClusterApis,
  type ClusterClient,
  type ClusterClientDeps,
  createClusterClient,
} from './client.js';
export { assumeRoleCredentials, defaultCredentials } from './credentials.js';
export type { ClusterEndpoint } from './eks-discovery.js';
export { ClusterAccessError } from './errors.js';
export type { ProviderDeps } from './providers.js';
export { type ClusterRegistry, createClusterRegistry } from './registry.js';
export {
  type ClusterSpec,
  clusterSpecSchema,
  type EksClusterSpec,
  type InClusterSpec,
  loadClusterSpecs,
  type StaticClusterSpec,
} from './spec.js';
export {
  type AwsCredentials,
  type AwsCredentialsProvider,
  EKS_TOKEN_LIFETIME_MS,
  type EksToken,
  presignEksToken,
} from './token.js';
