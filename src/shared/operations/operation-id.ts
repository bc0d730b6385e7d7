import { createHash, randomBytes } from 'node:crypto';

// Crockford base32, lowercase: URL-safe, no ambiguous letters, and valid in a Kubernetes label value.
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const TAG_LENGTH = 6;

/** Shape of every operation id: `op_` + 26-char ULID + 6-char cluster tag. */
export const OPERATION_ID_PATTERN = /^op_[0-9a-hjkmnp-tv-z]{32}$/;

/** The low `chars * 5` bits of the big-endian number in `bytes`, in {@link ALPHABET}, most significant first. */
function encode(bytes: Uint8Array, chars: number): string {
  // Five bits at a time from the least significant end; plain numbers, no BigInt (this runs per submit).
  let out = '';
  let acc = 0;
  let bits = 0;
  let next = bytes.length - 1;
  for (let i = 0; i < chars; i++) {
    while (bits < 5 && next >= 0) {
      acc |= bytes[next--]! << bits;
      bits += 8;
    }
    out = ALPHABET[acc & 31]! + out;
    acc >>>= 5;
    bits -= 5;
  }
  return out;
}

/**
 * The 6-character tag of `cluster` embedded in its operation ids, so an id alone finds its
 * queue without an index in Redis. 30 bits of SHA-256: collisions among the handful of
 * configured clusters are checked at start ({@link createClusterTagIndex}).
 */
export function clusterTag(cluster: string): string {
  let tag = tags.get(cluster);
  if (tag === undefined) {
    tag = encode(createHash('sha256').update(cluster).digest().subarray(0, 4), TAG_LENGTH);
    // The configured clusters are a handful; anything else (ids of unknown clusters) is not kept.
    if (tags.size < 1024) tags.set(cluster, tag);
  }
  return tag;
}
const tags = new Map<string, string>();

/** Random bytes drawn 4 KiB at a time: one system call per ~400 ids instead of one per id. */
const pool = { bytes: Buffer.alloc(0), at: 0 };
function random10(): Uint8Array {
  if (pool.at + 10 > pool.bytes.length) {
    pool.bytes = randomBytes(4096);
    pool.at = 0;
  }
  pool.at += 10;
  return pool.bytes.subarray(pool.at - 10, pool.at);
}

/**
 * A new operation id for `cluster`: `op_` + a ULID (time-ordered, 80 random bits) + the
 * cluster's tag. 35 characters, URL-safe, and a valid Kubernetes label value (it is put in
 * the `eks-jobs/operation` label of created objects).
 *
 * @param now - clock, injectable for tests. @defaultValue Date.now()
 */
export function newOperationId(cluster: string, now: number = Date.now()): string {
  const time = Buffer.alloc(6);
  time.writeUIntBE(now, 0, 6);
  return `op_${encode(time, 10)}${encode(random10(), 16)}${clusterTag(cluster)}`;
}

/** 130 bits of SHA-256 of a request's identity: who sent it, its `Idempotency-Key`, its fingerprint. */
function requestDigest(principal: string, key: string, fingerprint: string): string {
  return encode(
    createHash('sha256').update(`${principal}\n${key}\n${fingerprint}`).digest().subarray(0, 17),
    26,
  );
}

/**
 * The operation id a request with an `Idempotency-Key` stands for: `op_` + 26 characters of its
 * digest (principal, key, request fingerprint) + the cluster's tag — the shape of every id, but
 * derived instead of drawn, and so not time-ordered. Derived because the key's claim in Redis can
 * be lost with the operation (a failover to a replica that never had them): a retry then enqueues
 * the same id, its `generateName` draws the same name, and the worker meets its own Job (409, our
 * operation label) instead of making a second one. A different body under the same key is another
 * request, with another id.
 */
export function idempotentOperationId(
  cluster: string,
  principal: string,
  key: string,
  fingerprint: string,
): string {
  return `op_${requestDigest(principal, key, fingerprint)}${clusterTag(cluster)}`;
}

/** The batch id of a batch request with an `Idempotency-Key`: derived as {@link idempotentOperationId} is, for the same reason. */
export function idempotentBatchId(principal: string, key: string, fingerprint: string): string {
  return `batch_${requestDigest(principal, key, fingerprint)}`;
}

/**
 * When operation `id` was made (epoch ms, from its ULID part), or undefined when it is not an
 * operation id. Meaningless for an id derived from an `Idempotency-Key` ({@link idempotentOperationId}).
 */
export function operationIdTime(id: string): number | undefined {
  if (!isOperationId(id)) return undefined;
  let ms = 0;
  for (const ch of id.slice(3, 13)) ms = ms * 32 + ALPHABET.indexOf(ch);
  return ms;
}

/** Whether `id` has the shape of an operation id. */
export function isOperationId(id: string): boolean {
  return OPERATION_ID_PATTERN.test(id);
}

/**
 * Maps operation ids to configured cluster names.
 * @throws Error when two configured clusters share a tag (astronomically unlikely; rename one).
 */
export function createClusterTagIndex(clusters: readonly string[]): (id: string) => string | undefined {
  const byTag = new Map<string, string>();
  for (const cluster of clusters) {
    const tag = clusterTag(cluster);
    const other = byTag.get(tag);
    if (other !== undefined && other !== cluster) {
      throw new Error(`clusters "${other}" and "${cluster}" share operation id tag ${tag}; rename one`);
    }
    byTag.set(tag, cluster);
  }
  return (id) => (isOperationId(id) ? byTag.get(id.slice(-TAG_LENGTH)) : undefined);
}

/**
 * The operation id of item `index` of batch `batchId` (a `batch_` + ULID id): the batch's time,
 * 80 bits of SHA-256 of the batch id and index, the cluster's tag. Every request that enqueues
 * one batch (an `Idempotency-Key` retry after a failure included) derives the same ids, so
 * BullMQ's one-job-per-id keeps the batch from being enqueued twice.
 */
export function batchOperationId(cluster: string, batchId: string, index: number): string {
  const time = batchId.slice(6, 16);
  const random = createHash('sha256').update(`${batchId}\n${index}`).digest().subarray(0, 10);
  return `op_${time}${encode(random, 16)}${clusterTag(cluster)}`;
}
