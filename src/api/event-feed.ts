/**
 * The live event feed behind `GET /v1/events` (placeholder interface; the implementation reads
 * the event log of src/shared/events/event-log.ts).
 */
export interface EventFeed {
  /** Ends every open stream (on shutdown) and stops reading the log. */
  close(): Promise<void>;
}
