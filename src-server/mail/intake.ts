import type { AddressInfo } from 'node:net'
import { simpleParser, type ParsedMail } from 'mailparser'
import { SMTPServer } from 'smtp-server'
import { newId } from '../../src-shared/events/ids'
import { LIMITS } from '../../src-shared/events/limits'
import type { Command } from '../../src-shared/incident/commands'
import type { Incident } from '../../src-shared/incident/incident'
import { decide } from '../../src-shared/incident/lifecycle'
import { applyEvent } from '../../src-shared/incident/reducer'
import { storeAttachment, sha256Hex } from '../attachments/attachmentStore'
import type { ServerContext } from '../context'
import type { Queryable } from '../db/database'
import { LOCKS } from '../db/locks'
import { clip, oneLine } from '../inboundText'
import { createRulesCache } from '../orgConfig/configLog'
import { ServerEventWriter } from '../sync/serverWrites'
import { MAIL_INTAKE_ACTOR } from '../../src-shared/events/events'
import { isMailAddress, type MailSettings } from './settings'

/**
 * E-mail in: a real SMTP listener (smtp-server) that the organization's mail server forwards the
 * desk's address to. Chosen over polling a mailbox over IMAP because a message is then taken the
 * moment it arrives and acknowledged only once it is in the log: the listener answers 250 after
 * the transaction commits, and a temporary 451 on any failure, so the sending server keeps the
 * message and tries again; nothing is lost between a mailbox and the desk, and no mailbox
 * credentials are kept. Redelivery is harmless: a Message-ID seen before is acknowledged and skipped.
 *
 * A message is, in this order:
 * - a loop (from the desk's own address, or one of its own messages coming back): dropped;
 * - a reply, when its In-Reply-To or References name a message of an incident's thread, or its
 *   subject carries an incident's number: a caller comment on that incident (which resumes it when
 *   it waits on the caller), or, for an automatic reply, only a record that it came;
 * - otherwise a new incident (channel e-mail), its caller the sender (a contact by address), its
 *   attachments kept; an automatic reply that belongs to no thread logs nothing.
 * Nothing is ever answered to an automatic reply: the notifications come from the log's events,
 * and an auto-reply writes no event that notifies.
 */
export interface MailIntake {
  port: number
  close(): Promise<void>
}

/** What one message became, for tests and logs. */
export type InboundOutcome = { kind: 'logged' | 'commented' | 'recorded'; incidentId: string } | { kind: 'duplicate' | 'loop' | 'ignored' }

const MAX_MESSAGE_BYTES = 25 * 1024 * 1024

export async function startMailIntake(context: ServerContext, settings: MailSettings & { intake: NonNullable<MailSettings['intake']> }): Promise<MailIntake> {
  const rulesInForce = createRulesCache()
  const server = new SMTPServer({
    // Relayed by the organization's own mail server on its network; TLS and authentication are its job.
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: MAX_MESSAGE_BYTES,
    banner: 'Incident Desk mail intake',
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.toLowerCase() !== settings.address) {
        callback(Object.assign(new Error(`This server takes mail for ${settings.address} only.`), { responseCode: 550 }))
        return
      }
      callback()
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = []
      let size = 0
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length
        if (size <= MAX_MESSAGE_BYTES) chunks.push(chunk)
      })
      stream.on('end', () => {
        if (stream.sizeExceeded || size > MAX_MESSAGE_BYTES) {
          callback(Object.assign(new Error(`The message is larger than ${MAX_MESSAGE_BYTES / 1024 / 1024} MB.`), { responseCode: 552 }))
          return
        }
        takeMessage(context, settings, Buffer.concat(chunks), rulesInForce).then(
          () => callback(),
          (error: unknown) => {
            // Temporary: the sending server keeps the message and tries again later.
            callback(Object.assign(new Error(`The desk could not take the message now: ${error instanceof Error ? error.message : String(error)}`), { responseCode: 451 }))
          },
        )
      })
    },
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(settings.intake.port, settings.intake.host, () => resolve())
  })
  const port = (server.server.address() as AddressInfo).port
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** Parses and records one message in one transaction under the append lock; throws (→ 451) when it could not. */
export async function takeMessage(context: Pick<ServerContext, 'database' | 'now' | 'appended'>, settings: MailSettings, raw: Buffer, rulesInForce = createRulesCache()): Promise<InboundOutcome> {
  const mail = await simpleParser(raw)
  const outcome = await context.database.transaction(
    async (tx) => {
      const rules = await rulesInForce(tx)
      return record(tx, settings, mail, raw, context.now(), rules.domain)
    },
    { advisoryLock: LOCKS.appendEvents },
  )
  if (outcome.kind === 'logged' || outcome.kind === 'commented' || outcome.kind === 'recorded') context.appended.notify()
  return outcome
}

