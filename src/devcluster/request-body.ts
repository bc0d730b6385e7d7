/**
 * Request bodies: reading them (with the API server's size limit), decoding JSON or protobuf by
 * content type, and the shape checks every write makes before looking at fields.
 */
import type { IncomingMessage } from 'node:http';
import type { Verb } from './faults.js';
import { decodeProtobufObject, ProtobufDecodeError, type Schema } from './protobuf.js';
import * as S from './status.js';

const MAX_BODY_BYTES = 3 * 1024 * 1024;
const JSON_TYPES = new Set(['application/json', '']);
const PROTOBUF_TYPE = 'application/vnd.kubernetes.protobuf';
/** The media type of a server-side apply patch. */
export const APPLY_PATCH_TYPE = 'application/apply-patch+yaml';
/** In the order the API server lists them (apiserver/pkg/endpoints/installer.go). */
const PATCH_TYPES = new Set([
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
  APPLY_PATCH_TYPE,
]);

/** True for a plain object (not null, not an array). */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The body as an object with an object `metadata` (copied, so callers may change it), or 400. */
export function requireObject(
  body: unknown,
): Record<string, unknown> & { metadata: Record<string, unknown> } {
  if (!isObject(body))
    throw new S.StatusError(S.badRequest('the object provided is unrecognized (must be of type Object)'));
  if (body.metadata !== undefined && !isObject(body.metadata))
    throw new S.StatusError(S.badRequest('metadata must be an object'));
  return { ...body, metadata: { ...((body.metadata as Record<string, unknown> | undefined) ?? {}) } };
}

/** Reads the whole body; undefined (and the request destroyed) when it is over the size limit. */
export function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        resolve(undefined);
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The media type of a Content-Type header, without parameters, lower-cased. */
export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** Refuses with 415 a write whose content type the verb does not take. */
export function checkContentType(verb: Verb, ctype: string): void {
  if ((verb === 'create' || verb === 'update') && !JSON_TYPES.has(ctype) && ctype !== PROTOBUF_TYPE) {
    throw new S.StatusError(S.unsupportedMediaType(['application/json', PROTOBUF_TYPE]));
  }
  if (verb === 'patch' && !PATCH_TYPES.has(ctype)) {
    throw new S.StatusError(S.unsupportedMediaType([...PATCH_TYPES]));
  }
}

/** The body parsed as JSON (undefined when empty), or 400. */
export function parseJsonBody(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (err) {
    throw new S.StatusError(
      S.badRequest(
        `json: cannot unmarshal request body: ${err instanceof Error ? err.message : String(err)}`,
      ),
    );
  }
}

/**
 * The body of a patch: JSON, except a server-side apply's, which stays text — YAML or JSON,
 * decoded once its options are checked (apply.ts).
 */
export function parsePatchBody(body: Buffer, ctype: string): unknown {
  return ctype === APPLY_PATCH_TYPE ? body.toString('utf8') : parseJsonBody(body);
}

/**
 * The body of a create or update, decoded by content type (protobuf with `schemas`, when given).
 * A real server also takes YAML (and CBOR behind a feature gate); kubectl's typed clients
 * (`create namespace`, `create job`, `auth can-i`) post protobuf and do not fall back to JSON.
 */
export function parseObjectBody(body: Buffer, ctype: string, schemas?: Record<string, Schema>): unknown {
  if (ctype !== PROTOBUF_TYPE) return parseJsonBody(body);
  try {
    return decodeProtobufObject(body, schemas);
  } catch (err) {
    if (!(err instanceof ProtobufDecodeError)) throw err;
    throw new S.StatusError(
      err.unsupported
        ? { ...S.unsupportedMediaType(['application/json']), message: err.message }
        : S.badRequest(`the object provided is unrecognized: ${err.message}`),
    );
  }
}
