import Dexie from 'dexie'
import type { DomainConfig } from '../../src-shared/config/domainConfig'
import { importedPerson, importSteps, updateSteps, type ImportedNow } from '../../src-shared/csv/importHistory'
export { nowOf }
import type { ImportRow } from '../../src-shared/csv/importRows'
import type { ImportIncidentsResult, StoreRefusal } from '../../src-shared/data/deskDataContract'
import type { IncidentEvent } from '../../src-shared/events/events'
import { packImported } from '../../src-shared/events/importedEvents'
import type { HlcTimestamp } from '../../src-shared/events/hlc'
import { newId } from '../../src-shared/events/ids'
import type { Command } from '../../src-shared/incident/commands'
import type { Incident } from '../../src-shared/incident/incident'
import { decide } from '../../src-shared/incident/lifecycle'
import { refusal } from '../../src-shared/incident/refusal'
import { applyEvent } from '../../src-shared/incident/reducer'
import type { PersonRef } from '../../src-shared/incident/roles'
import { slaDeadlines } from '../../src-shared/sla/deadlines'
import { countStateChanges, type StateCounts } from './counters'
import type { IncidentDeskDatabase } from './database'
import { META_KEYS } from './meta'
import { numberAt, readNumberingMode } from './numbering'
import { wantsWholeTableNotice } from './exactChangeKeys'
import { nextOutboxPosition, packOutboxEntries } from './outboxPacks'
import { fromRecord, toRecord, type IncidentRecord } from './records'
import { storeTables } from './refold'
import type { DeskSession } from './session'
import { checkEnvelope, stampEvents, CommandRefused } from './stampEvents'

/** Incidents written per round of bulk writes: big enough to amortize IndexedDB's per-request cost, small enough for steady progress. */
export const IMPORT_BATCH_SIZE = 500

/** An incident an earlier import brought in, and the row that describes it now. */
export interface ImportUpdate {
  incidentId: string
  row: ImportRow
}

export interface ImportIncidentsOptions {
  /** Heard after each batch with how many incidents are written so far (updates first), not yet committed. */
  onProgress?: (done: number) => void
  /**
   * Incidents already on the desk to bring up to what the file says now (updateSteps), in the
   * same transaction, and the reason a reopen in the source is recorded with (the desk's language).
   */
  updates?: { incidents: readonly ImportUpdate[]; reopenReason: string }
  /** Looked at between batches: aborted rolls the whole import back. */
  signal?: AbortSignal
}

class ImportStopped extends Error {
  constructor(
    readonly outcome: { kind: 'canceled' } | { kind: 'refused'; index: number; refusal: StoreRefusal },
  ) {
    super(outcome.kind)
  }
}

/**
 * Logs imported incidents with their past (issue #9): for each row, the IncidentLogged event
 * dated when the source opened it, then the lifecycle steps that bring it to where the source left
 * it, each dated by the source (importHistory.ts), each decided by the same lifecycle as a
 * person's command, and all of them packed into the incident's one IncidentImported event
 * (importedEvents.ts). The SLA clocks, ages, reports and timeline then read the past as past, and
 * a closed import starts no clock.
 *
 * Speed: everything is decided in memory, and the writes go out in bulk, a batch at a time (its
 * outbox entries as one pack, outboxPacks.ts), in
 * ONE transaction: all of it or nothing, for the person a single step. A refused row or a cancel
 * between batches aborts the transaction, so no incident, event or number is left behind.
 * Events carry the device's clock (HLC) for their order and the source's instant as `occurredAt`.
 */
