import { MAIL_TEMPLATE_IDS, type MailTemplateId } from '../../src-shared/events/events'
import { MAIL_PLACEHOLDERS, MAIL_TEMPLATE_LIMITS, type MailPlaceholder, type MailTemplate } from '../../src-shared/mail/mailAdmin'
import { toIso, type Queryable } from '../db/database'
import { badRequest } from '../http/errors'

/**
 * The notifications' words. Each template has a subject and a plain-text body with placeholders
 * in braces; the defaults below hold until an admin saves their own (`mail_templates`). The
 * incident's number is always in the subject, in brackets: a reply that lost its headers still
 * finds its incident by it (intake.ts).
 */
export type { MailTemplate }
export type Placeholder = MailPlaceholder
const PLACEHOLDERS = MAIL_PLACEHOLDERS

export const DEFAULT_TEMPLATES: Record<MailTemplateId, { subject: string; body: string }> = {
  logged: {
    subject: '[{number}] {shortDescription}',
    body: 'Hello {callerName},\n\nWe have logged your request as {number}: {shortDescription}.\nReply to this e-mail to add anything; keep {number} in the subject.\n\nThe service desk',
  },
  question: {
    subject: '[{number}] A question about your request',
    body: 'Hello {callerName},\n\nTo go on with {number} ({shortDescription}) we need your answer:\n\n{text}\n\nReply to this e-mail; your answer goes straight to the incident.\n\nThe service desk',
  },
  resolved: {
    subject: '[{number}] Resolved: {shortDescription}',
    body: 'Hello {callerName},\n\n{number} is resolved:\n\n{text}\n\nIf it is not, reply to this e-mail and we will reopen it.\n\nThe service desk',
  },
  closed: {
    subject: '[{number}] Closed: {shortDescription}',
    body: 'Hello {callerName},\n\n{number} ({shortDescription}) is now closed. Thank you.\n\nThe service desk',
  },
  majorUpdate: {
    subject: '[{number}] Update: {shortDescription}',
    body: 'Update for {audience}, written {writtenAt}:\n\n{text}\n\n{number} · {state}',
  },
}

const LIMIT = MAIL_TEMPLATE_LIMITS

export async function listTemplates(db: Queryable): Promise<MailTemplate[]> {
  const saved = new Map((await db.query<{ id: MailTemplateId; subject: string; body: string; updated_at: unknown }>('SELECT id, subject, body, updated_at FROM mail_templates')).map((row) => [row.id, row]))
  return MAIL_TEMPLATE_IDS.map((id) => {
    const row = saved.get(id)
    return row ? { id, subject: row.subject, body: row.body, updatedAt: toIso(row.updated_at) } : { id, ...DEFAULT_TEMPLATES[id], updatedAt: null }
  })
}

/** Refused, with every reason, when a placeholder is unknown or a part too long. */
export async function saveTemplate(db: Queryable, id: MailTemplateId, template: { subject: string; body: string }, userId: string, now: Date): Promise<MailTemplate> {
  const problems: string[] = []
  if (!template.subject.trim()) problems.push('The subject is empty.')
  if (template.subject.length > LIMIT.subject) problems.push(`The subject is at most ${LIMIT.subject} characters.`)
  if (template.body.length > LIMIT.body) problems.push(`The body is at most ${LIMIT.body} characters.`)
  if (/[\r\n]/.test(template.subject)) problems.push('The subject is one line.')
  for (const name of placeholdersIn(`${template.subject}\n${template.body}`)) {
    if (!(PLACEHOLDERS as readonly string[]).includes(name)) problems.push(`{${name}} is not a placeholder; use ${PLACEHOLDERS.map((placeholder) => `{${placeholder}}`).join(', ')}.`)
  }
  if (problems.length > 0) throw badRequest('invalid_template', problems.join(' '))
  await db.query(
    `INSERT INTO mail_templates (id, subject, body, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (id) DO UPDATE SET subject = EXCLUDED.subject, body = EXCLUDED.body, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
    [id, template.subject, template.body, userId, now.toISOString()],
  )
  return { id, ...template, updatedAt: now.toISOString() }
}

function placeholdersIn(text: string): string[] {
  return [...text.matchAll(/\{([^{}\s]*)\}/g)].map((match) => match[1]!)
}

/** Fills the placeholders; the subject stays one line whatever a value holds. */
export function render(template: { subject: string; body: string }, values: Record<Placeholder, string>): { subject: string; body: string } {
  const fill = (text: string) => text.replace(/\{([A-Za-z]+)\}/g, (whole, name: string) => ((PLACEHOLDERS as readonly string[]).includes(name) ? values[name as Placeholder] : whole))
  return { subject: fill(template.subject).replace(/\s+/g, ' ').trim().slice(0, 998), body: fill(template.body) }
}
