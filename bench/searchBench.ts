/**
 * Full-text search over 100k synthetic incidents in Node: the in-memory index the desk runs
 * (src-renderer/search/incidentSearchIndex.ts), fed with realistic text (titles, descriptions,
 * callers, classification, caller comments and work notes on a share of them). Prints nothing;
 * returns the figures. The lead wires it into bench/run.ts.
 *
 * What it measures, and what it does not:
 * - build: putting every document into the index, one after another (the desk does the same in
 *   8 ms slices after start-up, so its wall time is this plus the IndexedDB reads);
 * - query: `match()` as the palette calls it (every word must match, ranked, visibility
 *   filter, 20 results), then quoting the matched field of those 20 (describeMatch), from text
 *   held in memory here; the desk reads those 20 rows from IndexedDB instead (≈ 2.5 ms for 50
 *   rows in Chromium, DESIGN §3), which the Chromium bench measures.
 */
import type { Priority } from '../src-shared/incident/priority'
import type { Actor } from '../src-shared/incident/roles'
import { canSee } from '../src-shared/incident/visibility'
import { INCIDENT_STATES, type IncidentState } from '../src-shared/incident/vocabulary'
import { createIncidentSearchIndex, type SearchDocument } from '../src-renderer/search/incidentSearchIndex'
import { describeMatch, queryTerms, searchFieldsOf } from '../src-renderer/search/searchText'
import { percentile } from './measure'

export interface QueryFigures {
  queries: number
  p50Ms: number
  p95Ms: number
  maxMs: number
  /** Average results returned (limit 20): a query that finds nothing is not a fair sample. */
  meanHits: number
}

export interface SearchBenchFigures {
  incidents: number
  /** Incidents carrying at least one work note or caller comment. */
  withNotes: number
  buildMs: number
  /** Heap growth over the build, MB; exact only when Node runs with --expose-gc (see the next field). */
  heapMb: number
  heapMeasuredAfterGc: boolean
  oneWord: QueryFigures
  twoWords: QueryFigures
  /** Prefixes as typed mid-word ("prin", "vpn dr"). */
  prefixes: QueryFigures
  /** Re-indexing one changed incident (a work note added): what every commit costs the index. */
  updateP95Ms: number
}

export interface SearchBenchOptions {
  incidents?: number
  /** Times each query list is run; the first pass warms the JIT and is not counted. */
  rounds?: number
}

const PROBLEMS = [
  ['Outlook keeps asking for the password', 'software', 'email', 'Email'],
  ['Printer on the 3rd floor jams on duplex jobs', 'hardware', 'printer', 'Printing'],
  ['VPN drops every 10 minutes from home', 'network', 'vpn', 'Remote access'],
  ['Laptop will not boot after the BIOS update', 'hardware', 'laptop', 'End-user computing'],
  ['Shared drive very slow in the afternoon', 'network', 'storage', 'File services'],
  ['Teams camera shows a black image', 'software', 'collaboration', 'Collaboration'],
  ['Cannot log in to the payroll portal', 'access', 'sso', 'Payroll'],
  ['New starter needs an account and a laptop', 'access', 'onboarding', 'Identity'],
  ['Till card reader not responding', 'hardware', 'payment terminal', 'Retail'],
  ['Wi-Fi keeps disconnecting in meeting room', 'network', 'wifi', 'Network'],
  ['Excel crashes when opening the budget workbook', 'software', 'office', 'Office apps'],
  ['Monitor flickers on docking station', 'hardware', 'display', 'End-user computing'],
  ['SAP order entry times out', 'software', 'erp', 'ERP'],
  ['Phone extension has no dial tone', 'telephony', 'desk phone', 'Telephony'],
  ['Badge does not open the warehouse door', 'facilities', 'access control', 'Physical security'],
] as const
const DETAILS = [
  'Started after this morning’s update; a restart did not help.',
  'Happens to several people on the same floor since Monday.',
  'The caller tried another machine and it works there.',
  'Error message says the service is unavailable, try again later.',
  'Intermittent: roughly every few minutes, worse in the afternoon.',
  'Urgent: the caller has a customer presentation at 14:00.',
  'The caller is working from the Leeds store today.',
  'Screenshot attached by email; the event log shows a timeout.',
]
const FIRST = ['Margaret', 'Jorge', 'Fatima', 'Ben', 'Amira', 'Jonas', 'Chen', 'Lucía', 'Tomasz', 'Aisha', 'Oskar', 'Priya', 'Dmitri', 'Grace', 'Sofia', 'Aiko']
const LAST = ['Chen', 'Alvarez', 'Noor', 'Whitaker', 'Haddad', 'Berg', 'Wei', 'Fernández', 'Nowak', 'Bello', 'Lind', 'Raman', 'Volkov', 'Okafor', 'Lindqvist', 'Tanaka', 'Morgan', 'Herrera']
const LOCATIONS = ['HQ, 2nd floor', 'HQ, 3rd floor', 'Store 112, Leeds', 'Store 48, Bristol', 'Warehouse, Coventry', 'Home office', 'Data centre, Slough']
const NOTES = [
  'Checked the event log: repeated authentication failures from the cached profile.',
  'Reimaged the machine; user profile restored from backup.',
  'Firmware on the docking station is out of date, updating to 1.0.42.',
  'Waiting on the vendor; case number 77-31942 opened with support.',
  'Swapped the toner and the fuser unit; test page prints clean.',
  'Asked the network team to check the access point on floor 3.',
  'Reset MFA and cleared saved credentials in the keychain.',
  'Escalated to L2: needs admin rights on the payroll server.',
]
const COMMENTS = [
  'We are looking into it and will call you back within the hour.',
  'Could you send a photo of the error message, please?',
  'The caller confirms it works again after the restart.',
  'Please try logging in again now and let us know.',
]