async function record(tx: Queryable, settings: MailSettings, mail: ParsedMail, raw: Buffer, now: Date, config: Parameters<typeof decide>[2]['config']): Promise<InboundOutcome> {
  // A message without a Message-ID is known by its content, so its redelivery is still recognised.
  const messageId = mail.messageId ?? `<${sha256Hex(raw).slice(0, 32)}@no-message-id.invalid>`
  const from = mail.from?.value[0]
  const fromAddress = from?.address?.toLowerCase() ?? ''
  const seen = await tx.query<{ direction: string }>('SELECT direction FROM mail_messages WHERE message_id = $1', [messageId])
  if (seen.length > 0) return { kind: seen[0]!.direction === 'out' ? 'loop' : 'duplicate' }
  if (fromAddress === settings.address) return { kind: 'loop' }

  const autoReply = isAutomatic(mail)
  const subject = oneLine(mail.subject ?? '')
  const writer = new ServerEventWriter(now, 'mail intake')
  const at = now.toISOString()
  const received = (incidentId: string) => writer.write(MAIL_INTAKE_ACTOR, [{ incidentId, type: 'MailReceived', payload: { messageId: clip(messageId, LIMITS.messageId), from: clip(fromAddress || 'unknown', LIMITS.contact), subject: clip(subject, LIMITS.shortDescription), autoReply } }])
  const remember = (incidentId: string) => tx.query(`INSERT INTO mail_messages (message_id, incident_id, direction, at) VALUES ($1, $2, 'in', $3) ON CONFLICT DO NOTHING`, [messageId, incidentId, at])

  const thread = await threadOf(tx, mail, subject)
  if (thread) {
    received(thread.id)
    let kind: InboundOutcome['kind'] = 'recorded'
    if (!autoReply) {
      const text = replyText(mail)
      const decision = text ? decide(thread, { action: 'addCallerComment', incidentId: thread.id, text, direction: 'from_caller' }, { actor: MAIL_INTAKE_ACTOR, now: at, config }) : null
      if (decision?.ok) {
        writer.write(MAIL_INTAKE_ACTOR, decision.events)
        kind = 'commented'
      }
    }
    await writer.append(tx)
    await remember(thread.id)
    return { kind, incidentId: thread.id }
  }
  if (autoReply || !isMailAddress(fromAddress)) return { kind: 'ignored' }

  const callerName = await contactName(tx, fromAddress, from?.name, now)
  const incidentId = newId()
  const log: Command = {
    action: 'log',
    incidentId,
    number: `NEW-${incidentId.slice(-8).toUpperCase()}`,
    numberIsProvisional: true,
    shortDescription: clip(subject || '(no subject)', LIMITS.shortDescription),
    description: clip((mail.text ?? '').trim(), LIMITS.description),
    caller: { name: clip(callerName, LIMITS.name), contact: clip(fromAddress, LIMITS.contact) },
    channel: 'email',
    // Triage decides; until then an e-mailed request waits as a low one.
    impact: 3,
    urgency: 2,
  }
  const logged = decide(undefined, log, { actor: MAIL_INTAKE_ACTOR, now: at, config })
  if (!logged.ok) throw new Error(logged.refusal.message)
  let incident = applyEvent(undefined, writer.write(MAIL_INTAKE_ACTOR, logged.events)[0]!)!
  received(incidentId)
  for (const attachment of mail.attachments.slice(0, LIMITS.attachmentsPerIncident)) {
    if (attachment.size > LIMITS.attachmentBytes || attachment.related) continue
    const sha256 = sha256Hex(attachment.content)
    await storeAttachment(tx, sha256, attachment.content, MAIL_INTAKE_ACTOR.userId, now)
    const attach = decide(
      incident,
      {
        action: 'attach',
        incidentId,
        attachment: { attachmentId: newId(), name: clip(attachment.filename ?? 'attachment', LIMITS.name), mediaType: clip(attachment.contentType || 'application/octet-stream', LIMITS.label), size: attachment.size, sha256 },
      },
      { actor: MAIL_INTAKE_ACTOR, now: at, config },
    )
    if (attach.ok) for (const event of writer.write(MAIL_INTAKE_ACTOR, attach.events)) incident = applyEvent(incident, event)!
  }
  await writer.append(tx)
  await remember(incidentId)
  return { kind: 'logged', incidentId }
}

