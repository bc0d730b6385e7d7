import { randomUUID } from 'node:crypto';
import { type EksJobsEvent, type EventType, eventId } from '../../src/shared/events/event.js';

/**
 * Events as the publishers build them (src/worker/operation-events.ts, src/worker/job-watch.ts),
 * for the recorder's tests: the life of one Job, one event per transition, with the ids the
 * publishers derive.
 */
export interface JobLife {
  uid: string;
  name: string;
  namespace: string;
  operationId: string;
  /** create's outcome, job.running, then job.succeeded or job.failed. */
  events: EksJobsEvent[];
}

export interface JobLifeOptions {
  cluster?: string;
  namespace?: string;
  principal?: string;
  outcome?: 'succeeded' | 'failed';
  /** resourceVersions of the create, the start and the end. @defaultValue 10, 20, 30 */
  versions?: [number, number, number];
  labels?: Record<string, string>;
  images?: string[];
  batchId?: string;
  /** When it was submitted. @defaultValue now */
  submittedAt?: Date;
}

let seq = 0;

export function jobLife(options: JobLifeOptions = {}): JobLife {
  const uid = randomUUID();
  const operationId = `op_${randomUUID().replaceAll('-', '').slice(0, 20)}`;
  const name = `job-${++seq}-${uid.slice(0, 5)}`;
  const namespace = options.namespace ?? 'team-a';
  const cluster = options.cluster ?? 'dev';
  const [v0, v1, v2] = options.versions ?? [10, 20, 30];
  const submitted = options.submittedAt ?? new Date();
  const at = (s: number) => new Date(submitted.getTime() + s * 1000).toISOString();
  const labels = {
    'app.kubernetes.io/managed-by': 'eks-jobs',
    'eks-jobs/operation': operationId,
    ...(options.labels ?? {}),
  };
  const images = options.images ?? ['busybox:1.36'];
  const base = {
    cluster,
    kind: 'Job' as const,
    namespace,
    name,
    principal: options.principal ?? 'ci',
    operationId,
    requestId: `req-${seq}`,
    ...(options.batchId ? { batchId: options.batchId } : {}),
    submittedAt: submitted.toISOString(),
  };
  const event = (type: EventType, discriminator: string, timestamp: string, data: object): EksJobsEvent => ({
    id: eventId(type, discriminator),
    type,
    timestamp,
    data: { ...base, ...data },
  });
  const failed = options.outcome === 'failed';
  const counts = (done: boolean) => ({
    active: done ? 0 : 1,
    succeeded: done && !failed ? 1 : 0,
    failed: done && failed ? 1 : 0,
  });
  return {
    uid,
    name,
    namespace,
    operationId,
    events: [
      event('operation.succeeded', operationId, at(1), {
        command: 'job.create',
        attempts: 1,
        result: { name, namespace, uid, resourceVersion: String(v0) },
        images,
        labels,
      }),
      event('job.running', uid, at(2), {
        job: { uid, phase: 'Running', ...counts(false), startTime: at(2), resourceVersion: String(v1) },
        images,
        labels,
      }),
      event(failed ? 'job.failed' : 'job.succeeded', uid, at(5), {
        job: {
          uid,
          phase: failed ? 'Failed' : 'Succeeded',
          ...counts(true),
          startTime: at(2),
          ...(failed
            ? { reason: 'BackoffLimitExceeded', finishedAt: at(5) }
            : { completionTime: at(5), finishedAt: at(5) }),
          resourceVersion: String(v2),
        },
        images,
        labels,
      }),
    ],
  };
}
