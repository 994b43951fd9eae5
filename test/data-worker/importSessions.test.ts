import { describe, expect, it } from 'vitest'
import { DEFAULT_TAXONOMY } from '../../src-shared/config/taxonomy'
import type { ImportPlanRequest, ImportReadProgress } from '../../src-shared/data/importContract'
import { createImportSessions } from '../../src-renderer/import/importSessions'
import { fromRecord } from '../../src-renderer/store/records'
import { freshDatabase, storeFor } from '../store/storeHarness'

const ADMIN = { userId: 'u-admin', displayName: 'Ada Admin', role: 'admin' as const }

/** A GLPI 10 export as GLPI writes it: BOM, `;`, every cell quoted, a trailing `;`. */
const GLPI_10 =
  '\uFEFF' +
  [
    '"ID";"Title";"Status";"Opening date";"Resolution date";"Closing date";"Priority";"Requester";"Assigned to";"Category";"Request source";',
    '"1 047";"Printer jams";"Closed";"2024-03-04 09:15";"2024-03-04 11:15";"2024-03-05 09:00";"High";"Marie Curie ";"Jean Dupont ";"Hardware > Printer";"Phone";',
    '"1 048";"VPN drops";"Processing (assigned)";"2024-03-05 10:00";"";"";"Medium";"Pierre Curie ";"Ana Lima ";"Plumbing";"E-Mail";',
    '"1 049";"Badge dead";"New";"2024-03-06 08:05";"";"";"Low";"Marie Curie ";"";"Hardware";"Phone";',
  ].join('\n') +
  '\n'

function setUp() {
  const db = freshDatabase()
  const { store } = storeFor(db, ADMIN)
  return { db, sessions: createImportSessions(db, store) }
}

function requestFor(fileId: string, overrides: Partial<ImportPlanRequest> = {}): ImportPlanRequest {
  return {
    fileId,
    presetId: 'glpi',
    mapping: {},
    timeZone: 'utc',
    dateFormat: 'iso',
    eventLog: false,
    choices: {},
    taxonomy: DEFAULT_TAXONOMY,
    locale: 'en',
    existing: 'skip',
    importer: { userId: ADMIN.userId, displayName: ADMIN.displayName },
    ...overrides,
  }
}

