import type { FastifyInstance } from 'fastify'
import type { ServerContext } from '../context'
import { currentRules } from '../orgConfig/configLog'
import { runAutoClose } from './autoClose'
import { runSlaEscalation } from './slaEscalation'

/** What one run did; a change another instance made first is not counted. */
export interface AutomationRun {
  /** Incidents auto-closed. */
  closed: string[]
  /** Incidents escalated to their group's manager for their SLA. */
  escalated: string[]
}

async function runRules(context: ServerContext): Promise<AutomationRun> {
  // The configuration log is read once per run: both rules decide with the same rules.
  const rules = await currentRules(context.database)
  const { closed } = await runAutoClose(context, rules)
  const { escalated } = await runSlaEscalation(context, rules)
  return { closed, escalated }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The server's own rules (auto-close, SLA escalation): run on a timer when configured, or once on demand (tests, an operator). */
    automation: { runOnce(): Promise<AutomationRun> }
  }
}

/**
 * Runs the automation every `intervalMs` while the app is up (none when undefined: tests drive
 * it with a controllable clock through `app.automation.runOnce()`). One run at a time per
 * instance; instances need no coordination, each rule's changes being idempotent (ruleEvents.ts).
 * A failed run (the database away) is logged and the next tick tries again.
 */
export function registerAutomation(app: FastifyInstance, context: ServerContext, intervalMs: number | undefined): void {
  let running: Promise<AutomationRun> | null = null
  const runOnce = (): Promise<AutomationRun> => {
    running ??= runRules(context).finally(() => {
      running = null
    })
    return running
  }
  app.decorate('automation', { runOnce })
  if (intervalMs === undefined) return
  let timer: NodeJS.Timeout | null = null
  app.addHook('onReady', async () => {
    timer = setInterval(() => {
      runOnce().then(
        (run) => {
          if (run.closed.length + run.escalated.length > 0) app.log.info({ closed: run.closed.length, escalated: run.escalated.length }, 'automation')
        },
        (error: unknown) => app.log.warn({ err: error }, 'automation run failed; retrying at the next tick'),
      )
    }, intervalMs)
    timer.unref()
  })
  app.addHook('onClose', async () => {
    if (timer) clearInterval(timer)
    await running?.catch(() => undefined)
  })
}
