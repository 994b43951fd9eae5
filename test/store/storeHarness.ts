import type { DBCore, DBCoreTable } from 'dexie'
import { IDBKeyRange, indexedDB } from 'fake-indexeddb'
import { newId } from '../../src-shared/events/ids'
import type { Actor } from '../../src-shared/incident/roles'
import { IncidentDeskDatabase, type SchemaMigration } from '../../src-renderer/store/database'
import { createIncidentStore, type LogIncidentInput } from '../../src-renderer/store/incidentStore'
import type { DeskSession } from '../../src-renderer/store/session'

export const AGENT: Actor = { userId: 'u-amira', displayName: 'Amira Haddad', role: 'l1_agent' }

/**
 * Calls `onRead` at every read Dexie makes of `tableName` (queries, cursors, counts) with the index
 * read (null for the primary key), whoever makes it: for tests of what a step reads.
 */
export function watchTableReads(db: IncidentDeskDatabase, tableName: string, onRead: (index: string | null) => void): void {
  db.use({
    stack: 'dbcore',
    name: `watch-${tableName}-reads`,
    create: (down: DBCore): DBCore => ({
      ...down,
      table(name: string): DBCoreTable {
        const table = down.table(name)
        if (name !== tableName) return table
        return {
          ...table,
          query: (request) => (onRead(request.query.index.name), table.query(request)),
          openCursor: (request) => (onRead(request.query.index.name), table.openCursor(request)),
          count: (request) => (onRead(request.query.index.name), table.count(request)),
        }
      },
    }),
  })
}

/** A fresh database per test; fake-indexeddb keeps them all in memory. */
export function freshDatabase(migrations?: readonly SchemaMigration[]): IncidentDeskDatabase {
  return new IncidentDeskDatabase(`test-${newId()}`, migrations, { indexedDB, IDBKeyRange })
}

/** A store on a fixed, advancing clock: each read moves time on by one second. */
export function storeFor(db: IncidentDeskDatabase, actor: Actor = AGENT, startMs = Date.parse('2026-03-02T09:00:00Z')) {
  let clock = startMs
  const session: DeskSession = { deviceId: 'laptop-field-07', actor }
  const store = createIncidentStore(db, session, { now: () => (clock += 1000) })
  return { store, session, advance: (ms: number) => (clock += ms) }
}

export function outlookIncident(overrides: Partial<LogIncidentInput> = {}): LogIncidentInput {
  return {
    shortDescription: 'Outlook keeps asking for the password',
    description: 'Since this morning Outlook prompts for credentials every few minutes.',
    caller: { name: 'Jonas Berg', contact: 'jonas.berg@example.com' },
    channel: 'phone',
    impact: 3,
    urgency: 2,
    ...overrides,
  }
}

export async function snapshot(db: IncidentDeskDatabase) {
  return {
    events: await db.events.toArray(),
    incidents: await db.incidents.toArray(),
    outbox: await db.outbox.toArray(),
    meta: await db.meta.toArray(),
  }
}