describe('the import dialog’s file, held by the data worker', () => {
  it('reads a GLPI 10 file with progress and guesses the preset, the mapping and the date format', async () => {
    const { sessions } = setUp()
    const progress: ImportReadProgress[] = []
    const read = await sessions.read(new Blob([GLPI_10]), undefined, (step) => progress.push(step))
    expect(read).toMatchObject({ ok: true, recordCount: 3, delimiter: ';', presetId: 'glpi', dateFormat: 'iso', eventLog: false })
    expect(read.ok && read.mapping).toMatchObject({ originNumber: 'ID', resolvedAt: 'Resolution date', assignee: 'Assigned to' })
    // The text as the file reads (its byte-order mark dropped), all of it.
    const text = await new Blob([GLPI_10]).text()
    expect(progress.at(-1)).toEqual({ done: text.length, total: text.length })
  })

  it('says an empty file is empty and a broken one where it breaks, keeping nothing', async () => {
    const { sessions } = setUp()
    expect(await sessions.read(new Blob(['']), undefined)).toEqual({ ok: false, problem: null })
    expect(await sessions.read(new Blob(['"ID,Title\n1,a\n']), undefined)).toMatchObject({ ok: false, problem: { line: 1, id: 'csv.problem.quoteNotClosed' } })
  })

  it('reads the kept file again with the separator the person picks', async () => {
    const { sessions } = setUp()
    const read = await sessions.read(new Blob([GLPI_10]), undefined)
    if (!read.ok) throw new Error('unread')
    // Commas split GLPI's quoted cells mid-quote: the parser's own complaint, and the file is kept.
    expect(await sessions.reread(read.fileId, ',')).toMatchObject({ ok: false, problem: { line: 1 } })
    const right = await sessions.reread(read.fileId, ';')
    expect(right).toMatchObject({ ok: true, fileId: read.fileId, recordCount: 3, delimiter: ';', presetId: 'glpi' })
    expect(await sessions.reread('no-such-file', ';')).toEqual({ ok: false, problem: null })
  })

  it('plans what the dialog shows, then imports the rows not on the desk yet, each with its past', async () => {
    const { db, sessions } = setUp()
    const read = await sessions.read(new Blob([GLPI_10]), undefined)
    if (!read.ok) throw new Error('unread')
    const request = requestFor(read.fileId, { mapping: read.mapping })
    const first = await sessions.plan(request)
    expect(first).toMatchObject({ rowCount: 2, errorCount: 0, waiting: 1, alreadyCount: 0 })
    expect(first.unknown.map((value) => value.text)).toEqual(['Plumbing'])
    const settled = { ...request, choices: { 'category:plumbing': { kind: 'add' as const } } }
    const plan = await sessions.plan(settled)
    expect(plan).toMatchObject({ rowCount: 3, unknown: [], added: 1 })
    expect(plan.preview.map((row) => row.incident.origin!.number)).toEqual(['1047', '1048', '1049'])

    const done: number[] = []
    expect(await sessions.commit(settled, { onProgress: (count) => done.push(count) })).toEqual({ ok: true, count: 3 })
    expect(done).toEqual([3])
    const incidents = (await db.incidents.toArray()).map(fromRecord).sort((a, b) => a.origin!.number.localeCompare(b.origin!.number))
    expect(incidents.map((incident) => [incident.origin!.number, incident.state, incident.createdAt, incident.assignee?.displayName ?? null])).toEqual([
      ['1047', 'closed', '2024-03-04T09:15:00.000Z', 'Jean Dupont'],
      ['1048', 'in_progress', '2024-03-05T10:00:00.000Z', 'Ana Lima'],
      ['1049', 'new', '2024-03-06T08:05:00.000Z', null],
    ])
    expect(incidents[0]).toMatchObject({ resolvedAt: '2024-03-04T11:15:00.000Z', closedAt: '2024-03-05T09:00:00.000Z', priority: 2 })

    // The same file again: all three are already here, nothing is doubled.
    const again = await sessions.read(new Blob([GLPI_10]), undefined)
    if (!again.ok) throw new Error('unread')
    const replan = await sessions.plan({ ...settled, fileId: again.fileId, taxonomy: plan.taxonomy })
    // Read again as it was: nothing has changed, so nothing would be updated.
    expect(replan).toMatchObject({ rowCount: 3, alreadyCount: 3, changedCount: 0, added: 0 })
    expect(await sessions.commit({ ...settled, fileId: again.fileId, taxonomy: plan.taxonomy }, {})).toEqual({ ok: true, count: 0 })
    expect(await db.incidents.count()).toBe(3)
  })

  it('a plan made before the same file landed from elsewhere (another window, a sync) still doubles nothing at its commit', async () => {
    const { db, sessions } = setUp()
    const settle = { 'category:plumbing': { kind: 'blank' as const } }
    const early = await sessions.read(new Blob([GLPI_10]), undefined)
    const other = await sessions.read(new Blob([GLPI_10]), undefined)
    if (!early.ok || !other.ok) throw new Error('unread')
    const request = requestFor(early.fileId, { mapping: early.mapping, choices: settle })
    expect(await sessions.plan(request)).toMatchObject({ rowCount: 3, alreadyCount: 0 })
    expect(await sessions.commit(requestFor(other.fileId, { mapping: other.mapping, choices: settle }), {})).toEqual({ ok: true, count: 3 })
    // The commit works the rows out again, and looks at the desk again.
    expect(await sessions.commit({ ...request, runId: 'run-1' } as typeof request, {})).toEqual({ ok: true, count: 0 })
    expect(await db.incidents.count()).toBe(3)
  })

  it('a mapping to a category the desk does not have settles nothing', async () => {
    const { sessions } = setUp()
    const read = await sessions.read(new Blob([GLPI_10]), undefined)
    if (!read.ok) throw new Error('unread')
    const plan = await sessions.plan(requestFor(read.fileId, { mapping: read.mapping, choices: { 'category:plumbing': { kind: 'map', to: 'made-up-category' } } }))
    expect(plan.unknown.map((value) => value.text)).toEqual(['Plumbing'])
  })

  it('names the file line of a row the lifecycle refuses for this person, and imports nothing', async () => {
    const db = freshDatabase()
    // A field technician may not assign: the closed ticket on line 2 needs its assignee set.
    const { store } = storeFor(db, { userId: 'u-tech', displayName: 'Tom Field', role: 'field_technician' })
    const sessions = createImportSessions(db, store)
    const read = await sessions.read(new Blob([GLPI_10]), undefined)
    if (!read.ok) throw new Error('unread')
    const request = requestFor(read.fileId, { mapping: read.mapping, choices: { 'category:plumbing': { kind: 'blank' } } })
    expect(await sessions.commit(request, {})).toMatchObject({ ok: false, canceled: false, line: 2, refusal: { code: 'role_not_allowed' } })
    expect(await db.incidents.count()).toBe(0)
  })

  it('a file exported again later: says how many changed, skips them by default, and updates them when asked', async () => {
    const { db, sessions } = setUp()
    const first = await sessions.read(new Blob([GLPI_10]), undefined)
    if (!first.ok) throw new Error('unread')
    const settle = { 'category:plumbing': { kind: 'blank' as const } }
    expect(await sessions.commit(requestFor(first.fileId, { mapping: first.mapping, choices: settle }), {})).toEqual({ ok: true, count: 3 })

    // A week later: 1 048 was solved, 1 049 taken by Ana; 1 047 unchanged.
    const later = GLPI_10.replace('"Processing (assigned)";"2024-03-05 10:00";"";""', '"Solved";"2024-03-05 10:00";"2024-03-06 15:00";""').replace(
      '"New";"2024-03-06 08:05";"";"";"Low";"Marie Curie ";""',
      '"Processing (assigned)";"2024-03-06 08:05";"";"";"Low";"Marie Curie ";"Ana Lima "',
    )
    const again = await sessions.read(new Blob([later]), undefined)
    if (!again.ok) throw new Error('unread')
    const request = requestFor(again.fileId, { mapping: again.mapping, choices: settle })
    expect(await sessions.plan(request)).toMatchObject({ rowCount: 3, alreadyCount: 3, changedCount: 2 })
    expect(await sessions.commit(request, {})).toEqual({ ok: true, count: 0 })
    const byNumber = async () => new Map((await db.incidents.toArray()).map(fromRecord).map((incident) => [incident.origin!.number, incident]))
    expect((await byNumber()).get('1048')!.state).toBe('in_progress')

    const update = await sessions.read(new Blob([later]), undefined)
    if (!update.ok) throw new Error('unread')
    expect(await sessions.commit({ ...request, fileId: update.fileId, existing: 'update' }, {})).toEqual({ ok: true, count: 0, updated: 2 })
    const incidents = await byNumber()
    expect(incidents.get('1048')).toMatchObject({ state: 'resolved', resolvedAt: '2024-03-06T15:00:00.000Z' })
    expect(incidents.get('1049')).toMatchObject({ state: 'in_progress', assignee: { displayName: 'Ana Lima' } })
    expect(incidents.get('1047')!.state).toBe('closed')
    expect(await db.incidents.count()).toBe(3)
  })
})
