/**
 * One authenticated request on a resource path: authorization, fault injection, content-type
 * checks, and the verb carried out by the API (or streamed: watch, logs), counted by outcome.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { KubeApi } from './api.js';
import type { ApiResult } from './api-result.js';
import { forbiddenReason, isAllowed, type PolicyRule } from './auth.js';
import type { Counters } from './counters.js';
import { answerFault } from './fault-response.js';
import type { Faults, Verb } from './faults.js';
import { resetConnection, respondList, respondObject, sendStatus } from './http-response.js';
import type { JobController } from './job-controller.js';
import { serveLogs } from './log-stream.js';
import {
  checkContentType,
  mediaType,
  parseJsonBody,
  parseObjectBody,
  parsePatchBody,
} from './request-body.js';
import { type Route, verbOf } from './route.js';
import * as S from './status.js';
import type { Store } from './store.js';
import { type TableOptions, tableOptionsOf } from './table-options.js';
import { serveWatch } from './watch-stream.js';

/** What a resource request needs. */
export interface ResourceRequestDeps {
  store: Store;
  api: KubeApi;
  jobs: JobController;
  faults: Faults;
  counters: Counters;
  policy: PolicyRule[] | undefined;
  /** Open streams' end functions; a stream adds itself and removes itself when it ends. */
  streams: Set<() => void>;
  bookmarkIntervalMs: number;
}

/** A request on a resource path, after authentication. */
export interface ResourceRequest {
  req: IncomingMessage;
  res: ServerResponse;
  route: Route;
  method: string;
  query: URLSearchParams;
  body: Buffer;
  identity: string;
}

function authorize(
  policy: PolicyRule[] | undefined,
  identity: string,
  verb: Verb,
  route: Route,
  resourceName: string,
): void {
  const access = { identity, verb, resource: resourceName, namespace: route.namespace };
  if (isAllowed(policy, access)) return;
  const ns = route.resource === 'namespaces' ? undefined : route.namespace;
  const group = route.group;
  throw new S.StatusError(
    S.forbidden(
      { group, resource: resourceName },
      route.name ?? '',
      forbiddenReason({ ...access, namespace: ns }, group),
    ),
  );
}

/**
 * Carries out the verb. Returns the result to send, or undefined when the verb answered itself
 * (watch, list and logs stream or send their own answers).
 */
function runVerb(
  deps: ResourceRequestDeps,
  r: ResourceRequest,
  verb: Verb,
  ctype: string,
  table: TableOptions | undefined,
): ApiResult | undefined {
  const { res, route, query, body } = r;
  const userAgent = String(r.req.headers['user-agent'] ?? '');
  switch (verb) {
    case 'watch':
      serveWatch(deps, res, route, query, table);
      return undefined;
    case 'list':
      respondList(res, route, deps.api.list(route, query), table);
      return undefined;
    case 'get':
      if (route.subresource === 'log') {
        serveLogs(deps, res, route, query);
        return undefined;
      }
      return { status: 200, body: deps.api.get(route) };
    case 'create':
      return deps.api.create(route, parseObjectBody(body, ctype), query, userAgent);
    case 'update':
      return deps.api.update(route, parseObjectBody(body, ctype), query, userAgent);
    case 'patch':
      return deps.api.patch(route, ctype, parsePatchBody(body, ctype), query, userAgent);
    case 'delete':
      return deps.api.delete(route, parseJsonBody(body), query);
    case 'deletecollection':
      return deps.api.deleteCollection(route, parseJsonBody(body), query);
  }
}

/** Serves a request on a resource path for an authenticated identity. */
export async function serveResource(deps: ResourceRequestDeps, r: ResourceRequest): Promise<void> {
  const { req, res, route, method, query, identity } = r;
  const verb = verbOf(method, route, query);
  const resourceName = route.subresource ? `${route.resource}/${route.subresource}` : route.resource;
  if (!verb) {
    deps.counters.record(method.toLowerCase(), resourceName, 405);
    return sendStatus(res, S.methodNotAllowed());
  }
  let code = 0;
  try {
    authorize(deps.policy, identity, verb, route, resourceName);
    const decision = deps.faults.decide({
      verb,
      resource: resourceName,
      namespace: route.namespace,
      identity,
    });
    if (decision.latencyMs > 0) await sleep(decision.latencyMs);
    if (decision.reset === 'before') {
      resetConnection(req);
      return;
    }
    if (decision.status) {
      code = answerFault(res, decision.status);
      return;
    }
    const ctype = mediaType(req.headers['content-type']);
    checkContentType(verb, ctype);
    const table = tableOptionsOf(String(req.headers.accept ?? ''), query);
    const result = runVerb(deps, r, verb, ctype, table);
    if (!result) {
      code = 200;
      return;
    }
    if (decision.reset === 'after') {
      // The change is committed; the client never learns it.
      resetConnection(req);
      return;
    }
    code = result.status;
    respondObject(res, route, result, table);
  } catch (err) {
    if (err instanceof S.StatusError) {
      code = err.status.code;
      sendStatus(res, err.status, err.headers);
    } else {
      code = 500;
      sendStatus(res, S.internalError(err instanceof Error ? err.message : String(err)));
    }
  } finally {
    deps.counters.record(verb, resourceName, code);
  }
}
