import type { Locator, Page } from '@playwright/test'
import { expect, logIncident, openDesk, queueRow, screenshotBothThemes, test, type IncidentReport } from './desk'

/**
 * The queue as a triage desk works it: filters combined and saved as a named view (kept after a
 * reload), a sort by any column, many incidents selected with the keyboard and changed in one
 * action, and every incident the lifecycle refuses named with the reason.
 */

const PAYROLL: IncidentReport = { shortDescription: 'Payroll portal shows a blank page', caller: 'Amira Haddad', channel: 'Email', impact: 'Medium', urgency: 'High' }
const MAIL: IncidentReport = { shortDescription: 'Email down for the Lyon office', caller: 'Luc Moreau', channel: 'Phone', impact: 'High', urgency: 'High' }
const MONITOR: IncidentReport = { shortDescription: 'Second monitor flickers on desk 4.12', caller: 'Priya Natarajan', channel: 'Walk-in', impact: 'Low', urgency: 'Low' }

function queueTable(page: Page): Locator {
  return page.getByRole('table', { name: 'Incident queue' })
}

function numbers(page: Page): Locator {
  return queueTable(page).getByRole('rowheader')
}

function bulkBar(page: Page): Locator {
  return page.getByRole('region', { name: 'Bulk actions' })
}

function savedView(page: Page, name: string): Locator {
  return page.getByRole('navigation', { name: 'Saved views' }).getByRole('button', { name: new RegExp(`^${name}`) })
}

