import { openDesk } from '../desk/openDesk'
import { withOwnConnection } from './benchDesk'
import type { IncidentDeskBench } from './benchApi'
import { seedIncidents } from './seedIncidents'

/** The benchmark's seeding page (seed.html): the desk's store, no screens. Only `seed` works here. */
const desk = openDesk().then((opened) => withOwnConnection(opened))
const notHere = () => Promise.reject(new Error('The seeding page only seeds; measure on the desk itself (/?bench=1).'))
const bench: IncidentDeskBench = {
  seed: async (incidents, snapshotOlderThanDays) =>
    seedIncidents(await desk, {
      incidents,
      snapshotOlderThanDays: snapshotOlderThanDays ?? Infinity,
      onProgress: (seeded, total) => console.info(`[bench] seeded ${seeded}/${total}`),
    }),
  measureQueueQuery: notHere,
  measureCommit: notHere,
  outboxCounts: notHere,
  measureSearch: notHere,
  measureScroll: notHere,
  idleFrames: notHere,
  measureCsvExport: notHere,
  measureReport: notHere,
  searchIndexSavedAt: notHere,
  reportsIdle: notHere,
  measureRulesChange: notHere,
  measureConfigPull: notHere,
}
window.__incidentDeskBench = bench
// Let the runner close the database before the desk page opens it (a schema upgrade would wait on it).
window.addEventListener('pagehide', () => void desk.then(({ db }) => db.close()))
