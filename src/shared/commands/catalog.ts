import { z } from 'zod';
import type { ClusterApis } from '../cluster/index.js';
import type { CommandModule, CommandTarget, ExecuteOptions, KubeAnswer } from './command.js';
import { jobCreate } from './job-create.js';
import { jobDelete } from './job-delete.js';
import { jobSuspend } from './job-suspend.js';
import { managementLabels } from './labels.js';
import { namespaceCreate } from './namespace-create.js';
import { namespaceDelete } from './namespace-delete.js';

/**
 * The command catalog: the list of command modules (docs/architecture.md §5). Producer and
 * worker both use it; a name missing here is refused on both sides. Schemas may only grow by
 * optional fields: queued payloads can come from an older deploy.
 */
export const commandCatalog = {
  [jobCreate.name]: jobCreate,
  [jobDelete.name]: jobDelete,
  [jobSuspend.name]: jobSuspend,
  [namespaceCreate.name]: namespaceCreate,
  [namespaceDelete.name]: namespaceDelete,
} as const;

export type CommandName = keyof typeof commandCatalog;

/** Every command name, in catalog order. */
export const COMMAND_NAMES = Object.keys(commandCatalog) as CommandName[];

/** Payload type of command `C` after parsing (defaults applied). */
export type CommandPayload<C extends CommandName> = z.output<(typeof commandCatalog)[C]['schema']>;
/** Payload type of command `C` as a producer may give it (defaults optional). */
export type CommandPayloadInput<C extends CommandName> = z.input<(typeof commandCatalog)[C]['schema']>;

/** A parsed command of any kind, discriminated by `command`. */
export type ParsedCommand = { [C in CommandName]: { command: C; payload: CommandPayload<C> } }[CommandName];

/** True when `name` is a command of the catalog. */
export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.hasOwn(commandCatalog, name);
}

/** The module of a parsed command, typed for its payload. */
export function moduleOf(cmd: ParsedCommand): CommandModule<CommandName, z.ZodType<unknown>> {
  return commandCatalog[cmd.command] as unknown as CommandModule<CommandName, z.ZodType<unknown>>;
}

/** Result of {@link parseCommand}. */
export type ParseCommandResult =
  | { ok: true; value: ParsedCommand }
  | { ok: false; reason: 'UnknownCommand' | 'InvalidPayload'; message: string; issues?: z.core.$ZodIssue[] };

/**
 * Validates `payload` against the schema of command `name`. Unknown names are an error, never
 * routed to a default. Pure.
 */
export function parseCommand(name: unknown, payload: unknown): ParseCommandResult {
  if (!isCommandName(name)) {
    return { ok: false, reason: 'UnknownCommand', message: `unknown command ${JSON.stringify(name)}` };
  }
  const result = commandCatalog[name].schema.safeParse(payload);
  if (!result.success) {
    return {
      ok: false,
      reason: 'InvalidPayload',
      message: `invalid ${name} payload: ${z.prettifyError(result.error).replaceAll('\n', '; ')}`,
      issues: result.error.issues,
    };
  }
  return { ok: true, value: { command: name, payload: result.data } as ParsedCommand };
}

/**
 * Validates a command and builds it for operation `operationId` (an item of batch `batchId`, if
 * given): the payload as it is enqueued, with the management labels on whatever it creates —
 * the one place they are applied. The API's dry run executes the same built command.
 */
export function buildCommand(
  name: unknown,
  payload: unknown,
  operationId: string,
  batchId?: string,
): ParseCommandResult {
  const parsed = parseCommand(name, payload);
  if (!parsed.ok) return parsed;
  const built = moduleOf(parsed.value).build(parsed.value.payload, managementLabels(operationId, batchId));
  return { ok: true, value: { command: parsed.value.command, payload: built } as ParsedCommand };
}

/** The object a parsed command acts on. */
export function commandTarget(cmd: ParsedCommand): CommandTarget {
  return moduleOf(cmd).target(cmd.payload);
}

/** Runs a built command's one Kubernetes call (the worker's attempt, or the API's dry run). */
export function executeCommand(
  apis: ClusterApis,
  cmd: ParsedCommand,
  options: ExecuteOptions = {},
): Promise<KubeAnswer> {
  return moduleOf(cmd).execute(apis, cmd.payload, options);
}

/**
 * The namespace whose key scope governs an operation of `command` on `target` (a namespace
 * command: the namespace it names); `undefined` for an unknown command.
 */
export function scopeNamespaceOf(command: string, target: CommandTarget): string | undefined {
  return isCommandName(command)
    ? (commandCatalog[command] as CommandModule).scopeNamespace(target)
    : undefined;
}
