import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { expect, logIncident, openDesk, openLogDialog, queueRow, test, type IncidentReport } from './desk'
import { ALEX } from './support/accounts'
import { scaled } from './support/timeScale'
import { signIn } from './syncDesk'

/**
 * axe over every screen of the desk, in the light and the dark theme, as a person reaches them.
 * Fails on any serious or critical violation, and on heading-order (a screen read by headings
 * must not skip a level).
 */
const ALSO_FAILING = new Set(['heading-order'])

async function expectAccessible(page: Page, screen: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme })
    const { violations } = await new AxeBuilder({ page }).analyze()
    const failing = violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical' || ALSO_FAILING.has(violation.id))
    expect(
      failing.map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).join(' | ')}`),
      `${screen}, ${colorScheme} theme`,
    ).toEqual([])
  }
  await page.emulateMedia({ colorScheme: 'light' })
}

const OUTAGE: IncidentReport = { shortDescription: 'Shared drives unreachable across head office', caller: 'Helena Novak', channel: 'Phone', impact: 'High', urgency: 'High' }
const PRINTER: IncidentReport = { shortDescription: 'Printer on floor 3 jams on every job', caller: 'Luc Moreau', channel: 'Email', impact: 'Low', urgency: 'Medium' }

async function screen(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name, exact: true }).click()
}

test.describe('accessibility of every screen, both themes', () => {
  // Axe runs on a dozen screens, each in two themes: 1.0 min alone, 1.5-2.1 min at the suite's
  // start beside another test on two cores. The limit is for a hang, not for a busy machine.
  test.setTimeout(scaled(180_000))

  test('a standalone desk: queue, logging, incident, search, majors, reports, settings', async ({ page }) => {
    await openDesk(page)
    await expectAccessible(page, 'empty queue')

    const dialog = await openLogDialog(page)
    await expectAccessible(page, 'log incident dialog')
    await dialog.getByRole('button', { name: 'Cancel' }).click()

    await logIncident(page, OUTAGE)
    await logIncident(page, PRINTER)
    await expectAccessible(page, 'queue with incidents')

    await queueRow(page, PRINTER.shortDescription).getByRole('rowheader').getByRole('button').click()
    const panel = page.getByRole('dialog', { name: new RegExp(PRINTER.shortDescription) })
    await expect(panel).toBeVisible()
    await expectAccessible(page, 'incident view')
    await panel.getByRole('button', { name: 'Close' }).click()

    await page.keyboard.press('/')
    const palette = page.getByRole('dialog', { name: 'Search incidents' })
    await palette.getByRole('combobox', { name: 'Search incidents' }).pressSequentially('printer')
    await expect(palette.getByRole('option')).toHaveCount(1)
    await expectAccessible(page, 'search palette')
    await page.keyboard.press('Escape')

    await screen(page, 'Major incidents')
    await expect(page.getByRole('heading', { name: 'Major incidents', level: 1 })).toBeVisible()
    await expectAccessible(page, 'major incident list')
    await page.getByLabel('Incident to declare major').fill('1')
    await page.getByRole('button', { name: 'Declare major incident…' }).click()
    const declare = page.getByRole('dialog', { name: 'Declare major incident' })
    await declare.getByLabel('Reason').fill('Head office file services down for 200+ staff')
    await expectAccessible(page, 'declare major incident dialog')
    await declare.getByRole('button', { name: 'Declare major incident' }).click()
    await expect(declare).toBeHidden()
    await expect(page.getByRole('heading', { level: 1 })).toContainText(OUTAGE.shortDescription)
    await expectAccessible(page, 'major incident view')

    await screen(page, 'Reports')
    await expect(page.getByRole('heading', { name: 'Reports', level: 1 })).toBeVisible()
    await expectAccessible(page, 'reports')

    await screen(page, 'Settings')
    await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible()
    await expectAccessible(page, 'settings: language')
    await page.getByRole('navigation', { name: 'Settings sections' }).getByRole('button', { name: 'Categories' }).click()
    await expectAccessible(page, 'settings: categories')
  })

  test('a desk on a sync server: sign-in and administration', async ({ page }) => {
    await openDesk(page)
    await page.getByRole('contentinfo', { name: 'Sync status' }).getByRole('button', { name: 'Sign in to sync' }).click()
    await expect(page.getByRole('dialog', { name: 'Sign in to sync' })).toBeVisible()
    await expectAccessible(page, 'sign-in dialog')
    await page.keyboard.press('Escape')

    await signIn(page, ALEX)
    await screen(page, 'Administration')
    await expect(page.getByRole('heading', { name: 'Administration', level: 1 })).toBeVisible()
    await expectAccessible(page, 'administration')
  })
})
