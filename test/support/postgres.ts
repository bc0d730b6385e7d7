import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { accessSync, chownSync, constants, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './redis.js';
import { waitFor } from './wait-for.js';

/** How to get the server on Debian/Ubuntu; said whenever it is missing. */
export const POSTGRES_INSTALL_HINT =
  'PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb). On Debian/Ubuntu: apt-get update && apt-get install -y --no-install-recommends postgresql';

/** A private PostgreSQL server owned by a test run, in its own temp dir on a free port; never a system cluster. */
export interface TestPostgres {
  /** The `postgres` database as the `postgres` superuser over TCP (trust authentication). */
  url: string;
  port: number;
  /** Directory of its unix socket (`.s.PGSQL.<port>`), inside its temp dir. */
  socketDir: string;
  /** Creates a fresh, empty database and returns its URL: one per test, as Redis tests take a prefix. */
  createDatabase(): Promise<string>;
  /** Kills the server (SIGKILL to the postmaster) without cleaning up, to simulate a crash. */
  kill(): Promise<void>;
  /** Starts it again on the same port and data after {@link TestPostgres.kill} (crash recovery runs). */
  restart(): Promise<void>;
  /** Fast shutdown (clients disconnected), then the temp dir is removed. */
  stop(): Promise<void>;
}

/** The newest installed major version's `bin` directory (Debian's layout). */
function postgresBinDir(): string {
  const root = '/usr/lib/postgresql';
  let versions: string[] = [];
  try {
    versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  } catch {
    // not installed
  }
  for (const version of versions) {
    const bin = join(root, version, 'bin');
    try {
      accessSync(join(bin, 'initdb'), constants.X_OK);
      return bin;
    } catch {
      // a leftover directory without the server
    }
  }
  throw new Error(POSTGRES_INSTALL_HINT);
}

/**
 * initdb and postgres refuse to run as root (CI runs as root): there they run as Debian's
 * `postgres` system user through setpriv, which execs in place — the pid we hold is the
 * postmaster's, so kill() reaches it. As any other user they run as that user.
 */
function commandAs(): (program: string, args: string[]) => [string, string[]] {
  if (process.getuid?.() !== 0) return (program, args) => [program, args];
  try {
    execFileSync('id', ['-u', 'postgres'], { stdio: 'ignore' });
  } catch {
    throw new Error(
      'running as root, and there is no postgres system user to run PostgreSQL as (Debian’s postgresql package creates it)',
    );
  }
  return (program, args) => [
    'setpriv',
    ['--reuid=postgres', '--regid=postgres', '--init-groups', '--', program, ...args],
  ];
}

function chownToPostgres(path: string): void {
  if (process.getuid?.() !== 0) return;
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  chownSync(path, uid, gid);
}

/** Settings for a throwaway test server: durability off, which production must never do. */
const TEST_SETTINGS = [
  'fsync=off',
  'synchronous_commit=off',
  'full_page_writes=off',
  'max_connections=100',
  'shared_buffers=32MB',
  // Tests run many short statements; checkpoints only slow them.
  'checkpoint_timeout=1h',
  'max_wal_size=1GB',
];

/** Starts a private PostgreSQL server (Debian's build) in a temp dir on a free 127.0.0.1 port. */
export async function startPostgres(): Promise<TestPostgres> {
  const bin = postgresBinDir();
  const as = commandAs();
  const dir = mkdtempSync(join(tmpdir(), 'eks-jobs-pg-'));
  const dataDir = join(dir, 'data');
  const socketDir = join(dir, 'socket');
  mkdirSync(socketDir);
  chownToPostgres(dir);
  chownToPostgres(socketDir);
  const [initdb, initArgs] = as(join(bin, 'initdb'), [
    ...['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C'],
    // No fsync of the new cluster: it lives as long as the test file.
    ...['--no-sync', '--no-instructions'],
  ]);
  try {
    await promisify(execFile)(initdb, initArgs);
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    const { stderr } = err as { stderr?: string };
    throw new Error(`initdb failed: ${stderr || (err as Error).message}`);
  }
  const port = await freePort();
  const args = ['-D', dataDir, '-p', String(port), '-k', socketDir, '-c', 'listen_addresses=127.0.0.1'];
  for (const setting of TEST_SETTINGS) args.push('-c', setting);
  const [program, programArgs] = as(join(bin, 'postgres'), args);

  let child: ChildProcess | undefined;
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const start = async () => {
    // After a kill the old server's backends may still hold its shared memory for a moment;
    // the new postmaster then refuses to start, and we try again until the deadline.
    child = await waitFor(() => launch(program, programArgs), {
      timeoutMs: 30_000,
      intervalMs: 100,
      message: 'PostgreSQL to start',
    });
  };
  const killChild = async (signal: NodeJS.Signals) => {
    const c = child;
    child = undefined;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => c.kill('SIGKILL'), 10_000);
      c.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      c.kill(signal);
    });
  };
  try {
    await start();
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    url,
    port,
    socketDir,
    async createDatabase() {
      const name = `test_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`create database ${name}`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    kill: () => killChild('SIGKILL'),
    restart: async () => {
      await killChild('SIGKILL');
      await start();
    },
    stop: async () => {
      // SIGINT is PostgreSQL's fast shutdown: it ends client sessions instead of waiting for them.
      await killChild('SIGINT');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Spawns the postmaster; resolves once it accepts connections, rejects if it exits first. */
function launch(program: string, args: string[]): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    let ready = false;
    const onData = (chunk: Buffer) => {
      // Keep the tail for error messages; keep reading so the pipe never fills up.
      log = (log + chunk.toString()).slice(-8000);
      if (!ready && log.includes('database system is ready to accept connections')) {
        ready = true;
        resolve(child);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('error', reject);
    child.once('exit', (code, signal) => {
      if (!ready) reject(new Error(`postgres exited (${code ?? signal}) before it was ready:\n${log}`));
    });
  });
}
