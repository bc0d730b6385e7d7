import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe } from 'vitest';
import { createApp } from '../../src/api/app.js';
import { type ComposedApi, composeApi } from '../../src/api/compose.js';
import { compareStreamIds, createEventFeed } from '../../src/api/event-feed.js';
import { createHttpServer, type HttpServer } from '../../src/api/http-server.js';
import { generateApiKey } from '../../src/shared/api-keys/index.js';
import { parseApiKeys } from '../../src/shared/api-keys/key-file.js';
import { type ClusterRegistry, createClusterRegistry } from '../../src/shared/cluster/index.js';
import { parseConfig } from '../../src/shared/config.js';
import { type EksJobsEvent, type EventType, eventId } from '../../src/shared/events/event.js';
import { createEventPublisher, eventLogKey } from '../../src/shared/events/event-log.js';
import { createLogger } from '../../src/shared/logger.js';
import { connectorForUrl, createRedis } from '../../src/shared/redis.js';
import { type CommandWorkers, createCommandWorkers } from '../../src/worker/command-workers.js';
import { type DevCluster, startTestDevCluster } from '../support/devcluster.js';
import { expect, test } from '../support/fixtures.js';
import { cleanPrefix, testPrefix } from '../support/redis.js';
import { waitFor } from '../support/wait-for.js';
import { clusterSpecs, shortJob } from './support.js';

// GET /v1/events (docs/architecture.md §12) through the shipped composition, over real HTTP: the
// answer is a stream that never ends by itself, so it is read as a client reads it, with fetch.
// Events come from a real publisher on the suite's Redis (what workers use), and in one test
// from real workers running Jobs on the devcluster.

const made = {
  alice: generateApiKey(),
  bob: generateApiKey(),
  admin: generateApiKey(),
  carol: generateApiKey(),
};
const keys = parseApiKeys({
  keys: [
    {
      id: 'alice',
      hash: made.alice.hash,
      scopes: { clusters: ['*'], namespaces: ['team-a*', 'default'], namespaceCreate: true },
    },
    { id: 'bob', hash: made.bob.hash, scopes: { clusters: ['*'], namespaces: ['*'] } },
    // An admin key sees every key's events, but still only where it may read.
    { id: 'admin', hash: made.admin.hash, scopes: { clusters: ['*'], namespaces: ['team-a'], admin: true } },
    // Only the second cluster, not the default one.
    { id: 'carol', hash: made.carol.hash, scopes: { clusters: ['idle'], namespaces: ['*'] } },
  ],
});
const key = { alice: made.alice.key, bob: made.bob.key, admin: made.admin.key, carol: made.carol.key };

let devcluster: DevCluster;
beforeAll(async () => {
  devcluster = await startTestDevCluster();
});
afterAll(async () => {
  await devcluster?.stop();
});

interface StackOptions {
  /** Heartbeat of the event streams. @defaultValue 60000 (none during a test) */
  heartbeatMs?: number;
  /** @defaultValue 20000 */
  drainTimeoutMs?: number;
  /** Real workers with the event publisher and the Job watch, as the worker process runs them. */
  workers?: boolean;
}

interface EventsStack {
  api: ComposedApi;
  http: HttpServer;
  base: string;
  prefix: string;
  redis: Redis;
  publish(...events: EksJobsEvent[]): Promise<void>;
  close(): Promise<void>;
}

