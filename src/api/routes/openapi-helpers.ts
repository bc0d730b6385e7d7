import type { OpenAPIHono, z } from '@hono/zod-openapi';
import { ErrorSchema } from '../schemas.js';

/**
 * Every response header the API documents, defined once and referenced from each response as
 * `#/components/headers/<name>`; {@link registerResponseHeaders} puts them in the document.
 */
export const RESPONSE_HEADERS = {
  'X-Request-Id': {
    description:
      'The request id: the caller’s `X-Request-Id` when it is sane, a new UUID otherwise; also `error.requestId` and in the logs',
    required: true,
    schema: { type: 'string', example: '0b9a5a39-8d0f-4f7e-9a57-5f9d3c4a7e21' },
  },
  'RateLimit-Limit': {
    description: 'Requests the API key may make per window (only for keys with a rate limit)',
    schema: { type: 'integer', minimum: 1 },
  },
  'RateLimit-Remaining': {
    description: 'Requests left in the current window (only for keys with a rate limit)',
    schema: { type: 'integer', minimum: 0 },
  },
  'Retry-After': {
    description:
      'Seconds to wait before retrying. Always on 429; on 503 when the condition is passing (QueueUnavailable, ReplicationTimeout, ServerBusy, a cluster rate limiting)',
    schema: { type: 'integer', minimum: 0 },
  },
  'WWW-Authenticate': {
    description:
      'The Bearer challenge (RFC 6750): `Bearer realm="eks-jobs"`, with `error="invalid_token"` for an unknown key',
    required: true,
    schema: { type: 'string', example: 'Bearer realm="eks-jobs"' },
  },
  Location: {
    description:
      'Where the answer points. 202 and a `Prefer: wait` 200: the operation, `/v1/operations/{id}` (a batch: `/v1/batches/{id}`); 201: the created object; 303: the page to go to',
    required: true,
    schema: { type: 'string', example: '/v1/operations/op-3d9f6c1e' },
  },
  'Content-Location': {
    description: 'The operation this answer shows, `/v1/operations/{id}`',
    required: true,
    schema: { type: 'string', example: '/v1/operations/op-3d9f6c1e' },
  },
  'Idempotent-Replayed': {
    description: '`true` when an earlier request with the same `Idempotency-Key` made this operation',
    schema: { type: 'string', enum: ['true'] },
  },
  'Preference-Applied': {
    description: 'With `Prefer: wait=N`: the wait the server applied, `wait=N`',
    schema: { type: 'string', example: 'wait=30' },
  },
  ETag: {
    description:
      'A template’s newest revision, quoted (`"3"`); send it back in `If-Match` to revise or delete only that one',
    required: true,
    schema: { type: 'string', example: '"3"' },
  },
  'X-Pod-Name': {
    description: 'The pod whose log this is',
    required: true,
    schema: { type: 'string' },
  },
} as const;

export type ResponseHeaderName = keyof typeof RESPONSE_HEADERS;

/** Puts {@link RESPONSE_HEADERS} in the document's `components.headers`. */
// biome-ignore lint/suspicious/noExplicitAny: registers on an app of any Env.
export function registerResponseHeaders(app: OpenAPIHono<any>): void {
  for (const [name, header] of Object.entries(RESPONSE_HEADERS)) {
    app.openAPIRegistry.registerComponent('headers', name, header as never);
  }
}

/** `X-Request-Id` (every answer carries it) and the named headers, as references. */
export function responseHeaders(...names: ResponseHeaderName[]) {
  return Object.fromEntries(
    [...new Set<ResponseHeaderName>(['X-Request-Id', ...names])].map((name) => [
      name,
      { $ref: `#/components/headers/${name}` },
    ]),
  );
}

/** What a request with an API key is answered with besides `X-Request-Id`. */
const KEYED: ResponseHeaderName[] = ['RateLimit-Limit', 'RateLimit-Remaining'];

/** Headers of an answer that carries an operation (`src/api/submit.ts`, `respondWithOperation`). */
export const OPERATION_HEADERS: ResponseHeaderName[] = [
  'Location',
  'Content-Location',
  'Idempotent-Replayed',
  'Preference-Applied',
];

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed JSON or a bad query',
  401: 'Missing or unknown API key',
  403: 'The API key may not do this',
  404: 'Not found (route, cluster, namespace, job, operation, batch or template; templates on a server without DATABASE_URL)',
  405: 'Method not allowed',
  409: 'Conflict with the current state',
  412: 'If-Match names another revision than the current one',
  413: 'Body larger than MAX_BODY_BYTES',
  415: 'Body is not application/json',
  422: 'Validation failed; details.issues lists every problem',
  429: 'Queue full or rate limited; see Retry-After',
  502: 'The cluster answered with an error',
  503: 'Queue (Redis), database or cluster unavailable; see Retry-After',
};

/** The headers an error status comes with, besides `X-Request-Id`. */
function errorHeaders(status: number, keyed: boolean): ResponseHeaderName[] {
  if (status === 401) return ['WWW-Authenticate'];
  if (status === 429) return keyed ? ['Retry-After', ...KEYED] : ['Retry-After'];
  if (status === 503) return ['Retry-After'];
  return [];
}

function errorResponse(status: number | '4XX', keyed: boolean) {
  return {
    description:
      status === '4XX'
        ? 'Any other refusal (e.g. 400 for a path the URL parser would rewrite); `error.code` says which'
        : (ERROR_DESCRIPTIONS[status] ?? 'Error'),
    headers: responseHeaders(...(status === '4XX' ? [] : errorHeaders(status, keyed))),
    content: { 'application/json': { schema: ErrorSchema } },
  };
}

/**
 * Error responses in the one envelope, for the given statuses and `4XX` for any other refusal,
 * each with the headers it is sent with, on a route that takes an API key.
 */
export function errorResponses(...statuses: number[]) {
  return Object.fromEntries([
    ...statuses.map((s) => [s, errorResponse(s, true)] as const),
    ['4XX', errorResponse('4XX', true)] as const,
  ]);
}

/**
 * Error responses of an open route (no key): `429` when the route is under the per-address limit
 * of keyless traffic (`ANONYMOUS_RATE_LIMIT`; the probes are not), and `4XX`.
 */
export function openRouteErrors(options: { anonymousLimit: boolean }) {
  return Object.fromEntries([
    ...(options.anonymousLimit ? [[429, errorResponse(429, false)] as const] : []),
    ['4XX', errorResponse('4XX', false)] as const,
  ]);
}

/** The error statuses every authenticated route can answer. */
export const COMMON_ERRORS = [401, 403, 404, 405, 429, 503] as const;

/** The API key (a bearer token): every route but the open ones. */
export const security = [{ apiKey: [] }];

/** An open route: no key, and a key sent anyway is not needed. */
export const noSecurity: Array<Record<string, string[]>> = [];

/**
 * `application/json` content of `schema` on a route that takes an API key: with `X-Request-Id`,
 * the key's rate-limit headers and the named `headers`.
 */
export function json<T extends z.ZodType>(
  schema: T,
  description: string,
  headers: ResponseHeaderName[] = [],
) {
  return {
    description,
    headers: responseHeaders(...KEYED, ...headers),
    content: { 'application/json': { schema } },
  };
}

/** `application/json` content of `schema` on an open route: with `X-Request-Id` only. */
export function openJson<T extends z.ZodType>(schema: T, description: string) {
  return { description, headers: responseHeaders(), content: { 'application/json': { schema } } };
}