test.describe('queue filters, saved views and bulk actions', () => {
  test('a desk agent filters, saves the view, sorts, and bulk-assigns with the keyboard', async ({ page }) => {
    await openDesk(page)
    for (const report of [PAYROLL, MAIL, MONITOR]) await logIncident(page, report)
    await expect(numbers(page)).toHaveText(['INC0000002', 'INC0000001', 'INC0000003'])
    await expect(savedView(page, 'All open')).toHaveAccessibleName('All open 3 incidents')

    // P1 or P2: two of the three.
    const filters = page.getByRole('region', { name: 'Filters' })
    await filters.getByRole('button', { name: 'P1 Critical' }).click()
    await filters.getByRole('button', { name: 'P2 High' }).click()
    await expect(numbers(page)).toHaveText(['INC0000002', 'INC0000001'])
    await expect(page.getByText('2 incidents', { exact: true })).toBeVisible()

    await page.getByRole('button', { name: 'Save view…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Save view' })
    await dialog.getByLabel('View name').fill('Urgent')
    await dialog.getByLabel('View name').press('Enter')
    await expect(dialog).toBeHidden()
    await expect(savedView(page, 'Urgent')).toHaveAttribute('aria-current', 'true')
    await expect(savedView(page, 'Urgent')).toHaveAccessibleName('Urgent 2 incidents')

    // Sort by caller, then the other way.
    const callerHeader = queueTable(page).getByRole('columnheader', { name: 'Caller' })
    await callerHeader.getByRole('button').click()
    await expect(callerHeader).toHaveAttribute('aria-sort', 'ascending')
    await expect(numbers(page)).toHaveText(['INC0000001', 'INC0000002'])
    await callerHeader.getByRole('button').click()
    await expect(callerHeader).toHaveAttribute('aria-sort', 'descending')
    await expect(numbers(page)).toHaveText(['INC0000002', 'INC0000001'])

    // Keyboard: select the first row with x, move with j, select with Space.
    await queueTable(page).getByRole('button', { name: 'INC0000002' }).focus()
    await page.keyboard.press('x')
    await page.keyboard.press('j')
    await expect(queueTable(page).getByRole('button', { name: 'INC0000001' })).toBeFocused()
    await page.keyboard.press(' ')
    await expect(queueTable(page).getByRole('checkbox', { name: 'Select INC0000001' })).toBeChecked()
    await expect(bulkBar(page).getByRole('status')).toHaveText('2 incidents selected')
    await screenshotBothThemes(page, 'queue-bulk-selection')
    await page.setViewportSize({ width: 1920, height: 1080 })
    await screenshotBothThemes(page, 'queue-bulk-selection-1920')
    await page.setViewportSize({ width: 1280, height: 800 })

    await bulkBar(page).getByRole('button', { name: 'Assign…' }).focus()
    await page.keyboard.press('Enter')
    const assign = page.getByRole('dialog', { name: 'Assign 2 incidents' })
    await expect(assign.getByLabel('Assignment group')).toBeFocused()
    await page.keyboard.type('Service Desk')
    await assign.getByLabel('Assignee').selectOption({ label: 'Me (Desk user)' })
    await assign.getByRole('button', { name: 'Assign 2 incidents' }).press('Enter')
    await expect(assign).toBeHidden()
    await expect(page.getByRole('status').filter({ hasText: '2 incidents assigned.' })).toBeVisible()
    for (const report of [PAYROLL, MAIL]) {
      await expect(queueRow(page, report.shortDescription).getByRole('cell').nth(6)).toHaveText('Service Desk')
      await expect(queueRow(page, report.shortDescription).getByRole('cell').nth(7)).toHaveText('Desk user')
    }
    await expect(bulkBar(page)).toBeHidden()

    // The view is still there after a reload, with its live count.
    await page.reload()
    await expect(savedView(page, 'Urgent')).toHaveAccessibleName('Urgent 2 incidents')
    await savedView(page, 'Urgent').click()
    await expect(numbers(page)).toHaveText(['INC0000002', 'INC0000001'])
    await screenshotBothThemes(page, 'queue-saved-view')
  })

  test('a bulk change names every incident the lifecycle refused, and why', async ({ page }) => {
    await openDesk(page)
    await logIncident(page, PAYROLL)
    await logIncident(page, MONITOR)

    const payrollCheck = queueTable(page).getByRole('checkbox', { name: 'Select INC0000001' })
    await payrollCheck.check()
    // Nothing selected is In Progress yet: holding is not possible for any of it.
    await expect(bulkBar(page).getByRole('button', { name: 'Put on hold…' })).toBeDisabled()
    await expect(bulkBar(page).getByRole('button', { name: 'Put on hold…' })).toHaveAttribute('title', /only when In Progress/)
    await bulkBar(page).getByRole('button', { name: 'Take' }).click()
    await expect(page.getByRole('status').filter({ hasText: '1 incident taken.' })).toBeVisible()

    await payrollCheck.check()
    await queueTable(page).getByRole('checkbox', { name: 'Select INC0000002' }).check()
    await bulkBar(page).getByRole('button', { name: 'Put on hold…' }).click()
    const hold = page.getByRole('dialog', { name: 'Put on hold 2 incidents' })
    await hold.getByLabel('Hold reason').selectOption({ label: 'Awaiting Vendor' })
    await hold.getByRole('button', { name: 'Put on hold 2 incidents' }).click()

    const refusals = bulkBar(page).getByRole('alert')
    await expect(refusals).toContainText('1 of 2 not changed (1 put on hold)')
    await expect(refusals).toContainText('INC0000002: Cannot put on hold an incident that is New; only when In Progress.')
    await expect(page.getByRole('status').filter({ hasText: '1 of 2 not changed: INC0000002' })).toBeVisible()
    // The refused one stays selected, ready for another action.
    await expect(bulkBar(page).getByRole('status')).toHaveText('1 incident selected')
    await expect(queueRow(page, PAYROLL.shortDescription).getByRole('cell').nth(1)).toHaveText('On Hold')
    await screenshotBothThemes(page, 'queue-bulk-refusals')
  })

  test('an escalation shows in the queue with its reason', async ({ page }) => {
    await openDesk(page)
    await logIncident(page, MAIL)
    await queueTable(page).getByRole('checkbox', { name: 'Select INC0000001' }).check()
    await bulkBar(page).getByRole('button', { name: 'Escalate…' }).click()
    const escalate = page.getByRole('dialog', { name: 'Escalate 1 incident' })
    await escalate.getByRole('button', { name: 'Escalate 1 incident' }).click()
    await expect(escalate.getByRole('alert')).toHaveText('Choose the assignment group to escalate to.')
    await escalate.getByLabel('Escalate to level').selectOption({ label: 'L3' })
    await escalate.getByLabel('Assignment group').fill('Messaging L3')
    await escalate.getByLabel('Reason').fill('Mail gateway needs the vendor engineer.')
    await escalate.getByRole('button', { name: 'Escalate 1 incident' }).click()

    const row = queueRow(page, MAIL.shortDescription)
    await expect(row.getByRole('cell').nth(2)).toContainText('Escalated to L3, Messaging L3 by Desk user: Mail gateway needs the vendor engineer.')
    await expect(row.getByRole('cell').nth(5)).toHaveText('L3')
    await page.getByRole('region', { name: 'Filters' }).getByRole('button', { name: 'L3' }).click()
    await expect(numbers(page)).toHaveText(['INC0000001'])
    await screenshotBothThemes(page, 'queue-escalated')
  })
})
