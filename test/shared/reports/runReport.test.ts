/**
 * The Reports screen's loader (src-renderer/reports/runReport.ts) against the local store under
 * fake-indexeddb: it reads only the incidents that can change the report, a chunk at a time, and
 * must give exactly the report the pure function gives over every history.
 */
import { describe, expect, it } from 'vitest'
import { DEFAULT_DOMAIN_CONFIG } from '../../../src-shared/config/domainConfig'
import { foldEvents } from '../../../src-shared/incident/reducer'
import { computeReport, type Report } from '../../../src-shared/reports/report'
import { runReport, type ReportProgress } from '../../../src-renderer/reports/runReport'
import type { IncidentRecord } from '../../../src-renderer/store/records'
import { freshDatabase } from '../../store/storeHarness'
import { fortnight, INCIDENT_MANAGER, NOW, RANGE } from './reportFixture'
import { incidentRowTables } from '../../../src-renderer/store/refold'

function recordOf(incident: NonNullable<ReturnType<typeof foldEvents>>): IncidentRecord {
  const open = incident.state === 'new' || incident.state === 'in_progress' || incident.state === 'on_hold'
  return { ...incident, open: open ? 1 : 0, assigneeId: incident.assignee?.userId ?? '', slaClock: null, slaWarningAt: null, slaDueAt: null, snapshotSeq: null }
}

async function seededDatabase() {
  const db = freshDatabase()
  const histories = fortnight()
  const template = foldEvents(histories[0]!.events)!
  for (const history of histories) {
    await db.events.bulkPut([...history.events])
    const incident = foldEvents(history.events)
    // I is held from a snapshot: its row exists, its IncidentLogged event does not.
    const record = incident ? recordOf(incident) : { ...recordOf({ ...template, state: 'in_progress', updatedAt: '2025-03-06T11:00:00.000Z' }), id: history.incidentId, number: 'INC0000099', snapshotSeq: 12 }
    await db.transaction('rw', incidentRowTables(db), () => db.incidents.put(record))
  }
  return { db, histories }
}

const figuresOf = (report: Report) => ({ ...report, incidentsRead: null })

describe('computing a report from the local store', () => {
  it('gives the same figures as the pure report over every history, read in chunks with progress', async () => {
    const { db, histories } = await seededDatabase()
    const options = { range: RANGE, nowIso: NOW, config: DEFAULT_DOMAIN_CONFIG, viewer: INCIDENT_MANAGER }
    const progress: ReportProgress[] = []
    const report = await runReport(db, { ...options, chunkSize: 3, onProgress: (step) => progress.push(step) })
    expect(figuresOf(report)).toEqual(figuresOf(computeReport(histories, options)))
    expect(report.incompleteHistories).toBe(1)
    // Ten incidents, three at a time: 0, 3, 6, 9, 10.
    expect(progress).toEqual([0, 3, 6, 9, 10].map((done) => ({ done, total: 10 })))
  })

  it('skips incidents closed before the range without changing a figure', async () => {
    const { db, histories } = await seededDatabase()
    const later = { from: '2025-03-12T00:00:00.000Z', to: '2025-03-17T00:00:00.000Z' }
    const options = { range: later, nowIso: NOW, config: DEFAULT_DOMAIN_CONFIG, viewer: INCIDENT_MANAGER }
    const progress: ReportProgress[] = []
    const report = await runReport(db, { ...options, onProgress: (step) => progress.push(step) })
    expect(figuresOf(report)).toEqual(figuresOf(computeReport(histories, options)))
    // Read: D (open), F (open), I (open on its snapshot row), J (logged after the range: an event since it started).
    expect(progress.at(-1)).toEqual({ done: 4, total: 4 })
  })

  it('stops when the screen asks for another range', async () => {
    const { db } = await seededDatabase()
    const controller = new AbortController()
    controller.abort()
    await expect(runReport(db, { range: RANGE, nowIso: NOW, config: DEFAULT_DOMAIN_CONFIG, viewer: INCIDENT_MANAGER, signal: controller.signal })).rejects.toThrow()
  })
})
