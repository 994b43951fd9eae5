import type { DomainConfig } from '../../src-shared/config/domainConfig'
import { canSeeSecurityIncidents } from '../../src-shared/incident/visibility'
import { isOpenState } from '../../src-shared/incident/vocabulary'
import { dayContributions, factsAsOf, heldFactsOf, isSettled } from '../../src-shared/reports/heldFacts'
import { dayNamer, reportTimeZone, wholeDaysOf } from '../../src-shared/reports/range'
import { createReportBuilder, reportWindow, type Report, type ReportOptions } from '../../src-shared/reports/report'
import { emptyTally, isEmptyTally, mergeTally } from '../../src-shared/reports/reportTally'
import type { IncidentDeskDatabase } from '../store/database'
import { readIndexValueInSlices } from '../store/indexSlices'
import { readMeta } from '../store/meta'
import { EVERY_INCIDENT, SEVERAL_INCIDENTS_PREFIX } from '../store/queueRowsMirror'
import { revisionOf, type ReportDayRow, type ReportFactsRow } from '../store/records'
import { historiesOf } from './runReport'

/**
 * Reports from per-day aggregates (issue #13): a report over any range of whole days adds up the
 * day rows of its range instead of reading every incident's events.
 *
 * What is kept, in the store (schema v8):
 * - `reportFacts`: each incident's facts as of its last event (src-shared/reports/heldFacts.ts).
 * - `reportDays`: per day of the report zone, the summed figures of every *settled* incident
 *   (not open, no clock running, no major ongoing), split plain / security so a viewer who may
 *   not see security incidents gets the same figures as the full fold gives them.
 * - `reportDirty`: a marker per incident changed since (one naming them all for a write of
 *   several), written in the change's own transaction by queueRowsMirror.ts. So a commit pays one
 *   small put, not a fold, and no change is ever missed: a marker outlives a crash, and catchUp
 *   turns markers into facts and day sums.
 *
 * A report over [from, to) taken at asOf = min(to, now) is then, exactly as the full fold:
 * the day sums of its days, plus the *live* incidents (open, or held without IncidentLogged)
 * worked out at asOf from their facts (factsAsOf: a running clock breaches at its due instant),
 * minus and re-folded from their events the few incidents with an event at or after asOf (their
 * facts are newer than the report's moment). The property test in
 * test/reports/dayAggregates.test.ts holds the two equal on random histories.
 *
 * Facts and sums depend on the SLA policy, the calendars and the report zone: under other rules
 * they are rebuilt, in the background, a chunk at a time, resuming after a restart; until they
 * are complete a report folds the events as before (runReport.ts).
 */
export interface ReportAggregates {
  /** Works out every incident's facts and the day sums, unless they are complete under the current rules. */
  build(options?: { onProgress?: (done: number) => void; signal?: AbortSignal }): Promise<void>
  /** Turns the change markers into facts and day sums; how many incidents it refreshed. */
  catchUp(): Promise<number>
  /** Reads the live incidents' facts into memory ahead of the first report (the background upkeep calls it once built). */
  prepare(): Promise<void>
  /** The report from the aggregates, or null when they cannot give it (not built yet, or a range that starts or ends within a day). */
  report(options: ReportOptions & { signal?: AbortSignal }): Promise<Report | null>
}

/** Bump when heldFacts or the tally change what is stored. */
export const REPORT_FACTS_VERSION = 2
export const REPORT_AGGREGATES_META_KEY = 'reportAggregates'
export const REPORT_AGGREGATES_CHUNK = 400
const LIVE_ROWS_PER_READ = 2_000

interface AggregatesState {
  /** The rules the facts were worked out under (rulesOf). */
  rules: string
  complete: boolean
  /** The last incident id the build went through, so a restart resumes after it. */
  cursor: string | null
  /** Bumped by every write to the facts, so a cached live set knows when another context wrote. */
  generation: number
}

/** Facts this context wrote in one transaction, and the generation the write moved on from. */
interface OwnFactsWrite {
  from: number
  rows: ReadonlyArray<[string, ReportFactsRow | undefined]>
}

export interface ReportAggregatesOptions {
  chunkSize?: number
  /** Between build and catch-up chunks; a plain timeout by default. The data worker's also waits out a sync round. */
  yieldBetweenChunks?: () => Promise<void>
  /** Live rows read at once when they are read ahead of the first report (prepare). */
  liveRowsPerRead?: number
}

/** Lays facts written over a set of live rows: a row still live replaces its entry, a settled or removed one leaves it. */
function layOver(liveRows: Map<string, ReportFactsRow>, written: OwnFactsWrite['rows']): void {
  for (const [incidentId, row] of written) {
    if (row?.live) liveRows.set(incidentId, row)
    else liveRows.delete(incidentId)
  }
}

