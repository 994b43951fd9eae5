import type { Locator, Page } from '@playwright/test'
import { expect, fillReport, openDesk, openLogDialog, queueRow, screenshotBothThemes, test, type IncidentReport } from './desk'

/**
 * Search, as a desk agent uses it: from the keyboard, anywhere in the desk, over everything an
 * incident holds, including the work notes written on it.
 */

const PRINTER: IncidentReport = {
  shortDescription: 'Printer on the 3rd floor jams on duplex jobs',
  caller: 'Ben Whitaker',
  channel: 'Walk-in',
  impact: 'Medium',
  urgency: 'Medium',
}

const VPN: IncidentReport = {
  shortDescription: 'VPN drops every ten minutes when working from home',
  caller: 'Jorge Alvarez',
  channel: 'Email',
  impact: 'Medium',
  urgency: 'High',
}

const OUTLOOK: IncidentReport = {
  shortDescription: 'Outlook keeps asking for the password',
  caller: 'Margaret Chen',
  channel: 'Phone',
  impact: 'Low',
  urgency: 'Medium',
}

/** Like desk.ts's logIncident, with the exact Save button (the form also offers "Save and new"). */
async function logIncident(page: Page, report: IncidentReport): Promise<void> {
  const dialog = await openLogDialog(page)
  await fillReport(dialog, report)
  await dialog.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(dialog).toBeHidden()
}

function searchPalette(page: Page): Locator {
  return page.getByRole('dialog', { name: 'Search incidents' })
}

function incidentPanel(page: Page, shortDescription: string): Locator {
  return page.getByRole('dialog', { name: new RegExp(shortDescription) })
}

async function addWorkNote(page: Page, shortDescription: string, text: string): Promise<void> {
  await queueRow(page, shortDescription).getByRole('rowheader').getByRole('button').click()
  const panel = incidentPanel(page, shortDescription)
  await expect(panel).toBeVisible()
  await panel.getByLabel('Note', { exact: true }).fill(text)
  await panel.getByRole('button', { name: 'Add work note' }).click()
  await expect(panel.getByRole('list', { name: 'Activity' })).toContainText(text)
  await panel.getByRole('button', { name: 'Close' }).click()
  await expect(panel).toBeHidden()
}

