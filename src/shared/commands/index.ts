export {
  buildCommand,
  COMMAND_NAMES,
  type CommandName,
  type CommandPayload,
  type CommandPayloadInput,
  commandCatalog,
  commandTarget,
  executeCommand,
  isCommandName,
  moduleOf,
  type ParseCommandResult,
  type ParsedCommand,
  parseCommand,
  scopeNamespaceOf,
} from './catalog.js';
export type { Classification, CommandAccess, CommandModule, CommandTarget, KubeAnswer } from './command.js';
export { type CommandEnvelope, commandEnvelopeSchema, parseEnvelope } from './envelope.js';
export { type JobManifest, jobManifestSchema } from './job-create.js';
export { type PropagationPolicy, propagationPolicySchema } from './job-delete.js';
export {
  BATCH_LABEL,
  MANAGED_BY_LABEL,
  MANAGED_BY_VALUE,
  OPERATION_LABEL,
  operationIdOf,
} from './labels.js';
export { backoffDelayMs, DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy.js';
