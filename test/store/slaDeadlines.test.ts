import { describe, expect, it } from 'vitest'
import { queueQuery } from '../../src-renderer/store/queue'
import { freshDatabase, outlookIncident, storeFor } from './storeHarness'

const MINUTE = 60_000

async function slaOf(db: ReturnType<typeof freshDatabase>, id: string) {
  const record = await db.incidents.get(id)
  return { clock: record?.slaClock, warningAt: record?.slaWarningAt, dueAt: record?.slaDueAt }
}

/**
 * The projection carries the running SLA clock's deadlines so the queue can sort and filter by
 * them with an index. Default policy: P1 = 15 min response, 4 h resolution, 24×7 calendar.
 */
describe('SLA deadlines on the projection', () => {
  it('follows a P1 through response, hold, resume and resolution', async () => {
    const db = freshDatabase()
    // The harness clock ticks one second per read of `now`; deadlines are checked to the minute.
    const { store, advance } = storeFor(db, undefined, Date.parse('2026-03-07T22:00:00Z'))
    const logged = await store.logIncident(outlookIncident({ shortDescription: 'Payroll system down', impact: 1, urgency: 1 }))
    if (!logged.ok) throw new Error(logged.refusal.message)
    const id = logged.incident.id
    const loggedAt = Date.parse(logged.incident.createdAt)

    const atLog = await slaOf(db, id)
    expect(atLog.clock).toBe('response')
    expect(Date.parse(atLog.dueAt!) - loggedAt).toBe(15 * MINUTE)
    expect(Date.parse(atLog.warningAt!) - loggedAt).toBeCloseTo(11.25 * MINUTE, -3)

    await store.execute({ action: 'acknowledge', incidentId: id })
    const working = await slaOf(db, id)
    expect(working.clock).toBe('resolution')
    expect(Date.parse(working.dueAt!) - loggedAt).toBe(4 * 60 * MINUTE)

    // A work note cannot move a clock: the deadlines stay as they were.
    await store.execute({ action: 'addWorkNote', incidentId: id, text: 'Database failover started.' })
    expect(await slaOf(db, id)).toEqual(working)

    await store.execute({ action: 'hold', incidentId: id, reason: 'awaiting_vendor' })
    expect(await slaOf(db, id)).toEqual({ clock: null, warningAt: null, dueAt: null })

    advance(30 * MINUTE)
    await store.execute({ action: 'resume', incidentId: id })
    const resumed = await slaOf(db, id)
    // Thirty minutes on hold push the resolution target back by about thirty minutes.
    expect(Date.parse(resumed.dueAt!) - Date.parse(working.dueAt!)).toBeGreaterThanOrEqual(30 * MINUTE)
    expect(Date.parse(resumed.dueAt!) - Date.parse(working.dueAt!)).toBeLessThan(31 * MINUTE)

    await store.execute({ action: 'resolve', incidentId: id, resolutionCode: 'solution_provided', resolutionNotes: 'Failover completed.' })
    expect(await slaOf(db, id)).toEqual({ clock: null, warningAt: null, dueAt: null })
  })

  it('lists running clocks by nearest deadline and finds the breached ones', async () => {
    const db = freshDatabase()
    const { store, advance } = storeFor(db, undefined, Date.parse('2026-03-04T09:00:00Z'))
    const p3 = await store.logIncident(outlookIncident({ shortDescription: 'Shared drive slow', impact: 2, urgency: 2 }))
    const p1 = await store.logIncident(outlookIncident({ shortDescription: 'Payroll system down', impact: 1, urgency: 1 }))
    const held = await store.logIncident(outlookIncident({ shortDescription: 'VPN drops', impact: 2, urgency: 1 }))
    if (!p3.ok || !p1.ok || !held.ok) throw new Error('setup failed')
    await store.execute({ action: 'acknowledge', incidentId: held.incident.id })
    await store.execute({ action: 'hold', incidentId: held.incident.id, reason: 'awaiting_change' })

    const due = await queueQuery(db, { scope: 'dueSoonest' })
    expect(due.map((incident) => incident.shortDescription)).toEqual(['Payroll system down', 'Shared drive slow'])

    advance(20 * MINUTE)
    const now = new Date(Date.parse('2026-03-04T09:00:00Z') + 21 * MINUTE).toISOString()
    expect((await queueQuery(db, { scope: 'breached', now })).map((incident) => incident.shortDescription)).toEqual(['Payroll system down'])
  })
})
