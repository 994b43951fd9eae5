import { readFile } from 'node:fs/promises'
import type { Page } from '@playwright/test'
import { expect, logIncident, openDesk, queueRow, screenshotBothThemes, test } from './desk'

/**
 * CSV export and import from the desk's header, in Chromium. The download test takes the
 * browser's download path (no File System Access picker, as in Firefox and Safari); the
 * progress test stands in a slow picker file so the progress bar and Cancel can be seen.
 */

const HOSTILE_SUMMARY = '=HYPERLINK("http://evil.example","Click")'

const SERVICENOW_CSV = [
  'number,short_description,description,caller_id,category,subcategory,impact,urgency,priority,state,assignment_group,assigned_to,opened_at,closed_at,contact_type,cmdb_ci,location,business_service',
  'INC0010001,Email down for the sales floor,"Outlook says ""disconnected""",Abel Tuter,Software,,1 - High,2 - Medium,2 - High,In Progress,Service Desk,Beth Anglin,2024-03-05 14:30:00,,phone,EXCH-01,Paris,Email',
  'INC0010002,VPN drops every ten minutes,,Fred Luddy,Network,VPN,3 - Low,3 - Low,5 - Planning,Closed,Network,,2024-03-06 08:00:00,2024-03-07 09:15:00,self-service,,,',
].join('\r\n')

async function openExportDialog(page: Page) {
  await page.getByRole('button', { name: 'Export CSV…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Export CSV' })
  await expect(dialog).toBeVisible()
  return dialog
}