/** The incident a message answers: by the thread's Message-IDs, else by a number in its subject. */
async function threadOf(tx: Queryable, mail: ParsedMail, subject: string): Promise<Incident | undefined> {
  const references = [mail.inReplyTo, ...(Array.isArray(mail.references) ? mail.references : mail.references ? [mail.references] : [])].filter((id): id is string => Boolean(id))
  if (references.length > 0) {
    const [row] = await tx.query<{ body: Incident }>(
      'SELECT i.body FROM mail_messages m JOIN incidents i ON i.id = m.incident_id WHERE m.message_id = ANY($1::text[]) ORDER BY m.at DESC LIMIT 1',
      [references],
    )
    if (row) return row.body
  }
  const number = /\bINC\d{7,}\b/.exec(subject)?.[0]
  if (!number) return undefined
  const [row] = await tx.query<{ body: Incident }>('SELECT body FROM incidents WHERE number = $1', [number])
  return row?.body
}

/**
 * An automatic message (RFC 3834 Auto-Submitted, the de-facto X-Autoreply family, Precedence
 * bulk/junk/list, an empty return path as on bounces): recorded where it belongs, never answered.
 */
export function isAutomatic(mail: Pick<ParsedMail, 'headers'>): boolean {
  const header = (name: string) => {
    const value = mail.headers.get(name)
    return typeof value === 'string' ? value.trim().toLowerCase() : value === undefined ? undefined : String((value as { value?: unknown }).value ?? value).toLowerCase()
  }
  const autoSubmitted = header('auto-submitted')
  if (autoSubmitted && autoSubmitted !== 'no') return true
  if (header('x-autoreply') || header('x-autorespond') || header('x-auto-response-suppress')) return true
  const precedence = header('precedence')
  if (precedence && ['bulk', 'junk', 'list', 'auto_reply'].includes(precedence)) return true
  const returnPath = header('return-path')
  return returnPath === '<>' || returnPath === ''
}

/** The reply's own words: the quoted message below it ("> …", "On … wrote:") left out. */
export function replyText(mail: Pick<ParsedMail, 'text'>): string {
  const lines = (mail.text ?? '').replace(/\r\n/g, '\n').split('\n')
  const kept: string[] = []
  for (const line of lines) {
    if (/^\s*>/.test(line)) break
    if (/^On .+ wrote:\s*$/.test(line) || /^Le .+ a écrit\s*:\s*$/.test(line) || /^-{2,}\s*Original Message\s*-{2,}/i.test(line)) break
    kept.push(line)
  }
  return clip(kept.join('\n').trim(), LIMITS.note)
}

/** A sender known by address keeps the name they first wrote under; a new one is added. */
async function contactName(tx: Queryable, address: string, name: string | undefined, now: Date): Promise<string> {
  const rows = await tx.query<{ name: string }>(
    `INSERT INTO mail_contacts (address, name, created_at) VALUES ($1, $2, $3) ON CONFLICT (address) DO UPDATE SET address = EXCLUDED.address RETURNING name`,
    [address, oneLine(name ?? '') || address, now.toISOString()],
  )
  return rows[0]!.name
}



