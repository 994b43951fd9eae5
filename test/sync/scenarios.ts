import { people, personRef, reports } from '../fixtures/incidents'
import { logIncident, openDesk, run, synced } from './deskHarness'
import { FakeSyncServer } from './fakeServer'

/**
 * Tomás, offline, adds a work note to the card-reader incident he logged, while Grace gives it to
 * Dmitri and syncs first. Tomás's note is still pending: his next push is refused (not_owner).
 */
export async function workNoteAboutToBeRefused(text: string) {
  const server = new FakeSyncServer()
  const tomas = await openDesk('tomas', people.tomas, server.transportFor(people.tomas))
  const grace = await openDesk('grace', people.grace, server.transportFor(people.grace))
  const till = await logIncident(tomas, reports.cardReader)
  await synced(tomas)
  await synced(grace)
  await run(grace, { action: 'assign', incidentId: till.id, assignmentGroup: 'Payments L2', assignee: personRef(people.dmitri) })
  await synced(grace)
  await run(tomas, { action: 'addWorkNote', incidentId: till.id, text })
  return { server, tomas, grace, till }
}
