import { type Job, UnrecoverableError, Worker } from 'bullmq';
import type { Registry } from 'prom-client';
import { Counter, Histogram } from 'prom-client';
import { Webhook } from 'standardwebhooks';
import { Agent, request } from 'undici';
import type { Logger } from '../shared/logger.js';
import { closeRedis, type RedisConnector } from '../shared/redis.js';
import { type KeyLayout, webhookQueueName } from '../shared/redis-keys.js';
import type { DeliveryData } from '../shared/webhooks/deliveries.js';
import { type DeliveryResult, disabledCallbackKey, type RedriveMark } from '../shared/webhooks/disabled.js';
import {
  checkCallbackUrl,
  guardedLookup,
  type HostLookup,
  type UrlPolicy,
} from '../shared/webhooks/url-policy.js';

/** Options of {@link createWebhookDeliveries}. */
export interface WebhookDeliveriesOptions {
  /** Makes the worker's own Redis connection (Config.redis.connection). */
  connector: RedisConnector;
  /** QUEUE_PREFIX. */
  prefix: string;
  /** How keys are named (Config.redis.keyLayout). @defaultValue 'plain' */
  layout?: KeyLayout;
  /** The webhook secret (`whsec_…`) of an API key id (ApiKeyStore.webhookSecretOf). */
  secretOf: (principalId: string) => string | undefined;
  /** Config.webhooks. */
  policy: UrlPolicy & { timeoutMs: number; retryForMs?: number };
  logger: Logger;
  registry: Registry;
  /** Deliveries sent at once. @defaultValue 16 */
  concurrency?: number;
  /** How long finished deliveries and disabled callbacks are kept. @defaultValue 7 days */
  retentionMs?: number;
  /** Backoff between attempts (jittered). @defaultValue 1 s doubling, capped at 1 h */
  backoff?: { initialMs: number; maxMs: number };
  /** Resolver of callback hosts (tests inject one). @defaultValue node:dns lookup, all addresses */
  lookup?: HostLookup;
}

export interface WebhookDeliveries {
  /** Resolves once the worker is connected and fetching. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

const MAX_BODY = 64 * 1024;
const USER_AGENT = 'eks-jobs-webhooks';

/** A delivery attempt that failed and may be tried again. */
class AttemptFailed extends Error {
  override name = 'AttemptFailed';
}

/** Reads at most 64 KiB of a response body, keeps ≤200 characters of it, drops the rest. */
async function drain(body: AsyncIterable<Buffer> & { destroy?: () => void }): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      if (size < 1024) chunks.push(chunk);
      size += chunk.length;
      if (size >= MAX_BODY) break;
    }
  } catch {
    // a body cut short says nothing more
  } finally {
    body.destroy?.();
  }
  return Buffer.concat(chunks).toString('utf8').replace(/\s+/g, ' ').trim().slice(0, 200);
}

/** A duration for a sentence: `300 ms`, `45 s`, `90 min`, `25 h`. */
function spoken(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 120_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 7_200_000) return `${Math.round(ms / 60_000)} min`;
  return `${Math.round(ms / 3_600_000)} h`;
}

/** Jittered exponential backoff: between half and all of min(max, initial·2^(n−1)). */
export function deliveryBackoffMs(
  attemptsMade: number,
  backoff: { initialMs: number; maxMs: number },
): number {
  const cap = Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.max(0, Math.min(attemptsMade - 1, 40)));
  return Math.round(cap / 2 + Math.random() * (cap / 2));
}

