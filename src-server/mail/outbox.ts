import type { Transporter } from 'nodemailer'
import { MAIL_INTAKE_ACTOR, type IncidentEvent, type MailTemplateId } from '../../src-shared/events/events'
import type { Incident } from '../../src-shared/incident/incident'
import type { Database } from '../db/database'
import { LOCKS } from '../db/locks'
import { moveCursor, readCursorAndHead } from '../outbound/cursor'
import { backoffMs, MAX_ATTEMPTS } from '../outbound/dispatcher'
import { ServerEventWriter } from '../sync/serverWrites'
import { NOTIFIED_TYPES, notificationFor } from './notifications'
import { mailDomain, type MailSettings } from './settings'
import { listTemplates, render } from './templates'

/**
 * The outgoing mail queue. Like webhooks (outbound/), the log's events are read after a cursor and
 * each notification is queued once (unique per event and template) in the same transaction that
 * moves the cursor; rows are claimed with SKIP LOCKED and a lease, sent, and retried with backoff.
 * A notification is rendered when queued, so a retry sends the same message under the same
 * Message-ID. Every send and failure is written to the incident's log (MailSent, MailFailed), so
 * every desk shows it in the timeline. An update written offline is queued when its desk syncs,
 * and its body says when it was written.
 *
 * At least once: a crash between the relay's acceptance and the row's update sends the message
 * again after the lease; the unchanged Message-ID lets mail systems recognise the copy.
 */
const CURSOR = 'mail'
const PAGE = 1_000
const BATCH = 50
/** A send the relay has not answered within this is a failure (nodemailer's own timeouts are minutes). */
const SEND_TIMEOUT_MS = 30_000

export async function queueNotifications(database: Database, settings: MailSettings, now: Date): Promise<number> {
  return database.transaction(
    async (tx) => {
      const { cursor, head } = await readCursorAndHead(tx, CURSOR)
      const through = Math.min(head, cursor + PAGE)
      let queued = 0
      if (through > cursor) {
        const rows = await tx.query<{ body: IncidentEvent; incident: Incident }>(
          `SELECT e.body, i.body AS incident FROM events e JOIN incidents i ON i.id = e.incident_id
            WHERE e.seq > $1 AND e.seq <= $2 AND e.type = ANY($3::text[]) ORDER BY e.seq`,
          [cursor, through, NOTIFIED_TYPES],
        )
        if (rows.length > 0) {
          const templates = new Map((await listTemplates(tx)).map((template) => [template.id, template]))
          const lists = new Map(
            (await tx.query<{ audience: string; addresses: string[] }>('SELECT audience, addresses FROM mail_lists')).map((row) => [row.audience.toLowerCase(), row.addresses]),
          )
          const threads = new Map(
            (
              await tx.query<{ incident_id: string; message_id: string }>(
                `SELECT DISTINCT ON (incident_id) incident_id, message_id FROM mail_messages WHERE direction = 'in' AND incident_id = ANY($1::uuid[]) ORDER BY incident_id, at`,
                [[...new Set(rows.map((row) => row.incident.id))]],
              )
            ).map((row) => [row.incident_id, row.message_id]),
          )
          for (const { body: event, incident } of rows) {
            const notification = notificationFor(event, incident, lists)
            if (!notification) continue
            const { subject, body } = render(templates.get(notification.template)!, notification.values)
            const messageId = `<${event.id}.${notification.template}@${mailDomain(settings)}>`
            const inserted = await tx.query(
              `INSERT INTO mail_outbox (id, event_id, template, incident_id, recipients, subject, body, message_id, in_reply_to, status, attempts, next_attempt_at, created_at)
               VALUES (gen_random_uuid(), $1, $2, $3, $4::text[], $5, $6, $7, $8, 'pending', 0, $9, $9)
               ON CONFLICT (event_id, template) DO NOTHING RETURNING id`,
              [event.id, notification.template, incident.id, notification.recipients, subject, body, messageId, threads.get(incident.id) ?? null, now.toISOString()],
            )
            if (inserted.length === 0) continue
            queued += 1
            // Replies to it find their incident by this id (intake.ts).
            await tx.query(`INSERT INTO mail_messages (message_id, incident_id, direction, at) VALUES ($1, $2, 'out', $3) ON CONFLICT DO NOTHING`, [messageId, incident.id, now.toISOString()])
          }
        }
        await moveCursor(tx, CURSOR, through)
      }
      return queued
    },
    { advisoryLock: LOCKS.mailFanOut },
  )
}

