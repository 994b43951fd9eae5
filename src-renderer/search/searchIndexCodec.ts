import type { IncidentSummary } from './incidentSearchIndex'

/**
 * The saved search index's compact form: what a start reads back from IndexedDB and turns into
 * FlexSearch's maps and the summaries.
 *
 * Why not FlexSearch's own export (JSON text): at 100k incidents it was 52 MB of JSON plus 100k
 * summary objects, and a start spent ~1.7 s reading them back (structured clone rebuilds every
 * object and its property names) and ~1.1 s parsing them — the index was searchable ~3 s after
 * the worker started loading it. Here the ids of each term are varints (delta from the previous
 * id of the same list, zigzag so an unsorted list still round-trips), a few bytes instead of ~7
 * characters, and the summaries are columns (one text or byte array per field), which clone back
 * much faster than objects.
 *
 * Pure functions over plain data: the saved rows are exactly these values (searchSnapshot.ts),
 * and the round trip is tested on its own (test/search/searchIndexCodec.test.ts).
 */

/** One FlexSearch term's ids per score slot (FlexSearch's `resolution`): null where none. */
export type TermSlots = Array<number[] | null>

/**
 * A piece of FlexSearch's export, as saved:
 * - `reg`: every key FlexSearch holds;
 * - `map`: terms and their ids per score slot;
 * - `json`: any other piece, as FlexSearch wrote it (this index writes none today; a FlexSearch
 *   update that adds one still round-trips, merely slower).
 */
export type EncodedIndexPart =
  | { kind: 'reg'; key: string; ids: ArrayBuffer }
  | { kind: 'map'; key: string; terms: string[]; slots: ArrayBuffer }
  | { kind: 'json'; key: string; json: string }

/**
 * Strings as one text and each one's length: structured clone copies one string instead of
 * making 10,000 (100k summaries as arrays of strings took ~250 ms to read back; as objects, ~1 s).
 */
export interface StringColumn {
  text: string
  lengths: Uint32Array
}

/** Summaries, one column per field, in the same order as `keys`. */
export interface EncodedDocuments {
  keys: ArrayBuffer
  ids: StringColumn
  numbers: StringColumn
  priorities: Uint8Array
  states: StringColumn
  shortDescriptions: StringColumn
  updatedAt: StringColumn
  revisions: StringColumn
  /** Bit 0: open; bit 1: a security incident. */
  flags: Uint8Array
}

/**
 * Ids per saved `map` part: parts that decode in a few milliseconds, so the worker answers the
 * queue between them. FlexSearch chunks by term count, and its first chunk holds the commonest
 * terms, with most of the ids.
 */
export const IDS_PER_PART = 500_000
/** …or terms per part: the rare terms (most of them) hold few ids each, and would all make one part. */
export const TERMS_PER_PART = 20_000
/** Summaries per saved row. */
export const DOCUMENTS_PER_PART = 10_000

const OPEN = 1
const SECURITY = 2

/** Unsigned varints (7 bits per byte) into a growing buffer. */
class VarintWriter {
  private bytes = new Uint8Array(1024)
  private length = 0

  push(value: number): void {
    if (this.length + 5 > this.bytes.length) {
      const grown = new Uint8Array(this.bytes.length * 2)
      grown.set(this.bytes)
      this.bytes = grown
    }
    let rest = value >>> 0
    while (rest >= 0x80) {
      this.bytes[this.length++] = (rest & 0x7f) | 0x80
      rest >>>= 7
    }
    this.bytes[this.length++] = rest
  }

  /** The ids of one list: how many, then each as a zigzag delta from the one before. */
  pushIds(ids: readonly number[]): void {
    this.push(ids.length)
    let previous = 0
    for (const id of ids) {
      if (!Number.isInteger(id) || id < 0 || id > 0x7fffffff) throw new Error(`The search index holds a key the saved form cannot hold: ${String(id)}.`)
      const delta = id - previous
      this.push((delta << 1) ^ (delta >> 31))
      previous = id
    }
  }

