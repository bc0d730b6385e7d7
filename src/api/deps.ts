import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import type { Registry } from 'prom-client';
import type { ClusterRegistry } from '../shared/cluster/index.js';
import type { CommandName } from '../shared/commands/index.js';
import type { Config } from '../shared/config.js';
import type { Database } from '../shared/db/index.js';
import type { Logger } from '../shared/logger.js';
import type { Operations } from '../shared/operations/index.js';
import type { RedisClient } from '../shared/redis.js';
import type { WebhookDeliveryStore } from '../shared/webhooks/delivery-view.js';
import type { AppEnv, Principal } from './app-env.js';
import type { EventFeed } from './event-feed.js';
import type { ReplicaAck } from './replica-ack.js';
import type { TemplateStore } from './templates/template-store.js';

export type { ClusterClient } from '../shared/cluster/index.js';
export type { Operation } from '../shared/operations/index.js';
export type { Principal } from './app-env.js';

/**
 * What the HTTP layer needs from its collaborators, written as the narrow structural shapes it
 * uses so the app can be built (and type-checked) on its own; `main.ts` passes the real ones.
 */

/** What an authorization check is about. */
export interface AuthorizeRequest {
  /** A command (its module declares the scope it needs), or a read / operation action. */
  action: CommandName | 'job.read' | 'operation.read' | 'operation.write';
  cluster: string;
  namespace?: string;
}

/**
 * The seam the security module plugs into. `authenticate` runs on every `/v1` and `/api` route
 * and sets `c.var.principal` (or throws ApiError 401); `authorize` throws ApiError 403 when the
 * principal may not do `request`; `rateLimit` runs after authentication; `audit` records mutations.
 */
export interface AuthSeam {
  /** Runs first on every path: the limit on traffic without a valid key. */
  guard?: MiddlewareHandler;
  authenticate: MiddlewareHandler;
  authorize(principal: Principal, request: AuthorizeRequest): void | Promise<void>;
  rateLimit?: MiddlewareHandler;
  /** Records a mutation; with the request's context `c`, into that request's audit record. */
  audit?(record: AuditRecord, c?: Context): void | Promise<void>;
  /** Routes the security module serves itself (`GET /v1/audit`), added to the app by `createApp`. */
  registerRoutes?(app: OpenAPIHono<AppEnv>): void;
}

/** One audited mutation. */
export interface AuditRecord {
  requestId: string;
  principal: string;
  action:
    | AuthorizeRequest['action']
    | 'operation.retry'
    | 'operation.cancel'
    | 'batch.create'
    /** A webhook delivery re-driven (`target.id` is the delivery). */
    | 'webhook.retry';
  cluster: string;
  target: { namespace?: string; name?: string; id?: string };
  operationId?: string;
  outcome: 'accepted' | 'rejected' | 'dry-run';
  status: number;
}

/** Everything `createApp` needs; `main.ts` wires the real ones, tests their own. */
export interface AppDeps {
  config: Config;
  logger: Logger;
  /** The API's fail-fast Redis connection (idempotency keys, batches, readiness). */
  redis: RedisClient;
  /** The producer side of the command pipeline (`createOperations`). */
  operations: Operations;
  /** Replica confirmation of acknowledged writes (REDIS_WAIT_REPLICAS). @defaultValue none (off) */
  replicaAck?: ReplicaAck;
  /** The configured clusters (`createClusterRegistry`). */
  clusters: ClusterRegistry;
  /** Authentication, authorization, rate limit and audit; see {@link AuthSeam}. */
  auth?: AuthSeam;
  /** Registry the HTTP metrics are registered in. @defaultValue a new Registry */
  metrics?: Registry;
  /** True once the server drains on shutdown: `/readyz` then answers 503. @defaultValue never */
  draining?: () => boolean;
  /** The live event feed of `GET /v1/events`; without it the route answers 503. */
  events?: EventFeed;
  /** Webhook deliveries (list, re-drive); without it those routes answer 503. */
  webhooks?: WebhookDeliveryStore;
  /**
   * Job templates (PostgreSQL); without them the template routes answer 404 TemplatesNotConfigured
   * and templated submissions 422 at `template`.
   */
  templates?: TemplateStore;
  /** PostgreSQL (DATABASE_URL), migrated; without it the history routes answer 404 HistoryDisabled. */
  database?: Pick<Database, 'db'>;
}
