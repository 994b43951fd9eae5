import { describe, expect, it } from 'vitest'
import { createQueueIndex } from '../../src-renderer/store/queueIndex'
import type { QueueRow } from '../../src-shared/queue/queueRow'
import {
  compareRows,
  countMatches,
  defaultFilter,
  QUEUE_COLUMNS,
  selectRows,
  sortRows,
  type QueueContext,
  type QueueFilter,
  type QueueViewDefinition,
} from '../../src-shared/queue/queueView'
import { BUILT_IN_VIEWS } from '../../src-renderer/store/savedViews'
import type { IncidentState } from '../../src-shared/incident/vocabulary'

const NOW = Date.parse('2026-03-02T12:00:00Z')
const MINUTE = 60_000
const STATES: readonly IncidentState[] = ['new', 'in_progress', 'on_hold', 'resolved', 'closed', 'canceled']
const CALLERS = ['Grace Okafor', 'dmitri Volkov', 'Sofia Lindqvist', 'Émile Durand', 'grace okafor']
const GROUPS = [null, 'Service Desk', 'Network L2', 'Security Operations']
const PEOPLE = [null, ['u-grace', 'Grace Okafor'], ['u-tomas', 'Tomás Herrera']] as const

/** A small deterministic generator (no Math.random: a failure replays). */
function generator(seed: number) {
  let state = seed
  return (below: number) => {
    state = (state * 1103515245 + 12345) % 2 ** 31
    return state % below
  }
}

/** Rows with repeated keys, empty values and equal timestamps, so ties and "empty last" are exercised. */
function randomRow(random: (below: number) => number, id: string): QueueRow {
  const state = STATES[random(STATES.length)]!
  const running = state === 'new' || state === 'in_progress'
  const dueMs = NOW + (random(12) - 6) * 30 * MINUTE
  const person = PEOPLE[random(PEOPLE.length)]!
  const updatedMs = NOW - random(5) * MINUTE
  return {
    id,
    number: `INC${id.slice(-7)}`,
    numberIsProvisional: false,
    priority: (random(5) + 1) as QueueRow['priority'],
    state,
    shortDescription: ['VPN drops', 'vpn drops', 'Printer jams', 'Outlook asks for password'][random(4)]!,
    callerName: CALLERS[random(CALLERS.length)]!,
    callerVip: false,
    category: [null, 'network', 'hardware', 'Software'][random(4)]!,
    level: (random(3) + 1) as QueueRow['level'],
    assignmentGroup: GROUPS[random(GROUPS.length)]!,
    assigneeId: person ? person[0] : '',
    assigneeName: person ? person[1] : null,
    slaClock: running ? 'resolution' : null,
    slaWarningMs: running ? dueMs - 60 * MINUTE : null,
    slaDueMs: running ? dueMs : null,
    updatedAt: new Date(updatedMs).toISOString(),
    updatedMs,
    isMajor: random(20) === 0,
    isSecurity: random(10) === 0,
    needsAttention: false,
    createdById: 'u-grace',
    escalatedFunctionally: false,
    lastEscalation: null,
    escalationCount: 0,
    eventCount: 1,
  }
}

const idOf = (index: number) => `0190${String(index).padStart(12, '0')}`
const ids = (rows: readonly QueueRow[]) => rows.map((row) => row.id)

const VIEWS: QueueViewDefinition[] = [
  ...BUILT_IN_VIEWS.map((saved) => saved.view),
  { filter: { ...defaultFilter(), states: [] }, sort: { column: 'caller', direction: 'asc' } },
  { filter: { ...defaultFilter(), assignment: 'mine', sla: 'at_risk' }, sort: { column: 'slaTimeLeft', direction: 'asc' } },
  { filter: { ...defaultFilter(), priorities: [1, 2] }, sort: { column: 'assignee', direction: 'desc' } },
  { filter: { ...defaultFilter(), states: ['resolved', 'closed'] }, sort: { column: 'updated', direction: 'desc' } },
]
const FILTERS: QueueFilter[] = VIEWS.map((view) => view.filter)

