/**
 * A TCP proxy in front of a server (the devcluster's HTTPS port: TLS passes through untouched),
 * recording each connection — open or closed, and the bytes the server sent on it — so a test
 * can tell which connection carried a stream and see it close.
 */
import { connect, createServer, type Socket } from 'node:net';

/** One proxied connection as the proxy saw it. */
export interface ProxiedConnection {
  id: number;
  open: boolean;
  /** Bytes the server sent to the client on this connection so far. */
  down: number;
}

export interface TcpProxy {
  /** `https://127.0.0.1:PORT` (the devcluster's certificate covers 127.0.0.1). */
  url: string;
  connections(): ProxiedConnection[];
  close(): Promise<void>;
}

/** Starts a proxy on a free port forwarding to `target` (`https://host:port`). */
export async function startTcpProxy(target: string): Promise<TcpProxy> {
  const { hostname, port } = new URL(target);
  const conns = new Map<number, ProxiedConnection>();
  const sockets = new Set<Socket>();
  let next = 0;
  const server = createServer((client) => {
    const conn: ProxiedConnection = { id: ++next, open: true, down: 0 };
    conns.set(conn.id, conn);
    const upstream = connect(Number(port), hostname);
    sockets.add(client);
    sockets.add(upstream);
    upstream.on('data', (chunk: Buffer) => {
      conn.down += chunk.length;
    });
    client.pipe(upstream);
    upstream.pipe(client);
    const end = () => {
      conn.open = false;
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', end);
    upstream.on('close', end);
    client.on('error', end);
    upstream.on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('proxy did not bind');
  return {
    url: `https://127.0.0.1:${address.port}`,
    connections: () => [...conns.values()].map((c) => ({ ...c })),
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
