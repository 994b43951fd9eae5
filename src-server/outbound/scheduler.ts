import type { FastifyInstance } from 'fastify'
import type { ServerContext } from '../context'
import { dispatchDue, type DispatchRound } from './dispatcher'
import { fanOut } from './fanOut'

/** What one outbound round did: deliveries queued from the log, then sent. */
export interface OutboundRun extends DispatchRound {
  queued: number
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Webhook deliveries: on a timer and after every append when configured, or once on demand (tests). */
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
  const runOnce = (): Promise<OutboundRun> => {
    running ??= (async () => {
      const { queued } = await fanOut(context.database, context.now())
      return { queued, ...(await dispatchDue(context.database, context.now)) }
    })().finally(() => {
      running = null
    })
    return running
  }
  app.decorate('outbound', { runOnce })
  if (intervalMs === undefined) return

  let again = false
  let closing = false
  const kick = (): void => {
    if (closing) return
    if (running) {
      again = true
      return
    }
    runOnce().then(
      (run) => {
        // A full batch leaves more due behind it; a wake during the round asked for another.
        if (again || run.queued > 0 || run.delivered + run.retried + run.failed > 0) {
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
    unsubscribe = context.appended.subscribe(kick)
    timer = setInterval(kick, intervalMs)
    timer.unref()
    kick()
  })
  app.addHook('onClose', async () => {
    closing = true
    unsubscribe?.()
    if (timer) clearInterval(timer)
    await running?.catch(() => undefined)
  })
}
