import { describe, expect, it } from 'vitest';
import { queueNameOf, redisKeys, webhookQueueName } from '../../src/shared/redis-keys.js';

/** What Redis Cluster hashes: the first non-empty {…} of a key, else the whole key. */
function hashedPart(key: string): string {
  const open = key.indexOf('{');
  const close = open < 0 ? -1 : key.indexOf('}', open + 1);
  return close > open + 1 ? key.slice(open + 1, close) : key;
}

/** The keys each multi-key script, transaction or pipeline of ours uses together, for one batch item. */
function usedTogether(prefix: string, layout: 'plain' | 'sharded', cluster: string) {
  const keys = redisKeys(prefix, layout);
  // BullMQ's own keys of the queue: `<prefix>:<queue name>:<suffix>`.
  const job = `${prefix}:${keys.queueName(cluster)}:op_123`;
  return {
    'worker mark (progress, job lock)': [keys.batchProgress(cluster, 'batch_1'), `${job}:lock`],
    're-drive and cancel (progress, job, lock)': [keys.batchProgress(cluster, 'batch_1'), job, `${job}:lock`],
    'finished jobs (job, progress)': [job, keys.batchProgress(cluster, 'batch_1')],
    'batch read (record, progress)': [
      keys.batchRecord(cluster, 'batch_1'),
      keys.batchProgress(cluster, 'batch_1'),
    ],
    'BullMQ queue (wait, events)': [
      `${prefix}:${keys.queueName(cluster)}:wait`,
      `${prefix}:${keys.queueName(cluster)}:events`,
    ],
    'claim, enqueue and the WAIT fence': [keys.idempotency(cluster, 'digest'), job, keys.ackFence(cluster)],
    'Job watch (lease, version)': [keys.watchLease(cluster), keys.watchVersion(cluster)],
    'event log (marker, stream)': [keys.eventSeen('evt_1'), keys.eventLog()],
  };
}

describe('Redis key layout', () => {
  it.each(['dev', 'prod-eu', 'data'])(
    'sharded: every group of keys used together hashes alike (%s)',
    (cluster) => {
      for (const [what, group] of Object.entries(usedTogether('eks-jobs', 'sharded', cluster))) {
        expect(new Set(group.map(hashedPart)), what).toHaveLength(1);
      }
    },
  );

  it('sharded: the queues of different clusters hash apart, and apart from the event log', () => {
    const keys = redisKeys('eks-jobs', 'sharded');
    const parts = ['alpha', 'beta', 'gamma'].map((c) => hashedPart(`eks-jobs:${keys.queueName(c)}:wait`));
    parts.push(hashedPart(keys.eventLog()), hashedPart(`eks-jobs:${keys.webhookQueueName()}:wait`));
    expect(new Set(parts)).toHaveLength(5);
  });

  it('plain: the names of earlier releases, so an upgrade keeps every key', () => {
    const keys = redisKeys('eks-jobs', 'plain');
    expect([
      keys.queueName('dev'),
      keys.webhookQueueName(),
      keys.batchRecord('dev', 'batch_1'),
      keys.batchProgress('dev', 'batch_1'),
      keys.idempotency('dev', 'd1'),
      keys.watchLease('dev'),
      keys.watchVersion('dev'),
      keys.eventLog(),
      keys.eventSeen('evt_1'),
    ]).toEqual([
      'ops-dev',
      'webhooks',
      'eks-jobs:api:batch:batch_1',
      'eks-jobs:api:batch:batch_1:progress',
      'eks-jobs:api:idempotency:d1',
      'eks-jobs:watch:dev:lease',
      'eks-jobs:watch:dev:rv',
      'eks-jobs:events:log',
      'eks-jobs:events:seen:evt_1',
    ]);
  });

  it('sharded: the queue name carries the tag, the other keys carry the same one', () => {
    const keys = redisKeys('eks-jobs', 'sharded');
    expect([
      keys.queueName('dev'),
      keys.batchProgress('dev', 'b'),
      keys.eventLog(),
      webhookQueueName('sharded'),
    ]).toEqual([
      '{ops-dev}',
      'eks-jobs:api:batch:{ops-dev}:b:progress',
      'eks-jobs:{events}:log',
      '{webhooks}',
    ]);
  });

  it.each(['plain', 'sharded'] as const)(
    'a hash tag in the prefix puts every key in its one slot (%s)',
    (layout) => {
      const all = Object.values(usedTogether('{eks-jobs}', layout, 'dev')).flat();
      expect(new Set(all.map(hashedPart))).toEqual(new Set(['eks-jobs']));
    },
  );

  it.each(['', 'a:b', 'a{b', 'a}b'])('refuses a cluster name that would break the key format: %j', (name) => {
    expect(() => queueNameOf(name, 'sharded')).toThrow(/invalid cluster name/);
  });
});
