/**
 * The eks-jobs SDK: `createEksJobsClient` and its types, generated from the API's OpenAPI
 * document (`npm run sdk:types`). See README.md beside this file.
 */
export { createEksJobsClient, type EksJobsClient } from './client.js';
export { EksJobsError, EksJobsTimeoutError, EksJobsTransportError, parseRetryAfter } from './errors.js';
export type {
  BatchProgressUpdate,
  CallOptions,
  EksJobsClientOptions,
  JobPage,
  ListJobsOptions,
  LogsOptions,
  MutationOptions,
  SubmitBatchOptions,
} from './options.js';
export type { Backoff, WaitOptions } from './poll.js';
export { type AttemptOutcome, type RetryOptions, retryDelay } from './retry.js';
export type { TemplateCallOptions, TemplateWriteOptions } from './templates.js';
export type * from './types.js';
