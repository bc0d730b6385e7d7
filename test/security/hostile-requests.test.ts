import fc from 'fast-check';
import { afterAll, describe } from 'vitest';
import { ERROR_STATUS } from '../../src/api/errors.js';
import { expect, test } from '../support/fixtures.js';
import { testPrefix } from '../support/redis.js';
import { type ApiUnderTest, enqueueTraces, startApiUnderTest } from './support/api-under-test.js';
import { makeKey } from './support/security-app.js';

// Acceptance 4 of issue 7: ≥ 2,000 malformed or hostile requests to the mutation routes — no
// 5xx, nothing enqueued, every answer in the error envelope. Every generated request carries at
// least one definite flaw, so any 2xx would be a bug, not noise.

const MAX_BODY_BYTES = 65_536;
const RUNS = 2_000;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

const full = makeKey('full', {
  scopes: { clusters: ['*'], namespaces: ['*'], namespaceCreate: true, namespaceDelete: true },
});
const narrow = makeKey('narrow', { scopes: { clusters: ['other'], namespaces: ['nowhere'] } });
const neverLoaded = makeKey('never-loaded');

type Flaw = 'badJson' | 'huge' | 'wrongType' | 'hostileName' | 'systemNamespace' | 'badAuth';

interface RouteSpec {
  name: string;
  method: 'POST' | 'DELETE';
  /** Builds path, query and body from the parameters (ns, name, id) and a body override. */
  build(p: Params): { path: string; query?: Record<string, string>; body?: unknown };
  hasBody: boolean;
  /** Which parameter carries a namespace or a name, for hostile values. */
  names: Array<keyof Params>;
  wrongTypes: Array<fc.Arbitrary<Partial<Params>>>;
}

interface Params {
  base: string;
  ns: string;
  name: string;
  id: string;
  body?: unknown;
  query?: Record<string, string>;
}

/** The body a route sends unless a flaw replaced it (`null` and other falsy bodies included). */
const bodyOr = (p: Params, fallback: unknown): unknown => (Object.hasOwn(p, 'body') ? p.body : fallback);

const job = { name: 'job-a', image: 'busybox:1.36', command: ['sh', '-c', 'echo hi'] };
const notAString = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 2 }),
  fc.constant({}),
);
const notAStringArray = fc.oneof(
  fc.integer(),
  fc.string(),
  fc.constant(null),
  fc.constant([1, 2]),
  fc.constant({ a: 'b' }),
);
const badPolicy = fc
  .string({ maxLength: 20 })
  .filter((s) => !['Background', 'Foreground', 'Orphan'].includes(s));
/** Any JSON-able value; `undefined` would vanish in JSON.stringify and leave a valid body. */
const defined = fc.anything().filter((v) => v !== undefined);
const withField = (base: Record<string, unknown>, field: string, arb: fc.Arbitrary<unknown>) =>
  arb.map((v) => ({ body: { ...base, [field]: v } }));

