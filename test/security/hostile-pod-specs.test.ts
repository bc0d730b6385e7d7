import { Queue } from 'bullmq';
import fc from 'fast-check';
import { Redis } from 'ioredis';
import { afterAll, describe } from 'vitest';
import { ERROR_STATUS } from '../../src/api/errors.js';
import { evaluatePodSecurity } from '../../src/shared/policy/pod-security.js';
import { clientsFor } from '../support/devcluster.js';
import { expect, test } from '../support/fixtures.js';
import { testPrefix } from '../support/redis.js';
import { type ApiUnderTest, enqueueTraces, startApiUnderTest } from './support/api-under-test.js';
import {
  type GeneratedJob,
  imagesFor,
  type Json,
  jobBodyArb,
  type KeyRules,
  keyRuleChecks,
  type Level,
  seedBodyArb,
  type Template,
  templateOf,
} from './support/pod-spec-arbitraries.js';
import { makeKey, type TestKey } from './support/security-app.js';

// Acceptance 4 of issue 12: the hostile-request property test extended to policy. Random pod specs
// (the short form, full manifests with every Pod Security-relevant field, garbage) go to single
// creates, their dry runs, batches and the seed route, with keys of different policies, into
// namespaces with different `pod-security.kubernetes.io/enforce` labels. Every answer is below 500
// (non-2xx in the error envelope), and for every request the effective level and the verdict are
// computed here, apart from the API:
// - the level is the stricter of the key's level and the namespace's enforce label, the label read
//   as Kubernetes reads it (`api.PolicyToEvaluate`: an enforce label that is not a level counts as
//   restricted), from the labels this file gave the namespaces;
// - the Pod Security verdict comes from src/shared/policy's evaluatePodSecurity as the oracle. That
//   is acceptable because test/policy/pod-security.test.ts checks it, case by case, against the
//   verdicts and messages of upstream k8s.io/pod-security-admission; here it is cross-checked
//   again against what the generator knows of each value it put in a pod (a privileged container
//   must break baseline, a restricted-clean pod must pass restricted, …);
// - the key's own rules come from an oracle written from docs/policy.md (pod-spec-arbitraries.ts).
// A 2xx means the template passes the effective level and the key's rules; a violating
// well-formed body answers 422 PolicyViolation with exactly the broken checks; what each request
// enqueued is counted in BullMQ before and after it, and at the end every job in the queue is
// traced to an accepted request and its enqueued pod template judged again.

// About 1,000 requests and 1,600 Job bodies: 10–20 s here (5,000 runs were tried once, ~50 s, clean).
const RUNS = 1000;
const PROBLEM_CHECKS = /^(decode|[a-zA-Z]+(_[a-z]+)?)$/;

const ENFORCE = 'pod-security.kubernetes.io/enforce';
const LEVELS: readonly Level[] = ['privileged', 'baseline', 'restricted'];

/** The namespaces, created in the devcluster before the run, with their labels. */
const NAMESPACES: Record<string, Record<string, string> | undefined> = {
  'psa-plain': {},
  'psa-priv': { [ENFORCE]: 'privileged' },
  'psa-base': { [ENFORCE]: 'baseline', 'pod-security.kubernetes.io/warn': 'restricted' },
  'psa-restr': { [ENFORCE]: 'restricted' },
  'psa-audit': { 'pod-security.kubernetes.io/audit': 'restricted' },
  // Never created: cannot be read, so only the key's level applies (docs/policy.md).
  'psa-missing': undefined,
};
const NS_NAMES = Object.keys(NAMESPACES);

/**
 * The namespace's enforce level as Kubernetes Pod Security Admission reads the label: a value that
 * is not a level counts as restricted (`ParseLevel`). The API server refuses such labels on
 * namespaces (as the devcluster does), so none is created here.
 */
function namespaceLevel(ns: string): Level | undefined {
  const labels = NAMESPACES[ns];
  if (!labels || !Object.hasOwn(labels, ENFORCE)) return undefined;
  const value = labels[ENFORCE]!;
  return (LEVELS as readonly string[]).includes(value) ? (value as Level) : 'restricted';
}

function effectiveLevel(rules: KeyRules, ns: string): Level {
  const nsLevel = namespaceLevel(ns) ?? 'privileged';
  return LEVELS.indexOf(nsLevel) > LEVELS.indexOf(rules.level) ? nsLevel : rules.level;
}

