import { EksJobsTimeoutError } from './errors.js';

/** Pauses between polls: `initialMs`, then ×`factor` each time, at most `maxMs`. */
export interface Backoff {
  /** @defaultValue 250 */
  initialMs?: number;
  /** @defaultValue 1.5 */
  factor?: number;
  /** @defaultValue 5000 */
  maxMs?: number;
}

/** Options of every `waitFor…` helper. */
export interface WaitOptions<T> {
  /** Give up (with {@link EksJobsTimeoutError}) after this long. @defaultValue no limit */
  timeoutMs?: number;
  /** Stops waiting: the helper rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Called with what was read each time it changed, the first read included. */
  onUpdate?: (value: T) => void;
  /** Pauses between reads. @defaultValue 250 ms ×1.5 up to 5 s */
  backoff?: Backoff;
}

/** Resolves after `ms`, or rejects with `signal`'s reason once it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Reads with `read` until `ended` says so, pausing per `backoff` in between; returns the last read.
 * `changed` is what `onUpdate` is called for. Errors of `read` propagate: only the caller knows
 * which are worth waiting out.
 */
export async function pollUntil<T>(
  read: (signal: AbortSignal | undefined) => Promise<T>,
  ended: (value: T) => boolean,
  options: WaitOptions<T> & { what: string; changed: (value: T) => string },
): Promise<T> {
  const initial = options.backoff?.initialMs ?? 250;
  const factor = options.backoff?.factor ?? 1.5;
  const max = options.backoff?.maxMs ?? 5000;
  const deadline =
    options.timeoutMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + options.timeoutMs;
  let delay = initial;
  let lastKey: string | undefined;
  let last: T | undefined;
  for (;;) {
    const value = await read(options.signal);
    last = value;
    const key = options.changed(value);
    if (key !== lastKey) {
      lastKey = key;
      options.onUpdate?.(value);
    }
    if (ended(value)) return value;
    const left = deadline - Date.now();
    if (left <= 0) {
      throw new EksJobsTimeoutError(
        `timed out after ${options.timeoutMs} ms waiting for ${options.what}`,
        last,
      );
    }
    await sleep(Math.min(delay, left), options.signal);
    delay = Math.min(max, delay * factor);
  }
}
