/**
 * What a devcluster with a state directory keeps between runs, and when it writes it:
 * `tls.json` (CA, server key and certificate), `tokens.json` (the admin token and tokens added
 * at runtime), `objects.json` (every stored object, the resourceVersion counter and the
 * simulation state: pod runs and their logs, Job bookkeeping) and `ca.crt` (the CA for kubectl).
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateServerCredentials, type ServerCredentials } from './certs.js';
import type { JobController, SimulationState } from './job-controller.js';
import type { StateDir } from './state-dir.js';
import type { Store, StoreSnapshot } from './store.js';

const TLS_FILE = 'tls.json';
const TOKENS_FILE = 'tokens.json';
const OBJECTS_FILE = 'objects.json';
const CA_FILE = 'ca.crt';

/**
 * How far the resourceVersion counter jumps after an unclean stop (kill -9): writes after the
 * last save are lost, and clients may have seen their resourceVersions; new ones must be greater.
 */
const UNCLEAN_RV_GAP = 100_000;

interface TlsState extends ServerCredentials {
  sans: string[];
  clusterName: string;
}

interface TokensState {
  admin: string;
  /** Tokens added with `addToken`: token → identity. */
  added: Record<string, string>;
}

interface ObjectsState {
  version: 1;
  /** Date.now() of the write: the time since is how long the server was away. */
  savedAtMs: number;
  /** Written by `stop()` (nothing after it was lost). */
  clean: boolean;
  store: StoreSnapshot;
  simulation: SimulationState;
}

/**
 * The CA and server credentials: the stored ones when they were made for the same SANs and
 * cluster name, else new ones (stored). Without a directory, always new.
 */
export async function serverCredentials(
  dir: StateDir | undefined,
  sans: string[],
  clusterName: string,
): Promise<ServerCredentials> {
  const stored = dir?.read<TlsState>(TLS_FILE);
  if (stored && stored.clusterName === clusterName && stored.sans.join(',') === sans.join(',')) return stored;
  const creds = await generateServerCredentials(sans, clusterName);
  dir?.write(TLS_FILE, { ...creds, sans, clusterName } satisfies TlsState);
  return creds;
}

/** The CA as a file kubectl can use; in the state directory it outlives `stop()`. */
export function writeCaFile(dir: StateDir, caPem: string): string {
  const file = join(dir.path, CA_FILE);
  writeFileSync(file, caPem, { mode: 0o644 });
  return file;
}

/** The admin token and runtime-added tokens; kept in the directory so clients keep authenticating. */
export class TokenState {
  readonly admin: string;
  private readonly added: Record<string, string>;

  constructor(private readonly dir: StateDir | undefined) {
    const stored = dir?.read<TokensState>(TOKENS_FILE);
    this.admin = stored?.admin ?? randomBytes(24).toString('base64url');
    this.added = { ...(stored?.added ?? {}) };
    if (dir && !stored) this.save();
  }

  /** Tokens added at runtime in earlier runs. */
  addedTokens(): Record<string, string> {
    return { ...this.added };
  }

  /** Records a token added at runtime. */
  add(token: string, identity: string): void {
    if (!this.dir) return;
    this.added[token] = identity;
    this.save();
  }

  private save(): void {
    this.dir?.write(TOKENS_FILE, { admin: this.admin, added: this.added } satisfies TokensState);
  }
}

/**
 * Keeps `objects.json` up to date: restores it at start, writes it once started, then at most
 * once per `intervalMs` after a change, and a last time (marked clean) on stop.
 */
export class ObjectPersister {
  private timer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly dir: StateDir,
    private readonly store: Store,
    private readonly jobs: JobController,
    private readonly intervalMs: number,
  ) {}

  /**
   * Loads the stored objects into the store and returns the simulation state and how long the
   * server was away; undefined on a first start (an empty directory).
   */
  load(): { simulation: SimulationState; downtimeMs: number } | undefined {
    const state = this.dir.read<ObjectsState>(OBJECTS_FILE);
    if (!state) return undefined;
    if (state.version !== 1) throw new Error(`${OBJECTS_FILE}: unknown version ${String(state.version)}`);
    const rv = state.store.resourceVersion + (state.clean ? 0 : UNCLEAN_RV_GAP);
    this.store.restore({ ...state.store, resourceVersion: rv });
    return { simulation: state.simulation, downtimeMs: Math.max(0, Date.now() - state.savedAtMs) };
  }

  /** Writes the state as it is now, then after every change. */
  start(): void {
    this.save(false);
    this.unsubscribe = this.store.subscribe(() => {
      if (this.timer) return;
      this.timer = setTimeout(() => {
        this.timer = undefined;
        try {
          this.save(false);
        } catch {
          // A failed interim write (disk full, directory gone) leaves the previous file in place;
          // the next change or stop() tries again, and stop() reports a failure.
        }
      }, this.intervalMs);
      this.timer.unref();
    });
  }

  /** Stops watching for changes and writes the final, clean state. */
  stop(): void {
    this.unsubscribe?.();
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.save(true);
  }

  private save(clean: boolean): void {
    this.dir.write(OBJECTS_FILE, {
      version: 1,
      savedAtMs: Date.now(),
      clean,
      store: this.store.snapshot(),
      simulation: this.jobs.snapshot(),
    } satisfies ObjectsState);
  }
}
