import http from 'node:http';

/** An HTTP answer, or why there was none. */
export type HttpResult =
  | { kind: 'answer'; status: number; body: unknown; headers: http.IncomingHttpHeaders }
  | {
      kind: 'no-answer';
      error: string;
      /** When the TCP connection was established, if it was (for "was it in flight?"). */
      connectedAt?: number;
      /** When the client gave up on the answer (the error, the cut, the timeout). */
      failedAt: number;
    };

/** Options of {@link createHttpClient}. */
export interface HttpClientOptions {
  baseUrl: string;
  key: string;
  /**
   * A new TCP connection per request, so a request in flight is told apart from one that never
   * reached the server (connection refused) when the server shuts down. @defaultValue false
   */
  freshConnections?: boolean;
  /** @defaultValue 30000 */
  timeoutMs?: number;
}

export interface HttpClient {
  request(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<HttpResult & { startedAt: number; connectedAt?: number }>;
  close(): void;
}

/** A small JSON client of the API on node:http, bounded by a timeout, only to 127.0.0.1. */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const base = new URL(options.baseUrl);
  if (base.hostname !== '127.0.0.1') throw new Error('chaos traffic goes to 127.0.0.1 only');
  const agent = options.freshConnections ? undefined : new http.Agent({ keepAlive: true, maxSockets: 32 });
  const timeoutMs = options.timeoutMs ?? 30_000;
  return {
    request: (method, path, body, headers = {}) =>
      new Promise((resolve) => {
        const startedAt = Date.now();
        let connectedAt: number | undefined;
        let settled = false;
        const done = (r: HttpResult) => {
          if (settled) return;
          settled = true;
          resolve({ ...r, startedAt, ...(connectedAt !== undefined ? { connectedAt } : {}) });
        };
        const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
        const req = http.request(
          {
            host: base.hostname,
            port: base.port,
            method,
            path,
            agent: agent ?? false,
            timeout: timeoutMs,
            headers: {
              authorization: `Bearer ${options.key}`,
              ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}),
              ...headers,
            },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('error', (err) =>
              done({ kind: 'no-answer', error: `response: ${err.message}`, failedAt: Date.now() }),
            );
            res.on('end', () => {
              if (!res.complete) {
                done({ kind: 'no-answer', error: 'response cut off', failedAt: Date.now() });
                return;
              }
              const text = Buffer.concat(chunks).toString('utf8');
              let parsed: unknown = text;
              try {
                parsed = text ? JSON.parse(text) : undefined;
              } catch {
                // not JSON: keep the text
              }
              done({ kind: 'answer', status: res.statusCode ?? 0, body: parsed, headers: res.headers });
            });
          },
        );
        req.on('socket', (socket) => {
          if (!socket.connecting) connectedAt ??= Date.now();
          else socket.once('connect', () => (connectedAt = Date.now()));
        });
        req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
        req.on('error', (err: NodeJS.ErrnoException) =>
          done({ kind: 'no-answer', error: err.code ?? err.message, failedAt: Date.now() }),
        );
        req.end(payload);
      }),
    close: () => agent?.destroy(),
  };
}