const ROUTES: RouteSpec[] = [
  {
    name: 'job.create',
    method: 'POST',
    hasBody: true,
    build: (p) => ({ path: `${p.base}/namespaces/${p.ns}/jobs`, body: bodyOr(p, job) }),
    names: ['ns'],
    wrongTypes: [
      withField(job, 'name', notAString),
      withField(job, 'image', fc.oneof(notAString, fc.constant(''))),
      withField(job, 'command', notAStringArray),
      withField(job, 'backoffLimit', fc.oneof(fc.integer({ max: -1 }), fc.constant('ten'), fc.constant(1.5))),
      withField(job, 'env', fc.oneof(fc.integer(), fc.string(), fc.constant([1]))),
      withField(job, 'labels', fc.oneof(fc.string(), fc.constant({ a: 1 }), fc.constant([1]))),
      withField(job, 'resources', fc.oneof(fc.string(), fc.constant({ cpu: '1' }))),
      withField(job, 'evilField', defined),
      fc
        .oneof(fc.integer(), fc.string(), fc.constant(null), fc.array(fc.anything(), { maxLength: 3 }))
        .map((body) => ({ body })),
    ],
  },
  {
    name: 'job.delete',
    method: 'DELETE',
    hasBody: false,
    build: (p) => ({
      path: `${p.base}/namespaces/${p.ns}/jobs/${p.name}`,
      ...(p.query ? { query: p.query } : {}),
    }),
    names: ['ns', 'name'],
    wrongTypes: [badPolicy.map((v) => ({ query: { propagationPolicy: v } }))],
  },
  {
    name: 'namespace.create',
    method: 'POST',
    hasBody: true,
    build: (p) => ({ path: `${p.base}/namespaces`, body: bodyOr(p, { name: p.ns }) }),
    names: ['ns'],
    wrongTypes: [
      withField({ name: 'team-new' }, 'name', fc.oneof(notAString, fc.constant(''))),
      withField({ name: 'team-new' }, 'labels', fc.oneof(fc.string(), fc.constant({ a: 1 }))),
      withField({ name: 'team-new' }, 'evil', defined),
    ],
  },
  {
    name: 'namespace.delete',
    method: 'DELETE',
    hasBody: false,
    build: (p) => ({ path: `${p.base}/namespaces/${p.ns}` }),
    names: ['ns'],
    wrongTypes: [],
  },
  {
    name: 'batch.create',
    method: 'POST',
    hasBody: true,
    build: (p) => ({ path: `${p.base}/batches`, body: bodyOr(p, { items: [{ namespace: p.ns, job }] }) }),
    names: ['ns'],
    wrongTypes: [
      fc
        .oneof(fc.constant([]), fc.integer(), fc.string(), fc.constant(null))
        .map((items) => ({ body: { items } })),
      notAString
        .filter((v) => typeof v !== 'string')
        .map((ns) => ({ body: { items: [{ namespace: ns, job }] } })),
      notAString.map((image) => ({ body: { items: [{ namespace: 'team-a', job: { ...job, image } }] } })),
      defined.map((x) => ({ body: { items: [{ namespace: 'team-a', job }], extra: x } })),
    ],
  },
  {
    name: 'operation.retry',
    method: 'POST',
    hasBody: false,
    build: (p) => ({ path: `${p.base}/operations/${p.id}/retry` }),
    names: ['id'],
    wrongTypes: [],
  },
  {
    name: 'operation.cancel',
    method: 'DELETE',
    hasBody: false,
    build: (p) => ({ path: `${p.base}/operations/${p.id}` }),
    names: ['id'],
    wrongTypes: [],
  },
  {
    name: 'seed.create-job',
    method: 'POST',
    hasBody: true,
    build: (p) => ({
      path: '/api/eks-create-job',
      body: bodyOr(p, { namespace: p.ns, job_name: 'job-a', image: 'busybox', command: 'echo hi' }),
    }),
    names: ['ns'],
    wrongTypes: [
      withField({ namespace: 'team-a', image: 'busybox' }, 'image', notAString),
      withField({ namespace: 'team-a', image: 'busybox' }, 'namespace', notAString),
      withField(
        { namespace: 'team-a', image: 'busybox' },
        'command',
        fc.oneof(fc.integer(), fc.constant({ a: 1 }), fc.constant([1])),
      ),
      withField(
        { namespace: 'team-a', image: 'busybox' },
        'env',
        fc.oneof(fc.string(), fc.constant({ a: 1 })),
      ),
    ],
  },
  {
    name: 'seed.delete-job',
    method: 'DELETE',
    hasBody: false,
    build: (p) => ({ path: '/api/eks-delete-job', query: p.query ?? { namespace: p.ns, job_name: p.name } }),
    names: ['ns', 'name'],
    wrongTypes: [
      badPolicy.map((v) => ({ query: { namespace: 'team-a', job_name: 'job-a', propagation_policy: v } })),
      fc.constant({ query: { namespace: 'team-a' } }),
    ],
  },
  {
    name: 'seed.create-namespace',
    method: 'POST',
    hasBody: true,
    build: (p) => ({ path: '/api/eks-create-namespace', body: bodyOr(p, { namespace: p.ns }) }),
    names: ['ns'],
    wrongTypes: [notAString.map((namespace) => ({ body: { namespace } })), fc.constant({ body: {} })],
  },
  {
    name: 'seed.delete-namespace',
    method: 'DELETE',
    hasBody: false,
    build: (p) => ({ path: '/api/eks-delete-namespace', query: p.query ?? { namespace: p.ns } }),
    names: ['ns'],
    wrongTypes: [fc.constant({ query: {} })],
  },
];

