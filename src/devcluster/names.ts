import { randomInt } from 'node:crypto';

/** The alphabet of generated name suffixes (k8s.io/apimachinery/pkg/util/rand): no vowels, no confusable digits. */
const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/** `prefix` + 5 random characters, as the API server does for `generateName`. */
export function generateName(prefix: string): string {
  let out = prefix;
  for (let i = 0; i < 5; i++) out += ALPHANUMS[randomInt(ALPHANUMS.length)];
  return out;
}
