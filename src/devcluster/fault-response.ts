/**
 * How an injected fault status is answered: 429 as API Priority and Fairness writes it (plain
 * text, no Status), every other code as the Status the API server would send.
 */
import type { ServerResponse } from 'node:http';
import type { FaultDecision } from './faults.js';
import { send } from './http-response.js';
import * as S from './status.js';

function faultStatus(
  code: number,
  retryAfter: number | undefined,
  message: string | undefined,
): { status: S.Status; headers: Record<string, string> } {
  const headers: Record<string, string> =
    retryAfter !== undefined ? { 'Retry-After': String(retryAfter) } : {};
  let status: S.Status;
  switch (code) {
    case 401:
      status = S.unauthorized();
      break;
    case 429:
      status = S.tooManyRequests(retryAfter ?? 1);
      break;
    case 500:
      status = S.internalError(message ?? 'injected fault');
      break;
    case 503:
      status = S.serviceUnavailable(message ?? 'the server is currently unable to handle the request');
      break;
    case 504:
      status = {
        ...S.serviceUnavailable(
          message ??
            'the server was unable to return a response in the time allotted, but may still be processing the request',
        ),
        code: 504,
        reason: 'Timeout',
      };
      break;
    default:
      status = {
        ...S.internalError(message ?? 'injected fault'),
        code,
        reason: code < 500 ? 'BadRequest' : 'InternalError',
        message: message ?? `injected fault (${code})`,
      };
  }
  if (message !== undefined && code !== 500) status.message = message;
  return { status, headers };
}

/**
 * Answers a fault decision's status: writes the plain-text 429 and returns its code, or throws
 * the StatusError for any other code.
 */
export function answerFault(res: ServerResponse, fault: NonNullable<FaultDecision['status']>): number {
  if (fault.code === 429 && fault.message === undefined) {
    // API Priority and Fairness (what throttles on EKS) rejects with http.Error: plain text,
    // no Status (apiserver pkg/server/filters/priority-and-fairness.go, tooManyRequests).
    send(res, 429, 'Too many requests, please try again later.\n', {
      'X-Content-Type-Options': 'nosniff',
      'Retry-After': String(fault.retryAfterSeconds ?? 1),
    });
    return 429;
  }
  const f = faultStatus(fault.code, fault.retryAfterSeconds, fault.message);
  throw new S.StatusError(f.status, f.headers);
}
