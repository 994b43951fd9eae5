import { Dexie, type ObservabilitySet } from 'dexie'
import { firstPart, keysOf } from '../store/changedKeys'
import { committedWritesOf } from '../store/committedWrites'
import type { StoredEvent } from '../../src-shared/events/events'
import type { Actor } from '../../src-shared/incident/roles'
import { canSee, canSeeSecurityIncidents } from '../../src-shared/incident/visibility'
import type { IncidentDeskDatabase } from '../store/database'
import { readStateCounts } from '../store/counters'
import { revisionOf, type IncidentRecord } from '../store/records'
import { eventsOfIncidents } from '../store/refold'
import { openSavedSearchIndex, saveSearchIndex } from './searchSnapshot'
import { createIncidentSearchIndex, importIncidentSearchIndex, type IncidentSearchIndex, type IncidentSummary, type IndexMatch, type SearchDocument } from './incidentSearchIndex'
import { SEARCH_FIELDS, type SearchHit, type SearchIndexStatus } from '../../src-shared/search/searchHit'
import { describeMatch, queryTerms, searchFieldsOf, similarityTerms, type IncidentNotes } from './searchText'

/**
 * Keeps the full-text index (incidentSearchIndex.ts) in step with the local store, and answers
 * searches with what a result row shows.
 *
 * Built on the main thread in small time slices after start-up, not in a Web Worker. Why:
 * - a query must answer within a keystroke; FlexSearch answers in ~3 ms over 100k incidents
 *   (DESIGN §3), and a worker would add a message round trip and a second copy of every
 *   summary for the visibility and "open" filters;
 * - the index must follow the signed-in actor (security incidents), which lives here;
 * - a worker would open its own Dexie connection to the same database, and Electron's CSP and
 *   the two vite configs would both need a worker entry; the same module runs unchanged under
 *   Node for the tests and the benchmark.
 * Each slice indexes for at most SLICE_BUDGET_MS and then yields, so typing, scrolling and the
 * queue's live queries are never held up by more than one slice. Reading the store is
 * asynchronous anyway; only tokenizing is main-thread work.
 *
 * Kept current from Dexie's `storagemutated` event, which fires after a transaction commits
 * (never for one that rolled back) and also for writes made by another tab. It names the
 * primary keys written, so only the incidents that changed are re-read. A watermark on
 * `updatedAt` would miss events synced in from a desk whose clock was behind (DESIGN §2:
 * device clocks lie).
 */

export interface SearchService {
  /** Starts the background build and change tracking; safe to call again after stop(). */
  start(): void
  /** Stops tracking and drops the index (the next start() builds afresh). */
  stop(): void
  status(): SearchIndexStatus
  subscribe(listener: () => void): () => void
  /** Incidents whose text holds every word of `query`, best first, visible to the signed-in actor. */
  search(query: string, limit?: number): Promise<SearchHit[]>
  /** See findSimilarOpenIncidents in similarIncidents.ts. */
  findSimilarOpenIncidents(text: string, limit?: number): Promise<SearchHit[]>
  /** Resolves once the first build has finished and no change is waiting (tests, the benchmark). */
  whenIdle(): Promise<void>
}

/** The service that holds the index itself (in the data worker, or a test), not a proxy of one. */
export interface LocalSearchService extends SearchService {
  /** Saves the index now if it changed since the last save (with persistence on; else nothing). */
  saveIndex(): Promise<void>
  /** Resolves once the saved index is loaded, or found missing or unusable (at once when there is no loading). */
  savedIndexLoaded(): Promise<void>
}

/** Where the service finds each incident's current revision (revisionOf) and whether it is a security incident. */
export type RevisionSource = () => Promise<Iterable<readonly [id: string, revision: string, isSecurity: boolean]>>

export interface SearchPersistence {
  /** The store's current revisions; by default read from the incident rows. */
  revisions?: RevisionSource
  /** After changes, how long to wait before saving again (one save per such window). */
  saveAfterMs?: number
}