interface PolicyKey {
  key: TestKey;
  rules: KeyRules;
}

const ALL_ALLOWED = [
  'nodeName',
  'nodeSelector',
  'affinity',
  'tolerations',
  'priorityClassName',
  'ownerReferences',
  'finalizers',
];

/** A key scoped to `psa-*` with `policy` in API_KEYS_FILE, and the same policy as this file's oracle reads it. */
function policyKey(id: string, policy: Json | undefined, rules: KeyRules): PolicyKey {
  return {
    key: makeKey(id, { scopes: { clusters: ['*'], namespaces: ['psa-*'] }, ...(policy ? { policy } : {}) }),
    rules,
  };
}

const KEYS: PolicyKey[] = [
  // No policy in the key file: baseline, any image, service account `default`, no guarded fields.
  policyKey('k-default', undefined, { level: 'baseline', serviceAccounts: ['default'], allow: new Set() }),
  policyKey(
    'k-restricted',
    {
      podSecurity: 'restricted',
      images: ['busybox:*', 'registry.k8s.io/*'],
      serviceAccounts: ['default', 'ci-*'],
      defaultResources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '1', memory: '256Mi' } },
      maxResources: { cpu: '2', memory: '1Gi' },
    },
    {
      level: 'restricted',
      images: ['busybox:*', 'registry.k8s.io/*'],
      serviceAccounts: ['default', 'ci-*'],
      allow: new Set(),
      defaultResources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '1', memory: '256Mi' } },
      maxResources: { cpu: '2', memory: '1Gi' },
    },
  ),
  policyKey(
    'k-privileged-ecr',
    {
      podSecurity: 'privileged',
      images: ['123456789012.dkr.ecr.*.amazonaws.com/*'],
      allow: { nodeSelector: true, tolerations: true },
    },
    {
      level: 'privileged',
      images: ['123456789012.dkr.ecr.*.amazonaws.com/*'],
      serviceAccounts: ['default'],
      allow: new Set(['nodeSelector', 'tolerations']),
    },
  ),
  policyKey(
    'k-privileged-open',
    {
      podSecurity: 'privileged',
      serviceAccounts: ['*'],
      allow: Object.fromEntries(ALL_ALLOWED.map((f) => [f, true])),
    },
    { level: 'privileged', serviceAccounts: ['*'], allow: new Set(ALL_ALLOWED) },
  ),
  policyKey(
    'k-baseline-capped',
    {
      podSecurity: 'baseline',
      images: ['busybox*', 'docker.io/*'],
      serviceAccounts: ['default', 'ci-*'],
      allow: { priorityClassName: true, affinity: true, finalizers: true },
      maxResources: { memory: '1Gi' },
    },
    {
      level: 'baseline',
      images: ['busybox*', 'docker.io/*'],
      serviceAccounts: ['default', 'ci-*'],
      allow: new Set(['priorityClassName', 'affinity', 'finalizers']),
      maxResources: { memory: '1Gi' },
    },
  ),
];

type Kind = 'single' | 'dry' | 'batch' | 'seed';

interface Item {
  ns: string;
  job: GeneratedJob;
}

interface Req {
  kind: Kind;
  key: PolicyKey;
  base: string;
  items: Item[];
  idempotencyKey?: string;
}

/** What this file expects of one item: its level, the checks it breaks (undefined: makes no pod template). */
interface Verdict {
  level: Level;
  template?: Template;
  checks?: Set<string>;
}

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const podMeta = (m: unknown) => (isObj(m) ? m : undefined);

function verdictOf(key: PolicyKey, item: Item): Verdict {
  const level = effectiveLevel(key.rules, item.ns);
  const template = templateOf(item.job.form, item.job.body);
  if (!template) return { level };
  const psa = evaluatePodSecurity(level, podMeta(template.podMetadata), template.podSpec).map((v) => v.check);
  // A Job Kubernetes cannot decode is refused at every level, as `decode` (Pod Security's own name for it).
  const decode = item.job.unsendable ? ['decode'] : [];
  return { level, template, checks: new Set([...psa, ...decode, ...keyRuleChecks(key.rules, template)]) };
}

const violates = (v: Verdict) => v.checks === undefined || v.checks.size > 0;

/**
 * The PSA oracle against what the generator knows: each hazard breaks its level, a clean pod
 * passes its level, the short form (no securityContext) passes baseline and breaks restricted.
 */
