import { type Logger, pino, stdSerializers } from 'pino';
import { redactDeep, scrubString } from './redact.js';

export type { Logger } from 'pino';

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  /** pino level. @defaultValue 'info' */
  level?: string;
  /** Pretty, coloured lines for people (`npm run dev`) instead of JSON. @defaultValue false */
  pretty?: boolean;
  /** Base fields on every line, e.g. `{ service: 'api' }`. */
  base?: Record<string, unknown>;
  /** Where to write; tests pass a stream to read what was logged. @defaultValue stdout */
  destination?: NodeJS.WritableStream;
}

/**
 * The service's logger. Every log object and message passes through secret scrubbing, so an
 * `Authorization` header, an API key, an EKS bearer token or AWS credentials never reach the
 * output, however deep they sit in the logged object.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const pinoOptions: pino.LoggerOptions = {
    level: options.level ?? 'info',
    base: options.base ?? null,
    timestamp: pino.stdTimeFunctions.isoTime,
    serializers: { err: stdSerializers.err, error: stdSerializers.err },
    formatters: {
      level: (label) => ({ level: label }),
      log: (object) => redactDeep(object) as Record<string, unknown>,
    },
    hooks: {
      logMethod(args, method) {
        const scrubbed = args.map((a) => (typeof a === 'string' ? scrubString(a) : a));
        return method.apply(this, scrubbed as Parameters<typeof method>);
      },
      // The last net: key- and token-shaped text in the finished line, wherever it came from.
      streamWrite: (line) => scrubString(line),
    },
  };
  const logger = build(pinoOptions, options);
  return withScrubbedBindings(logger);
}

/**
 * pino writes a child's bindings (`logger.child({ requestId, token })`) without the `log`
 * formatter, so they are redacted on the way in. Children inherit the wrapped `child`.
 */
function withScrubbedBindings(logger: Logger): Logger {
  const child = logger.child;
  logger.child = function (this: Logger, bindings, childOptions) {
    return child.call(this, redactDeep(bindings) as typeof bindings, childOptions);
  } as Logger['child'];
  return logger;
}

function build(pinoOptions: pino.LoggerOptions, options: LoggerOptions): Logger {
  if (options.pretty) {
    const transport = pino.transport({
      target: 'pino-pretty',
      options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' },
    });
    return pino(pinoOptions, transport);
  }
  return options.destination ? pino(pinoOptions, options.destination) : pino(pinoOptions);
}