test.describe('search', () => {
  test('an agent finds an incident by a word in its work note and opens it with Enter', async ({ page }) => {
    await openDesk(page)
    await logIncident(page, PRINTER)
    await logIncident(page, VPN)
    await logIncident(page, OUTLOOK)
    await addWorkNote(page, VPN.shortDescription, 'Reproduced on the hotel wifi: the quokka router drops long-lived tunnels.')

    await page.keyboard.press('/')
    const palette = searchPalette(page)
    await expect(palette).toBeVisible()
    const box = palette.getByRole('combobox', { name: 'Search incidents' })
    await expect(box).toBeFocused()
    await box.pressSequentially('quokka')

    const results = palette.getByRole('listbox', { name: 'Search results' }).getByRole('option')
    await expect(results).toHaveCount(1)
    await expect(results.first()).toContainText('INC0000002')
    await expect(results.first()).toContainText(VPN.shortDescription)
    await expect(results.first()).toContainText('Work note (internal): Reproduced on the hotel wifi: the quokka router')
    await expect(results.first()).toHaveAttribute('aria-selected', 'true')
    await expect(palette.getByRole('status')).toHaveText('1 incident found.')
    await screenshotBothThemes(page, 'search-palette-work-note')

    await page.keyboard.press('Enter')
    await expect(palette).toBeHidden()
    await expect(incidentPanel(page, VPN.shortDescription)).toBeVisible()
  })

  test('Ctrl+K opens search; arrow keys move through ranked results; Escape closes', async ({ page }) => {
    await openDesk(page)
    await logIncident(page, PRINTER)
    await logIncident(page, { ...OUTLOOK, shortDescription: 'Printer driver missing after update' })
    await logIncident(page, VPN)

    await page.keyboard.press('Control+k')
    const palette = searchPalette(page)
    const box = palette.getByRole('combobox', { name: 'Search incidents' })
    await expect(box).toBeFocused()
    await box.pressSequentially('print')
    const results = palette.getByRole('option')
    await expect(results).toHaveCount(2)
    // The more urgent, most recent first among equals; the marked word is the one the prefix matched.
    await expect(results.nth(0).locator('mark').first()).toHaveText('Printer')
    await screenshotBothThemes(page, 'search-palette')

    await expect(results.nth(0)).toHaveAttribute('aria-selected', 'true')
    await page.keyboard.press('ArrowDown')
    await expect(results.nth(1)).toHaveAttribute('aria-selected', 'true')
    await expect(box).toHaveAttribute('aria-activedescendant', (await results.nth(1).getAttribute('id'))!)
    await page.keyboard.press('ArrowDown')
    await expect(results.nth(0)).toHaveAttribute('aria-selected', 'true')
    await page.keyboard.press('ArrowUp')
    await expect(results.nth(1)).toHaveAttribute('aria-selected', 'true')
    const chosen = (await results.nth(1).textContent()) ?? ''

    await box.fill('teleportation')
    await expect(palette.getByRole('status')).toHaveText('No incidents match “teleportation”.')
    await expect(results).toHaveCount(0)

    await page.keyboard.press('Escape')
    await expect(palette).toBeHidden()
    expect(chosen).toContain('Print')
  })

  test('search finds an incident by its number, with or without the prefix', async ({ page }) => {
    await openDesk(page)
    await logIncident(page, PRINTER)
    await logIncident(page, VPN)
    await page.keyboard.press('/')
    const palette = searchPalette(page)
    const box = palette.getByRole('combobox', { name: 'Search incidents' })
    await box.pressSequentially('2')
    await expect(palette.getByRole('option')).toHaveCount(1)
    await expect(palette.getByRole('option').first()).toContainText(VPN.shortDescription)
    await box.fill('INC0000001')
    await expect(palette.getByRole('option').first()).toContainText(PRINTER.shortDescription)
  })

  test('after a reload, choosing a resolved incident outside the queue’s filter opens it, by Enter and by click', async ({ page }) => {
    await openDesk(page)
    await logIncident(page, PRINTER)
    await logIncident(page, VPN)
    await queueRow(page, VPN.shortDescription).getByRole('rowheader').getByRole('button').click()
    const panel = incidentPanel(page, VPN.shortDescription)
    await page.keyboard.press('a')
    await page.keyboard.press('r')
    const resolve = page.getByRole('dialog', { name: 'Resolve', exact: true })
    await resolve.getByLabel('Resolution code').selectOption({ label: 'Workaround provided' })
    await resolve.getByLabel('Resolution notes').fill('Pinned the VPN gateway until the firmware fix.')
    await resolve.getByRole('button', { name: 'Resolve' }).click()
    await expect(resolve).toBeHidden()
    await panel.getByRole('button', { name: 'Close' }).click()
    // Resolved: gone from the open queue.
    await expect(queueRow(page, VPN.shortDescription)).toHaveCount(0)

    await page.reload()
    await expect(page.getByRole('heading', { name: 'Incident queue', level: 1 })).toBeVisible()
    for (const choose of ['Enter', 'click'] as const) {
      await page.keyboard.press('/')
      const palette = searchPalette(page)
      await palette.getByRole('combobox', { name: 'Search incidents' }).pressSequentially('VPN')
      const result = palette.getByRole('listbox', { name: 'Search results' }).getByRole('option').first()
      await expect(result).toContainText(VPN.shortDescription)
      if (choose === 'Enter') await page.keyboard.press('Enter')
      else await result.click()
      await expect(palette).toBeHidden()
      await expect(incidentPanel(page, VPN.shortDescription)).toBeVisible()
      await expect(incidentPanel(page, VPN.shortDescription)).toContainText('Resolved')
      await incidentPanel(page, VPN.shortDescription).getByRole('button', { name: 'Close' }).click()
    }
  })
})
