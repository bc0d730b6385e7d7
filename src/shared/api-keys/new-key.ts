import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { type ApiKeyEntry, apiKeyEntrySchema } from './key-file.js';
import { generateApiKey } from './key-format.js';

/** A freshly generated key and the API_KEYS_FILE entry that admits it. */
export interface NewApiKey {
  /** The key itself: show it once, store it nowhere. */
  key: string;
  /** The entry to add to the `keys` array of API_KEYS_FILE (holds only the hash). */
  entry: z.output<typeof apiKeyEntrySchema>;
}

/** A new Standard Webhooks signing secret: `whsec_` + base64 of 32 random bytes. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/**
 * Generates a key and its validated file entry (with a fresh webhook secret unless one is given); throws the schema's error if the given scopes
 * are invalid. Used by `npm run keys -- create` and by `npm run dev` for its local key.
 */
export function newApiKey(spec: Omit<ApiKeyEntry, 'hash' | 'createdAt'>, now = new Date()): NewApiKey {
  const { key, hash } = generateApiKey();
  const entry = apiKeyEntrySchema.parse({
    webhookSecret: newWebhookSecret(),
    ...spec,
    hash,
    createdAt: now.toISOString(),
  });
  return { key, entry };
}
