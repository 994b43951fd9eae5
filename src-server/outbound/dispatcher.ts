import type { IncidentEvent } from '../../src-shared/events/events'
import type { Incident } from '../../src-shared/incident/incident'
import type { Database } from '../db/database'
import { SIGNATURE_HEADER, signatureHeader } from './signature'

/**
 * Sends the queued webhook deliveries that are due, at least once each:
 *
 * - claimed with `FOR UPDATE SKIP LOCKED` and leased (their next attempt pushed past the send's
 *   timeout) in one statement, so instances never send one delivery at the same moment, and a
 *   crash mid-send leaves it to be sent again when the lease runs out;
 * - sent with the event id as `Idempotency-Key`: a receiver that saw a delivery whose answer was
 *   lost recognises the retry;
 * - a 2xx marks it delivered; anything else is retried with exponential backoff and jitter, up to
 *   {@link MAX_ATTEMPTS} attempts (about a day), then marked failed, which an admin can queue again;
 * - every attempt is written to the delivery log (status, error, duration).
 */
export const MAX_ATTEMPTS = 12

/** How long one receiver has to answer. */
export const DELIVERY_TIMEOUT_MS = 10_000

/** Deliveries sent per round, in parallel. */
const BATCH = 200

/** 5 s, 10 s, 20 s… capped at an hour, each ±20 %: receivers that come back are not all hit at once. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(5_000 * 2 ** (attempt - 1), 60 * 60 * 1000)
  return Math.round(base * (0.8 + 0.4 * random()))
}

export interface DispatchRound {
  delivered: number
  retried: number
  failed: number
}

interface Claimed {
  id: string
  attempts: number
  url: string
  secret: string
  event: IncidentEvent
  event_seq: unknown
  incident: Pick<Incident, 'id' | 'number' | 'state' | 'priority' | 'shortDescription' | 'assignmentGroup'> | null
}

export async function dispatchDue(database: Database, now: () => Date, send: typeof fetch = fetch): Promise<DispatchRound> {
  const start = now()
  const lease = new Date(start.getTime() + DELIVERY_TIMEOUT_MS * 2).toISOString()
  const claimed = await database.query<Claimed>(
    `WITH due AS (
       SELECT id FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= $1 ORDER BY next_attempt_at, event_seq LIMIT $2 FOR UPDATE SKIP LOCKED
     ), leased AS (
       UPDATE webhook_deliveries d SET attempts = d.attempts + 1, next_attempt_at = $3 FROM due WHERE d.id = due.id
       RETURNING d.id, d.attempts, d.webhook_id, d.event_id, d.event_seq, d.incident_id
     )
     SELECT l.id, l.attempts, w.url, w.secret, e.body AS event, l.event_seq,
            jsonb_build_object('id', i.id, 'number', i.number, 'state', i.body->'state', 'priority', i.body->'priority',
                               'shortDescription', i.body->'shortDescription', 'assignmentGroup', i.body->'assignmentGroup') AS incident
       FROM leased l JOIN webhooks w ON w.id = l.webhook_id JOIN events e ON e.id = l.event_id LEFT JOIN incidents i ON i.id = l.incident_id`,
    [start.toISOString(), BATCH, lease],
  )
  const round: DispatchRound = { delivered: 0, retried: 0, failed: 0 }
  if (claimed.length === 0) return round
  const outcomes = await Promise.all(claimed.map((delivery) => attempt(delivery, now, send)))
  const at = now()
  const rows = claimed.map((delivery, index) => {
    const outcome = outcomes[index]!
    const attempts = Number(delivery.attempts)
    const status = outcome.ok ? 'delivered' : attempts >= MAX_ATTEMPTS ? 'failed' : 'pending'
    round[status === 'delivered' ? 'delivered' : status === 'failed' ? 'failed' : 'retried'] += 1
    return {
      id: delivery.id,
      status,
      next_attempt_at: new Date(at.getTime() + (status === 'pending' ? backoffMs(attempts) : 0)).toISOString(),
      last_status: outcome.status,
      last_error: outcome.error,
      delivered_at: outcome.ok ? at.toISOString() : null,
      attempted_at: outcome.startedAt.toISOString(),
      duration_ms: outcome.durationMs,
    }
  })
  // The round's outcomes and its lines of the delivery log in one statement.
  await database.query(
    `WITH outcome AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS o(id uuid, status text, next_attempt_at timestamptz, last_status integer, last_error text, delivered_at timestamptz, attempted_at timestamptz, duration_ms integer)
     ), updated AS (
       UPDATE webhook_deliveries d SET status = o.status, next_attempt_at = o.next_attempt_at, last_status = o.last_status, last_error = o.last_error, delivered_at = o.delivered_at
         FROM outcome o WHERE d.id = o.id RETURNING d.id
     )
     INSERT INTO webhook_attempts (delivery_id, attempt, attempted_at, status, error, duration_ms)
     SELECT o.id, coalesce((SELECT max(a.attempt) FROM webhook_attempts a WHERE a.delivery_id = o.id), 0) + 1, o.attempted_at, o.last_status, o.last_error, o.duration_ms
       FROM outcome o JOIN updated u ON u.id = o.id`,
    [JSON.stringify(rows)],
  )
  return round
}

interface AttemptOutcome {
  ok: boolean
  status: number | null
  error: string | null
  startedAt: Date
  durationMs: number
}

async function attempt(delivery: Claimed, now: () => Date, send: typeof fetch): Promise<AttemptOutcome> {
  const startedAt = now()
  const begun = performance.now()
  const body = JSON.stringify({
    id: delivery.event.id,
    type: delivery.event.type,
    seq: Number(delivery.event_seq),
    occurredAt: delivery.event.occurredAt,
    // The incident as it stands when delivered; the event itself never changes.
    incident: delivery.incident,
    event: delivery.event,
  })
  const timestamp = Math.floor(startedAt.getTime() / 1000)
  try {
    const response = await send(delivery.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'IncidentDesk-Webhooks/1',
        'idempotency-key': delivery.event.id,
        'x-incident-desk-event': delivery.event.type,
        'x-incident-desk-delivery': delivery.id,
        [SIGNATURE_HEADER]: signatureHeader(delivery.secret, timestamp, body),
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    })
    // The body is not needed; reading it frees the connection.
    await response.arrayBuffer().catch(() => undefined)
    const ok = response.status >= 200 && response.status < 300
    return { ok, status: response.status, error: ok ? null : `The receiver answered ${response.status}.`, startedAt, durationMs: Math.round(performance.now() - begun) }
  } catch (error) {
    const reason = error instanceof Error && error.name === 'TimeoutError' ? `No answer within ${DELIVERY_TIMEOUT_MS / 1000} s.` : `Could not reach the receiver: ${error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error)}`
    return { ok: false, status: null, error: reason.slice(0, 500), startedAt, durationMs: Math.round(performance.now() - begun) }
  }
}
