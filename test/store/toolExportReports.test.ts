import { describe, expect, it } from 'vitest'
import { DEFAULT_DOMAIN_CONFIG } from '../../src-shared/config/domainConfig'
import { DEFAULT_TAXONOMY } from '../../src-shared/config/taxonomy'
import { detectDateFormats } from '../../src-shared/csv/dateFormats'
import { planImport } from '../../src-shared/csv/importRows'
import type { ValueChoices } from '../../src-shared/csv/importValues'
import { parseCsvText } from '../../src-shared/csv/parse'
import { guessPreset, IMPORT_PRESETS, mappingForHeader } from '../../src-shared/csv/presets'
import { PRIORITIES, PRIORITY_LABELS } from '../../src-shared/incident/priority'
import { CHANNEL_LABELS } from '../../src-shared/incident/vocabulary'
import type { Report } from '../../src-shared/reports/report'
import { runReport } from '../../src-renderer/reports/runReport'
import { glpiExport, serviceNowEventLog, type ExpectedFigures } from '../fixtures/toolExports'
import { freshDatabase, storeFor } from './storeHarness'

const ADMIN = { userId: 'u-admin', displayName: 'Ada Admin', role: 'admin' as const }

function compare(report: Report, expected: ExpectedFigures): void {
  const figure = (id: string) => report.figures.find((entry) => entry.id === id)!.value
  expect(figure('logged')).toBe(expected.logged)
  expect(figure('resolved')).toBe(expected.resolved)
  expect(figure('reopenRate')).toBe(expected.reopenRate)
  expect(figure('reassignmentRate')).toBe(expected.reassignmentRate)
  expect(report.tables.priority.rows.map((row) => row.slice(1))).toEqual(
    expected.byPriority.map((entry) => [entry.logged, expected.logged === 0 ? null : entry.logged / expected.logged, entry.resolved, entry.mttrMean, entry.mttrMedian]),
  )
  expect(report.tables.priority.rows.map((row) => row[0])).toEqual(PRIORITIES.map((priority) => PRIORITY_LABELS[priority]))
  const channels = Object.fromEntries(report.tables.channel.rows.map((row) => [row[0], row[1]]))
  for (const [channel, label] of Object.entries(CHANNEL_LABELS)) expect([channel, channels[label]]).toEqual([channel, expected.byChannel[channel] ?? 0])
  expect(Object.fromEntries(report.tables.category.rows.map((row) => [row[0], row[1]]))).toEqual(expected.byCategory)
}

async function reportFor(text: string, eventLog: boolean, expected: ExpectedFigures): Promise<Report> {
  const db = freshDatabase()
  const { store } = storeFor(db, ADMIN)
  const parsed = parseCsvText(text)
  const preset = IMPORT_PRESETS[guessPreset(parsed.header)]
  const mapping = mappingForHeader(preset, parsed.header)
  const dateFormat = detectDateFormats(parsed.records.map((record) => record.cells[parsed.header.indexOf(mapping.openedAt!)]!))[0]!
  const options = { preset, mapping, taxonomy: DEFAULT_TAXONOMY, timeZone: 'utc', dateFormat, eventLog }
  let choices: ValueChoices = {}
  let plan = planImport(parsed, options)
  // Subcategories of added categories show up once their category is settled.
  for (let round = 0; round < 2 && plan.unknown.length > 0; round++) {
    choices = { ...choices, ...Object.fromEntries(plan.unknown.map((value) => [value.key, { kind: 'add' as const }])) }
    plan = planImport(parsed, { ...options, choices })
  }
  expect(plan.errors).toEqual([])
  expect(plan.unknown).toEqual([])
  expect(await store.importIncidents(plan.rows)).toMatchObject({ ok: true })
  const day = 86_400_000
  const range = { from: `${expected.fromDate}T00:00:00.000Z`, to: new Date(Date.parse(`${expected.toDate}T00:00:00.000Z`) + day).toISOString() }
  return runReport(db, { range, nowIso: '2026-12-02T09:00:00.000Z', config: DEFAULT_DOMAIN_CONFIG, viewer: ADMIN })
}

describe('reports over imported exports equal the figures of the incidents they describe', () => {
  it('a ServiceNow incident event log', async () => {
    const { text, expected, rows } = serviceNowEventLog(80)
    expect(rows).toBeGreaterThan(200)
    compare(await reportFor(text, true, expected), expected)
  })

  it('GLPI 10 and GLPI 11 ticket exports', async () => {
    for (const version of [10, 11] as const) {
      const { text, expected } = glpiExport(version, 40, version === 10 ? 0 : 1)
      compare(await reportFor(text, false, expected), expected)
    }
  })
})
