import { createHash } from 'node:crypto';

/** The Redis key marking a callback (a principal's URL) disabled after it answered 410 Gone. */
export function disabledCallbackKey(prefix: string, principal: string, url: string): string {
  const digest = createHash('sha256').update(`${principal}\n${url}`).digest('hex');
  return `${prefix}:webhooks:disabled:${digest}`;
}

/** What a finished delivery job returns (its BullMQ returnvalue). */
export interface DeliveryResult {
  outcome: 'delivered' | 'gone' | 'disabled';
  /** The receiver's HTTP status, when it answered. */
  status?: number;
  attempts: number;
}

/** Set on a delivery's data when it is re-driven: its retry window starts again there. */
export interface RedriveMark {
  redrivenAt?: number;
}