function crossCheckOracle(job: GeneratedJob, t: Template | undefined, tally: Map<string, number>): void {
  if (!t || !job.wellFormed) return;
  const at = (level: Level) => evaluatePodSecurity(level, podMeta(t.podMetadata), t.podSpec);
  const os = isObj(t.podSpec) && isObj(t.podSpec.os) ? t.podSpec.os.name : undefined;
  for (const h of job.hazards) {
    if (h.linuxOnly && os === 'windows') continue;
    expect(at(h.level).length, `oracle: ${h.what} must break ${h.level}`).toBeGreaterThan(0);
    bump(tally, `oracle: hazard at ${h.level}`);
  }
  if (job.clean === 'restricted') {
    expect(at('restricted'), 'oracle: restricted-clean pod').toEqual([]);
    expect(at('baseline'), 'oracle: restricted-clean pod at baseline').toEqual([]);
    bump(tally, 'oracle: restricted-clean');
  }
  if (job.clean === 'baseline') {
    expect(at('baseline'), 'oracle: baseline-clean pod').toEqual([]);
    bump(tally, 'oracle: baseline-clean');
  }
  if (job.form === 'short') {
    expect(at('baseline'), 'oracle: short form at baseline').toEqual([]);
    expect(
      at('restricted').map((v) => v.check),
      'oracle: short form at restricted',
    ).toEqual([
      'allowPrivilegeEscalation',
      'capabilities_restricted',
      'runAsNonRoot',
      'seccompProfile_restricted',
    ]);
  }
  expect(at('privileged')).toEqual([]);
}

function bump(tally: Map<string, number>, k: string): void {
  tally.set(k, (tally.get(k) ?? 0) + 1);
}

const keyArb = fc.constantFrom(...KEYS);
const nsArb = fc.constantFrom(...NS_NAMES);
const baseArb = fc.constantFrom('/v1', '/v1/clusters/main');
const idemArb = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 9 },
  { arbitrary: fc.integer({ min: 0, max: 2 }).map((n) => `idem-${n}`), weight: 1 },
);

const singleArb = (kind: 'single' | 'dry'): fc.Arbitrary<Req> =>
  fc.record({ key: keyArb, base: baseArb, ns: nsArb, idempotencyKey: idemArb }).chain((r) =>
    jobBodyArb(r.ns, { images: imagesFor(r.key.rules) }).map((job) => ({
      kind,
      key: r.key,
      base: r.base,
      items: [{ ns: r.ns, job }],
      ...(r.idempotencyKey ? { idempotencyKey: r.idempotencyKey } : {}),
    })),
  );

const batchArb: fc.Arbitrary<Req> = fc
  .record({ key: keyArb, base: baseArb, idempotencyKey: idemArb })
  .chain((r) =>
    fc
      .array(
        nsArb.chain((ns) =>
          jobBodyArb(ns, { images: imagesFor(r.key.rules), inBatch: true }).map((job) => ({ ns, job })),
        ),
        { minLength: 2, maxLength: 5 },
      )
      .map((items) => ({ ...r, items })),
  )
  .map((r) => ({
    kind: 'batch' as const,
    key: r.key,
    base: r.base,
    items: r.items,
    ...(r.idempotencyKey ? { idempotencyKey: r.idempotencyKey } : {}),
  }));

const seedArb: fc.Arbitrary<Req> = fc.record({ key: keyArb, ns: nsArb }).chain((r) =>
  seedBodyArb(r.ns, { images: imagesFor(r.key.rules) }).map((job) => ({
    kind: 'seed' as const,
    key: r.key,
    base: '',
    items: [{ ns: r.ns, job }],
  })),
);

/** One run in fifteen resends the previous request (same body, same Idempotency-Key: a replay when it was accepted). */
const requestArb = fc.record({
  req: fc.oneof(
    { arbitrary: singleArb('single'), weight: 6 },
    { arbitrary: singleArb('dry'), weight: 2 },
    { arbitrary: batchArb, weight: 3 },
    { arbitrary: seedArb, weight: 1 },
  ),
  again: fc.oneof({ arbitrary: fc.constant(false), weight: 14 }, { arbitrary: fc.constant(true), weight: 1 }),
});

