import type { CommandTarget } from '../commands/index.js';
import { commandTarget, parseCommand } from '../commands/index.js';
import { jsonField, numberField } from '../hash-fields.js';
import {
  buildOperation,
  type Operation,
  type OperationState,
  STORED_ERROR_FIELD,
  type StoredError,
  storedErrorSchema,
} from './operation-record.js';

/**
 * The fields of a BullMQ job hash an operation is read from, in HMGET order. One HMGET of one
 * hash: reading an operation costs the same whatever the queue's depth (BullMQ's own
 * `getJobState` searches the wait list, O(queue), and blocks Redis while it does).
 */
export const OPERATION_FIELDS = [
  'name',
  'data',
  'opts',
  'timestamp',
  'processedOn',
  'finishedOn',
  'returnvalue',
  'failedReason',
  'atm',
  'ats',
  STORED_ERROR_FIELD,
] as const;

type Fields = (string | null)[];

/** The stored error of the last failed attempt, if the worker wrote one. Pure. */
export function parseStoredError(raw: string | null | undefined): StoredError | undefined {
  const parsed = storedErrorSchema.safeParse(jsonField(raw));
  return parsed.success ? parsed.data : undefined;
}

/**
 * An operation's state from its own hash (docs/architecture.md §5): finished when BullMQ wrote
 * `finishedOn` (succeeded with a `returnvalue`, else failed); otherwise running while an
 * attempt was started (`ats`) after the last recorded outcome — BullMQ counts `ats` up when a
 * worker takes the job, our stored error records the count it was written at, and `atm`
 * counts finished attempts. Pure.
 */
export function stateOf(f: {
  finishedOn?: number | undefined;
  returnvalue: string | null | undefined;
  attemptsStarted: number;
  attemptsMade: number;
  stored: StoredError | undefined;
}): OperationState {
  if (f.finishedOn) return f.returnvalue !== null && f.returnvalue !== undefined ? 'succeeded' : 'failed';
  const settled = f.stored?.attempt ?? f.attemptsMade;
  return f.attemptsStarted > settled ? 'running' : 'queued';
}

function targetOf(name: string, data: Record<string, unknown>): CommandTarget {
  const stored = data.target as CommandTarget | undefined;
  if (stored && typeof stored.name === 'string') return stored;
  const parsed = parseCommand(name, data.payload);
  return parsed.ok ? commandTarget(parsed.value) : { name: '' };
}

/** Builds the operation `id` from the HMGET of {@link OPERATION_FIELDS}, or undefined when the hash is gone. */
export function operationFromFields(
  id: string,
  fields: Fields,
  now: number = Date.now(),
): Operation | undefined {
  const [
    name,
    rawData,
    rawOpts,
    timestamp,
    processedOn,
    finishedOn,
    returnvalue,
    failedReason,
    atm,
    ats,
    error,
  ] = fields;
  if (!name) return undefined;
  const data = (jsonField(rawData) ?? {}) as Record<string, unknown>;
  const opts = (jsonField(rawOpts) ?? {}) as { attempts?: number };
  const stored = parseStoredError(error);
  // Between the worker's error write and BullMQ's count of that attempt, the error's count leads
  // (while it belongs to the current attempt: a re-drive resets BullMQ's counters).
  const attemptsStarted = numberField(ats) ?? 0;
  const current = stored?.attempt === attemptsStarted ? (stored?.made ?? 0) : 0;
  const attemptsMade = Math.max(numberField(atm) ?? 0, current);
  const finished = numberField(finishedOn);
  const state = stateOf({
    finishedOn: finished,
    returnvalue,
    attemptsStarted,
    attemptsMade,
    stored,
  });
  return buildOperation(
    {
      id,
      name,
      data,
      target: targetOf(name, data),
      attemptsMade,
      maxAttempts: opts.attempts ?? 1,
      timestamp: numberField(timestamp) ?? 0,
      processedOn: numberField(processedOn),
      finishedOn: finished,
      returnvalue: jsonField(returnvalue),
      failedReason: failedReason ?? undefined,
    },
    state,
    stored,
    now,
  );
}
