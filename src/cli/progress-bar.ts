/**
 * A batch's progress on stderr: on a terminal one bar redrawn in place; elsewhere (CI logs, a
 * pipe) one line per update, at most one a second, and always the last.
 */
import type { BatchProgressUpdate } from '../sdk/index.js';

const WIDTH = 30;

/** One frame: `[#####-----] 250/500  queued 10  running 5  succeeded 230  failed 5  cancelled 0`. */
export function progressLine(p: BatchProgressUpdate): string {
  const filled = p.total === 0 ? WIDTH : Math.round((p.ended / p.total) * WIDTH);
  const bar = `${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}`;
  return `[${bar}] ${p.ended}/${p.total}  queued ${p.queued}  running ${p.running}  succeeded ${p.succeeded}  failed ${p.failed}  cancelled ${p.cancelled}`;
}

export interface ProgressBarOptions {
  write: (text: string) => void;
  /** Redraw in place (`\r`, clear line) instead of printing lines. */
  tty: boolean;
  /** @defaultValue Date.now */
  now?: () => number;
  /** Least time between two lines when not a terminal. @defaultValue 1000 */
  lineIntervalMs?: number;
}

export function createProgressBar(options: ProgressBarOptions) {
  const now = options.now ?? Date.now;
  const interval = options.lineIntervalMs ?? 1000;
  let lastLineAt = Number.NEGATIVE_INFINITY;
  let pending: BatchProgressUpdate | undefined;
  let drawn = false;
  return {
    /** Shows `p` (on a terminal at once; otherwise unless a line was printed less than a second ago). */
    update(p: BatchProgressUpdate): void {
      if (options.tty) {
        options.write(`\r${progressLine(p)}\x1b[K`);
        drawn = true;
        return;
      }
      if (now() - lastLineAt < interval && !p.done) {
        pending = p;
        return;
      }
      options.write(`${progressLine(p)}\n`);
      lastLineAt = now();
      pending = undefined;
    },
    /** Ends the bar: prints a held-back last state, and a newline after a terminal's bar. */
    end(): void {
      if (pending) options.write(`${progressLine(pending)}\n`);
      pending = undefined;
      if (options.tty && drawn) options.write('\n');
      drawn = false;
    },
  };
}