  finish(): ArrayBuffer {
    return this.bytes.slice(0, this.length).buffer
  }
}

class VarintReader {
  private position = 0
  private readonly bytes: Uint8Array

  constructor(buffer: ArrayBuffer) {
    this.bytes = new Uint8Array(buffer)
  }

  next(): number {
    let value = 0
    let shift = 0
    let byte: number
    do {
      if (this.position >= this.bytes.length) throw new Error('The saved search index is cut short.')
      byte = this.bytes[this.position++]!
      value |= (byte & 0x7f) << shift
      shift += 7
    } while (byte & 0x80)
    return value >>> 0
  }

  ids(): number[] {
    const count = this.next()
    const ids = new Array<number>(count)
    let previous = 0
    for (let index = 0; index < count; index++) {
      const zigzag = this.next()
      previous += (zigzag >>> 1) ^ -(zigzag & 1)
      ids[index] = previous
    }
    return ids
  }
}

/**
 * Terms and their ids as saved `map` parts, a part closed whenever its ids pass `idsPerPart` (one
 * very common term may make a part of its own) or its terms TERMS_PER_PART. Fed a term at a time, so whoever walks the terms
 * can pause between parts.
 */
export class MapPartsEncoder {
  private terms: string[] = []
  private writer = new VarintWriter()
  private ids = 0

  constructor(
    private readonly key: string,
    private readonly idsPerPart = IDS_PER_PART,
  ) {}

  /** Adds a term; returns the part it closed, if it closed one. */
  add(term: string, slots: ArrayLike<readonly number[] | null | undefined>): EncodedIndexPart | null {
    this.writer.push(slots.length)
    for (let slot = 0; slot < slots.length; slot++) {
      const ids = slots[slot]
      if (ids == null) this.writer.push(0)
      else {
        this.writer.push(1)
        this.writer.pushIds(ids)
        this.ids += ids.length
      }
    }
    this.terms.push(term)
    return this.ids >= this.idsPerPart || this.terms.length >= TERMS_PER_PART ? this.close() : null
  }

  /** The last, partly filled part, if any. */
  finish(): EncodedIndexPart | null {
    return this.terms.length > 0 ? this.close() : null
  }

  private close(): EncodedIndexPart {
    const part: EncodedIndexPart = { kind: 'map', key: this.key, terms: this.terms, slots: this.writer.finish() }
    this.terms = []
    this.writer = new VarintWriter()
    this.ids = 0
    return part
  }
}

/** Keys (FlexSearch's register) as a saved `reg` part. */
export function encodeRegister(key: string, ids: readonly number[]): EncodedIndexPart {
  const writer = new VarintWriter()
  writer.pushIds(ids)
  return { kind: 'reg', key, ids: writer.finish() }
}

/**
 * One chunk of FlexSearch's export (its key, and its data parsed) as saved parts: a `map` chunk
 * is cut where its ids pass IDS_PER_PART; a chunk of another kind is kept as JSON.
 */
export function encodeIndexChunk(key: string, data: unknown, idsPerPart = IDS_PER_PART): EncodedIndexPart[] {
  const name = key.split('.').filter((piece) => piece !== 'json').pop()
  if (name === 'reg' && Array.isArray(data) && data.every((id) => typeof id === 'number')) return [encodeRegister(key, data as number[])]
  if (name === 'map' && Array.isArray(data)) {
    const encoder = new MapPartsEncoder(key, idsPerPart)
    const parts: EncodedIndexPart[] = []
    for (const [term, slots] of data as Array<[string, TermSlots]>) {
      const part = encoder.add(term, slots)
      if (part) parts.push(part)
    }
    const last = encoder.finish()
    if (last) parts.push(last)
    return parts
  }
  return [{ kind: 'json', key, json: JSON.stringify(data) }]
}

