export {
  COMMAND_NAMES,
  type CommandName,
  type CommandPayload,
  type CommandPayloadInput,
  type CommandTarget,
  commandCatalog,
  commandTarget,
  isCommandName,
  isCreateCommand,
  type JobManifest,
  jobManifestSchema,
  type ParseCommandResult,
  type ParsedCommand,
  type PropagationPolicy,
  parseCommand,
  propagationPolicySchema,
} from './catalog.js';
export { type CommandEnvelope, commandEnvelopeSchema, parseEnvelope } from './envelope.js';
export {
  MANAGED_BY_LABEL,
  MANAGED_BY_VALUE,
  managementLabels,
  type ObjectWithMetadata,
  OPERATION_LABEL,
  operationIdOf,
  withManagementLabels,
} from './labels.js';
export { backoffDelayMs, DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy.js';
