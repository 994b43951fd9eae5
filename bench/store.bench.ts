import { IDBKeyRange, indexedDB } from 'fake-indexeddb'
import { IncidentDeskDatabase, SCHEMA_MIGRATIONS } from '../src-renderer/store/database'
import { createIncidentStore } from '../src-renderer/store/incidentStore'
import { queueQuery } from '../src-renderer/store/queue'
import { loadDeskSession } from '../src-renderer/store/session'
import { seedIncident } from './fixtures'
import { describeSamples, timed } from './measure'

/** The store's command path on fake-indexeddb (Node): our code's cost, not Chromium's IndexedDB. */
export async function benchStore(): Promise<string[]> {
  const seeded = 10_000
  const db = new IncidentDeskDatabase(`bench-${Date.now()}`, SCHEMA_MIGRATIONS, { indexedDB, IDBKeyRange })
  const session = await loadDeskSession(db)
  const store = createIncidentStore(db, session)
  const seed = await timed(async () => {
    for (let index = 0; index < seeded; index++) {
      const result = await store.logIncident(seedIncident(index))
      if (!result.ok) throw new Error(result.refusal.message)
    }
  })
  const commits: number[] = []
  const ids = (await queueQuery(db, { scope: 'open', limit: 500 })).map((incident) => incident.id)
  for (const id of ids) {
    const { ms, value } = await timed(() => store.execute({ action: 'addWorkNote', incidentId: id, text: 'Called back, no answer.' }))
    if (!value.ok) throw new Error(value.refusal.message)
    commits.push(ms)
  }
  const queueOpen: number[] = []
  for (let run = 0; run < 20; run++) queueOpen.push((await timed(() => queueQuery(db, { scope: 'open', limit: 50 }))).ms)
  db.close()
  return [
    `store (fake-indexeddb): logged ${seeded} incidents in ${seed.ms.toFixed(0)} ms → ${Math.round((seeded / seed.ms) * 1000)} commits/s`,
    describeSamples(`store (fake-indexeddb): work-note commit with ${seeded} incidents stored`, commits),
    describeSamples('store (fake-indexeddb): queue first 50 rows', queueOpen),
  ]
}
