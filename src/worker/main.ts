import { parseConfig } from '../shared/config.js';
import { installShutdown, runMain } from '../shared/lifecycle.js';
import { createLogger } from '../shared/logger.js';
import { createRedis } from '../shared/redis.js';
import { createWorkerHealthApp, serveHealth } from './health.js';

runMain(async () => {
  const config = parseConfig();
  const logger = createLogger({
    level: config.logLevel,
    pretty: config.logPretty,
    base: { service: 'worker' },
  });
  const redis = createRedis(config.redisUrl, 'worker');
  const closeHealth = serveHealth(createWorkerHealthApp({ redis }), config.workerPort, config.host, (port) =>
    logger.info({ port }, 'worker health server listening'),
  );
  installShutdown(
    logger,
    [
      { name: 'health', close: closeHealth },
      { name: 'redis', close: async () => void (await redis.quit().catch(() => redis.disconnect())) },
    ],
    config.shutdownTimeoutMs,
  );
});
