/**
 * Watch streaming: the initial state or the events since a resourceVersion, then live events
 * filtered by selector (objects leaving the selection leave as DELETED), bookmarks, and the
 * `timeoutSeconds` end. Objects are sent as they are, or as one-row Tables when asked.
 */
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { matchesFilter, parseFilter } from './list-filter.js';
import { queryBool, queryOptionalBool } from './query-bool.js';
import type { Route } from './route.js';
import { served, servedInfo } from './served.js';
import * as S from './status.js';
import type { Store, StoreEvent } from './store.js';
import { toTable } from './table.js';
import type { TableOptions } from './table-options.js';
import type { KObject } from './types.js';

/** What a watch needs: the store, the open-stream registry (ended on stop) and the bookmark interval. */
export interface WatchDeps {
  store: Store;
  /** Open streams' end functions; a stream adds itself and removes itself when it ends. */
  streams: Set<() => void>;
  bookmarkIntervalMs: number;
}

/**
 * The encoding of a watched object: the typed object, or with `table` a one-row Table whose column
 * definitions only the first event carries (`apiserver/pkg/endpoints/handlers/response.go`
 * watchEmbeddedEncoder). ERROR Statuses and BOOKMARKs are not encoded with it.
 */
function objectEncoder(route: Route, table: TableOptions | undefined): (o: KObject) => unknown {
  if (!table) return (o) => served(route, o);
  let noHeaders = false;
  return (o) => {
    const encoded = toTable(
      route.resource,
      [o],
      { resourceVersion: o.metadata.resourceVersion },
      {
        ...table,
        noHeaders,
      },
    );
    noHeaders = true;
    return encoded;
  };
}

/** Serves a watch request as a chunked stream of JSON events (objects as Tables with `table`). */
export function serveWatch(
  deps: WatchDeps,
  res: ServerResponse,
  route: Route,
  query: URLSearchParams,
  table?: TableOptions,
): void {
  const filter = parseFilter(route.resource, query, route.group);
  const nameFilter = route.name;
  const matches = (o: KObject) =>
    (route.namespace === undefined || o.metadata.namespace === route.namespace) &&
    (nameFilter === undefined || o.metadata.name === nameFilter) &&
    matchesFilter(filter, o);
  const rvParam = query.get('resourceVersion') ?? '';
  const anyRv = rvParam === '' || rvParam === '0';
  const sendInitial = queryOptionalBool(query, 'sendInitialEvents');
  const bookmarks = queryBool(query, 'allowWatchBookmarks');
  const encode = objectEncoder(route, table);
  const timeoutSeconds = Number(query.get('timeoutSeconds') ?? '1800');
  const info = servedInfo(route);
  res.writeHead(200, {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-cache, private',
    'Audit-Id': randomUUID(),
    'Transfer-Encoding': 'chunked',
  });
  res.flushHeaders();
  const write = (type: string, object: unknown) => {
    if (!res.writableEnded) res.write(`${JSON.stringify({ type, object })}\n`);
  };
  const writeObject = (type: string, o: KObject) => write(type, encode(o));
  const seen = new Set<string>();
  const keyOf = (o: KObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`;
  const deliver = (e: StoreEvent) => {
    if (e.resource !== route.resource) return;
    const key = keyOf(e.object);
    const now = matches(e.object);
    const was = seen.has(key);
    if (e.type === 'DELETED') {
      if (was || now) writeObject('DELETED', e.object);
      seen.delete(key);
    } else if (now) {
      writeObject(was || e.type === 'MODIFIED' ? 'MODIFIED' : 'ADDED', e.object);
      seen.add(key);
    } else if (was) {
      // An object that stops matching the selector leaves the watch as DELETED, as in the watch cache.
      writeObject('DELETED', e.object);
      seen.delete(key);
    }
  };
  let backlog: StoreEvent[] = [];
  // Without sendInitialEvents, resourceVersion ""/"0" means "the current state, then changes";
  // sendInitialEvents=false starts at the current state without sending it
  // (apiserver/pkg/storage/cacher/watch_cache.go getAllEventsSinceLocked).
  if (sendInitial === true || (sendInitial === undefined && anyRv)) {
    for (const o of deps.store.list(route.resource, route.namespace)) {
      if (!matches(o)) continue;
      seen.add(keyOf(o));
      writeObject('ADDED', o);
    }
    if (sendInitial && bookmarks) {
      write('BOOKMARK', {
        kind: info.kind,
        apiVersion: info.group ? `${info.group}/${info.version}` : info.version,
        metadata: {
          resourceVersion: String(deps.store.resourceVersion()),
          annotations: { 'k8s.io/initial-events-end': 'true' },
        },
      });
    }
  } else {
    const rv = anyRv ? deps.store.resourceVersion() : Number(rvParam);
    const events = Number.isFinite(rv) ? deps.store.eventsSince(route.resource, rv) : undefined;
    if (!events) {
      // The watch cache answers an expired resourceVersion with an ERROR event carrying 410 Expired,
      // naming the oldest resourceVersion it can start from, not with an HTTP 410
      // (apiserver/pkg/storage/cacher/watch_cache.go getAllEventsSinceLocked).
      write(
        'ERROR',
        S.expired(`too old resource version: ${rvParam} (${deps.store.oldestWatchable(route.resource)})`),
      );
      res.end();
      return;
    }
    for (const o of deps.store.list(route.resource, route.namespace)) if (matches(o)) seen.add(keyOf(o));
    backlog = events;
  }
  for (const e of backlog) {
    if (e.resource !== route.resource) continue;
    if (matches(e.object)) writeObject(e.type, e.object);
  }
  const unsubscribe = deps.store.subscribe(deliver);
  const bookmarkTimer = bookmarks
    ? setInterval(() => {
        write('BOOKMARK', {
          kind: info.kind,
          apiVersion: info.group ? `${info.group}/${info.version}` : info.version,
          metadata: { resourceVersion: String(deps.store.resourceVersion()) },
        });
      }, deps.bookmarkIntervalMs)
    : undefined;
  bookmarkTimer?.unref();
  const end = () => {
    unsubscribe();
    if (bookmarkTimer) clearInterval(bookmarkTimer);
    clearTimeout(timeout);
    deps.streams.delete(end);
    if (!res.writableEnded) res.end();
  };
  const timeout = setTimeout(end, Math.max(1, timeoutSeconds) * 1000);
  timeout.unref();
  deps.streams.add(end);
  res.on('close', end);
}
