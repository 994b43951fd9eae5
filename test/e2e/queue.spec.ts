import type { Locator, Page } from '@playwright/test'
import { expect, fillReport, logDialog, logIncident, openDesk, openLogDialog, queueRow, screenshotBothThemes, test, type IncidentReport } from './desk'

/**
 * The incident queue and the Log incident form, driven as a desk agent drives them: by role,
 * label and keyboard. Each test gets a fresh browser context, so a fresh, empty desk; a reload
 * keeps the context's IndexedDB, which is what proves the incident was really stored.
 */

const PAYROLL_OUTAGE: IncidentReport = {
  shortDescription: 'Payroll portal shows a blank page after login',
  caller: 'Amira Haddad',
  channel: 'Email',
  impact: 'Medium',
  urgency: 'High',
}

function emptyQueueHeading(page: Page): Locator {
  return page.getByRole('heading', { name: 'No incidents yet — log the first one' })
}

async function expectQueueRow(row: Locator, number: string, cells: (string | RegExp)[]): Promise<void> {
  await expect(row.getByRole('rowheader')).toHaveText(number)
  await expect(row.getByRole('cell')).toHaveText(cells)
}

test.describe('incident queue', () => {
  test('a desk agent logs an incident and still sees it in the queue after a reload', async ({ page }) => {
    await openDesk(page)
    await expect(emptyQueueHeading(page)).toBeVisible()
    await screenshotBothThemes(page, 'queue-empty')

    const dialog = await openLogDialog(page)
    await expect(dialog.getByLabel('Caller')).toBeFocused()
    const priority = dialog.getByRole('status', { name: 'Priority' })
    await expect(priority).toHaveText('P5 Planning')
    await fillReport(dialog, PAYROLL_OUTAGE)
    await expect(priority).toHaveText('P2 High')
    await screenshotBothThemes(page, 'log-incident-dialog')
    await dialog.getByRole('button', { name: 'Save', exact: true }).click()

    await expect(dialog).toBeHidden()
    await expect(page.getByRole('status').filter({ hasText: 'INC0000001 logged.' })).toBeVisible()
    await expect(emptyQueueHeading(page)).toBeHidden()
    // Priority, state, description, caller, category, level, group, assignee, SLA time left, updated.
    // On the desk's fixed Wednesday morning a P2's 30-minute response target runs in business hours.
    const expectedCells = ['P2 High', 'New', PAYROLL_OUTAGE.shortDescription, 'Amira Haddad', '—', 'L1', '—', 'Unassigned', /^(30|29|28)m left$/, /^(09|10):\d\d$/]
    await expectQueueRow(queueRow(page, PAYROLL_OUTAGE.shortDescription), 'INC0000001', expectedCells)
    await expect(page.getByText('1 incident', { exact: true })).toBeVisible()
    // No sync server: the status bar says so first, not "Online".
    await expect(page.getByRole('contentinfo', { name: 'Sync status' }).getByRole('status').first()).toHaveText('Standalone')
    await screenshotBothThemes(page, 'queue-one-incident')

    await page.reload()
    await expectQueueRow(queueRow(page, PAYROLL_OUTAGE.shortDescription), 'INC0000001', expectedCells)
    await expect(emptyQueueHeading(page)).toBeHidden()
  })

  test('a log without a short description is refused with a clear message and adds nothing', async ({ page }) => {
    await openDesk(page)
    const dialog = await openLogDialog(page)
    await dialog.getByLabel('Short description').fill('   ')
    await dialog.getByLabel('Caller').fill('Jonas Berg')
    await dialog.getByRole('button', { name: 'Save', exact: true }).click()

    await expect(dialog.getByRole('alert')).toHaveText('A short description is required.')
    const shortDescription = dialog.getByLabel('Short description')
    await expect(shortDescription).toBeFocused()
    await expect(shortDescription).toHaveAccessibleDescription('A short description is required.')
    await screenshotBothThemes(page, 'log-incident-refused')

    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await expect(dialog).toBeHidden()
    await expect(emptyQueueHeading(page)).toBeVisible()
    await page.reload()
    await expect(emptyQueueHeading(page)).toBeVisible()
  })

  test('the queue shows the most urgent incident first', async ({ page }) => {
    await openDesk(page)
    await logIncident(page, {
      shortDescription: 'Second monitor flickers on desk 4.12',
      caller: 'Priya Natarajan',
      channel: 'Walk-in',
      impact: 'Low',
      urgency: 'Low',
    })
    await logIncident(page, {
      shortDescription: 'Email delivery stopped for the whole Lyon office',
      caller: 'Luc Moreau',
      channel: 'Phone',
      impact: 'High',
      urgency: 'High',
    })
    await logIncident(page, PAYROLL_OUTAGE)

    const numbers = page.getByRole('table', { name: 'Incident queue' }).getByRole('rowheader')
    await expect(numbers).toHaveText(['INC0000002', 'INC0000003', 'INC0000001'])
    await expect(page.getByText('3 incidents', { exact: true })).toBeVisible()
    await screenshotBothThemes(page, 'queue-three-incidents')
  })

  test('the keyboard opens the log form with N and closes it with Escape', async ({ page }) => {
    await openDesk(page)
    await page.keyboard.press('n')
    const dialog = logDialog(page)
    await expect(dialog).toBeVisible()
    // The key that opened the form is not typed into it.
    await expect(dialog.getByLabel('Caller')).toBeFocused()
    await expect(dialog.getByLabel('Caller')).toHaveValue('')

    await page.keyboard.press('Escape')
    await expect(dialog).toBeHidden()
    await expect(emptyQueueHeading(page)).toBeVisible()

    await page.getByRole('button', { name: 'Log the first incident' }).focus()
    await page.keyboard.press('Enter')
    await expect(dialog).toBeVisible()
    await page.keyboard.press('Escape')
    await expect(dialog).toBeHidden()
    // Focus goes back where it was, so the keyboard user does not start over from the top.
    await expect(page.getByRole('button', { name: 'Log the first incident' })).toBeFocused()
  })

  test('the keyboard opens an incident from the queue, and Escape returns to its row', async ({ page }) => {
    await openDesk(page)
    await logIncident(page, PAYROLL_OUTAGE)
    const number = queueRow(page, PAYROLL_OUTAGE.shortDescription).getByRole('button', { name: 'INC0000001' })
    await number.focus()
    await page.keyboard.press('Enter')

    const panel = page.getByRole('dialog', { name: /Payroll portal shows a blank page after login/ })
    await expect(panel).toBeVisible()
    const activity = panel.getByRole('list', { name: 'Activity' })
    await expect(activity.getByRole('listitem')).toHaveCount(1)
    await expect(activity).toContainText('Logged the incident')
    await expect(activity).toContainText('Desk user')

    await page.keyboard.press('Escape')
    await expect(panel).toBeHidden()
    await expect(number).toBeFocused()
  })
})
