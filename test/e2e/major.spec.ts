import type { Locator, Page } from '@playwright/test'
import { expect, logIncident, openDesk, screenshotBothThemes, test, type IncidentReport } from './desk'
import { scaled } from './support/timeScale'

/**
 * A major incident run from the major-incident view, as an incident manager runs it: declare it,
 * gather the incidents people reported about the same outage under it, keep stakeholders
 * informed against the next-update clock, resolve everything at once, and record the review.
 * A standalone desk's own user is an admin, who may do all of it.
 */

const STORAGE_OUTAGE: IncidentReport = {
  shortDescription: 'Shared drives unreachable across head office',
  caller: 'Helena Novak',
  channel: 'Phone',
  impact: 'High',
  urgency: 'High',
}

const REPORTS: IncidentReport[] = [
  { shortDescription: 'Finance cannot open the month-end workbook', caller: 'Tomás Ibarra', channel: 'Email', impact: 'Medium', urgency: 'High' },
  { shortDescription: 'Scanner to folder fails on floor 3', caller: 'Aiko Tanaka', channel: 'Walk-in', impact: 'Low', urgency: 'Medium' },
  { shortDescription: 'Home drive missing after login', caller: 'Kwame Mensah', channel: 'Phone', impact: 'Low', urgency: 'High' },
]

function majorView(page: Page): Locator {
  return page.getByRole('article', { name: /INC0000001/ })
}

async function postUpdate(view: Locator, audience: string, text: string): Promise<void> {
  const form = view.getByRole('form', { name: 'Post stakeholder update' })
  await form.getByLabel('Audience').fill(audience)
  await form.getByLabel('Update text').fill(text)
  await form.getByRole('button', { name: 'Post update' }).click()
  await expect(form.getByRole('status')).toHaveText(`Update to ${audience} posted.`)
}

