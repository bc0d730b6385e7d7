import { z } from 'zod';
import { callbackSchema } from '../events/event.js';
import { type ParseCommandResult, parseCommand } from './catalog.js';

/**
 * What a queued command carries besides its payload (BullMQ `job.data`); the job's name is the
 * command name. Fields may only be added as optional: the worker reads envelopes written by
 * older deploys.
 */
export const commandEnvelopeSchema = z.looseObject({
  /** Envelope version, for the day its shape must change incompatibly. */
  v: z.literal(1),
  command: z.string(),
  cluster: z.string(),
  payload: z.unknown(),
  requestId: z.string(),
  principal: z.string(),
  batchId: z.string().optional(),
  /** When the operation was last re-driven (epoch ms): its retry deadline counts from then. */
  since: z.number().optional(),
  /** Where the operation's events (and its Job's) are POSTed, as a webhook. */
  callback: callbackSchema.optional(),
});
export type CommandEnvelope = z.output<typeof commandEnvelopeSchema>;

/**
 * Re-validates a queued job: the envelope, then the payload against the catalog. `jobName`
 * must equal the envelope's command. Pure.
 */
export function parseEnvelope(
  jobName: string,
  data: unknown,
):
  | { ok: true; envelope: CommandEnvelope; command: Extract<ParseCommandResult, { ok: true }>['value'] }
  | {
      ok: false;
      reason: 'UnknownCommand' | 'InvalidPayload';
      message: string;
      envelope?: CommandEnvelope;
    } {
  const env = commandEnvelopeSchema.safeParse(data);
  if (!env.success) {
    return {
      ok: false,
      reason: 'InvalidPayload',
      message: `invalid command envelope: ${z.prettifyError(env.error)}`,
    };
  }
  if (env.data.command !== jobName) {
    return {
      ok: false,
      reason: 'InvalidPayload',
      message: `job name ${JSON.stringify(jobName)} differs from envelope command ${JSON.stringify(env.data.command)}`,
      envelope: env.data,
    };
  }
  const parsed = parseCommand(jobName, env.data.payload);
  if (!parsed.ok) return { ok: false, reason: parsed.reason, message: parsed.message, envelope: env.data };
  return { ok: true, envelope: env.data, command: parsed.value };
}
