/**
 * A change of the SLA rules moves the running deadlines (store/deadlineShift.ts). Each row keeps
 * its running clock's tracks, so the recompute does not need the incident's events; rows written
 * before the tracks were kept read their history once and get them.
 */
import { describe, expect, it } from 'vitest'
import { DEFAULT_DOMAIN_CONFIG, type DomainConfig } from '../../src-shared/config/domainConfig'
import type { SlaRulesVersion } from '../../src-shared/sla/rulesHistory'
import { shiftOpenDeadlines } from '../../src-renderer/store/deadlineShift'
import { holdingsSlaDeadlines } from '../../src-renderer/store/fold'
import { incidentRowTables, readIncidentHoldings } from '../../src-renderer/store/refold'
import { LONDON_OFFICE } from '../shared/sla/calendars'
import { freshDatabase, outlookIncident, storeFor } from './storeHarness'

const HOUR = 3_600_000
const START = Date.parse('2026-03-02T09:00:00Z')

/** From `from` on, every priority counts on the London office's hours (09:00–17:00 London). */
function londonFrom(from: string): DomainConfig {
  const base = DEFAULT_DOMAIN_CONFIG
  const slaPolicy = Object.fromEntries(Object.entries(base.slaPolicy).map(([priority, targets]) => [priority, { ...targets, calendarId: LONDON_OFFICE.id }])) as DomainConfig['slaPolicy']
  const calendars = { ...base.calendars, [LONDON_OFFICE.id]: LONDON_OFFICE }
  const history: SlaRulesVersion[] = [
    { from: '', slaPolicy: base.slaPolicy, calendars: base.calendars },
    { from, slaPolicy, calendars },
  ]
  return { ...base, slaPolicy, calendars, slaHistory: history }
}

async function runningDesk() {
  const db = freshDatabase()
  const { store, advance } = storeFor(db, undefined, START)
  const ids: string[] = []
  for (const [impact, urgency] of [[1, 1], [2, 2], [3, 3], [2, 1]] as const) {
    const logged = await store.logIncident(outlookIncident({ impact, urgency }))
    if (!logged.ok) throw new Error(logged.refusal.message)
    ids.push(logged.incident.id)
    advance(HOUR)
  }
  // One clock paused and resumed, so its tracks hold two stretches.
  for (const command of [{ action: 'acknowledge' }, { action: 'hold', reason: 'awaiting_vendor' }, { action: 'resume' }] as const) {
    const done = await store.execute({ ...command, incidentId: ids[1]! })
    if (!done.ok) throw new Error(done.refusal.message)
    advance(2 * HOUR)
  }
  // The desk's clock now stands at START + 10 h.
  return { db, ids }
}

describe('moving running deadlines after a change of the rules', () => {
  it('keeps the running clock’s tracks on the row, and none once no clock runs', async () => {
    const { db, ids } = await runningDesk()
    const resumed = (await db.incidents.get(ids[1]!))!
    expect(resumed.slaTracks?.resolution.runs).toHaveLength(1)
    expect(resumed.slaTracks?.resolution.phase).toBe('running')
    const { store } = storeFor(db, undefined, START + 10 * HOUR)
    await store.execute({ action: 'hold', incidentId: ids[1]!, reason: 'awaiting_vendor' })
    expect((await db.incidents.get(ids[1]!))?.slaTracks).toBeUndefined()
  })

  it('gives every running incident the deadlines its whole history gives, without reading its events', async () => {
    const { db, ids } = await runningDesk()
    const nowIso = new Date(START + 12 * HOUR).toISOString()
    const config = londonFrom(new Date(START + 11 * HOUR).toISOString())
    const expected = await Promise.all(ids.map(async (id) => holdingsSlaDeadlines(await readIncidentHoldings(db, id), config, nowIso)))
    // The tracks are enough: the recompute reads no event (there are none left to read).
    await db.events.clear()
    const shift = await shiftOpenDeadlines(db, config, nowIso, { write: true })
    expect(shift.running).toBe(4)
    expect(shift.moved).toBeGreaterThan(0)
    for (const [index, id] of ids.entries()) {
      const row = (await db.incidents.get(id))!
      expect({ clock: row.slaClock, dueAt: row.slaDueAt }).toEqual({ clock: expected[index]!.clock, dueAt: expected[index]!.dueAt })
      // A warning reached already may keep the instant it was stored with: both are in the past.
      if (expected[index]!.warningAt! > nowIso) expect(row.slaWarningAt).toBe(expected[index]!.warningAt)
      else expect(row.slaWarningAt! <= nowIso).toBe(true)
    }
  })

  it('reads the history of a row written before the tracks were kept, and keeps them from then on', async () => {
    const { db, ids } = await runningDesk()
    const older = (await db.incidents.get(ids[0]!))!
    delete older.slaTracks
    await db.transaction('rw', incidentRowTables(db), () => db.incidents.put(older))
    const nowIso = new Date(START + 12 * HOUR).toISOString()
    // Rules unchanged: nothing moves, but the old row gets its tracks.
    const shift = await shiftOpenDeadlines(db, DEFAULT_DOMAIN_CONFIG, nowIso, { write: true })
    expect(shift.moved).toBe(0)
    const after = (await db.incidents.get(ids[0]!))!
    expect(after.slaTracks?.response.phase).toBe('running')
    expect(after.slaDueAt).toBe(older.slaDueAt)
  })

  it('only counts in a preview, writing nothing', async () => {
    const { db, ids } = await runningDesk()
    const before = await db.incidents.bulkGet(ids)
    const nowIso = new Date(START + 12 * HOUR).toISOString()
    const shift = await shiftOpenDeadlines(db, londonFrom(new Date(START + 11 * HOUR).toISOString()), nowIso, { write: false })
    expect(shift.moved).toBeGreaterThan(0)
    expect(await db.incidents.bulkGet(ids)).toEqual(before)
  })
})
