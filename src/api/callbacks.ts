import type { Context } from 'hono';
import type { Callback } from '../shared/events/event.js';
import { checkCallbackUrl } from '../shared/webhooks/url-policy.js';
import type { AppEnv, RouteContext } from './context.js';
import { ApiError } from './errors.js';

/**
 * Admits a submission's `callback` (docs/architecture.md §12) or answers 422 and enqueues
 * nothing: the key must have a webhook secret to sign with, and the URL must pass the outbound
 * policy — https, and no loopback, private, link-local or metadata address, also after DNS
 * resolution — unless WEBHOOK_ALLOW_HTTP / WEBHOOK_ALLOW_PRIVATE say otherwise. The policy is
 * applied again at every delivery (a name may resolve elsewhere by then).
 */
export async function admitCallback(
  c: Context<AppEnv>,
  ctx: RouteContext,
  callback: Callback | undefined,
): Promise<Callback | undefined> {
  if (!callback) return undefined;
  const refuse = (message: string) =>
    new ApiError('ValidationFailed', 'the callback is not accepted', {
      issues: [{ path: 'callback.url', message }],
    });
  if (!c.var.principal.webhooks) {
    throw refuse(
      `key "${c.var.principal.id}" has no webhookSecret to sign callbacks with; an operator adds one to its API_KEYS_FILE entry (npm run keys -- create makes keys with one)`,
    );
  }
  const checked = await checkCallbackUrl(callback.url, ctx.deps.config.webhooks);
  if (!checked.ok) throw refuse(checked.reason);
  return callback;
}
