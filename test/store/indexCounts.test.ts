/**
 * The saved views' counts the queue shows before its row index has loaded
 * (src-renderer/store/indexCounts.ts) must be the counts the row index gives once loaded: for the
 * built-in views, for a viewer who may see security incidents and one who may not, at several
 * moments (SLA "at risk" moves with the clock), and counting stays honest (null) for a filter
 * no index answers.
 */
import { describe, expect, it } from 'vitest'
import { countViewsFromIndexes } from '../../src-renderer/store/indexCounts'
import { BUILT_IN_VIEWS } from '../../src-renderer/store/savedViews'
import { countMatches, defaultFilter } from '../../src-shared/queue/queueView'
import type { Actor } from '../../src-shared/incident/roles'
import { freshDatabase, outlookIncident, storeFor } from './storeHarness'

const MANAGER: Actor = { userId: 'u-sofia', displayName: 'Sofia Lindqvist', role: 'incident_manager' }
const OTHER = { userId: 'u-dmitri', displayName: 'Dmitri Volkov' }
const HOUR = 3_600_000

async function variedDesk() {
  const db = freshDatabase()
  const start = Date.parse('2026-03-02T09:00:00Z')
  const { store, advance } = storeFor(db, MANAGER, start)
  const ids: string[] = []
  for (let index = 0; index < 24; index++) {
    const logged = await store.logIncident(
      outlookIncident({
        shortDescription: `Case ${index}`,
        impact: ((index % 3) + 1) as 1 | 2 | 3,
        urgency: (((index >> 1) % 3) + 1) as 1 | 2 | 3,
        ...(index % 7 === 0 ? { category: 'security', subcategory: null } : {}),
      }),
    )
    if (!logged.ok) throw new Error(logged.refusal.message)
    ids.push(logged.incident.id)
    advance(HOUR / 2)
  }
  // Steps the lifecycle refuses (an incident manager may not work a security incident) are simply not taken.
  const run = (command: Parameters<typeof store.execute>[0]) => store.execute(command)
  for (const [index, incidentId] of ids.entries()) {
    if (index % 4 === 1) await run({ action: 'acknowledge', incidentId })
    if (index % 4 === 2) await run({ action: 'assign', incidentId, assignmentGroup: 'Network L2', assignee: OTHER })
    if (index % 5 === 3) await run({ action: 'resolve', incidentId, resolutionCode: 'workaround_provided', resolutionNotes: 'Done.' })
    if (index % 6 === 4) await run({ action: 'declareMajor', incidentId, incidentManager: { userId: MANAGER.userId, displayName: MANAGER.displayName }, reason: 'Many sites.' })
    // A major incident resolved keeps its flag: counted out of "Major incidents" by its state.
    if (index % 12 === 10) await run({ action: 'resolve', incidentId, resolutionCode: 'workaround_provided', resolutionNotes: 'Restored.' })
    if (index % 9 === 5) await run({ action: 'hold', incidentId, reason: 'awaiting_vendor', callerComment: null })
  }
  return { db, start }
}

describe('saved views counted from the store’s indexes', () => {
  it('equal the row index’s counts for every built-in view, viewer and moment', async () => {
    const { db, start } = await variedDesk()
    const rows = await db.queueRows.toArray()
    const filters = BUILT_IN_VIEWS.map((view) => view.view.filter)
    let nonZero = 0
    for (const hideSecurity of [false, true]) {
      for (const hours of [0, 4, 30, 200]) {
        const context = { userId: MANAGER.userId, nowMs: start + hours * HOUR, hideSecurity }
        const expected = countMatches(rows, filters, context)
        expect(await countViewsFromIndexes(db, filters, context)).toEqual(expected)
        nonZero += expected.filter((count) => count > 0).length
      }
    }
    // The desk exercises every view somewhere: mine, unassigned, at risk, majors, security hidden.
    expect(nonZero).toBeGreaterThan(20)
  })

  it('on a desk with more open incidents than a range is worth counting, counts All open and majors and leaves the rest to the row index', async () => {
    const { db, start } = await variedDesk()
    const rows = await db.queueRows.toArray()
    const context = { userId: MANAGER.userId, nowMs: start + 30 * HOUR, hideSecurity: false }
    const filters = BUILT_IN_VIEWS.map((view) => view.view.filter)
    const expected = countMatches(rows, filters, context)
    const open = expected[BUILT_IN_VIEWS.findIndex((view) => view.id === 'builtin-open')]!
    expect(open).toBeGreaterThan(3)
    const counted = await countViewsFromIndexes(db, filters, context, { openLimit: 3 })
    // All open and Major incidents exact; My work, Unassigned and SLA at risk left to the row index.
    const cheap = (index: number) => BUILT_IN_VIEWS[index]!.view.filter.assignment === 'any' && BUILT_IN_VIEWS[index]!.view.filter.sla === 'any'
    expect(counted).toEqual(expected.map((count, index) => (cheap(index) ? count : null)))
    expect(counted.filter((count) => count === null)).toHaveLength(3)
  })

  it('answers null for a filter no index counts, rather than a guess', async () => {
    const { db, start } = await variedDesk()
    const byPriority = { ...defaultFilter(), priorities: [1 as const] }
    expect(await countViewsFromIndexes(db, [byPriority], { userId: MANAGER.userId, nowMs: start })).toEqual([null])
  })
})
