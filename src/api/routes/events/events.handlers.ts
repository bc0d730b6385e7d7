import { streamSSE } from 'hono/streaming';
import type { KeyScopes } from '../../../shared/api-keys/scopes.js';
import type { EksJobsEvent, EventType } from '../../../shared/events/event.js';
import type { Principal } from '../../app-env.js';
import type { RouteContext } from '../../context.js';
import { ApiError } from '../../errors.js';
import type { FeedEndReason } from '../../event-feed.js';
import { assertQueueUp } from '../../submit.js';
import type { AppRouteHandler } from '../router.js';
import type { streamEvents } from './events.routes.js';

/** What `GET /v1/events` narrows the stream to; every field given must match. */
export interface EventFilter {
  operation?: string;
  batch?: string;
  namespace?: string;
  cluster?: string;
  types?: ReadonlySet<EventType>;
}

/** The namespace an event is about: its object's, or for a namespace event the namespace itself. */
export function eventNamespace(event: EksJobsEvent): string | undefined {
  return event.data.kind === 'Namespace' ? event.data.name : event.data.namespace;
}

/** Whether `event` passes `filter`. Pure. */
export function matchesFilter(event: EksJobsEvent, filter: EventFilter): boolean {
  const { data } = event;
  return (
    (filter.operation === undefined || data.operationId === filter.operation) &&
    (filter.batch === undefined || data.batchId === filter.batch) &&
    (filter.namespace === undefined || eventNamespace(event) === filter.namespace) &&
    (filter.cluster === undefined || data.cluster === filter.cluster) &&
    (filter.types === undefined || filter.types.has(event.type))
  );
}

/** An admin key sees every key's events; other keys their own. */
function isAdmin(principal: Principal): boolean {
  return (principal.scopes as KeyScopes | undefined)?.admin === true;
}

/** Decisions cached per stream: one per (cluster, namespace), this many at most before starting over. */
const MAX_CACHED_DECISIONS = 10_000;

/** Why the server ended a stream, as the last `end` event says it. */
type EndReason = Exclude<FeedEndReason, 'unsubscribed'> | 'unavailable';

/** The handler of `GET /v1/events` (docs/architecture.md §12). */
export function eventHandlers(ctx: RouteContext) {
  const { logger } = ctx.deps;

  const stream: AppRouteHandler<typeof streamEvents> = async (c) => {
    const q = c.req.valid('query');
    const after = c.req.valid('header')['last-event-id'] ?? q.lastEventId;
    const feed = ctx.deps.events;
    if (!feed) throw new ApiError('QueueUnavailable', 'the event stream is not served by this server');
    assertQueueUp(ctx);
    const principal = c.var.principal;
    const filter: EventFilter = {
      ...(q.operation ? { operation: q.operation } : {}),
      ...(q.batch ? { batch: q.batch } : {}),
      ...(q.namespace ? { namespace: q.namespace } : {}),
      ...(q.cluster ? { cluster: q.cluster } : {}),
      ...(q.type ? { types: new Set(q.type.split(',') as EventType[]) } : {}),
    };
    const everyKey = isAdmin(principal);
    // The key's scopes as they are now decide, not as they were when the event was published.
    const decisions = new Map<string, boolean>();
    const mayRead = async (event: EksJobsEvent): Promise<boolean> => {
      const namespace = eventNamespace(event);
      const cacheKey = `${event.data.cluster}\u0000${namespace ?? ''}`;
      let allowed = decisions.get(cacheKey);
      if (allowed === undefined) {
        try {
          await ctx.auth.authorize(principal, {
            action: 'job.read',
            cluster: event.data.cluster,
            ...(namespace !== undefined ? { namespace } : {}),
          });
          allowed = true;
        } catch (err) {
          if (!(err instanceof ApiError && err.code === 'Forbidden')) {
            logger.warn(
              { err, requestId: c.var.requestId },
              'event stream: authorization failed; event left out',
            );
          }
          allowed = false;
        }
        if (decisions.size >= MAX_CACHED_DECISIONS) decisions.clear();
        decisions.set(cacheKey, allowed);
      }
      return allowed;
    };
    const sends = async (event: EksJobsEvent) =>
      (everyKey || event.data.principal === principal.id) &&
      matchesFilter(event, filter) &&
      (await mayRead(event));

    // Subscribed before the answer starts, so a Redis failure is still a 503 in the envelope.
    const sub = await feed.subscribe(after !== undefined ? { after } : {});
    const signal = c.req.raw.signal;
    const response = streamSSE(c, async (sse) => {
      const stop = () => sub.unsubscribe();
      sse.onAbort(stop);
      signal.addEventListener('abort', stop, { once: true });
      if (signal.aborted) stop();
      // At most one heartbeat waits behind a client that stopped reading.
      let beating = false;
      const heartbeat = setInterval(() => {
        if (beating) return;
        beating = true;
        void sse.write(': heartbeat\n\n').finally(() => {
          beating = false;
        });
      }, feed.heartbeatMs);
      let reason: EndReason | undefined;
      try {
        // Sends the headers now: a quiet stream would otherwise show nothing until the first heartbeat.
        await sse.write(': connected\n\n');
        for (;;) {
          const item = await sub.next();
          if (!item) break;
          if (item.kind === 'gap') {
            await sse.writeSSE({
              event: 'gap',
              data: JSON.stringify({ oldestAvailable: item.oldestAvailable }),
            });
          } else if (await sends(item.event)) {
            await sse.writeSSE({ id: item.id, event: item.event.type, data: JSON.stringify(item.event) });
          }
        }
        if (sub.endReason === 'overflow' || sub.endReason === 'closed') reason = sub.endReason;
      } catch (err) {
        logger.warn(
          { err, requestId: c.var.requestId },
          'event stream: reading the log failed; stream ended',
        );
        reason = 'unavailable';
      } finally {
        clearInterval(heartbeat);
        signal.removeEventListener('abort', stop);
        sub.unsubscribe();
      }
      if (reason && !sse.aborted) await sse.writeSSE({ event: 'end', data: JSON.stringify({ reason }) });
    });
    // The connection closes with the stream, so a client reconnects on a new one (and a draining
    // server has no idle keep-alive connection left to wait for).
    response.headers.set('Connection', 'close');
    return response;
  };

  return { stream };
}
