/**
 * The API server's non-resource paths: health checks (public), /version (public), discovery
 * documents and the OpenAPI v3 index and documents (authenticated).
 */
import type { ServerResponse } from 'node:http';
import type { Counters } from './counters.js';
import {
  apiGroupList,
  apiVersions,
  batchGroup,
  batchV1Resources,
  coreV1Resources,
  eventsGroup,
  eventsV1Resources,
  reviewGroupDocuments,
  versionInfo,
} from './discovery.js';
import { send } from './http-response.js';

/**
 * The discovery table's key for a request path. A real API server answers every discovery path
 * with or without one trailing slash: go-restful's router (v3.11, `TrimRightSlashEnabled`) trims
 * it for `/api`, `/api/v1` and `/apis/<group>/<version>`, and the aggregator registers `/apis/`
 * and `/apis/<group>/` beside `/apis` and `/apis/<group>`. Normalising here gives every document
 * in the table both forms.
 */
function discoveryKey(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

const PUBLIC_PATHS = new Set(['/version', '/version/', '/healthz', '/livez', '/readyz']);

/** The non-resource paths of one server. */
export class NonResourcePaths {
  private readonly discovery: Map<string, () => unknown>;

  constructor(
    serverAddress: () => string,
    private readonly openapiIndex: string,
    private readonly openapiDocs: Map<string, string>,
    private readonly counters: Counters,
  ) {
    this.discovery = new Map<string, () => unknown>([
      ['/version', versionInfo],
      ['/api', () => apiVersions(serverAddress())],
      ['/apis', apiGroupList],
      ['/api/v1', coreV1Resources],
      ['/apis/batch', batchGroup],
      ['/apis/batch/v1', batchV1Resources],
      ...reviewGroupDocuments(),
      ['/apis/events.k8s.io', eventsGroup],
      ['/apis/events.k8s.io/v1', eventsV1Resources],
    ]);
  }

  /** True for a path of the Kubernetes API that is not a resource path (plug-ins never see these). */
  owns(path: string): boolean {
    return this.discovery.has(discoveryKey(path)) || PUBLIC_PATHS.has(path) || path.startsWith('/openapi/');
  }

  /** Answers a health check (no authentication needed); false when `path` is not one. */
  serveHealth(res: ServerResponse, path: string): boolean {
    if (!PUBLIC_PATHS.has(path) || path === '/version' || path === '/version/') return false;
    this.counters.record('get', path.slice(1), 200);
    send(res, 200, 'ok');
    return true;
  }

  /** Answers an authenticated non-resource request: discovery, OpenAPI, or 404. */
  serve(res: ServerResponse, path: string, query: URLSearchParams, method: string): void {
    const key = discoveryKey(path);
    const doc = this.discovery.get(key);
    if (doc) {
      this.counters.record('get', key, 200);
      send(res, 200, doc());
      return;
    }
    if (path === '/openapi/v3' || path === '/openapi/v3/') {
      send(res, 200, this.openapiIndex);
      return;
    }
    const d = this.openapiDocs.get(path.slice('/openapi/v3/'.length));
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
    this.counters.record(method.toLowerCase(), path, 404);
    send(res, 404, '404 page not found\n');
  }
}