/**
 * Mail turned on for a log with a past: notifications start with what it accepts from now on,
 * never a flood about years of old incidents. Run when a server with mail settings starts.
 */
export async function startMailCursor(database: Database): Promise<void> {
  await database.query(`INSERT INTO outbound_cursor (name, seq) SELECT $1, coalesce(max(seq), 0) FROM events ON CONFLICT (name) DO NOTHING`, [CURSOR])
}

interface Claimed {
  id: string
  event_id: string
  template: MailTemplateId
  incident_id: string
  recipients: string[]
  subject: string
  body: string
  message_id: string
  in_reply_to: string | null
  attempts: number
}

export interface MailRound {
  sent: number
  retried: number
  failed: number
}

/** Sends what is due; records each outcome on its row and in its incident's log, in one transaction. */
export async function sendDueMail(database: Database, settings: MailSettings, transport: Transporter, now: () => Date): Promise<MailRound> {
  const start = now()
  const claimed = await database.query<Claimed>(
    `WITH due AS (
       SELECT id FROM mail_outbox WHERE status = 'pending' AND next_attempt_at <= $1 ORDER BY next_attempt_at LIMIT $2 FOR UPDATE SKIP LOCKED
     )
     UPDATE mail_outbox m SET attempts = m.attempts + 1, next_attempt_at = $3 FROM due WHERE m.id = due.id
     RETURNING m.id, m.event_id, m.template, m.incident_id, m.recipients, m.subject, m.body, m.message_id, m.in_reply_to, m.attempts`,
    [start.toISOString(), BATCH, new Date(start.getTime() + SEND_TIMEOUT_MS * 2).toISOString()],
  )
  const round: MailRound = { sent: 0, retried: 0, failed: 0 }
  if (claimed.length === 0) return round
  const outcomes = await Promise.all(
    claimed.map(async (mail) => {
      try {
        await withTimeout(
          transport.sendMail({
            from: settings.address,
            to: mail.recipients,
            subject: mail.subject,
            text: mail.body,
            messageId: mail.message_id,
            ...(mail.in_reply_to ? { inReplyTo: mail.in_reply_to, references: [mail.in_reply_to] } : {}),
            // Marks it automatic (RFC 3834): out-of-office answers are not sent back to it.
            headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
          }),
          SEND_TIMEOUT_MS,
        )
        return { ok: true as const }
      } catch (error) {
        return { ok: false as const, error: (error instanceof Error ? error.message : String(error)).slice(0, 500) || 'The relay refused the message.' }
      }
    }),
  )
  const at = now()
  await database.transaction(
    async (tx) => {
      const writer = new ServerEventWriter(at, 'mail sender')
      for (const [index, mail] of claimed.entries()) {
        const outcome = outcomes[index]!
        const attempts = Number(mail.attempts)
        if (outcome.ok) {
          round.sent += 1
          await tx.query(`UPDATE mail_outbox SET status = 'sent', sent_at = $2, last_error = NULL WHERE id = $1`, [mail.id, at.toISOString()])
          writer.write(MAIL_INTAKE_ACTOR, [{ incidentId: mail.incident_id, type: 'MailSent', payload: { messageId: mail.message_id, template: mail.template, to: mail.recipients, subject: mail.subject, forEventId: mail.event_id } }])
          continue
        }
        const gaveUp = attempts >= MAX_ATTEMPTS
        round[gaveUp ? 'failed' : 'retried'] += 1
        await tx.query(`UPDATE mail_outbox SET status = $2, last_error = $3, next_attempt_at = $4 WHERE id = $1`, [
          mail.id,
          gaveUp ? 'failed' : 'pending',
          outcome.error,
          new Date(at.getTime() + (gaveUp ? 0 : backoffMs(attempts))).toISOString(),
        ])
        // The first failure and the last are told on the incident; the retries between are in the queue's row.
        if (attempts === 1 || gaveUp) {
          writer.write(MAIL_INTAKE_ACTOR, [
            { incidentId: mail.incident_id, type: 'MailFailed', payload: { template: mail.template, to: mail.recipients, subject: mail.subject, forEventId: mail.event_id, error: outcome.error, attempts, gaveUp } },
          ])
        }
      }
      await writer.append(tx)
    },
    { advisoryLock: LOCKS.appendEvents },
  )
  return round
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  return Promise.race([
    work,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`The mail relay did not answer within ${ms / 1000} s.`)), ms)
    }),
  ]).finally(() => clearTimeout(timer))
}
