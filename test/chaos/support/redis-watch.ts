import { connect } from 'node:net';

/** One command as MONITOR reports it. */
export interface MonitoredCommand {
  /** Lower-case command name (`multi`, `exec`, `evalsha`, …). */
  command: string;
  /** Client address (`127.0.0.1:PORT`), or `lua` for calls made inside a script. */
  source: string;
}

/**
 * Watches the commands a redis-server receives (MONITOR, on a raw socket: MONITOR's replies
 * are simple strings, one per command) and calls `onMatch` once, on the first command for
 * which `match` is true — to kill Redis at a chosen point of a request.
 */
export async function watchRedis(
  port: number,
  match: (c: MonitoredCommand) => boolean,
  onMatch: () => void,
): Promise<{ matched(): boolean; close(): void }> {
  const socket = connect({ host: '127.0.0.1', port });
  let hit = false;
  let buffer = '';
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('latin1');
      let nl = buffer.indexOf('\r\n');
      while (nl !== -1) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 2);
        nl = buffer.indexOf('\r\n');
        if (line === '+OK') {
          resolve();
          continue;
        }
        // +1700000000.123456 [0 127.0.0.1:50000] "multi"
        const m = /^\+\d+\.\d+ \[\d+ ([^\]]+)\] "([^"]*)"/.exec(line);
        if (!m || hit) continue;
        if (match({ source: m[1]!, command: m[2]!.toLowerCase() })) {
          hit = true;
          onMatch();
        }
      }
    });
    socket.write('MONITOR\r\n');
  });
  socket.on('error', () => {});
  return {
    matched: () => hit,
    close: () => socket.destroy(),
  };
}
