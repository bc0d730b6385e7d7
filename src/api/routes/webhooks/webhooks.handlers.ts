import type { Context } from 'hono';
import { DeliveryCursorError } from '../../../shared/webhooks/delivery-store.js';
import type { DeliveryView, WebhookDeliveryStore } from '../../../shared/webhooks/delivery-view.js';
import type { AppEnv, RouteContext } from '../../context.js';
import { ApiError } from '../../errors.js';
import { onQueue } from '../../submit.js';
import type { AppRouteHandler } from '../router.js';
import type { getDelivery, listDeliveries, retryDelivery } from './webhooks.routes.js';

/** Admin keys see and re-drive every key's deliveries; any other key only its own. */
function isAdmin(c: Context<AppEnv>): boolean {
  const scopes = c.var.principal.scopes as { admin?: unknown } | undefined;
  return scopes?.admin === true;
}

/** The webhook delivery routes' handlers. */
export function webhookHandlers(ctx: RouteContext) {
  function store(): WebhookDeliveryStore {
    const webhooks = ctx.deps.webhooks;
    if (!webhooks) {
      throw new ApiError('QueueUnavailable', 'webhook deliveries are not served by this API process');
    }
    return webhooks;
  }

  /**
   * Whether the caller may see a delivery: its own (or any, for an admin key), and about an object
   * the key may read now — as `GET /v1/events` sends only such events; admin does not widen scopes.
   */
  async function maySee(c: Context<AppEnv>, d: DeliveryView): Promise<boolean> {
    if (!isAdmin(c) && d.principal !== c.var.principal.id) return false;
    const namespace = d.event.kind === 'Namespace' ? d.event.name : d.event.namespace;
    try {
      await ctx.auth.authorize(c.var.principal, {
        action: 'operation.read',
        cluster: d.event.cluster,
        ...(namespace !== undefined ? { namespace } : {}),
      });
      return true;
    } catch (err) {
      if (err instanceof ApiError && err.code === 'Forbidden') return false;
      throw err;
    }
  }

  /** A delivery the caller may see, or 404 — also for another key's, so as not to tell it exists. */
  async function visibleDelivery(c: Context<AppEnv>, id: string): Promise<DeliveryView> {
    const webhooks = store();
    const delivery = await onQueue(ctx, () => webhooks.get(id));
    if (!delivery || !(await maySee(c, delivery))) {
      throw new ApiError('DeliveryNotFound', `no webhook delivery "${id}"`);
    }
    return delivery;
  }

  const list: AppRouteHandler<typeof listDeliveries> = async (c) => {
    const webhooks = store();
    const q = c.req.valid('query');
    const own = c.var.principal.id;
    if (!isAdmin(c) && q.principal !== undefined && q.principal !== own) {
      throw new ApiError('Forbidden', "only an admin key may list another key's deliveries", {
        scope: 'admin',
      });
    }
    const principal = isAdmin(c) ? q.principal : own;
    try {
      const page = await onQueue(ctx, () =>
        webhooks.list({
          limit: q.limit,
          ...(q.state ? { state: q.state } : {}),
          ...(q.operation ? { operation: q.operation } : {}),
          ...(q.batch ? { batch: q.batch } : {}),
          ...(principal !== undefined ? { principal } : {}),
          ...(q.cursor ? { cursor: q.cursor } : {}),
        }),
      );
      // Deliveries about objects out of the key's scopes are left out (the page may be short).
      const shown = await Promise.all(page.items.map((d) => maySee(c, d)));
      return c.json({ ...page, items: page.items.filter((_, i) => shown[i]) }, 200);
    } catch (err) {
      if (err instanceof DeliveryCursorError) throw new ApiError('InvalidCursor', err.message);
      throw err;
    }
  };

  const get: AppRouteHandler<typeof getDelivery> = async (c) =>
    c.json(await visibleDelivery(c, c.req.valid('param').id), 200);

  const retry: AppRouteHandler<typeof retryDelivery> = async (c) => {
    const webhooks = store();
    const delivery = await visibleDelivery(c, c.req.valid('param').id);
    const result = await onQueue(ctx, () => webhooks.redrive(delivery.id));
    if (result.outcome === 'not-found')
      throw new ApiError('DeliveryNotFound', `no webhook delivery "${delivery.id}"`);
    if (result.outcome === 'not-failed') {
      throw new ApiError(
        'DeliveryNotRetryable',
        `webhook delivery ${delivery.id} is ${result.state}; only a failed delivery can be re-driven`,
        { state: result.state },
      );
    }
    await ctx.auth.audit?.(
      {
        requestId: c.var.requestId,
        principal: c.var.principal.id,
        action: 'webhook.retry',
        cluster: delivery.event.cluster,
        target: { id: delivery.id },
        ...(delivery.event.operationId ? { operationId: delivery.event.operationId } : {}),
        outcome: 'accepted',
        status: 202,
      },
      c,
    );
    return c.json(result.delivery, 202);
  };

  return { list, get, retry };
}
