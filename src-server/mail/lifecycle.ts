import type { FastifyInstance } from 'fastify'
import type { ServerContext } from '../context'
import { startMailIntake, type MailIntake } from './intake'
import { startMailCursor } from './outbox'

declare module 'fastify' {
  interface FastifyInstance {
    /** The mail intake's listening port once the app is ready; null without one. */
    mailIntakePort(): number | null
  }
}

/** Starts the SMTP listener with the app and stops it with the app; starts mail's place in the log. */
export function registerMailIntake(app: FastifyInstance, context: ServerContext): void {
  let intake: MailIntake | null = null
  app.decorate('mailIntakePort', () => intake?.port ?? null)
  const mail = context.mail
  if (!mail) return
  app.addHook('onReady', async () => {
    if (mail.smtp) await startMailCursor(context.database)
    if (mail.intake) intake = await startMailIntake(context, { ...mail, intake: mail.intake })
  })
  app.addHook('onClose', async () => {
    await intake?.close()
  })
}
