/** Reads: get one object, and list with selectors and `limit`/`continue` paging. */
import { matchesFilter, parseFilter } from './list-filter.js';
import type { Route } from './route.js';
import * as S from './status.js';
import type { Store } from './store.js';
import { groupResource, type KObject } from './types.js';

interface ContinueToken {
  v: string;
  rv: number;
  start: string;
}

function sortKey(obj: KObject): string {
  return `${obj.metadata.namespace ?? ''}\u0000${obj.metadata.name ?? ''}`;
}

/** The object the route names, or 404. */
export function getObject(store: Store, route: Route): KObject {
  const obj = store.get(route.resource, route.namespace ?? '', route.name ?? '');
  if (!obj) throw new S.StatusError(S.notFound(groupResource(route.resource, route.group), route.name ?? ''));
  return obj;
}

/** The objects the route lists, filtered and paged as the request asks. */
export function listObjects(
  store: Store,
  route: Route,
  query: URLSearchParams,
): { items: KObject[]; metadata: Record<string, unknown> } {
  const filter = parseFilter(route.resource, query, route.group);
  let items = store.list(route.resource, route.namespace);
  if (filter.labels.length > 0 || filter.fields.length > 0)
    items = items.filter((o) => matchesFilter(filter, o));
  const rv = store.resourceVersion();
  const cont = query.get('continue');
  if (cont) {
    let token: ContinueToken;
    try {
      token = JSON.parse(Buffer.from(cont, 'base64url').toString('utf8')) as ContinueToken;
      if (token.v !== 'meta.k8s.io/v1' || typeof token.start !== 'string' || typeof token.rv !== 'number')
        throw new Error('bad');
    } catch {
      throw new S.StatusError(
        S.badRequest(
          'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)',
        ),
      );
    }
    if (token.rv < store.oldestWatchable(route.resource)) {
      throw new S.StatusError(
        S.expired(
          'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.',
        ),
      );
    }
    items = items.filter((o) => sortKey(o) > token.start);
  }
  const metadata: Record<string, unknown> = { resourceVersion: String(rv) };
  const limit = Number(query.get('limit') ?? '0');
  if (Number.isInteger(limit) && limit > 0 && items.length > limit) {
    const last = items[limit - 1] as KObject;
    metadata.continue = Buffer.from(
      JSON.stringify({ v: 'meta.k8s.io/v1', rv, start: sortKey(last) }),
    ).toString('base64url');
    metadata.remainingItemCount = items.length - limit;
    items = items.slice(0, limit);
  }
  return { items, metadata };
}
