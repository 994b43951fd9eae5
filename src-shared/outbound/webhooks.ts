/**
 * Webhooks as an admin manages them (server: src-server/outbound/; desk: Administration →
 * Webhooks). A webhook's secret is never part of it: the server shows it once, at registration.
 */
export interface Webhook {
  id: string
  url: string
  description: string
  /** Event types it receives; `*` for all. */
  eventTypes: string[]
  includeSecurity: boolean
  active: boolean
  createdAt: string
}

export interface RegisteredWebhook {
  webhook: Webhook
  /** Shown once: what the receiver verifies signatures with. */
  secret: string
}

export interface CreateWebhookRequest {
  url: string
  description?: string
  eventTypes: string[]
  includeSecurity?: boolean
}

export interface DeliveryAttempt {
  attempt: number
  at: string
  /** The receiver's HTTP status; null when none came (refused, timed out). */
  status: number | null
  error: string | null
  durationMs: number
}

export interface WebhookDelivery {
  id: string
  webhookId: string
  eventId: string
  eventSeq: number
  incidentId: string
  eventType: string
  /** `pending` (queued or between retries), `delivered`, or `failed` (gave up after the last retry). */
  status: 'pending' | 'delivered' | 'failed'
  attempts: number
  nextAttemptAt: string | null
  deliveredAt: string | null
  lastStatus: number | null
  lastError: string | null
  log: DeliveryAttempt[]
}
