import type { ClusterClient } from '../shared/cluster/index.js';
import { commandTarget, OPERATION_LABEL, type ParsedCommand } from '../shared/commands/index.js';
import { watchEvents } from '../shared/kube/watch-lines.js';
import type { Logger } from '../shared/logger.js';

/** What {@link createEarlierJob} reads. */
export interface EarlierJobOptions {
  client: ClusterClient;
  /**
   * What operation `operationId`'s job hash says: the uid the Job watch noted on it
   * (`MADE_UID_FIELD`), and the code of its last attempt's error (`STORED_ERROR_FIELD`).
   */
  noted(operationId: string): Promise<{ uid?: string; lastError?: { code: string; attempt: number } }>;
  /** The resourceVersion the Job watch has noted every Job up to (its stored version), if a watch ever ran. */
  watchedUpTo(): Promise<string | undefined>;
  logger: Logger;
}

/**
 * Answers the uid of the Job an earlier run of a create made, or undefined when none is known.
 * `run`: this run's number (BullMQ's `attemptsStarted`).
 */
export type EarlierJob = (
  cmd: ParsedCommand,
  operationId: string,
  run: number,
) => Promise<string | undefined>;

/**
 * Finds the Job an earlier run of a create operation made without hearing of it (the answer lost
 * with a reset connection, or the worker killed), even when the Job is already deleted (a short
 * `ttlSecondsAfterFinished`): before creating again, a run that is not the operation's first asks.
 *
 * Two sources, which together cover every Job the cluster made: the Job watch's note on the
 * operation covers the events up to the version it stored (it notes a Job before it stores a
 * version past it), and a watch of the operation's own Jobs from that version, which the API
 * server answers from its watch cache — deleted Jobs included — and ends after a second
 * (`timeoutSeconds=1`), covers the rest, also while the watch's holder is dead and nobody notes.
 * When that version has left the server's cache (410) nothing more can be known: the run goes on
 * as before (a create, whose 409 still finds a Job that exists). A run right after one refused
 * with 429 does not watch: the refused run made nothing, and had asked the same before its create.
 */
export function createEarlierJob(options: EarlierJobOptions): EarlierJob {
  const { client, logger } = options;
  return async (cmd, operationId, run) => {
    const noted = await options.noted(operationId);
    if (noted.uid) return noted.uid;
    // The run before this one was refused with 429: it made nothing, and had asked this before it created.
    if (noted.lastError?.code === 'RateLimited' && noted.lastError.attempt === run - 1) return undefined;
    const since = await options.watchedUpTo();
    if (!since) return undefined;
    const { namespace } = commandTarget(cmd);
    const abort = new AbortController();
    const { status, body } = await client.stream(
      `/apis/batch/v1/namespaces/${encodeURIComponent(namespace ?? '')}/jobs`,
      {
        watch: 'true',
        labelSelector: `${OPERATION_LABEL}=${operationId}`,
        resourceVersion: since,
        timeoutSeconds: '1',
      },
      abort.signal,
      { bodyTimeoutMs: 10_000 },
    );
    try {
      if (status !== 200) {
        for await (const _ of body);
        logger.warn({ operationId, status }, 'could not replay the Jobs of a create run again; creating');
        return undefined;
      }
      type Event = {
        type: string;
        object?: { code?: number; metadata?: { uid?: string; labels?: Record<string, string> } };
      };
      for await (const e of watchEvents<Event>(body)) {
        if (e.type === 'ERROR') {
          logger.warn(
            { operationId, code: e.object?.code },
            'the Jobs of a create run again are past the watch cache; creating',
          );
          return undefined;
        }
        const uid = e.object?.metadata?.uid;
        if (uid && e.object?.metadata?.labels?.[OPERATION_LABEL] === operationId) return uid;
      }
      return undefined;
    } finally {
      abort.abort();
    }
  };
}