function httpOf(req: Req): { url: string; body: unknown } {
  const [first] = req.items;
  switch (req.kind) {
    case 'single':
      return { url: `${req.base}/namespaces/${first!.ns}/jobs`, body: first!.job.body };
    case 'dry':
      return { url: `${req.base}/namespaces/${first!.ns}/jobs?dryRun=true`, body: first!.job.body };
    case 'batch':
      return {
        url: `${req.base}/batches`,
        body: { items: req.items.map((i) => ({ namespace: i.ns, job: i.job.body })) },
      };
    case 'seed':
      return { url: '/api/eks-create-job', body: first!.job.body };
  }
}

interface Answer {
  status: number;
  text: string;
  json: unknown;
  requestId: string;
  replayed: boolean;
}

interface ErrorBody {
  error: { code: string; message: string; requestId: string; details?: unknown };
}

type PolicyDetails = {
  level?: string;
  violations?: Array<{ check: string; message: string }>;
  items?: Array<{ index: number; level: string; violations: Array<{ check: string; message: string }> }>;
};

const CODES = new Set(Object.keys(ERROR_STATUS));

function expectEnvelope(a: Answer, where: string): ErrorBody['error'] {
  const body = a.json as ErrorBody;
  expect(isObj(body) && Object.keys(body), where).toEqual(['error']);
  expect(CODES.has(body.error.code), where).toBe(true);
  expect(typeof body.error.message, where).toBe('string');
  expect(body.error.requestId, where).toBe(a.requestId);
  expect(a.text, where).not.toMatch(/\n\s+at |node_modules|ekj_[A-Za-z0-9_-]{20}/);
  return body.error;
}

/** The sets of checks a PolicyViolation names, per item index (single requests: index 0). */
function checksNamed(req: Req, details: PolicyDetails): Map<number, { level: string; checks: Set<string> }> {
  const out = new Map<number, { level: string; checks: Set<string> }>();
  if (req.kind === 'batch') {
    for (const it of details.items ?? [])
      out.set(it.index, { level: it.level, checks: new Set(it.violations.map((v) => v.check)) });
  } else {
    out.set(0, {
      level: String(details.level),
      checks: new Set((details.violations ?? []).map((v) => v.check)),
    });
  }
  for (const { checks } of out.values()) for (const c of checks) expect(c).toMatch(PROBLEM_CHECKS);
  return out;
}

const sorted = (s: Set<string> | undefined) => [...(s ?? [])].sort();

/** The pod spec without container resources (the key's defaults may fill them in), to compare what was sent with what was enqueued. */
function withoutResources(spec: unknown): unknown {
  if (!isObj(spec)) return spec;
  const out: Json = { ...spec };
  for (const l of ['initContainers', 'containers', 'ephemeralContainers']) {
    if (Array.isArray(spec[l]))
      out[l] = (spec[l] as unknown[]).map((c) => {
        if (!isObj(c)) return c;
        const { resources: _, ...rest } = c;
        return rest;
      });
  }
  return out;
}

interface Accepted {
  req: Req;
  operationIds: string[];
}

const JOB_TYPES = [
  'wait',
  'active',
  'delayed',
  'prioritized',
  'waiting-children',
  'completed',
  'failed',
] as const;

let api: ApiUnderTest | undefined;
let queue: Queue | undefined;
let queueRedis: Redis | undefined;
afterAll(async () => {
  await queue?.close();
  queueRedis?.disconnect();
  await api?.close();
});