/** The API as main.ts builds and serves it, on 127.0.0.1 with a free port, plus a publisher. */
async function startStack(redisUrl: string, options: StackOptions = {}): Promise<EventsStack> {
  const prefix = testPrefix();
  const config = parseConfig({
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: prefix,
    LOG_LEVEL: 'silent',
    EKS_JOBS_INSECURE_NO_AUTH: 'false',
  });
  const logger = createLogger({ level: 'silent' });
  const http = createHttpServer({ logger, drainTimeoutMs: options.drainTimeoutMs ?? 20_000 });
  const specs = clusterSpecs(devcluster);
  const api = composeApi(config, {
    logger,
    clusterSpecs: specs,
    keys,
    draining: http.draining,
    eventFeed: { heartbeatMs: options.heartbeatMs ?? 60_000 },
  });
  const address = await http.listen(api.app.fetch, { port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) =>
    api.redis.status === 'ready' ? resolve() : api.redis.once('ready', () => resolve()),
  );
  const redis = createRedis(redisUrl, 'worker');
  const publisher = createEventPublisher({ redis, prefix, historyLength: config.eventsHistory });
  let workers: CommandWorkers | undefined;
  let workerClusters: ClusterRegistry | undefined;
  if (options.workers) {
    workerClusters = createClusterRegistry(specs.slice(0, 1), { logger });
    workers = createCommandWorkers({
      connector: connectorForUrl(redisUrl),
      prefix,
      clusters: workerClusters,
      logger,
      retry: { initialDelayMs: 20, maxDelayMs: 100 },
      events: publisher,
      jobWatchLeaseMs: 2000,
    });
    await workers.ready();
  }
  return {
    api,
    http,
    base: `http://127.0.0.1:${address.port}`,
    prefix,
    redis,
    async publish(...events) {
      for (const e of events) expect(await publisher.publish(e)).toBe(true);
    },
    async close() {
      await workers?.close();
      await workerClusters?.close();
      await Promise.all([http.close(), api.endStreams()]);
      await api.close();
      await cleanPrefix(redisUrl, prefix).catch(() => {});
      redis.disconnect();
    },
  };
}

let seq = 0;
/** An event of `principal`'s, as a worker or the Job watch would publish it. */
function event(
  principal: string,
  over: {
    type?: EventType;
    cluster?: string;
    namespace?: string;
    kind?: 'Job' | 'Namespace';
    name?: string;
    operationId?: string;
    batchId?: string;
  } = {},
): EksJobsEvent {
  const n = ++seq;
  const type = over.type ?? 'operation.succeeded';
  const kind = over.kind ?? 'Job';
  return {
    id: eventId(type, randomUUID()),
    type,
    timestamp: new Date().toISOString(),
    data: {
      cluster: over.cluster ?? 'dev',
      kind,
      ...(kind === 'Job' ? { namespace: over.namespace ?? 'team-a' } : {}),
      name: over.name ?? `job-${n}`,
      principal,
      operationId: over.operationId ?? `op-${n}`,
      ...(over.batchId ? { batchId: over.batchId } : {}),
    },
  };
}

interface Frame {
  id?: string;
  event?: string;
  data?: string;
}

/** An open `GET /v1/events`, read incrementally as frames arrive. */
interface SseClient {
  status: number;
  headers: Headers;
  frames: Frame[];
  comments: string[];
  /** The events received (frames other than `gap` and `end`). */
  events(): Array<{ streamId: string; event: EksJobsEvent }>;
  /** Resolves when the server ended the answer (or the client closed it). */
  ended: Promise<void>;
  done(): boolean;
  /** Goes away, as a client that disconnects. */
  close(): Promise<void>;
}

async function openStream(
  base: string,
  apiKey: string,
  options: { query?: string; lastEventId?: string } = {},
): Promise<SseClient> {
  const controller = new AbortController();
  const res = await fetch(`${base}/v1/events${options.query ? `?${options.query}` : ''}`, {
    headers: {
      authorization: `Bearer ${apiKey}`,
      accept: 'text/event-stream',
      ...(options.lastEventId ? { 'last-event-id': options.lastEventId } : {}),
    },
    signal: controller.signal,
  });
  if (res.status !== 200) throw new Error(`GET /v1/events: ${res.status} ${await res.text()}`);
  const frames: Frame[] = [];
  const comments: string[] = [];
  let finished = false;
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const ended = (async () => {
    let buf = '';
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buf += value;
        for (let i = buf.indexOf('\n\n'); i >= 0; i = buf.indexOf('\n\n')) {
          const frame: Frame = {};
          for (const line of buf.slice(0, i).split('\n')) {
            if (line.startsWith(':')) comments.push(line.slice(1).trim());
            else {
              const [field, value = ''] = line.split(/: ?(.*)/s) as [keyof Frame, string];
              frame[field] = value;
            }
          }
          buf = buf.slice(i + 2);
          if (Object.keys(frame).length > 0) frames.push(frame);
        }
      }
    } catch {
      // Aborted by close().
    } finally {
      finished = true;
    }
  })();
  return {
    status: res.status,
    headers: res.headers,
    frames,
    comments,
    events: () =>
      frames
        .filter((f) => f.event !== 'gap' && f.event !== 'end')
        .map((f) => ({ streamId: f.id!, event: JSON.parse(f.data!) as EksJobsEvent })),
    ended,
    done: () => finished,
    async close() {
      controller.abort();
      await ended;
    },
  };
}