/** Names no Kubernetes object can have: traversal, unicode, injection, wrong case, too long. */
const hostileName = fc.oneof(
  fc.constantFrom(
    '..',
    '.',
    '../kube-system',
    'team-a/../../etc/passwd',
    '..\\..\\windows',
    'kube-system/..',
    'TEAM-A',
    '-lead',
    'trail-',
    'a'.repeat(64),
    'team a',
    'team_a',
    'team\u0000a',
    'tëam',
    '\u202eevil',
    '💥',
    'ns;rm -rf /',
    '$(id)',
    '`id`',
    '<script>alert(1)</script>',
    "' OR 1=1 --",
    '{{7*7}}',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a log4shell-style payload, literally.
    '${jndi:ldap://x/a}',
    '%00',
    '%2e%2e',
    'x'.repeat(300),
  ),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 80 }).filter((s) => !DNS1123_LABEL.test(s)),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }).filter((s) => !DNS1123_LABEL.test(s)),
);

/** How a hostile name goes into a path: encoded, with slashes kept, or raw. */
const encoder = fc.constantFrom<(s: string) => string>(
  encodeURIComponent,
  (s) => encodeURI(s),
  (s) => s,
);

/** Authorization headers that must never pass. */
const badAuthorization = fc.oneof(
  fc.constant(undefined),
  fc.constant(`Bearer ${neverLoaded.key}`),
  fc.constant(`Bearer ${narrow.key}`),
  fc.constant(`Basic ${Buffer.from(`user:${full.key}`).toString('base64')}`),
  fc.constant(`Bearer ${full.key}x`),
  fc.constant(`Bearer ${full.key.slice(0, -1)}`),
  fc.constant(`Bearer ${neverLoaded.key}, Bearer ${full.key}`),
  fc.constant(`Token ${full.key}`),
  fc.constant(full.key),
  fc.constant('Bearer '),
  fc.string({ maxLength: 60 }).map((s) => `Bearer ${s}`),
);

/** Noise in other headers: request ids, idempotency keys, Prefer, content types, forwarding. */
const headerValue = fc
  .oneof(
    fc.string({ maxLength: 300 }),
    fc.constantFrom(
      'a\u2028b',
      '../../',
      '<x>',
      '%0d%0aSet-Cookie: a=b',
      'x'.repeat(4096),
      'wait=99999999999999',
      'wait=-1',
    ),
  )
  .filter((v) => {
    try {
      new Headers({ x: v });
      return true;
    } catch {
      return false;
    }
  });
const noiseHeaders = fc.dictionary(
  fc.constantFrom(
    'x-request-id',
    'idempotency-key',
    'prefer',
    'x-forwarded-for',
    'x-forwarded-host',
    'accept',
    'cookie',
    'user-agent',
  ),
  headerValue,
  { maxKeys: 3 },
);
const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'application/json; charset=utf-7',
);

