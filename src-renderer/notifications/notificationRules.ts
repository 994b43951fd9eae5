import { z } from 'zod'
import type { IncidentEvent } from '../../src-shared/events/events'
import type { Incident } from '../../src-shared/incident/incident'
import type { Actor } from '../../src-shared/incident/roles'
import { canSee } from '../../src-shared/incident/visibility'
import { activeTranslator, t } from '../i18n/activeLanguage'
import type { SlaCrossing } from '../../src-shared/data/deskDataContract'

/**
 * What deserves interrupting a person (issue: SLA warning and breach, assignment to me, major
 * incident declared), decided as pure functions of what changed, so the rules are tested without
 * a browser, a clock or an OS. Delivery (OS notification or in-app) is the watcher's business.
 */

export const NOTIFICATION_KINDS = ['slaWarning', 'slaBreach', 'assignedToMe', 'majorDeclared'] as const
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number]

/**
 * Whose SLA clocks concern this person.
 * - `mine`: incidents assigned to me.
 * - `mineAndUnassigned`: also incidents nobody holds yet (a triage desk's view).
 * - `all`: every incident I can see (an incident manager watching the floor).
 */
export const SLA_SCOPES = ['mine', 'mineAndUnassigned', 'all'] as const
export type SlaScope = (typeof SLA_SCOPES)[number]

export const notificationPreferencesSchema = z.strictObject({
  enabled: z.strictObject({
    slaWarning: z.boolean(),
    slaBreach: z.boolean(),
    assignedToMe: z.boolean(),
    majorDeclared: z.boolean(),
  }),
  slaScope: z.enum(SLA_SCOPES),
})
export type NotificationPreferences = z.infer<typeof notificationPreferencesSchema>

export const DEFAULT_NOTIFICATION_PREFERENCES: NotificationPreferences = {
  enabled: { slaWarning: true, slaBreach: true, assignedToMe: true, majorDeclared: true },
  slaScope: 'mineAndUnassigned',
}

export interface DeskNotification {
  /** Stable per fact, so the same warning is never shown twice (a re-delivered event, a second check). */
  key: string
  kind: NotificationKind
  title: string
  body: string
  incidentId: string
}

/**
 * Events older than this when they reach the desk are history, not news: a desk that was offline
 * for a week, or a new desk taking its first sync, must not raise hundreds of alerts.
 */
export const FRESH_EVENT_MILLIS = 15 * 60_000

/** Notifications for events just written to this desk (local commits and pulled ones alike). */
/**
 * Whether `event` can bring `actor` a notification at all, before its incident is read: the
 * watcher reads incidents only for these (a pull of 10,000 events of one's own import has none).
 */
export function mayNotify(event: IncidentEvent, actor: Actor, now: number): boolean {
  // Nobody needs telling about what they just did themselves.
  if (event.actor.userId === actor.userId) return false
  if (event.type !== 'IncidentAssigned' && event.type !== 'MajorIncidentDeclared') return false
  return now - Date.parse(event.occurredAt) <= FRESH_EVENT_MILLIS
}

export function notificationsForEvents(
  events: readonly IncidentEvent[],
  context: { actor: Actor; preferences: NotificationPreferences; now: number; incidentOf: (incidentId: string) => Incident | undefined },
): DeskNotification[] {
  const { actor, preferences, now } = context
  const notifications: DeskNotification[] = []
  for (const event of events) {
    if (!mayNotify(event, actor, now)) continue
    const incident = context.incidentOf(event.incidentId)
    if (!incident || !canSee(actor, incident)) continue
    const label = `${incident.number} · ${t(`priority.${incident.priority}`)}`
    if (event.type === 'IncidentAssigned' && preferences.enabled.assignedToMe && event.payload.assignee?.userId === actor.userId) {
      notifications.push({
        key: `${event.id}:assigned`,
        kind: 'assignedToMe',
        title: t('notify.assigned.title', { number: incident.number }),
        body: t('notify.assigned.body', { actor: event.actor.displayName, title: incident.shortDescription, label }),
        incidentId: incident.id,
      })
    }
    if (event.type === 'MajorIncidentDeclared' && preferences.enabled.majorDeclared) {
      notifications.push({
        key: `${event.id}:major`,
        kind: 'majorDeclared',
        title: t('notify.major.title', { number: incident.number }),
        body: t('notify.major.body', { title: incident.shortDescription, manager: event.payload.incidentManager.displayName, reason: event.payload.reason }),
        incidentId: incident.id,
      })
    }
  }
  return notifications
}

/** The SLA deadlines an incident carries in the store (see store/records.ts). */
export type SlaWatchedIncident = SlaCrossing

function concernsMe(incident: Incident, actor: Actor, scope: SlaScope): boolean {
  if (!canSee(actor, incident)) return false
  if (scope === 'all') return true
  if (incident.assignee?.userId === actor.userId) return true
  return scope === 'mineAndUnassigned' && incident.assignee === null
}

/**
 * Notifications for SLA thresholds crossed in the window (since, now]: each threshold is reported
 * once, by the check that first sees it crossed. A breach supersedes a warning crossed in the
 * same window (a desk that slept through both needs only the worse news).
 */
export function notificationsForSla(
  candidates: readonly SlaWatchedIncident[],
  window: { since: number; now: number },
  context: { actor: Actor; preferences: NotificationPreferences },
): DeskNotification[] {
  const { actor, preferences } = context
  const crossed = (iso: string | null) => iso !== null && Date.parse(iso) > window.since && Date.parse(iso) <= window.now
  const notifications: DeskNotification[] = []
  for (const { incident, slaWarningAt, slaDueAt } of candidates) {
    if (!concernsMe(incident, actor, preferences.slaScope)) continue
    const label = t('notify.sla.label', { title: incident.shortDescription, priority: t(`priority.${incident.priority}`) })
    if (crossed(slaDueAt) && preferences.enabled.slaBreach) {
      notifications.push({ key: `${incident.id}:breach:${slaDueAt}`, kind: 'slaBreach', title: t('notify.breach.title', { number: incident.number }), body: t('notify.breach.body', { label }), incidentId: incident.id })
    } else if (crossed(slaWarningAt) && preferences.enabled.slaWarning) {
      notifications.push({
        key: `${incident.id}:warning:${slaWarningAt}`,
        kind: 'slaWarning',
        title: t('notify.warning.title', { number: incident.number }),
        body: t('notify.warning.body', { label, at: activeTranslator().date(slaDueAt ?? slaWarningAt!, { timeStyle: 'medium' }) }),
        incidentId: incident.id,
      })
    }
  }
  return notifications
}

/**
 * More than a handful at once (a sync after a long time offline) becomes one summary, so the
 * person is told without being buried.
 */
export const MAX_SEPARATE_NOTIFICATIONS = 3

export function batchForDelivery(notifications: readonly DeskNotification[]): DeskNotification[] {
  if (notifications.length <= MAX_SEPARATE_NOTIFICATIONS) return [...notifications]
  const counts = new Map<NotificationKind, number>()
  for (const notification of notifications) counts.set(notification.kind, (counts.get(notification.kind) ?? 0) + 1)
  const parts = NOTIFICATION_KINDS.filter((kind) => counts.has(kind)).map((kind) => t(`notify.summary.${kind}`, { count: counts.get(kind) }))
  return [
    {
      key: notifications.map((notification) => notification.key).join('|'),
      kind: notifications[0]!.kind,
      title: t('notify.summary.title', { count: notifications.length }),
      body: t('notify.summary.body', { parts: activeTranslator().list(parts) }),
      incidentId: notifications[0]!.incidentId,
    },
  ]
}