test.describe('CSV export and import', () => {
  test('an agent exports every incident to a CSV file with formulas neutralized, with or without a byte-order mark', async ({ page }) => {
    // The download path: what a browser without the File System Access API does.
    await page.addInitScript(() => {
      delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker
    })
    await openDesk(page)
    await logIncident(page, { shortDescription: HOSTILE_SUMMARY, caller: 'Zoë Ångström 🔥', channel: 'Email', impact: 'High', urgency: 'High' })

    const dialog = await openExportDialog(page)
    await dialog.getByLabel('Which incidents').selectOption({ label: 'All incidents' })
    await expect(dialog.getByRole('checkbox', { name: /Byte-order mark/ })).toBeChecked()
    await screenshotBothThemes(page, 'csv-export-dialog', { height: 1000 })

    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Export', exact: true }).click()])
    expect(download.suggestedFilename()).toMatch(/^incidents-\d{4}-\d{2}-\d{2}\.csv$/)
    const text = await readFile((await download.path())!, 'utf8')
    expect(text.startsWith('\uFEFFNumber,State,Priority,Impact,Urgency,Short description,')).toBe(true)
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""Click"")"`)
    expect(text).toContain('Zoë Ångström 🔥')
    expect(text.endsWith('\r\n')).toBe(true)
    await expect(dialog.getByRole('status')).toHaveText('Exported 1 row.')

    // The queue as filtered on screen, without the byte-order mark.
    await dialog.getByRole('checkbox', { name: /Byte-order mark/ }).uncheck()
    await dialog.getByLabel('Which incidents').selectOption({ label: 'Current queue view: as shown' })
    const [second] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Export', exact: true }).click()])
    expect(second.suggestedFilename()).toMatch(/^incidents-as-shown-\d{4}-\d{2}-\d{2}\.csv$/)
    const plain = await readFile((await second.path())!, 'utf8')
    expect(plain.startsWith('Number,State,')).toBe(true)
    expect(plain).toContain('Zoë Ångström 🔥')
  })

  test("an agent exports one incident's audit trail from the incident view", async ({ page }) => {
    await page.addInitScript(() => {
      delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker
    })
    await openDesk(page)
    await logIncident(page, { shortDescription: 'Badge reader at the side door is dead', caller: 'Ann Lee', channel: 'Phone', impact: 'Low', urgency: 'Low' })
    await queueRow(page, 'Badge reader at the side door is dead').getByRole('rowheader').getByRole('button').click()
    await page.getByRole('button', { name: 'Export audit trail…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Export CSV' })
    await expect(dialog.getByRole('radio', { name: 'Audit trail of INC0000001' })).toBeChecked()
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Export', exact: true }).click()])
    expect(download.suggestedFilename()).toMatch(/^audit-trail-INC0000001-\d{4}-\d{2}-\d{2}\.csv$/)
    const text = await readFile((await download.path())!, 'utf8')
    const [header, first] = text.replace(/^\uFEFF/, '').split('\r\n')
    expect(header).toBe('Incident,When,Event,Summary,By,User id,Role,Device,Server sequence,Event id,Clock,Details (JSON)')
    expect(first).toMatch(/^INC0000001,\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z,IncidentLogged,/)
  })

  test('the export shows its progress and can be canceled', async ({ page }) => {
    // A picker file that holds every chunk until the test lets it go (a slow disk), keeping what
    // it was given: the progress bar stays up however slow this machine is.
    await page.addInitScript(() => {
      const record = { chunks: [] as string[], aborted: false, closed: false, released: false }
      ;(window as unknown as { exportRecord: typeof record }).exportRecord = record
      const released = () => new Promise<void>((resolve) => {
        const poll = () => (record.released ? resolve() : setTimeout(poll, 50))
        poll()
      })
      ;(window as unknown as { showSaveFilePicker: unknown }).showSaveFilePicker = async () => ({
        createWritable: async () => ({
          write: async (chunk: string) => {
            await released()
            record.chunks.push(chunk)
          },
          close: async () => void (record.closed = true),
          abort: async () => void (record.aborted = true),
        }),
      })
    })
    await openDesk(page)
    await logIncident(page, { shortDescription: 'Printer on the third floor jams', caller: 'Ann Lee', channel: 'Phone', impact: 'Low', urgency: 'Low' })

    const dialog = await openExportDialog(page)
    await dialog.getByLabel('Which incidents').selectOption({ label: 'All incidents' })
    await dialog.getByRole('button', { name: 'Export', exact: true }).click()
    const progress = dialog.getByRole('progressbar', { name: 'Export progress' })
    await expect(progress).toBeVisible()
    await expect(dialog.getByText('0 of 1 rows written')).toBeVisible()
    await screenshotBothThemes(page, 'csv-export-progress', { height: 1000 })
    await dialog.getByRole('button', { name: 'Cancel export' }).click()
    await page.evaluate(() => void ((window as unknown as { exportRecord: { released: boolean } }).exportRecord.released = true))
    await expect(dialog.getByRole('status')).toHaveText(/^Export canceled after \d+ rows; no file was kept\.$/)
    await expect(progress).toBeHidden()
    expect(await page.evaluate(() => (window as unknown as { exportRecord: { aborted: boolean; closed: boolean } }).exportRecord)).toMatchObject({
      aborted: true,
      closed: false,
    })
  })

  test('an agent imports a ServiceNow export and sees its incidents in the queue', async ({ page }) => {
    await openDesk(page)
    await page.getByRole('button', { name: 'Import CSV…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Import incidents from CSV' })
    await expect(dialog).toBeVisible()

    await dialog.getByLabel('CSV file').setInputFiles({ name: 'servicenow-incidents.csv', mimeType: 'text/csv', buffer: Buffer.from(SERVICENOW_CSV) })
    await expect(dialog.getByLabel('Exported from')).toHaveValue('servicenow')
    await expect(dialog.getByLabel('Short description')).toHaveValue('short_description')
    await dialog.getByLabel('Time zone of times without an offset').fill('Europe/Paris')
    const preview = dialog.getByRole('region', { name: /^Preview/ })
    await expect(preview.getByRole('row')).toHaveCount(3)
    await expect(preview.getByRole('row', { name: /INC0010001/ })).toContainText('2024-03-05 13:30')
    // Each is imported as its source left it.
    await expect(preview.getByRole('row', { name: /INC0010001/ })).toContainText('In Progress')
    await expect(preview.getByRole('row', { name: /INC0010002/ })).toContainText('Closed')
    await screenshotBothThemes(page, 'csv-import-mapping', { height: 1100 })

    await dialog.getByRole('button', { name: 'Import 2 incidents' }).click()
    await expect(dialog.getByRole('status').filter({ hasText: 'Imported' })).toHaveText('Imported 2 incidents.')
    await dialog.getByRole('button', { name: 'Close' }).click()
    await expect(dialog).toBeHidden()
    await expect(queueRow(page, 'Email down for the sales floor')).toContainText('Beth Anglin')
    // Closed in ServiceNow, imported closed: history, not work for the open queue.
    await expect(queueRow(page, 'VPN drops every ten minutes')).toHaveCount(0)

    // The same file again: both are found by their ServiceNow number and skipped, not doubled.
    await page.getByRole('button', { name: 'Import CSV…' }).click()
    await dialog.getByLabel('CSV file').setInputFiles({ name: 'servicenow-incidents.csv', mimeType: 'text/csv', buffer: Buffer.from(SERVICENOW_CSV) })
    await dialog.getByLabel('Time zone of times without an offset').fill('Europe/Paris')
    await expect(dialog.getByRole('group', { name: 'Already on this desk' }).getByRole('status')).toHaveText(
      '2 incidents of this file are already on this desk from an earlier import; none has changed in the file.',
    )
    await expect(dialog.getByRole('radio', { name: 'Skip them' })).toBeChecked()
    await expect(dialog.getByRole('radio', { name: /^Update the changed ones/ })).toBeDisabled()
    await expect(dialog.getByRole('button', { name: 'Import', exact: true })).toBeDisabled()
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await expect(queueRow(page, 'Email down for the sales floor')).toHaveCount(1)
  })

  test('a broken file lists every bad row with its line and cannot be imported', async ({ page }) => {
    await openDesk(page)
    await page.getByRole('button', { name: 'Import CSV…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Import incidents from CSV' })
    const broken = [
      'number,short_description,caller_id,category,impact,urgency,opened_at,contact_type',
      'INC1,Fine row,Ann,Software,1,1,2024-03-05 14:30:00,phone',
      'INC2,Bad date,Ann,Software,1,1,2024-13-45 25:00:00,phone',
      'INC3,Fine row,Ann,,2,2,2024-03-05 14:30:00,email',
      'INC4,Unknown category,Ann,Plumbing,1,1,2024-03-05 14:30:00,phone',
      'INC5,Fine row,Ann,Network,3,3,2024-03-05T14:30:00Z,',
      'INC6,Wrong column count,Ann,Software,1,1',
      'INC7,Fine row,Ann,Hardware,2,3,2024-03-05 14:30:00,walk-in',
      'INC8,"Never closed,Ann,Software,1,1,2024-03-05 14:30:00,phone',
    ].join('\n')
    await dialog.getByLabel('CSV file').setInputFiles({ name: 'broken.csv', mimeType: 'text/csv', buffer: Buffer.from(broken) })
    const problems = dialog.getByRole('region', { name: '3 problems to fix before importing' })
    await expect(problems.getByRole('listitem')).toHaveText([/^Line 3: Opened/, /^Line 7: Has 6 fields/, /^Line 9: A quote/])
    // A category the desk does not know is no problem: it waits for a choice.
    const unknown = dialog.getByRole('region', { name: '1 value the desk does not know yet' })
    await expect(unknown.getByRole('row', { name: /Plumbing/ })).toContainText('1')
    await unknown.getByLabel('Read Category “Plumbing” as').selectOption({ label: 'Leave empty' })
    await expect(unknown).toBeHidden()
    await expect(dialog.getByRole('button', { name: 'Import', exact: true })).toBeDisabled()
    await screenshotBothThemes(page, 'csv-import-errors', { height: 1100 })
  })

  test('the import reads a file as its tool wrote it: the separator and the date format are detected, shown and can be changed', async ({ page }) => {
    await openDesk(page)
    await page.getByRole('button', { name: 'Import CSV…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Import incidents from CSV' })

    // A ServiceNow event log: commas, `?` for no value, day-first dates without zero padding.
    const eventLog = [
      'number,incident_state,caller_id,opened_at,contact_type,category,cmdb_ci,impact,urgency,priority,short_description',
      'INC0000045,New,Caller 2403,29/2/2016 1:16,Phone,?,?,2 - Medium,2 - Medium,3 - Moderate,Mail client crashes',
      'INC0000046,New,Caller 2404,7/3/2016 14:05,Phone,?,?,3 - Low,3 - Low,5 - Planning,Printer offline',
      'INC0000045,Resolved,Caller 2403,29/2/2016 1:16,Phone,Software,?,2 - Medium,1 - High,2 - High,Mail client crashes',
    ].join('\n')
    await dialog.getByLabel('CSV file').setInputFiles({ name: 'incident_event_log.csv', mimeType: 'text/csv', buffer: Buffer.from(eventLog) })
    await expect(dialog.getByLabel('Fields separated by')).toHaveValue(',')
    const dates = dialog.getByLabel('Dates in this file')
    await expect(dates).toHaveValue('dmy')
    await expect(dates.locator('option:checked')).toHaveText('day first, 4/3/2026 9:15 — reads every date')
    await expect(dialog.getByText(/^The first date, 29\/2\/2016 1:16, is read as 29 February 2016 at 01:16\./)).toBeVisible()
    const preview = dialog.getByRole('region', { name: /^Preview/ })
    await expect(preview.getByRole('row', { name: /INC0000046/ })).toContainText('2016-03-07 14:05')
    // Month first is offered too, and every date it cannot read is named.
    await dates.selectOption('mdy')
    await expect(dialog.getByRole('region', { name: '1 problem to fix before importing' })).toContainText('Line 4: Opened "29/2/2016 1:16" is not a date in the chosen format (month first, 3/4/2026 9:15).')
    await screenshotBothThemes(page, 'csv-import-dates', { height: 1100 })
    await dates.selectOption('dmy')

    // A number on two rows is an incident and its update: offered as an event log, one incident each.
    const eventLogOption = dialog.getByRole('checkbox', { name: /^One row per update/ })
    await expect(eventLogOption).toBeChecked()
    await expect(dialog.getByText('1 row repeats a number another row has. 1 update folded into the incidents they describe.')).toBeVisible()
    await expect(preview.getByRole('row', { name: /INC0000045/ })).toContainText('P2 High')
    await dialog.getByRole('button', { name: 'Import 2 incidents' }).click()
    await expect(dialog.getByRole('status').filter({ hasText: 'Imported' })).toHaveText('Imported 2 incidents.')
    await dialog.getByRole('button', { name: 'Close' }).click()
    await expect(dialog).toBeHidden()
    // Resolved in ServiceNow: off the open queue; the other is still New there and here.
    await expect(queueRow(page, 'Printer offline')).toBeVisible()
    await expect(queueRow(page, 'Mail client crashes')).toHaveCount(0)
    await page.getByRole('button', { name: 'Import CSV…' }).click()

    // A GLPI 10 search export: `;`, every cell quoted, a trailing `;` on every line.
    const glpi10 = '\uFEFF' + ['"ID";"Title";"Opening date";"Priority";"Requester";', '"1 047";"Printer says \'\'paper jam\'\'";"2026-11-30 09:15";"High";"Marie Curie ";'].join('\n')
    await dialog.getByLabel('CSV file').setInputFiles({ name: 'glpi.csv', mimeType: 'text/csv', buffer: Buffer.from(glpi10) })
    await expect(dialog.getByLabel('Exported from')).toHaveValue('glpi')
    const separator = dialog.getByLabel('Fields separated by')
    await expect(separator).toHaveValue(';')
    await expect(dialog.getByText('Columns of glpi.csv (1 row)')).toBeVisible()
    await expect(dialog.getByLabel('Original number')).toHaveValue('ID')
    await separator.selectOption(',')
    await expect(dialog.getByLabel('Original number')).toHaveValue('')
    await separator.selectOption(';')
    await expect(dialog.getByLabel('Original number')).toHaveValue('ID')

    // GLPI has no impact or urgency: its priority (High, our P2) gives them.
    await expect(preview.getByRole('row', { name: /1047/ })).toContainText('P2 High')
    await dialog.getByRole('button', { name: 'Import 1 incident' }).click()
    await expect(dialog.getByRole('status').filter({ hasText: 'Imported' })).toHaveText('Imported 1 incident.')
    await dialog.getByRole('button', { name: 'Close' }).click()
    await expect(queueRow(page, 'Printer says "paper jam"')).toContainText('P2')
  })
})
