/**
 * The HTTPS front: routing, authentication, authorization, fault injection, counters, and the
 * streaming endpoints (watch, log follow). Plain node:https, no framework, for throughput.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ApiResult, type KubeApi, matchesFilter, parseFilter, type Route, withType } from './api.js';
import {
  ADMIN_IDENTITY,
  forbiddenReason,
  isAllowed,
  type PolicyRule,
  type TokenRevocations,
} from './auth.js';
import type { Counters } from './counters.js';
import {
  apiGroupList,
  apiVersions,
  batchGroup,
  batchV1Resources,
  coreV1Resources,
  versionInfo,
} from './discovery.js';
import type { FaultRule, Faults, Verb } from './faults.js';
import type { JobController } from './job-controller.js';
import { decodeProtobufObject, ProtobufDecodeError } from './protobuf.js';
import * as S from './status.js';
import type { Store, StoreEvent } from './store.js';
import { toTable } from './table.js';
import { type KObject, RESOURCES, type ResourceName } from './types.js';

/** Authenticates tokens and handles non-Kubernetes requests (the AWS side plugs in here). */
export interface DevClusterPlugin {
  /** Return identity for tokens it owns, {reject: reason} to answer 401, or undefined if not its token. */
  authenticate?(token: string): Promise<{ identity: string } | { reject: string } | undefined>;
  /** Handle a non-Kubernetes request (e.g. GET /clusters/{name}, POST / with STS Action). Return undefined if not handled. */
  handle?(req: PluginRequest): Promise<PluginResponse | undefined>;
}

/** A request as the plug-in contract hands it over (the AWS side in `aws/` uses it too). */
export interface PluginRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A plug-in's answer. */
export interface PluginResponse {
  status: number;
  headers?: Record<string, string>;
  body: string | Buffer;
}

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

const MAX_BODY_BYTES = 3 * 1024 * 1024;
const JSON_TYPES = new Set(['application/json', '']);
const PROTOBUF_TYPE = 'application/vnd.kubernetes.protobuf';
const PATCH_TYPES = new Set([
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
]);
const GROUP_RESOURCES: Record<string, ResourceName[]> = { '': ['namespaces', 'pods'], batch: ['jobs'] };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        resolve(undefined);
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Parses `/api/v1/...` and `/apis/batch/v1/...` into a route; undefined when not a resource path. */
export function parseRoute(path: string): Route | 'unknown-resource' | undefined {
  const seg = path.split('/').filter((s) => s.length > 0);
  let group: string;
  let rest: string[];
  if (seg[0] === 'api' && seg[1] === 'v1') {
    group = '';
    rest = seg.slice(2);
  } else if (seg[0] === 'apis' && seg[1] === 'batch' && seg[2] === 'v1') {
    group = 'batch';
    rest = seg.slice(3);
  } else return undefined;
  if (rest.length === 0) return undefined;
  let watchPrefix = false;
  if (rest[0] === 'watch') {
    watchPrefix = true;
    rest = rest.slice(1);
  }
  const allowed = GROUP_RESOURCES[group] ?? [];
  let resource: string | undefined;
  let namespace: string | undefined;
  let name: string | undefined;
  let subresource: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1];
    [, , resource, name, subresource] = rest;
    if (rest.length > 5) return 'unknown-resource';
  } else {
    [resource, name, subresource] = rest;
    if (rest.length > 3) return 'unknown-resource';
  }
  if (!resource || !allowed.includes(resource as ResourceName)) return 'unknown-resource';
  const r = resource as ResourceName;
  if (
    RESOURCES[r].namespaced !== (namespace !== undefined) &&
    !(namespace === undefined && name === undefined)
  )
    return 'unknown-resource';
  const subs: Record<ResourceName, string[]> = {
    namespaces: ['status', 'finalize'],
    jobs: ['status'],
    pods: ['status', 'log'],
  };
  if (subresource !== undefined && !subs[r].includes(subresource)) return 'unknown-resource';
  return { resource: r, namespace, name, subresource, watchPrefix };
}

