import { cmp, type Dexie } from 'dexie'

/**
 * Every row whose `index` holds `value`, read `perSlice` rows at a time, each slice in its own
 * short transaction with `between` awaited in between: the store's other readers (the queue, a
 * search's results) go between the slices instead of waiting behind one long read.
 *
 * Why IndexedDB's own cursor: Dexie cannot resume a read of one value of a non-unique index after
 * a given row (its paging walks the value from its first row again, quadratic here), and a
 * bulkGet of the slice's keys is one request per key (2,000 of them cost the data worker
 * ~8 ms of its own time per slice in Chromium). A cursor resumes with continuePrimaryKey.
 *
 * The slices are not one snapshot: a row written meanwhile may be seen old or new. Callers check
 * that nothing was written meanwhile, or do not mind.
 */
export async function readIndexValueInSlices<T>(db: Dexie, table: string, index: string, value: IDBValidKey, perSlice: number, between: () => Promise<void>): Promise<T[]> {
  const rows: T[] = []
  let after: IDBValidKey | null = null
  for (;;) {
    const slice: { rows: T[]; last: IDBValidKey | null } = await readSlice<T>(db.backendDB(), table, index, value, after, perSlice)
    rows.push(...slice.rows)
    if (slice.last === null) return rows
    after = slice.last
    await between()
  }
}

function readSlice<T>(database: IDBDatabase, table: string, index: string, value: IDBValidKey, after: IDBValidKey | null, perSlice: number): Promise<{ rows: T[]; last: IDBValidKey | null }> {
  return new Promise((resolve, reject) => {
    const transaction = database.transaction(table, 'readonly')
    const request = transaction.objectStore(table).index(index).openCursor(value)
    const rows: T[] = []
    request.onsuccess = () => {
      const cursor = request.result
      if (!cursor) return resolve({ rows, last: null })
      if (after !== null) {
        const order = cmp(cursor.primaryKey, after)
        if (order < 0) return cursor.continuePrimaryKey(value, after)
        if (order === 0) return cursor.continue()
      }
      rows.push(cursor.value as T)
      if (rows.length < perSlice) return cursor.continue()
      resolve({ rows, last: cursor.primaryKey })
    }
    request.onerror = () => reject(request.error ?? new Error(`Reading ${table} by ${index} failed.`))
    transaction.onabort = () => reject(transaction.error ?? new Error(`Reading ${table} by ${index} was aborted.`))
  })
}
