import { describe, expect, it } from 'vitest'
import type { Incident } from '../../src-shared/incident/incident'
import type { SlaDeadlines } from '../../src-shared/sla/deadlines'
import type { QueueRow } from '../../src-shared/queue/queueRow'
import { toQueueRow } from '../../src-renderer/store/queueRows'
import {
  compileFilter,
  countMatches,
  defaultFilter,
  defaultView,
  sameView,
  selectRows,
  slaStatus,
  sortRows,
  type QueueContext,
  type QueueFilter,
  type QueueViewDefinition,
} from '../../src-shared/queue/queueView'
import { toRecord } from '../../src-renderer/store/records'
import { BUILT_IN_VIEWS } from '../../src-renderer/store/savedViews'
import { createDesk, HOUR, incidentIn, MINUTE, people, personRef, reports } from '../fixtures/incidents'

/**
 * A morning on the desk, built through real commands (test/fixtures/incidents.ts), with SLA
 * deadlines set relative to NOW so each row sits where the test needs it.
 */
const desk = createDesk()
const NOW = desk.clock.nowMs + 10 * HOUR

function deadlines(warningInMinutes: number | null, dueInMinutes: number | null): SlaDeadlines {
  if (warningInMinutes === null || dueInMinutes === null) return { clock: null, warningAt: null, dueAt: null }
  return {
    clock: 'resolution',
    warningAt: new Date(NOW + warningInMinutes * MINUTE).toISOString(),
    dueAt: new Date(NOW + dueInMinutes * MINUTE).toISOString(),
  }
}

const emailOutage = incidentIn('in_progress', { desk, report: reports.emailOutage, assignee: people.sofia, major: true }).incident
const printer = incidentIn('new', { desk, report: reports.printerJams }).incident
const vpn = incidentIn('in_progress', { desk, report: reports.vpnDrops, assignee: people.grace }).incident
const phishing = incidentIn('new', { desk, report: reports.phishingClick }).incident
const outlook = incidentIn('on_hold', { desk, report: reports.outlookPassword, assignee: people.grace }).incident
const cardReader = incidentIn('resolved', { desk, report: reports.cardReader, loggedBy: people.tomas }).incident
const duplicate = incidentIn('canceled', { desk, report: reports.printerJams }).incident
// The printer on the 3rd floor turned out to need the hardware team: escalated to L2.
desk.run(
  { action: 'escalate', incidentId: printer.id, escalation: { kind: 'functional', toLevel: 2, toGroup: 'Hardware L2', reason: 'Needs a new fuser unit.' } },
  people.grace,
)
const printerEscalated = desk.get(printer.id)

function row(incident: Incident, sla: SlaDeadlines): QueueRow {
  return toQueueRow(toRecord(incident, sla))
}

const ROWS: QueueRow[] = [
  row(emailOutage, deadlines(-60, -5)), // breached
  row(printerEscalated, deadlines(-10, 30)), // warning
  row(vpn, deadlines(60, 120)), // on track
  row(phishing, deadlines(-30, -1)), // breached
  row(outlook, deadlines(null, null)), // paused on hold
  row(cardReader, deadlines(null, null)), // stopped at resolved
  row(duplicate, deadlines(null, null)),
]

const GRACE: QueueContext = { userId: people.grace.userId, nowMs: NOW }

function numbersOf(rows: readonly QueueRow[]): string[] {
  return rows.map((candidate) => candidate.shortDescription)
}

function view(filter: Partial<QueueFilter>, sort: QueueViewDefinition['sort'] = defaultView().sort): QueueViewDefinition {
  return { filter: { ...defaultFilter(), ...filter }, sort }
}