describe('hostile pod specs against policy', () => {
  test(`${RUNS} random pod specs: no 5xx, a violation is 422 PolicyViolation, nothing violating the effective level is enqueued`, async ({
    redis,
  }) => {
    const started = Date.now();
    api = await startApiUnderTest({
      redisUrl: redis.url,
      prefix: testPrefix(),
      keys: KEYS.map((k) => k.key),
    });
    const app = api.app;
    const { core } = clientsFor(api.devcluster);
    for (const [name, labels] of Object.entries(NAMESPACES)) {
      if (labels) await core.createNamespace({ body: { metadata: { name, labels } } });
    }
    queueRedis = new Redis(redis.url, { maxRetriesPerRequest: null });
    queue = new Queue('ops-main', { connection: queueRedis, prefix: api.prefix });
    expect(await enqueueTraces(api)).toEqual([]);
    const depth = async () =>
      Object.values(await queue!.getJobCounts(...JOB_TYPES)).reduce((a, b) => a + b, 0);

    const tally = new Map<string, number>();
    const accepted = new Map<string, Accepted>();
    const replayable = new Set<string>();
    let expectedJobs = 0;
    let seq = 0;
    let items = 0;
    let previous: Req | undefined;

    await fc.assert(
      fc.asyncProperty(requestArb, async ({ req: fresh, again }) => {
        const req = again && previous ? previous : fresh;
        previous = req;
        const rid = `hps-${++seq}`;
        const { url, body } = httpOf(req);
        const verdicts = req.items.map((i) => verdictOf(req.key, i));
        for (const [n, i] of req.items.entries()) crossCheckOracle(i.job, verdicts[n]!.template, tally);
        items += req.items.length;
        const before = await depth();
        const res = await app.request(url, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${req.key.key.key}`,
            'content-type': 'application/json',
            'x-request-id': rid,
            ...(req.idempotencyKey ? { 'idempotency-key': req.idempotencyKey } : {}),
          },
          body: JSON.stringify(body),
        });
        const text = await res.text();
        const a: Answer = {
          status: res.status,
          text,
          json: text ? JSON.parse(text) : undefined,
          requestId: res.headers.get('x-request-id') ?? '',
          replayed: res.headers.get('idempotent-replayed') === 'true',
        };
        const delta = (await depth()) - before;
        const where = `${req.kind} ${url} key=${req.key.key.entry.id} idem=${req.idempotencyKey ?? '-'} items=${JSON.stringify(
          req.items.map((i, n) => ({
            ns: i.ns,
            level: verdicts[n]!.level,
            form: i.job.form,
            expect: sorted(verdicts[n]!.checks),
          })),
        )} body=${JSON.stringify(body).slice(0, 1500)} → ${a.status} ${text.slice(0, 1500)}`;

        expect(a.requestId, where).toBe(rid);
        expect(a.status, where).toBeLessThan(500);
        const allWellFormed = req.items.every((i) => i.job.wellFormed);
        const anyViolates = verdicts.some(violates);
        const replayKey = req.idempotencyKey ? `${req.key.key.entry.id}\n${req.idempotencyKey}` : undefined;

        if (a.status >= 200 && a.status < 300) {
          bump(tally, `${req.kind}: ${a.status}${a.replayed ? ' replayed' : ''}`);
          // Accepted: every item's template passes its effective level and the key's rules.
          for (const v of verdicts) expect(sorted(v.checks), `accepted: ${where}`).toEqual([]);
          if (req.kind === 'dry') {
            expect(a.status, where).toBe(200);
            expect(delta, `a dry run enqueues nothing: ${where}`).toBe(0);
            return;
          }
          if (a.replayed) {
            expect(replayKey !== undefined && replayable.has(replayKey), where).toBe(true);
            expect(delta, where).toBe(0);
            return;
          }
          expect(a.status, where).toBe(202);
          expect(delta, where).toBe(req.items.length);
          const json = a.json as { id: string; operations?: Array<{ id: string }> };
          const operationIds = req.kind === 'batch' ? json.operations!.map((o) => o.id) : [json.id];
          expect(operationIds.length, where).toBe(req.items.length);
          accepted.set(rid, { req, operationIds });
          expectedJobs += req.items.length;
          if (replayKey) replayable.add(replayKey);
          return;
        }

        const error = expectEnvelope(a, where);
        bump(tally, `${req.kind}: ${a.status} ${error.code}`);
        expect(delta, `nothing enqueued on a refusal: ${where}`).toBe(0);
        if (error.code === 'PolicyViolation') {
          expect(a.status, where).toBe(422);
          expect(anyViolates, `refused for policy, but the oracle sees no violation: ${where}`).toBe(true);
          const named = checksNamed(req, error.details as PolicyDetails);
          if (allWellFormed) {
            // Exactly the violating items, each at its level with exactly its broken checks.
            const violating = verdicts.flatMap((v, n) => (violates(v) ? [n] : []));
            expect(
              [...named.keys()].sort((x, y) => x - y),
              where,
            ).toEqual(violating);
            for (const [n, got] of named) {
              expect(got.level, where).toBe(verdicts[n]!.level);
              expect(sorted(got.checks), where).toEqual(sorted(verdicts[n]!.checks));
            }
            if (req.kind === 'batch' && violating.length === 1)
              bump(tally, 'batch: one violating item refuses all');
          }
          return;
        }
        if (!allWellFormed) return;
        if (anyViolates) {
          // A well-formed body that breaks policy is refused for policy; a batch may first meet
          // its Idempotency-Key's claim (claimed before policy runs), which refuses it as well.
          expect(
            req.kind === 'batch' && req.idempotencyKey && error.code === 'IdempotencyKeyReused',
            where,
          ).toBe(true);
          return;
        }
        if (req.idempotencyKey && error.code === 'IdempotencyKeyReused') return;
        // A compliant dry run may still be refused by the cluster (a namespace that does not
        // exist, the API server's own validation).
        expect(req.kind, `a compliant request was refused: ${where}`).toBe('dry');
      }),
      { numRuns: RUNS },
    );

    // Everything in the queue came from an accepted request, under the ids it answered, and its
    // pod template — as enqueued, the key's defaults in — passes the effective level and the key's rules.
    const jobs = await queue.getJobs([...JOB_TYPES], 0, -1);
    expect(jobs.length).toBe(expectedJobs);
    for (const job of jobs) {
      const data = job.data as {
        requestId: string;
        principal: string;
        payload: {
          namespace: string;
          manifest: { metadata?: unknown; spec?: { template?: { metadata?: unknown; spec?: unknown } } };
        };
      };
      const where = `enqueued ${job.id} ${JSON.stringify(data).slice(0, 1500)}`;
      const rec = accepted.get(data.requestId);
      expect(rec, where).toBeDefined();
      const index = rec!.operationIds.indexOf(job.id!);
      expect(index, where).toBeGreaterThanOrEqual(0);
      const item = rec!.req.items[index]!;
      expect(data.principal, where).toBe(rec!.req.key.key.entry.id);
      expect(data.payload.namespace, where).toBe(item.ns);
      const template = data.payload.manifest.spec?.template;
      const level = effectiveLevel(rec!.req.key.rules, item.ns);
      expect(evaluatePodSecurity(level, podMeta(template?.metadata), template?.spec), where).toEqual([]);
      expect(
        sorted(
          keyRuleChecks(rec!.req.key.rules, {
            jobMetadata: data.payload.manifest.metadata,
            podMetadata: template?.metadata,
            podSpec: template?.spec,
          }),
        ),
        where,
      ).toEqual([]);
      if (item.job.form === 'short') {
        // The short form carries no pod field: nothing smuggled into it reaches the pod.
        expect(evaluatePodSecurity('baseline', podMeta(template?.metadata), template?.spec), where).toEqual(
          [],
        );
        expect(
          evaluatePodSecurity('restricted', podMeta(template?.metadata), template?.spec).length,
          where,
        ).toBe(4);
      }
      if (item.job.form === 'manifest') {
        const sent = templateOf('manifest', item.job.body)!;
        expect(withoutResources(template?.spec), `what was checked is what was enqueued: ${where}`).toEqual(
          withoutResources(sent.podSpec),
        );
      }
      bump(tally, `enqueued at ${level}`);
    }

    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const summary = [...tally.entries()].sort(([a], [b]) => a.localeCompare(b));
    console.log(
      `hostile pod specs: ${seq} requests, ${items} Job bodies, ${jobs.length} enqueued, ${seconds} s\n${summary
        .map(([k, n]) => `  ${k}: ${n}`)
        .join('\n')}`,
    );
    const count = (re: RegExp) => summary.filter(([k]) => re.test(k)).reduce((s, [, n]) => s + n, 0);
    // Each path was taken: accepted and refused singles, batches and dry runs; the oracle's cross-checks ran.
    expect(count(/^single: 202$/)).toBeGreaterThan(20);
    expect(count(/^single: 422 PolicyViolation$/)).toBeGreaterThan(20);
    expect(count(/^batch: 202$/)).toBeGreaterThan(3);
    expect(count(/^batch: 422 PolicyViolation$/)).toBeGreaterThan(20);
    expect(count(/^batch: one violating item refuses all$/)).toBeGreaterThan(5);
    expect(count(/^dry: 200$/)).toBeGreaterThan(3);
    expect(count(/^dry: 422 PolicyViolation$/)).toBeGreaterThan(3);
    expect(count(/^enqueued at privileged$/)).toBeGreaterThan(3);
    expect(count(/^enqueued at restricted$/)).toBeGreaterThan(3);
    expect(count(/^oracle: hazard at baseline$/)).toBeGreaterThan(50);
    expect(count(/^oracle: hazard at restricted$/)).toBeGreaterThan(50);
    expect(count(/^oracle: restricted-clean$/)).toBeGreaterThan(50);
  }, 180_000);
});
