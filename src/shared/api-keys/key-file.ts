import { z } from 'zod';
import { ConfigError } from '../config.js';
import { readJsonFile } from '../config-file.js';
import { API_KEY_PREFIX } from '../redact.js';
import { API_KEY_HASH_SHAPE, bearerToken, hashApiKey, hashesEqual, looksLikeApiKey } from './key-format.js';
import { keyPolicySchema } from './key-policy.js';
import type { KeyScopes, Principal, RateLimit } from './scopes.js';

/** A name or glob pattern of a key's `clusters` or `namespaces` (and of a template's namespaces). */
export const scopePattern = z
  .string()
  .min(1, 'expected a non-empty name or glob pattern')
  .max(253)
  .regex(/^[A-Za-z0-9*?._-]+$/, 'expected letters, digits, ., _, -, * or ?');

const scopesSchema = z.strictObject({
  clusters: z.array(scopePattern, { message: 'expected a list of cluster names or patterns, e.g. ["*"]' }),
  namespaces: z.array(scopePattern, { message: 'expected a list of namespace patterns, e.g. ["team-*"]' }),
  namespaceCreate: z.boolean().default(false),
  namespaceDelete: z.boolean().default(false),
  systemNamespaces: z
    .union([z.boolean(), z.array(z.enum(['kube-system', 'kube-public', 'kube-node-lease']))], {
      message: 'expected true, false or a list of kube-system, kube-public, kube-node-lease',
    })
    .default(false),
  admin: z.boolean().default(false),
  templateWrite: z.boolean().default(false),
});

const rateLimitSchema = z.strictObject({
  // The sliding-window log keeps one sorted-set entry per accepted request in the window.
  requests: z.number().int().positive().max(100_000),
  perSeconds: z.number().int().positive().max(86_400),
});

/** One key in API_KEYS_FILE. Only the SHA-256 of the key is stored. */
export const apiKeyEntrySchema = z.strictObject({
  id: z
    .string()
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/,
      'expected 1–63 letters, digits, ., _ or -, starting alphanumeric',
    ),
  hash: z
    .string()
    .refine((h) => !h.startsWith(API_KEY_PREFIX), {
      message: 'holds an API key itself; store only its SHA-256 (npm run keys -- hash)',
    })
    .refine((h) => API_KEY_HASH_SHAPE.test(h), {
      message: 'expected the SHA-256 of the key as 64 lower-case hex characters',
    }),
  scopes: scopesSchema,
  rateLimit: rateLimitSchema.optional(),
  /** What the key may run; see key-policy.ts. @defaultValue baseline pods, service account `default` */
  policy: keyPolicySchema.prefault({}),
  description: z.string().max(500).optional(),
  /**
   * Signs the webhooks of this key's callbacks (Standard Webhooks: `whsec_` + base64 of 24–64
   * random bytes); a key without one may not ask for callbacks. Created by `npm run keys`.
   */
  webhookSecret: z
    .string()
    .regex(/^whsec_[A-Za-z0-9+/]{32,88}={0,2}$/, 'expected whsec_ followed by base64 of 24–64 bytes')
    .optional(),
  createdAt: z.string().optional(),
});

/** The whole API_KEYS_FILE: `{ "keys": [ … ] }`. */
export const apiKeysFileSchema = z.strictObject({ keys: z.array(apiKeyEntrySchema) });

export type ApiKeyEntry = z.input<typeof apiKeyEntrySchema>;

/** Known keys by hash. Never holds a key itself. */
export interface ApiKeyStore {
  /** Number of keys loaded. */
  readonly size: number;
  /** The principal of a presented key, or undefined when the key is unknown or malformed. */
  lookup(key: string): Principal | undefined;
  /** The principal of an `Authorization` header value, or undefined. */
  lookupAuthorization(header: string | undefined): Principal | undefined;
  /** The webhook secret (`whsec_…`) of the key with this id, if it has one. Never log it. */
  webhookSecretOf(id: string): string | undefined;
  /**
   * The key with this id — its principal and stored hash — while it is in the store: what a
   * session bound to a key checks at each request, so it ends when the key is removed or rotated.
   */
  byId(id: string): { principal: Principal; hash: string } | undefined;
}

interface StoredKey {
  hash: string;
  principal: Principal;
}

/**
 * Validates the parsed content of an API keys file and builds the lookup. Throws
 * {@link ConfigError} with one line per problem, each naming the variable and the entry.
 */
export function parseApiKeys(content: unknown, source = 'API_KEYS_FILE'): ApiKeyStore {
  const result = apiKeysFileSchema.safeParse(content);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map(
        (issue) => `${source}: ${formatPath(issue.path) || '(file)'}: ${issue.message}`,
      ),
    );
  }
  const byHash = new Map<string, StoredKey>();
  const secrets = new Map<string, string>();
  const ids = new Set<string>();
  const problems: string[] = [];
  result.data.keys.forEach((entry, i) => {
    if (ids.has(entry.id))
      problems.push(`${source}: keys[${i}].id: duplicate id ${JSON.stringify(entry.id)}`);
    if (byHash.has(entry.hash)) problems.push(`${source}: keys[${i}].hash: the same key is listed twice`);
    ids.add(entry.id);
    if (entry.webhookSecret) secrets.set(entry.id, entry.webhookSecret);
    const scopes: KeyScopes = { ...entry.scopes };
    const rateLimit: RateLimit | undefined = entry.rateLimit;
    byHash.set(entry.hash, {
      hash: entry.hash,
      principal: Object.freeze({
        id: entry.id,
        scopes,
        policy: entry.policy,
        ...(rateLimit ? { rateLimit } : {}),
        ...(entry.webhookSecret ? { webhooks: true } : {}),
      }),
    });
  });
  if (problems.length) throw new ConfigError(problems);
  return storeOf(byHash, secrets);
}

/** Reads and validates the file named by API_KEYS_FILE; refuses one every user may read or write. */
export function loadApiKeysFile(path: string): ApiKeyStore {
  return parseApiKeys(readJsonFile('API_KEYS_FILE', path, { secret: true }));
}

/** A store with no keys: every request is refused. */
export function emptyApiKeyStore(): ApiKeyStore {
  return storeOf(new Map(), new Map());
}

function storeOf(byHash: Map<string, StoredKey>, secrets: Map<string, string>): ApiKeyStore {
  const byId = new Map([...byHash.values()].map((stored) => [stored.principal.id, stored]));
  const lookup = (key: string): Principal | undefined => {
    if (!looksLikeApiKey(key)) return undefined;
    const hash = hashApiKey(key);
    const stored = byHash.get(hash);
    // The map finds the candidate by digest; the final comparison is constant-time anyway.
    return stored && hashesEqual(stored.hash, hash) ? stored.principal : undefined;
  };
  return {
    size: byHash.size,
    lookup,
    lookupAuthorization: (header) => {
      const token = bearerToken(header);
      return token === undefined ? undefined : lookup(token);
    },
    webhookSecretOf: (id) => secrets.get(id),
    byId: (id) => byId.get(id),
  };
}

function formatPath(path: PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join('');
}
