/**
 * The exit codes scripts can rely on, and the one place that turns an error into a code and a
 * line on stderr.
 */
import { EksJobsError, EksJobsTimeoutError, EksJobsTransportError } from '../sdk/index.js';

/** `eks-jobs` exit codes. */
export const EXIT = {
  /** Everything asked for succeeded. */
  ok: 0,
  /** A Job or operation failed, or the API answered an error (404, 422, …). */
  failed: 1,
  /** Bad flags, an unreadable file, invalid YAML, a missing URL. */
  usage: 2,
  /** The API could not be reached. */
  transport: 3,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A mistake of the person typing: exit 2 with this message. */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}

/** The exit code of an error thrown by a command. */
export function exitCodeOf(err: unknown): ExitCode {
  if (err instanceof CliUsageError) return EXIT.usage;
  if (err instanceof EksJobsTransportError) return EXIT.transport;
  if (err instanceof EksJobsError || err instanceof EksJobsTimeoutError) return EXIT.failed;
  return EXIT.failed;
}

/** One line about an error: `code: message (requestId)` for the API's errors. */
export function describeError(err: unknown): string {
  if (err instanceof EksJobsError) {
    return `${err.code}: ${err.message}${err.requestId ? ` (${err.requestId})` : ''}`;
  }
  if (err instanceof EksJobsTransportError) return `cannot reach the eks-jobs API: ${err.message}`;
  if (err instanceof Error) return err.message;
  return String(err);
}
