// HTTP load through autocannon (HdrHistogram latencies, its own HTTP client on raw sockets):
// a well-kept load generator instead of a hand-written loop, so the client's cost is small and
// known, and the percentiles are the usual ones.
import autocannon from 'autocannon';
import { percentile } from './stats.js';

/** Options of {@link load}. */
export interface LoadOptions {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  connections: number;
  /** Seconds to run; ignored when `amount` is given. */
  durationS?: number;
  /** Requests to send in all (then the run lasts as long as they take). */
  amount?: number;
  /** Seconds before a request counts as timed out. @defaultValue 30 */
  timeoutS?: number;
  /** Paths to cycle through (one per request, in turn); else `url`'s path every time. */
  paths?: string[];
}

/** What one run measured. Rates count 2xx answers only. */
export interface LoadResult {
  /** 2xx answers. */
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  seconds: number;
  /** 2xx answers per second. */
  rps: number;
  /** autocannon's HdrHistogram percentiles of 2xx answers, in ms (1 ms resolution). */
  p50: number;
  p99: number;
  /** The same from each answer's own timing (sub-millisecond), for fast answers. */
  exactP50: number;
  exactP99: number;
  /** Status codes seen, with counts. */
  statuses: Record<string, number>;
}

/** Runs one autocannon load and summarises it. */
export function load(options: LoadOptions): Promise<LoadResult> {
  const exact: number[] = [];
  const statuses: Record<string, number> = {};
  let next = 0;
  const paths = options.paths;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        method: options.method ?? 'GET',
        headers: options.headers ?? {},
        ...(options.body !== undefined ? { body: options.body } : {}),
        connections: options.connections,
        ...(options.amount !== undefined ? { amount: options.amount } : { duration: options.durationS ?? 5 }),
        timeout: options.timeoutS ?? 30,
        // autocannon notices the end of a run (its duration or `amount`) only at a sample tick:
        // at the default 1 s every short run would last a whole second.
        sampleInt: 10,
        ...(paths?.length
          ? {
              requests: [
                {
                  setupRequest: (req: autocannon.Request) => ({
                    ...req,
                    path: paths[next++ % paths.length]!,
                  }),
                },
              ],
            }
          : {}),
      },
      (err, result) => {
        if (err) return reject(err);
        const ok = result['2xx'];
        resolve({
          ok,
          non2xx: result.non2xx,
          errors: result.errors,
          timeouts: result.timeouts,
          seconds: result.duration,
          rps: result.duration > 0 ? ok / result.duration : Number.NaN,
          p50: ok ? result.latency.p50 : Number.NaN,
          p99: ok ? result.latency.p99 : Number.NaN,
          exactP50: percentile(exact, 0.5),
          exactP99: percentile(exact, 0.99),
          statuses,
        });
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
      if (statusCode >= 200 && statusCode < 300) exact.push(responseTime);
    });
  });
}
