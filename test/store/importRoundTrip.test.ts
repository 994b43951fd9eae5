import { describe, expect, it } from 'vitest'
import { DEFAULT_TAXONOMY } from '../../src-shared/config/taxonomy'
import { AUDIT_COLUMNS, INCIDENT_COLUMNS, type AuditRow } from '../../src-shared/csv/columns'
import { UTF8_BOM } from '../../src-shared/csv/encode'
import { planImport } from '../../src-shared/csv/importRows'
import { couldStartFormula, restoreNeutralizedCell } from '../../src-shared/csv/neutralize'
import { parseCsvText } from '../../src-shared/csv/parse'
import { IMPORT_PRESETS, mappingForHeader } from '../../src-shared/csv/presets'
import type { Incident } from '../../src-shared/incident/incident'
import { streamCsv } from '../../src-renderer/export/csvStream'
import { auditRangePages, incidentAuditPages } from '../../src-renderer/export/auditPages'
import { allIncidentPages, viewIncidentIds } from '../../src-renderer/export/incidentPages'
import type { CsvSink } from '../../src-renderer/platform/platform'
import type { LogIncidentInput } from '../../src-renderer/store/incidentStore'
import { defaultFilter } from '../../src-shared/queue/queueView'
import { AGENT, freshDatabase, storeFor } from './storeHarness'

/** A sink that keeps the chunks, as a test's stand-in for a file. */
function memorySink() {
  const chunks: string[] = []
  let state: 'open' | 'closed' | 'aborted' = 'open'
  const sink: CsvSink = {
    write: async (chunk) => void chunks.push(chunk),
    close: async () => void (state = 'closed'),
    abort: async () => void (state = 'aborted'),
  }
  return { sink, text: () => chunks.join(''), chunks, state: () => state }
}

const HOSTILE_INPUTS: LogIncidentInput[] = [
  {
    shortDescription: '=HYPERLINK("http://evil.example","Click me")',
    description: 'Line one\nline two, with a comma\r\nand "quotes"\ttab',
    caller: { name: '+44 caller', contact: '-1 ext' },
    channel: 'email',
    category: 'software',
    subcategory: 'error',
    location: '@floor 3',
    service: "'quoted already",
    configurationItem: '\tTAB-CI',
    impact: 1,
    urgency: 2,
    assignmentGroup: '\rCR group',
  },
  {
    shortDescription: 'Émoji 🔥🚨👩🏽‍💻 and 日本語',
    description: 'x'.repeat(10_000),
    caller: { name: 'Zoë Ångström' },
    channel: 'walk_in',
    impact: 3,
    urgency: 3,
  },
  {
    shortDescription: '"',
    description: '',
    caller: { name: ',', contact: '""' },
    channel: 'monitoring',
    category: 'network',
    impact: 2,
    urgency: 1,
  },
]

async function exportAll(db: ReturnType<typeof freshDatabase>, pageSize: number, bom = false) {
  const memory = memorySink()
  const result = await streamCsv(memory.sink, {
    columns: INCIDENT_COLUMNS,
    format: { timeZone: 'utc' },
    bom,
    pages: allIncidentPages(db, AGENT, pageSize),
    total: null,
    yieldToEventLoop: async () => undefined,
  })
  return { result, ...memory }
}

/** What an import keeps of an incident: its fields, with its number and opening time as origin. */
function comparable(incident: Incident) {
  return {
    shortDescription: incident.shortDescription,
    description: incident.description,
    caller: incident.caller,
    channel: incident.channel,
    category: incident.category,
    subcategory: incident.subcategory,
    service: incident.service,
    configurationItem: incident.configurationItem,
    location: incident.location,
    impact: incident.impact,
    urgency: incident.urgency,
    assignmentGroup: incident.assignmentGroup,
  }
}

