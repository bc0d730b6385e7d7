import type { AuthorizeRequest, AuthSeam, Principal } from './deps.js';
import { ApiError } from './errors.js';

/** One denied item of a batch, as the 403 lists it. */
interface DeniedItem {
  index: number;
  scope: string;
  message: string;
}

/**
 * Checks every item of a request (a batch) through the auth seam on its own; if any is out of
 * scope, throws one 403 listing each denied item (`details.items: [{index, scope, message}]`),
 * so nothing is enqueued. Asks once per distinct request; any error but a 403 propagates as is.
 */
export async function authorizeItems(
  auth: Pick<AuthSeam, 'authorize'>,
  principal: Principal,
  items: readonly AuthorizeRequest[],
): Promise<void> {
  const decided = new Map<string, Omit<DeniedItem, 'index'> | null>();
  const denied: DeniedItem[] = [];
  for (const [index, item] of items.entries()) {
    const key = `${item.action}\n${item.cluster}\n${item.namespace ?? ''}`;
    let refusal = decided.get(key);
    if (refusal === undefined) {
      try {
        await auth.authorize(principal, item);
        refusal = null;
      } catch (err) {
        if (!(err instanceof ApiError) || err.code !== 'Forbidden') throw err;
        const scope = (err.details as { scope?: unknown } | undefined)?.scope;
        refusal = { scope: typeof scope === 'string' ? scope : 'unknown', message: err.message };
      }
      decided.set(key, refusal);
    }
    if (refusal) denied.push({ index, ...refusal });
  }
  const first = denied[0];
  if (!first) return;
  const more = denied.length > 1 ? ` (and ${denied.length - 1} more item(s))` : '';
  throw new ApiError('Forbidden', `item ${first.index}: ${first.message}${more}`, {
    scope: first.scope,
    items: denied,
  });
}