function verbOf(method: string, route: Route, query: URLSearchParams): Verb | undefined {
  const watch = route.watchPrefix || query.get('watch') === 'true' || query.get('watch') === '1';
  switch (method) {
    case 'GET':
      if (route.name === undefined) return watch ? 'watch' : 'list';
      return watch ? 'watch' : 'get';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return route.name === undefined ? 'deletecollection' : 'delete';
    default:
      return undefined;
  }
}

/** Drops the connection with a TCP RST where the socket allows it, else closes it. */
function resetConnection(req: IncomingMessage): void {
  const socket = req.socket;
  try {
    socket.resetAndDestroy();
  } catch {
    socket.destroy();
  }
}

function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

function groupOf(resource: ResourceName): string {
  return RESOURCES[resource].group;
}

function stripType(o: KObject): KObject {
  const { apiVersion: _a, kind: _k, ...rest } = o;
  return rest as KObject;
}

/** Creates the request listener. */
export function createHandler(deps: ServerDeps): {
  handle: (req: IncomingMessage, res: ServerResponse) => void;
  closeStreams: () => void;
} {
  const streams = new Set<() => void>();
  const discovery = new Map<string, () => unknown>([
    ['/version', versionInfo],
    ['/version/', versionInfo],
    ['/api', () => apiVersions(deps.serverAddress())],
    ['/apis', apiGroupList],
    ['/api/v1', coreV1Resources],
    ['/apis/batch', batchGroup],
    ['/apis/batch/v1', batchV1Resources],
  ]);
  const publicPaths = new Set(['/version', '/version/', '/healthz', '/livez', '/readyz']);

  function send(
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ): void {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, {
      'Content-Type': typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json',
      'Content-Length': Buffer.byteLength(text),
      'Cache-Control': 'no-cache, private',
      'Audit-Id': randomUUID(),
      ...headers,
    });
    res.end(text);
  }

  function sendStatus(res: ServerResponse, status: S.Status, headers: Record<string, string> = {}): void {
    send(res, status.code, status, headers);
  }

  async function authenticate(
    header: string | undefined,
  ): Promise<{ identity: string } | { reject: string }> {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
    if (!m?.[1]) return { reject: 'no bearer token' };
    const token = m[1];
    if (deps.revocations.rejects(token)) return { reject: 'token revoked' };
    const staticIdentity = deps.tokens.get(token);
    if (staticIdentity !== undefined) {
      deps.revocations.noteValid(token, staticIdentity);
      return { identity: staticIdentity };
    }
    for (const p of deps.plugins) {
      const r = await p.authenticate?.(token);
      if (!r) continue;
      if ('identity' in r) deps.revocations.noteValid(token, r.identity);
      return r;
    }
    return { reject: 'unknown token' };
  }

  function faultStatus(
    code: number,
    retryAfter: number | undefined,
    message: string | undefined,
  ): { status: S.Status; headers: Record<string, string> } {
    const headers: Record<string, string> =
      retryAfter !== undefined ? { 'Retry-After': String(retryAfter) } : {};
    let status: S.Status;
    switch (code) {
      case 401:
        status = S.unauthorized();
        break;
      case 429:
        status = S.tooManyRequests(retryAfter ?? 1);
        break;
      case 500:
        status = S.internalError(message ?? 'injected fault');
        break;
      case 503:
        status = S.serviceUnavailable(message ?? 'the server is currently unable to handle the request');
        break;
      case 504:
        status = {
          ...S.serviceUnavailable(
            message ??
              'the server was unable to return a response in the time allotted, but may still be processing the request',
          ),
          code: 504,
          reason: 'Timeout',
        };
        break;
      default:
        status = {
          ...S.internalError(message ?? 'injected fault'),
          code,
          reason: code < 500 ? 'BadRequest' : 'InternalError',
          message: message ?? `injected fault (${code})`,
        };
    }
    if (message !== undefined && code !== 500) status.message = message;
    return { status, headers };
  }

  function serveWatch(res: ServerResponse, route: Route, query: URLSearchParams): void {
    const filter = parseFilter(route.resource, query);
    const nameFilter = route.name;
    const matches = (o: KObject) =>
      (route.namespace === undefined || o.metadata.namespace === route.namespace) &&
      (nameFilter === undefined || o.metadata.name === nameFilter) &&
      matchesFilter(filter, o);
    const rvParam = query.get('resourceVersion') ?? '';
    const sendInitial = query.get('sendInitialEvents') === 'true';
    const bookmarks = query.get('allowWatchBookmarks') === 'true';
    const timeoutSeconds = Number(query.get('timeoutSeconds') ?? '1800');
    const info = RESOURCES[route.resource];
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
    const seen = new Set<string>();
    const keyOf = (o: KObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`;
    const deliver = (e: StoreEvent) => {
      if (e.resource !== route.resource) return;
      const key = keyOf(e.object);
      const now = matches(e.object);
      const was = seen.has(key);
      const obj = withType(route.resource, e.object);
      if (e.type === 'DELETED') {
        if (was || now) write('DELETED', obj);
        seen.delete(key);
      } else if (now) {
        write(was || e.type === 'MODIFIED' ? 'MODIFIED' : 'ADDED', obj);
        seen.add(key);
      } else if (was) {
        // An object that stops matching the selector leaves the watch as DELETED, as in the watch cache.
        write('DELETED', obj);
        seen.delete(key);
      }
    };
    let backlog: StoreEvent[] = [];
    if (rvParam === '' || rvParam === '0' || sendInitial) {
      for (const o of deps.store.list(route.resource, route.namespace)) {
        if (!matches(o)) continue;
        seen.add(keyOf(o));
        write('ADDED', withType(route.resource, o));
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
      const rv = Number(rvParam);
      const events = Number.isFinite(rv) ? deps.store.eventsSince(rv) : undefined;
      if (!events) {
        // The watch cache answers an expired resourceVersion with an ERROR event carrying 410 Expired
        // (k8s.io/apiserver/pkg/storage/cacher/watch_cache.go), not with an HTTP 410.
        write(
          'ERROR',
          S.expired(`too old resource version: ${rvParam} (${deps.store.oldestWatchable() + 1})`),
        );
        res.end();
        return;
      }
      for (const o of deps.store.list(route.resource, route.namespace)) if (matches(o)) seen.add(keyOf(o));
      backlog = events;
    }
    for (const e of backlog) {
      if (e.resource !== route.resource) continue;
      const obj = withType(route.resource, e.object);
      if (matches(e.object)) write(e.type, obj);
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
      streams.delete(end);
      if (!res.writableEnded) res.end();
    };
    const timeout = setTimeout(end, Math.max(1, timeoutSeconds) * 1000);
    timeout.unref();
    streams.add(end);
    res.on('close', end);
  }

  function serveLogs(res: ServerResponse, route: Route, query: URLSearchParams): void {
    const { pod, container } = deps.api.logTarget(route, query);
    const first = deps.api.logText(pod, container, query);
    if (query.get('follow') !== 'true' || first.done) {
      send(res, 200, first.text);
      return;
    }
    res.writeHead(200, {
      'Content-Type': 'text/plain',
      'Transfer-Encoding': 'chunked',
      'Cache-Control': 'no-cache, private',
    });
    let sent = first.text.length;
    res.write(first.text);
    const ns = pod.metadata.namespace ?? '';
    const name = pod.metadata.name ?? '';
    const poll = () => {
      const out = deps.jobs.logs(ns, name, container, false);
      if (!out) return end();
      if (out.text.length > sent) {
        res.write(out.text.slice(sent));
        sent = out.text.length;
      }
      if (out.done) end();
    };
    const timer = setInterval(poll, 20);
    const unfollow = deps.jobs.followPod(ns, name, poll);
    const end = () => {
      clearInterval(timer);
      unfollow();
      streams.delete(end);
      if (!res.writableEnded) res.end();
    };
    streams.add(end);
    res.on('close', end);
  }

  function respondList(res: ServerResponse, route: Route, query: URLSearchParams, accept: string): void {
    const { items, metadata } = deps.api.list(route, query);
    if (accept.includes('as=Table')) {
      send(res, 200, toTable(route.resource, items, metadata));
      return;
    }
    const info = RESOURCES[route.resource];
    send(res, 200, {
      kind: `${info.kind}List`,
      apiVersion: info.group ? `${info.group}/${info.version}` : info.version,
      metadata,
      items: items.map(stripType),
    });
  }

  function respondObject(res: ServerResponse, route: Route, result: ApiResult, accept: string): void {
    const body = result.body as KObject;
    if (
      accept.includes('as=Table') &&
      body?.metadata &&
      result.status < 300 &&
      route.subresource === undefined
    ) {
      send(
        res,
        result.status,
        toTable(route.resource, [body], { resourceVersion: body.metadata.resourceVersion }),
        result.headers,
      );
      return;
    }
    send(res, result.status, body?.metadata ? withType(route.resource, body) : body, result.headers);
  }

  async function admin(req: IncomingMessage, res: ServerResponse, path: string, body: Buffer): Promise<void> {
    const who = await authenticate(req.headers.authorization);
    if (!('identity' in who) || who.identity !== ADMIN_IDENTITY) return sendStatus(res, S.unauthorized());
    const parsed: unknown = body.length > 0 ? JSON.parse(body.toString('utf8')) : {};
    const sub = path.slice('/_devcluster/'.length);
    try {
      if (sub === 'faults' && req.method === 'GET') return send(res, 200, { faults: deps.faults.list() });
      if (sub === 'faults' && req.method === 'POST') {
        const rules = (Array.isArray(parsed) ? parsed : [parsed]) as FaultRule[];
        return send(res, 201, { ids: deps.faults.addAll(rules) });
      }
      if (sub === 'faults' && req.method === 'DELETE') {
        deps.faults.clear();
        return send(res, 200, { cleared: true });
      }
      if (sub === 'counters' && req.method === 'GET') return send(res, 200, deps.counters.snapshot());
      if (sub === 'counters' && req.method === 'DELETE') {
        deps.counters.reset();
        return send(res, 200, { reset: true });
      }
      if (sub === 'revoke-tokens' && req.method === 'POST') {
        const p = (parsed ?? {}) as { identity?: string; permanent?: boolean };
        return send(res, 200, { revoked: deps.revocations.revoke(p) });
      }
    } catch (err) {
      return sendStatus(res, S.badRequest(err instanceof Error ? err.message : String(err)));
    }
    sendStatus(res, S.resourceNotFound());
  }

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
      return admin(req, res, path, body);
    }

    const route = parseRoute(path);
    const isKube =
      route !== undefined ||
      discovery.has(path) ||
      publicPaths.has(path) ||
      path.startsWith('/openapi/') ||
      path === '/api/' ||
      path === '/apis/';
    if (!isKube) {
      for (const p of deps.plugins) {
        const r = await p.handle?.({ method, path, query, headers: req.headers, body });
        if (!r) continue;
        res.writeHead(r.status, r.headers ?? {});
        res.end(r.body);
        return;
      }
    }

    if (publicPaths.has(path) && path !== '/version' && path !== '/version/') {
      deps.counters.record('get', path.slice(1), 200);
      return send(res, 200, 'ok');
    }

    const who = await authenticate(req.headers.authorization);
    if (!('identity' in who)) {
      deps.counters.record(
        route && typeof route === 'object' ? (verbOf(method, route, query) ?? method.toLowerCase()) : 'get',
        route && typeof route === 'object' ? route.resource : path,
        401,
      );
      return sendStatus(res, S.unauthorized());
    }
    const identity = who.identity;

    if (route === undefined) {
      const doc = discovery.get(path);
      if (doc) {
        deps.counters.record('get', path, 200);
        return send(res, 200, doc());
      }
      if (path === '/openapi/v3' || path === '/openapi/v3/') return send(res, 200, deps.openapiIndex);
      const d = deps.openapiDocs.get(path.slice('/openapi/v3/'.length));
      if (path.startsWith('/openapi/v3/') && d) {
        res.writeHead(200, {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(d),
          'Cache-Control': 'public, immutable',
          ETag: `"${query.get('hash') ?? ''}"`,
        });
        res.end(d);
        return;
      }
      deps.counters.record(method.toLowerCase(), path, 404);
      return send(res, 404, '404 page not found\n');
    }
    if (route === 'unknown-resource') {
      deps.counters.record(method.toLowerCase(), path, 404);
      return sendStatus(res, S.resourceNotFound());
    }

    const verb = verbOf(method, route, query);
    const resourceName = route.subresource ? `${route.resource}/${route.subresource}` : route.resource;
    if (!verb) {
      deps.counters.record(method.toLowerCase(), resourceName, 405);
      return sendStatus(res, S.methodNotAllowed());
    }
    let code = 0;
    try {
      const access = { identity, verb, resource: resourceName, namespace: route.namespace };
      if (!isAllowed(deps.policy, access)) {
        const ns = route.resource === 'namespaces' ? undefined : route.namespace;
        throw new S.StatusError(
          S.forbidden(
            { group: groupOf(route.resource), resource: resourceName },
            route.name ?? '',
            forbiddenReason({ ...access, namespace: ns }, groupOf(route.resource)),
          ),
        );
      }
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
      if (decision.status?.code === 429 && decision.status.message === undefined) {
        // API Priority and Fairness (what throttles on EKS) rejects with http.Error: plain text,
        // no Status (apiserver pkg/server/filters/priority-and-fairness.go, tooManyRequests).
        code = 429;
        send(res, 429, 'Too many requests, please try again later.\n', {
          'X-Content-Type-Options': 'nosniff',
          'Retry-After': String(decision.status.retryAfterSeconds ?? 1),
        });
        return;
      }
      if (decision.status) {
        const f = faultStatus(
          decision.status.code,
          decision.status.retryAfterSeconds,
          decision.status.message,
        );
        throw new S.StatusError(f.status, f.headers);
      }
      const accept = String(req.headers.accept ?? '');
      const ctype = mediaType(req.headers['content-type']);
      const parseJson = (): unknown => {
        if (body.length === 0) return undefined;
        try {
          return JSON.parse(body.toString('utf8'));
        } catch (err) {
          throw new S.StatusError(
            S.badRequest(
              `json: cannot unmarshal request body: ${err instanceof Error ? err.message : String(err)}`,
            ),
          );
        }
      };
      // A real server also takes YAML (and CBOR behind a feature gate); kubectl's typed clients
      // (`create namespace`, `create job`) post protobuf and do not fall back to JSON.
      const parseBody = (): unknown => {
        if (ctype !== PROTOBUF_TYPE) return parseJson();
        try {
          return decodeProtobufObject(body);
        } catch (err) {
          if (!(err instanceof ProtobufDecodeError)) throw err;
          throw new S.StatusError(
            err.unsupported
              ? { ...S.unsupportedMediaType(['application/json']), message: err.message }
              : S.badRequest(`the object provided is unrecognized: ${err.message}`),
          );
        }
      };
      if ((verb === 'create' || verb === 'update') && !JSON_TYPES.has(ctype) && ctype !== PROTOBUF_TYPE) {
        throw new S.StatusError(S.unsupportedMediaType(['application/json', PROTOBUF_TYPE]));
      }
      if (verb === 'patch' && !PATCH_TYPES.has(ctype)) {
        throw new S.StatusError(S.unsupportedMediaType([...PATCH_TYPES]));
      }
      let result: ApiResult | undefined;
      switch (verb) {
        case 'watch':
          code = 200;
          serveWatch(res, route, query);
          return;
        case 'list':
          code = 200;
          respondList(res, route, query, accept);
          return;
        case 'get':
          if (route.subresource === 'log') {
            code = 200;
            serveLogs(res, route, query);
            return;
          }
          result = { status: 200, body: deps.api.get(route) };
          break;
        case 'create':
          result = deps.api.create(route, parseBody(), query);
          break;
        case 'update':
          result = deps.api.update(route, parseBody(), query);
          break;
        case 'patch':
          result = deps.api.patch(route, ctype, parseJson(), query);
          break;
        case 'delete':
          result = deps.api.delete(route, parseJson(), query);
          break;
        case 'deletecollection':
          result = deps.api.deleteCollection(route, parseJson(), query);
          break;
      }
      if (decision.reset === 'after') {
        // The change is committed; the client never learns it.
        resetConnection(req);
        return;
      }
      code = result.status;
      respondObject(res, route, result, accept);
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
