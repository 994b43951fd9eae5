import type { MailTemplateId } from '../events/events'

/**
 * E-mail as an admin manages it (the server's /api/v1/admin/mail): the notifications' templates,
 * the stakeholder lists a major incident's updates go to, and the outgoing queue.
 */

/** What a template may name in braces; the server refuses any other. */
export const MAIL_PLACEHOLDERS = ['number', 'shortDescription', 'callerName', 'text', 'state', 'writtenAt', 'audience'] as const
export type MailPlaceholder = (typeof MAIL_PLACEHOLDERS)[number]

export const MAIL_TEMPLATE_LIMITS = { subject: 200, body: 10_000 } as const

export interface MailTemplate {
  id: MailTemplateId
  subject: string
  body: string
  /** Null while it is the default. */
  updatedAt: string | null
}

/** The addresses a stakeholder update for `audience` goes to (matched without regard to case). */
export interface MailList {
  audience: string
  addresses: string[]
}

export const MAIL_LIST_LIMITS = { addresses: 500, address: 200, audience: 200 } as const

export type OutgoingMailStatus = 'pending' | 'sent' | 'failed'

/** A message in the server's outgoing queue. */
export interface OutgoingMail {
  id: string
  template: string
  incidentId: string
  recipients: string[]
  subject: string
  status: OutgoingMailStatus
  attempts: number
  lastError: string | null
  sentAt: string | null
  createdAt: string
}
