import { Charset, Encoder } from 'flexsearch'
import { SEARCH_FIELDS, type MatchDescription, type SearchField, type SnippetPart } from '../../src-shared/search/searchHit'

/**
 * What of an incident is searchable, and how a match is described to the person searching.
 * Pure (no Dexie, no DOM), so the index, the benchmark and the tests share it.
 *
 * Fields in rank order: a hit in an earlier field is a better hit. The index relies on that order
 * (see incidentSearchIndex.ts), and so does `describeMatch` when it picks the field to quote.
 * - `number`: the human number, also without its prefix and zeros, so "1234" finds INC0001234.
 * - `shortDescription`: the title agents scan.
 * - `caller`: who reported it.
 * - `classification`: category, subcategory, service, configuration item and location.
 * - `description`: the longer report.
 * - `callerComment`: what the desk wrote to the caller and the caller's replies.
 * - `workNote`: internal notes between agents (never shown to callers; labelled as internal).
 */

export const SEARCH_FIELD_LABELS: Record<SearchField, string> = {
  number: 'Number',
  shortDescription: 'Short description',
  caller: 'Caller',
  classification: 'Category, service or location',
  description: 'Description',
  callerComment: 'Caller comment',
  workNote: 'Work note (internal)',
}

/** The texts of one incident, per field; notes and comments are one entry each. */
export type SearchFields = Record<SearchField, readonly string[]>

/** The parts of the projection the search text is made of (a subset of Incident). */
export interface SearchableIncident {
  number: string
  shortDescription: string
  description: string
  caller: { name: string }
  category: string | null
  subcategory: string | null
  service: string | null
  configurationItem: string | null
  location: string | null
}

export interface IncidentNotes {
  workNotes: readonly string[]
  callerComments: readonly string[]
}

/** "INC0001234" → "1234"; a provisional "NEW-3F9A2C-4" keeps its own parts. */
function numberAliases(number: string): string[] {
  const digits = /(\d+)$/.exec(number)?.[1]
  const short = digits ? String(Number.parseInt(digits, 10)) : null
  return short && short !== number ? [number, short] : [number]
}

export function searchFieldsOf(incident: SearchableIncident, notes: IncidentNotes = { workNotes: [], callerComments: [] }): SearchFields {
  const present = (values: readonly (string | null)[]) => values.filter((value): value is string => !!value && value.trim() !== '')
  return {
    number: numberAliases(incident.number),
    shortDescription: present([incident.shortDescription]),
    caller: present([incident.caller.name]),
    classification: present([incident.category, incident.subcategory, incident.service, incident.configurationItem, incident.location]),
    description: present([incident.description]),
    callerComment: present(notes.callerComments),
    workNote: present(notes.workNotes),
  }
}

/** Short fields: prefixes from three letters are terms, so a word is found while still being typed. */
export const HEAD_FIELDS: readonly SearchField[] = ['number', 'shortDescription', 'caller', 'classification']
/** Long fields: whole words, and prefixes from BODY_MIN_PREFIX letters (see incidentSearchIndex.ts). */
export const BODY_FIELDS: readonly SearchField[] = ['description', 'callerComment', 'workNote']

/** Separates the head from the body in the indexed text; never part of what people type. */
export const BODY_MARK = '\u0000'

/**
 * The text the index holds for an incident: the fields in rank order, so FlexSearch's
 * position-based relevance ranks a title hit above a hit deep in a work note; the head and the
 * body apart, because they are tokenized differently.
 */
export function searchTextOf(fields: SearchFields): string {
  const join = (names: readonly SearchField[]) => names.map((field) => fields[field].join(' \n ').replaceAll(BODY_MARK, ' ')).join(' \n ')
  return `${join(HEAD_FIELDS)}${BODY_MARK}${join(BODY_FIELDS)}`
}

/**
 * One encoder for indexing, querying and quoting, so a snippet highlights exactly what matched.
 * Normalize folds case and accents ("Tomás" = "tomas"). `numeric: false` keeps "0412" one term:
 * the default splits numbers into triplets, and "1234" would then match any text with "123" and "4".
 */
export function createSearchEncoder(): Encoder {
  // `filter`: stop words are neither indexed nor searched for. They match nearly every incident,
  // and their id lists are what replacing an incident in the index has to walk.
  return new Encoder({ ...Charset.Normalize, numeric: false, filter: INDEX_STOP_WORDS })
}

/** Words too common in incident text to tell incidents apart (English). */
const INDEX_STOP_WORDS = new Set(
  'a an and are as at be but by for from has have in is it its of on or that the this to was were will with'.split(' '),
)

/**
 * Words shorter than this, and the stop words below, are ignored when looking for duplicates:
 * with prefix matching "is" and "the" match half the desk.
 */
