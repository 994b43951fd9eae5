import { Index, type Encoder } from 'flexsearch'
import type { Priority } from '../../src-shared/incident/priority'
import type { IncidentState } from '../../src-shared/incident/vocabulary'
import { decodeDocuments, decodeIndexPart, DOCUMENTS_PER_PART, encodeDocuments, IDS_PER_PART, encodeIndexChunk, encodeRegister, MapPartsEncoder, type EncodedDocuments, type EncodedIndexPart, type TermSlots } from './searchIndexCodec'
import { BODY_MARK, createSearchEncoder, createWordEncoder, queryTerms, searchTextOf, similarityTerms, type SearchFields, type WordEncoder } from './searchText'

/**
 * The in-memory full-text index over incidents: FlexSearch for matching and ranking, plus a
 * small summary per incident (what a result row shows, and what filters need). Pure: it knows
 * nothing of Dexie or of who is signed in, so the benchmark measures exactly what the desk runs.
 * The search service (searchService.ts) feeds it from the store and decides what is visible.
 *
 * Why one FlexSearch Index over the fields joined in rank order, not a Document index with a
 * field each: a query's words may sit in different fields ("printer" in the title, "duplex" in a
 * work note) and must still all match, which a per-field search cannot do without intersecting
 * large id lists; and one index is one set of term maps in memory instead of seven. FlexSearch
 * scores a term by its position in the text, so the field order (searchText.ts) is the field
 * weight. Which field matched is worked out afterwards, for the few results shown.
 */

/** What a result row needs without reading the store, and what filters look at. */
export interface IncidentSummary {
  id: string
  number: string
  priority: Priority
  state: IncidentState
  shortDescription: string
  /** Still needs work (not Resolved, Closed or Canceled): the queue's own `open` flag. */
  open: boolean
  isSecurity: boolean
  updatedAt: string
  /**
   * Which version of the incident the indexed text is: changes with every event it folds. A
   * saved index compares it with the store's to find what changed while it was not running.
   */
  revision: string
}

export interface SearchDocument extends IncidentSummary {
  fields: SearchFields
}

export interface MatchOptions {
  limit: number
  /** Only incidents still open (the logging form's possible duplicates). */
  openOnly?: boolean
  /** A last check before an incident is returned (visibility for the signed-in actor). */
  visible?: (summary: IncidentSummary) => boolean
}

/** One ranked match; `score` is for ordering only (higher is better). */
export interface IndexMatch {
  summary: IncidentSummary
  score: number
  /** The query was this incident's number, typed in full. */
  exactNumber: boolean
}

export interface IncidentSearchIndex {
  readonly encoder: Encoder
  /** The same encoder one word at a time, cached: for quoting matches (describeMatch). */
  readonly words: WordEncoder
  readonly size: number
  /** Replaced or removed versions still inside FlexSearch (see createIncidentSearchIndex). */
  readonly stale: number
  /** Adds the incident or replaces what the index held for it. */
  put(document: SearchDocument): void
  remove(id: string): void
  has(id: string): boolean
  summary(id: string): IncidentSummary | undefined
  /** Every summary held, for visibility sweeps. */
  summaries(): IterableIterator<IncidentSummary>
  /** Every word of the query must match (as a word prefix), in any field. */
  match(query: string, options: MatchOptions): IndexMatch[]
  /** Incidents sharing the most meaningful words with `text`, not necessarily all of them. */
  matchSimilar(text: string, options: MatchOptions): IndexMatch[]
  clear(): void
  /**
   * Everything the index holds, in its saved form (FlexSearch's export plus the bookkeeping),
   * calling `pause` between FlexSearch's chunks so a large export does not hold the thread.
   * The index must not change until it resolves (the search service holds its changes back).
   */
  exportSnapshot(pause?: () => Promise<void>): Promise<IncidentSearchSnapshot>
}

/**
 * Bumped whenever what is indexed or how changes (termsOf, the encoder, the fields and their
 * order in searchText.ts, the FlexSearch options): a saved index of another format is rebuilt.
 */
export const SEARCH_INDEX_FORMAT = 2

/** What the index holds, in the compact saved form of searchIndexCodec.ts. */
export interface IncidentSearchSnapshot {
  format: number
  /** FlexSearch's export, re-encoded. */
  parts: EncodedIndexPart[]
  /** [FlexSearch key, summary] of every live version, as columns. */
  documents: EncodedDocuments[]
  nextKey: number
  stale: number
}

/**
 * Prefix terms in long fields start at this many letters. Every prefix of every word of a
 * description and its notes (FlexSearch's `forward` tokenizer) cost 2.5× the memory and 4× the
 * build time of whole words here (100k incidents: ~450 MB), almost all of it in one- to
 * three-letter prefixes that match nearly every incident anyway. Titles, callers, numbers and
 * classification keep every prefix: that is where a half-typed word is meant.
 */