const ONE_WORD = ['printer', 'outlook', 'vpn', 'password', 'leeds', 'toner', 'whitaker', 'payroll', 'docking', 'firmware', 'timeout', 'badge']
const TWO_WORDS = ['printer jams', 'vpn drops', 'outlook password', 'payroll portal', 'laptop boot', 'teams camera', 'toner fuser', 'store leeds', 'margaret chen', 'excel budget', 'wifi meeting', 'vendor case']
const PREFIXES = ['prin', 'outl', 'vpn dr', 'payr por', 'dock', 'firmw', 'lee', 'whit']

const PRIORITIES: readonly Priority[] = [1, 2, 3, 4, 5]
const STATES: readonly IncidentState[] = INCIDENT_STATES

/** Deterministic so runs compare: the same 100k incidents every time. */
export function syntheticSearchDocument(index: number): SearchDocument {
  const pick = <T>(list: readonly T[], salt: number): T => list[(index * 7919 + salt * 104729) % list.length]!
  const [title, category, subcategory, service] = PROBLEMS[index % PROBLEMS.length]!
  const notes = index % 3 === 0 ? { workNotes: [pick(NOTES, 1), pick(NOTES, 2)], callerComments: [pick(COMMENTS, 3)] } : { workNotes: [], callerComments: [] }
  const state = STATES[index % 7 === 0 ? STATES.length - 1 : index % 4]!
  const number = `INC${String(index + 1).padStart(7, '0')}`
  const incident = {
    number,
    shortDescription: title,
    description: `${pick(DETAILS, 4)} ${pick(DETAILS, 5)}`,
    caller: { name: `${pick(FIRST, 6)} ${pick(LAST, 7)}` },
    category,
    subcategory,
    service,
    configurationItem: `LT-${String(index % 5000).padStart(4, '0')}`,
    location: pick(LOCATIONS, 8),
  }
  return {
    id: `01890000-0000-7000-8000-${String(index).padStart(12, '0')}`,
    revision: '1',
    number,
    priority: PRIORITIES[index % PRIORITIES.length]!,
    state,
    shortDescription: title,
    open: !['resolved', 'closed', 'canceled'].includes(state),
    // Security incidents: a few percent, hidden from the L1 agent the queries run as.
    isSecurity: index % 40 === 0,
    updatedAt: new Date(Date.UTC(2025, 0, 1) + index * 60_000).toISOString(),
    fields: searchFieldsOf(incident, notes),
  }
}

function heapUsed(): number {
  const gc = (globalThis as { gc?: () => void }).gc
  gc?.()
  return process.memoryUsage().heapUsed
}

export async function benchSearch(options: SearchBenchOptions = {}): Promise<SearchBenchFigures> {
  const count = options.incidents ?? 100_000
  const rounds = Math.max(2, options.rounds ?? 6)
  const documents = Array.from({ length: count }, (_, index) => syntheticSearchDocument(index))
  const byId = new Map(documents.map((document) => [document.id, document]))
  const actor: Actor = { userId: 'u-bench', displayName: 'Bench Agent', role: 'l1_agent' }
  const visible = (summary: { isSecurity: boolean }) => canSee(actor, summary)

  const heapBefore = heapUsed()
  const index = createIncidentSearchIndex()
  const buildStart = performance.now()
  for (const document of documents) index.put(document)
  const buildMs = performance.now() - buildStart
  const heapAfter = heapUsed()
  const exposesGc = typeof (globalThis as { gc?: unknown }).gc === 'function'

  function run(queries: readonly string[]): QueryFigures {
    const samples: number[] = []
    let hits = 0
    for (let round = 0; round < rounds; round++) {
      for (const query of queries) {
        const start = performance.now()
        const matches = index.match(query, { limit: 20, visible })
        const terms = queryTerms(index.encoder, query)
        for (const match of matches) describeMatch(index.words, terms, byId.get(match.summary.id)!.fields)
        const elapsed = performance.now() - start
        if (round > 0) {
          samples.push(elapsed)
          hits += matches.length
        }
      }
    }
    return {
      queries: samples.length,
      p50Ms: percentile(samples, 0.5),
      p95Ms: percentile(samples, 0.95),
      maxMs: Math.max(...samples),
      meanHits: hits / Math.max(1, samples.length),
    }
  }

  const oneWord = run(ONE_WORD)
  const twoWords = run(TWO_WORDS)
  const prefixes = run(PREFIXES)

  const updates: number[] = []
  for (let i = 0; i < 200; i++) {
    const document = documents[(i * 499) % count]!
    const changed = { ...document, fields: { ...document.fields, workNote: [...document.fields.workNote, `Follow-up ${i}: replaced the cable.`] } }
    const start = performance.now()
    index.put(changed)
    updates.push(performance.now() - start)
  }

  return {
    incidents: count,
    withNotes: documents.filter((document) => document.fields.workNote.length > 0 || document.fields.callerComment.length > 0).length,
    buildMs,
    heapMb: (heapAfter - heapBefore) / 1024 / 1024,
    heapMeasuredAfterGc: exposesGc,
    oneWord,
    twoWords,
    prefixes,
    updateP95Ms: percentile(updates, 0.95),
  }
}
