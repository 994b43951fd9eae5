import type { FastifyPluginAsync } from 'fastify'
import { z } from 'zod'
import { MAIL_TEMPLATE_IDS, type MailTemplateId } from '../../src-shared/events/events'
import { MAIL_LIST_LIMITS, MAIL_TEMPLATE_LIMITS, type MailList, type OutgoingMail, type OutgoingMailStatus } from '../../src-shared/mail/mailAdmin'
import { authenticate, requireRole, signedIn } from '../auth/authenticate'
import type { ServerContext } from '../context'
import { toIso } from '../db/database'
import { badRequest } from '../http/errors'
import { errorResponses, jsonSchemaOf, requireStorableText } from '../http/schemas'
import { isMailAddress } from './settings'
import { listTemplates, saveTemplate } from './templates'

const templateSchema = z.strictObject({ subject: z.string().max(MAIL_TEMPLATE_LIMITS.subject), body: z.string().max(MAIL_TEMPLATE_LIMITS.body) })
const listSchema = z.strictObject({ addresses: z.array(z.string().max(MAIL_LIST_LIMITS.address)).max(MAIL_LIST_LIMITS.addresses) })

/**
 * /api/v1/admin/mail: the notifications' templates, the stakeholder lists a major incident's
 * updates go to (by audience), and the outgoing queue as it stands. For admins only.
 */
export const mailRoutes: FastifyPluginAsync<{ context: ServerContext }> = async (app, { context }) => {
  const { database } = context
  app.addHook('onRequest', authenticate(context))
  app.addHook('onRequest', requireRole(['admin'], 'Only an admin can manage e-mail.'))
  app.addHook('preHandler', requireStorableText)

  app.get('/templates', { schema: { tags: ['admin'] } }, async () => ({ templates: await listTemplates(database) }))

  app.put<{ Params: { id: MailTemplateId }; Body: z.infer<typeof templateSchema> }>(
    '/templates/:id',
    { schema: { tags: ['admin'], params: { type: 'object', required: ['id'], properties: { id: { type: 'string', enum: [...MAIL_TEMPLATE_IDS] } } }, body: jsonSchemaOf(templateSchema), response: errorResponses } },
    async (request) => saveTemplate(database, request.params.id, request.body, signedIn(request).userId, context.now()),
  )

  app.get('/lists', { schema: { tags: ['admin'] } }, async (): Promise<{ lists: MailList[] }> => ({
    lists: (await database.query<{ audience: string; addresses: string[] }>('SELECT audience, addresses FROM mail_lists ORDER BY audience')).map((row) => ({ audience: row.audience, addresses: row.addresses })),
  }))

  app.put<{ Params: { audience: string }; Body: z.infer<typeof listSchema> }>(
    '/lists/:audience',
    { schema: { tags: ['admin'], params: { type: 'object', required: ['audience'], properties: { audience: { type: 'string', minLength: 1, maxLength: MAIL_LIST_LIMITS.audience } } }, body: jsonSchemaOf(listSchema), response: errorResponses } },
    async (request): Promise<MailList> => {
      const addresses = [...new Set(request.body.addresses.map((address) => address.trim().toLowerCase()))]
      const wrong = addresses.filter((address) => !isMailAddress(address))
      if (wrong.length > 0) throw badRequest('invalid_address', `Not e-mail addresses: ${wrong.slice(0, 5).join(', ')}.`)
      // Audiences are matched without regard to case: "All staff" on the update, "all staff" here.
      const audience = request.params.audience.trim()
      await database.query(
        `INSERT INTO mail_lists (audience, addresses, updated_at) VALUES ($1, $2::text[], $3) ON CONFLICT (audience) DO UPDATE SET addresses = EXCLUDED.addresses, updated_at = EXCLUDED.updated_at`,
        [audience, addresses, context.now().toISOString()],
      )
      return { audience, addresses }
    },
  )

  app.get('/outbox', { schema: { tags: ['admin'] } }, async (): Promise<{ messages: OutgoingMail[] }> => ({
    messages: (
      await database.query<{ id: string; template: string; incident_id: string; recipients: string[]; subject: string; status: OutgoingMailStatus; attempts: number; last_error: string | null; sent_at: unknown; created_at: unknown }>(
        'SELECT id, template, incident_id, recipients, subject, status, attempts, last_error, sent_at, created_at FROM mail_outbox ORDER BY created_at DESC LIMIT 200',
      )
    ).map((row) => ({
      id: row.id,
      template: row.template,
      incidentId: row.incident_id,
      recipients: row.recipients,
      subject: row.subject,
      status: row.status,
      attempts: Number(row.attempts),
      lastError: row.last_error,
      sentAt: row.sent_at === null ? null : toIso(row.sent_at),
      createdAt: toIso(row.created_at),
    })),
  }))
}
