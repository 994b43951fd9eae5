/**
 * Notifications (issue: SLA warning and breach, assignment to me, major incident declared;
 * configurable): the rules decide what is news for whom, the watcher finds it in the store and
 * hands it over once, and main shows it as an OS notification.
 */
import { describe, expect, it, vi } from 'vitest'
import { createNotificationWatcher } from '../../src-renderer/notifications/notificationWatcher'
import { readNotificationPreferences, saveNotificationPreferences } from '../../src-renderer/notifications/notificationPreferences'
import {
  batchForDelivery,
  DEFAULT_NOTIFICATION_PREFERENCES,
  notificationsForEvents,
  notificationsForSla,
  type DeskNotification,
  type NotificationPreferences,
} from '../../src-renderer/notifications/notificationRules'
import { createNotificationHandlers } from '../../src-main/notifications/notificationHandlers'
import type { Actor } from '../../src-shared/incident/roles'
import { createDesk, HOUR, incidentIn, MINUTE, nowIso, people, personRef, reports } from '../fixtures/incidents'
import { freshDatabase, outlookIncident, storeFor } from '../store/storeHarness'
import type { IncidentDeskDatabase } from '../../src-renderer/store/database'
import { slaCrossings, visibleIncidents } from '../../src-renderer/store/incidentLookups'
import type { NotificationReads } from '../../src-renderer/notifications/notificationWatcher'

/** The watcher's reads straight off the store, as the data worker answers them. */
function storeReads(db: IncidentDeskDatabase): NotificationReads {
  return {
    slaCrossings: (since, until, actor) => slaCrossings(db, since, until, actor),
    visibleIncidents: (ids, actor) => visibleIncidents(db, ids, actor),
    configEntries: (keys) => db.config.bulkGet([...keys]),
  }
}

const prefs = (changes: Partial<NotificationPreferences> = {}): NotificationPreferences => ({ ...DEFAULT_NOTIFICATION_PREFERENCES, ...changes })

describe('which events are news', () => {
  it('tells the assignee when someone else assigns them, and nobody when they assign themselves', () => {
    const desk = createDesk()
    const incident = desk.log(reports.printerJams, people.grace)
    const [byGrace] = desk.run({ action: 'assign', incidentId: incident.id, assignmentGroup: 'Service Desk', assignee: personRef(people.dmitri) }, people.grace)
    const context = (actor: Actor) => ({ actor, preferences: prefs(), now: Date.parse(byGrace!.occurredAt) + MINUTE, incidentOf: desk.find })
    const forDmitri = notificationsForEvents([byGrace!], context(people.dmitri))
    expect(forDmitri).toEqual([expect.objectContaining({ kind: 'assignedToMe', title: `${incident.number} assigned to you`, incidentId: incident.id })])
    expect(forDmitri[0]!.body).toContain(people.grace.displayName)
    expect(notificationsForEvents([byGrace!], context(people.grace))).toEqual([])
    expect(notificationsForEvents([byGrace!], context(people.aiko))).toEqual([])
  })

  it('announces a declared major incident to everyone who can see it, unless they turned that off', () => {
    const { desk, incident } = incidentIn('in_progress', { report: reports.emailOutage })
    const [declared] = desk.run({ action: 'declareMajor', incidentId: incident.id, incidentManager: personRef(people.sofia), reason: 'Mail down at every site.' }, people.sofia)
    const now = Date.parse(declared!.occurredAt)
    const news = notificationsForEvents([declared!], { actor: people.grace, preferences: prefs(), now, incidentOf: desk.find })
    expect(news.map((item) => item.title)).toEqual([`Major incident declared: ${incident.number}`])
    const quiet = prefs({ enabled: { ...DEFAULT_NOTIFICATION_PREFERENCES.enabled, majorDeclared: false } })
    expect(notificationsForEvents([declared!], { actor: people.grace, preferences: quiet, now, incidentOf: desk.find })).toEqual([])
  })

  it('keeps security incidents to the security group, and stays quiet about old events arriving after a long offline spell', () => {
    const { desk, incident } = incidentIn('in_progress', { report: reports.phishingClick, loggedBy: people.priya, assignee: people.priya })
    const [declared] = desk.run({ action: 'declareMajor', incidentId: incident.id, incidentManager: personRef(people.alex), reason: 'Credential theft.' }, people.alex)
    const now = Date.parse(declared!.occurredAt)
    expect(notificationsForEvents([declared!], { actor: people.grace, preferences: prefs(), now, incidentOf: desk.find })).toEqual([])
    expect(notificationsForEvents([declared!], { actor: people.priya, preferences: prefs(), now, incidentOf: desk.find })).toHaveLength(1)
    expect(notificationsForEvents([declared!], { actor: people.priya, preferences: prefs(), now: now + 2 * HOUR, incidentOf: desk.find })).toEqual([])
  })
})

