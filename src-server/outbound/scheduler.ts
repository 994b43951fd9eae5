import type { FastifyInstance } from 'fastify'
import nodemailer, { type Transporter } from 'nodemailer'
import type { ServerContext } from '../context'
import { queueNotifications, sendDueMail, type MailRound } from '../mail/outbox'
import type { MailSettings } from '../mail/settings'
import { dispatchDue, type DispatchRound } from './dispatcher'
import { fanOut } from './fanOut'

/** What one outbound round did: deliveries queued from the log, then sent. */
export interface OutboundRun extends DispatchRound {
  queued: number
  /** Webhooks active when the round looked. */
  activeWebhooks: number
  /** Notifications queued from the log, then sent, retried, given up (zeros without mail out). */
  mail: MailRound & { queued: number }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Webhook deliveries and mail notifications: on a timer and after every append when configured, or once on demand (tests). */
    outbound: { runOnce(): Promise<OutboundRun> }
  }
}

/**
 * Runs the outbound work: queue deliveries for what the log accepted (fanOut.ts), then send what
 * is due (dispatcher.ts). Woken at once when this instance appends (so a delivery leaves within
 * milliseconds of its event), and every `intervalMs` for retries and for what other instances
 * appended. One round at a time per instance; a wake during a round asks for one more after it.
 */
export function registerOutbound(app: FastifyInstance, context: ServerContext, intervalMs: number | undefined): void {
  let running: Promise<OutboundRun> | null = null
  let transport: Transporter | null = null
  const runOnce = (): Promise<OutboundRun> => {
    running ??= (async () => {
      const { queued, activeWebhooks } = await fanOut(context.database, context.now())
      const webhooks = await dispatchDue(context.database, context.now)
      const mail = context.mail?.smtp ? await mailRound(context, context.mail, (transport ??= createTransport(context.mail.smtp))) : { queued: 0, sent: 0, retried: 0, failed: 0 }
      return { queued, activeWebhooks, ...webhooks, mail }
    })().finally(() => {
      running = null
    })
    return running
  }
  app.decorate('outbound', { runOnce })
  if (intervalMs === undefined) return

  let again = false
  let closing = false
  /**
   * Nothing to tell anyone: no active webhook when the last round looked, and no mail out. Appends
   * then do not wake a round (at thousands of alerts a second that would be a round per commit
   * for nothing); the timer's rounds still look, so a webhook registered on any instance is
   * served from the next tick.
   */
  let idle = false
  const kick = (): void => {
    if (closing) return
    if (running) {
      again = true
      return
    }
    runOnce().then(
      (run) => {
        idle = run.activeWebhooks === 0 && !context.mail?.smtp
        // A full batch leaves more due behind it; a wake during the round asked for another.
        if (again || run.queued > 0 || run.delivered + run.retried + run.failed > 0 || run.mail.queued + run.mail.sent > 0) {
          again = false
          setImmediate(kick)
        }
      },
      (error: unknown) => app.log.warn({ err: error }, 'outbound round failed; retrying at the next tick'),
    )
  }
  let timer: NodeJS.Timeout | null = null
  let unsubscribe: (() => void) | null = null
  app.addHook('onReady', async () => {
    unsubscribe = context.appended.subscribe(() => {
      if (!idle) kick()
    })
    timer = setInterval(kick, intervalMs)
    timer.unref()
    kick()
  })
  app.addHook('onClose', async () => {
    closing = true
    unsubscribe?.()
    if (timer) clearInterval(timer)
    await running?.catch(() => undefined)
    transport?.close()
  })
}

async function mailRound(context: ServerContext, settings: MailSettings, transport: Transporter): Promise<MailRound & { queued: number }> {
  const queued = await queueNotifications(context.database, settings, context.now())
  return { queued, ...(await sendDueMail(context.database, settings, transport, context.now)) }
}

/** A pooled SMTP connection to the relay, made on first use. */
function createTransport(smtp: NonNullable<MailSettings['smtp']>): Transporter {
  return nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    pool: true,
    ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password ?? '' } } : {}),
  })
}
