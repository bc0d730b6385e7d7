/**
 * The eks-jobs SDK: `createEksJobsClient` and its types, generated from the API's OpenAPI
 * document (`npm run sdk:types`). See README.md beside this file.
 */
export {
  type BatchProgressUpdate,
  type CallOptions,
  createEksJobsClient,
  type EksJobsClient,
  type EksJobsClientOptions,
  type JobPage,
  type ListJobsOptions,
  type LogsOptions,
  type MutationOptions,
  type SubmitBatchOptions,
} from './client.js';
export { EksJobsError, EksJobsTimeoutError, EksJobsTransportError, parseRetryAfter } from './errors.js';
export type { Backoff, WaitOptions } from './poll.js';
export { type AttemptOutcome, type RetryOptions, retryDelay } from './retry.js';
export type * from './types.js';