/** A saved part as FlexSearch's import takes it: its key, and its data already parsed (or JSON text). */
export function decodeIndexPart(part: EncodedIndexPart): { key: string; data: unknown } {
  switch (part.kind) {
    case 'reg':
      return { key: part.key, data: new VarintReader(part.ids).ids() }
    case 'map': {
      const reader = new VarintReader(part.slots)
      const entries = new Array<[string, TermSlots]>(part.terms.length)
      for (let index = 0; index < part.terms.length; index++) {
        const slots: TermSlots = new Array(reader.next())
        for (let slot = 0; slot < slots.length; slot++) slots[slot] = reader.next() === 0 ? null : reader.ids()
        entries[index] = [part.terms[index]!, slots]
      }
      return { key: part.key, data: entries }
    }
    case 'json':
      return { key: part.key, data: part.json }
  }
}

function stringColumn(values: readonly string[]): StringColumn {
  return { text: values.join(''), lengths: Uint32Array.from(values, (value) => value.length) }
}

function stringsOf(column: StringColumn): string[] {
  let at = 0
  const strings = Array.from(column.lengths, (length) => column.text.slice(at, (at += length)))
  if (at !== column.text.length) throw new Error('The saved search index has a column whose lengths do not add up.')
  return strings
}

/** [FlexSearch key, summary] pairs as columns, DOCUMENTS_PER_PART to a part. */
export function encodeDocuments(documents: ReadonlyArray<readonly [number, IncidentSummary]>, perPart = DOCUMENTS_PER_PART): EncodedDocuments[] {
  const parts: EncodedDocuments[] = []
  for (let start = 0; start < documents.length; start += perPart) {
    const slice = documents.slice(start, start + perPart)
    const keys = new VarintWriter()
    keys.pushIds(slice.map(([key]) => key))
    parts.push({
      keys: keys.finish(),
      ids: stringColumn(slice.map(([, summary]) => summary.id)),
      numbers: stringColumn(slice.map(([, summary]) => summary.number)),
      priorities: Uint8Array.from(slice, ([, summary]) => summary.priority),
      states: stringColumn(slice.map(([, summary]) => summary.state)),
      shortDescriptions: stringColumn(slice.map(([, summary]) => summary.shortDescription)),
      updatedAt: stringColumn(slice.map(([, summary]) => summary.updatedAt)),
      revisions: stringColumn(slice.map(([, summary]) => summary.revision)),
      flags: Uint8Array.from(slice, ([, summary]) => (summary.open ? OPEN : 0) | (summary.isSecurity ? SECURITY : 0)),
    })
  }
  return parts
}

export function decodeDocuments(part: EncodedDocuments): Array<[number, IncidentSummary]> {
  const keys = new VarintReader(part.keys).ids()
  const [ids, numbers, states, shortDescriptions, updatedAt, revisions] = [part.ids, part.numbers, part.states, part.shortDescriptions, part.updatedAt, part.revisions].map(stringsOf)
  const lengths = [ids!, numbers!, states!, shortDescriptions!, updatedAt!, revisions!, part.priorities, part.flags].map((column) => column.length)
  if (lengths.some((length) => length !== keys.length)) throw new Error('The saved search index has columns of different lengths.')
  return keys.map((key, index) => {
    // Every field spelled out: a field added to IncidentSummary fails to compile here until it is saved too.
    const summary: IncidentSummary = {
      id: ids![index]!,
      number: numbers![index]!,
      priority: part.priorities[index] as IncidentSummary['priority'],
      state: states![index] as IncidentSummary['state'],
      shortDescription: shortDescriptions![index]!,
      open: (part.flags[index]! & OPEN) !== 0,
      isSecurity: (part.flags[index]! & SECURITY) !== 0,
      updatedAt: updatedAt![index]!,
      revision: revisions![index]!,
    }
    return [key, summary]
  })
}
