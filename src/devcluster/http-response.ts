/**
 * Writing answers: text or JSON with the API server's headers, Status objects, objects and lists
 * (as a Table when kubectl asks for one), and dropping a connection.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiResult } from './api-result.js';
import type { Route } from './route.js';
import { served, servedInfo } from './served.js';
import type * as S from './status.js';
import { toTable } from './table.js';
import type { TableOptions } from './table-options.js';
import { apiVersionOf, type KObject } from './types.js';

/** Sends a string as text/plain, anything else as JSON. */
export function send(
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

/** Sends a Status with its code. */
export function sendStatus(
  res: ServerResponse,
  status: S.Status,
  headers: Record<string, string> = {},
): void {
  send(res, status.code, status, headers);
}

/** Drops the connection with a TCP RST where the socket allows it, else closes it. */
export function resetConnection(req: IncomingMessage): void {
  const socket = req.socket;
  try {
    socket.resetAndDestroy();
  } catch {
    socket.destroy();
  }
}

function stripType(o: KObject): KObject {
  const { apiVersion: _a, kind: _k, ...rest } = o;
  return rest as KObject;
}

/** Sends a list result as a `…List` (items without apiVersion/kind) or, when asked, a Table. */
export function respondList(
  res: ServerResponse,
  route: Route,
  list: { items: KObject[]; metadata: Record<string, unknown> },
  table: TableOptions | undefined,
): void {
  const { items, metadata } = list;
  if (table) {
    send(res, 200, toTable(route.resource, items, metadata, table));
    return;
  }
  const info = servedInfo(route);
  send(res, 200, {
    kind: `${info.kind}List`,
    apiVersion: apiVersionOf(info),
    metadata,
    items: items.map((o) => stripType(served(route, o))),
  });
}

/** Sends one object (typed) or a Status, or a one-row Table when asked. */
export function respondObject(
  res: ServerResponse,
  route: Route,
  result: ApiResult,
  table: TableOptions | undefined,
): void {
  const body = result.body as KObject;
  if (table && body?.metadata && result.status < 300 && route.subresource === undefined) {
    send(
      res,
      result.status,
      toTable(route.resource, [body], { resourceVersion: body.metadata.resourceVersion }, table),
      result.headers,
    );
    return;
  }
  send(res, result.status, body?.metadata ? served(route, body) : body, result.headers);
}
