import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { type AddressInfo, Server as NetServer, type Socket } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import type { Logger } from '../shared/logger.js';

/** The request handler the server runs: a Hono app's `fetch`. */
export type FetchHandler = Parameters<typeof getRequestListener>[0];

/** Options of {@link createHttpServer}. */
export interface HttpServerOptions {
  logger: Logger;
  /**
   * How long {@link HttpServer.close} waits for requests in flight to be answered and for
   * keep-alive clients to move away before it destroys the connections left (and rejects).
   * Keep it below SHUTDOWN_TIMEOUT, so the shutdown steps after the HTTP server still run.
   * @defaultValue 20000
   */
  drainTimeoutMs?: number;
  /**
   * While draining, a keep-alive connection that has carried no request for this long is closed.
   * Not 0: a client reuses its connection a moment after the previous answer, and closing the
   * connection in that moment cuts the request it is already sending (HTTP/1.1 leaves that race to
   * the client, RFC 9112 §9.6, and clients do not retry a POST). By default the keep-alive
   * timeout the server announces (`Keep-Alive: timeout=5`): a client honouring it has dropped the
   * connection by then (undici a second before), so the close cuts nothing; with 1 s the full-scale
   * chaos run saw one POST cut in 2,825. A connection still in use gets `Connection: close` on its
   * next answer instead, and closes cleanly after it.
   * @defaultValue the server's keepAliveTimeout (5000)
   */
  idleCloseMs?: number;
}

/** An HTTP server whose {@link HttpServer.close} drains it under traffic. */
export interface HttpServer {
  /** Starts serving `fetch`; resolves with the bound address once listening. */
  listen(fetch: FetchHandler, at: { port: number; hostname: string }): Promise<AddressInfo>;
  /** True from the moment {@link HttpServer.close} is called: `/readyz` answers 503. */
  draining(): boolean;
  /** Open connections right now. */
  connections(): number;
  /**
   * Drains and closes the server; idempotent. At once: `draining()` turns true and the listening
   * socket closes, so new connections are refused. Requests in flight are answered. Requests that
   * arrive afterwards on a keep-alive connection that is already open are answered too, like
   * nginx and Envoy do while draining: the client already sent them, and a load balancer has seen
   * `/readyz` answer 503 and sends no more. Every answer written from now on carries
   * `Connection: close`, so each busy connection closes right after its next answer; connections
   * idle for `idleCloseMs` are closed, checked repeatedly as they become idle. Resolves once every
   * connection has closed. After `drainTimeoutMs` it destroys the connections left and rejects,
   * naming how many (the shutdown then exits 1: some clients lost their answer).
   */
  close(): Promise<void>;
}

/** Whether a request declares a body (a length over 0, or chunked). */
function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * Whether the whole body is here: parsed to its end, or (a declared length not read at all yet)
 * every byte of it buffered. Node marks a message complete only once its body is read on.
 */
function arrivedWhole(req: IncomingMessage): boolean {
  if (req.complete) return true;
  const length =
    req.headers['transfer-encoding'] === undefined ? Number(req.headers['content-length']) : Number.NaN;
  return Number.isFinite(length) && req.readableLength >= length;
}

/**
 * An answer written before its request's body has arrived whole (413, 401, 415, 422 of a body not
 * read on) says `Connection: close`. The rest of the body is still on its way, and the listener
 * reads it only briefly before it closes the socket: announced as keep-alive, that close cut the
 * client's next request on the connection ("other side closed"). Announced, the client opens a
 * new connection for it, and the server's brief read of the rest lets the close be clean (no reset
 * before the client has read the answer).
 */
function closeIfBodyUnread(req: IncomingMessage, res: ServerResponse): void {
  if (!hasBody(req)) return;
  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse['writeHead']>) {
    if (!arrivedWhole(req)) this.setHeader('Connection', 'close');
    return writeHead.apply(this, args);
  } as ServerResponse['writeHead'];
}

/** Creates the API's HTTP server (nothing listens until {@link HttpServer.listen}). */
export function createHttpServer(options: HttpServerOptions): HttpServer {
  const { logger } = options;
  const drainTimeoutMs = options.drainTimeoutMs ?? 20_000;
  const server = createServer();
  const idleCloseMs = options.idleCloseMs ?? server.keepAliveTimeout;
  /** Each open connection: requests it is answering now, and since when it has been idle. */
  const open = new Map<Socket, { busy: number; idleSince: number }>();
  /** Responses whose request arrived and that have not finished. */
  const inFlight = new Set<ServerResponse>();
  let draining = false;
  let answeredWhileDraining = 0;
  let closing: Promise<void> | undefined;

  server.on('connection', (socket: Socket) => {
    open.set(socket, { busy: 0, idleSince: Date.now() });
    socket.once('close', () => open.delete(socket));
  });

  const drain = async () => {
    draining = true;
    for (const res of inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
    logger.info({ connections: open.size, inFlight: inFlight.size }, 'http draining');
    // net.Server#close, not http.Server#close: since Node 19 the latter also destroys every idle
    // keep-alive connection at once, cutting the requests clients are sending on them right now.
    const closed = new Promise<void>((resolve) => {
      if (!server.listening) resolve();
      else NetServer.prototype.close.call(server, () => resolve());
    });
    const closeIdle = () => {
      const now = Date.now();
      for (const [socket, conn] of open) {
        if (conn.busy === 0 && now - conn.idleSince >= idleCloseMs) socket.destroy();
      }
    };
    const sweeper = setInterval(closeIdle, Math.max(10, Math.min(100, idleCloseMs)));
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      closed.then(() => false),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), drainTimeoutMs);
      }),
    ]);
    clearInterval(sweeper);
    clearTimeout(timer);
    if (!timedOut) {
      logger.info({ answeredWhileDraining }, 'http closed');
      return;
    }
    const left = { connections: open.size, unanswered: inFlight.size };
    for (const socket of open.keys()) socket.destroy();
    await closed;
    throw new Error(
      `HTTP drain timed out after ${drainTimeoutMs} ms: destroyed ${left.connections} connections, ` +
        `${left.unanswered} requests unanswered`,
    );
  };

  return {
    async listen(fetch, at) {
      const listener = getRequestListener(fetch, { hostname: at.hostname });
      server.on('request', (req, res) => {
        const conn = open.get(req.socket);
        if (conn) conn.busy++;
        inFlight.add(res);
        if (draining) {
          answeredWhileDraining++;
          res.setHeader('Connection', 'close');
        }
        closeIfBodyUnread(req, res);
        // 'close' follows 'finish', and also comes when the client went away before the answer.
        res.once('close', () => {
          inFlight.delete(res);
          if (conn) {
            conn.busy--;
            conn.idleSince = Date.now();
          }
        });
        void listener(req, res);
      });
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(at.port, at.hostname, () => {
          server.off('error', reject);
          resolve();
        });
      });
      return server.address() as AddressInfo;
    },
    draining: () => draining,
    connections: () => open.size,
    close() {
      closing ??= drain();
      return closing;
    },
  };
}
