import { describe, expect, it } from 'vitest'
import { checkPermission } from '../../src-shared/incident/lifecycle'
import type { Actor } from '../../src-shared/incident/roles'
import type { IncidentState } from '../../src-shared/incident/vocabulary'
import { NO_SLA_DEADLINES } from '../../src-shared/sla/deadlines'
import { BULK_ACTIONS, bulkAvailability, describeOutcome, runBulk } from '../../src-renderer/store/queueBulk'
import type { QueueRow } from '../../src-shared/queue/queueRow'
import { permissionSubject, toQueueRow } from '../../src-renderer/store/queueRows'
import { toRecord } from '../../src-renderer/store/records'
import { ALL_PEOPLE, incidentIn, people, reports } from '../fixtures/incidents'
import { AGENT, freshDatabase, outlookIncident, storeFor } from './storeHarness'

async function deskWith(count: number) {
  const db = freshDatabase()
  const harness = storeFor(db)
  const rows: QueueRow[] = []
  for (let index = 0; index < count; index += 1) {
    const logged = await harness.store.logIncident(outlookIncident({ shortDescription: `Laptop ${index + 1} will not boot after the update` }))
    if (!logged.ok) throw new Error(logged.refusal.message)
  }
  for (const record of await db.incidents.orderBy('number').toArray()) rows.push(toQueueRow(record))
  return { db, ...harness, rows }
}

describe('bulk actions from the queue', () => {
  it('runs the lifecycle per incident and reports each refusal by number with its reason', async () => {
    const { db, store, rows } = await deskWith(4)
    // INC0000002 was resolved meanwhile: it cannot be put on hold.
    await store.execute({ action: 'resolve', incidentId: rows[1]!.id, resolutionCode: 'solution_provided', resolutionNotes: 'Rebooted twice.' })
    await runBulk(store, rows, { action: 'acknowledge' })

    const progress: number[] = []
    const outcome = await runBulk(store, rows, { action: 'hold', reason: 'awaiting_vendor', callerComment: null }, {
      onProgress: ({ done }) => progress.push(done),
    })
    expect(progress).toEqual([1, 2, 3, 4])
    expect(outcome.changed).toEqual([rows[0]!.id, rows[2]!.id, rows[3]!.id])
    expect(outcome.refused).toEqual([
      { id: rows[1]!.id, number: 'INC0000002', reason: 'Cannot put on hold an incident that is Resolved; only when In Progress.' },
    ])
    expect(describeOutcome(outcome)).toBe(
      '1 of 4 not changed: INC0000002: Cannot put on hold an incident that is Resolved; only when In Progress. 3 incidents put on hold.',
    )
    const states = (await db.incidents.bulkGet(rows.map((row) => row.id))).map((record) => record?.state)
    expect(states).toEqual(['on_hold', 'resolved', 'on_hold', 'on_hold'])
  })

  it('assigns to me keeping each incident\'s own group, and escalates with the reason on record', async () => {
    const { db, store, rows } = await deskWith(2)
    await store.execute({ action: 'assign', incidentId: rows[0]!.id, assignmentGroup: 'Service Desk', assignee: null })
    const me = { userId: AGENT.userId, displayName: AGENT.displayName }
    const assigned = await runBulk(store, [toQueueRow((await db.incidents.get(rows[0]!.id))!), rows[1]!], {
      action: 'assign',
      assignmentGroup: undefined,
      assignee: me,
    })
    expect(describeOutcome(assigned)).toBe('2 incidents assigned.')
    const [first, second] = await db.incidents.bulkGet(rows.map((row) => row.id))
    expect([first?.assignmentGroup, first?.assignee]).toEqual(['Service Desk', me])
    expect([second?.assignmentGroup, second?.assignee]).toEqual([null, me])

    const escalated = await runBulk(store, rows, { action: 'escalate', toLevel: 2, toGroup: 'Desktop L2', reason: 'Needs a re-image.' })
    expect(escalated.refused).toEqual([])
    const again = await runBulk(store, rows, { action: 'escalate', toLevel: 2, toGroup: 'Desktop L2', reason: 'Still failing.' })
    expect(describeOutcome(again)).toBe(
      '2 of 2 not changed: INC0000001: Functional escalation goes up a level; this incident is already at L2. ' +
        'INC0000002: Functional escalation goes up a level; this incident is already at L2.',
    )
    const record = await db.incidents.get(rows[0]!.id)
    expect(record?.escalations.at(-1)).toMatchObject({ reason: 'Needs a re-image.', toGroup: 'Desktop L2', toLevel: 2 })
    expect(toQueueRow(record!).lastEscalation).toMatchObject({ reason: 'Needs a re-image.', toLevel: 2 })
  })

  it('stops between incidents when asked, and says the rest were not changed', async () => {
    const { store, rows } = await deskWith(3)
    let tried = 0
    const outcome = await runBulk(store, rows, { action: 'acknowledge' }, { shouldStop: () => tried++ >= 1 })
    expect(outcome.attempted).toBe(1)
    expect(describeOutcome(outcome)).toBe('1 incident taken. Stopped before the rest; they were not changed.')
  })

  it('lists five refusals by number and counts the rest', () => {
    const refused = Array.from({ length: 7 }, (_, index) => ({ id: `i${index}`, number: `INC000000${index}`, reason: 'No.' }))
    expect(describeOutcome({ action: 'resume', attempted: 7, changed: [], refused, stopped: false })).toBe(
      '7 of 7 not changed: INC0000000: No. INC0000001: No. INC0000002: No. INC0000003: No. INC0000004: No. And 2 more.',
    )
  })

  it('disables an action none of the selection allows, with the lifecycle\'s reason', async () => {
    const { rows } = await deskWith(2)
    const fieldTech: Actor = people.tomas
    const availability = new Map(bulkAvailability(rows, fieldTech).map((entry) => [entry.action, entry]))
    expect(availability.get('assign')).toEqual({ action: 'assign', allowed: 0, reason: 'A Field technician cannot assign.' })
    expect(availability.get('resume')).toMatchObject({ allowed: 0, reason: 'Cannot resume an incident that is New; only when On Hold.' })
    expect(availability.get('acknowledge')).toMatchObject({ allowed: 2, reason: null })
  })

  it('answers permissions from the compact row exactly as from the full incident, for every bulk action, role and state', () => {
    const states: IncidentState[] = ['new', 'in_progress', 'on_hold', 'resolved', 'closed', 'canceled']
    const incidents = [
      ...states.map((state) => incidentIn(state).incident),
      ...states.map((state) => incidentIn(state, { report: reports.cardReader, loggedBy: people.tomas }).incident),
      incidentIn('in_progress', { report: reports.emailOutage, major: true, assignee: people.sofia }).incident,
      incidentIn('new', { report: reports.phishingClick }).incident,
    ]
    let compared = 0
    for (const incident of incidents) {
      const subject = permissionSubject(toQueueRow(toRecord(incident, NO_SLA_DEADLINES)))
      for (const actor of ALL_PEOPLE) {
        for (const { lifecycleAction: action } of BULK_ACTIONS) {
          expect(checkPermission(subject, action, actor), `${action} by ${actor.role} on ${incident.state}`).toEqual(
            checkPermission(incident, action, actor),
          )
          compared += 1
        }
      }
    }
    expect(compared).toBe(incidents.length * ALL_PEOPLE.length * BULK_ACTIONS.length)
  })
})