test.describe('major incidents', () => {
  // A long scenario with four screenshots pairs; the two-core machine runs it in about 20 s.
  test.setTimeout(scaled(90_000))

  test('an incident manager runs a major incident with three children, two stakeholder updates and a cascade resolve', async ({ page }) => {
    await openDesk(page)
    await logIncident(page, STORAGE_OUTAGE)
    for (const report of REPORTS) await logIncident(page, report)

    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Major incidents' }).click()
    await expect(page.getByRole('heading', { name: 'Major incidents', level: 1 })).toBeVisible()
    await expect(page.getByText('No major incident is running.')).toBeVisible()

    // Declare: a P1, so anyone at the desk may; the dialog asks who runs it and how often we report.
    await page.getByLabel('Incident to declare major').fill('1')
    await page.getByRole('button', { name: 'Declare major incident…' }).click()
    const declare = page.getByRole('dialog', { name: 'Declare major incident' })
    await expect(declare).toBeVisible()
    await declare.getByRole('button', { name: 'Declare major incident' }).click()
    await expect(declare.getByRole('alert')).toHaveText('Say why this is a major incident.')
    await declare.getByLabel('Reason').fill('Head office file services down for 200+ staff')
    await declare.getByLabel('Affected services').fill('File shares, Scan to folder')
    await declare.getByLabel('Update cadence').selectOption({ label: 'Every 1 h' })
    await declare.getByRole('button', { name: 'Declare major incident' }).click()
    await expect(declare).toBeHidden()

    const view = majorView(page)
    await expect(view.getByRole('heading', { level: 1 })).toContainText(STORAGE_OUTAGE.shortDescription)
    await expect(view.getByText('File shares, Scan to folder')).toBeVisible()
    const clock = view.getByRole('timer', { name: 'Next stakeholder update' }).first()
    await expect(clock).toContainText(/Next update due in (59|60) min|Next update due in 1 h 00 min/)

    // Link the three reports at once: two typed, one ticked in the list of open incidents.
    const link = view.getByRole('form', { name: 'Link child incidents' })
    await link.getByLabel('Incident numbers').fill('INC0000002, 3')
    await link.getByRole('checkbox', { name: /INC0000004/ }).check()
    await link.getByRole('button', { name: 'Link as child incidents' }).click()
    await expect(link.getByRole('status')).toHaveText('Linked 3 child incidents: INC0000004, INC0000002, INC0000003.')
    const children = view.getByRole('table', { name: /Child incidents/ })
    await expect(children.getByRole('row')).toHaveCount(4)

    // Linking again is refused incident by incident, with the reason.
    await link.getByLabel('Incident numbers').fill('INC0000002 INC0000099')
    await link.getByRole('button', { name: 'Link as child incidents' }).click()
    await expect(link.getByRole('status')).toContainText('2 incidents not linked.')
    await expect(link.getByRole('status')).toContainText('INC0000002: Already linked to INC0000002.')
    await expect(link.getByRole('status')).toContainText('INC0000099: INC0000099 is not on this desk.')

    // Two stakeholder updates; the log lists both, newest first, and the clock restarts.
    await postUpdate(view, 'All staff', 'Shared drives are down at head office. Engineers are on it; next update within the hour.')
    await postUpdate(view, 'Executives', 'Storage array controller failed over badly; vendor engaged, rollback under way.')
    const log = view.getByRole('list', { name: /Communication log/ })
    await expect(log.getByRole('listitem')).toHaveCount(2)
    await expect(log.getByRole('listitem').first()).toContainText('To Executives')
    await screenshotBothThemes(page, 'major-incident-view', { height: 1500 })

    // Resolve the parent: the children are resolved with its notes.
    const notes = 'Controller firmware rolled back; file services restored for all sites.'
    await view.getByLabel('Resolution notes').fill(notes)
    await view.getByRole('button', { name: 'Resolve major incident and children' }).click()
    await expect(view.getByRole('status').filter({ hasText: 'Resolved INC0000001 and 3 child incidents' })).toHaveText(
      'Resolved INC0000001 and 3 child incidents (INC0000004, INC0000002, INC0000003).',
    )
    await expect(children.getByRole('cell', { name: 'Resolved', exact: true })).toHaveCount(3)
    await expect(children.getByRole('cell', { name: notes })).toHaveCount(3)

    // The review, once resolved; read-only after it is recorded.
    const review = view.getByRole('form', { name: 'Post-incident review' })
    await review.getByLabel('Summary').fill('A failed controller failover took file services down for 95 minutes.')
    await review.getByLabel('Root cause').fill('Controller firmware 9.2 mishandles failover under load.')
    await review.getByLabel('Lessons learned').fill('Stage firmware on the standby controller first.')
    await review.getByLabel('Follow-up actions').fill('Pin firmware to 9.1 until the vendor fix\nAdd failover to the quarterly DR test')
    await review.getByRole('button', { name: 'Record review' }).click()
    const recorded = view.getByRole('definition').filter({ hasText: 'Add failover to the quarterly DR test' })
    await expect(recorded.getByRole('listitem')).toHaveText(['Pin firmware to 9.1 until the vendor fix', 'Add failover to the quarterly DR test'])
    await expect(view.getByRole('textbox', { name: 'Summary' })).toHaveCount(0)
    await view.getByRole('button', { name: 'Record a new review' }).click()
    await expect(view.getByText(/Recording again replaces the review/)).toBeVisible()
    await screenshotBothThemes(page, 'major-incident-review', { height: 1500 })

    // An hour and a bit with no update: the clock turns into an overdue warning (the all-clear is an update too).
    await page.clock.fastForward('01:05:00')
    await expect(clock).toContainText('Update overdue: Next update overdue by')
    await view.getByRole('heading', { level: 1 }).scrollIntoViewIfNeeded()
    await screenshotBothThemes(page, 'major-incident-overdue')

    // After a reload the list still shows it, with its clock.
    await page.reload()
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Major incidents' }).click()
    const item = page.getByRole('listitem').filter({ hasText: STORAGE_OUTAGE.shortDescription })
    await expect(item).toContainText('3 child incidents')
    await expect(item).toContainText('2 updates')
    await expect(item.getByRole('timer', { name: 'Next stakeholder update' })).toContainText('Update overdue')
    await screenshotBothThemes(page, 'major-incident-list')
  })
})
