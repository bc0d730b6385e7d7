/**
 * A webhook receiver for tests: a node:http server on 127.0.0.1 that records every request and
 * verifies its signature with the `standardwebhooks` package, as a user's receiver would.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import type { EksJobsEvent } from '../../src/shared/events/event.js';

/** One request the receiver got. */
export interface ReceivedRequest {
  /** The `webhook-id` header. */
  id: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  /** The event, when the signature verified (undefined otherwise). */
  event?: EksJobsEvent;
  /** Why `new Webhook(secret).verify()` refused it, if it did. */
  badSignature?: string;
  /** The status the receiver answered (0 while it has not answered, -1 when `answer` wrote it). */
  status: number;
  /** When the request's body had arrived, and when its connection closed (Date.now()). */
  arrivedAt: number;
  closedAt?: number;
  /** Whether the response was complete when the connection closed. */
  finished?: boolean;
}

/**
 * How the receiver answers a request (after recording it): a status, or `'hang'` (never
 * answers), or a function that writes the response itself. @defaultValue 204
 */
export type Answer = number | 'hang' | ((res: ServerResponse, req: ReceivedRequest) => void);

export interface ReceiverOptions {
  /** The signing secret (`whsec_…`) every request must verify against. */
  secret: string;
  answer?: (req: ReceivedRequest) => Answer;
}

export interface Receiver {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  port: number;
  /** Every request so far, in arrival order. */
  requests: ReceivedRequest[];
  /** Requests answered 2xx, by `webhook-id`. */
  accepted(): Map<string, ReceivedRequest[]>;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startReceiver(options: ReceiverOptions): Promise<Receiver> {
  const verifier = new Webhook(options.secret);
  const requests: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const headers = Object.fromEntries(
        Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]),
      );
      const record: ReceivedRequest = {
        id: headers['webhook-id'] ?? '',
        path: req.url ?? '/',
        headers,
        body,
        status: 0,
        arrivedAt: Date.now(),
      };
      res.on('close', () => {
        record.closedAt = Date.now();
        record.finished = res.writableFinished;
      });
      try {
        record.event = verifier.verify(body, headers) as EksJobsEvent;
      } catch (err) {
        record.badSignature = String(err);
      }
      requests.push(record);
      const answer = options.answer?.(record) ?? 204;
      if (answer === 'hang') return;
      if (typeof answer === 'function') {
        record.status = -1;
        answer(res, record);
        return;
      }
      record.status = answer;
      res.writeHead(answer, { 'content-type': 'text/plain' }).end(answer >= 400 ? 'receiver says no' : '');
    }, req.destroy.bind(req));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    accepted() {
      const out = new Map<string, ReceivedRequest[]>();
      for (const r of requests) {
        if (r.status < 200 || r.status >= 300) continue;
        out.set(r.id, [...(out.get(r.id) ?? []), r]);
      }
      return out;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
