import type { Context, MiddlewareHandler } from 'hono';
import { Gauge, type Registry } from 'prom-client';
import type { AppEnv } from './context.js';
import { ApiError } from './errors.js';

/** Bodies larger than this take a slot of {@link bodyAdmission} before they are read on. */
export const LARGE_BODY_BYTES = 256 * 1024;

export interface BodyAdmissionOptions {
  /** Largest accepted body (MAX_BODY_BYTES): more is 413. */
  maxBodyBytes: number;
  /** Large requests handled at once (MAX_LARGE_REQUESTS). */
  slots: number;
  /** Large requests that may wait for a slot; more are refused at once. @defaultValue 4 × slots */
  maxWaiting?: number;
  /** How long one waits for a slot before it is refused. @defaultValue 10000 */
  waitMs?: number;
  /** Registers `eks_jobs_large_requests{state="active"|"waiting"}` here. */
  metrics?: Registry;
}

/** The 413 of a body over MAX_BODY_BYTES. */
export function payloadTooLarge(maxBodyBytes: number): ApiError {
  return new ApiError(
    'PayloadTooLarge',
    `the request body is larger than ${maxBodyBytes} bytes (MAX_BODY_BYTES); split a large batch into several`,
    { maxBytes: maxBodyBytes },
  );
}

function busy(reason: string): ApiError {
  return new ApiError('ServerBusy', `${reason}; retry shortly (nothing was enqueued)`, undefined, {
    'Retry-After': '1',
  });
}

/** The body's declared length, when it has one that framing honours (not chunked). */
function declaredLength(c: Context): number | undefined {
  const length = c.req.header('content-length');
  return length !== undefined && c.req.header('transfer-encoding') === undefined ? Number(length) : undefined;
}

/**
 * 413 for a declared length over MAX_BODY_BYTES, before anything is read or any key is looked
 * up. Mounted early; {@link bodyAdmission}, later, counts bodies of unknown length.
 */
export function refuseOversizedBodies(maxBodyBytes: number): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const length = declaredLength(c);
    if (length !== undefined && length > maxBodyBytes) throw payloadTooLarge(maxBodyBytes);
    return next();
  };
}

/** A counting semaphore with a bounded line of waiters that give up after `waitMs`. */
function slotsOf(slots: number, maxWaiting: number, waitMs: number) {
  let active = 0;
  const waiting: Array<() => void> = [];
  return {
    get active() {
      return active;
    },
    get waiting() {
      return waiting.length;
    },
    acquire(): Promise<void> {
      if (active < slots) {
        active++;
        return Promise.resolve();
      }
      if (waiting.length >= maxWaiting) return Promise.reject(busy('too many large requests are waiting'));
      return new Promise<void>((resolve, reject) => {
        // A slot handed over by release() keeps `active` as it is: one leaves, one enters.
        const enter = () => {
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          waiting.splice(waiting.indexOf(enter), 1);
          reject(busy(`no slot for a large request within ${waitMs / 1000} s`));
        }, waitMs);
        waiting.push(enter);
      });
    },
    release(): void {
      const next = waiting.shift();
      if (next) next();
      else active--;
    },
  };
}

/**
 * Admits request bodies: a chunked one over MAX_BODY_BYTES → 413 while it is counted (a declared
 * length over it never gets here: {@link refuseOversizedBodies}); a large one (over 256 KiB, declared, or found so while a chunked body is read) is handled only
 * with one of MAX_LARGE_REQUESTS slots of this replica. Each large request costs ~7× its body in
 * heap while it is parsed, validated and enqueued (~28 MiB for a 4 MB batch): six at once took an
 * uncapped API to 460 MiB RSS, and past the heap cap the image sets (deploy/Dockerfile) to an
 * out-of-memory crash that drops every request in flight. A waiting request holds its socket and
 * at most 256 KiB; one that waits too long, or finds the line full, gets 503 `ServerBusy` with
 * `Retry-After`. Mounted after authentication, so traffic without a key never takes a slot.
 */
export function bodyAdmission(options: BodyAdmissionOptions): MiddlewareHandler<AppEnv> {
  const { maxBodyBytes } = options;
  const slots = slotsOf(options.slots, options.maxWaiting ?? 4 * options.slots, options.waitMs ?? 10_000);
  if (options.metrics) {
    new Gauge({
      name: 'eks_jobs_large_requests',
      help: 'Requests with large bodies (over 256 KiB) being handled or waiting for a slot (MAX_LARGE_REQUESTS)',
      labelNames: ['state'] as const,
      registers: [options.metrics],
      collect() {
        this.set({ state: 'active' }, slots.active);
        this.set({ state: 'waiting' }, slots.waiting);
      },
    });
  }

  /** Reads a body of unknown length, counting; takes a slot once it is large. */
  async function readChunked(c: Context<AppEnv>, stream: ReadableStream<Uint8Array>): Promise<boolean> {
    const reader = stream.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    let holding = false;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.length;
        if (size > maxBodyBytes) throw payloadTooLarge(maxBodyBytes);
        if (!holding && size > LARGE_BODY_BYTES) {
          await slots.acquire();
          holding = true;
        }
        chunks.push(value);
      }
    } catch (err) {
      if (holding) slots.release();
      await reader.cancel().catch(() => {});
      throw err;
    }
    c.req.raw = new Request(c.req.raw, { body: Buffer.concat(chunks, size) });
    return holding;
  }

  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const length = declaredLength(c);
    let holding = false;
    if (length !== undefined) {
      // Over MAX_BODY_BYTES was refused already (refuseOversizedBodies).
      if (length > LARGE_BODY_BYTES) {
        await slots.acquire();
        holding = true;
      }
    } else {
      const stream = c.req.raw.body;
      if (stream) holding = await readChunked(c, stream);
    }
    try {
      await next();
    } finally {
      if (holding) slots.release();
    }
  };
}
