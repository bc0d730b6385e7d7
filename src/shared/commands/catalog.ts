import { z } from 'zod';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy.js';

// DNS-1123 label: namespaces, and the names Kubernetes also uses as label values (job-name).
const dnsLabel = z
  .string()
  .max(63)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'expected a DNS-1123 label: lowercase letters, digits and -');

// Job names are DNS-1123 subdomains, but the job controller copies them into a label value: ≤ 63.
const jobName = z
  .string()
  .max(63)
  .regex(
    /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/,
    'expected a DNS-1123 subdomain of at most 63 characters',
  );

const stringMap = z.record(z.string(), z.string());

/**
 * A full `batch/v1` Job manifest whose final name is already decided (the API resolves
 * `generateName` before enqueueing, so a retried create can never make a second Job).
 * Only what the pipeline relies on is checked here; the rest is the cluster's to validate
 * (its 422 becomes the operation's `Invalid` error with causes).
 */
export const jobManifestSchema = z.looseObject({
  apiVersion: z.literal('batch/v1'),
  kind: z.literal('Job'),
  metadata: z.looseObject({
    name: jobName,
    namespace: dnsLabel.optional(),
    labels: stringMap.optional(),
    annotations: stringMap.optional(),
  }),
  spec: z.looseObject({}),
});
export type JobManifest = z.output<typeof jobManifestSchema>;

/** Deletion propagation as in Kubernetes DeleteOptions. */
export const propagationPolicySchema = z.enum(['Background', 'Foreground', 'Orphan']);
export type PropagationPolicy = z.output<typeof propagationPolicySchema>;

const jobCreate = z
  .object({ namespace: dnsLabel, manifest: jobManifestSchema })
  .refine(
    (p) => p.manifest.metadata.namespace === undefined || p.manifest.metadata.namespace === p.namespace,
    {
      message: 'manifest.metadata.namespace differs from namespace',
      path: ['manifest', 'metadata', 'namespace'],
    },
  );

const jobDelete = z.object({
  namespace: dnsLabel,
  name: jobName,
  /** Jobs deleted without it orphan their pods. @defaultValue 'Background' */
  propagationPolicy: propagationPolicySchema.default('Background'),
});

const namespaceCreate = z.object({
  name: dnsLabel,
  labels: stringMap.optional(),
  annotations: stringMap.optional(),
});

const namespaceDelete = z.object({ name: dnsLabel });

/** What a command acts on, shown in the operation record. */
export interface CommandTarget {
  namespace?: string;
  name: string;
}

interface CatalogEntry<S extends z.ZodType> {
  /** Validates (and defaults) the payload; the worker re-parses with it. */
  schema: S;
  retry: RetryPolicy;
  /** Whether the command creates an object (409 AlreadyExists then means "check whose it is"). */
  creates: boolean;
  target: (payload: z.output<S>) => CommandTarget;
}

function entry<S extends z.ZodType>(e: CatalogEntry<S>): CatalogEntry<S> {
  return e;
}

/**
 * The command catalog: every command the pipeline knows, with its payload schema and retry
 * policy. Producer and worker both use it; a name missing here is refused on both sides.
 * Schemas may only grow by optional fields: queued payloads can come from an older deploy.
 */
export const commandCatalog = {
  'job.create': entry({
    schema: jobCreate,
    retry: { ...DEFAULT_RETRY_POLICY },
    creates: true,
    target: (p) => ({ namespace: p.namespace, name: p.manifest.metadata.name }),
  }),
  'job.delete': entry({
    schema: jobDelete,
    retry: { ...DEFAULT_RETRY_POLICY },
    creates: false,
    target: (p) => ({ namespace: p.namespace, name: p.name }),
  }),
  'namespace.create': entry({
    schema: namespaceCreate,
    retry: { ...DEFAULT_RETRY_POLICY },
    creates: true,
    target: (p) => ({ name: p.name }),
  }),
  'namespace.delete': entry({
    schema: namespaceDelete,
    retry: { ...DEFAULT_RETRY_POLICY },
    creates: false,
    target: (p) => ({ name: p.name }),
  }),
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

/** The object a parsed command acts on. */
export function commandTarget(cmd: ParsedCommand): CommandTarget {
  return (commandCatalog[cmd.command].target as (p: unknown) => CommandTarget)(cmd.payload);
}

/** Whether `command` creates an object. */
export function isCreateCommand(command: CommandName): boolean {
  return commandCatalog[command].creates;
}