const BODY_MIN_PREFIX = 4
/**
 * Prefix terms in short fields start at this many letters. One- and two-letter prefixes hold
 * nearly every incident; besides memory, replacing an incident (every commit) walks each of its
 * terms' id lists, so those giant lists made one update cost ~100 ms at 100k incidents.
 * A number typed short ("12") is found by the number lookup instead.
 */
const HEAD_MIN_PREFIX = 3

/**
 * The terms of an indexed text (head: whole words and prefixes from HEAD_MIN_PREFIX letters;
 * body: from BODY_MIN_PREFIX letters), or of a query (no mark: its words as they are). FlexSearch calls
 * this for both, and matches terms exactly (`tokenize: 'strict'`).
 */
function termsOf(encoder: Encoder): (content: string) => string[] {
  return (content) => {
    const split = content.indexOf(BODY_MARK)
    if (split < 0) return encoder.encode(content)
    const terms: string[] = []
    for (const word of encoder.encode(content.slice(0, split))) {
      for (let n = Math.min(HEAD_MIN_PREFIX, word.length); n <= word.length; n++) terms.push(word.slice(0, n))
    }
    for (const word of encoder.encode(content.slice(split + 1))) {
      for (let n = Math.min(BODY_MIN_PREFIX, word.length); n <= word.length; n++) terms.push(word.slice(0, n))
    }
    return terms
  }
}

/** How many ranked candidates FlexSearch hands over before filters and the open bonus. */
const CANDIDATE_FACTOR = 5
const MIN_CANDIDATES = 50
/**
 * Between two equally relevant hits the open incident is the one an agent is looking for; worth
 * this many places in FlexSearch's ranking out of 100.
 */
const OPEN_BONUS = 0.2

/**
 * A number as letters and digits without leading zeros: "INC0001234" → {prefix: "inc", digits: "1234"}.
 * A query without letters matches any prefix ("1234", "0001234"); with letters, only its own.
 */
export function numberParts(value: string): { prefix: string; digits: string } | null {
  const match = /^([a-z]*)[-\s]?0*(\d+)$/i.exec(value.trim())
  return match ? { prefix: match[1]!.toLowerCase(), digits: match[2]! } : null
}

/**
 * `numberParts(number)?.digits`, without the regular expression for the usual shape (letters,
 * then digits): a saved index's load works out 100k of them, and the expression was half of it.
 */
export function numberDigits(number: string): string | undefined {
  let at = 0
  while (at < number.length) {
    const lower = number.charCodeAt(at) | 0x20
    if (lower < 0x61 || lower > 0x7a) break
    at++
  }
  while (number.charCodeAt(at) === 0x30) at++
  const start = at
  for (; at < number.length; at++) {
    const code = number.charCodeAt(at)
    if (code < 0x30 || code > 0x39) return numberParts(number)?.digits
  }
  return start < number.length ? number.slice(start) : numberParts(number)?.digits
}

function isNumberOf(query: { prefix: string; digits: string } | null, number: string): boolean {
  const parts = numberParts(number)
  return query !== null && parts !== null && parts.digits === query.digits && (query.prefix === '' || query.prefix === parts.prefix)
}

/** The parts of FlexSearch's index that this index uses (flexsearch is pinned: see exportedParts). */
interface FlexSearchMaps {
  reg: unknown
  map: unknown
  ctx: unknown
}

/**
 * FlexSearch's index in the saved form, its terms walked straight from its maps, with `pause`
 * after each saved part. Its own export writes JSON (JSON.stringify of a chunk, which this would
 * parse again): the first chunk holds the commonest terms, 45 MB at 100k incidents, and those two
 * steps held the data worker ~0.5 s at every save. The maps are what FlexSearch's own export walks
 * (its register, its term map; the context map this index never fills); a FlexSearch whose maps
 * look otherwise is saved through its export, and a test holds the two equal.
 */
export async function exportedParts(index: Index, pause: () => Promise<void>, idsPerPart = IDS_PER_PART): Promise<EncodedIndexPart[]> {
  const { reg, map, ctx } = index as unknown as FlexSearchMaps
  const parts: EncodedIndexPart[] = []
  if (!(reg instanceof Set) || !(map instanceof Map) || !(ctx instanceof Map) || ctx.size > 0) {
    await index.export(async (key, data) => {
      parts.push(...encodeIndexChunk(key, JSON.parse(data), idsPerPart))
      await pause()
    })
    return parts
  }
  // The register in parts too: a million keys and more on a large desk.
  let keys: number[] = []
  for (const key of reg as Set<number>) {
    keys.push(key)
    if (keys.length < idsPerPart) continue
    parts.push(encodeRegister('reg', keys))
    keys = []
    await pause()
  }
  if (keys.length > 0) parts.push(encodeRegister('reg', keys))
  const encoder = new MapPartsEncoder('map', idsPerPart)
  for (const [term, slots] of map as Map<string, TermSlots>) {
    const part = encoder.add(term, slots)
    if (part) {
      parts.push(part)
      await pause()
    }
  }
  const last = encoder.finish()
  if (last) parts.push(last)
  return parts
}