export interface SearchServiceOptions {
  /**
   * Load the index saved in the store at start, and save it after a build and after changes
   * (searchSnapshot.ts). The data worker turns this on; without it every start builds afresh.
   */
  persistence?: SearchPersistence
  /** Incidents read per store request during the build. */
  chunkSize?: number
  /** Yields to the event loop between slices; tests may pass an immediate one. */
  yieldToUi?: () => Promise<void>
  /** Rebuild in the background once this many replaced versions outnumber the live ones. */
  compactAfterStale?: number
}

const DEFAULT_CHUNK_SIZE = 400
const SLICE_BUDGET_MS = 8
const CHANGE_BATCH = 200
const NOTE_TYPES = new Set(['WorkNoteAdded', 'CallerCommentAdded'])
/** Garbage worth a background rebuild: more replaced versions than live ones, and at least this many. */
const COMPACT_MIN_STALE = 20_000
const DEFAULT_SAVE_AFTER_MS = 30_000

/**
 * `pause`, but only once `budgetMs` went by since the last one: the build's slices, and the saved
 * index's load, which is a hundred short steps where a pause costs about 4 ms in the worker
 * (nested timers are clamped): pausing after every step made a quarter of the load's time waiting.
 */
function pausingEvery(budgetMs: number, pause: () => Promise<void>): () => Promise<void> {
  let deadline = performance.now() + budgetMs
  return async () => {
    if (performance.now() < deadline) return
    await pause()
    deadline = performance.now() + budgetMs
  }
}

function defaultYield(): Promise<void> {
  // scheduler.yield (Chromium 129+) resumes ahead of other queued tasks but after input;
  // setTimeout is the fallback (and what Node has).
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler
  if (scheduler?.yield) return scheduler.yield()
  return new Promise((resolve) => setTimeout(resolve, 0))
}

function notesOf(events: readonly StoredEvent[]): Map<string, IncidentNotes & { workNotes: string[]; callerComments: string[] }> {
  const notes = new Map<string, { workNotes: string[]; callerComments: string[] }>()
  for (const event of events) {
    if (!NOTE_TYPES.has(event.type)) continue
    const entry = notes.get(event.incidentId) ?? { workNotes: [], callerComments: [] }
    if (event.type === 'WorkNoteAdded') entry.workNotes.push(event.payload.text)
    else if (event.type === 'CallerCommentAdded') entry.callerComments.push(event.payload.text)
    notes.set(event.incidentId, entry)
  }
  return notes
}

function hasNotes(record: IncidentRecord): boolean {
  return record.workNoteCount > 0 || record.callerCommentCount > 0
}

/** Work notes and caller comments of the given incidents, read only for those that have any. */
async function readNotes(db: IncidentDeskDatabase, records: readonly IncidentRecord[]): Promise<Map<string, IncidentNotes>> {
  const ids = records.filter(hasNotes).map((record) => record.id)
  if (ids.length === 0) return new Map()
  return notesOf((await eventsOfIncidents(db, ids)).flat())
}

/**
 * Which version of an incident a search document was made from: the count of events folded into
 * it, which every change raises (a note is an event too), and its last update.
 */

export function summaryOf(record: IncidentRecord): IncidentSummary {
  return {
    id: record.id,
    revision: revisionOf(record),
    number: record.number,
    priority: record.priority,
    state: record.state,
    shortDescription: record.shortDescription,
    open: record.open === 1,
    isSecurity: record.isSecurity,
    updatedAt: record.updatedAt,
  }
}

export function documentOf(record: IncidentRecord, notes: IncidentNotes | undefined): SearchDocument {
  return { ...summaryOf(record), fields: searchFieldsOf(record, notes) }
}

/** The events' index by incident (schema v12): its keys are `[incidentId, hlc]`. */
const EVENTS_BY_INCIDENT = '[incidentId+hlc]'

/**
 * The shown results, best field first: a number typed in full, then a hit in the number, the
 * title, the caller, the classification, the description, a caller comment, a work note. Within
 * a field the index's order stands (its relevance, open incidents ahead of closed ones).
 * FlexSearch's own position scoring already prefers early fields, but only roughly: a long
 * classification pushes the description back. The field is known for the shown results only,
 * so this orders those; the index decided which ones they are.
 */