export function createReportAggregates(db: IncidentDeskDatabase, config: DomainConfig, options: ReportAggregatesOptions = {}): ReportAggregates {
  const zone = reportTimeZone(config)
  const dayOf = dayNamer(zone)
  const rules = JSON.stringify({ version: REPORT_FACTS_VERSION, zone, slaPolicy: config.slaPolicy, calendars: config.calendars })
  const chunkSize = options.chunkSize ?? REPORT_AGGREGATES_CHUNK
  const pause = options.yieldBetweenChunks ?? (() => new Promise<void>((resolve) => setTimeout(resolve, 0)))
  const liveRowsPerRead = options.liveRowsPerRead ?? LIVE_ROWS_PER_READ
  /** The live rows, cached between reports while no other context wrote facts. */
  let live: { generation: number; rows: Map<string, ReportFactsRow> } | null = null
  let building: Promise<void> | null = null
  let catchingUp: Promise<number> | null = null
  let preparing: Promise<void> | null = null
  /** While a read-ahead runs: this context's committed facts writes, each with the generation it moved from. */
  let readingAhead: OwnFactsWrite[] | null = null

  const readState = () => readMeta<AggregatesState>(db, REPORT_AGGREGATES_META_KEY)

  /** Recomputes the facts of `ids` from what the store holds now and moves their day sums; returns how many it wrote. */
  async function refresh(
    ids: readonly string[],
    buildProgress?: Pick<AggregatesState, 'cursor' | 'complete'>,
    markersRead?: ReadonlyMap<string, string | null>,
  ): Promise<number> {
    // Read and work out outside any write transaction: a commit never waits behind the events' read.
    const [rows, histories, before] = await db.transaction('r', [db.queueRows, db.events, db.reportFacts], () =>
      Promise.all([db.queueRows.bulkGet([...ids]), historiesOf(db, ids), db.reportFacts.bulkGet([...ids])]),
    )
    const next = ids.map((incidentId, index): ReportFactsRow | undefined => {
      const row = rows[index]
      if (!row) return undefined
      const held = heldFactsOf(histories[index]!, config)
      const facts = held.facts
      const settled = facts !== null && isSettled(facts)
      return {
        incidentId,
        revision: revisionOf(row),
        lastAt: facts === null ? Math.max(held.lastAt, row.updatedMs) : held.lastAt,
        facts,
        ...(settled ? {} : { live: 1 as const }),
        ...(facts === null ? { incompleteOpen: isOpenState(row.state) } : {}),
      }
    })
    const written: Array<[string, ReportFactsRow | undefined]> = []
    let movedFrom = null as number | null
    await db.transaction('rw', [db.reportFacts, db.reportDays, db.reportDirty, db.meta], async () => {
      const [current, markers, state] = await Promise.all([db.reportFacts.bulkGet([...ids]), db.reportDirty.bulkGet([...ids]), readState()])
      movedFrom = state?.generation ?? null
      const delta = new Map<string, ReportDayRow>()
      const doneMarkers: string[] = []
      ids.forEach((incidentId, index) => {
        // Another context refreshed it since our read: its facts stand, this pass's are older.
        if ((current[index]?.revision ?? null) !== (before[index]?.revision ?? null)) return
        const row = next[index]
        moveDays(delta, current[index], -1)
        moveDays(delta, row, 1)
        written.push([incidentId, row])
        // Done when it names what was read, or when it is the marker that was there when we read:
        // a write since would have replaced it. (A write that changes no report figure leaves no
        // marker, queueRowsMirror.ts, so the revision read can be newer than the marker's.)
        const marker = markers[index]
        if (marker && (marker.revision === (row?.revision ?? null) || (markersRead?.has(incidentId) && marker.revision === markersRead.get(incidentId)))) {
          doneMarkers.push(incidentId)
        }
      })
      const put = written.filter((entry): entry is [string, ReportFactsRow] => entry[1] !== undefined).map(([, row]) => row)
      const removed = written.filter(([, row]) => row === undefined).map(([id]) => id)
      const days = await db.reportDays.bulkGet([...delta.keys()])
      const changedDays: ReportDayRow[] = []
      const emptyDays: string[] = []
      ;[...delta.values()].forEach((change, index) => {
        const day = days[index] ?? emptyDay(change.day)
        mergeTally(day.plain, change.plain)
        mergeTally(day.security, change.security)
        day.logged.plain += change.logged.plain
        day.logged.security += change.logged.security
        if (isEmptyTally(day.plain) && isEmptyTally(day.security) && day.logged.plain === 0 && day.logged.security === 0) emptyDays.push(day.day)
        else changedDays.push(day)
      })
      await Promise.all([
        db.reportFacts.bulkPut(put),
        db.reportFacts.bulkDelete(removed),
        db.reportDays.bulkPut(changedDays),
        db.reportDays.bulkDelete(emptyDays),
        db.reportDirty.bulkDelete(doneMarkers),
        state ? db.meta.put({ key: REPORT_AGGREGATES_META_KEY, value: { ...state, ...buildProgress, generation: state.generation + 1 } }) : undefined,
      ])
      // Our own write: the cached live set follows it instead of being re-read.
      if (live && state && live.generation === state.generation) {
        live.generation = state.generation + 1
        layOver(live.rows, written)
      }
    })
    // Committed: a read-ahead under way patches what it read with these instead of starting over.
    if (movedFrom !== null) readingAhead?.push({ from: movedFrom, rows: written })
    return written.length
  }

  function emptyDay(day: string): ReportDayRow {
    return { day, plain: emptyTally(), security: emptyTally(), logged: { plain: 0, security: 0 } }
  }

  /** Adds (sign 1) or takes back (-1) a settled row's day contributions into `delta`. */
  function moveDays(delta: Map<string, ReportDayRow>, row: ReportFactsRow | undefined, sign: 1 | -1): void {
    if (!row || row.live || !row.facts) return
    const side = row.facts.isSecurityNow ? 'security' : 'plain'
    const entry = (day: string): ReportDayRow => {
      let found = delta.get(day)
      if (!found) delta.set(day, (found = emptyDay(day)))
      return found
    }
    for (const [day, tally] of dayContributions(row.facts, dayOf)) mergeTally(entry(day)[side], tally, sign)
    entry(dayOf(row.facts.loggedAt)).logged[side] += sign
  }

  async function runBuild(signal?: AbortSignal, onProgress?: (done: number) => void): Promise<void> {
    let state = await readState()
    if (!state || state.rules !== rules) {
      state = { rules, complete: false, cursor: null, generation: (state?.generation ?? 0) + 1 }
      await db.transaction('rw', [db.reportFacts, db.reportDays, db.meta], async () => {
        await Promise.all([db.reportFacts.clear(), db.reportDays.clear(), db.meta.put({ key: REPORT_AGGREGATES_META_KEY, value: state })])
      })
      live = null
    }
    let { cursor, complete } = state
    let done = 0
    while (!complete) {
      signal?.throwIfAborted()
      const ids = await (cursor === null ? db.queueRows.orderBy(':id') : db.queueRows.where(':id').above(cursor)).limit(chunkSize).primaryKeys()
      complete = ids.length < chunkSize
      cursor = ids.at(-1) ?? cursor
      // The build's place is written with the chunk's facts: a restart resumes right after it.
      if (ids.length > 0) await refresh(ids, { cursor, complete })
      else {
        const progress = { cursor, complete }
        await db.transaction('rw', db.meta, async () => {
          const latest = (await readState())!
          await db.meta.put({ key: REPORT_AGGREGATES_META_KEY, value: { ...latest, ...progress } })
        })
      }
      done += ids.length
      if (ids.length > 0) onProgress?.(done)
      if (!complete) await pause()
    }
  }

  async function runCatchUp(): Promise<number> {
    const state = await readState()
    if (!state?.complete || state.rules !== rules) return 0
    let refreshed = 0
    for (;;) {
      const read = await db.reportDirty.limit(chunkSize).toArray()
      const markers = read.map((marker) => marker.incidentId)
      if (markers.length === 0) return refreshed
      if (markers.includes(EVERY_INCIDENT)) {
        // Rows were deleted by range (a reset of the desk): start over.
        await db.transaction('rw', [db.reportDirty, db.meta], async () => {
          await db.reportDirty.delete(EVERY_INCIDENT)
          await db.meta.put({ key: REPORT_AGGREGATES_META_KEY, value: { ...state, rules: '' } })
        })
        await api.build()
        continue
      }
      // Markers for several incidents sort first; each is deleted once all it names are refreshed
      // (a later write to one of them leaves a marker of its own, so deleting it loses nothing).
      const several = markers.filter((key) => key.startsWith(SEVERAL_INCIDENTS_PREFIX))
      if (several.length > 0) {
        for (const key of several) refreshed += await refreshSeveral(key)
        await pause()
        continue
      }
      const wrote = await refresh(markers, undefined, new Map(read.map((marker) => [marker.incidentId, marker.revision])))
      refreshed += wrote
      // Markers another context is handling (or rewrote meanwhile) are left to the next round.
      if (wrote === 0) return refreshed
      await pause()
    }
  }

  async function refreshSeveral(markerKey: string): Promise<number> {
    const ids = (await db.reportDirty.get(markerKey))?.incidentIds ?? []
    let wrote = 0
    for (let start = 0; start < ids.length; start += chunkSize) {
      if (start > 0) await pause()
      wrote += await refresh(ids.slice(start, start + chunkSize))
    }
    await db.reportDirty.delete(markerKey)
    return wrote
  }

  /**
   * The live rows read into memory ahead of the first report (see prepare), in slices outside a
   * transaction, so the queue's and search's reads go in between: one read of every live row (most
   * of a snapshot-started desk's 100k) held the store 0.5–0.75 s. Facts written meanwhile by this
   * context (the catch-up after each commit) are laid over what was read; written by another
   * context, they leave the rows unkept, and the first report reads them itself.
   */
  async function readLiveAhead(): Promise<void> {
    const ownWrites: OwnFactsWrite[] = []
    readingAhead = ownWrites
    try {
      const state = await readState()
      if (!state?.complete || state.rules !== rules || live?.generation === state.generation) return
      const read = await readIndexValueInSlices<ReportFactsRow>(db, db.reportFacts.name, 'live', 1, liveRowsPerRead, pause)
      const rows = new Map(read.map((row) => [row.incidentId, row]))
      const end = await readState()
      const mine = ownWrites.filter((write) => write.from >= state.generation).sort((a, b) => a.from - b.from)
      const onlyMine = end !== undefined && end.generation === state.generation + mine.length && mine.every((write, index) => write.from === state.generation + index)
      if (!onlyMine) return
      for (const write of mine) layOver(rows, write.rows)
      live = { generation: end.generation, rows }
    } finally {
      if (readingAhead === ownWrites) readingAhead = null
    }
  }

  async function liveRows(generation: number): Promise<Map<string, ReportFactsRow>> {
    if (live?.generation === generation) return live.rows
    const rows = await db.reportFacts.where('live').equals(1).toArray()
    live = { generation, rows: new Map(rows.map((row) => [row.incidentId, row])) }
    return live.rows
  }

  const api: ReportAggregates = {
    build(buildOptions = {}) {
      building ??= runBuild(buildOptions.signal, buildOptions.onProgress).finally(() => {
        building = null
      })
      return building
    },
    catchUp() {
      catchingUp ??= runCatchUp().finally(() => {
        catchingUp = null
      })
      return catchingUp
    },
    prepare() {
      // One read at a time: the background upkeep and a caller waiting for idle ask together.
      preparing ??= readLiveAhead().finally(() => {
        preparing = null
      })
      return preparing
    },
    async report(reportOptions) {
      const days = wholeDaysOf(reportOptions.range, zone)
      if (!days || building) return null
      await api.catchUp()
      const state = await readState()
      if (!state?.complete || state.rules !== rules) return null
      const { from, asOf } = reportWindow(reportOptions)
      const seesSecurity = canSeeSecurityIncidents(reportOptions.viewer.role)
      const builder = createReportBuilder(reportOptions)
      const [dayRows, late, liveById] = await db.transaction('r', [db.reportDays, db.reportFacts], async () =>
        Promise.all([
          db.reportDays.where('day').between(days.firstDay, days.lastDay, true, true).toArray(),
          db.reportFacts.where('lastAt').aboveOrEqual(asOf).toArray(),
          liveRows(state.generation),
        ]),
      )
      for (const day of dayRows) {
        builder.addTally(day.plain)
        builder.addRead(day.logged.plain)
        if (seesSecurity) {
          builder.addTally(day.security)
          builder.addRead(day.logged.security)
        }
      }
      // Newer than the report's moment: take their settled figures back out and fold their events as of asOf.
      const lateIds = new Set(late.map((row) => row.incidentId))
      for (const row of late) {
        if (row.live || !row.facts || (row.facts.isSecurityNow && !seesSecurity)) continue
        for (const [day, tally] of dayContributions(row.facts, dayOf)) if (day >= days.firstDay && day <= days.lastDay) builder.addTally(tally, -1)
        const loggedDay = dayOf(row.facts.loggedAt)
        if (loggedDay >= days.firstDay && loggedDay <= days.lastDay) builder.addRead(-1)
      }
      const lateList = [...lateIds]
      for (let start = 0; start < lateList.length; start += chunkSize) {
        reportOptions.signal?.throwIfAborted()
        const chunk = lateList.slice(start, start + chunkSize)
        for (const history of await historiesOf(db, chunk)) builder.add(history)
      }
      for (const row of liveById.values()) {
        if (lateIds.has(row.incidentId)) continue
        if (row.facts) builder.addFacts(factsAsOf(row.facts, asOf))
        else if (row.incompleteOpen || row.lastAt >= from) builder.addIncomplete()
      }
      reportOptions.signal?.throwIfAborted()
      return builder.finish()
    },
  }
  return api
}
