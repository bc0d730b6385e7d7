import { z } from 'zod';

/**
 * The kinds of value environment variables hold, each parsed and checked once here, so every
 * variable of the same kind reads (and fails) the same way. `config.ts` builds its schema from them.
 */

/** Only `true`, `false`, `1` or `0`: `z.coerce.boolean()` would read `"false"` as true. */
export const strictBoolean = z
  .enum(['true', 'false', '1', '0'], { message: 'expected true, false, 1 or 0' })
  .transform((v) => v === 'true' || v === '1');

export const port = z.coerce
  .number({ message: 'expected a TCP port number' })
  .int('expected a whole number')
  .min(0, 'expected a port from 0 to 65535')
  .max(65535, 'expected a port from 0 to 65535');

export const positiveInt = z.coerce
  .number({ message: 'expected a number' })
  .int('expected a whole number')
  .positive();

/** Durations like `90s`, `15m`, `7d` or a bare number of seconds; parsed to milliseconds. */
export const duration = z
  .string()
  .regex(/^\d+(ms|s|m|h|d)?$/, 'expected a duration such as 30s, 15m, 7d or a number of seconds')
  .transform((v) => {
    const m = /^(\d+)(ms|s|m|h|d)?$/.exec(v)!;
    const n = Number(m[1]);
    const unit = m[2] ?? 's';
    const factor = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[unit]!;
    return n * factor;
  });

export const redisUrl = z
  .string()
  .refine((v) => /^rediss?:\/\/[^\s]+$/.test(v) && URL.canParse(v), 'expected a redis:// or rediss:// URL');

/** A rate as REQUESTS/SECONDS, e.g. `600/60`. */
export const rate = z
  .string()
  .regex(/^\d+\/\d+$/, 'expected REQUESTS/SECONDS, e.g. 600/60')
  .transform((v) => {
    const [requests, perSeconds] = v.split('/').map(Number) as [number, number];
    return { requests, perSeconds };
  })
  .refine((r) => r.requests > 0 && r.perSeconds > 0, 'expected positive numbers, e.g. 600/60');

export const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/** A PostgreSQL connection URL, as node-postgres reads it. */
export const postgresUrl = z
  .string()
  .refine(
    (v) => /^postgres(ql)?:\/\/[^\s]+$/.test(v) && URL.canParse(v),
    'expected a postgres:// or postgresql:// URL, e.g. postgres://user:password@host:5432/eks_jobs',
  );

/** `value` with the password of a URL masked (up to its last `@`), to echo it in a configuration error. */
export function maskUrlPassword(value: string): string {
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:).*@/i, '$1***@');
}
