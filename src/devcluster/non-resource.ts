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
  versionInfo,
} from './discovery.js';
import { send } from './http-response.js';

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
      ['/version/', versionInfo],
      ['/api', () => apiVersions(serverAddress())],
      ['/apis', apiGroupList],
      ['/api/v1', coreV1Resources],
      ['/apis/batch', batchGroup],
      ['/apis/batch/v1', batchV1Resources],
      ['/apis/events.k8s.io', eventsGroup],
      ['/apis/events.k8s.io/v1', eventsV1Resources],
    ]);
  }

  /** True for a path of the Kubernetes API that is not a resource path (plug-ins never see these). */
  owns(path: string): boolean {
    return (
      this.discovery.has(path) ||
      PUBLIC_PATHS.has(path) ||
      path.startsWith('/openapi/') ||
      path === '/api/' ||
      path === '/apis/'
    );
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
    const doc = this.discovery.get(path);
    if (doc) {
      this.counters.record('get', path, 200);
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
