import { serve } from '@hono/node-server';
import { parseConfig } from '../shared/config.js';
import { installShutdown, runMain } from '../shared/lifecycle.js';
import { createLogger } from '../shared/logger.js';
import { createRedis } from '../shared/redis.js';
import { createApp } from './app.js';

runMain(async () => {
  const config = parseConfig();
  const logger = createLogger({ level: config.logLevel, pretty: config.logPretty, base: { service: 'api' } });
  const redis = createRedis(config.redisUrl, 'producer');
  const app = createApp({ config, logger, redis });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    logger.info({ port: info.port, host: config.host }, 'api listening');
  });
  installShutdown(
    logger,
    [
      {
        name: 'http',
        close: () =>
          new Promise<void>((resolve) => {
            server.close(() => resolve());
            // Idle keep-alive sockets would hold close() open until they time out.
            if ('closeIdleConnections' in server) server.closeIdleConnections();
          }),
      },
      { name: 'redis', close: async () => void (await redis.quit().catch(() => redis.disconnect())) },
    ],
    config.shutdownTimeoutMs,
  );
});
