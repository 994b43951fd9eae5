import type { IncidentDeskDatabase } from './database'
import { META_KEYS, readMeta, writeMeta } from './meta'

/**
 * Human incident numbers. A standalone desk numbers its own incidents for good (INC0000042);
 * a desk that syncs shows a provisional number until the server assigns the real one when it
 * first accepts the incident (DESIGN §2).
 */
export type { NumberingMode } from '../../src-shared/sync/syncRound'
import type { NumberingMode } from '../../src-shared/sync/syncRound'

export interface AllocatedNumber {
  number: string
  numberIsProvisional: boolean
}

export function formatIncidentNumber(sequence: number): string {
  return `INC${String(sequence).padStart(7, '0')}`
}

/** Every desk starts standalone; it switches to provisional for good when it first joins a server (sync/join.ts). */
export async function readNumberingMode(db: IncidentDeskDatabase): Promise<NumberingMode> {
  return (await readMeta<NumberingMode>(db, META_KEYS.numbering)) ?? 'standalone'
}

/** Must run inside the command's transaction so a refused command does not burn a number. */
export async function allocateIncidentNumber(db: IncidentDeskDatabase, deviceId: string): Promise<AllocatedNumber> {
  const mode = await readNumberingMode(db)
  const next = (await readMeta<number>(db, META_KEYS.nextLocalNumber)) ?? 1
  await writeMeta(db, META_KEYS.nextLocalNumber, next + 1)
  return numberAt(mode, next, deviceId)
}

/** The number the desk's `sequence`-th incident gets: its own for good, or a provisional one until the server numbers it. */
export function numberAt(mode: NumberingMode, sequence: number, deviceId: string): AllocatedNumber {
  if (mode === 'standalone') return { number: formatIncidentNumber(sequence), numberIsProvisional: false }
  // Device-scoped so two offline desks never show the same provisional number.
  return { number: `NEW-${deviceId.slice(-6).toUpperCase()}-${sequence}`, numberIsProvisional: true }
}
