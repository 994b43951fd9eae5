import { readFile } from 'node:fs/promises'
import type { Locator, Page } from '@playwright/test'
import { PRIORITIES, PRIORITY_LABELS } from '../../src-shared/incident/priority'
import { CHANNEL_LABELS } from '../../src-shared/incident/vocabulary'
import { glpiExport, serviceNowEventLog, type ExpectedFigures } from '../fixtures/toolExports'
import { expect, openDesk, screenshotBothThemes, test } from './desk'

/**
 * Issue #9's check, through the user's path: real-format exports (a ServiceNow event log, GLPI 10
 * and GLPI 11 ticket exports, written by test/fixtures/toolExports.ts) imported through the
 * dialog, then the Reports screen over each file's own dates must show the figures worked out
 * from the incidents the file describes — not from the file read back.
 */

/** As the report's CSV writes them: minutes and percents with two decimals. */
const minutes = (ms: number | null) => (ms === null ? '' : String(Math.round((ms / 60_000) * 100) / 100))
const percent = (ratio: number | null) => (ratio === null ? '' : String(Math.round(ratio * 10_000) / 100))
/** As the key figures show a share. */
const shownRatio = (ratio: number | null) => (ratio === null ? '—' : `${(ratio * 100).toFixed(ratio === 0 || ratio === 1 ? 0 : 1)} %`)

async function importFile(page: Page, file: { name: string; text: string }, count: number, options: { eventLog: boolean; addNewCategories: boolean }): Promise<void> {
  await page.getByRole('button', { name: 'Import CSV…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Import incidents from CSV' })
  await dialog.getByLabel('CSV file').setInputFiles({ name: file.name, mimeType: 'text/csv', buffer: Buffer.from(file.text) })
  await dialog.getByLabel('Time zone of times without an offset').fill('UTC')
  // Offered (and checked) only when numbers repeat.
  if (options.eventLog) await expect(dialog.getByRole('checkbox', { name: /^One row per update/ })).toBeChecked()
  else await expect(dialog.getByRole('checkbox', { name: /^One row per update/ })).toHaveCount(0)
  if (options.addNewCategories) {
    const unknown = dialog.getByRole('region', { name: /the desk does not know yet$/ })
    await expect(unknown).toBeVisible()
    // Categories first; their subcategories are asked about once the category is settled.
    // What the region asks right now, without waiting for it: it goes away once all is settled.
    const asking = async () => (await unknown.getByRole('heading').allTextContents())[0] ?? null
    while (await unknown.isVisible()) {
      const asked = await asking()
      await unknown.getByRole('button', { name: 'Add every new category and subcategory' }).click()
      await expect(async () => expect(await asking()).not.toBe(asked)).toPass()
    }
    await expect(dialog.getByRole('status').filter({ hasText: 'will be added to the desk’s taxonomy' })).toBeVisible()
  }
  await dialog.getByRole('button', { name: `Import ${count} incidents` }).click()
  await expect(dialog.getByRole('status').filter({ hasText: 'Imported' })).toHaveText(`Imported ${count} incidents.`, { timeout: 30_000 })
  await dialog.getByRole('button', { name: 'Close' }).click()
  await expect(dialog).toBeHidden()
}

async function reportOver(page: Page, expected: ExpectedFigures): Promise<void> {
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Reports' }).click()
  await page.getByRole('button', { name: 'Custom' }).click()
  await page.getByLabel('From').fill(expected.fromDate)
  await page.getByLabel('To').fill(expected.toDate)
  await page.getByRole('button', { name: 'Apply' }).click()
}

async function tableCsv(page: Page, title: string): Promise<string[][]> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: `Export CSV: ${title}` }).click()])
  const text = await readFile((await download.path())!, 'utf8')
  return text
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter((line) => line !== '')
    .slice(1)
    .map((line) => line.split(','))
}

function figures(page: Page): Locator {
  return page.getByRole('list', { name: 'Key figures' })
}

async function expectReport(page: Page, expected: ExpectedFigures): Promise<void> {
  await expect(figures(page).getByRole('listitem', { name: `Logged ${expected.logged}`, exact: true })).toBeVisible({ timeout: 20_000 })
  await expect(figures(page).getByRole('listitem', { name: `Resolved ${expected.resolved}`, exact: true })).toBeVisible()
  await expect(figures(page).getByRole('listitem', { name: `Reopen rate ${shownRatio(expected.reopenRate)}`, exact: true })).toBeVisible()
  await expect(figures(page).getByRole('listitem', { name: `Reassignment rate ${shownRatio(expected.reassignmentRate)}`, exact: true })).toBeVisible()

  expect(await tableCsv(page, 'Volume and resolution time by priority')).toEqual(
    expected.byPriority.map((entry, index) => [
      PRIORITY_LABELS[PRIORITIES[index]!],
      String(entry.logged),
      percent(expected.logged === 0 ? null : entry.logged / expected.logged),
      String(entry.resolved),
      minutes(entry.mttrMean),
      minutes(entry.mttrMedian),
    ]),
  )
  const channels = await tableCsv(page, 'Volume by channel')
  expect(Object.fromEntries(channels.map(([name, count]) => [name, Number(count)]))).toEqual(
    Object.fromEntries(Object.entries(CHANNEL_LABELS).map(([channel, label]) => [label, expected.byChannel[channel] ?? 0])),
  )
  const categories = await tableCsv(page, 'Volume by category')
  // By the names the desk shows, the file's own for the categories the import added.
  expect(Object.fromEntries(categories.map(([name, count]) => [name, Number(count)]))).toEqual(expected.byCategoryName)
  // Most first: the top category is the one the file uses most.
  expect(Number(categories[0]![1])).toBe(Math.max(...Object.values(expected.byCategoryName)))
}

test.describe('reports over imported exports', () => {
  test('a ServiceNow event log and GLPI 10 and 11 exports, imported through the dialog, report the figures of the incidents they describe', async ({ page }) => {
    test.slow()
    // Reports' CSVs arrive as downloads: what a browser without the File System Access API does.
    await page.addInitScript(() => {
      delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker
    })
    await openDesk(page)

    const serviceNow = serviceNowEventLog(80)
    await importFile(page, { name: 'incident_event_log.csv', text: serviceNow.text }, serviceNow.expected.logged, { eventLog: true, addNewCategories: true })
    const glpi10 = glpiExport(10, 30, 0)
    await importFile(page, { name: 'glpi10.csv', text: glpi10.text }, glpi10.expected.logged, { eventLog: false, addNewCategories: false })
    // Another GLPI instance's tickets (numbers that do not repeat the first file's).
    const glpi11 = glpiExport(11, 30, 1, 23, 5000)
    await importFile(page, { name: 'glpi11.csv', text: glpi11.text }, glpi11.expected.logged, { eventLog: false, addNewCategories: false })

    await reportOver(page, serviceNow.expected)
    await expectReport(page, serviceNow.expected)
    await screenshotBothThemes(page, 'reports-imported-servicenow', { height: 1600 })
    await reportOver(page, glpi10.expected)
    await expectReport(page, glpi10.expected)
    await reportOver(page, glpi11.expected)
    await expectReport(page, glpi11.expected)
  })
})
