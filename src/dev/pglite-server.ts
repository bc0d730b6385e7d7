/**
 * PGlite (PostgreSQL compiled to WebAssembly, in this process) served over TCP, so that
 * `npm run dev`'s API and worker processes reach it through an ordinary DATABASE_URL.
 *
 * PGlite is one PostgreSQL session. Several client connections can share it only if each
 * exchange runs alone: the extended query protocol (Parse, Bind, Execute … Sync, which
 * node-postgres uses for every query with parameters) keeps its unnamed statement and portal
 * in the session until Sync, and a transaction keeps the session until it ends. So a
 * connection takes the session with its first message and gives it back only when a Sync or a
 * simple Query has left the session idle, outside any transaction; the others wait their turn.
 * (`@electric-sql/pglite-socket` shares the session per message instead: two connections
 * querying at once get each other's statements — "portal does not exist" or wrong rows, its
 * issue #1046 — so it is not used.) Development only: no TLS, no authentication.
 */
import { once } from 'node:events';
import { createServer, type Socket } from 'node:net';
import { PGlite } from '@electric-sql/pglite';

/** Options of {@link startPgliteServer}. */
export interface PgliteServerOptions {
  /** TCP port on 127.0.0.1; 0 picks a free one. */
  port: number;
}

/** A running {@link startPgliteServer}. */
export interface PgliteServer {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` */
  url: string;
  port: number;
  /** Closes every connection, stops listening and closes the database (in memory: gone). */
  close(): Promise<void>;
}

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
/** Frontend messages after which the backend answers ReadyForQuery: the end of an exchange. */
const SYNC = 0x53; // 'S'
const QUERY = 0x51; // 'Q'
const TERMINATE = 0x58; // 'X'

/** Hands the one PostgreSQL session to one connection at a time, in the order they asked. */
function createTurns() {
  let owner: symbol | undefined;
  const waiting: Array<{ id: symbol; go: (granted: boolean) => void }> = [];
  return {
    owns: (id: symbol) => owner === id,
    /** Resolves true once `id` has the session, or false if it went away while waiting. */
    take(id: symbol): Promise<boolean> {
      if (owner === id) return Promise.resolve(true);
      if (owner === undefined) {
        owner = id;
        return Promise.resolve(true);
      }
      return new Promise((go) => waiting.push({ id, go }));
    },
    give(id: symbol): void {
      if (owner !== id) return;
      const next = waiting.shift();
      owner = next?.id;
      next?.go(true);
    },
    /** A connection that went away stops waiting. */
    forget(id: symbol): void {
      const i = waiting.findIndex((w) => w.id === id);
      if (i >= 0) waiting.splice(i, 1)[0]!.go(false);
    },
  };
}

/**
 * Starts PGlite with an empty database in memory and serves it on 127.0.0.1; resolves once it
 * listens. PGlite takes seconds to start (it compiles PostgreSQL's WebAssembly and runs initdb).
 */
export async function startPgliteServer(options: PgliteServerOptions): Promise<PgliteServer> {
  const db = await PGlite.create();
  const turns = createTurns();
  const sockets = new Set<Socket>();
  // What each connection still has to do, its clean-up included: close() waits for it.
  const pending = new Set<Promise<void>>();
  const exec = (message: Uint8Array) => db.runExclusive(() => db.execProtocolRaw(message));

  const serve = (socket: Socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    const id = Symbol('connection');
    let buffer = Buffer.alloc(0);
    let started = false;
    let closed = false;
    // Chunks are handled one after another: a connection's messages run in the order sent.
    let work = Promise.resolve();

    const run = async (message: Buffer, endsExchange: boolean) => {
      // Gone while waiting, or before its turn came: the clean-up on close gives the turn back.
      if (!(await turns.take(id)) || closed) return;
      const answer = await exec(message);
      if (!closed && answer.length > 0) socket.write(answer);
      if (endsExchange && !db.isInTransaction()) turns.give(id);
    };

    const handle = async () => {
      for (;;) {
        if (!started) {
          if (buffer.length < 8) return;
          const length = buffer.readInt32BE(0);
          if (buffer.length < length) return;
          const code = buffer.readInt32BE(4);
          const message = buffer.subarray(0, length);
          buffer = buffer.subarray(length);
          if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
            socket.write('N'); // no encryption here; the client goes on in the clear
          } else if (code === CANCEL_REQUEST) {
            socket.end();
            return;
          } else {
            started = true;
            await run(message, true);
          }
          continue;
        }
        if (buffer.length < 5) return;
        const length = 1 + buffer.readInt32BE(1);
        if (buffer.length < length) return;
        const type = buffer[0];
        const message = buffer.subarray(0, length);
        buffer = buffer.subarray(length);
        if (type === TERMINATE) {
          socket.end();
          return;
        }
        await run(message, type === SYNC || type === QUERY);
      }
    };

    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      work = work.then(handle).catch(() => {
        socket.destroy();
      });
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      closed = true;
      sockets.delete(socket);
      turns.forget(id);
      // Whatever the connection left in the session goes with it: an exchange cut before its
      // Sync, an open transaction.
      const cleanup = work
        .then(async () => {
          if (!turns.owns(id)) return;
          try {
            await exec(protocolMessage(SYNC, Buffer.alloc(0)));
            if (db.isInTransaction()) await exec(protocolMessage(QUERY, Buffer.from('ROLLBACK\0')));
          } finally {
            turns.give(id);
          }
        })
        .catch(() => {})
        .finally(() => pending.delete(cleanup));
      pending.add(cleanup);
    });
  };

  const server = createServer(serve);
  server.listen(options.port, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    async close() {
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await stopped;
      await Promise.allSettled([...pending]);
      await db.close();
    },
  };
}

function protocolMessage(type: number, body: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header[0] = type;
  header.writeInt32BE(4 + body.length, 1);
  return Buffer.concat([header, body]);
}