export function createWebhookDeliveries(options: WebhookDeliveriesOptions): WebhookDeliveries {
  const { prefix, policy, logger, registry } = options;
  const retryForMs = policy.retryForMs ?? 25 * 3_600_000;
  const retentionMs = options.retentionMs ?? 7 * 86_400_000;
  const backoff = options.backoff ?? { initialMs: 1000, maxMs: 3_600_000 };
  const log = logger.child({ component: 'webhooks' });

  const deliveries = new Counter({
    name: 'eks_jobs_webhook_deliveries_total',
    help: 'Webhook delivery attempts by outcome (delivered, retry, failed, gone, disabled)',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const attemptSeconds = new Histogram({
    name: 'eks_jobs_webhook_attempt_seconds',
    help: 'Duration of one webhook POST',
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const latencySeconds = new Histogram({
    name: 'eks_jobs_webhook_delivery_latency_seconds',
    help: 'From an event’s timestamp to its delivery',
    buckets: [0.05, 0.1, 0.5, 1, 5, 30, 60, 300, 1800, 3600, 21_600, 90_000],
    registers: [registry],
  });

  const connection = options.connector.connect('worker');
  const agent = new Agent({
    connect: {
      lookup: guardedLookup(policy, options.lookup),
      timeout: policy.timeoutMs,
    },
    headersTimeout: policy.timeoutMs,
    bodyTimeout: policy.timeoutMs,
  });

  async function attempt(job: Job<DeliveryData & RedriveMark>): Promise<DeliveryResult> {
    const { event, url, principal } = job.data;
    const attempts = job.attemptsMade + 1;
    const disabledKey = disabledCallbackKey(prefix, principal, url);
    if (await connection.exists(disabledKey)) {
      deliveries.inc({ outcome: 'disabled' });
      return { outcome: 'disabled', attempts };
    }
    const secret = options.secretOf(principal);
    if (!secret) {
      deliveries.inc({ outcome: 'failed' });
      throw new UnrecoverableError(
        `API key ${principal} has no webhook secret; the delivery cannot be signed`,
      );
    }
    const started = job.data.redrivenAt ?? job.timestamp;
    const giveUp = (why: string) => {
      if (Date.now() - started >= retryForMs) {
        deliveries.inc({ outcome: 'failed' });
        return new UnrecoverableError(`${why}; gave up after retrying for ${spoken(retryForMs)}`);
      }
      deliveries.inc({ outcome: 'retry' });
      return new AttemptFailed(why);
    };

    const checked = await checkCallbackUrl(url, policy, options.lookup);
    if (!checked.ok) throw giveUp(checked.reason);

    const body = JSON.stringify(event);
    const now = new Date();
    let signature: string;
    try {
      signature = new Webhook(secret).sign(event.id, now, body);
    } catch {
      deliveries.inc({ outcome: 'failed' });
      throw new UnrecoverableError(`the webhook secret of API key ${principal} is not a valid secret`);
    }
    const stop = attemptSeconds.startTimer();
    let status: number;
    let excerpt: string;
    try {
      const res = await request(checked.url, {
        method: 'POST',
        dispatcher: agent,
        headers: {
          'content-type': 'application/json',
          'user-agent': USER_AGENT,
          'webhook-id': event.id,
          'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
          'webhook-signature': signature,
        },
        body,
        signal: AbortSignal.timeout(policy.timeoutMs),
      });
      status = res.statusCode;
      excerpt = await drain(res.body);
    } catch (err) {
      stop();
      const e = err as Error & { code?: string };
      // undici's codes are upper case (UND_ERR_HEADERS_TIMEOUT, UND_ERR_CONNECT_TIMEOUT).
      const why =
        e.code === 'UND_ERR_CONNECT_TIMEOUT'
          ? `could not connect within ${policy.timeoutMs} ms`
          : e.name === 'TimeoutError' || e.name === 'AbortError' || /TIMEOUT/i.test(e.code ?? '')
            ? `no answer within ${policy.timeoutMs} ms`
            : `request failed: ${e.code ? `${e.code} ` : ''}${e.message}`.slice(0, 300);
      throw giveUp(why);
    }
    stop();
    if (status >= 200 && status < 300) {
      deliveries.inc({ outcome: 'delivered' });
      const at = Date.parse(event.timestamp);
      if (Number.isFinite(at)) latencySeconds.observe(Math.max(0, (Date.now() - at) / 1000));
      return { outcome: 'delivered', status, attempts };
    }
    if (status === 410) {
      await connection.set(disabledKey, '1', 'PX', retentionMs);
      deliveries.inc({ outcome: 'gone' });
      log.warn({ principal, deliveryId: job.id }, 'callback answered 410 Gone; disabled');
      return { outcome: 'gone', status, attempts };
    }
    const tail = excerpt ? `: ${excerpt}` : '';
    if (status >= 300 && status < 400) {
      throw giveUp(`the receiver answered ${status} (a redirect; redirects are not followed)${tail}`);
    }
    throw giveUp(`the receiver answered ${status}${tail}`);
  }

  const worker = new Worker<DeliveryData & RedriveMark, DeliveryResult, string>(
    webhookQueueName(options.layout),
    attempt,
    {
      connection,
      prefix,
      concurrency: options.concurrency ?? 16,
      settings: { backoffStrategy: (attemptsMade) => deliveryBackoffMs(attemptsMade, backoff) },
    },
  );
  worker.on('error', (err) => log.error({ err }, 'webhook worker error'));
  worker.on('failed', (job, err) => {
    if (job && err instanceof UnrecoverableError) {
      log.warn(
        { deliveryId: job.id, attempts: job.attemptsMade, reason: err.message },
        'delivery failed for good',
      );
    }
  });

  return {
    ready: () => worker.waitUntilReady().then(() => undefined),
    async close() {
      await worker.close();
      await agent.close();
      await closeRedis(connection);
    },
  };
}
