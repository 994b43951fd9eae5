import type { DBCore, DBCoreMutateRequest, DBCoreMutateResponse, DBCoreTable, Middleware } from 'dexie'
import { toQueueRow } from './queueRows'
import type { IncidentRecord } from './records'

export const QUEUE_ROWS_TABLE = 'queueRows'

/**
 * Keeps the `queueRows` table (schema v7) a mirror of `incidents`, row for row, in the same
 * transaction as every write to `incidents`: a put writes the incident's compact queue row
 * (queueRows.ts, a few hundred bytes instead of ~1.3 KB), a delete deletes it.
 *
 * Why: the queue's row index must hold every incident before its counts are known, and reading
 * 100k full records in Chromium took 12–15 s; the compact rows are a fraction of the bytes. And
 * why here, below every writer (commands, refolds, sync pages, snapshots): a mirror kept by each
 * writer would drift the day one forgets. A write to `incidents` in a transaction that does not
 * include `queueRows` is refused with a message naming the fix (storeTables in refold.ts), rather
 * than leaving the mirror silently behind. Upgrade transactions are exempt: the v7 upgrade fills
 * the table from `incidents` after every earlier step ran.
 */
export const queueRowsMirror: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'queueRowsMirror',
  create(down) {
    return {
      ...down,
      table(name) {
        const table = down.table(name)
        if (name !== 'incidents') return table
        return mirrored(table, down)
      },
    }
  },
}

function mirrored(incidents: DBCoreTable, down: DBCore): DBCoreTable {
  return {
    ...incidents,
    mutate(request: DBCoreMutateRequest): Promise<DBCoreMutateResponse> {
      const transaction = request.trans as unknown as IDBTransaction
      if (transaction.mode === 'versionchange') return incidents.mutate(request)
      if (!transaction.objectStoreNames.contains(QUEUE_ROWS_TABLE)) {
        return Promise.reject(
          new Error('Incidents were written in a transaction without the queueRows table; open it over storeTables(db) so the queue’s rows change with them.'),
        )
      }
      const rows = down.table(QUEUE_ROWS_TABLE)
      // Both requests at once, never one after the other's answer: IndexedDB commits a transaction
      // that has no request pending, and a wait between them can end it early (Dexie #1186).
      // An add mirrors as an add, so a key that already exists fails both alike.
      const mirror = (): Promise<unknown> => {
        switch (request.type) {
          case 'add':
          case 'put':
            return rows.mutate({ type: request.type, trans: request.trans, values: (request.values as IncidentRecord[]).map(toQueueRow) })
          case 'delete':
            return rows.mutate({ type: 'delete', trans: request.trans, keys: request.keys })
          case 'deleteRange':
            return rows.mutate({ type: 'deleteRange', trans: request.trans, range: request.range })
        }
      }
      return Promise.all([incidents.mutate(request), mirror()]).then(([response]) => response)
    },
  }
}
