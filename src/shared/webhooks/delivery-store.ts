/** Webhook deliveries as the API lists and re-drives them (placeholder interface). */
export interface WebhookDeliveryStore {
  close(): Promise<void>;
}
