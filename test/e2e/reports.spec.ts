import { readFile } from 'node:fs/promises'
import type { Page } from '@playwright/test'
import { expect, logIncident, openDesk, screenshotBothThemes, test } from './desk'

/**
 * The Reports screen on a standalone desk (whose own user is an admin of its data), computed
 * from the local store: incidents logged through the UI show up in the figures, the tables and
 * the charts. The figures themselves are pinned by test/shared/reports against hand-computed values.
 */

async function openReports(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Reports' }).click()
  await expect(page.getByRole('heading', { name: 'Reports', level: 1 })).toBeVisible()
}

/** A key figure by its label; its accessible name is "label value". */
function figures(page: Page) {
  return page.getByRole('list', { name: 'Key figures' })
}

function figure(page: Page, label: string) {
  return figures(page).getByRole('listitem').filter({ has: page.getByText(label, { exact: true }) })
}

async function expectFigure(page: Page, label: string, value: string): Promise<void> {
  await expect(figures(page).getByRole('listitem', { name: `${label} ${value}`, exact: true })).toBeVisible()
}

test.describe('reports', () => {
  test('an admin sees this desk’s incidents in the figures, tables and charts, each saying how it is computed', async ({ page }) => {
    await openDesk(page)
    await logIncident(page, { shortDescription: 'Email down for the whole company', caller: 'Fatima Noor', channel: 'Monitoring alert', impact: 'High', urgency: 'High' })
    await logIncident(page, { shortDescription: 'VPN drops every 10 minutes', caller: 'Jorge Alvarez', channel: 'Email', impact: 'Medium', urgency: 'High' })
    await logIncident(page, { shortDescription: 'Printer on the 3rd floor jams', caller: 'Ben Whitaker', channel: 'Email', impact: 'Low', urgency: 'Medium' })

    await openReports(page)
    await expect(page.getByRole('group', { name: 'Report range' }).getByRole('button', { name: 'Last 30 days' })).toHaveAttribute('aria-pressed', 'true')
    await expectFigure(page, 'Logged', '3')
    await expectFigure(page, 'Open at end of range', '3')
    await expectFigure(page, 'Escalation rate', '0 %')
    // Nobody has responded yet: no mean to show.
    await expectFigure(page, 'MTTA (wall clock)', '—')

    const channels = page.getByRole('table', { name: 'Volume by channel' })
    await expect(channels.getByRole('row', { name: /^Email/ }).getByRole('cell').first()).toHaveText('2')
    await expect(channels.getByRole('row', { name: /^Monitoring alert/ }).getByRole('cell').first()).toHaveText('1')
    const backlog = page.getByRole('table', { name: 'Backlog by age' })
    await expect(backlog.getByRole('row', { name: /^Under 1 day/ }).getByRole('cell')).toHaveText('3')
    await expect(page.getByRole('img', { name: 'Incidents logged by channel' })).toBeVisible()
    await expect(page.getByRole('img', { name: 'SLA compliance by priority, response and resolution' })).toBeVisible()

    // The definition is one click away, next to the number.
    await figure(page, 'MTTR (business hours)').getByText('How is this computed').click()
    await expect(figure(page, 'MTTR (business hours)')).toContainText('On Hold time excluded')
    await screenshotBothThemes(page, 'reports', { height: 1400 })
  })

  test('a report table exports as CSV with the figures and their units', async ({ page }) => {
    // The download path: what a browser without the File System Access API does.
    await page.addInitScript(() => {
      delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker
    })
    await openDesk(page)
    await logIncident(page, { shortDescription: 'VPN drops every 10 minutes', caller: 'Jorge Alvarez', channel: 'Email', impact: 'Medium', urgency: 'High' })
    await openReports(page)
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV: Volume by channel' }).click()])
    expect(download.suggestedFilename()).toMatch(/^channel-\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv$/)
    const text = await readFile((await download.path())!, 'utf8')
    expect(text.split('\r\n').slice(0, 3)).toEqual(['\uFEFFChannel,Incidents,Share (%)', 'Phone,0,0', 'Email,1,100'])
    await expect(page.getByRole('status').filter({ hasText: 'Exported 6 rows.' })).toBeVisible()
  })

  test('a custom range with the end before the start is refused with a clear message', async ({ page }) => {
    await openDesk(page)
    await openReports(page)
    await page.getByRole('button', { name: 'Custom' }).click()
    await page.getByLabel('From').fill('2025-03-10')
    await page.getByLabel('To').fill('2025-03-01')
    await page.getByRole('button', { name: 'Apply' }).click()
    await expect(page.getByRole('alert')).toHaveText('The end date is before the start date.')
    await page.getByLabel('To').fill('2025-03-31')
    await page.getByRole('button', { name: 'Apply' }).click()
    await expect(page.getByText('2025-03-10 to 2025-03-31 (UTC)')).toBeVisible()
    await expectFigure(page, 'Logged', '0')
  })
})
