/**
 * SQLSTATE classes and codes that mean the server cannot serve now, whatever the statement:
 * 08 connection exception, 53 insufficient resources (too many connections, out of memory or
 * disk), 57P01–57P03 shutdown / crash recovery, 40001/40P01 a serialization failure or deadlock
 * the next try resolves.
 */
const UNAVAILABLE_STATE = /^(08|53|57P0[1-3]$|40001$|40P01$)/;
/** The socket's error codes when there is no server to talk to (exact and upper case: `TemplateNotFound` is no `ENOTFOUND`). */
const UNAVAILABLE_CODE =
  /^(ECONNREFUSED|ECONNRESET|ECONNABORTED|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|EPIPE)$/;
/** What node-postgres and the socket say in their messages then. */
const UNAVAILABLE_MESSAGE =
  /\b(ECONNREFUSED|ECONNRESET|ECONNABORTED|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|EPIPE)\b|Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|terminating connection|after calling end on the pool/;

/**
 * True when `err` says PostgreSQL is unreachable or cannot serve right now (a retry later may
 * succeed), as opposed to an error of the statement or its data. The one such predicate.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const { code, message } = err as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && UNAVAILABLE_STATE.test(code)) return true;
  if (typeof code === 'string' && UNAVAILABLE_CODE.test(code)) return true;
  return typeof message === 'string' && UNAVAILABLE_MESSAGE.test(message);
}
