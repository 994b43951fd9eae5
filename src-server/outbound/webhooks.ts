import { newId } from '../../src-shared/events/ids'
import type { Actor } from '../../src-shared/incident/roles'
import { newSecret } from '../auth/sessions'
import { toIso, toNullableNumber, toNumber, type Queryable } from '../db/database'
import { notFound } from '../http/errors'
import { headSeq } from '../sync/eventLog'
import type { Webhook, WebhookDelivery } from '../../src-shared/outbound/webhooks'

/**
 * Webhooks: URLs an admin registers for event types of the log. Each gets every matching event
 * accepted after its registration (fanOut.ts), signed with its secret (signature.ts), at least
 * once (dispatcher.ts). Security incidents' events go only to a webhook registered to receive
 * them: a receiver is outside the security group unless an admin says otherwise.
 */
export type { DeliveryAttempt, Webhook, WebhookDelivery } from '../../src-shared/outbound/webhooks'

interface WebhookRow {
  id: string
  url: string
  description: string
  event_types: string[]
  include_security: boolean
  active: boolean
  created_at: unknown
}

const COLUMNS = 'id, url, description, event_types, include_security, active, created_at'

function toWebhook(row: WebhookRow): Webhook {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    eventTypes: row.event_types,
    includeSecurity: row.include_security,
    active: row.active,
    createdAt: toIso(row.created_at),
  }
}

export async function listWebhooks(db: Queryable): Promise<Webhook[]> {
  return (await db.query<WebhookRow>(`SELECT ${COLUMNS} FROM webhooks ORDER BY created_at`)).map(toWebhook)
}

/** Registered now, it receives the events accepted from now on; its secret is in the answer, this once. */
export async function createWebhook(
  db: Queryable,
  input: { url: string; description?: string; eventTypes: string[]; includeSecurity?: boolean },
  actor: Actor,
  now: Date,
): Promise<{ webhook: Webhook; secret: string }> {
  const secret = newSecret('whsec_')
  const [row] = await db.query<WebhookRow>(
    `INSERT INTO webhooks (id, url, description, event_types, include_security, secret, active, from_seq, created_by, created_at)
     VALUES ($1, $2, $3, $4::text[], $5, $6, true, $7, $8, $9) RETURNING ${COLUMNS}`,
    [newId(), input.url, input.description?.trim() ?? '', [...new Set(input.eventTypes)], input.includeSecurity ?? false, secret, await headSeq(db), actor.userId, now.toISOString()],
  )
  return { webhook: toWebhook(row!), secret }
}

export async function updateWebhook(db: Queryable, id: string, changes: { active?: boolean; eventTypes?: string[]; url?: string; description?: string }): Promise<Webhook> {
  const [row] = await db.query<WebhookRow>(
    `UPDATE webhooks SET active = coalesce($2, active), event_types = coalesce($3::text[], event_types), url = coalesce($4, url), description = coalesce($5, description)
      WHERE id = $1 RETURNING ${COLUMNS}`,
    [id, changes.active ?? null, changes.eventTypes ? [...new Set(changes.eventTypes)] : null, changes.url ?? null, changes.description?.trim() ?? null],
  )
  if (!row) throw notFound('not_found', 'No webhook has this id.')
  return toWebhook(row)
}

export async function deleteWebhook(db: Queryable, id: string): Promise<void> {
  const rows = await db.query('DELETE FROM webhooks WHERE id = $1 RETURNING id', [id])
  if (rows.length === 0) throw notFound('not_found', 'No webhook has this id.')
}

interface DeliveryRow {
  id: string
  webhook_id: string
  event_id: string
  event_seq: unknown
  incident_id: string
  event_type: string
  status: WebhookDelivery['status']
  attempts: unknown
  next_attempt_at: unknown
  delivered_at: unknown
  last_status: unknown
  last_error: string | null
  log: Array<{ attempt: number; attempted_at: string; status: number | null; error: string | null; duration_ms: number }> | null
}

/** The delivery log: a webhook's latest deliveries, newest first, each with its attempts. */
export async function listDeliveries(db: Queryable, webhookId: string, limit: number): Promise<WebhookDelivery[]> {
  const rows = await db.query<DeliveryRow>(
    `SELECT d.*, (SELECT json_agg(a ORDER BY a.attempt) FROM webhook_attempts a WHERE a.delivery_id = d.id) AS log
       FROM webhook_deliveries d WHERE d.webhook_id = $1 ORDER BY d.event_seq DESC LIMIT $2`,
    [webhookId, limit],
  )
  return rows.map((row) => ({
    id: row.id,
    webhookId: row.webhook_id,
    eventId: row.event_id,
    eventSeq: toNumber(row.event_seq),
    incidentId: row.incident_id,
    eventType: row.event_type,
    status: row.status,
    attempts: toNumber(row.attempts),
    nextAttemptAt: row.status === 'pending' ? toIso(row.next_attempt_at) : null,
    deliveredAt: row.delivered_at === null ? null : toIso(row.delivered_at),
    lastStatus: toNullableNumber(row.last_status),
    lastError: row.last_error,
    log: (row.log ?? []).map((attempt) => ({ attempt: attempt.attempt, at: toIso(attempt.attempted_at), status: attempt.status, error: attempt.error, durationMs: attempt.duration_ms })),
  }))
}

/** A delivery that gave up, queued again now (the receiver is fixed); its attempts start over. */
export async function retryDelivery(db: Queryable, webhookId: string, deliveryId: string, now: Date): Promise<void> {
  const rows = await db.query(
    `UPDATE webhook_deliveries SET status = 'pending', attempts = 0, next_attempt_at = $3 WHERE id = $2 AND webhook_id = $1 AND status = 'failed' RETURNING id`,
    [webhookId, deliveryId, now.toISOString()],
  )
  if (rows.length === 0) throw notFound('not_found', 'No failed delivery of this webhook has this id.')
}