describe('SLA thresholds', () => {
  it('reports a warning or a breach crossed in the window, for the chosen scope', () => {
    const { incident: mine } = incidentIn('in_progress', { assignee: people.dmitri })
    const { incident: unassigned } = incidentIn('new')
    const { incident: others } = incidentIn('in_progress', { assignee: people.aiko })
    const window = { since: Date.parse('2026-03-02T09:00:00Z'), now: Date.parse('2026-03-02T09:00:30Z') }
    const inWindow = '2026-03-02T09:00:10.000Z'
    const candidates = [
      { incident: mine, slaWarningAt: inWindow, slaDueAt: '2026-03-02T11:00:00.000Z' },
      { incident: unassigned, slaWarningAt: '2026-03-02T08:00:00.000Z', slaDueAt: inWindow },
      { incident: others, slaWarningAt: inWindow, slaDueAt: null },
    ]
    const kinds = (scope: NotificationPreferences['slaScope']) =>
      notificationsForSla(candidates, window, { actor: people.dmitri, preferences: prefs({ slaScope: scope }) }).map((item) => [item.incidentId, item.kind])
    expect(kinds('mine')).toEqual([[mine.id, 'slaWarning']])
    expect(kinds('mineAndUnassigned')).toEqual([
      [mine.id, 'slaWarning'],
      [unassigned.id, 'slaBreach'],
    ])
    expect(kinds('all')).toHaveLength(3)
  })

  it('does not report a threshold outside the window (already reported, or not yet reached)', () => {
    const { incident } = incidentIn('in_progress', { assignee: people.dmitri })
    const window = { since: Date.parse('2026-03-02T09:00:00Z'), now: Date.parse('2026-03-02T09:00:30Z') }
    const candidates = [{ incident, slaWarningAt: '2026-03-02T09:00:00.000Z', slaDueAt: '2026-03-02T09:00:31.000Z' }]
    expect(notificationsForSla(candidates, window, { actor: people.dmitri, preferences: prefs() })).toEqual([])
  })
})

describe('delivery in bulk', () => {
  it('turns more than three at once into one summary that counts each kind', () => {
    const items: DeskNotification[] = ['a', 'b', 'c', 'd', 'e'].map((key, index) => ({
      key,
      kind: index < 3 ? 'assignedToMe' : 'slaBreach',
      title: key,
      body: key,
      incidentId: key,
    }))
    expect(batchForDelivery(items.slice(0, 3))).toHaveLength(3)
    const [summary] = batchForDelivery(items)
    expect(summary!.title).toBe('5 incidents need your attention')
    expect(summary!.body).toBe('2 past their SLA and 3 assigned to you.')
  })
})

describe('the watcher over the local store', () => {
  it('finds SLA thresholds crossed since its last check through the store indexes, and reports each once', async () => {
    const db = freshDatabase()
    const { store, session } = storeFor(db, { ...people.grace })
    const logged = await store.logIncident(outlookIncident())
    if (!logged.ok) throw new Error(logged.refusal.message)
    const record = (await db.incidents.get(logged.incident.id))!
    expect(record.slaWarningAt).not.toBeNull()
    let clock = Date.parse(record.slaWarningAt!) - MINUTE
    const delivered: DeskNotification[] = []
    const watcher = createNotificationWatcher({ reads: storeReads(db), session, deliver: (item) => delivered.push(item), now: () => clock })
    await watcher.checkSla()
    expect(delivered).toEqual([])
    clock += 2 * MINUTE
    await watcher.checkSla()
    expect(delivered.map((item) => item.kind)).toEqual(['slaWarning'])
    await watcher.checkSla()
    expect(delivered).toHaveLength(1)
  })

  it('follows saved preferences: a person who turned SLA warnings off gets none', async () => {
    const db = freshDatabase()
    const { store, session } = storeFor(db, { ...people.grace })
    const logged = await store.logIncident(outlookIncident())
    if (!logged.ok) throw new Error(logged.refusal.message)
    await saveNotificationPreferences(db, prefs({ enabled: { ...DEFAULT_NOTIFICATION_PREFERENCES.enabled, slaWarning: false } }))
    expect((await readNotificationPreferences(db)).enabled.slaWarning).toBe(false)
    const record = (await db.incidents.get(logged.incident.id))!
    let clock = Date.parse(record.slaWarningAt!) - MINUTE
    const delivered: DeskNotification[] = []
    const watcher = createNotificationWatcher({ reads: storeReads(db), session, deliver: (item) => delivered.push(item), now: () => clock })
    clock += 2 * MINUTE
    await watcher.checkSla()
    expect(delivered).toEqual([])
  })

  it('reads stored preferences that no longer fit the schema as the defaults', async () => {
    const db = freshDatabase()
    await db.config.put({ key: 'notifications.preferences', value: { enabled: 'yes' }, updatedAt: nowIso(createDesk().clock) })
    expect(await readNotificationPreferences(db)).toEqual(DEFAULT_NOTIFICATION_PREFERENCES)
  })
})

describe('main shows OS notifications', () => {
  it('shows one and focuses the window on click; answers false where the OS has none', async () => {
    const listeners: (() => void)[] = []
    const show = vi.fn()
    const focusWindow = vi.fn()
    const supported = { isSupported: () => true, create: vi.fn(() => ({ on: (_event: 'click', listener: () => void) => listeners.push(listener), show })) }
    const handler = createNotificationHandlers({ notifications: supported, focusWindow })['notify.show']
    const [notification] = handler.parseArguments([{ title: 'SLA breached: INC0000042', body: 'Past its target.' }])
    expect(await handler.handle(notification)).toBe(true)
    expect(show).toHaveBeenCalledOnce()
    listeners[0]!()
    expect(focusWindow).toHaveBeenCalledOnce()

    const unsupported = createNotificationHandlers({ notifications: { isSupported: () => false, create: vi.fn() }, focusWindow })['notify.show']
    expect(await unsupported.handle(notification)).toBe(false)
  })

  it('refuses malformed arguments from the renderer', () => {
    const handler = createNotificationHandlers({ notifications: { isSupported: () => true, create: vi.fn() }, focusWindow: vi.fn() })['notify.show']
    expect(() => handler.parseArguments([{ title: '', body: 'x' }])).toThrow(TypeError)
    expect(() => handler.parseArguments([{ title: 'x'.repeat(201), body: '' }])).toThrow(TypeError)
    expect(() => handler.parseArguments([{ title: 'ok', body: 'ok', onClick: 'evil()' }])).toThrow(TypeError)
    expect(() => handler.parseArguments([])).toThrow(TypeError)
  })
})
