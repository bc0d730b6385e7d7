/** Request and connection counters a test can read. */

export interface CounterFilter {
  verb?: string;
  resource?: string;
  code?: number;
}

export interface CounterSnapshot {
  requests: { verb: string; resource: string; code: number; count: number }[];
  tlsConnections: number;
}

/**
 * Counts requests by verb, resource and response code (0 for a connection reset instead of an
 * answer) and TLS connections opened.
 */
export interface DevClusterCounters {
  requests(filter?: CounterFilter): number;
  tlsConnections(): number;
  reset(): void;
  snapshot(): CounterSnapshot;
}

export class Counters implements DevClusterCounters {
  private readonly byKey = new Map<string, { verb: string; resource: string; code: number; count: number }>();
  private tls = 0;

  record(verb: string, resource: string, code: number): void {
    const key = `${verb} ${resource} ${code}`;
    const entry = this.byKey.get(key);
    if (entry) entry.count++;
    else this.byKey.set(key, { verb, resource, code, count: 1 });
  }

  recordTlsConnection(): void {
    this.tls++;
  }

  requests(filter: CounterFilter = {}): number {
    let n = 0;
    for (const e of this.byKey.values()) {
      if (filter.verb !== undefined && e.verb !== filter.verb) continue;
      if (filter.resource !== undefined && e.resource !== filter.resource) continue;
      if (filter.code !== undefined && e.code !== filter.code) continue;
      n += e.count;
    }
    return n;
  }

  tlsConnections(): number {
    return this.tls;
  }

  reset(): void {
    this.byKey.clear();
    this.tls = 0;
  }

  snapshot(): CounterSnapshot {
    return { requests: [...this.byKey.values()].map((e) => ({ ...e })), tlsConnections: this.tls };
  }
}
