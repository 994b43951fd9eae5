import { describe, expect, it, vi } from 'vitest'
import type { LogIncidentInput } from '../../src-renderer/store/incidentStore'
import { commitImport } from '../../src-renderer/import/commitImport'
import { freshDatabase, outlookIncident, snapshot, storeFor } from './storeHarness'

function imported(index: number, overrides: Partial<LogIncidentInput> = {}): LogIncidentInput {
  return outlookIncident({
    shortDescription: `Imported incident ${index}`,
    origin: { system: 'ServiceNow', number: `INC00100${index}`, openedAt: '2024-03-05T13:30:00.000Z', closedAt: null, state: 'New' },
    ...overrides,
  })
}

describe('importing incidents in one transaction', () => {
  it('logs every row with its origin, numbers them in sequence, and queues every event', async () => {
    const db = freshDatabase()
    const { store } = storeFor(db)
    const progress: number[] = []
    const result = await store.logIncidents([imported(1), imported(2), imported(3)], (done) => progress.push(done))
    expect(result.ok).toBe(true)
    const state = await snapshot(db)
    const byNumber = new Map(state.incidents.map((incident) => [incident.number, incident]))
    expect(byNumber.get('INC0000001')?.origin).toEqual({ system: 'ServiceNow', number: 'INC001001', openedAt: '2024-03-05T13:30:00.000Z', closedAt: null, state: 'New' })
    expect(byNumber.get('INC0000003')?.shortDescription).toBe('Imported incident 3')
    expect(state.incidents.map((incident) => incident.origin?.number).sort()).toEqual(['INC001001', 'INC001002', 'INC001003'])
    expect(state.incidents.map((incident) => incident.number).sort()).toEqual(['INC0000001', 'INC0000002', 'INC0000003'])
    expect(state.events).toHaveLength(3)
    expect(state.outbox).toHaveLength(3)
    expect(progress).toEqual([1, 2, 3])
  })

  it('imports nothing when row N is refused: zero incidents, zero events, zero outbox entries, no number used', async () => {
    const db = freshDatabase()
    const { store } = storeFor(db)
    const before = await snapshot(db)
    const rows = [imported(1), imported(2), imported(3, { shortDescription: '   ' }), imported(4)]
    const result = await store.logIncidents(rows)
    expect(result).toEqual({ ok: false, index: 2, refusal: expect.objectContaining({ message: expect.stringContaining('hort description') }) })
    const after = await snapshot(db)
    expect(after.incidents).toEqual([])
    expect(after.events).toEqual([])
    expect(after.outbox).toEqual([])
    expect(after.meta).toEqual(before.meta)
    // The next incident still gets the first number.
    const next = await store.logIncident(outlookIncident())
    expect(next.ok && next.incident.number).toBe('INC0000001')
  })

  it('imports nothing when the disk fails part-way', async () => {
    const db = freshDatabase()
    const { store } = storeFor(db)
    const real = db.outbox.bulkAdd.bind(db.outbox)
    let calls = 0
    const spy = vi.spyOn(db.outbox, 'bulkAdd').mockImplementation(((...args: Parameters<typeof real>) => {
      calls += 1
      if (calls === 3) return Promise.reject(new Error('QuotaExceededError'))
      return real(...args)
    }) as typeof real)
    const result = await store.logIncidents([imported(1), imported(2), imported(3), imported(4)])
    spy.mockRestore()
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.refusal).toMatchObject({ code: 'storage_failed', message: expect.stringContaining('Nothing was changed') })
    const after = await snapshot(db)
    expect([after.incidents.length, after.events.length, after.outbox.length]).toEqual([0, 0, 0])
  })

  it('names the file line of the refused row', async () => {
    const db = freshDatabase()
    const { store } = storeFor(db)
    const result = await commitImport(store, [
      { line: 2, incident: imported(1) },
      { line: 5, incident: imported(2, { caller: { name: '' } }) },
    ])
    expect(result).toEqual({ ok: false, line: 5, message: expect.stringMatching(/^Line 5: .*Nothing was imported\.$/) })
    expect(await db.incidents.count()).toBe(0)
  })
})