export async function importIncidents(
  db: IncidentDeskDatabase,
  deps: {
    session: DeskSession
    config: DomainConfig
    now: () => number
    /** The store's own command step, dated `at`: an update goes through everything a person's command does. */
    commitStep: (command: Command, at: string) => Promise<unknown>
  },
  rows: readonly ImportRow[],
  options: ImportIncidentsOptions = {},
): Promise<ImportIncidentsResult> {
  const { session, config, now } = deps
  const nowIso = new Date(now()).toISOString()
  const importer = { userId: session.actor.userId, displayName: session.actor.displayName }
  const personNamed = (name: string): PersonRef => importedPerson(name, importer)

  try {
    const updates = options.updates?.incidents ?? []
    const reopenReason = options.updates?.reopenReason ?? ''
    let updated = 0
    const count = await db.transaction('rw', storeTables(db), async () => {
      // Tens of thousands of new incidents: the readers reload once (exactChangeKeys.ts).
      wantsWholeTableNotice(Dexie.currentTransaction!.idbtrans)
      // Updates first, through the store's own steps (they read and write the clock and counters
      // the creations below start from).
      for (let start = 0; start < updates.length; start += IMPORT_BATCH_SIZE) {
        if (options.signal?.aborted) throw new ImportStopped({ kind: 'canceled' })
        const batch = updates.slice(start, start + IMPORT_BATCH_SIZE)
        const records = await db.incidents.bulkGet(batch.map((update) => update.incidentId))
        for (let offset = 0; offset < batch.length; offset++) {
          const record = records[offset]
          if (!record) continue
          const { row, incidentId } = batch[offset]!
          const steps = updateSteps(fromRecord(record), nowOf(row), row.past, personNamed, reopenReason)
          let changed = false
          for (const step of steps) {
            try {
              await deps.commitStep({ ...step.command, incidentId } as Command, step.at)
              changed = true
            } catch (error) {
              if (!(error instanceof CommandRefused)) throw error
              if (error.refusal.code === 'no_change') continue
              throw new ImportStopped({ kind: 'refused', index: rows.length + start + offset, refusal: error.refusal })
            }
          }
          if (changed) updated++
        }
        options.onProgress?.(Math.min(updates.length, start + IMPORT_BATCH_SIZE))
      }
      const [outboxPosition, mode, nextEntry, clockEntry, countsEntry] = await Promise.all([
        // After the updates above: their entries are queued before the new incidents'.
        nextOutboxPosition(db),
        readNumberingMode(db),
        db.meta.get(META_KEYS.nextLocalNumber),
        db.meta.get(META_KEYS.clock),
        db.meta.get(META_KEYS.stateCounts),
      ])
      let next = (nextEntry?.value as number | undefined) ?? 1
      let clock = (clockEntry?.value as HlcTimestamp | undefined) ?? null
      let counts = countsEntry?.value as StateCounts | undefined
      let outboxAt = outboxPosition

      // The batch whose writes IndexedDB is busy with while the next one is decided: the worker's
      // work and the database's overlap (they run on different cores) instead of taking turns.
      let writing: Promise<unknown> | null = null
      for (let start = 0; start < rows.length; start += IMPORT_BATCH_SIZE) {
        if (options.signal?.aborted) throw new ImportStopped({ kind: 'canceled' })
        const events: IncidentEvent[] = []
        const records: IncidentRecord[] = []
        const states: Array<{ before: undefined; after: Incident['state'] }> = []
        for (let index = start; index < Math.min(rows.length, start + IMPORT_BATCH_SIZE); index++) {
          const row = rows[index]!
          const numbered = numberAt(mode, next, session.deviceId)
          next++
          const incidentId = newId()
          const log: Command = { ...row.incident, action: 'log', incidentId, ...numbered }
          const openedAt = row.incident.origin!.openedAt
          const steps = [
            { at: openedAt, command: log },
            ...importSteps({ openedAt, assignmentGroup: row.incident.assignmentGroup ?? null }, row.past, personNamed).map((step) => ({
              at: step.at,
              command: { ...step.command, incidentId } as Command,
            })),
          ]
          let incident: Incident | undefined
          const own: IncidentEvent[] = []
          for (const step of steps) {
            const decision = decide(incident, step.command, { actor: session.actor, now: step.at, config })
            if (!decision.ok) {
              // Naming the person who already has it, say: nothing to record.
              if (decision.refusal.code === 'no_change') continue
              throw new ImportStopped({ kind: 'refused', index, refusal: decision.refusal })
            }
            let stamped: ReturnType<typeof stampEvents>
            try {
              // Checked below, once the steps are packed into what is written.
              stamped = stampEvents(decision.events, clock, { session, nowMs: now(), occurredAt: step.at, checkEnvelope: false })
            } catch (error) {
              if (error instanceof CommandRefused) throw new ImportStopped({ kind: 'refused', index, refusal: error.refusal })
              throw error
            }
            clock = stamped.clock
            for (const event of stamped.events) {
              incident = applyEvent(incident, event)
              own.push(event)
            }
          }
          // One event for the incident and its past where it packs (nearly always): a record
          // and an outbox entry per incident instead of one per step.
          const packed = packImported(own)
          const written = packed ? [packed] : own
          try {
            for (const event of written) checkEnvelope(event)
          } catch (error) {
            if (error instanceof CommandRefused) throw new ImportStopped({ kind: 'refused', index, refusal: error.refusal })
            throw error
          }
          if (packed) incident = applyEvent(undefined, packed)
          events.push(...written)
          records.push(toRecord(incident!, slaDeadlines(written, config, nowIso)))
          states.push({ before: undefined, after: incident!.state })
        }
        counts = countStateChanges(counts, states)
        // The batch's outbox entries as one pack, in their places (outboxPacks.ts).
        const pack = packOutboxEntries(db, outboxAt, events, nowIso)
        outboxAt = pack.next
        const batchWrites = Promise.all([db.events.bulkAdd(events), db.incidents.bulkAdd(records), pack.written])
        // Its failure is heard where it is awaited; a refusal found before then aborts it anyway.
        batchWrites.catch(() => undefined)
        if (writing) {
          await writing
          options.onProgress?.(updates.length + start)
        }
        writing = batchWrites
      }
      if (writing) {
        await writing
        options.onProgress?.(updates.length + rows.length)
      }
      if (options.signal?.aborted) throw new ImportStopped({ kind: 'canceled' })
      await db.meta.bulkPut([
        { key: META_KEYS.nextLocalNumber, value: next },
        { key: META_KEYS.clock, value: clock },
        { key: META_KEYS.stateCounts, value: counts ?? countStateChanges(undefined, []) },
      ])
      return rows.length
    })
    return updates.length > 0 ? { ok: true, count, updated } : { ok: true, count }
  } catch (error) {
    if (error instanceof ImportStopped) {
      return error.outcome.kind === 'canceled' ? { ok: false, canceled: true } : { ok: false, canceled: false, index: error.outcome.index, refusal: error.outcome.refusal }
    }
    const reason = error instanceof Error ? error.message : String(error)
    return { ok: false, canceled: false, index: 0, refusal: refusal('storage_failed', 'storageFailed', { detail: reason }) }
  }
}

/** What a row says of its incident now: the fields an update compares. */
function nowOf(row: ImportRow): ImportedNow {
  const { incident } = row
  return { category: incident.category ?? null, subcategory: incident.subcategory ?? null, impact: incident.impact, urgency: incident.urgency, assignmentGroup: incident.assignmentGroup ?? null }
}
