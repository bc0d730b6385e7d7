import type { ServiceProcess } from '../support/process.js';
import type { TestRedis } from '../support/redis.js';
import { EVERYTHING, type ProcessStack, startProcessStack } from '../support/stack.js';

/**
 * The service as operators run it, for observability: api and worker processes at
 * LOG_LEVEL=info (their logs are what is checked), one devcluster, an admin key and a non-admin key.
 */
export interface ObservedStack extends ProcessStack {
  apiUrl: string;
  /** Allowed everything, admin included. */
  adminKey: string;
  /** Allowed every cluster and namespace, but not admin routes. */
  userKey: string;
  /** JSON log lines of a process, parsed; lines that are not JSON are skipped. */
  logs(p: ServiceProcess): Array<Record<string, unknown>>;
}

export async function startObservedStack(redis: TestRedis): Promise<ObservedStack> {
  const stack = await startProcessStack(redis, {
    logLevel: 'info',
    timeScale: 0.01,
    keys: { 'obs-admin': { ...EVERYTHING, admin: true }, 'obs-user': EVERYTHING },
  });
  return {
    ...stack,
    apiUrl: stack.url,
    adminKey: stack.keys['obs-admin']!,
    userKey: stack.keys['obs-user']!,
    logs: (p) =>
      p
        .output()
        .split('\n')
        .flatMap((line) => {
          try {
            return [JSON.parse(line) as Record<string, unknown>];
          } catch {
            return [];
          }
        }),
  };
}

/** The value of one sample in Prometheus text, or undefined when the series is absent. */
export function sample(metrics: string, name: string, labels: Record<string, string>): number | undefined {
  const want = Object.entries(labels);
  for (const line of metrics.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const open = line.indexOf('{');
    const close = line.lastIndexOf('}');
    const have = new Map<string, string>();
    if (open === name.length) {
      for (const m of line.slice(open + 1, close).matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g))
        have.set(m[1]!, m[2]!);
    }
    if (want.every(([k, v]) => have.get(k) === v) && have.size === want.length) {
      return Number(line.slice((open === name.length ? close : name.length) + 1).trim());
    }
  }
  return undefined;
}
