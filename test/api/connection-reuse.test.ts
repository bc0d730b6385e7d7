import { connect, type Socket } from 'node:net';
import { Agent, request } from 'undici';
import { describe } from 'vitest';
import { composeApi } from '../../src/api/compose.js';
import { createHttpServer } from '../../src/api/http-server.js';
import { parseConfig } from '../../src/shared/config.js';
import { createLogger } from '../../src/shared/logger.js';
import { startTestDevCluster } from '../support/devcluster.js';
import { expect, test } from '../support/fixtures.js';
import { cleanPrefix, testPrefix } from '../support/redis.js';
import { clusterSpecs } from './support.js';

// Issue 15: after an early answer (413 for a body over MAX_BODY_BYTES) the connection must either
// be closed as announced or stay truly alive. Announced keep-alive and then closed, it cut the
// client's next pooled request ("other side closed"). Over real sockets, as main.ts serves the app.

const MAX = 64 * 1024;

async function serve(redisUrl: string) {
  const devcluster = await startTestDevCluster();
  const prefix = testPrefix();
  const config = parseConfig({
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: prefix,
    LOG_LEVEL: 'silent',
    MAX_BODY_BYTES: String(MAX),
  });
  const logger = createLogger({ level: 'silent' });
  const http = createHttpServer({ logger, drainTimeoutMs: 5000 });
  const api = composeApi(config, { logger, clusterSpecs: clusterSpecs(devcluster), draining: http.draining });
  const { port } = await http.listen(api.app.fetch, { port: 0, hostname: '127.0.0.1' });
  return {
    port,
    base: `http://127.0.0.1:${port}`,
    connections: () => http.connections(),
    async close() {
      await Promise.all([http.close(), api.endStreams()]);
      await api.close();
      await devcluster.stop();
      await cleanPrefix(redisUrl, prefix).catch(() => {});
    },
  };
}

/** Reads one HTTP/1.1 answer with a Content-Length from a raw socket: status, headers, body. */
function readAnswer(
  socket: Socket,
): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  return new Promise((resolve, reject) => {
    let buf = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      const [statusLine, ...lines] = buf.subarray(0, end).toString('latin1').split('\r\n');
      const headers = Object.fromEntries(
        lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
      );
      const length = Number(headers['content-length'] ?? 0);
      if (buf.length < end + 4 + length) return;
      socket.off('data', onData);
      socket.off('error', reject);
      const rest = buf.subarray(end + 4 + length);
      if (rest.length > 0) socket.unshift(rest);
      resolve({
        status: Number(statusLine?.split(' ')[1]),
        headers,
        body: buf.subarray(end + 4, end + 4 + length).toString('utf8'),
      });
    };
    socket.on('data', onData);
    socket.once('error', reject);
  });
}

describe('connections after an early answer', () => {
  test('413 for a declared length over MAX_BODY_BYTES says Connection: close, and the server closes cleanly after the answer', async ({
    redis,
  }) => {
    const s = await serve(redis.url);
    try {
      const socket = connect(s.port, '127.0.0.1');
      await new Promise((r) => socket.once('connect', r));
      const ended = new Promise<string>((resolve) => {
        socket.once('end', () => resolve('end'));
        socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'));
      });
      socket.write(
        `POST /v1/batches HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${4 * MAX}\r\n\r\n`,
      );
      socket.write(Buffer.alloc(MAX / 2, 0x20)); // part of the body: the rest never comes
      const answer = await readAnswer(socket);
      expect(answer.status).toBe(413);
      expect(JSON.parse(answer.body).error.code).toBe('PayloadTooLarge');
      expect(answer.headers.connection).toBe('close');
      // The server ends the connection (FIN, not a reset), as announced.
      expect(await ended).toBe('end');
      socket.destroy();
    } finally {
      await s.close();
    }
  });

  test('a keep-alive client’s next request after a 413 succeeds', async ({ redis }) => {
    const s = await serve(redis.url);
    // One connection, reused whenever the server allows it.
    const agent = new Agent({ connections: 1, pipelining: 1, keepAliveTimeout: 30_000 });
    try {
      for (let round = 0; round < 5; round++) {
        const big = await request(`${s.base}/v1/batches`, {
          method: 'POST',
          dispatcher: agent,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ items: [], pad: 'x'.repeat(2 * 1024 * 1024) }),
        });
        expect(big.statusCode).toBe(413);
        expect(big.headers.connection).toBe('close');
        await big.body.json();
        const next = await request(`${s.base}/livez`, { dispatcher: agent });
        expect(next.statusCode).toBe(200);
        await next.body.text();
      }
    } finally {
      await agent.close();
      await s.close();
    }
  });

  test('an early answer to a body that arrived whole keeps the connection truly alive', async ({ redis }) => {
    const s = await serve(redis.url);
    try {
      const socket = connect(s.port, '127.0.0.1');
      await new Promise((r) => socket.once('connect', r));
      const body = '{"items":[]}';
      for (let i = 0; i < 3; i++) {
        // No key: 401 before the body is looked at; the body came with the headers.
        socket.write(
          `POST /v1/batches HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
        );
        const answer = await readAnswer(socket);
        expect(answer.status).toBe(401);
        expect(answer.headers.connection).not.toBe('close');
      }
      socket.write('GET /livez HTTP/1.1\r\nHost: x\r\n\r\n');
      expect((await readAnswer(socket)).status).toBe(200);
      expect(s.connections()).toBe(1);
      socket.destroy();
    } finally {
      await s.close();
    }
  });
});