const SIMILARITY_MIN_TERM_LENGTH = 3
const STOP_WORDS = new Set(
  'the and for with from that this not but are was were has have had can cannot does did doesn don won its our your their they them then than when what which who why how all any some into onto off out over under again still just very also only after before since while been being there here would could should will shall please help issue problem'.split(
    ' ',
  ),
)

/** The distinct encoded terms of a query, in order. */
export function queryTerms(encoder: Encoder, query: string): string[] {
  return [...new Set(encoder.encode(query))].filter((term) => term.length > 0)
}

/** The terms of a text worth comparing for duplicates (no stop words, no short words). */
export function similarityTerms(encoder: Encoder, text: string): string[] {
  const words = text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length >= SIMILARITY_MIN_TERM_LENGTH && !STOP_WORDS.has(word))
  return queryTerms(encoder, words.join(' '))
}


interface WordMatch {
  start: number
  end: number
  terms: Set<string>
}

/**
 * Encodes one word at a time, remembering the answers: quoting 20 results encodes a few thousand
 * words, mostly the same few hundred, and FlexSearch's encoder is the expensive part of it.
 * Bounded, so a long session does not grow it without end.
 */
export interface WordEncoder {
  encode(word: string): readonly string[]
}

const WORD_CACHE_LIMIT = 20_000

export function createWordEncoder(encoder: Encoder): WordEncoder {
  const cache = new Map<string, readonly string[]>()
  return {
    encode(word) {
      const key = word.toLowerCase()
      let encoded = cache.get(key)
      if (!encoded) {
        if (cache.size >= WORD_CACHE_LIMIT) cache.clear()
        encoded = encoder.encode(key)
        cache.set(key, encoded)
      }
      return encoded
    },
  }
}

/** The words of `text` that a query term is a prefix of (the index tokenizes forward). */
function matchWords(words: WordEncoder, text: string, terms: readonly string[]): WordMatch[] {
  const matches: WordMatch[] = []
  for (const word of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    const encoded = words.encode(word[0])
    let hit: Set<string> | null = null
    for (const term of terms) {
      if (encoded.some((token) => token.startsWith(term))) (hit ??= new Set()).add(term)
    }
    if (hit) matches.push({ start: word.index, end: word.index + word[0].length, terms: hit })
  }
  return matches
}

const SNIPPET_CONTEXT = 40
const SNIPPET_MAX = 140

/** `text` is already flattened (one space for every whitespace run), so positions are final. */
function snippetAround(text: string, words: readonly WordMatch[]): SnippetPart[] {
  const first = words[0]
  const start = first ? Math.max(0, first.start - SNIPPET_CONTEXT) : 0
  const end = Math.min(text.length, start + SNIPPET_MAX)
  const parts: SnippetPart[] = []
  let cursor = start
  const push = (from: number, to: number, highlighted: boolean) => {
    if (to > from) parts.push({ text: text.slice(from, to), highlighted })
  }
  for (const word of words) {
    if (word.start < cursor || word.end > end) continue
    push(cursor, word.start, false)
    push(word.start, word.end, true)
    cursor = word.end
  }
  push(cursor, end, false)
  const head = parts[0]
  if (start > 0 && head) head.text = `…${head.text.trimStart()}`
  const tail = parts[parts.length - 1]
  if (end < text.length && tail) tail.text = `${tail.text.trimEnd()}…`
  return parts
}

/**
 * Which field of an incident best matches the query, quoted with the matched words marked: the
 * field holding the most of the query's terms, the earlier field on a tie. Null when no field
 * holds any term (the index and the stored text disagree for a moment during an update).
 */
export function describeMatch(words: WordEncoder, terms: readonly string[], fields: SearchFields): MatchDescription | null {
  if (terms.length === 0) return null
  let best: { field: SearchField; text: string; words: WordMatch[]; covered: number } | null = null
  const coveredAnywhere = new Set<string>()
  for (const field of SEARCH_FIELDS) {
    for (const raw of fields[field]) {
      const text = raw.replace(/\s+/g, ' ').trim()
      const matched = matchWords(words, text, terms)
      if (matched.length === 0) continue
      const covered = new Set(matched.flatMap((word) => [...word.terms]))
      for (const term of covered) coveredAnywhere.add(term)
      if (!best || covered.size > best.covered) best = { field, text, words: matched, covered: covered.size }
      // Every term in one field, and the earliest such field: nothing later can beat it.
      if (covered.size === terms.length && coveredAnywhere.size === terms.length) break
    }
    if (best && best.covered === terms.length) break
  }
  if (!best) return null
  return {
    field: best.field,
    label: SEARCH_FIELD_LABELS[best.field],
    parts: snippetAround(best.text, best.words),
    termsMatched: coveredAnywhere.size,
    termsTotal: terms.length,
  }
}
