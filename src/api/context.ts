import type { Context } from 'hono';
import type { RedisKeys } from '../shared/redis-keys.js';
import type { AppEnv } from './app-env.js';
import type { AppDeps, AuthSeam, ClusterClient } from './deps.js';
import { ApiError } from './errors.js';
import type { IdempotencyStore } from './idempotency.js';
import type { NamespaceLevels } from './policy/namespace-levels.js';
import type { ReplicaAck } from './replica-ack.js';
import type { SingleFlight } from './single-flight.js';
import type { TemplateService } from './templates/template-service.js';

export type { AppEnv } from './app-env.js';

/** What every route module gets: the app's dependencies plus the shared per-app helpers. */
export interface RouteContext {
  deps: AppDeps;
  /** The security seam, or the explicit fallback when none is wired. */
  auth: AuthSeam;
  idempotency: IdempotencyStore;
  reads: SingleFlight;
  /** Namespaces' Pod Security `enforce` levels, read live and cached briefly. */
  namespaceLevels: NamespaceLevels;
  /** The names of the API's own keys (batch records and progress) in the configured layout. */
  keys: RedisKeys;
  /** Replica confirmation before a 2xx (off unless REDIS_WAIT_REPLICAS is set). */
  replicas: ReplicaAck;
  /** Job templates, when a database is configured; without, template routes answer 404 TemplatesNotConfigured. */
  templates?: TemplateService;
}

/** The cluster a request addresses: `{cluster}` from the path, else the default. 404 when unknown. */
export function clusterOf(c: Context<AppEnv>, deps: AppDeps): ClusterClient {
  const name = c.req.param('cluster') ?? deps.clusters.defaultName;
  const cluster = deps.clusters.get(name);
  if (!cluster) throw new ApiError('ClusterNotFound', `no cluster named "${name}" is configured`);
  return cluster;
}