describe('the queue view over compact rows', () => {
  it('shows open incidents by default, the most urgent first and the longest waiting first within a priority', () => {
    expect(numbersOf(selectRows(ROWS, defaultView(), GRACE))).toEqual([
      reports.emailOutage.shortDescription, // P1
      reports.vpnDrops.shortDescription, // P2, logged before the phishing report
      reports.phishingClick.shortDescription, // P2
      reports.printerJams.shortDescription, // P3
      reports.outlookPassword.shortDescription, // P4, on hold
    ])
  })

  it('combines facets with AND and the values of one facet with OR', () => {
    expect(numbersOf(selectRows(ROWS, view({ assignment: 'mine' }), GRACE))).toEqual([
      reports.vpnDrops.shortDescription,
      reports.outlookPassword.shortDescription,
    ])
    expect(numbersOf(selectRows(ROWS, view({ assignment: 'mine', priorities: [2] }), GRACE))).toEqual([reports.vpnDrops.shortDescription])
    expect(numbersOf(selectRows(ROWS, view({ assignment: 'mine', priorities: [1, 4] }), GRACE))).toEqual([
      reports.outlookPassword.shortDescription,
    ])
    expect(numbersOf(selectRows(ROWS, view({ assignment: 'unassigned', sla: 'breached' }), GRACE))).toEqual([
      reports.phishingClick.shortDescription,
    ])
  })

  it('filters by level after a functional escalation, by category, major and security', () => {
    expect(numbersOf(selectRows(ROWS, view({ levels: [2] }), GRACE))).toEqual([reports.printerJams.shortDescription])
    expect(numbersOf(selectRows(ROWS, view({ categories: ['software'] }), GRACE))).toEqual([
      reports.emailOutage.shortDescription,
      reports.outlookPassword.shortDescription,
    ])
    expect(numbersOf(selectRows(ROWS, view({ majorOnly: true }), GRACE))).toEqual([reports.emailOutage.shortDescription])
    expect(numbersOf(selectRows(ROWS, view({ securityOnly: true }), GRACE))).toEqual([reports.phishingClick.shortDescription])
  })

  it('tells SLA warning from breached, and leaves paused and stopped clocks out of both', () => {
    expect(numbersOf(selectRows(ROWS, view({ sla: 'warning' }), GRACE))).toEqual([reports.printerJams.shortDescription])
    expect(numbersOf(selectRows(ROWS, view({ sla: 'breached' }), GRACE))).toEqual([
      reports.emailOutage.shortDescription,
      reports.phishingClick.shortDescription,
    ])
    expect(selectRows(ROWS, view({ sla: 'at_risk' }), GRACE)).toHaveLength(3)
  })

  it('reads the SLA boundaries inclusively: at the warning instant it warns, at the due instant it is breached', () => {
    const due = { slaWarningMs: 1_000, slaDueMs: 2_000 }
    expect(slaStatus(due, 999)).toBe('on_track')
    expect(slaStatus(due, 1_000)).toBe('warning')
    expect(slaStatus(due, 1_999)).toBe('warning')
    expect(slaStatus(due, 2_000)).toBe('breached')
    expect(slaStatus({ slaWarningMs: null, slaDueMs: null }, 2_000)).toBe('none')
  })

  it('includes closed work when the state filter asks for it, and every state when it is empty', () => {
    expect(numbersOf(selectRows(ROWS, view({ states: ['resolved', 'canceled'] }), GRACE)).sort()).toEqual(
      [reports.cardReader.shortDescription, reports.printerJams.shortDescription].sort(),
    )
    expect(selectRows(ROWS, view({ states: [] }), GRACE)).toHaveLength(ROWS.length)
  })

  it('sorts by any column both ways, with empty values last either way', () => {
    const byCallerAsc = selectRows(ROWS, view({}, { column: 'caller', direction: 'asc' }), GRACE).map((candidate) => candidate.callerName)
    expect(byCallerAsc).toEqual([...byCallerAsc].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())))
    const byAssigneeAsc = selectRows(ROWS, view({}, { column: 'assignee', direction: 'asc' }), GRACE).map((candidate) => candidate.assigneeName)
    const byAssigneeDesc = selectRows(ROWS, view({}, { column: 'assignee', direction: 'desc' }), GRACE).map((candidate) => candidate.assigneeName)
    expect(byAssigneeAsc).toEqual(['Grace Okafor', 'Grace Okafor', 'Sofia Lindqvist', null, null])
    expect(byAssigneeDesc).toEqual(['Sofia Lindqvist', 'Grace Okafor', 'Grace Okafor', null, null])
    const bySla = selectRows(ROWS, view({}, { column: 'slaTimeLeft', direction: 'asc' }), GRACE).map((candidate) => candidate.shortDescription)
    expect(bySla).toEqual([
      reports.emailOutage.shortDescription, // 5 min overdue
      reports.phishingClick.shortDescription, // 1 min overdue
      reports.printerJams.shortDescription,
      reports.vpnDrops.shortDescription,
      reports.outlookPassword.shortDescription, // paused: no time left to show
    ])
  })

  it('keeps a total order: equal keys fall back to priority, then the longest waiting', () => {
    const byLevel = sortRows(ROWS, { column: 'level', direction: 'asc' })
    expect(byLevel.map((candidate) => candidate.level)).toEqual([1, 1, 1, 1, 1, 1, 2])
    expect(byLevel.slice(0, 3).map((candidate) => candidate.priority)).toEqual([1, 2, 2])
    expect(sortRows([...ROWS].reverse(), { column: 'level', direction: 'asc' })).toEqual(byLevel)
  })

  it('counts every view in one pass, and each count equals the rows the view shows', () => {
    const filters = BUILT_IN_VIEWS.map((builtIn) => builtIn.view.filter)
    const counts = countMatches(ROWS, filters, GRACE)
    expect(counts).toEqual(filters.map((filter) => ROWS.filter(compileFilter(filter, GRACE)).length))
    expect(counts).toEqual([5, 2, 2, 3, 1])
  })

  it('treats two views as the same whatever order their values were picked in', () => {
    expect(sameView(view({ priorities: [1, 2] }), view({ priorities: [2, 1] }))).toBe(true)
    expect(sameView(view({ priorities: [1, 2] }), view({ priorities: [1] }))).toBe(false)
    expect(sameView(view({}), view({}, { column: 'priority', direction: 'desc' }))).toBe(false)
  })

  it('marks what was escalated, and why, on the row', () => {
    const escalated = ROWS.find((candidate) => candidate.id === printer.id)!
    expect(escalated.lastEscalation).toMatchObject({ kind: 'functional', reason: 'Needs a new fuser unit.', toLevel: 2, toGroup: 'Hardware L2' })
    expect(escalated.escalationCount).toBe(1)
    expect(ROWS.find((candidate) => candidate.id === vpn.id)!.lastEscalation).toBeNull()
  })

  it('keeps the assignee person of the row apart from the group', () => {
    const assigned = ROWS.find((candidate) => candidate.id === vpn.id)!
    expect(assigned).toMatchObject({ assigneeId: people.grace.userId, assigneeName: personRef(people.grace).displayName, assignmentGroup: 'Service Desk' })
  })
})

describe('security visibility in the queue', () => {
  it('leaves security incidents out for someone outside the security group, whatever the filter', () => {
    const agent: QueueContext = { ...GRACE, hideSecurity: true }
    expect(selectRows(ROWS, view({ securityOnly: true }), agent)).toEqual([])
    expect(numbersOf(selectRows(ROWS, defaultView(), agent))).not.toContain(reports.phishingClick.shortDescription)
    expect(countMatches(ROWS, [defaultFilter()], agent)).toEqual([4])
  })
})
