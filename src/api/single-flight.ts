/**
 * Shares one in-flight call among concurrent callers with the same key: while a call for a key
 * is pending, later callers get the same promise instead of starting another. Nothing is cached
 * after the call settles, so a poller always sees data at most one round-trip old. This is what
 * keeps a polling storm (hundreds of clients watching one Job) from multiplying load on the
 * Kubernetes API server.
 */
export interface SingleFlight {
  /** Runs `fn` unless a call for `key` is already in flight, in which case it joins that one. */
  run<T>(key: string, fn: () => Promise<T>): Promise<T>;
  /** Keys with a call in flight right now. */
  readonly inFlight: number;
}

/** Creates an empty {@link SingleFlight} group. */
export function createSingleFlight(): SingleFlight {
  const calls = new Map<string, Promise<unknown>>();
  return {
    run<T>(key: string, fn: () => Promise<T>): Promise<T> {
      const pending = calls.get(key);
      if (pending) return pending as Promise<T>;
      const call = (async () => {
        try {
          return await fn();
        } finally {
          calls.delete(key);
        }
      })();
      calls.set(key, call);
      return call;
    },
    get inFlight() {
      return calls.size;
    },
  };
}
