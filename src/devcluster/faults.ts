/**
 * Fault injection: per verb/resource status codes, latency and connection resets, by rate or
 * by count. Rate-based outcome rules share one random draw per request, so three rules of 20%,
 * 10% and 5% hit disjoint 20/10/5% of matching requests.
 */

/** Kubernetes API verbs as RBAC names them. */
export type Verb = 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection';

/** One fault. Exactly one of `status`, `reset` or `latencyMs` says what happens. */
export interface FaultRule {
  /** Verbs it applies to; all when omitted. */
  verb?: Verb | Verb[];
  /** Resources it applies to (`jobs`, `namespaces`, `pods`, `pods/log`, `jobs/status`); all when omitted. */
  resource?: string | string[];
  namespace?: string;
  identity?: string;
  /** Answer this HTTP status with a matching Status body (500, 503, 429, 401, …). */
  status?: number;
  /** `Retry-After` for 429/503; @defaultValue 1 for 429 */
  retryAfterSeconds?: number;
  message?: string;
  /** Reset the TCP connection `before` the request is processed or `after` its change is committed. */
  reset?: 'before' | 'after';
  /** Extra latency before the request is processed; latency rules combine with other faults. */
  latencyMs?: number;
  /** Probability in [0, 1]; @defaultValue 1 */
  rate?: number;
  /** Fire at most this many times; unlimited when omitted. */
  count?: number;
}

/** What the server does to one request. */
export interface FaultDecision {
  latencyMs: number;
  status?: { code: number; retryAfterSeconds?: number; message?: string };
  reset?: 'before' | 'after';
}

export interface FaultInfo extends FaultRule {
  id: number;
  fired: number;
}

/** Controls injected faults from code; the admin endpoint drives the same object. */
export interface FaultController {
  /** Adds one rule (or several) and returns their ids. */
  add(rule: FaultRule): number;
  addAll(rules: FaultRule[]): number[];
  remove(id: number): void;
  clear(): void;
  /** Rules with how often each fired. */
  list(): FaultInfo[];
  /** How often rule `id` fired (0 once removed). */
  fired(id: number): number;
}

/** Deterministic PRNG (mulberry32) so a fault mix is reproducible from its seed. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FaultRequest {
  verb: Verb;
  resource: string;
  namespace: string | undefined;
  identity: string;
}

/** Throws on a rule that says nothing or too much, so a typo does not silently inject nothing. */
export function checkRule(rule: FaultRule): void {
  const effects = [rule.status !== undefined, rule.reset !== undefined, rule.latencyMs !== undefined].filter(
    Boolean,
  ).length;
  if (effects !== 1) throw new Error('a fault rule needs exactly one of status, reset or latencyMs');
  if (rule.rate !== undefined && !(rule.rate >= 0 && rule.rate <= 1))
    throw new Error('fault rate must be within [0, 1]');
  if (
    rule.status !== undefined &&
    !(Number.isInteger(rule.status) && rule.status >= 400 && rule.status <= 599)
  ) {
    throw new Error('fault status must be an HTTP error status (400-599)');
  }
  if (rule.reset !== undefined && rule.reset !== 'before' && rule.reset !== 'after')
    throw new Error("fault reset must be 'before' or 'after'");
  if (rule.count !== undefined && !(Number.isInteger(rule.count) && rule.count >= 0))
    throw new Error('fault count must be a non-negative integer');
}

export class Faults implements FaultController {
  private rules: FaultInfo[] = [];
  private nextId = 1;
  private readonly random: () => number;

  constructor(seed = 0x5eed) {
    this.random = mulberry32(seed);
  }

  add(rule: FaultRule): number {
    checkRule(rule);
    const id = this.nextId++;
    this.rules.push({ ...rule, id, fired: 0 });
    return id;
  }

  addAll(rules: FaultRule[]): number[] {
    for (const r of rules) checkRule(r);
    return rules.map((r) => this.add(r));
  }

  remove(id: number): void {
    this.rules = this.rules.filter((r) => r.id !== id);
  }

  clear(): void {
    this.rules = [];
  }

  list(): FaultInfo[] {
    return this.rules.map((r) => ({ ...r }));
  }

  fired(id: number): number {
    return this.rules.find((r) => r.id === id)?.fired ?? 0;
  }

  private matches(r: FaultInfo, req: FaultRequest): boolean {
    if (r.count !== undefined && r.fired >= r.count) return false;
    if (r.verb !== undefined && !(Array.isArray(r.verb) ? r.verb.includes(req.verb) : r.verb === req.verb))
      return false;
    if (
      r.resource !== undefined &&
      !(Array.isArray(r.resource) ? r.resource.includes(req.resource) : r.resource === req.resource)
    )
      return false;
    if (r.namespace !== undefined && r.namespace !== req.namespace) return false;
    if (r.identity !== undefined && r.identity !== req.identity) return false;
    return true;
  }

  /** Decides the faults for one request and counts the rules that fired. */
  decide(req: FaultRequest): FaultDecision {
    const decision: FaultDecision = { latencyMs: 0 };
    if (this.rules.length === 0) return decision;
    let draw: number | undefined;
    let acc = 0;
    for (const r of this.rules) {
      if (!this.matches(r, req)) continue;
      const rate = r.rate ?? 1;
      if (r.latencyMs !== undefined) {
        if (rate >= 1 || this.random() < rate) {
          decision.latencyMs += r.latencyMs;
          r.fired++;
        }
        continue;
      }
      if (decision.status || decision.reset) continue;
      draw ??= this.random();
      acc += rate;
      if (draw < acc) {
        r.fired++;
        if (r.reset) decision.reset = r.reset;
        else {
          decision.status = { code: r.status as number };
          const retry = r.retryAfterSeconds ?? (r.status === 429 ? 1 : undefined);
          if (retry !== undefined) decision.status.retryAfterSeconds = retry;
          if (r.message !== undefined) decision.status.message = r.message;
        }
      }
    }
    return decision;
  }
}
