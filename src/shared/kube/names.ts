import { createHash, randomInt } from 'node:crypto';

/**
 * The alphabet Kubernetes uses for `generateName` suffixes (`k8s.io/apimachinery` `util/rand`):
 * no vowels and no look-alike characters, so generated names never spell words.
 */
export const NAME_SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** Length of the random suffix Kubernetes appends to `generateName`. */
export const NAME_SUFFIX_LENGTH = 5;

/** Longest object name Kubernetes accepts for a DNS-1123 subdomain. */
export const MAX_SUBDOMAIN_LENGTH = 253;

/** Longest DNS-1123 label (namespace names, and Job names, whose name becomes a pod label value). */
export const MAX_LABEL_LENGTH = 63;

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Why `name` is not a valid DNS-1123 label, or `undefined` when it is. */
export function dns1123LabelError(name: string): string | undefined {
  if (name.length === 0) return 'must not be empty';
  if (name.length > MAX_LABEL_LENGTH) return `must be no more than ${MAX_LABEL_LENGTH} characters`;
  if (!DNS1123_LABEL.test(name)) {
    return "must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
  }
  return undefined;
}

/** Why `name` is not a valid DNS-1123 subdomain, or `undefined` when it is. */
export function dns1123SubdomainError(name: string): string | undefined {
  if (name.length === 0) return 'must not be empty';
  if (name.length > MAX_SUBDOMAIN_LENGTH) return `must be no more than ${MAX_SUBDOMAIN_LENGTH} characters`;
  if (!DNS1123_SUBDOMAIN.test(name)) {
    return "must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
  }
  return undefined;
}

/** A random source returning an integer in `[0, max)`; injectable so tests are deterministic. */
export type RandomInt = (max: number) => number;

/** How generated names end: `length` characters of `alphabet`. */
export interface NameSuffix {
  alphabet: string;
  length: number;
}

/** Kubernetes' own suffix: five characters of {@link NAME_SUFFIX_ALPHABET}. */
export const DEFAULT_NAME_SUFFIX: Readonly<NameSuffix> = Object.freeze({
  alphabet: NAME_SUFFIX_ALPHABET,
  length: NAME_SUFFIX_LENGTH,
});

/**
 * Resolves `generateName` to a final name the way the API server would: the prefix, cut so
 * the result fits `maxLength`, plus the suffix (five characters of {@link NAME_SUFFIX_ALPHABET};
 * tests shrink it to force collisions). The API decides the name before enqueueing so a retried
 * create can never make a second object.
 * @defaultValue maxLength {@link MAX_LABEL_LENGTH}
 */
export function resolveGenerateName(
  prefix: string,
  random: RandomInt = randomInt,
  maxLength: number = MAX_LABEL_LENGTH,
  suffix: Readonly<NameSuffix> = DEFAULT_NAME_SUFFIX,
): string {
  const base = prefix.slice(0, maxLength - suffix.length);
  let end = '';
  for (let i = 0; i < suffix.length; i++) end += suffix.alphabet[random(suffix.alphabet.length)];
  return base + end;
}

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

/** Why `key` is not a valid label (or annotation) key — `[prefix/]name` — or `undefined` when it is. */
export function labelKeyError(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if ((prefix !== undefined && dns1123SubdomainError(prefix)) || name.length > 63 || !LABEL_NAME.test(name)) {
    return 'invalid label key';
  }
  return undefined;
}

/** Why `value` is not a valid label value, or `undefined` when it is. */
export function labelValueError(value: string): string | undefined {
  if (value.length > 63 || !LABEL_VALUE.test(value)) {
    return "label values are at most 63 characters: alphanumerics, '-', '_' or '.', alphanumeric at both ends";
  }
  return undefined;
}

/** Why `name` cannot be a Job name (a DNS-1123 subdomain that also fits a label value), or `undefined`. */
export function jobNameError(name: string): string | undefined {
  if (name.length > MAX_LABEL_LENGTH) return `must be no more than ${MAX_LABEL_LENGTH} characters`;
  const problem = dns1123SubdomainError(name);
  return problem ? `a Job name ${problem}` : undefined;
}

/**
 * A deterministic {@link RandomInt} drawn from SHA-256 of `seed`: the API seeds `generateName`
 * with the operation id, so every request that enqueues under one id (an `Idempotency-Key`
 * retry, a takeover after a failure) builds the very same command, name included.
 */
export function seededRandomInt(seed: string): RandomInt {
  let block = 0;
  let bytes = createHash('sha256').update(seed).digest();
  let at = 0;
  return (max) => {
    if (at + 4 > bytes.length) {
      block += 1;
      bytes = createHash('sha256').update(`${seed}\n${block}`).digest();
      at = 0;
    }
    const n = bytes.readUInt32BE(at);
    at += 4;
    return n % max;
  };
}
