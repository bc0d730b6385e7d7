import { describe, test } from 'vitest';
import { runFailoverScenario, useFailoverCleanup } from './support/failover-scenario.js';
import { sentinelTopology } from './support/failover-topologies.js';
import { SCALE } from './support/scale.js';

// Issue 18, acceptance 3, Sentinel: kill -9 of the master of a Sentinel group (2 replicas, 3
// sentinels) while creates are submitted and drained. The API and the workers follow the promoted
// replica without a restart, and with REDIS_WAIT_REPLICAS=1 no acknowledged operation is lost.

useFailoverCleanup();

describe('chaos: kill -9 of the master of a Sentinel group', () => {
  test(
    'the service follows the new master; REDIS_WAIT_REPLICAS=1 loses no acknowledged operation',
    async () => {
      await runFailoverScenario({
        topology: sentinelTopology,
        waitReplicas: 1,
        rounds: [{ name: 'redis-sentinel-failover', fault: 'kill', promises: 'assert' }],
      });
    },
    SCALE.testTimeoutMs,
  );
});
