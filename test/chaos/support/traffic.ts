/** Continuous client traffic, bounded in count and in time, that a scenario runs under its faults. */

/** Options of {@link startTraffic}. */
export interface TrafficOptions {
  /** Concurrent client loops. @defaultValue 4 */
  clients?: number;
  /** Pause of each loop between two requests. @defaultValue what `spreadOverMs` asks, else 50 */
  paceMs?: number;
  /** Spread `maxRequests` over about this long (sets `paceMs`; slower machines take longer). */
  spreadOverMs?: number;
  /** Most requests in all. */
  maxRequests: number;
  /** Hard stop, whatever else happens. @defaultValue 10 minutes */
  maxDurationMs?: number;
}

export interface Traffic {
  /** Requests sent so far. */
  sent(): number;
  /** Stops the loops and waits for the requests in flight. */
  stop(): Promise<void>;
  /** Waits until the loops have sent `maxRequests` (or hit `maxDurationMs`). */
  finished(): Promise<void>;
}

/** Starts `clients` loops calling `send` until stopped or `maxRequests` were sent. */
export function startTraffic(send: () => Promise<unknown>, options: TrafficOptions): Traffic {
  let sent = 0;
  let stopped = false;
  const until = Date.now() + (options.maxDurationMs ?? 600_000);
  const clients = options.clients ?? 4;
  const pace =
    options.paceMs ??
    (options.spreadOverMs !== undefined ? (options.spreadOverMs * clients) / options.maxRequests : 50);
  const loop = async () => {
    while (!stopped && sent < options.maxRequests && Date.now() < until) {
      sent++;
      await send();
      await new Promise((resolve) => setTimeout(resolve, pace));
    }
  };
  const loops = Promise.all(Array.from({ length: clients }, loop));
  return {
    sent: () => sent,
    stop: async () => {
      stopped = true;
      await loops;
    },
    finished: async () => {
      await loops;
    },
  };
}

/** Resolves after `ms`; only to pace faults and traffic, never before an assertion. */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
