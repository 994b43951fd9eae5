import { describe, expect, it } from 'vitest'
import { readStateCounts } from '../../src-renderer/store/counters'
import { pendingOutboxCount, refusedOutboxCount } from '../../src-renderer/store/queue'
import { people, personRef, reports } from '../fixtures/incidents'
import { eventsOf, expectConsistent, incidentsOf, logIncident, run, synced } from './deskHarness'
import { workNoteAboutToBeRefused } from './scenarios'

/** Tomás's desk holds a work note the server refused: the card reader was given to Dmitri meanwhile. */
async function refusedNote() {
  const { server, tomas, grace, till } = await workNoteAboutToBeRefused('Swapped the reader; works now.')
  await synced(tomas)
  const [problem] = await tomas.engine.refusedEvents()
  if (!problem) throw new Error('setup: the note was not refused')
  return { server, tomas, grace, till, problem }
}

describe('the outbox problems', () => {
  it('counts refused changes apart from pending ones', async () => {
    const { tomas } = await refusedNote()
    await logIncident(tomas, reports.printerJams)
    expect(await pendingOutboxCount(tomas.db)).toBe(1)
    expect(await refusedOutboxCount(tomas.db)).toBe(1)
  })

  it('discards a refused change: it leaves the log, the outbox and the projection together', async () => {
    const { server, tomas, till, problem } = await refusedNote()
    expect(await tomas.store.get(till.id)).toMatchObject({ workNoteCount: 1 })

    expect(await tomas.engine.discardRefusedEvent(problem.eventId)).toEqual({ ok: true })
    expect(await tomas.db.events.get(problem.eventId)).toBeUndefined()
    expect(await tomas.db.outbox.count()).toBe(0)
    expect(await tomas.store.get(till.id)).toMatchObject({ workNoteCount: 0 })
    await expectConsistent(tomas)
    await synced(tomas)
    expect(await incidentsOf(tomas)).toEqual(server.visibleIncidents(people.tomas))

    expect(await tomas.engine.discardRefusedEvent(problem.eventId)).toMatchObject({ ok: false, failure: { kind: 'not_found' } })
  })

  it('refuses to discard a change that is only waiting to be sent', async () => {
    const { tomas } = await refusedNote()
    const printer = await logIncident(tomas, reports.printerJams)
    const pendingId = (await eventsOf(tomas)).find((event) => event.incidentId === printer.id)!.id
    expect(await tomas.engine.discardRefusedEvent(pendingId)).toMatchObject({ ok: false, failure: { kind: 'not_refused' } })
    expect(await tomas.engine.retryRefusedEvent(pendingId)).toMatchObject({ ok: false, failure: { kind: 'not_refused' } })
  })

  it('retries a refused change once the cause is fixed, and it reaches the server', async () => {
    const { server, tomas, grace, till, problem } = await refusedNote()
    // The desk gives the card reader back to Tomás.
    await run(grace, { action: 'assign', incidentId: till.id, assignmentGroup: 'Field', assignee: personRef(people.tomas) })
    await synced(grace)

    expect(await tomas.engine.retryRefusedEvent(problem.eventId)).toEqual({ ok: true })
    expect(await tomas.engine.syncState()).toMatchObject({ pending: 1, refused: 0 })
    const report = await synced(tomas)
    expect(report.pushed).toEqual({ accepted: 1, duplicate: 0, refused: 0 })
    expect(server.events().some((item) => item.event.id === problem.eventId)).toBe(true)
    expect(await incidentsOf(tomas)).toEqual(server.visibleIncidents(people.tomas))
    expect(await readStateCounts(tomas.db)).toMatchObject({ new: 1 })
    await expectConsistent(tomas)
  })
})