describe('a CSV round trip through the desk', () => {
  it('exports hostile incidents and imports them back equal, with their number and opening time as origin', async () => {
    const source = freshDatabase()
    const { store } = storeFor(source)
    const originals: Incident[] = []
    for (const input of HOSTILE_INPUTS) {
      const logged = await store.logIncident(input)
      if (!logged.ok) throw new Error(logged.refusal.message)
      originals.push(logged.incident)
    }

    const exported = await exportAll(source, 2)
    expect(exported.result).toEqual({ status: 'done', rows: 3 })
    expect(exported.state()).toBe('closed')

    // Nothing in the file can start a formula.
    const raw = parseCsvText(exported.text())
    expect(raw.errors).toEqual([])
    for (const cell of raw.records.flatMap((record) => record.cells)) expect(couldStartFormula(cell)).toBe(false)

    const preset = IMPORT_PRESETS.desk
    const plan = planImport(raw, { preset, mapping: mappingForHeader(preset, raw.header), taxonomy: DEFAULT_TAXONOMY, timeZone: 'utc' })
    expect(plan.errors).toEqual([])

    const target = freshDatabase()
    const committed = await storeFor(target).store.importIncidents(plan.rows)
    expect(committed).toEqual({ ok: true, count: 3 })
    const imported = (await target.incidents.toArray()).sort((a, b) => a.origin!.number.localeCompare(b.origin!.number))
    const sortedOriginals = [...originals].sort((a, b) => a.number.localeCompare(b.number))
    expect(imported.map(comparable)).toEqual(sortedOriginals.map(comparable))
    expect(imported.map((incident) => incident.origin)).toEqual(
      sortedOriginals.map((incident) => ({ system: 'Incident Desk', number: incident.number, openedAt: incident.createdAt, closedAt: null, state: 'New' })),
    )
  })

  it('starts the file with a byte-order mark only when asked, and writes one chunk per page', async () => {
    const db = freshDatabase()
    const { store } = storeFor(db)
    for (const input of HOSTILE_INPUTS) await store.logIncident(input)
    const withBom = await exportAll(db, 2, true)
    expect(withBom.text().startsWith(`${UTF8_BOM}Number,State,`)).toBe(true)
    // Header chunk, then pages of 2 and 1.
    expect(withBom.chunks).toHaveLength(3)
    const without = await exportAll(db, 2, false)
    expect(without.text().startsWith('Number,State,')).toBe(true)
  })

  it('aborts the sink and reports the rows written when canceled', async () => {
    const db = freshDatabase()
    const { store } = storeFor(db)
    for (const input of HOSTILE_INPUTS) await store.logIncident(input)
    const controller = new AbortController()
    const memory = memorySink()
    const result = await streamCsv(memory.sink, {
      columns: INCIDENT_COLUMNS,
      format: { timeZone: 'utc' },
      bom: false,
      pages: allIncidentPages(db, AGENT, 1),
      total: 3,
      signal: controller.signal,
      onProgress: (progress) => {
        if (progress.rows === 1) controller.abort()
      },
      yieldToEventLoop: async () => undefined,
    })
    expect(result).toEqual({ status: 'canceled', rows: 1 })
    expect(memory.state()).toBe('aborted')
  })
})

describe('exporting the audit trail and queue views', () => {
  it("writes one incident's events in order, and all events within a time range, leaving out what the person may not see", async () => {
    const db = freshDatabase()
    const { store, advance } = storeFor(db, { userId: 'u-alex', displayName: 'Alex Morgan', role: 'admin' })
    const first = await store.logIncident(HOSTILE_INPUTS[1]!)
    if (!first.ok) throw new Error(first.refusal.message)
    await store.execute({ action: 'addWorkNote', incidentId: first.incident.id, text: '=1+1 tried a restart' })
    advance(2 * 86_400_000)
    const secret = await store.logIncident({ ...HOSTILE_INPUTS[2]!, category: 'security' })
    if (!secret.ok) throw new Error(secret.refusal.message)

    const admin = { userId: 'u-alex', displayName: 'Alex Morgan', role: 'admin' } as const
    const one = await exportAudit(incidentAuditPages(db, admin, first.incident.id))
    expect(one.map((row) => [row[0], row[2]])).toEqual([
      ['INC0000001', 'IncidentLogged'],
      ['INC0000001', 'WorkNoteAdded'],
    ])
    expect(one[1]![3]).toBe('Work note: “=1+1 tried a restart”')
    expect(one[1]![11]).toBe('{"text":"=1+1 tried a restart"}')

    const agent = { userId: 'u-amira', displayName: 'Amira Haddad', role: 'l1_agent' } as const
    // Named by its id, a security incident's trail gives someone outside the security group nothing.
    expect(await exportAudit(incidentAuditPages(db, agent, secret.incident.id))).toEqual([])
    expect(await exportAudit(incidentAuditPages(db, admin, secret.incident.id))).toHaveLength(1)
    const all = await exportAudit(auditRangePages(db, agent, { from: null, to: null }, 1))
    expect(all.map((row) => row[0])).toEqual(['INC0000001', 'INC0000001'])
    const later = await exportAudit(auditRangePages(db, { ...agent, role: 'admin' }, { from: secret.incident.createdAt, to: null }))
    expect(later.map((row) => [row[0], row[2]])).toEqual([['INC0000002', 'IncidentLogged']])
  })

  it("exports a queue view's incidents in the view's order", async () => {
    const db = freshDatabase()
    const { store } = storeFor(db)
    for (const input of HOSTILE_INPUTS) await store.logIncident(input)
    const context = { userId: AGENT.userId, nowMs: Date.now() }
    const priorities = async (direction: 'asc' | 'desc') => {
      const ids = await viewIncidentIds(db, { filter: defaultFilter(), sort: { column: 'priority', direction } }, context, 2)
      return (await db.incidents.bulkGet(ids)).map((incident) => incident!.priority)
    }
    expect(await priorities('asc')).toEqual([2, 2, 5])
    expect(await priorities('desc')).toEqual([5, 2, 2])
    const onlyP5 = await viewIncidentIds(db, { filter: { ...defaultFilter(), priorities: [5] }, sort: { column: 'priority', direction: 'asc' } }, context)
    expect(onlyP5).toHaveLength(1)
  })
})

async function exportAudit(pages: AsyncIterable<AuditRow[]>): Promise<string[][]> {
  const memory = memorySink()
  const result = await streamCsv(memory.sink, { columns: AUDIT_COLUMNS, format: { timeZone: 'utc' }, bom: false, pages, total: null, yieldToEventLoop: async () => undefined })
  expect(result.status).toBe('done')
  const parsed = parseCsvText(memory.text())
  expect(parsed.errors).toEqual([])
  return parsed.records.map((record) => record.cells.map(restoreNeutralizedCell))
}