/** Waits until `client` has received the event `id`. */
function received(client: SseClient, id: string, message = id) {
  return waitFor(() => client.events().some((e) => e.event.id === id), { message: `event ${message}` });
}

const ids = (client: SseClient) => client.events().map((e) => e.event.id);

describe('GET /v1/events', () => {
  test('a client that reconnects with Last-Event-ID gets exactly the events it missed, in order, once', async ({
    redis,
  }) => {
    const s = await startStack(redis.url);
    try {
      const first = await openStream(s.base, key.alice);
      expect(first.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const before = [event('alice'), event('alice'), event('alice')];
      await s.publish(...before);
      await received(first, before[2]!.id);
      expect(ids(first)).toEqual(before.map((e) => e.id));
      expect(first.frames.map((f) => f.event)).toEqual(before.map((e) => e.type));
      const resumeAt = first.events().at(-1)!.streamId;
      await first.close();
      // The server noticed the client left: its subscription is gone.
      await waitFor(() => s.api.events.subscribers() === 0, { message: 'the subscription to end' });

      const missed = [event('alice'), event('alice', { type: 'job.succeeded' }), event('alice')];
      await s.publish(...missed);
      const second = await openStream(s.base, key.alice, { lastEventId: resumeAt });
      const live = [event('alice'), event('alice', { type: 'job.failed' })];
      await s.publish(...live);
      await received(second, live[1]!.id);
      expect(ids(second)).toEqual([...missed, ...live].map((e) => e.id));
      expect(second.frames.some((f) => f.event === 'gap')).toBe(false);
      const streamIds = second.events().map((e) => e.streamId);
      expect(streamIds.every((id, i) => i === 0 || compareStreamIds(streamIds[i - 1]!, id) < 0)).toBe(true);
      expect(compareStreamIds(resumeAt, streamIds[0]!)).toBeLessThan(0);

      // The same through the query parameter, for clients that cannot set headers.
      const third = await openStream(s.base, key.alice, { query: `lastEventId=${streamIds[2]}` });
      await received(third, live[1]!.id);
      expect(ids(third)).toEqual(live.map((e) => e.id));
      await Promise.all([second.close(), third.close()]);
      await waitFor(() => s.api.events.subscribers() === 0, { message: 'the subscriptions to end' });
    } finally {
      await s.close();
    }
  });

  test("a key sees its own events, not another key's; an admin key sees every key's where it may read", async ({
    redis,
  }) => {
    const s = await startStack(redis.url);
    try {
      const [alice, bob, admin] = await Promise.all([
        openStream(s.base, key.alice),
        openStream(s.base, key.bob),
        openStream(s.base, key.admin),
      ]);
      const a1 = event('alice', { namespace: 'team-a' });
      const b1 = event('bob', { namespace: 'team-a' });
      const b2 = event('bob', { namespace: 'team-b' });
      // Alice's own, but in a namespace her key may not read (any more): left out.
      const aOut = event('alice', { namespace: 'elsewhere' });
      const aNs = event('alice', { kind: 'Namespace', name: 'team-a-x', type: 'operation.succeeded' });
      const orphan = event('', { namespace: 'team-a', type: 'job.succeeded' });
      const aLast = event('alice', { namespace: 'team-a' });
      const bLast = event('bob', { namespace: 'team-a' });
      await s.publish(a1, b1, b2, aOut, aNs, orphan, aLast, bLast);
      await Promise.all([received(alice, aLast.id), received(bob, bLast.id), received(admin, bLast.id)]);
      expect(ids(alice)).toEqual([a1.id, aNs.id, aLast.id]);
      expect(ids(bob)).toEqual([b1.id, b2.id, bLast.id]);
      // team-a only: not bob's team-b, not alice's `elsewhere`, not the namespace team-a-x.
      expect(ids(admin)).toEqual([a1.id, b1.id, orphan.id, aLast.id, bLast.id]);
      await Promise.all([alice.close(), bob.close(), admin.close()]);
    } finally {
      await s.close();
    }
  });

  test('a key of a cluster other than the default one streams that cluster’s events (no 403 for the default)', async ({
    redis,
  }) => {
    const s = await startStack(redis.url);
    try {
      const carol = await openStream(s.base, key.carol);
      const onDev = event('carol', { cluster: 'dev', namespace: 'default' });
      const onIdle = event('carol', { cluster: 'idle', namespace: 'default' });
      const last = event('carol', { cluster: 'idle', namespace: 'team-c' });
      await s.publish(onDev, onIdle, last);
      await received(carol, last.id);
      expect(ids(carol)).toEqual([onIdle.id, last.id]);
      await carol.close();
    } finally {
      await s.close();
    }
  });

  test('filters: operation, batch, namespace, cluster and a list of types', async ({ redis }) => {
    const s = await startStack(redis.url);
    try {
      const queries = {
        operation: 'operation=op-x',
        batch: 'batch=b-x',
        namespace: 'namespace=team-a-2',
        cluster: 'cluster=idle',
        types: 'type=job.succeeded,job.failed',
        all: 'operation=op-x&batch=b-x&namespace=team-a-2&cluster=idle&type=job.failed',
      };
      const streams = Object.fromEntries(
        await Promise.all(
          Object.entries(queries).map(async ([name, query]) => [
            name,
            await openStream(s.base, key.alice, { query }),
          ]),
        ),
      ) as Record<keyof typeof queries, SseClient>;
      const mix = [
        event('alice', { operationId: 'op-x' }),
        event('alice', { batchId: 'b-x', type: 'job.running' }),
        event('alice', { namespace: 'team-a-2', type: 'job.succeeded' }),
        event('alice', { cluster: 'idle', type: 'operation.failed' }),
        event('alice', { kind: 'Namespace', name: 'team-a-2' }),
        event('alice', { type: 'job.failed' }),
      ];
      // Matches every filter; once a stream has it, the stream has seen everything before it.
      const last = event('alice', {
        operationId: 'op-x',
        batchId: 'b-x',
        namespace: 'team-a-2',
        cluster: 'idle',
        type: 'job.failed',
      });
      await s.publish(...mix, last);
      await Promise.all(Object.values(streams).map((c) => received(c, last.id)));
      const [op, batch, succeeded, cluster, nsItself, failed] = mix.map((e) => e.id);
      expect(ids(streams.operation)).toEqual([op, last.id]);
      expect(ids(streams.batch)).toEqual([batch, last.id]);
      expect(ids(streams.namespace)).toEqual([succeeded, nsItself, last.id]);
      expect(ids(streams.cluster)).toEqual([cluster, last.id]);
      expect(ids(streams.types)).toEqual([succeeded, failed, last.id]);
      expect(ids(streams.all)).toEqual([last.id]);
      await Promise.all(Object.values(streams).map((c) => c.close()));
    } finally {
      await s.close();
    }
  });

  test('bad filters and a bad Last-Event-ID → 422 ValidationFailed in the error envelope; no key → 401', async ({
    redis,
  }) => {
    const s = await startStack(redis.url);
    try {
      const bad: Array<[string, Record<string, string>, string]> = [
        ['type=job.exploded', {}, 'type'],
        ['type=job.succeeded,', {}, 'type'],
        ['namespace=Team_A', {}, 'namespace'],
        ['cluster=a%20b', {}, 'cluster'],
        ['lastEventId=12', {}, 'lastEventId'],
        ['', { 'last-event-id': 'evt_abc' }, 'last-event-id'],
        ['', { 'last-event-id': '1-2-3' }, 'last-event-id'],
      ];
      for (const [query, headers, path] of bad) {
        const res = await fetch(`${s.base}/v1/events?${query}`, {
          headers: { authorization: `Bearer ${key.alice}`, ...headers },
        });
        expect(res.status, `${query} ${JSON.stringify(headers)}`).toBe(422);
        expect(res.headers.get('content-type')).toMatch(/application\/json/);
        const { error } = (await res.json()) as {
          error: { code: string; requestId: string; details: { issues: Array<{ path: string }> } };
        };
        expect(error.code).toBe('ValidationFailed');
        expect(error.requestId).toBeTruthy();
        expect(error.details.issues.map((i) => i.path)).toContain(path);
      }
      const anonymous = await fetch(`${s.base}/v1/events`);
      expect(anonymous.status).toBe(401);
      expect(((await anonymous.json()) as { error: { code: string } }).error.code).toBe('Unauthorized');
      expect(s.api.events.subscribers()).toBe(0);
    } finally {
      await s.close();
    }
  });

  test('resuming after a point the log was trimmed past: a gap event, then what is left', async ({
    redis,
  }) => {
    const s = await startStack(redis.url);
    try {
      const client = await openStream(s.base, key.alice);
      const early = [event('alice'), event('alice')];
      await s.publish(...early);
      await received(client, early[1]!.id);
      const resumeAt = client.events().at(-1)!.streamId;
      await client.close();
      const later = Array.from({ length: 6 }, () => event('alice'));
      await s.publish(...later);
      // The log capped at EVENTS_HISTORY, here at 3: three of the missed events are gone.
      await s.redis.xtrim(eventLogKey(s.prefix), 'MAXLEN', 3);
      const [[oldest]] = (await s.redis.xrange(eventLogKey(s.prefix), '-', '+', 'COUNT', 1)) as [
        [string, string[]],
      ];
      const again = await openStream(s.base, key.alice, { lastEventId: resumeAt });
      await received(again, later[5]!.id);
      expect(again.frames[0]).toEqual({ event: 'gap', data: JSON.stringify({ oldestAvailable: oldest }) });
      expect(again.frames.filter((f) => f.event === 'gap')).toHaveLength(1);
      expect(ids(again)).toEqual(later.slice(3).map((e) => e.id));
      await again.close();
    } finally {
      await s.close();
    }
  });

  test('a quiet stream carries heartbeat comments', async ({ redis }) => {
    const s = await startStack(redis.url, { heartbeatMs: 100 });
    try {
      const client = await openStream(s.base, key.bob);
      await waitFor(() => client.comments.filter((c) => c === 'heartbeat').length >= 2, {
        message: 'two heartbeats',
      });
      expect(client.frames).toEqual([]);
      await client.close();
    } finally {
      await s.close();
    }
  });

  test('shutdown ends open streams with an end event, so the HTTP drain finishes without timing out', async ({
    redis,
  }) => {
    const s = await startStack(redis.url, { drainTimeoutMs: 25_000 });
    try {
      const streams = await Promise.all([openStream(s.base, key.alice), openStream(s.base, key.bob)]);
      const e = event('bob');
      await s.publish(e);
      await received(streams[1], e.id);
      // As main.ts does on SIGTERM: the drain and the end of the streams start together.
      await Promise.all([s.http.close(), s.api.endStreams()]);
      for (const c of streams) {
        await c.ended;
        expect(c.frames.at(-1)).toEqual({ event: 'end', data: JSON.stringify({ reason: 'closed' }) });
      }
      expect(s.api.events.subscribers()).toBe(0);
    } finally {
      await s.close();
    }
  });

  test('a subscriber that falls behind by more than maxQueue is ended with overflow; others go on', async ({
    redis,
  }) => {
    const s = await startStack(redis.url);
    const feed = createEventFeed({ redis: s.api.redis, prefix: s.prefix, logger: s.api.logger, maxQueue: 3 });
    try {
      const slow = await feed.subscribe();
      const reader = await feed.subscribe();
      const got: string[] = [];
      const reading = (async () => {
        for (let item = await reader.next(); item; item = await reader.next()) {
          if (item.kind === 'event') got.push(item.event.id);
        }
      })();
      const published = Array.from({ length: 8 }, () => event('alice'));
      for (const e of published) {
        await s.publish(e);
        // One at a time, so the reader never has more than one waiting.
        await waitFor(() => got.includes(e.id), { message: `event ${e.id}` });
      }
      expect(got).toEqual(published.map((e) => e.id));
      expect(slow.endReason).toBe('overflow');
      expect(await slow.next()).toBeUndefined();
      expect(feed.subscribers()).toBe(1);
      await feed.close();
      await reading;
      expect(reader.endReason).toBe('closed');
      expect(feed.subscribers()).toBe(0);
    } finally {
      await feed.close();
      await s.close();
    }
  });

  test('without an event feed the route answers 503 in the error envelope', async ({ redis }) => {
    const s = await startStack(redis.url);
    try {
      const app = createApp({
        config: s.api.config,
        logger: s.api.logger,
        redis: s.api.redis,
        operations: s.api.operations,
        clusters: s.api.clusters,
        auth: s.api.security,
        queues: s.api.queues,
      });
      const res = await app.request('/v1/events', { headers: { authorization: `Bearer ${key.bob}` } });
      expect(res.status).toBe(503);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('QueueUnavailable');
    } finally {
      await s.close();
    }
  });

  test('end to end: workers run Jobs; each key streams only its own operation and Job events', async ({
    redis,
  }) => {
    const s = await startStack(redis.url, { workers: true });
    try {
      const [alice, bob] = await Promise.all([
        openStream(s.base, key.alice, { query: 'namespace=default' }),
        openStream(s.base, key.bob),
      ]);
      const submit = async (apiKey: string, name: string) => {
        const res = await fetch(`${s.base}/v1/namespaces/default/jobs`, {
          method: 'POST',
          headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
          body: JSON.stringify(shortJob({ name })),
        });
        expect(res.status).toBe(202);
        return ((await res.json()) as { id: string }).id;
      };
      const [aliceOp, bobOp] = await Promise.all([submit(key.alice, 'ev-alice'), submit(key.bob, 'ev-bob')]);
      const outcome = (c: SseClient, op: string, type: EventType) =>
        waitFor(() => c.events().find((e) => e.event.data.operationId === op && e.event.type === type), {
          timeoutMs: 20_000,
          message: `${type} of ${op}`,
        });
      const [aliceDone, aliceJob] = await Promise.all([
        outcome(alice, aliceOp, 'operation.succeeded'),
        outcome(alice, aliceOp, 'job.succeeded'),
        outcome(bob, bobOp, 'operation.succeeded'),
        outcome(bob, bobOp, 'job.succeeded'),
      ]);
      expect(aliceDone.event.data).toMatchObject({
        principal: 'alice',
        namespace: 'default',
        name: 'ev-alice',
      });
      expect(aliceJob.event.data.job).toMatchObject({ phase: 'Succeeded', succeeded: 1 });
      expect(alice.events().every((e) => e.event.data.principal === 'alice')).toBe(true);
      expect(bob.events().every((e) => e.event.data.principal === 'bob')).toBe(true);
      expect(alice.events().some((e) => e.event.data.operationId === bobOp)).toBe(false);
      // Each event once, in the log's order.
      for (const c of [alice, bob]) {
        const got = ids(c);
        expect(new Set(got).size).toBe(got.length);
        const streamIds = c.events().map((e) => e.streamId);
        expect([...streamIds].sort(compareStreamIds)).toEqual(streamIds);
      }
      await Promise.all([alice.close(), bob.close()]);
    } finally {
      await s.close();
    }
  });
});
