import { Redis } from 'ioredis';
import { expect, test } from '../support/fixtures.js';

test('the suite runs its own redis-server, not the machine port 6379', async ({ redis }) => {
  expect(redis.port).not.toBe(6379);
  const client = new Redis(redis.url, { maxRetriesPerRequest: 1 });
  try {
    await client.set('probe', 'ok');
    expect(await client.get('probe')).toBe('ok');
    const info = await client.info('server');
    expect(info).toContain(`tcp_port:${redis.port}`);
  } finally {
    client.disconnect();
  }
});