describe('the queue index', () => {
  it('places a row by the same order the full sort gives, for every column both ways', () => {
    const random = generator(7)
    const rows = Array.from({ length: 300 }, (_, index) => randomRow(random, idOf(index)))
    for (const column of QUEUE_COLUMNS) {
      for (const direction of ['asc', 'desc'] as const) {
        const sorted = sortRows(rows, { column, direction })
        expect(ids([...rows].sort(compareRows({ column, direction }))), `${column} ${direction}`).toEqual(ids(sorted))
      }
    }
  })

  it('keeps every view and every count equal to a full recompute while rows change, appear and vanish', () => {
    const random = generator(42)
    let rows = new Map<string, QueueRow>()
    for (let index = 0; index < 400; index += 1) rows.set(idOf(index), randomRow(random, idOf(index)))
    const index = createQueueIndex(rows.values())
    let context: QueueContext = { userId: 'u-grace', nowMs: NOW }
    // Build the orders and the counters first, so the changes below must maintain them.
    for (const view of VIEWS) index.select(view, context)
    index.counts(FILTERS, context)

    let nextId = 400
    for (let round = 0; round < 60; round += 1) {
      const changed: QueueRow[] = []
      const removed: string[] = []
      const present = [...rows.keys()]
      for (let change = 0; change < 1 + random(4); change += 1) {
        const pick = random(10)
        if (pick < 6) changed.push(randomRow(random, present[random(present.length)]!))
        else if (pick < 8) changed.push(randomRow(random, idOf(nextId++)))
        else removed.push(present[random(present.length)]!)
      }
      index.apply(changed, removed)
      rows = new Map(rows)
      for (const row of changed) rows.set(row.id, row)
      for (const id of removed) rows.delete(id)
      // The clock moves now and then: SLA warning and breached change with it.
      if (round % 7 === 0) context = { ...context, nowMs: context.nowMs + 20 * MINUTE }

      const all = [...rows.values()]
      for (const view of VIEWS) {
        const expected = selectRows(all, view, context)
        const shown = index.select(view, context)
        // The table reads a window first (here: from the middle), then whatever it scrolls to.
        const middle = Math.floor(expected.length / 2)
        expect(shown.at(middle)?.id, `round ${round}`).toBe(expected[middle]?.id)
        expect(shown.length, `round ${round}`).toBe(expected.length)
        expect(ids(shown.slice()), `round ${round}`).toEqual(ids(expected))
      }
      expect(index.counts(FILTERS, context), `round ${round}`).toEqual(countMatches(all, FILTERS, context))
    }
    expect(index.size).toBe(rows.size)
  })

  it('stays right after a change too large to move row by row (a bulk edit of thousands)', () => {
    const random = generator(3)
    const initial = Array.from({ length: 3000 }, (_, position) => randomRow(random, idOf(position)))
    const index = createQueueIndex(initial)
    const context: QueueContext = { userId: 'u-tomas', nowMs: NOW, hideSecurity: true }
    index.select(VIEWS[5]!, context)
    index.counts(FILTERS, context)
    const changed = initial.slice(0, 2500).map((row) => randomRow(random, row.id))
    index.apply(changed, [initial[2999]!.id])
    const all = [...changed, ...initial.slice(2500, 2999)]
    for (const view of VIEWS) expect(ids(index.select(view, context).slice())).toEqual(ids(selectRows(all, view, context)))
    expect(index.counts(FILTERS, context)).toEqual(countMatches(all, FILTERS, context))
  })

  it('offers the groups, people and categories still on the desk, leaving security incidents out for those who may not see them', () => {
    const random = generator(5)
    const base = randomRow(random, idOf(1))
    const network = { ...base, id: idOf(1), assignmentGroup: 'Network L2', category: 'network', assigneeId: 'u-grace', assigneeName: 'Grace Okafor', isSecurity: false }
    const security = { ...base, id: idOf(2), assignmentGroup: 'Security Operations', category: 'security', assigneeId: 'u-sam', assigneeName: 'Sam Ito', isSecurity: true }
    const index = createQueueIndex([network, security])
    expect(index.pickers(true)).toEqual({
      groups: ['Network L2', 'Security Operations'],
      people: [
        { userId: 'u-grace', displayName: 'Grace Okafor' },
        { userId: 'u-sam', displayName: 'Sam Ito' },
      ],
      categories: ['network', 'security'],
    })
    expect(index.pickers(false)).toEqual({ groups: ['Network L2'], people: [{ userId: 'u-grace', displayName: 'Grace Okafor' }], categories: ['network'] })
    // The last incident of a group moves elsewhere: the group leaves the pickers.
    index.apply([{ ...network, assignmentGroup: 'Service Desk' }], [idOf(2)])
    expect(index.pickers(true).groups).toEqual(['Service Desk'])
    expect(index.pickers(true).people).toEqual([{ userId: 'u-grace', displayName: 'Grace Okafor' }])
  })
})