interface Built {
  route: string;
  flaw: Flaw;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

function requestFor(route: RouteSpec): fc.Arbitrary<Built> {
  const flaws: Flaw[] = ['badAuth', 'hostileName', 'systemNamespace'];
  if (route.hasBody) flaws.push('badJson', 'huge');
  if (route.wrongTypes.length) flaws.push('wrongType');
  if (route.names.includes('id')) flaws.splice(flaws.indexOf('systemNamespace'), 1);
  return fc
    .record({
      flaw: fc.constantFrom(...flaws),
      base: fc.constantFrom('/v1', '/v1/clusters/main'),
      nameParam: fc.constantFrom(...route.names),
      hostile: hostileName,
      encode: encoder,
      systemNs: fc.constantFrom('kube-system', 'kube-public', 'kube-node-lease'),
      wrong: route.wrongTypes.length ? fc.oneof(...route.wrongTypes) : fc.constant({}),
      auth: badAuthorization,
      noise: noiseHeaders,
      contentType,
      badJson: fc.oneof(
        fc.string({ maxLength: 200 }),
        fc.constantFrom(
          '{',
          '{"name":',
          "{'name': 'x'}",
          '[1,2',
          '{"a":1}}',
          'null null',
          '\u0000',
          '{"image": "x",}',
          'NaN',
        ),
      ),
      hugeSize: fc.integer({ min: MAX_BODY_BYTES + 1, max: MAX_BODY_BYTES * 4 }),
    })
    .filter((r) => r.flaw !== 'badJson' || !parses(r.badJson))
    .map((r) => {
      const p: Params = { base: r.base, ns: 'team-a', name: 'job-a', id: 'op-does-not-exist' };
      let headers: Record<string, string> = { ...r.noise, authorization: `Bearer ${full.key}` };
      let bodyText: string | undefined;
      if (r.flaw === 'hostileName') p[r.nameParam] = r.encode(r.hostile) as never;
      if (r.flaw === 'systemNamespace') p.ns = r.systemNs;
      if (r.flaw === 'wrongType') Object.assign(p, r.wrong);
      if (r.flaw === 'badAuth') {
        const { authorization: _, ...rest } = headers;
        headers = r.auth === undefined ? rest : { ...rest, authorization: r.auth };
      }
      const built = route.build(p);
      if (route.hasBody) {
        bodyText = JSON.stringify(built.body);
        headers['content-type'] =
          r.flaw === 'badJson' || r.flaw === 'huge' ? r.contentType : 'application/json';
        if (r.flaw === 'badJson') bodyText = r.badJson;
        if (r.flaw === 'huge') bodyText = JSON.stringify({ ...job, image: 'x'.repeat(r.hugeSize) });
      }
      // Hostile names in queries and bodies go in unencoded: URLSearchParams and JSON carry them as they are.
      if (
        r.flaw === 'hostileName' &&
        (built.query || route.hasBody) &&
        !built.path.includes(String(p[r.nameParam]))
      ) {
        if (built.query)
          built.query = Object.fromEntries(
            Object.entries(built.query).map(([k, v]) => [k, v === p[r.nameParam] ? r.hostile : v]),
          );
        if (bodyText)
          bodyText = bodyText.split(JSON.stringify(String(p[r.nameParam]))).join(JSON.stringify(r.hostile));
      }
      const qs = built.query ? `?${new URLSearchParams(built.query).toString()}` : '';
      return {
        route: route.name,
        flaw: r.flaw,
        method: route.method,
        url: `${built.path}${qs}`,
        headers,
        ...(bodyText !== undefined ? { body: bodyText } : {}),
      };
    });
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

let api: ApiUnderTest | undefined;
afterAll(async () => {
  await api?.close();
});

describe('hostile requests to the mutation routes', () => {
  test(`${RUNS} malformed or hostile requests: no 5xx, nothing enqueued, always the error envelope`, async ({
    redis,
  }) => {
    api = await startApiUnderTest({
      redisUrl: redis.url,
      prefix: testPrefix(),
      keys: [full, narrow],
      env: { MAX_BODY_BYTES: String(MAX_BODY_BYTES) },
    });
    const app = api.app;
    const tally = new Map<string, number>();
    const codes = new Set<string>(Object.keys(ERROR_STATUS));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ROUTES).chain(requestFor), async (req) => {
        let res: Response;
        try {
          res = await app.request(
            req.url,
            {
              method: req.method,
              headers: req.headers,
              ...(req.body !== undefined ? { body: req.body } : {}),
            },
            // As @hono/node-server binds it: the raw request target, before URL parsing rewrites it.
            { incoming: { url: req.url } },
          );
        } catch (err) {
          // A URL the Request constructor refuses never reaches a server either.
          if (err instanceof TypeError) return;
          throw err;
        }
        const text = await res.text();
        const where = `${req.method} ${req.url.slice(0, 200)} [${req.flaw}] → ${res.status} ${text.slice(0, 300)}`;
        expect(res.status, where).toBeGreaterThanOrEqual(400);
        expect(res.status, where).toBeLessThan(500);
        const body = JSON.parse(text) as { error: { code: string; message: string; requestId: string } };
        expect(Object.keys(body), where).toEqual(['error']);
        expect(codes.has(body.error.code), where).toBe(true);
        expect(typeof body.error.message, where).toBe('string');
        expect(body.error.requestId, where).toBe(res.headers.get('x-request-id'));
        expect(body.error.requestId, where).toMatch(/^[\w.-]{1,128}$/);
        expect(text, where).not.toMatch(/\n\s+at |node_modules|ekj_[A-Za-z0-9_-]{20}/);
        if (res.status === 401)
          expect(res.headers.get('www-authenticate'), where).toMatch(/^Bearer realm="eks-jobs"/);
        const key = `${req.flaw}:${res.status}`;
        tally.set(key, (tally.get(key) ?? 0) + 1);
      }),
      { numRuns: RUNS },
    );
    expect(await enqueueTraces(api)).toEqual([]);
    const total = [...tally.values()].reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThanOrEqual(RUNS * 0.95);
    // Every kind of flaw was exercised.
    for (const flaw of ['badAuth', 'hostileName', 'systemNamespace', 'badJson', 'huge', 'wrongType']) {
      expect(
        [...tally.keys()].some((k) => k.startsWith(`${flaw}:`)),
        flaw,
      ).toBe(true);
    }
  }, 120_000);
});
