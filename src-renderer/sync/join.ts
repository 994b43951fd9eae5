import type { IncidentDeskDatabase } from '../store/database'
import { META_KEYS, writeMeta } from '../store/meta'
import { readNumberingMode } from '../store/numbering'
import { storeTables } from '../store/refold'

/**
 * A desk joins a server: from now on it numbers provisionally, for good (there is no way back
 * to standalone numbering; a desk that leaves its server keeps the server's numbers).
 *
 * A standalone desk numbered its incidents itself (INC0000042). Those numbers are not the
 * server's: another desk, or the server, may already use INC0000042. So at joining:
 * - new incidents get provisional numbers (NEW-3F9A2C-43), like on any syncing desk;
 * - every incident the desk already holds shows its number as provisional too. The creation
 *   event keeps saying INC0000042 (the log is immutable, and the audit trail shows what the
 *   caller was told), but the projection marks it provisional until the server's
 *   IncidentNumbered event arrives and sets the real number: the same rule the fold applies
 *   from then on (store/fold.ts, `provisionalNumbering`).
 *
 * The first sync round calls this before its first push; the app may call it at sign-in so an
 * incident logged between signing in and the first round is numbered provisionally already.
 * Returns true when it switched the desk. Idempotent and safe to run concurrently.
 */
export async function enterServerNumbering(db: IncidentDeskDatabase): Promise<boolean> {
  if ((await readNumberingMode(db)) === 'provisional') return false
  return db.transaction('rw', storeTables(db), async () => {
    if ((await readNumberingMode(db)) === 'provisional') return false
    await writeMeta(db, META_KEYS.numbering, 'provisional')
    // A desk that has never synced holds no server-numbered incident, so every number it shows is its own.
    await db.incidents
      .filter((record) => !record.numberIsProvisional)
      .modify((record) => {
        record.numberIsProvisional = true
      })
    return true
  })
}
