import type { z } from '@hono/zod-openapi';
import { ErrorSchema } from '../schemas.js';

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed JSON or a bad query',
  401: 'Missing or unknown API key',
  403: 'The API key may not do this',
  404: 'Not found (route, cluster, namespace, job, operation or batch)',
  405: 'Method not allowed',
  409: 'Conflict with the current state',
  413: 'Body larger than MAX_BODY_BYTES',
  415: 'Body is not application/json',
  422: 'Validation failed; details.issues lists every problem',
  429: 'Queue full or rate limited; see Retry-After',
  502: 'The cluster answered with an error',
  503: 'Queue (Redis) or cluster unavailable; see Retry-After',
};

/** Error responses in the one envelope, for the given statuses. */
export function errorResponses(...statuses: number[]) {
  return Object.fromEntries(
    statuses.map((s) => [
      s,
      {
        description: ERROR_DESCRIPTIONS[s] ?? 'Error',
        content: { 'application/json': { schema: ErrorSchema } },
      },
    ]),
  );
}

/** The error statuses every authenticated route can answer. */
export const COMMON_ERRORS = [401, 403, 404, 405, 429, 503] as const;

export const security = [{ apiKey: [] }];

/** `application/json` content of `schema`. */
export function json<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}