/** One piece of a saved index, in any order: a part of FlexSearch's export, or a run of summaries. */
export type SnapshotPiece = { part: EncodedIndexPart } | { documents: EncodedDocuments }

/** A saved index as it arrives from the store: its pieces one by one, while the next ones are read. */
export interface StreamedSnapshot extends Pick<IncidentSearchSnapshot, 'format' | 'nextKey' | 'stale'> {
  pieces: AsyncIterable<SnapshotPiece> | Iterable<SnapshotPiece>
}

export function* piecesOf(snapshot: IncidentSearchSnapshot): Generator<SnapshotPiece> {
  for (const part of snapshot.parts) yield { part }
  for (const documents of snapshot.documents) yield { documents }
}

/**
 * An index holding what `snapshot` holds; throws on a snapshot of another format. Its pieces are
 * taken as they come, so a saved index is decoded while its next rows are still being read.
 * `pause` runs between pieces, so the data worker answers the queue meanwhile instead of after
 * the whole load (at 100k incidents, about half a second of work).
 */
export async function importIncidentSearchIndex(snapshot: IncidentSearchSnapshot | StreamedSnapshot, pause: () => Promise<void> = () => Promise.resolve()): Promise<IncidentSearchIndex> {
  if (snapshot.format !== SEARCH_INDEX_FORMAT) throw new Error(`A search index of format ${snapshot.format} cannot be loaded by format ${SEARCH_INDEX_FORMAT}.`)
  const { index, restore } = searchIndexParts()
  await restore('pieces' in snapshot ? snapshot : { ...snapshot, pieces: piecesOf(snapshot) }, pause)
  return index
}

export function createIncidentSearchIndex(): IncidentSearchIndex {
  return searchIndexParts().index
}

