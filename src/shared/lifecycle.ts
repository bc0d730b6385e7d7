import { renderConfigTable } from './config-table.js';
import type { Logger } from './logger.js';

/** One thing to close on shutdown, in order. */
export interface ShutdownStep {
  name: string;
  /** Resolves once closed; a rejection is logged, the later steps still run and the exit code is 1. */
  close: () => Promise<void> | void;
}

/**
 * Closes `steps` one after the other. A step that fails does not stop the later ones: each error
 * is logged (when `logger` is given) and returned, so a caller decides what a failure means.
 */
export async function closeInOrder(steps: readonly ShutdownStep[], logger?: Logger): Promise<unknown[]> {
  const errors: unknown[] = [];
  for (const step of steps) {
    try {
      await step.close();
      logger?.debug({ step: step.name }, 'closed');
    } catch (err) {
      logger?.error({ err, step: step.name }, 'error while closing');
      errors.push(err);
    }
  }
  return errors;
}

/**
 * Closes `steps` in order on the first SIGTERM or SIGINT: first stop taking work (HTTP server,
 * workers), then let in-flight work finish, then close connections. The process then exits by
 * itself with code 0 once nothing is left running, or 1 when a step failed. If closing takes
 * longer than `timeoutMs` the process exits 1, so an orchestrator never waits forever; a second
 * signal exits at once. Steps that wait on clients (the HTTP drain) should give up on their own
 * a little before `timeoutMs`, so the later steps still close cleanly.
 */
export function installShutdown(logger: Logger, steps: ShutdownStep[], timeoutMs: number): void {
  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      logger.error({ timeoutMs }, 'shutdown timed out; exiting');
      process.exit(1);
    }, timeoutMs);
    timer.unref();
    const errors = await closeInOrder(steps, logger);
    logger.info({ failedSteps: errors.length }, 'stopped');
    // Flushes stdout; anything still holding the loop open now is a bug we want to see as a timeout.
    process.exitCode = errors.length > 0 ? 1 : (process.exitCode ?? 0);
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

/**
 * Runs an entry point's `main`, printing a configuration error as plain lines (no stack) and
 * exiting 1. With `--help` it prints `usage` and the environment variables instead, and exits 0.
 */
export function runMain(main: () => Promise<void>, usage?: string): void {
  if (usage && (process.argv.includes('--help') || process.argv.includes('-h'))) {
    process.stdout.write(`${usage}\n\nConfigured by environment variables:\n\n${renderConfigTable()}\n`);
    return;
  }
  main().catch((err: unknown) => {
    if (err instanceof Error && err.name === 'ConfigError') {
      process.stderr.write(`${err.message}\n`);
    } else {
      process.stderr.write(`fatal: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    }
    process.exit(1);
  });
}
