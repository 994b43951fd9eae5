import type { DeskDataApi } from '../../src-shared/data/deskDataContract'
import type { IncidentEvent } from '../../src-shared/events/events'
import type { Incident } from '../../src-shared/incident/incident'
import type { DeskSession } from '../store/session'
import { NOTIFICATION_PREFERENCES_KEY, notificationPreferencesOf } from './notificationPreferences'
import { batchForDelivery, mayNotify, notificationsForEvents, notificationsForSla, type DeskNotification } from './notificationRules'

/**
 * Watches for what the rules call news and hands it to `deliver`: other desks' events as the
 * sync engine commits them, and SLA thresholds crossing as time passes (one timer for the desk,
 * asking the data worker what crossed since the last check: it reads the two SLA indexes over that
 * window, so it costs the same with 100k incidents as with ten).
 */
export interface NotificationWatcher {
  /** Other desks' events, just committed here (wired to the sync engine's pull). */
  eventsReceived(events: readonly IncidentEvent[]): Promise<void>
  /** Looks for SLA thresholds crossed since the last check; the timer calls it. */
  checkSla(): Promise<void>
  start(): void
  dispose(): void
}

/** What the watcher asks of the store: the data worker on the page, the store itself in tests. */
export type NotificationReads = Pick<DeskDataApi, 'slaCrossings' | 'visibleIncidents' | 'configEntries'>

export interface NotificationWatcherOptions {
  reads: NotificationReads
  /** Read at each check: signing in changes the actor. */
  session: DeskSession
  deliver: (notification: DeskNotification) => void
  now?: () => number
  intervalMs?: number
}

export const SLA_CHECK_INTERVAL_MS = 30_000

export function createNotificationWatcher({ reads, session, deliver, now = Date.now, intervalMs = SLA_CHECK_INTERVAL_MS }: NotificationWatcherOptions): NotificationWatcher {
  /** Keys already delivered this run, so a re-delivered event or an overlapping check stays quiet. */
  const delivered = new Set<string>()
  // Thresholds crossed before the desk started are in the queue's SLA columns; only news interrupts.
  let lastCheck = now()
  let timer: ReturnType<typeof setInterval> | null = null

  function hand(notifications: readonly DeskNotification[]): void {
    const fresh = notifications.filter((notification) => !delivered.has(notification.key))
    for (const notification of fresh) delivered.add(notification.key)
    for (const notification of batchForDelivery(fresh)) deliver(notification)
  }

  async function readPreferences() {
    const [entry] = await reads.configEntries([NOTIFICATION_PREFERENCES_KEY])
    return notificationPreferencesOf(entry?.value)
  }

  async function checkSla(): Promise<void> {
    const window = { since: lastCheck, now: now() }
    lastCheck = window.now
    const [since, until] = [new Date(window.since).toISOString(), new Date(window.now).toISOString()]
    const [candidates, preferences] = await Promise.all([reads.slaCrossings(since, until, session.actor), readPreferences()])
    hand(notificationsForSla(candidates, window, { actor: session.actor, preferences }))
  }

  return {
    checkSla,
    async eventsReceived(received) {
      const events = received.filter((event) => mayNotify(event, session.actor, now()))
      if (events.length === 0) return
      const ids = [...new Set(events.map((event) => event.incidentId))]
      const [found, preferences] = await Promise.all([reads.visibleIncidents(ids, session.actor), readPreferences()])
      const incidents = new Map(found.filter((incident): incident is Incident => incident !== undefined).map((incident) => [incident.id, incident]))
      hand(notificationsForEvents(events, { actor: session.actor, preferences, now: now(), incidentOf: (id) => incidents.get(id) }))
    },
    start() {
      if (timer) return
      timer = setInterval(() => {
        void checkSla().catch((error: unknown) => console.warn('SLA notification check failed; it runs again shortly.', error))
      }, intervalMs)
    },
    dispose() {
      if (timer) clearInterval(timer)
      timer = null
    },
  }
}
