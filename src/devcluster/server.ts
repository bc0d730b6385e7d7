/**
 * The HTTPS front: reads the request, then routes it — the admin endpoint, plug-ins (the AWS
 * side), health checks, authentication, non-resource paths (discovery, OpenAPI) and resource
 * paths. Plain node:https, no framework, for throughput.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { serveAdmin } from './admin-endpoint.js';
import type { KubeApi } from './api.js';
import type { PolicyRule, TokenRevocations } from './auth.js';
import { createAuthenticator } from './authenticate.js';
import type { Counters } from './counters.js';
import type { Faults } from './faults.js';
import { send, sendStatus } from './http-response.js';
import type { JobController } from './job-controller.js';
import { NonResourcePaths } from './non-resource.js';
import type { DevClusterPlugin } from './plugin.js';
import { readBody } from './request-body.js';
import { serveResource } from './resource-request.js';
import { reviewOf, serveReview } from './review-request.js';
import { parseRoute, verbOf } from './route.js';
import * as S from './status.js';
import type { Store } from './store.js';

/** Everything the request listener works with. */
export interface ServerDeps {
  store: Store;
  api: KubeApi;
  jobs: JobController;
  faults: Faults;
  counters: Counters;
  tokens: Map<string, string>;
  revocations: TokenRevocations;
  policy: PolicyRule[] | undefined;
  plugins: DevClusterPlugin[];
  baseLatencyMs: number;
  adminEndpoint: boolean;
  serverAddress: () => string;
  openapiIndex: string;
  openapiDocs: Map<string, string>;
  /** Interval between watch bookmarks. */
  bookmarkIntervalMs: number;
}

/** Creates the request listener, and a function ending every open watch and log stream. */
export function createHandler(deps: ServerDeps): {
  handle: (req: IncomingMessage, res: ServerResponse) => void;
  closeStreams: () => void;
} {
  const streams = new Set<() => void>();
  const authenticate = createAuthenticator(deps.tokens, deps.revocations, deps.plugins);
  const nonResource = new NonResourcePaths(
    deps.serverAddress,
    deps.openapiIndex,
    deps.openapiDocs,
    deps.counters,
  );
  const resourceDeps = { ...deps, streams };
  const adminDeps = { ...deps, authenticate };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'https://devcluster');
    const path = url.pathname;
    const query = url.searchParams;
    const method = req.method ?? 'GET';
    if (deps.baseLatencyMs > 0) await sleep(deps.baseLatencyMs);
    const body = await readBody(req);
    if (body === undefined) {
      return sendStatus(res, {
        ...S.badRequest('the request body is too large'),
        code: 413,
        reason: 'RequestEntityTooLarge',
      });
    }

    if (path.startsWith('/_devcluster/')) {
      if (!deps.adminEndpoint) return send(res, 404, '404 page not found\n');
      return serveAdmin(adminDeps, req, res, path, body);
    }

    const route = parseRoute(path);
    const review = route === undefined ? reviewOf(path) : undefined;
    if (route === undefined && review === undefined && !nonResource.owns(path)) {
      for (const p of deps.plugins) {
        const r = await p.handle?.({ method, path, query, headers: req.headers, body });
        if (!r) continue;
        res.writeHead(r.status, r.headers ?? {});
        res.end(r.body);
        return;
      }
    }

    if (nonResource.serveHealth(res, path)) return;

    const who = await authenticate(req.headers.authorization);
    if (!('identity' in who)) {
      deps.counters.record(
        route && typeof route === 'object' ? (verbOf(method, route, query) ?? method.toLowerCase()) : 'get',
        route && typeof route === 'object' ? route.resource : path,
        401,
      );
      return sendStatus(res, S.unauthorized());
    }

    if (review) return serveReview(deps, { req, res, endpoint: review, method, body, user: who.user });
    if (route === undefined) return nonResource.serve(res, path, query, method);
    if (route === 'unknown-resource') {
      deps.counters.record(method.toLowerCase(), path, 404);
      return sendStatus(res, S.resourceNotFound());
    }
    return serveResource(resourceDeps, { req, res, route, method, query, body, identity: who.identity });
  }

  return {
    handle: (req, res) => {
      handle(req, res).catch((err: unknown) => {
        if (!res.headersSent)
          sendStatus(res, S.internalError(err instanceof Error ? err.message : String(err)));
        else res.destroy();
      });
    },
    closeStreams: () => {
      for (const end of [...streams]) end();
    },
  };
}