function rankByField(matches: readonly IndexMatch[], hits: SearchHit[]): SearchHit[] {
  const position = new Map(matches.map((match, index) => [match.summary.id, index]))
  const exact = new Set(matches.filter((match) => match.exactNumber).map((match) => match.summary.id))
  const tier = (hit: SearchHit) => (exact.has(hit.id) ? -1 : hit.match ? SEARCH_FIELDS.indexOf(hit.match.field) : SEARCH_FIELDS.length)
  return hits.sort((a, b) => tier(a) - tier(b) || position.get(a.id)! - position.get(b.id)!)
}

export function createSearchService(db: IncidentDeskDatabase, session: { readonly actor: Actor }, options: SearchServiceOptions = {}): LocalSearchService {
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE
  const yieldToUi = options.yieldToUi ?? defaultYield
  const compactAfterStale = options.compactAfterStale ?? COMPACT_MIN_STALE
  let index: IncidentSearchIndex = createIncidentSearchIndex()
  /**
   * A second index being built while `index` keeps answering, when replaced versions
   * (IncidentSearchIndex.stale) outgrow the live ones; it takes over once the scan is through.
   */
  let fresh: IncidentSearchIndex | null = null
  const listeners = new Set<() => void>()
  const changed = new Set<string>()
  /** Of `changed`, incidents whose events changed (older notes arriving): re-read even at the same revision. */
  const eventsChanged = new Set<string>()
  /** Of `changed`, rows as this context's own commits wrote them (committedWrites.ts), null when deleted: not read again. */
  const handedRecords = new Map<string, IncidentRecord | null>()

  let status: SearchIndexStatus = { phase: 'idle', indexed: 0, stale: 0, total: 0, version: 0 }
  let generation = 0
  /** The build's position: the next chunk reads ids below this one (newest first). Null: not building. */
  let scanCursor: { below: string | null } | null = null
  let pumping: Promise<void> | null = null
  /** Whether the index was built for an actor who may see security incidents. */
  let indexedSecurity = canSeeSecurityIncidents(session.actor.role)
  let unsubscribe: (() => void) | null = null
  const persistence = options.persistence ?? null
  /** Loading the saved index at start; the pump waits for it. */
  let loading: Promise<void> | null = null
  let startedAt = 0
  /** Changes applied since the index was last saved. */
  let unsaved = false
  let saveTimer: ReturnType<typeof setTimeout> | null = null
  let saving: Promise<void> | null = null

  function setStatus(next: Partial<SearchIndexStatus>): void {
    if (next.phase === 'ready' && status.readyAfterMs == null) next = { ...next, readyAfterMs: Math.round(performance.now() - startedAt) }
    status = { ...status, ...next, indexed: index.size, stale: index.stale, version: status.version + 1 }
    for (const listener of listeners) listener()
  }

  const visible = (summary: IncidentSummary) => canSee(session.actor, summary)

  /**
   * The signed-in actor can change under a running desk (sign-in, another account). Losing
   * access to security incidents drops them from the index at once; gaining it re-scans the
   * store so they are added.
   */
  function followActor(): void {
    const mayNow = canSeeSecurityIncidents(session.actor.role)
    if (mayNow === indexedSecurity) return
    indexedSecurity = mayNow
    if (!mayNow) {
      for (const target of [index, fresh]) {
        if (target) for (const summary of [...target.summaries()]) if (summary.isSecurity) target.remove(summary.id)
      }
      setStatus({})
    } else {
      scanCursor = { below: null }
      setStatus({ phase: 'building' })
      void pump()
    }
  }

  function indexRecords(records: readonly IncidentRecord[], notes: ReadonlyMap<string, IncidentNotes>): void {
    for (const target of [index, fresh]) {
      if (!target) continue
      for (const record of records) {
        if (canSee(session.actor, record)) target.put(documentOf(record, notes.get(record.id)))
        else target.remove(record.id)
      }
    }
  }

  async function refresh(ids: readonly string[]): Promise<void> {
    // Taken now: a notice arriving during the read below hands over a newer row for the next batch.
    const handed = new Map<string, IncidentRecord | null>()
    for (const id of ids) {
      if (!handedRecords.has(id)) continue
      handed.set(id, handedRecords.get(id)!)
      handedRecords.delete(id)
    }
    const toRead = ids.filter((id) => !handed.has(id))
    const read = toRead.length > 0 ? await db.incidents.bulkGet(toRead) : []
    const readById = new Map(toRead.map((id, position) => [id, read[position]]))
    const records = ids.map((id) => (handed.has(id) ? (handed.get(id) ?? undefined) : readById.get(id)))
    // A row rewritten at the revision already indexed changed nothing searched: the SLA deadlines
    // of thousands of running incidents after a rules change, which need no notes read again.
    const present = records.filter(
      (record): record is IncidentRecord => record !== undefined && (eventsChanged.has(record.id) || !index.has(record.id) || index.summary(record.id)?.revision !== revisionOf(record)),
    )
    for (const id of ids) eventsChanged.delete(id)
    const notes = await readNotes(db, present)
    ids.forEach((id, position) => {
      if (records[position]) return
      index.remove(id)
      fresh?.remove(id)
    })
    indexRecords(present, notes)
  }

  async function scanChunk(cursor: { below: string | null }): Promise<boolean> {
    const collection = cursor.below === null ? db.incidents.orderBy(':id') : db.incidents.where(':id').below(cursor.below)
    const records = await collection.reverse().limit(chunkSize).toArray()
    if (records.length === 0) return false
    const notes = await readNotes(db, records)
    const pause = pausingEvery(SLICE_BUDGET_MS, yieldToUi)
    const target = fresh ?? index
    for (const record of records) {
      // A record already indexed was refreshed by the change tracking, which is never older.
      if (!target.has(record.id) && canSee(session.actor, record)) target.put(documentOf(record, notes.get(record.id)))
      await pause()
    }
    cursor.below = records[records.length - 1]!.id
    return records.length === chunkSize
  }

  /**
   * The one loop that writes the index, so a chunk read before a change is never applied after
   * it: changes waiting go first, then the next chunk of the build.
   */
  function pump(): Promise<void> {
    if (pumping) return pumping
    const mine = generation
    pumping = (async () => {
      try {
        if (loading) await loading
        // Changes wait while the index is being exported: it must hold still for a true copy.
        if (saving) await saving
        while (mine === generation) {
          if (changed.size > 0) {
            const batch = [...changed].slice(0, CHANGE_BATCH)
            for (const id of batch) changed.delete(id)
            await refresh(batch)
            unsaved = true
            scheduleSave(persistence?.saveAfterMs ?? DEFAULT_SAVE_AFTER_MS)
            if (!fresh && !scanCursor && index.stale > Math.max(compactAfterStale, index.size)) {
              fresh = createIncidentSearchIndex()
              scanCursor = { below: null }
            }
            setStatus({})
          } else if (scanCursor) {
            const more = await scanChunk(scanCursor)
            if (!more) {
              scanCursor = null
              if (fresh) {
                index = fresh
                fresh = null
              }
              // A whole build or compaction is worth keeping at once.
              unsaved = true
              scheduleSave(0)
            }
            setStatus(scanCursor ? {} : { phase: 'ready', loadedFrom: status.loadedFrom ?? 'store' })
          } else {
            break
          }
          await yieldToUi()
        }
      } catch (error) {
        // The database closed under us (the desk is shutting down) or a read failed: search
        // keeps what it has and says it is incomplete ('idle'); the next change is tracked again.
        if (mine === generation) {
          console.warn('The search index could not be brought up to date', error)
          scanCursor = null
          changed.clear()
          handedRecords.clear()
          setStatus({ phase: 'idle' })
        }
      } finally {
        if (mine === generation) pumping = null
      }
    })()
    return pumping
  }

  /** At most one save per `delayMs` window; none while a build or compaction is under way. */
  function scheduleSave(delayMs: number): void {
    if (!persistence || saveTimer) return
    saveTimer = setTimeout(() => {
      saveTimer = null
      void saveNow()
    }, delayMs)
  }

  async function saveNow(): Promise<void> {
    if (!persistence || !unsaved) return
    if (saving) return saving
    if (scanCursor || fresh || pumping) {
      // Mid-build, mid-compaction or mid-change: the index is moving; save once it holds still.
      scheduleSave(scanCursor || fresh ? (persistence.saveAfterMs ?? DEFAULT_SAVE_AFTER_MS) : 1000)
      return
    }
    const mine = generation
    unsaved = false
    const exporting = index
    saving = exporting
      .exportSnapshot(yieldToUi)
      .then((snapshot) => saveSearchIndex(db, { snapshot, includesSecurity: indexedSecurity, savedAt: new Date().toISOString() }))
      .catch((error: unknown) => {
        // A full disk: search goes on from memory, and the next start builds from the store.
        if (mine === generation) unsaved = true
        console.warn('The search index could not be saved', error)
      })
      .finally(() => {
        saving = null
      })
    return saving
  }

  /**
   * Loads the saved index, then brings it up to date: incidents whose revision differs from the
   * saved one (changed while the desk was closed, or in another window) are re-read, those no
   * longer in the store or no longer visible are dropped, visible ones it lacks are added.
   * Returns false when there is nothing usable saved, and the build starts from the store.
   */
  async function loadSaved(mine: number): Promise<boolean> {
    const pause = pausingEvery(SLICE_BUDGET_MS, yieldToUi)
    const saved = await openSavedSearchIndex(db, pause)
    if (!saved || mine !== generation) return false
    const loaded = await importIncidentSearchIndex(saved.snapshot, pause)
    if (!(await saved.intact()) || mine !== generation) return false
    const current = new Map<string, { revision: string; isSecurity: boolean }>()
    for (const [id, revision, isSecurity] of await (persistence?.revisions ?? storeRevisions)()) current.set(id, { revision, isSecurity })
    if (mine !== generation) return false
    for (const summary of [...loaded.summaries()]) {
      const now = current.get(summary.id)
      if (!now || !canSee(session.actor, now)) loaded.remove(summary.id)
    }
    for (const [id, now] of current) {
      if (canSee(session.actor, now) && loaded.summary(id)?.revision !== now.revision) changed.add(id)
    }
    index = loaded
    indexedSecurity = canSeeSecurityIncidents(session.actor.role)
    scanCursor = null
    unsaved = changed.size > 0
    setStatus({ phase: 'ready', loadedFrom: 'saved' })
    return true
  }

  async function storeRevisions(): Promise<Array<readonly [string, string, boolean]>> {
    const revisions: Array<readonly [string, string, boolean]> = []
    await db.incidents.each((record) => void revisions.push([record.id, revisionOf(record), record.isSecurity]))
    return revisions
  }

  function onStorageMutated(parts: ObservabilitySet): void {
    const prefix = `idb://${db.name}/`
    const written = committedWritesOf(parts)
    let everything = false
    for (const [part, tree] of Object.entries(parts)) {
      // Incident rows written or deleted, or events of an incident (a note is an event; older
      // events arrive when an incident is opened on a snapshot-bootstrapped desk).
      const ofEvents = part === `${prefix}events/${EVENTS_BY_INCIDENT}`
      const relevant = part === `${prefix}incidents/` || part === `${prefix}incidents/:dels` || ofEvents
      if (!relevant) continue
      const keys = new Set<string>()
      if (keysOf(tree, keys, ofEvents ? firstPart : undefined).whole) everything = true
      for (const key of keys) {
        if (ofEvents) {
          // Events written here without a note among them add no text: a push's server sequences,
          // the server's numbering (its row change, if any, is in the incidents part).
          if (written && !written.events.get(key)?.some((event) => NOTE_TYPES.has(event.type))) continue
          eventsChanged.add(key)
        } else {
          const record = written?.incidents.get(key)
          if (record === undefined) handedRecords.delete(key)
          else handedRecords.set(key, record)
        }
        changed.add(key)
      }
    }
    if (everything) {
      // A whole table was replaced: rebuild from scratch rather than guess.
      index.clear()
      fresh = null
      changed.clear()
      eventsChanged.clear()
      handedRecords.clear()
      scanCursor = { below: null }
      setStatus({ phase: 'building' })
    }
    if (changed.size > 0 || everything) void pump()
  }

  return {
    start() {
      if (unsubscribe) return
      Dexie.on('storagemutated', onStorageMutated)
      unsubscribe = () => Dexie.on.storagemutated.unsubscribe(onStorageMutated)
      generation += 1
      pumping = null
      indexedSecurity = canSeeSecurityIncidents(session.actor.role)
      scanCursor = { below: null }
      startedAt = performance.now()
      setStatus({ phase: 'building', total: 0, loadedFrom: null, readyAfterMs: null })
      const mine = generation
      if (persistence) {
        loading = loadSaved(mine)
          .catch((error: unknown) => {
            console.warn('The saved search index could not be loaded; building it from the store.', error)
            return false
          })
          .then((loaded) => {
            if (!loaded && mine === generation) {
              index = createIncidentSearchIndex()
              scanCursor = { below: null }
            }
          })
          .finally(() => {
            loading = null
          })
      }
      void readStateCounts(db).then(
        (counts) => {
          if (mine === generation) setStatus({ total: Object.values(counts).reduce((sum, count) => sum + count, 0) })
        },
        () => undefined,
      )
      // After the first paint: start-up never waits for the index.
      void yieldToUi().then(() => {
        if (mine === generation) void pump()
      })
    },
    stop() {
      unsubscribe?.()
      unsubscribe = null
      if (saveTimer) clearTimeout(saveTimer)
      saveTimer = null
      generation += 1
      pumping = null
      scanCursor = null
      fresh = null
      changed.clear()
      handedRecords.clear()
      index = createIncidentSearchIndex()
      setStatus({ phase: 'idle', total: 0 })
    },
    status: () => status,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    async search(query, limit = 20) {
      followActor()
      const matches = index.match(query, { limit, visible })
      return rankByField(matches, await hydrate(matches, queryTerms(index.encoder, query)))
    },
    async findSimilarOpenIncidents(text, limit = 5) {
      followActor()
      const terms = similarityTerms(index.encoder, text)
      if (terms.length === 0) return []
      // More candidates than asked for: those sharing only one word of several are dropped below.
      const matches = index.matchSimilar(text, { limit: limit * 3, openOnly: true, visible })
      const hits = await hydrate(matches, terms)
      const needed = Math.min(2, terms.length)
      return hits.filter((hit) => (hit.match?.termsMatched ?? 0) >= needed).slice(0, limit)
    },
    saveIndex: () => saveNow(),
    async savedIndexLoaded() {
      await loading
    },
    async whenIdle() {
      for (;;) {
        const running = loading ?? pumping
        if (running) await running
        else if (changed.size === 0 && scanCursor === null) return
        else await pump()
      }
    },
  }

  /** Reads the few results shown from the store: fresh text for the snippet, and a last visibility check. */
  async function hydrate(matches: readonly IndexMatch[], terms: readonly string[]): Promise<SearchHit[]> {
    if (matches.length === 0) return []
    const records = await db.incidents.bulkGet(matches.map((match) => match.summary.id))
    const present = records.filter((record): record is IncidentRecord => record !== undefined && canSee(session.actor, record))
    const notes = await readNotes(db, present)
    return present.map((record) => ({
      id: record.id,
      number: record.number,
      numberIsProvisional: record.numberIsProvisional,
      priority: record.priority,
      state: record.state,
      shortDescription: record.shortDescription,
      callerName: record.caller.name,
      match: describeMatch(index.words, terms, searchFieldsOf(record, notes.get(record.id))),
    }))
  }
}
