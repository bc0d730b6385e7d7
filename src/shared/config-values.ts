import { z } from 'zod';

/** The value types of configuration variables, shared by `config.ts` and `redis-config.ts`. */

/** `true/false/1/0` only: `z.coerce.boolean()` would read `"false"` as true. */
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
