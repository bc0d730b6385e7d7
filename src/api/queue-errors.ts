/**
 * Whether an error means Redis could not be reached (ioredis fails fast on the API's connection:
 * no offline queue, one try). Those become 503 QueueUnavailable; anything else is a bug.
 */
export function isQueueDown(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (err.name === 'MaxRetriesPerRequestError') return true;
  if ((err as { code?: unknown }).code === 'QueueUnavailable') return true;
  return /Stream isn't writeable|Connection is closed|ECONNREFUSED|ECONNRESET|Command timed out|enableOfflineQueue/i.test(
    err.message,
  );
}