/** The index, and the one way to fill an empty one from a snapshot (importIncidentSearchIndex). */
function searchIndexParts(): { index: IncidentSearchIndex; restore: (snapshot: StreamedSnapshot, pause: () => Promise<void>) => Promise<void> } {
  const encoder = createSearchEncoder()
  // `encode`: our own terms (termsOf), so prefixes where they are worth their memory.
  //
  // Replacing an incident never removes its old text from FlexSearch: removal walks the id list
  // of every term the incident had (`fastupdate`'s register only saves finding them), and at
  // 100k incidents common terms hold tens of thousands of ids, so one commit cost 50–500 ms.
  // Instead each version of an incident gets a new key and the old key is forgotten here
  // (`live`); its entries stay in FlexSearch as garbage that results skip. `stale` counts them,
  // and the search service rebuilds the index in the background when they outgrow the live ones.
  // Without the register the index is also about a third smaller.
  const index = new Index({ tokenize: 'strict', encode: termsOf(encoder), resolution: 9 })
  /** Incident id → the key of its current version in FlexSearch (its summary is live's). */
  const keyOf = new Map<string, number>()
  /** Key of a current version → its summary; keys of replaced versions are absent. */
  const live = new Map<number, IncidentSummary>()
  let nextKey = 1
  let stale = 0
  /** Digits of the number (no zeros in front) → ids: a number typed in full is a lookup, and must not scan 100k summaries. */
  // Arrays, not Sets: a number is nearly always one incident's, and 100k Sets were a sixth of a saved index's load.
  const byNumber = new Map<string, string[]>()

  async function restore(from: StreamedSnapshot, pause: () => Promise<void>): Promise<void> {
    for await (const piece of from.pieces) {
      if ('part' in piece) {
        const { key, data } = decodeIndexPart(piece.part)
        // FlexSearch's import takes its chunks parsed as well as in JSON text (its typings say text only).
        ;(index as unknown as { import(key: string, data: unknown): void }).import(key, data)
      } else {
        for (const [key, summary] of decodeDocuments(piece.documents)) {
          live.set(key, summary)
          keyOf.set(summary.id, key)
          rememberNumber(summary)
        }
      }
      await pause()
    }
    nextKey = from.nextKey
    stale = from.stale
  }

  function summaryOf(id: string): IncidentSummary | undefined {
    const key = keyOf.get(id)
    return key === undefined ? undefined : live.get(key)
  }

  function forgetNumber(summary: IncidentSummary | undefined): void {
    const key = summary ? numberDigits(summary.number) : undefined
    if (!summary || key === undefined) return
    const ids = byNumber.get(key)?.filter((id) => id !== summary.id)
    if (ids && ids.length > 0) byNumber.set(key, ids)
    else byNumber.delete(key)
  }

  function rememberNumber(summary: IncidentSummary): void {
    const key = numberDigits(summary.number)
    if (key === undefined) return
    const ids = byNumber.get(key)
    if (!ids) byNumber.set(key, [summary.id])
    else if (!ids.includes(summary.id)) ids.push(summary.id)
  }

  function rank(keys: readonly (string | number)[], exactNumber: { prefix: string; digits: string } | null, options: MatchOptions): IndexMatch[] {
    const ranked: IndexMatch[] = []
    const total = Math.max(keys.length, 1)
    keys.forEach((key, position) => {
      const summary = live.get(Number(key))
      if (!summary) return
      if (options.openOnly && !summary.open) return
      if (options.visible && !options.visible(summary)) return
      const relevance = 1 - position / Math.max(total, 100)
      const isExactNumber = isNumberOf(exactNumber, summary.number)
      ranked.push({ summary, score: relevance + (summary.open ? OPEN_BONUS : 0) + (isExactNumber ? 10 : 0), exactNumber: isExactNumber })
    })
    // Stable sort: equal scores keep FlexSearch's order.
    ranked.sort((a, b) => b.score - a.score)
    return ranked.slice(0, options.limit)
  }

  function candidates(options: MatchOptions): number {
    return Math.max(options.limit * CANDIDATE_FACTOR, MIN_CANDIDATES)
  }

  const api: IncidentSearchIndex = {
    encoder,
    words: createWordEncoder(encoder),
    get size() {
      return keyOf.size
    },
    get stale() {
      return stale
    },
    put(document) {
      const { fields, ...summary } = document
      const previousKey = keyOf.get(document.id)
      const previous = previousKey === undefined ? undefined : live.get(previousKey)
      if (previousKey !== undefined) {
        live.delete(previousKey)
        stale += 1
      }
      const key = nextKey++
      index.add(key, searchTextOf(fields))
      keyOf.set(document.id, key)
      live.set(key, summary)
      forgetNumber(previous)
      rememberNumber(summary)
    },
    remove(id) {
      const key = keyOf.get(id)
      const previous = key === undefined ? undefined : live.get(key)
      if (!previous || key === undefined) return
      forgetNumber(previous)
      keyOf.delete(id)
      live.delete(key)
      stale += 1
    },
    has: (id) => keyOf.has(id),
    summary: summaryOf,
    summaries: () => live.values(),
    match(query, options) {
      if (queryTerms(encoder, query).length === 0 || options.limit <= 0) return []
      // FlexSearch answers undefined rather than [] in some no-match cases (a one-document index).
      const keys = [...(index.search(query, { limit: candidates(options) }) ?? [])]
      const exact = numberParts(query)
      if (exact !== null) {
        // A number typed in full is a lookup: find it even if the prefix terms ranked it low.
        for (const id of byNumber.get(exact.digits) ?? []) {
          const key = keyOf.get(id)
          const summary = key === undefined ? undefined : live.get(key)
          if (summary && key !== undefined && isNumberOf(exact, summary.number) && !keys.includes(key)) keys.unshift(key)
        }
      }
      return rank(keys, exact, options)
    },
    matchSimilar(text, options) {
      const terms = similarityTerms(encoder, text)
      if (terms.length === 0 || options.limit <= 0) return []
      // `suggest`: rank by how many of the words match instead of requiring all of them; a
      // duplicate is rarely worded the same way twice.
      const keys = index.search(terms.join(' '), { limit: candidates(options), suggest: true }) ?? []
      return rank(keys, null, options)
    },
    async exportSnapshot(pause = () => Promise.resolve()) {
      const parts = await exportedParts(index, pause)
      const documents: EncodedDocuments[] = []
      let slice: Array<[number, IncidentSummary]> = []
      for (const entry of live) {
        slice.push(entry)
        if (slice.length < DOCUMENTS_PER_PART) continue
        documents.push(...encodeDocuments(slice))
        slice = []
        await pause()
      }
      if (slice.length > 0) documents.push(...encodeDocuments(slice))
      return { format: SEARCH_INDEX_FORMAT, parts, documents, nextKey, stale }
    },
    clear() {
      index.clear()
      byNumber.clear()
      keyOf.clear()
      live.clear()
      stale = 0
    },
  }
  return { index: api, restore }
}
